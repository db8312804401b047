"""The Qt-free core: domain model, storage, calendars, planning, feeds, dataset import and reports.

Nothing under this package imports PySide6, the printing package, the UI or the CLI (import-linter
contracts in pyproject.toml), so everything the GUI does can also be done from the command line.
Its parts stand in layers, each importing only those below it:
model ← store ← calendar ← acceptance ← planning | feeds | dataset ← reports.
"""

import sys as _sys


_OPTIONAL = ("pandas", "numpy")


def _import_sqlite_utils_without_pandas() -> None:
    """Import sqlite-utils without letting it load pandas and numpy.

    sqlite-utils imports them (about 0.4 s, a third of a CLI command's start-up) only to accept
    DataFrames and numpy values, which this program never passes. Both stay importable for
    whoever needs them later (OR-Tools does).
    """
    if "sqlite_utils" in _sys.modules:
        return
    missing = object()
    saved = {name: _sys.modules.get(name, missing) for name in _OPTIONAL}
    for name in _OPTIONAL:
        if saved[name] is missing:
            _sys.modules[name] = None  # makes `import name` raise ImportError inside sqlite-utils
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name, module in saved.items():
            if module is missing:
                del _sys.modules[name]


_import_sqlite_utils_without_pandas()
