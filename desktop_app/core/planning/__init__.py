"""The plan: candidate slots, the greedy baseline, the CP-SAT model and search, the background
process, reasons in the domain's words, conflicts, moves and the other visit actions.

May import core.model, core.store and core.calendar; not feeds, dataset or reports.
"""
