"""Opening the database: the safety rules of DESIGN §9."""

import sqlite3
import subprocess

import pytest

from desktop_app.core.store.repository import Repository
from desktop_app.core.store.database import (
    APPLICATION_ID, MIGRATION_SET, StorageError, open_database, schema_version,
)


def test_new_database_has_foreign_keys_and_wal(db_path):
    db = open_database(db_path)
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert "visits" in db.table_names()
    applied = db.execute("SELECT count(*) FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]).fetchone()
    assert applied[0] == schema_version()


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO items (code, name, department, duration_minutes) VALUES ('I1', 'x', 'NOPE', 30)")


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes("这不是数据库 — just text\n".encode() * 200)
    before = path.read_bytes()
    with pytest.raises(StorageError, match="not a SQLite database"):
        open_database(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def _customers(path, *, wal=False, application_id=0, tables=True, migrations_of=None) -> None:
    """A SQLite file another program wrote."""
    conn = sqlite3.connect(path)
    if tables:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('ACME 有限公司')")
    if migrations_of:
        conn.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, "
                     "applied_at TEXT)")
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, 'm001', '')",
                     [migrations_of])
    if application_id:
        conn.execute(f"PRAGMA application_id = {application_id}")
    conn.execute("PRAGMA user_version = 7")   # the header is written even without a table
    conn.commit()
    if wal:
        conn.execute("PRAGMA journal_mode = wal")
    conn.close()


@pytest.mark.parametrize("kind", ["customers", "customers in WAL mode", "another program's mark, no tables",
                                  "another program's migrations"])
def test_a_sqlite_file_of_another_program_is_refused_untouched(tmp_path, kind):
    path = tmp_path / "customers.sqlite"
    _customers(path, wal=kind == "customers in WAL mode",
               application_id=0x12345678 if "mark" in kind else 0, tables="no tables" not in kind,
               migrations_of="crm" if "migrations" in kind else None)
    before = path.read_bytes()
    with pytest.raises(StorageError, match="SQLite database of another program") as refused:
        open_database(path)
    assert str(path) in str(refused.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.sqlite"], "no -wal, -shm or backup beside it"


def test_a_sqlite_file_another_program_has_open_in_wal_mode_is_refused_untouched(tmp_path):
    """Its newest rows are still in its -wal: read through it, and leave all three files as they were."""
    path = tmp_path / "customers.sqlite"
    _customers(path, wal=True)
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER)")
    writer.commit()
    try:
        files = {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.endswith("-shm")}
        assert set(files) == {"customers.sqlite", "customers.sqlite-wal"}
        with pytest.raises(StorageError, match="SQLite database of another program"):
            open_database(path)
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.endswith("-shm")} == files
        assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.sqlite", "customers.sqlite-shm",
                                                              "customers.sqlite-wal"]
    finally:
        writer.close()


def test_a_new_database_of_ours_still_open_elsewhere_is_recognised(db_path):
    """Our mark may still be in the -wal of a window that created the file: it is ours all the same."""
    window = open_database(db_path)
    window.execute("PRAGMA wal_autocheckpoint = 0")
    Repository(window).save_settings(Repository(window).settings())
    try:
        second = open_database(db_path)
        assert "visits" in second.table_names()
        second.close()
    finally:
        window.close()


def test_an_empty_sqlite_file_becomes_a_database_of_ours(tmp_path):
    path = tmp_path / "empty.sqlite"
    _customers(path, tables=False)
    assert path.stat().st_size > 0
    db = open_database(path)
    assert "visits" in db.table_names()
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_new_database_carries_our_mark_in_its_header(db_path):
    open_database(db_path).close()
    assert int.from_bytes(db_path.read_bytes()[68:72], "big") == APPLICATION_ID


def test_a_database_from_a_newer_version_is_refused_untouched(db_path):
    db = open_database(db_path)
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
               [MIGRATION_SET, "m999_from_the_future", "2030-01-01 00:00:00+00:00"])
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="newer version"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_a_read_only_location_gets_a_clear_error(read_only_folder):
    with pytest.raises(StorageError, match="read-only"):
        open_database(read_only_folder / "bureau.sqlite")
    assert list(read_only_folder.iterdir()) == []


def test_committed_work_survives_a_killed_process(db_path):
    """A process killed right after a commit (and in the middle of the next) leaves the commit."""
    open_database(db_path).close()
    script = f"""
import os, signal
from desktop_app.core.store.database import open_database
db = open_database({str(db_path)!r})
with db.atomic():
    db['places'].insert({{'code': 'P1', 'name': '电子信息产业园', 'address': ''}})
db.execute('BEGIN')
db['places'].insert({{'code': 'P2', 'name': 'never committed', 'address': ''}})
os.kill(os.getpid(), signal.SIGKILL)
"""
    result = subprocess.run(["python", "-c", script], capture_output=True)
    assert result.returncode == -9
    places = [p.code for p in Repository(open_database(db_path)).places()]
    assert places == ["P1"]
