"""What departments subscribe to: iCal feeds and invitations, folder and CalDAV publishing.

May import core.model, core.store and core.calendar; not planning, dataset or reports.
"""
