"""Saving is compare-and-set against what was computed (issue 13): a plan, a manual move or an
import checked against one state of the file is refused, writing nothing, once another window,
run or command changed that state. Each test uses two real connections to one SQLite file."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desktop_app.core.calendar.availability import import_calendar_bytes
from desktop_app.core.dataset.dataset_import import ImportChangedError, apply_import, plan_import, read_dataset
from desktop_app.core.model import messages
from desktop_app.core.model.domain import HolidayKind, HolidayOverride
from desktop_app.core.planning.candidates import load_problem
from desktop_app.core.planning.visit_actions import move_options
from desktop_app.core.planning.scheduler import (
    ScheduleChangedError, apply_move, apply_schedule, plan_schedule, run_schedule,
)
from desktop_app.core.store.database import open_database
from desktop_app.core.store.repository import Repository, StaleEditError
from desktop_app.paths import DEMO_DATASET
from tests.ical_samples import busy_ics

TODAY = dt.date(2026, 11, 30)


def dump(db) -> tuple:
    return tuple(db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                 for table in ("visits", "visit_departments", "visit_items", "projects", "project_items",
                               "departments", "holiday_overrides", "busy_events"))


@pytest.fixture
def other(demo_db, db_path) -> Repository:
    """A second window or command: its own connection to the same file."""
    db = open_database(db_path)
    yield Repository(db)
    db.close()


def _another_schedule(other: Repository) -> None:
    run_schedule(other, TODAY, solver="greedy")


def _a_new_busy_event(other: Repository) -> None:
    import_calendar_bytes(other.db, "D03", "meeting.ics", busy_ics("20261202T090000", "20261202T170000", "人防检查"),
                          window=(dt.date(2026, 11, 1), dt.date(2027, 3, 1)))


def _a_holiday(other: Repository) -> None:
    other.replace_holiday_override(None, HolidayOverride(dt.date(2026, 12, 3), HolidayKind.HOLIDAY, "临时停电"))


def _less_capacity(other: Repository) -> None:
    department = other.department("D01")
    other.replace_department(department, dataclasses.replace(department, daily_capacity=1))


@pytest.mark.parametrize("change", [_another_schedule, _a_new_busy_event, _a_holiday, _less_capacity])
def test_a_plan_is_not_saved_when_the_schedule_changed_while_planning(demo_repo, other, change):
    result = plan_schedule(load_problem(demo_repo, TODAY), solver="greedy")
    assert len(result.new) == 30
    change(other)
    before = dump(demo_repo.db)
    with pytest.raises(ScheduleChangedError, match="The schedule changed while planning") as refused:
        apply_schedule(demo_repo, result)
    assert dump(demo_repo.db) == before, "nothing of the stale plan is written"
    assert len(demo_repo.visits()) in (0, 30), "never two plans' visits"
    assert "Run again" in str(refused.value)
    messages.set_language("zh_CN")
    with pytest.raises(ScheduleChangedError, match="排期计算期间排期数据已被修改.*请重新排期"):
        apply_schedule(demo_repo, result)
    assert dump(demo_repo.db) == before


def test_a_plan_computed_from_the_current_state_is_saved(demo_repo, other):
    other.save_settings(other.settings())       # a write that changes nothing the planner reads
    result = plan_schedule(load_problem(demo_repo, TODAY), solver="greedy")
    assert apply_schedule(demo_repo, result)["new"] == 30
    again = run_schedule(other, TODAY, solver="greedy")
    assert len(again.new) == 0 and len(demo_repo.visits()) == 30


def test_two_runs_one_after_the_other_leave_one_visit_per_request(demo_repo, other):
    first = plan_schedule(load_problem(demo_repo, TODAY), solver="greedy")
    second = plan_schedule(load_problem(other, TODAY), solver="cpsat", time_limit=5)
    apply_schedule(other, second)
    with pytest.raises(ScheduleChangedError):
        apply_schedule(demo_repo, first)
    visits = demo_repo.visits()
    assert len(visits) == 30 and len({v.project for v in visits}) == 30


def test_a_manual_move_is_checked_again_against_the_visits_saved_meanwhile(demo_repo, other):
    run_schedule(demo_repo, TODAY, solver="greedy")
    visit, options = next((v, o) for v in sorted(demo_repo.visits(), key=lambda v: v.start)
                          if len((o := move_options(demo_repo, v, TODAY)).slots) >= 2)
    target, elsewhere = (ranked.slot.start_at for ranked in options.slots[:2])
    # Another window moves the same visit elsewhere first.
    apply_move(other, visit.id, elsewhere, today=TODAY, expected=visit)
    stored = demo_repo.visit(visit.id)
    with pytest.raises(StaleEditError, match="changed elsewhere"):
        apply_move(demo_repo, visit.id, target, today=TODAY, expected=visit)
    assert demo_repo.visit(visit.id) == stored


def test_an_import_checked_before_another_write_is_refused(demo_repo, other, tmp_path):
    dataset = tmp_path / "projects.csv"
    dataset.write_text((DEMO_DATASET / "projects.csv").read_text(encoding="utf-8").replace("济宁", "嘉祥"),
                       encoding="utf-8")
    plan = plan_import(read_dataset(dataset), demo_repo.db)
    assert plan.summary()["projects"]["changed"] > 0
    department = other.department("D01")
    other.replace_department(department, dataclasses.replace(department, daily_capacity=3))
    before = dump(demo_repo.db)
    with pytest.raises(ImportChangedError, match="changed since this import was checked"):
        apply_import(plan, demo_repo.db)
    assert dump(demo_repo.db) == before
    apply_import(plan_import(read_dataset(dataset), demo_repo.db), demo_repo.db)
    assert "嘉祥" in demo_repo.project("XM2026-001").name + demo_repo.project("XM2026-001").owner + \
        demo_repo.project("XM2026-001").address
