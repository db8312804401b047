"""Real processes on one database file at once (issue 13): two schedules never both save, a write
that meets another process's write waits and then says so (exit 2, never "database is locked" and
exit 1), imports take turns, and a SQLite file of another program is refused untouched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest

from desktop_app.core.calendar.availability import Availability
from desktop_app.core.model.domain import VisitStatus
from desktop_app.core.store.database import BUSY_TIMEOUT_ENVIRONMENT, open_database
from desktop_app.core.store.repository import Repository
from desktop_app.paths import DEMO_DATASET
from tests.core.planning.schedule_checker import Data, check_schedule
from tests.core.store.test_concurrency import write_lock_held_by_another_process

TODAY = "2026-11-30"


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "desktop_app", "--lang", "en", *args]


def environment(busy_timeout: float) -> dict[str, str]:
    return {**os.environ, BUSY_TIMEOUT_ENVIRONMENT: str(busy_timeout)}


def run(*args: str, busy_timeout: float = 5.0) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), capture_output=True, text=True, timeout=180,
                          env=environment(busy_timeout))


def dump(path: Path) -> tuple:
    db = open_database(path)
    try:
        return tuple(db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                     for table in ("visits", "visit_departments", "projects", "settings", "departments",
                                   "busy_events", "data_version"))
    finally:
        db.close()


@pytest.fixture
def demo_file(tmp_path) -> Path:
    path = tmp_path / "bureau.sqlite"
    created = run("demo", "--db", str(path), "--today", TODAY)
    assert created.returncode == 0, created.stderr
    return path


def assert_no_double_booking(path: Path) -> None:
    """The invariant two planning runs must never break, checked independently of the scheduler."""
    db = open_database(path)
    try:
        repo = Repository(db)
        visits = repo.visits()
        # A visit that took place (the demo's past) is history; each request has at most one visit to come.
        per_project = Counter(v.project for v in visits if v.status is not VisitStatus.DONE)
        assert max(per_project.values()) == 1, f"requests with more than one visit to come: {per_project}"
        first = min(v.start.date() for v in visits)
        last = max(v.start.date() for v in visits)
        availability = Availability.from_repository(repo, first, last)
        data = Data({d.code: d for d in repo.departments()}, {i.code: i for i in repo.items()},
                    {p.code: p for p in repo.projects()}, availability.calendar, availability.busy,
                    repo.travel_matrix(), repo.settings())
        broken = [p for p in check_schedule(visits, data)
                  if "visits, capacity" in p or "overlap" in p or "no time to travel" in p]
        assert broken == []
    finally:
        db.close()
    listed = run("conflicts", "--db", str(path), "--today", TODAY, "--json")
    assert listed.returncode == 0, listed.stderr
    assert [c for c in json.loads(listed.stdout)["conflicts"] if c["kind"] in ("capacity", "overlap", "travel")] == []


def test_two_schedules_started_at_once_never_both_save(demo_file):
    """Both CP-SAT runs start together and plan from the same state; this test holds the write lock
    while they load and solve (readers are not blocked in WAL mode), so both reach their save while
    the lock is held and then compete for it. Whatever the interleaving: one saves, the other saves
    on top of it only if it planned from the saved state, else it is refused with exit 2."""
    with write_lock_held_by_another_process(demo_file) as holder:
        runs = [subprocess.Popen(command("schedule", "--db", str(demo_file), "--today", TODAY, "--solver", "cpsat",
                                         "--time-limit", "3"),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=environment(busy_timeout=120)) for _ in range(2)]
        # Let both load and solve while the lock is held; release it then (or at once if both ended).
        finished = threading.Event()
        threading.Thread(target=lambda: (runs[0].wait(), runs[1].wait(), finished.set()), daemon=True).start()
        finished.wait(timeout=12)
        holder.stdin.close()
        outputs = [process.communicate(timeout=180) for process in runs]
    codes = [process.returncode for process in runs]
    assert set(codes) <= {0, 2}, outputs
    assert 0 in codes, outputs
    for code, (_, stderr) in zip(codes, outputs):
        if code == 2:
            assert "The schedule changed while planning" in stderr and "Run again" in stderr
            assert len(stderr.strip().splitlines()) == 1
    assert_no_double_booking(demo_file)
    db = open_database(demo_file)
    try:
        assert len([v for v in Repository(db).visits() if v.project <= "XM2026-030"]) == 30   # not the demo's past
    finally:
        db.close()


def test_a_second_schedule_after_the_first_saved_changes_nothing(demo_file):
    first = run("schedule", "--db", str(demo_file), "--today", TODAY, "--time-limit", "3")
    assert first.returncode == 0, first.stderr
    second = run("schedule", "--db", str(demo_file), "--today", TODAY, "--time-limit", "3", "--json")
    assert second.returncode == 0, second.stderr
    assert [v for v in json.loads(second.stdout)["visits"] if v["change"] != "unchanged"] == []
    assert_no_double_booking(demo_file)


@pytest.mark.parametrize("args", [
    ("import", str(DEMO_DATASET)),
    ("visit", "lock", "1"),
    ("move", "{visit}", "{slot}"),
    ("export", "{folder}"),
    ("schedule", "--solver", "greedy", "--today", TODAY),
    ("settings", "grain_minutes", "15"),
    ("department", "block", "D01", "2026-12-04"),
], ids=lambda args: args[0] + (f" {args[1]}" if args[0] in ("visit",) else ""))
def test_a_command_while_another_process_writes_waits_then_says_so(demo_file, tmp_path, args):
    scheduled = run("schedule", "--db", str(demo_file), "--today", TODAY, "--solver", "greedy")
    assert scheduled.returncode == 0, scheduled.stderr
    if "{slot}" in args:
        visit = json.loads(run("visit", "list", "--db", str(demo_file), "--json").stdout)[-1]["id"]
        slots = run("visit", "slots", str(visit), "--db", str(demo_file), "--today", TODAY, "--json")
        args = ("move", str(visit), json.loads(slots.stdout)["slots"][0]["start"], "--today", TODAY)
    args = tuple(a.replace("{folder}", str(tmp_path / "feeds")) for a in args)
    before = dump(demo_file)
    with write_lock_held_by_another_process(demo_file):
        result = run(*args, "--db", str(demo_file), busy_timeout=0.5)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        f"Another window or command is writing to the database {demo_file}; waited 0.5 s for it. "
        "Try again when it has finished.")
    assert dump(demo_file) == before


def test_a_command_waits_for_a_write_that_ends_within_the_timeout(demo_file):
    run("schedule", "--db", str(demo_file), "--today", TODAY, "--solver", "greedy")
    with write_lock_held_by_another_process(demo_file) as holder:
        process = subprocess.Popen(command("visit", "lock", "1", "2", "--db", str(demo_file)),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=environment(busy_timeout=120))
        threading.Timer(1.0, holder.stdin.close).start()
        stdout, stderr = process.communicate(timeout=180)
    assert process.returncode == 0, stderr
    assert "2 visit(s) locked" in stdout


def test_two_imports_at_once_take_turns(tmp_path):
    path = tmp_path / "new.sqlite"
    runs = [subprocess.Popen(command("import", str(DEMO_DATASET), "--db", str(path), "--json"),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=environment(busy_timeout=120)) for _ in range(2)]
    outputs = [process.communicate(timeout=180) for process in runs]
    codes = [process.returncode for process in runs]
    assert set(codes) <= {0, 2} and 0 in codes, outputs
    summaries = [json.loads(stdout) for (stdout, _), code in zip(outputs, codes) if code == 0]
    assert sorted(s["projects"]["new"] for s in summaries) in ([30], [0, 30]), "the second sees the first's rows"
    stats = run("stats", "--db", str(path), "--json", "--today", TODAY)
    assert stats.returncode == 0, stats.stderr
    data = json.loads(stats.stdout)
    assert data["requests_by_status"]["pending"] == 30 and data["departments"] == 14


@pytest.mark.parametrize("args", [("stats",), ("import", str(DEMO_DATASET)), ("export", "{folder}"), ("visit", "list"),
                                  ("schedule",)], ids=lambda args: args[0])
def test_a_sqlite_file_of_another_program_is_refused_untouched(tmp_path, args):
    import sqlite3

    folder = tmp_path / "crm"
    folder.mkdir()
    path = folder / "customers.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, phone TEXT)")
    conn.executemany("INSERT INTO customers (name, phone) VALUES (?, ?)", [("ACME 有限公司", "0537-1"), ("王玥", "2")])
    conn.commit()
    conn.close()
    before = path.read_bytes()
    args = tuple(a.replace("{folder}", str(tmp_path / "feeds")) for a in args)
    result = run(*args, "--db", str(path))
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (f"{path} is a SQLite database of another program, not of this one; it was not "
                                     "opened and nothing was changed. Choose another file (--db PATH).")
    assert path.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["customers.sqlite"], "no backup, -wal or -shm beside it"
    assert not (tmp_path / "feeds").exists()
