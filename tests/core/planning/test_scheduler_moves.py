"""Manual moves (the GUI's drag & drop, `joint-acceptance move`): a move is accepted only when it breaks
no hard rule, refused with reasons in the domain's words otherwise, and saved like any visit change."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys

import pytest

from desktop_app.core.calendar.availability import import_calendar_bytes
from desktop_app.core.planning.candidates import load_problem
from desktop_app.core.planning.scheduler import MoveRefusedError, apply_move, check_move, feasible_slots, run_schedule
from desktop_app.core.model.domain import VisitStatus
from tests.core.planning.test_scheduler import repo_data
from tests.core.planning.schedule_checker import check_schedule


@pytest.fixture
def scheduled(demo_repo, demo_today):
    run_schedule(demo_repo, demo_today, solver="greedy")
    return demo_repo


def _busy_ics(start: dt.datetime, end: dt.datetime, title: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:move@t\r\n"
            f"DTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:{start:%Y%m%dT%H%M%S}\r\n"
            f"DTEND;TZID=Asia/Shanghai:{end:%Y%m%dT%H%M%S}\r\nSUMMARY:{title}\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def test_a_feasible_alternative_is_accepted_and_saved_like_an_edit(scheduled, demo_today):
    problem = load_problem(scheduled, demo_today)
    visit = scheduled.visits()[0]
    options = feasible_slots(problem, visit.project)
    target = next(r.slot for r in options.slots if r.slot.start_at != visit.start)
    check = check_move(scheduled, visit.id, target.start_at, today=demo_today)
    assert check.ok and check.reasons == []
    applied = apply_move(scheduled, visit.id, target.start_at, today=demo_today)
    stored = scheduled.visit(visit.id)
    assert (stored.start, stored.end) == (target.start_at, target.end_at) == (applied.visit.start, applied.visit.end)
    assert stored.sequence == visit.sequence + 1 and stored.previous_start == visit.start
    assert check_schedule(scheduled.visits(), repo_data(scheduled, problem.availability)) == []


def test_every_ranked_alternative_passes_the_check(scheduled, demo_today):
    problem = load_problem(scheduled, demo_today)
    visit = scheduled.visits()[5]
    for ranked in feasible_slots(problem, visit.project).slots[:25]:
        assert check_move(problem, visit.id, ranked.slot.start_at).ok, ranked.slot


def test_moving_onto_another_visit_is_refused_naming_it(scheduled, demo_today):
    visits = scheduled.visits()
    moving = visits[0]
    other = next(v for v in visits[1:] if set(v.departments) & set(moving.departments)
                 and v.start.date() > moving.start.date() and v.end - v.start == moving.end - moving.start)
    check = check_move(scheduled, moving.id, other.start, today=demo_today)
    assert not check.ok
    assert any(other.project in reason for reason in check.reasons), check.reasons
    before = scheduled.visit(moving.id)
    with pytest.raises(MoveRefusedError) as refused:
        apply_move(scheduled, moving.id, other.start, today=demo_today)
    assert other.project in str(refused.value)
    assert scheduled.visit(moving.id) == before


def test_busy_event_holiday_lunch_and_notice_are_named(scheduled, demo_today):
    visit = scheduled.visits()[0]
    problem = load_problem(scheduled, demo_today)
    # A free alternative, then a busy event exactly there for one of the visit's departments.
    target = next(r.slot for r in feasible_slots(problem, visit.project).slots if r.slot.start_at != visit.start)
    department = visit.departments[0]
    audit = _busy_ics(target.start_at, target.end_at, "省厅专项督查")
    import_calendar_bytes(scheduled.db, department, "audit.ics", audit,
                          window=(demo_today, demo_today + dt.timedelta(days=90)))
    busy = check_move(scheduled, visit.id, target.start_at, today=demo_today)
    assert not busy.ok and any("省厅专项督查" in r and scheduled.department(department).name in r
                               for r in busy.reasons), busy.reasons
    new_year = check_move(scheduled, visit.id, dt.datetime(2027, 1, 1, 10, 0), today=demo_today)
    assert not new_year.ok and any("元旦" in r for r in new_year.reasons)
    lunch = check_move(scheduled, visit.id, dt.datetime.combine(target.day, dt.time(11, 0)), today=demo_today)
    assert not lunch.ok and any("outside office hours" in r for r in lunch.reasons)
    too_soon = check_move(scheduled, visit.id, dt.datetime.combine(demo_today, dt.time(14, 30)), today=demo_today)
    assert not too_soon.ok and any("working day(s) ahead" in r for r in too_soon.reasons)
    off_grid = check_move(scheduled, visit.id, target.start_at + dt.timedelta(minutes=10), today=demo_today)
    assert not off_grid.ok and any("grid" in r for r in off_grid.reasons)


def test_locked_visit_is_refused_and_late_move_is_flagged(scheduled, demo_today):
    visit = scheduled.visits()[0]
    problem = load_problem(scheduled, demo_today)
    request = next(r for r in problem.requests if r.code == visit.project)
    late = [r.slot for r in feasible_slots(problem, visit.project).slots if r.slot.day > request.deadline]
    assert late
    flagged = check_move(scheduled, visit.id, late[0].start_at, today=demo_today)
    assert flagged.ok and flagged.late
    scheduled.update_visit(dataclasses.replace(scheduled.visit(visit.id), locked=True))
    locked = check_move(scheduled, visit.id, late[0].start_at, today=demo_today)
    assert not locked.ok and "locked" in locked.reasons[0]


def test_cli_move_checks_saves_and_refuses(tmp_path):
    db = tmp_path / "demo.sqlite"
    run = [sys.executable, "-m", "desktop_app", "--lang", "en"]
    base = ["--db", str(db), "--today", "2026-11-30"]
    assert subprocess.run([*run, "demo", *base], capture_output=True).returncode == 0
    assert subprocess.run([*run, "schedule", *base, "--solver", "greedy"], capture_output=True).returncode == 0
    from desktop_app.core.store.repository import Repository
    from desktop_app.core.store.database import open_database

    database = open_database(db)
    repo = Repository(database)
    visit = next(v for v in repo.visits() if v.status is VisitStatus.PLANNED)   # not the demo's past visits
    problem = load_problem(repo, dt.date(2026, 11, 30))
    target = next(r.slot for r in feasible_slots(problem, visit.project).slots if r.slot.start_at != visit.start)
    database.close()
    when = target.start_at.strftime("%Y-%m-%dT%H:%M")
    checked = subprocess.run([*run, "move", str(visit.id), when, *base, "--check", "--json"],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["ok"] is True and json.loads(checked.stdout)["saved"] is False
    moved = subprocess.run([*run, "move", str(visit.id), when, *base], capture_output=True, text=True, timeout=120)
    assert moved.returncode == 0 and "moved to" in moved.stdout
    refused = subprocess.run([*run, "move", str(visit.id), "2027-01-01T10:00", *base],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "元旦" in refused.stderr
    database = open_database(db)
    stored = Repository(database).visit(visit.id)
    database.close()
    assert stored.start == target.start_at and stored.sequence == visit.sequence + 1
