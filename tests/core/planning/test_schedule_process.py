"""The auto-schedule in a child process: the same plan as in-process, live progress, cancel, cleanup."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from desktop_app.core.model import messages
from desktop_app.core.planning.candidates import ScheduleInputError
from desktop_app.core.model.errors import InputError
from desktop_app.core.planning.schedule_process import (
    CANCEL_GRACE_SECONDS, ScheduleOptions, ScheduleProcess, ScheduleProcessError, compute_plan, plan_in_child,
)
from desktop_app.core.planning.scheduler import Progress


def dump(db) -> tuple:
    """Everything a schedule could touch, exactly as stored."""
    return (db.execute("SELECT * FROM visits ORDER BY id").fetchall(),
            db.execute("SELECT * FROM visit_departments ORDER BY visit, department").fetchall(),
            db.execute("SELECT * FROM visit_items ORDER BY visit, item").fetchall(),
            db.execute("SELECT * FROM projects ORDER BY code").fetchall(),
            db.execute("SELECT * FROM settings ORDER BY key").fetchall())


def visits_of(plan) -> list[tuple]:
    return sorted((v.project, v.start, v.end, v.place, v.departments, v.items, v.late) for v in plan.result.visits)


@pytest.fixture(autouse=True)
def no_leftovers():
    """Every test ends with no child process and no extra thread in this process."""
    threads = set(threading.enumerate())
    yield
    assert multiprocessing.active_children() == []
    assert set(threading.enumerate()) <= threads


def test_the_child_returns_the_same_plan_as_an_in_process_run(demo_db, db_path, demo_today):
    # One CP-SAT worker: its search is deterministic, so both runs must agree to the visit.
    options = ScheduleOptions(time_limit=20, workers=1)
    before = dump(demo_db)
    here = compute_plan(demo_db, demo_today, options)
    reported: list[Progress] = []
    there = plan_in_child(db_path, demo_today, options, progress=reported.append)

    assert there is not None and there.result.status == here.result.status == "optimal"
    assert there.result.objective == here.result.objective
    assert visits_of(there) == visits_of(here) and len(there.result.new) == 30
    assert there.result.metrics == here.result.metrics
    assert there.project_names == here.project_names and there.department_names == here.department_names
    assert there.options == options and there.has_changes
    # Live figures arrived while it ran: the best solution so far, as the dialog shows it.
    assert reported and all(isinstance(p, Progress) for p in reported)
    assert reported[-1].scheduled <= 30 and 0.0 <= reported[-1].gap <= 1.0
    assert dump(demo_db) == before, "the child only reads; the GUI applies the plan itself"


def test_explanations_come_back_in_the_callers_language(demo_db, db_path, demo_today):
    messages.set_language("zh_CN")
    plan = plan_in_child(db_path, demo_today, ScheduleOptions(solver="greedy", late_search_working_days=0))
    messages.set_language("en")
    reasons = [r for u in plan.result.unscheduled for r in u.reasons]
    reasons += [r for rs in plan.result.late_reasons.values() for r in rs]
    assert reasons, "the greedy plan without a late search leaves requests unscheduled"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in reason) for reason in reasons)


def test_cancel_returns_promptly_delivers_nothing_and_changes_nothing(demo_db, db_path, demo_today):
    before = dump(demo_db)
    seen: list[Progress] = []
    started = time.monotonic()
    with ScheduleProcess(db_path, demo_today, ScheduleOptions(time_limit=120)) as run:
        while not seen and not run.done:
            run.wait(0.05, seen.append)
        run.cancel()
        cancelled_at = time.monotonic()
        while not run.wait(0.1):
            pass
        assert run.plan is None and run.cancelled
    # Over long before the 120-second limit: the child stopped at the solver's next report, or was ended.
    assert time.monotonic() - cancelled_at < CANCEL_GRACE_SECONDS + 5
    assert time.monotonic() - started < 60
    assert dump(demo_db) == before


def test_plan_in_child_gives_no_plan_once_asked_to_stop(demo_db, db_path, demo_today):
    before = dump(demo_db)
    stop = threading.Event()
    reports: list[Progress] = []

    def progress(p: Progress) -> None:
        reports.append(p)
        stop.set()        # the clerk presses Cancel as soon as the first figures show

    plan = plan_in_child(db_path, demo_today, ScheduleOptions(time_limit=120), progress=progress,
                         should_stop=stop.is_set, poll_seconds=0.02)
    assert plan is None and reports
    assert dump(demo_db) == before


@pytest.mark.skipif(sys.platform == "win32", reason="SIGSTOP freezes a process only on POSIX")
def test_a_child_that_ignores_cancel_is_ended_anyway(demo_db, db_path, demo_today):
    run = ScheduleProcess(db_path, demo_today, ScheduleOptions(time_limit=120))
    os.kill(run.pid, signal.SIGSTOP)     # frozen: it can neither see the cancel nor exit by itself
    run.cancel()
    started = time.monotonic()
    run.close()
    assert time.monotonic() - started < CANCEL_GRACE_SECONDS + 5
    assert run.plan is None
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_child_that_dies_is_reported_as_a_failure_not_waited_for(demo_db, db_path, demo_today):
    # What a crash inside the native solver looks like from the GUI: the run fails with a message.
    before = dump(demo_db)
    with ScheduleProcess(db_path, demo_today, ScheduleOptions(time_limit=120)) as run:
        os.kill(run.pid, signal.SIGKILL)
        with pytest.raises(RuntimeError, match="ended unexpectedly"):
            while not run.wait(0.1):
                pass
        assert run.plan is None
    assert dump(demo_db) == before


def test_bad_input_in_the_child_is_raised_in_the_parent_with_its_message(db, db_path, demo_today):
    # A database with no departments: the scheduler refuses it; the refusal crosses the process boundary.
    messages.set_language("zh_CN")
    try:
        with pytest.raises(ScheduleInputError) as caught:
            plan_in_child(db_path, demo_today, ScheduleOptions(solver="greedy"))
    finally:
        messages.set_language("en")
    assert isinstance(caught.value, InputError)
    assert "部门" in str(caught.value)


def test_a_missing_database_is_refused_and_not_created(tmp_path, demo_today):
    missing = tmp_path / "gone.sqlite"
    with pytest.raises(ScheduleProcessError, match="does not exist"):
        plan_in_child(missing, demo_today, ScheduleOptions(solver="greedy"))
    assert not missing.exists()


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text().splitlines()[2]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return True
    return "Z" in state      # a zombie no longer runs; reaping it is its new parent's job


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_child_ends_when_the_gui_process_is_killed(demo_db, db_path, demo_today):
    # A GUI that crashes or is killed must not leave a solver burning the CPU for minutes.
    code = textwrap.dedent(f"""
        import datetime, time
        from desktop_app.core.planning.schedule_process import ScheduleOptions, ScheduleProcess
        run = ScheduleProcess({str(db_path)!r}, datetime.date.fromisoformat({demo_today.isoformat()!r}),
                              ScheduleOptions(time_limit=120))
        print(run.pid, flush=True)
        time.sleep(120)
    """)
    gui = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                           cwd=Path(__file__).resolve().parents[3])
    try:
        child = int(gui.stdout.readline())
        assert not _gone(child)
    finally:
        gui.kill()
        gui.wait()
        gui.stdout.close()
    deadline = time.monotonic() + 30
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)
