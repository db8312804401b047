"""What the calendar shows for a range of days, gathered from the core (no widgets here).

``CalendarSource`` keeps what changes rarely (departments, projects, places, items, the working-day
calendar) and reads only the period's visits and busy time when the user switches weeks, so a
switch costs two indexed queries however large the database is. The workspace's change signal
tells the page to ``refresh`` it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from desktop_app.core.acceptance.tracking import results_due
from desktop_app.core.calendar.availability import (
    Availability,
    BusyEvent,
    Interval,
    load_blocked_periods,
    load_busy_events,
    load_declines,
    load_office_hours_variants,
)
from desktop_app.core.planning.conflicts import Conflict, find_conflicts
from desktop_app.core.model.domain import (
    Department,
    Item,
    Level,
    Place,
    Project,
    Visit,
    VisitStatus,
)
from desktop_app.core.store.repository import Repository
from desktop_app.core.calendar.workdays import WorkingCalendar, request_deadline

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    working: bool
    makeup: bool           # a weekend working day (调休上班)
    label: str             # the holiday's name, or '' on an ordinary day


@dataclass(frozen=True)
class VisitInfo:
    visit: Visit
    project: Project | None
    deadline: dt.date | None
    conflicts: tuple[Conflict, ...] = ()
    results_due: tuple[str, ...] = ()    # departments still without a result although the visit has ended

    @property
    def id(self) -> int:
        return self.visit.id

    @property
    def due(self) -> bool:
        """待录入结果: the visit has ended and some department's result is not recorded yet."""
        return bool(self.results_due)

    @property
    def held(self) -> bool:
        """The visit took place: every department has its result."""
        return self.visit.status is VisitStatus.DONE

    @property
    def late(self) -> bool:
        return self.deadline is not None and self.visit.start.date() > self.deadline

    @property
    def planned(self) -> bool:
        """Not yet sent to the departments (TENTATIVE in the feeds)."""
        return self.visit.status is VisitStatus.PLANNED

    @property
    def title(self) -> str:
        return self.project.name if self.project else self.visit.project


@dataclass(frozen=True)
class Lane:
    """One department's row: its office hours, busy events and blocked days in the period."""

    department: Department
    office: dict[dt.date, list[Interval]]
    busy: dict[dt.date, list[BusyEvent]]
    blocked: dict[dt.date, str]


@dataclass(frozen=True)
class Filters:
    department: str = ""      # '' = every department
    level: str = ""           # '' = both levels
    place: str = ""           # '' = every place


@dataclass
class CalendarPeriod:
    first: dt.date
    last: dt.date
    days: list[DayInfo]
    lanes: list[Lane]
    visits: list[VisitInfo]
    places: dict[str, Place] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Shanghai"))

    def visit(self, visit_id: int) -> VisitInfo | None:
        return next((v for v in self.visits if v.id == visit_id), None)

    def visits_of(self, department: str) -> list[VisitInfo]:
        return [v for v in self.visits if department in v.visit.departments]


class CalendarSource:
    """Loads calendar periods from one repository; ``refresh`` after the data changed."""

    def __init__(self, repo: Repository, calendar: WorkingCalendar,
                 now: Callable[[], dt.datetime] | None = None) -> None:
        self.repo = repo
        self.now = now or (lambda: dt.datetime.now(self.zone))   # what has ended: results due
        self.refresh(calendar)

    def refresh(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar
        self.settings = self.repo.settings()
        self.zone = ZoneInfo(self.settings.timezone)
        self.departments = {d.code: d for d in self.repo.departments()}
        self.places = {p.code: p for p in self.repo.places()}
        self.items = {i.code: i for i in self.repo.items()}
        self.projects = {p.code: p for p in self.repo.projects()}
        self._blocked = load_blocked_periods(self.repo.db)
        self._variants = load_office_hours_variants(self.repo.db)
        self._deadlines: dict[str, dt.date] = {}

    def deadline(self, project: Project) -> dt.date:
        known = self._deadlines.get(project.code)
        if known is None:
            known = request_deadline(project, self.calendar,
                                 self.settings.deadline_working_days)
            self._deadlines[project.code] = known
        return known

    def visit_deadline(self, visit: Visit, project: Project) -> dt.date | None:
        """The deadline the visit is held against: a re-inspection has its own (earlier rounds' are not kept)."""
        if visit.round == 0:
            return self.deadline(project)
        return project.round_deadline if visit.round == project.round else None

    def availability(self, first: dt.date, last: dt.date) -> Availability:
        busy = load_busy_events(self.repo.db, first, last, self.settings.timezone)
        return Availability(self.departments, self.calendar, busy, first, last, self.settings.timezone,
                            blocked=self._blocked, variants=self._variants,
                            declined=load_declines(self.repo.db, first, last, self.settings.timezone))

    def period(self, first: dt.date, last: dt.date, filters: Filters = Filters()) -> CalendarPeriod:
        """Everything shown for the days [first, last] with ``filters`` applied."""
        availability = self.availability(first, last)
        start = dt.datetime.combine(first, dt.time(), self.zone)
        end = dt.datetime.combine(last + ONE_DAY, dt.time(), self.zone)
        visits = self.repo.visits(start=start, end=end)
        conflicts = find_conflicts(self.repo, first, last, visits=visits, availability=availability)
        due = {d.visit.id: d.missing for d in results_due(self.repo, self.now(), visits)}
        days = [self._day(first + n * ONE_DAY) for n in range((last - first).days + 1)]
        codes = self.lane_codes(filters)
        lanes = [self._lane(code, days, availability) for code in codes]
        shown = set(codes)
        infos = []
        for visit in visits:
            if filters.place and visit.place != filters.place:
                continue
            if (filters.department or filters.level) and shown.isdisjoint(visit.departments):
                continue    # the month view lists visits, not lanes: it must follow the same filter
            project = self.projects.get(visit.project)
            # A visit that took place no longer needs its departments free: no conflict to show.
            found = () if visit.status is VisitStatus.DONE else tuple(conflicts.get(visit.id, ()))
            infos.append(VisitInfo(visit, project, self.visit_deadline(visit, project) if project else None, found,
                                   due.get(visit.id, ())))
        return CalendarPeriod(first, last, days, lanes, infos, self.places, self.departments, self.items, self.zone)

    def lane_codes(self, filters: Filters) -> list[str]:
        """Departments shown: city departments first (they travel furthest), then district, by code."""
        chosen = [d for d in self.departments.values()
                  if (not filters.department or d.code == filters.department)
                  and (not filters.level or d.level == Level(filters.level))]
        return [d.code for d in sorted(chosen, key=lambda d: (d.level is not Level.CITY, d.code))]

    def _day(self, day: dt.date) -> DayInfo:
        working = self.calendar.is_working_day(day)
        makeup = working and self.calendar.is_makeup_workday(day)
        return DayInfo(day, working, makeup, self.calendar.holiday_name(day) or "")

    @staticmethod
    def _lane(code: str, days: list[DayInfo], availability: Availability) -> Lane:
        office, busy, blocked = {}, {}, {}
        for info in days:
            office[info.day] = availability.office_periods(code, info.day)
            events = availability.busy(code, info.day)
            if events:
                busy[info.day] = events
            reason = availability.blocked_reason(code, info.day)
            if reason is not None:
                blocked[info.day] = reason
        return Lane(availability.departments[code], office, busy, blocked)
