"""The Qt-free core: domain model, calendars, scheduling, storage, import and export.

Nothing under this package may import PySide6 (tests/core/test_qt_free.py enforces it),
so everything the GUI does can also be done from the command line.
"""
