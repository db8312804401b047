"""Two writers on one file (issue 13): a write waits for another process's write transaction up to
the busy timeout, then fails with a message (never a bare "database is locked"); whatever a plan,
a preview or an edit was computed from is compared with the file when it is saved (data_version)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop_app.core.model.domain import HolidayKind, HolidayOverride
from desktop_app.core.planning import visit_actions
from desktop_app.core.store.database import (
    BUSY_TIMEOUT_ENVIRONMENT, DatabaseBusyError, data_version, open_database,
)
from desktop_app.core.store.repository import Repository, StaleEditError


@contextmanager
def write_lock_held_by_another_process(path: Path, *, seconds: float = 120.0):
    """A second process holding BEGIN IMMEDIATE on ``path`` until the block ends (or ``seconds``)."""
    script = textwrap.dedent(f"""
        import sqlite3, sys
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        sys.stdin.readline()      # released when the test closes our stdin, or after the timeout below
        conn.execute("ROLLBACK")
    """)
    holder = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.stdin.close()
        holder.wait(timeout=seconds)


def test_a_write_while_another_process_writes_fails_with_a_message_after_the_timeout(demo_repo, db_path,
                                                                                     monkeypatch):
    monkeypatch.setenv(BUSY_TIMEOUT_ENVIRONMENT, "0.3")
    db = open_database(db_path)           # a connection opened with the short timeout
    repo = Repository(db)
    before = repo.settings()
    with write_lock_held_by_another_process(db_path):
        with pytest.raises(DatabaseBusyError, match="Another window or command is writing"):
            repo.save_settings(before.__class__(**{**before.__dict__, "grain_minutes": 15}))
        # An edit that reads before it writes (the case SQLite cannot wait for in a deferred transaction).
        with pytest.raises(StaleEditError, match="Another window is writing"):
            repo.replace_holiday_override(None, HolidayOverride(dt.date(2026, 12, 2), HolidayKind.HOLIDAY, "x"))
    assert repo.settings() == before
    assert repo.holiday_override(dt.date(2026, 12, 2)) is None


def test_a_write_waits_for_a_short_transaction_of_another_process(demo_repo, db_path, monkeypatch):
    """Read-then-write in one transaction waits its turn (BEGIN IMMEDIATE) instead of failing at once."""
    from desktop_app.core.planning.scheduler import run_schedule

    run_schedule(demo_repo, dt.date(2026, 11, 30), solver="greedy")
    monkeypatch.setenv(BUSY_TIMEOUT_ENVIRONMENT, "60")
    db = open_database(db_path)
    repo = Repository(db)
    visits = visit_actions.load_visits(repo, [v.id for v in repo.visits()[:3]])
    with write_lock_held_by_another_process(db_path) as holder:
        # Released from a thread while the lock call below is already waiting.
        import threading

        releaser = threading.Timer(0.5, holder.stdin.close)
        releaser.start()
        changed = visit_actions.set_locked(repo, visits, True)
        releaser.join()
    assert len(changed) == 3 and all(v.locked for v in visit_actions.load_visits(repo, [v.id for v in visits]))


def test_every_write_of_planning_data_raises_the_data_version_and_publishing_settings_do_not(demo_repo):
    db = demo_repo.db
    version = data_version(db)
    demo_repo.replace_holiday_override(None, HolidayOverride(dt.date(2026, 12, 2), HolidayKind.HOLIDAY, "停电"))
    assert data_version(db) > version
    settings = demo_repo.settings()
    demo_repo.save_settings(settings)      # every key stored once (the demo stores only some)
    version = data_version(db)
    demo_repo.save_settings(settings)
    assert data_version(db) == version, "saving unchanged settings changes nothing"
    demo_repo.save_settings(settings.__class__(**{**settings.__dict__, "export_folder": "/srv/feeds",
                                                  "bureau_name": "某区行政审批局"}))
    assert data_version(db) == version, "a setting the planner does not read leaves the version alone"
    demo_repo.save_settings(settings.__class__(**{**settings.__dict__, "notice_working_days": 2}))
    assert data_version(db) > version
    version = data_version(db)
    db.execute("UPDATE departments SET daily_capacity = 3 WHERE code = 'D01'")
    assert data_version(db) > version
