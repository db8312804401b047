"""What the scheduler may choose from: requests and their feasible visit slots (DESIGN §4).

A *request* is a project waiting for (or holding a movable) joint visit. A *slot* is one
(day, start) at which every department the visit needs is free for the whole visit: on a
working day, inside one office-hours period (never across lunch), clear of busy events, on
the time grain, and late enough after the period opens for staff to travel from their base.
Whether a slot is still free once other visits are placed (capacity, overlap, travel between
visits) is the model's job, not this module's.

All minute values are minutes after local midnight in the bureau's zone.
"""

from __future__ import annotations

import dataclasses
import functools
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from desktop_app.core.acceptance.standing import project_for_planning
from desktop_app.core.calendar.availability import Availability
from desktop_app.core.calendar.city_events import ForeignVisit, is_unknown_place, load_foreign_visits
from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.model.domain import (
    Department, HalfDay, Item, Project, RequestStatus, Settings, Visit, VisitStatus,
)
from desktop_app.core.calendar.workdays import WorkingCalendar, request_deadline
from desktop_app.core.store.database import data_version, read_snapshot
from desktop_app.core.store.acceptance_records import results_by_project

NOON = 12 * 60


class ScheduleInputError(InputError):
    """The data cannot be scheduled at all (e.g. no departments); nothing was changed."""


@dataclass(frozen=True)
class Request:
    """One project to place: its departments, visit length and date window."""

    project: Project
    departments: tuple[str, ...]
    items: tuple[str, ...]
    duration: int                    # minutes: longest item + allowance
    earliest: dt.date
    deadline: dt.date
    horizon: dt.date                 # last day searched (deadline + late search)
    current: tuple[Visit, ...] = ()  # its active visits the scheduler may move

    @property
    def code(self) -> str:
        return self.project.code


@dataclass(frozen=True)
class Slot:
    """A possible visit: who, where, when; ``part`` tells a split visit's half ('' = whole request)."""

    project: str
    day: dt.date
    start: int
    end: int
    place: str
    departments: tuple[str, ...]
    items: tuple[str, ...]
    late: bool
    wait: int                        # working days from the ready date to the visit
    part: str = ""                   # "" whole joint visit, "rest" / "single" the halves of a split
    start_at: dt.datetime = field(compare=False, default=None)  # type: ignore[assignment]
    end_at: dt.datetime = field(compare=False, default=None)    # type: ignore[assignment]
    tardiness: int = 0               # working days past the deadline (0 = on time)

    @property
    def half_day(self) -> HalfDay:
        return HalfDay.AM if self.start < NOON else HalfDay.PM


@dataclass(frozen=True)
class Occupied:
    """A visit the scheduler must work around (locked, already under way, or within the notice period),
    or another bureau's visit of a department we share (``bureau`` set: it belongs to no request of ours)."""

    visit: Visit
    day: dt.date
    start: int
    end: int
    bureau: str = ""


@dataclass
class Problem:
    """Everything one scheduling run needs, gathered once."""

    today: dt.date
    first_day: dt.date                # first plannable day (notice respected)
    settings: Settings
    calendar: WorkingCalendar
    availability: Availability
    departments: dict[str, Department]
    items: dict[str, Item]
    travel: dict[tuple[str, str], int]
    requests: list[Request]
    fixed: list[Occupied]             # visits that stay exactly where they are
    rejected: dict[str, list[str]]    # project → why it cannot be scheduled at all (bad input)
    warnings: list[str] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)   # every project, for metrics
    other_visits: list[Visit] = field(default_factory=list)  # visits of projects outside this run, for metrics
    # The database's data_version the problem was read at (None: not read from a database).
    # Saving a plan compares it with the stored one: a change meanwhile refuses the save.
    data_version: int | None = None

    def travel_minutes(self, origin: str | None, destination: str) -> int:
        if origin is None or origin == destination:
            return 0
        if is_unknown_place(origin) or is_unknown_place(destination):
            return self.settings.city_travel_minutes     # another bureau's visit at a place we do not know
        return self.travel.get((origin, destination), self.settings.default_travel_minutes)

    @property
    def own_fixed(self) -> list[Occupied]:
        """The fixed visits that are ours (not other bureaus')."""
        return [o for o in self.fixed if not o.bureau]

    @functools.cached_property
    def foreign_labels(self) -> frozenset[str]:
        """How other bureaus' visits are named in bookings ('高新区 GX2026-017'). Asked per sentence per slot:
        computed once, after load_problem has added the other bureaus' visits (a replace() computes anew)."""
        return frozenset(o.visit.project for o in self.fixed if o.bureau)

    def base_travel(self, department: str, place: str) -> int:
        return self.travel_minutes(self.departments[department].base, place)

    def at(self, day: dt.date, minutes: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), self.availability.zone) + dt.timedelta(minutes=minutes)


def minutes_of(moment: dt.datetime) -> int:
    return moment.hour * 60 + moment.minute


# --- requests --------------------------------------------------------------------------------
def visit_duration(items: Iterable[Item], settings: Settings) -> int:
    """Departments inspect in parallel: the longest item plus the opening/closing allowance."""
    return max(item.duration_minutes for item in items) + settings.allowance_minutes


def request_problems(project: Project, items: Mapping[str, Item], departments: Mapping[str, Department],
                     deadline: dt.date) -> list[str]:
    """Why a request cannot be scheduled whatever the calendar says (empty = it can be tried)."""
    problems: list[str] = []
    if not project.items:
        problems.append(tr("the request lists no acceptance items"))
    for code in project.items:
        item = items.get(code)
        if item is None:
            problems.append(tr("unknown item {code!r}", code=code))
        elif item.department not in departments:
            problems.append(tr("item {item} belongs to unknown department {department!r}",
                               item=code, department=item.department))
        elif departments[item.department].office_hours.is_empty:
            problems.append(tr("{department} has no office hours at all, so it can never attend",
                               department=department_label(departments[item.department])))
        elif departments[item.department].daily_capacity <= 0:
            problems.append(tr("{department} takes no visits (its daily capacity is 0)",
                               department=department_label(departments[item.department])))
    if deadline < project.ready_on:
        problems.append(tr("its deadline {deadline} is before its ready date {ready}",
                           deadline=deadline, ready=project.ready_on))
    return list(dict.fromkeys(problems))   # two items of one department: one sentence


def department_label(department: Department) -> str:
    return f"{department.name}（{department.code}）"


def first_plannable_day(today: dt.date, calendar: WorkingCalendar, settings: Settings) -> dt.date:
    """Departments get at least ``notice_working_days`` working days' notice."""
    return calendar.add_working_days(today, max(settings.notice_working_days, 0)) \
        if settings.notice_working_days > 0 else calendar.first_working_day_on_or_after(today)


def build_requests(projects: Sequence[Project], visits: Sequence[Visit], items: Mapping[str, Item],
                   departments: Mapping[str, Department], calendar: WorkingCalendar, settings: Settings,
                   first_day: dt.date) -> tuple[list[Request], list[Visit], dict[str, list[str]]]:
    """The requests to place, the visits that stay fixed, and requests refused with reasons.

    A visit is fixed when the staff locked it, when it is done, or when it starts before the first
    plannable day (departments were already told). Other active visits of pending or scheduled
    projects may move.
    """
    by_project: dict[str, list[Visit]] = {}
    for visit in visits:
        if visit.active:
            by_project.setdefault(visit.project, []).append(visit)
    fixed: list[Visit] = []
    movable: dict[str, list[Visit]] = {}
    frozen_projects: set[str] = set()
    for code, project_visits in by_project.items():
        # Visits that took place (results recorded) only occupy their departments; the request may need
        # another visit (a re-inspection, a department that did not come).
        fixed.extend(v for v in project_visits if v.status is VisitStatus.DONE)
        open_visits = [v for v in project_visits if v.status is not VisitStatus.DONE]
        if any(v.locked or v.start.date() < first_day for v in open_visits):
            fixed.extend(open_visits)   # a project with any frozen visit keeps all of them
            frozen_projects.add(code)
        elif open_visits:
            movable[code] = open_visits
    requests: list[Request] = []
    rejected: dict[str, list[str]] = {}
    for project in projects:
        if project.status not in (RequestStatus.PENDING, RequestStatus.SCHEDULED):
            continue
        if project.code in frozen_projects:
            continue
        deadline = request_deadline(project, calendar, settings.deadline_working_days)
        problems = request_problems(project, items, departments, deadline)
        if problems:
            rejected[project.code] = problems
            continue
        project_items = [items[code] for code in project.items]
        earliest = max(project.plan_ready_on, first_day)
        horizon = calendar.add_working_days(max(deadline, earliest), settings.late_search_working_days)
        requests.append(Request(
            project=project,
            departments=tuple(sorted({item.department for item in project_items})),
            items=tuple(project.items),
            duration=visit_duration(project_items, settings),
            earliest=earliest, deadline=deadline, horizon=horizon,
            current=tuple(movable.get(project.code, ())),
        ))
    return requests, fixed, rejected


def load_problem(repo, today: dt.date) -> Problem:
    """Read everything a scheduling run needs from the database, as one committed state, and the
    data version of that state (what saving the plan is compared against)."""
    with read_snapshot(repo.db):
        version = data_version(repo.db)
        problem = _load_problem(repo, today)
    problem.data_version = version
    return problem


def _load_problem(repo, today: dt.date) -> Problem:
    settings = repo.settings()
    departments = {d.code: d for d in repo.departments()}
    if not departments:
        raise ScheduleInputError(tr("There are no departments yet, so nothing can be scheduled; "
                                    "import a dataset or add departments first."))
    calendar = WorkingCalendar(repo.holiday_overrides(), settings.complete_override_years)
    first_day = first_plannable_day(today, calendar, settings)
    projects = repo.projects()
    visits = repo.visits()
    items = {i.code: i for i in repo.items()}
    results = results_by_project(repo.db)
    to_plan = [project_for_planning(p, items, results.get(p.code, ())) for p in projects]
    requests, fixed, rejected = build_requests(to_plan, visits, items, departments, calendar, settings, first_day)
    last = max([first_day, *(r.horizon for r in requests), *(v.start.date() for v in fixed)])
    availability = Availability.from_repository(repo, min(first_day, today), last)
    problem = assemble_problem(today, first_day, settings, calendar, availability, departments, items,
                               repo.travel_matrix(), requests, fixed, rejected, projects, visits)
    problem.fixed += foreign_occupied(load_foreign_visits(repo.db, min(first_day, today), last, settings.timezone),
                                      departments, availability.zone)
    return problem


def foreign_occupied(foreign: Iterable[ForeignVisit], departments: Mapping[str, Department], zone) -> list[Occupied]:
    """Other bureaus' visits of our departments as fixed bookings: they spend capacity and travel (DESIGN §12)."""
    occupied = []
    for other in foreign:
        if other.department not in departments:
            continue
        start, end = other.start.astimezone(zone), other.end.astimezone(zone)
        if end.date() != start.date():
            continue      # a visit does not span midnight; an all-day booking is busy time, not a visit
        occupied.append(Occupied(other.as_visit(), start.date(), minutes_of(start), minutes_of(end), other.bureau))
    return occupied


def assemble_problem(today: dt.date, first_day: dt.date, settings: Settings, calendar: WorkingCalendar,
                     availability: Availability, departments: Mapping[str, Department],
                     items: Mapping[str, Item], travel: Mapping[tuple[str, str], int], requests: list[Request],
                     fixed: Sequence[Visit], rejected: dict[str, list[str]],
                     projects: Sequence[Project], visits: Sequence[Visit] = ()) -> Problem:
    occupied = [Occupied(v, v.start.astimezone(availability.zone).date(),
                         minutes_of(v.start.astimezone(availability.zone)),
                         minutes_of(v.end.astimezone(availability.zone))) for v in fixed]
    inside = {r.code for r in requests} | {v.project for v in fixed}
    problem = Problem(today, first_day, settings, calendar, availability, dict(departments), dict(items),
                      dict(travel), requests, occupied, rejected, projects=list(projects),
                      other_visits=[v for v in visits if v.active and v.project not in inside])
    return problem


def problem_from_data(today: dt.date, settings: Settings, calendar: WorkingCalendar, availability: Availability,
                      projects: Sequence[Project], items: Sequence[Item], visits: Sequence[Visit] = (),
                      travel: Mapping[tuple[str, str], int] | None = None) -> Problem:
    """A problem built from plain domain objects (benchmarks, tests, what-if runs)."""
    departments = availability.departments
    if not departments:
        raise ScheduleInputError(tr("There are no departments yet, so nothing can be scheduled; "
                                    "import a dataset or add departments first."))
    first_day = first_plannable_day(today, calendar, settings)
    by_code = {i.code: i for i in items}
    requests, fixed, rejected = build_requests(projects, visits, by_code, departments, calendar, settings, first_day)
    return assemble_problem(today, first_day, settings, calendar, availability, departments, by_code,
                            travel or {}, requests, fixed, rejected, projects, visits)


# --- slots -----------------------------------------------------------------------------------
def _start_ranges(problem: Problem, department: str, day: dt.date, place: str,
                  duration: int) -> list[tuple[int, int]]:
    """Inclusive ranges of start minutes at which ``department`` can do a visit of ``duration`` at ``place``."""
    availability = problem.availability
    periods = availability.office_periods(department, day)
    if not periods:
        return []
    travel = problem.base_travel(department, place)
    ranges: list[tuple[int, int]] = []
    for free_start, free_end in availability.free_intervals(department, day):
        if free_start.date() != day:
            continue
        period_start = next((minutes_of(s) for s, e in periods if s <= free_start < e), None)
        if period_start is None:
            continue
        low = max(minutes_of(free_start), period_start + travel)
        high = (minutes_of(free_end) if free_end.date() == day else 24 * 60) - duration
        if low <= high:
            ranges.append((low, high))
    return ranges


def _intersect_ranges(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result = []
    for a_low, a_high in first:
        for b_low, b_high in second:
            low, high = max(a_low, b_low), min(a_high, b_high)
            if low <= high:
                result.append((low, high))
    return result


def common_starts(problem: Problem, departments: Sequence[str], day: dt.date, place: str,
                  duration: int) -> list[int]:
    """Grain-aligned start minutes at which every department is free for the whole visit."""
    ranges: list[tuple[int, int]] | None = None
    for department in departments:
        own = _start_ranges(problem, department, day, place, duration)
        ranges = own if ranges is None else _intersect_ranges(ranges, own)
        if not ranges:
            return []
    grain = problem.settings.grain_minutes
    starts: list[int] = []
    for low, high in ranges or []:
        first = -(-low // grain) * grain
        starts.extend(range(first, high + 1, grain))
    return sorted(set(starts))


def request_slots(problem: Problem, request: Request, departments: Sequence[str] | None = None,
                  part: str = "", first: dt.date | None = None, last: dt.date | None = None) -> list[Slot]:
    """Every feasible slot for the request (or for a subset of its departments, for a split)."""
    chosen = tuple(departments) if departments is not None else request.departments
    items = tuple(i for i in request.items if problem.items[i].department in chosen)
    duration = visit_duration((problem.items[i] for i in items), problem.settings) if part else request.duration
    place = request.project.place
    slots: list[Slot] = []
    day = first or request.earliest
    last = last or request.horizon
    ready = request.project.ready_on
    wait = problem.calendar.working_days_between(ready, day) if day > ready else 0
    deadline = request.deadline
    tardiness = problem.calendar.working_days_between(deadline, day) if day > deadline else 0
    while day <= last:
        if problem.calendar.is_working_day(day):
            for start in common_starts(problem, chosen, day, place, duration):
                slots.append(Slot(request.code, day, start, start + duration, place, chosen, items,
                                  day > deadline, wait, part,
                                  problem.at(day, start), problem.at(day, start + duration), tardiness))
        day += dt.timedelta(days=1)
        if problem.calendar.is_working_day(day):
            wait += day > ready
            tardiness += day > deadline
    return slots


def slot_of_visit(problem: Problem, visit: Visit, request: Request, late: bool, wait: int) -> Slot:
    zone = problem.availability.zone
    start, end = visit.start.astimezone(zone), visit.end.astimezone(zone)
    part = "" if visit.joint else ("single" if len(visit.departments) == 1 else "rest")
    return Slot(visit.project, start.date(), minutes_of(start), minutes_of(end), visit.place,
                tuple(sorted(visit.departments)), tuple(visit.items), late, wait, part, start, end)


def same_slot(slot: Slot, visit: Visit) -> bool:
    return slot.start_at == visit.start and slot.end_at == visit.end and slot.place == visit.place \
        and set(slot.departments) == set(visit.departments)


def replace_request(request: Request, **changes) -> Request:
    return dataclasses.replace(request, **changes)
