"""Opening the database both faces start from: the embedded default in the user data folder gets the
demo data on its first run, a file named with --db never does."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
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


_SIDE_FILES = ("-wal", "-shm", "-journal")


@contextlib.contextmanager
def database_for_import(db_path: Path | None) -> Iterator[tuple[Database, Path]]:
    """The database an import writes into (never the demo), for a ``with`` block.

    When the block fails and the file did not exist before (or was empty), nothing is left behind:
    no database, no -wal/-shm, no folder made for it — the user only tried to import. A database
    that existed is left to the import's own transaction, byte for byte as it was.
    """
    path = (Path(db_path) if db_path else default_database_path()).expanduser().resolve()
    size = path.stat().st_size if path.exists() else None
    if size:
        db, path, _ = open_or_create(path, demo_on_first_run=False)
        yield db, path
        return
    made_folders = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    side_files = [path.with_name(path.name + suffix) for suffix in _SIDE_FILES]
    present_before = {side for side in side_files if side.exists()}
    db = None
    try:
        db, path, _ = open_or_create(path, demo_on_first_run=False)
        yield db, path
    except BaseException:
        if db is None or _still_empty(db):
            if db is not None:
                db.close()
            _remove_new_files(path, size, [s for s in side_files if s not in present_before], made_folders)
        raise


def _still_empty(db: Database) -> bool:
    """Nothing but our schema: another process did not import into the new file meanwhile."""
    try:
        return Repository(db).is_empty()
    except sqlite3.Error:   # cannot tell (e.g. locked by that other process): keep the file
        return False


def _remove_new_files(path: Path, size: int | None, side_files: list[Path], made_folders: list[Path]) -> None:
    with contextlib.suppress(OSError):
        if size == 0:
            path.write_bytes(b"")       # it was an empty file: it stays one
        else:
            path.unlink(missing_ok=True)
    for side in side_files:
        with contextlib.suppress(OSError):
            side.unlink(missing_ok=True)
    for folder in made_folders:         # deepest first; only while still empty
        with contextlib.suppress(OSError):
            folder.rmdir()
