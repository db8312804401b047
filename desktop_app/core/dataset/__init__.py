"""Getting data in: the dataset folder or workbook of DESIGN §5 (read, validate, import), the demo,
and the database a first run opens.

May import core.model, core.store and core.calendar (it checks the busy-time files it brings).
"""
