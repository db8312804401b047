"""Time as the scheduler sees it: working days and 调休, reading iCalendar, busy and free time.

May import core.model and core.store; knows nothing of planning, feeds or reports.
"""
