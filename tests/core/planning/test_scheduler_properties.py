"""Property tests on random tiny instances: every solver output passes the independent checker,
and CP-SAT's plan is as good as the best one found by brute force (DESIGN §4's order)."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from desktop_app.core.calendar.availability import Availability, BusyEvent
from desktop_app.core.planning.candidates import problem_from_data
from desktop_app.core.model.domain import Department, HalfDay, Item, Level, Project, Settings, Visit
from desktop_app.core.model.office_hours import WeeklyHours
from desktop_app.core.planning.scheduler import plan_schedule
from desktop_app.core.calendar.workdays import WorkingCalendar, request_deadline
from tests.core.planning.schedule_checker import Data, check_schedule, is_late, tardiness, waiting_days

ZONE = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 12, 4)        # a Friday: the first plannable day is Monday 12-07
SETTINGS = Settings(grain_minutes=60, deadline_working_days=1, late_search_working_days=1)
HOURS = ("MO-FR 09:00-12:00,14:00-17:00", "MO-FR 08:00-11:00", "MO-TH 09:00-12:00; FR 14:00-17:00")


@st.composite
def instances(draw):
    n_departments = draw(st.integers(1, 3))
    positions = {"P1": 0, "P2": draw(st.integers(0, 4)), "P3": draw(st.integers(0, 4))}
    # Travel from points on a line (10 minutes a step) obeys the triangle inequality, like real roads.
    travel = {(a, b): 10 * abs(positions[a] - positions[b]) for a in positions for b in positions if a != b}
    departments, items, busy = [], [], {}
    for index in range(n_departments):
        code = f"D{index}"
        departments.append(Department(code, f"部门{index}", Level.CITY, draw(st.sampled_from([None, "P1", "P3"])),
                                      daily_capacity=draw(st.integers(1, 2)),
                                      office_hours=WeeklyHours.parse(draw(st.sampled_from(HOURS)))))
        items.append(Item(f"I{index}", f"事项{index}", code, draw(st.sampled_from([30, 60, 90]))))
        events = []
        for _ in range(draw(st.integers(0, 2))):
            day = TODAY + dt.timedelta(days=draw(st.integers(3, 6)))
            start = dt.datetime.combine(day, dt.time(draw(st.integers(8, 16))), ZONE)
            events.append(BusyEvent(code, start, start + dt.timedelta(minutes=draw(st.sampled_from([60, 120, 180]))),
                                    f"会议{len(events)}"))
        busy[code] = events
    projects = []
    for index in range(draw(st.integers(1, 3))):
        chosen = draw(st.lists(st.sampled_from([i.code for i in items]), min_size=1, max_size=len(items), unique=True))
        ready = TODAY + dt.timedelta(days=draw(st.integers(0, 4)))
        projects.append(Project(f"R{index}", f"项目{index}", "业主", draw(st.sampled_from(list(positions))),
                                tuple(sorted(chosen)), ready, ready, priority=draw(st.integers(0, 2)),
                                preferred=draw(st.sampled_from(list(HalfDay)))))
    return departments, items, busy, projects, travel


def _data(departments, items, availability, projects, travel) -> Data:
    return Data({d.code: d for d in departments}, {i.code: i for i in items}, {p.code: p for p in projects},
                availability.calendar, availability.busy, travel, SETTINGS)


def _key(plan: dict[str, list[Visit]], projects, data: Data) -> tuple:
    """DESIGN §4's order: unscheduled, late (priority breaks ties), lateness in working days (a late
    request as early as the others allow), waiting + trips, half-day preference."""
    unscheduled = [p for p in projects if not plan.get(p.code)]
    late = [p for p in projects if plan.get(p.code) and is_late(p, plan[p.code], data)]
    visits = [v for vs in plan.values() for v in vs]
    trips = len({(d, v.start.date(), v.place) for v in visits for d in v.departments})
    wait = sum(waiting_days(p, plan[p.code], data) for p in projects if plan.get(p.code))
    misses = sum(1 for p in projects for v in plan.get(p.code, [])
                 if p.preferred is not HalfDay.ANY and (v.start.hour < 12) != (p.preferred is HalfDay.AM))
    tardy = sum(tardiness(p, plan[p.code], data) for p in late)
    return (len(unscheduled), sum(p.priority for p in unscheduled), len(late), sum(p.priority for p in late),
            tardy, SETTINGS.wait_weight * wait + SETTINGS.trip_weight * trips, misses)


def _brute_force(projects, items, data: Data, first_day: dt.date) -> tuple:
    by_code = {i.code: i for i in items}
    options: list[list[Visit | None]] = []
    for project in projects:
        duration = max(by_code[i].duration_minutes for i in project.items) + SETTINGS.allowance_minutes
        deadline = request_deadline(project, data.calendar, SETTINGS.deadline_working_days)
        earliest = max(project.ready_on, first_day)
        horizon = data.calendar.add_working_days(max(deadline, earliest), SETTINGS.late_search_working_days)
        departments = tuple(sorted({by_code[i].department for i in project.items}))
        mine: list[Visit | None] = [None]
        day = earliest
        while day <= horizon:
            for minute in range(0, 24 * 60, SETTINGS.grain_minutes):
                start = dt.datetime.combine(day, dt.time(), ZONE) + dt.timedelta(minutes=minute)
                visit = Visit(None, project.code, start, start + dt.timedelta(minutes=duration), project.place,
                              departments, project.items)
                if start.date() == (visit.end - dt.timedelta(minutes=1)).date() and not check_schedule([visit], data):
                    mine.append(visit)
            day += dt.timedelta(days=1)
        options.append(mine)
    best = None
    for combination in itertools.product(*options):
        chosen = [v for v in combination if v is not None]
        if check_schedule(chosen, data):
            continue
        key = _key({v.project: [v] for v in chosen}, projects, data)
        best = key if best is None or key < best else best
    return best


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_cpsat_is_valid_and_as_good_as_brute_force(instance):
    departments, items, busy, projects, travel = instance
    calendar = WorkingCalendar()
    availability = Availability({d.code: d for d in departments}, calendar, busy, TODAY,
                                TODAY + dt.timedelta(days=20), "Asia/Shanghai")
    problem = problem_from_data(TODAY, SETTINGS, calendar, availability, projects, items, travel=travel)
    data = _data(departments, items, availability, projects, travel)
    results = {solver: plan_schedule(problem, solver=solver, time_limit=10, workers=1)
               for solver in ("cpsat", "greedy")}
    for result in results.values():
        assert check_schedule([p.as_visit() for p in result.visits], data, first_day=problem.first_day) == []
    best = results["cpsat"]
    assert best.status == "optimal"
    plan: dict[str, list[Visit]] = {}
    for planned in best.visits:
        plan.setdefault(planned.project, []).append(planned.as_visit())
    assert _key(plan, projects, data) == _brute_force(projects, items, data, problem.first_day)
    greedy_plan: dict[str, list[Visit]] = {}
    for planned in results["greedy"].visits:
        greedy_plan.setdefault(planned.project, []).append(planned.as_visit())
    assert _key(plan, projects, data)[:4] <= _key(greedy_plan, projects, data)[:4]
