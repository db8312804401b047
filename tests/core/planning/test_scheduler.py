"""The scheduler as the bureau relies on it: valid plans (checked independently), stability,
explanations in the domain's words, bad input handled, and CP-SAT never worse than greedy."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
import threading

import pytest

from desktop_app.core.calendar.availability import Availability, BusyEvent, import_calendar_bytes
from desktop_app.core.planning.candidates import ScheduleInputError, load_problem, problem_from_data
from desktop_app.core.reports.metrics import database_stats
from desktop_app.core.model.domain import (
    Department, HalfDay, Item, Level, Project, RequestStatus, Settings, VisitStatus,
)
from desktop_app.core.model.office_hours import WeeklyHours
from desktop_app.core.planning.scheduler import (
    apply_schedule, feasible_slots, plan_schedule, run_schedule,
)
from desktop_app.core.calendar.workdays import WorkingCalendar
from tests.core.planning.schedule_checker import Data, check_schedule

ZONE = "Asia/Shanghai"
MONDAY = dt.date(2026, 12, 7)


# --- helpers ---------------------------------------------------------------------------------
def repo_data(repo, availability: Availability) -> Data:
    return Data({d.code: d for d in repo.departments()}, {i.code: i for i in repo.items()},
                {p.code: p for p in repo.projects()}, availability.calendar, availability.busy,
                repo.travel_matrix(), repo.settings())


def plan_visits(result):
    return [p.as_visit() for p in result.visits]


def small_problem(departments, projects, items, *, busy=None, settings=None, today=MONDAY, travel=None,
                  visits=()):
    settings = settings or Settings()
    calendar = WorkingCalendar()
    availability = Availability({d.code: d for d in departments}, calendar, busy or {}, today,
                                today + dt.timedelta(days=60), ZONE)
    return problem_from_data(today, settings, calendar, availability, projects, items, visits, travel or {})


def data_of(problem) -> Data:
    return Data(problem.departments, problem.items, {p.code: p for p in problem.projects}, problem.calendar,
                problem.availability.busy, problem.travel, problem.settings)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, dt.time(hour, minute), ZoneInfo(ZONE))


def dept(code, base=None, hours="MO-FR 08:30-12:00,14:00-17:30", capacity=2):
    return Department(code, f"部门{code}", Level.DISTRICT, base, daily_capacity=capacity,
                      office_hours=WeeklyHours.parse(hours))


def project(code, items, ready=MONDAY, applied=None, place="P1", priority=0, preferred=HalfDay.ANY, deadline=None):
    return Project(code, f"项目{code}", "业主", place, tuple(items), applied or ready, ready,
                   priority=priority, preferred=preferred, deadline=deadline)


# --- the demo, end to end --------------------------------------------------------------------
def test_demo_schedule_is_valid_optimal_and_saved(demo_repo, demo_today):
    result = run_schedule(demo_repo, demo_today, time_limit=20)
    assert result.status == "optimal"
    assert not result.unscheduled
    problem = load_problem(demo_repo, demo_today)
    stored = demo_repo.visits()
    assert len(stored) == 30
    assert check_schedule(stored, repo_data(demo_repo, problem.availability), first_day=problem.first_day) == []
    assert all(p.status is RequestStatus.SCHEDULED for p in demo_repo.projects())
    # The JSON's metrics and `stats` come from the same function over the same data.
    assert database_stats(demo_repo, demo_today)["metrics"] == result.metrics.as_dict()
    assert result.metrics.trips_saved_pct > 80


def test_rerun_with_nothing_changed_moves_nothing(demo_repo, demo_today):
    run_schedule(demo_repo, demo_today, time_limit=20)
    before = {v.id: (v.start, v.sequence) for v in demo_repo.visits()}
    again = run_schedule(demo_repo, demo_today, time_limit=20)
    assert (len(again.new), len(again.moved), len(again.unchanged)) == (0, 0, 30)
    assert {v.id: (v.start, v.sequence) for v in demo_repo.visits()} == before


def test_cpsat_beats_or_equals_greedy_on_the_demo(demo_repo, demo_today):
    problem = load_problem(demo_repo, demo_today)
    greedy = plan_schedule(problem, solver="greedy")
    best = plan_schedule(load_problem(demo_repo, demo_today), time_limit=20)
    data = repo_data(demo_repo, problem.availability)
    assert check_schedule(plan_visits(greedy), data, first_day=problem.first_day) == []
    assert check_schedule(plan_visits(best), data, first_day=problem.first_day) == []
    assert best.metrics.scheduled >= greedy.metrics.scheduled
    assert best.metrics.late <= greedy.metrics.late
    assert best.metrics.department_trips <= greedy.metrics.department_trips


def test_locked_visit_that_now_clashes_is_kept_and_reported(demo_repo, demo_today):
    run_schedule(demo_repo, demo_today, time_limit=20)
    visit = demo_repo.visits()[0]
    demo_repo.update_visit(dataclasses.replace(visit, locked=True))
    department = visit.departments[0]
    start = visit.start.astimezone().strftime("%Y%m%dT%H%M%S")
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x@t\r\n"
           f"DTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:{visit.start:%Y%m%dT%H%M%S}\r\n"
           f"DTEND;TZID=Asia/Shanghai:{visit.end:%Y%m%dT%H%M%S}\r\nSUMMARY:全市安全生产大检查\r\n"
           "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()
    assert start
    import_calendar_bytes(demo_repo.db, department, "inspection.ics", ics,
                          window=(demo_today, demo_today + dt.timedelta(days=90)))
    result = run_schedule(demo_repo, demo_today, time_limit=20)
    assert any("全市安全生产大检查" in text and visit.project in text for text in result.conflicts)
    kept = demo_repo.visit(visit.id)
    assert (kept.start, kept.end, kept.locked, kept.sequence) == (visit.start, visit.end, True, visit.sequence)
    assert visit.project not in {p.project for p in result.visits}


def test_published_visit_moves_only_when_it_must_and_sequence_rises(demo_repo, demo_today):
    run_schedule(demo_repo, demo_today, time_limit=20)
    for visit in demo_repo.visits():
        demo_repo.update_visit(dataclasses.replace(visit, status=VisitStatus.PUBLISHED))
    victim = demo_repo.visits()[-1]
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:y@t\r\n"
           f"DTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:{victim.start:%Y%m%dT%H%M%S}\r\n"
           f"DTEND;TZID=Asia/Shanghai:{victim.end:%Y%m%dT%H%M%S}\r\nSUMMARY:省厅专项督查\r\n"
           "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()
    import_calendar_bytes(demo_repo.db, victim.departments[0], "audit.ics", ics,
                          window=(demo_today, demo_today + dt.timedelta(days=90)))
    result = run_schedule(demo_repo, demo_today, time_limit=20)
    assert [v.project for v in result.moved] == [victim.project]
    moved = demo_repo.visit(victim.id)
    assert moved.start != victim.start and moved.sequence == victim.sequence + 1
    assert moved.previous_start == victim.start and moved.status is VisitStatus.PUBLISHED


def test_dry_run_writes_nothing(demo_repo, demo_today):
    result = run_schedule(demo_repo, demo_today, solver="greedy", dry_run=True)
    assert len(result.new) == 30 and demo_repo.visits() == []


def test_progress_reports_and_cancel_stops_without_saving(demo_repo, demo_today):
    seen = []
    cancel = threading.Event()

    def progress(update):
        seen.append(update)
        cancel.set()          # the user presses Cancel as soon as anything is shown

    result = run_schedule(demo_repo, demo_today, time_limit=20, progress=progress, cancel=cancel)
    assert seen and seen[0].scheduled > 0 and seen[0].trips > 0 and 0 <= seen[0].gap <= 1
    assert result.status == "cancelled" and result.visits == [] and result.unscheduled == []
    assert demo_repo.visits() == []
    assert all(p.status is RequestStatus.PENDING for p in demo_repo.projects())


def test_cancel_before_the_run_starts_returns_cancelled_for_both_solvers(demo_repo, demo_today):
    cancel = threading.Event()
    cancel.set()
    for solver in ("cpsat", "greedy"):
        result = run_schedule(demo_repo, demo_today, solver=solver, cancel=cancel)
        assert result.status == "cancelled" and result.visits == []
    assert demo_repo.visits() == []


def test_late_requests_are_as_early_as_the_others_allow(demo_repo, demo_today):
    """DESIGN §4: a request that cannot be on time is still placed as early as the rest of the plan
    allows. Checked independently: no start on an earlier day passes the checker with the others."""
    problem = load_problem(demo_repo, demo_today)
    result = plan_schedule(problem, time_limit=20)
    assert result.status == "optimal" and result.late_reasons
    data = repo_data(demo_repo, problem.availability)
    for code in result.late_reasons:
        mine = next(p for p in result.visits if p.project == code)
        others = [p.as_visit() for p in result.visits if p.project != code]
        visit = mine.as_visit()
        day = problem.first_day
        while day < mine.start.date():
            for minute in range(0, 24 * 60 - 30, problem.settings.grain_minutes):
                start = at(day, minute // 60, minute % 60)
                moved = dataclasses.replace(visit, start=start, end=start + (visit.end - visit.start))
                assert check_schedule([*others, moved], data, first_day=problem.first_day), (code, start)
            day += dt.timedelta(days=1)


def test_lateness_outweighs_trips_and_waiting():
    """A request already past its deadline goes first, even though visiting it together with a later
    request in the same park would save three department trips."""
    departments = [dept("D1"), dept("D2"), dept("D3")]
    items = [Item("I1", "规划", "D1", 60), Item("I2", "消防", "D2", 60), Item("I3", "人防", "D3", 60)]
    overdue = project("OLD", ["I1", "I2", "I3"], ready=MONDAY - dt.timedelta(days=14))
    fresh = project("NEW", ["I1", "I2", "I3"], ready=MONDAY + dt.timedelta(days=2))
    problem = small_problem(departments, [overdue, fresh], items, today=MONDAY - dt.timedelta(days=3))
    result = plan_schedule(problem, time_limit=10)
    days = {v.project: v.start.date() for v in result.visits}
    assert result.status == "optimal" and result.late_reasons.keys() == {"OLD"}
    assert days == {"OLD": MONDAY, "NEW": MONDAY + dt.timedelta(days=2)}
    assert check_schedule(plan_visits(result), data_of(problem)) == []


def test_cli_schedule_json(tmp_path):
    db = tmp_path / "demo.sqlite"
    run = [sys.executable, "-m", "desktop_app", "--lang", "en"]
    assert subprocess.run([*run, "demo", "--db", str(db), "--today", "2026-11-30"], capture_output=True).returncode == 0
    done = subprocess.run([*run, "schedule", "--db", str(db), "--today", "2026-11-30", "--json", "--dry-run",
                           "--solver", "greedy"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["today"] == "2026-11-30" and data["solver"] == "greedy"
    assert {"project", "start", "end", "place", "departments", "items", "late"} <= set(data["visits"][0])
    assert set(data["metrics"]) >= {"requests", "scheduled", "late", "joint_rate", "trips_separate", "trips_joint",
                                    "trips_saved_pct", "department_trips", "mean_wait_working_days"}
    empty = tmp_path / "empty.sqlite"
    refused = subprocess.run([*run, "schedule", "--db", str(empty), "--today", "2026-11-30"],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "no departments" in refused.stderr


# --- explanations and bad input ----------------------------------------------------------------
def test_busy_department_is_named_with_its_event_and_the_split_hint():
    departments = [dept("D1"), dept("D2")]
    items = [Item("I1", "规划", "D1", 60), Item("I2", "消防", "D2", 60)]
    busy_until = MONDAY + dt.timedelta(days=13)
    busy = {"D2": [BusyEvent("D2", at(MONDAY, 0), at(busy_until, 23, 59), "全省消防专项检查")]}
    problem = small_problem(departments, [project("A", ["I1", "I2"])], items, busy=busy)
    result = plan_schedule(problem, time_limit=5)
    reasons = " ".join(result.late_reasons["A"])
    assert "全省消防专项检查" in reasons and "部门D2" in reasons
    assert "Without 部门D2" in reasons


def test_split_gives_an_on_time_visit_to_all_but_the_blocking_department():
    departments = [dept("D1"), dept("D2"), dept("D3")]
    items = [Item("I1", "规划", "D1", 60), Item("I2", "消防", "D2", 90), Item("I3", "人防", "D3", 30)]
    busy = {"D2": [BusyEvent("D2", at(MONDAY, 0), at(MONDAY + dt.timedelta(days=13), 23), "全省消防专项检查")]}
    settings = Settings(allow_split=True)
    problem = small_problem(departments, [project("A", ["I1", "I2", "I3"])], items, busy=busy, settings=settings)
    result = plan_schedule(problem, time_limit=5)
    assert len(result.visits) == 2 and not any(v.joint for v in result.visits)
    rest = next(v for v in result.visits if len(v.departments) == 2)
    assert set(rest.departments) == {"D1", "D3"} and not rest.late
    assert check_schedule(plan_visits(result), data_of(problem)) == []


def test_bad_requests_are_explained_not_crashed():
    departments = [dept("D1"), Department("D9", "无人部门", Level.CITY, office_hours=WeeklyHours())]
    items = [Item("I1", "规划", "D1", 60), Item("I9", "特殊", "D9", 30)]
    projects = [project("EMPTY", []), project("NOHOURS", ["I9"]),
                project("BACKWARDS", ["I1"], deadline=MONDAY - dt.timedelta(days=3)),
                project("OK", ["I1"])]
    result = plan_schedule(small_problem(departments, projects, items), time_limit=5)
    reasons = {u.project: " ".join(u.reasons) for u in result.unscheduled}
    assert "no acceptance items" in reasons["EMPTY"]
    assert "无人部门" in reasons["NOHOURS"] and "no office hours" in reasons["NOHOURS"]
    assert "before its ready date" in reasons["BACKWARDS"]
    assert [v.project for v in result.visits] == ["OK"]


def test_holiday_week_horizon_names_the_holiday():
    settings = Settings(late_search_working_days=0, notice_working_days=0)
    golden_week = dt.date(2026, 10, 1)
    calendar = WorkingCalendar()
    departments = {"D1": dept("D1")}
    availability = Availability(departments, calendar, {}, golden_week, golden_week + dt.timedelta(days=10), ZONE)
    request = project("A", ["I1"], ready=golden_week, deadline=dt.date(2026, 10, 7))
    problem = problem_from_data(golden_week, settings, calendar, availability, [request], [Item("I1", "规划", "D1", 60)])
    result = plan_schedule(problem, time_limit=5)
    # The whole window up to the deadline is Golden Week: the first working day after it, flagged late.
    after = calendar.first_working_day_on_or_after(golden_week)
    assert after > dt.date(2026, 10, 7)
    assert [(v.start.date(), v.late) for v in result.visits] == [(after, True)]
    reasons = " ".join(result.late_reasons["A"])
    assert "国庆节" in reasons and "deadline 2026-10-07" in reasons


def test_no_departments_is_bad_input():
    calendar = WorkingCalendar()
    availability = Availability({}, calendar, {}, MONDAY, MONDAY, ZONE)
    with pytest.raises(ScheduleInputError):
        problem_from_data(MONDAY, Settings(), calendar, availability, [], [])


def test_explanations_are_chinese_by_default():
    from desktop_app.core.model import messages

    messages.set_language("zh_CN")
    departments = [dept("D1")]
    busy = {"D1": [BusyEvent("D1", at(MONDAY, 0), at(MONDAY + dt.timedelta(days=40), 0), "年终考核")]}
    problem = small_problem(departments, [project("A", ["I1"])], [Item("I1", "规划", "D1", 60)], busy=busy)
    reasons = plan_schedule(problem, time_limit=5).unscheduled[0].reasons
    assert "排不下" in reasons[0] and any("年终考核" in r and "部门D1" in r for r in reasons)


def test_travel_and_capacity_are_respected():
    departments = [dept("D1", base="BASE", capacity=2)]
    items = [Item("I1", "规划", "D1", 60)]
    travel = {("P1", "P2"): 60, ("P2", "P1"): 60, ("BASE", "P1"): 30, ("P1", "BASE"): 30,
              ("BASE", "P2"): 30, ("P2", "BASE"): 30}
    projects = [project(f"R{i}", ["I1"], place="P1" if i % 2 else "P2") for i in range(6)]
    problem = small_problem(departments, projects, items, travel=travel)
    for solver in ("cpsat", "greedy"):
        result = plan_schedule(problem, solver=solver, time_limit=5)
        assert len(result.visits) == 6
        assert check_schedule(plan_visits(result), data_of(problem)) == []


def test_feasible_slots_best_first_and_all_valid(demo_repo, demo_today):
    run_schedule(demo_repo, demo_today, time_limit=20)
    problem = load_problem(demo_repo, demo_today)
    target = problem.requests[0]
    options = feasible_slots(problem, target.code)
    assert options.slots
    others = [v for v in demo_repo.visits() if v.project != target.code]
    data = repo_data(demo_repo, problem.availability)
    for ranked in options.slots[:15]:
        slot = ranked.slot
        moved = dataclasses.replace(target.current[0], start=slot.start_at, end=slot.end_at)
        assert check_schedule([*others, moved], data) == []
    keys = [(r.slot.late, r.slot.wait + r.new_trips) for r in options.slots]
    assert keys == sorted(keys, key=lambda k: k)
    assert all(r.reasons for r in options.rejected)


def test_apply_is_one_transaction(demo_repo, demo_today, monkeypatch):
    result = plan_schedule(load_problem(demo_repo, demo_today), solver="greedy")
    calls = {"n": 0}
    original = demo_repo.insert_visit

    def failing(visit):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("disk full")
        return original(visit)

    monkeypatch.setattr(demo_repo, "insert_visit", failing)
    with pytest.raises(RuntimeError):
        apply_schedule(demo_repo, result)
    assert demo_repo.visits() == []
    assert all(p.status is RequestStatus.PENDING for p in demo_repo.projects())
