"""Opening the database both faces start from: the embedded default in the user data folder gets the
demo data on its first run, a file named with --db never does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import platformdirs
from sqlite_utils import Database

from desktop_app.core.calendar.availability import store_calendar_bytes
from desktop_app.core.dataset.demo import load_demo
from desktop_app.core.store.database import open_database
from desktop_app.core.store.repository import Repository

APP_NAME = "joint-acceptance"
APP_AUTHOR = "JointAcceptance"


def default_database_path() -> Path:
    """The embedded default: a database in the user data directory."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "joint-acceptance.sqlite"


def open_or_create(db_path: Path | None, today: dt.date | None = None, *,
                   demo_on_first_run: bool = True) -> tuple[Database, Path, bool]:
    """Open the database; the embedded default one gets the demo data while it is empty (first run).

    Returns the database, its path and whether the demo was loaded. A database named with --db is
    never filled on its own, and neither is the default one for `import` (it brings its own data).
    """
    path = Path(db_path) if db_path else default_database_path()
    db = open_database(path)
    if db_path is None and demo_on_first_run and Repository(db).is_empty():
        load_demo(db, today=today or dt.date.today(), availability_writer=store_calendar_bytes, history=True)
        return db, path, True
    return db, path, False
