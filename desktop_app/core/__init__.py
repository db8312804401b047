"""The Qt-free core: domain model, calendars, scheduling, storage, import and export.

Nothing under this package may import PySide6 (tests/core/test_qt_free.py enforces it),
so everything the GUI does can also be done from the command line.
"""

import sys as _sys


def _import_sqlite_utils_without_pandas() -> None:
    """Import sqlite-utils without letting it load pandas.

    sqlite-utils imports pandas (about 0.3 s, a third of a CLI command's start-up) only to
    accept DataFrames, which this program never passes. pandas stays importable for whoever
    needs it later (OR-Tools does).
    """
    if "sqlite_utils" in _sys.modules:
        return
    missing = object()
    saved = _sys.modules.get("pandas", missing)
    _sys.modules["pandas"] = None  # makes `import pandas` raise ImportError inside sqlite-utils
    try:
        import sqlite_utils  # noqa: F401
    finally:
        if saved is missing:
            del _sys.modules["pandas"]
        else:
            _sys.modules["pandas"] = saved


_import_sqlite_utils_without_pandas()
