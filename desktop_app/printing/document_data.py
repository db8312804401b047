"""What each printed document shows, gathered from the repository (Qt-free).

The HTML builders take these plain objects, so a batch of 500 notices reads the
database a handful of times instead of once per notice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.model.domain import (
    Department,
    Item,
    Level,
    Place,
    Project,
    Settings,
    Visit,
    VisitStatus,
)
from desktop_app.core.store.repository import Repository
from desktop_app.core.calendar.workdays import WorkingCalendar

# A notice announces a visit still to come; done and cancelled visits are history.
NOTICE_STATUSES = (VisitStatus.PLANNED, VisitStatus.PUBLISHED)


class NoVisitError(InputError):
    """A notice was asked for a project (or a date range) with no scheduled visit."""


class UnknownCodeError(InputError):
    """A project or department code on the command line does not exist."""


@dataclass(frozen=True)
class Catalog:
    """The reference data every document looks things up in."""

    settings: Settings
    zone: ZoneInfo
    places: dict[str, Place]
    departments: dict[str, Department]
    items: dict[str, Item]
    travel: dict[tuple[str, str], int]

    @classmethod
    def load(cls, repo: Repository) -> Catalog:
        settings = repo.settings()
        return cls(
            settings=settings, zone=ZoneInfo(settings.timezone),
            places={p.code: p for p in repo.places()},
            departments={d.code: d for d in repo.departments()},
            items={i.code: i for i in repo.items()},
            travel=repo.travel_matrix(),
        )

    def place(self, code: str | None) -> Place:
        if code is None:
            return Place("", "", "")
        return self.places.get(code) or Place(code, code, "")

    def department(self, code: str) -> Department:
        # A department removed after the visit was planned still prints, under its code.
        return self.departments.get(code) or Department(code, code, Level.DISTRICT)

    def item(self, code: str) -> Item:
        return self.items.get(code) or Item(code, code, "", 0)

    def travel_minutes(self, origin: str | None, destination: str) -> int | None:
        """Minutes between two places (0 within one); None when the origin is unknown."""
        if origin is None:
            return None
        if origin == destination:
            return 0
        return self.travel.get((origin, destination), self.settings.default_travel_minutes)

    def local_day(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """The bureau-zone midnight that starts ``day`` and the one after it."""
        start = dt.datetime.combine(day, dt.time(), self.zone)
        return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), self.zone)


@dataclass(frozen=True)
class NoticeVisit:
    visit: Visit
    start: dt.datetime            # in the bureau's zone
    end: dt.datetime
    place: Place
    departments: tuple[Department, ...]
    items: tuple[Item, ...]
    previous_start: dt.datetime | None = None
    previous_end: dt.datetime | None = None

    @property
    def changed(self) -> bool:
        return self.previous_start is not None


@dataclass(frozen=True)
class Notice:
    """One owner's notice (联合验收告知书): a project and its coming visit(s)."""

    project: Project
    visits: tuple[NoticeVisit, ...]
    settings: Settings
    issued_on: dt.date

    @property
    def changed(self) -> bool:
        return any(v.changed for v in self.visits)


@dataclass(frozen=True)
class SheetRow:
    """One visit on a day sheet, with the travel that leads to it."""

    start: dt.datetime
    end: dt.datetime
    project: Project
    place: Place
    departments: tuple[Department, ...]
    items: tuple[Item, ...]
    travel_from: Place | None = None      # where the department comes from (base or previous visit)
    travel_minutes: int | None = None


@dataclass(frozen=True)
class RouteStop:
    start: dt.datetime
    place: Place
    travel_from: Place
    travel_minutes: int | None


@dataclass(frozen=True)
class DaySheet:
    day: dt.date
    settings: Settings
    department: Department | None          # None: the whole bureau's sheet
    rows: tuple[SheetRow, ...]
    routes: tuple[tuple[Department, tuple[RouteStop, ...]], ...]   # bureau sheet: each department's day
    day_note: str                          # holiday / make-up working day, '' for an ordinary day
    issued_on: dt.date


@dataclass(frozen=True)
class WeekDay:
    day: dt.date
    note: str
    morning: tuple[SheetRow, ...]
    afternoon: tuple[SheetRow, ...]


@dataclass(frozen=True)
class WeekOverview:
    monday: dt.date
    settings: Settings
    days: tuple[WeekDay, ...]
    issued_on: dt.date


# --- notices ------------------------------------------------------------------------------
def _notice_visit(visit: Visit, catalog: Catalog) -> NoticeVisit:
    zone = catalog.zone
    return NoticeVisit(
        visit=visit, start=visit.start.astimezone(zone), end=visit.end.astimezone(zone),
        place=catalog.place(visit.place),
        departments=tuple(sorted((catalog.department(c) for c in visit.departments), key=department_order)),
        items=tuple(sorted((catalog.item(c) for c in visit.items), key=lambda i: i.code)),
        previous_start=visit.previous_start.astimezone(zone) if visit.previous_start else None,
        previous_end=visit.previous_end.astimezone(zone) if visit.previous_end else None,
    )


def department_order(department: Department) -> tuple[int, str]:
    # City departments first, as the bureau lists them on its papers.
    return (0 if department.level is Level.CITY else 1, department.code)


def _coming(visits: list[Visit]) -> list[Visit]:
    return [v for v in visits if v.status in NOTICE_STATUSES]


def notice_for_project(repo: Repository, code: str, issued_on: dt.date,
                       catalog: Catalog | None = None) -> Notice:
    """The notice of one project; refuses a project with no coming visit."""
    catalog = catalog or Catalog.load(repo)
    project = repo.project(code)
    if project is None:
        raise UnknownCodeError(tr("Unknown project {code!r}; nothing was printed.", code=code))
    visits = _coming(repo.visits(project=code))
    if not visits:
        raise NoVisitError(tr("Project {code} ({name}) has no scheduled visit yet; schedule it before "
                              "printing its notice. Nothing was printed.", code=code, name=project.name))
    return Notice(project, tuple(_notice_visit(v, catalog) for v in visits), catalog.settings, issued_on)


def notices_between(repo: Repository, first: dt.date, last: dt.date, issued_on: dt.date,
                    catalog: Catalog | None = None) -> list[Notice]:
    """One notice per project with a visit from ``first`` to ``last`` (inclusive), in visit order."""
    if last < first:
        raise InputError(tr("The date range ends ({last}) before it starts ({first}); nothing was printed.",
                            first=first.isoformat(), last=last.isoformat()))
    catalog = catalog or Catalog.load(repo)
    start, _ = catalog.local_day(first)
    _, end = catalog.local_day(last)
    by_project: dict[str, list[Visit]] = defaultdict(list)
    for visit in _coming(repo.visits(start=start, end=end)):
        if start <= visit.start < end:
            by_project[visit.project].append(visit)
    if not by_project:
        raise NoVisitError(tr("No scheduled visit from {first} to {last}; nothing was printed.",
                              first=first.isoformat(), last=last.isoformat()))
    projects = {p.code: p for p in repo.projects()}
    return [Notice(projects[code], tuple(_notice_visit(v, catalog) for v in visits), catalog.settings, issued_on)
            for code, visits in by_project.items()]   # dicts keep insertion order: first visit first


# --- day sheets ---------------------------------------------------------------------------
def _day_visits(repo: Repository, catalog: Catalog, day: dt.date) -> list[Visit]:
    start, end = catalog.local_day(day)
    return [v for v in repo.visits(start=start, end=end) if start <= v.start < end]


def _day_note(calendar: WorkingCalendar, day: dt.date) -> str:
    if calendar.is_makeup_workday(day):
        return "调休上班"
    if not calendar.is_working_day(day):
        name = calendar.holiday_name(day)
        return name or ("休息日" if day.weekday() >= 5 else "非工作日")
    return ""


def _sheet_row(visit: Visit, catalog: Catalog, projects: dict[str, Project],
               department: Department | None = None, travel_from: str | None = None) -> SheetRow:
    items = [catalog.item(c) for c in visit.items]
    if department is not None:
        items = [i for i in items if i.department == department.code]
    return SheetRow(
        start=visit.start.astimezone(catalog.zone), end=visit.end.astimezone(catalog.zone),
        project=projects[visit.project], place=catalog.place(visit.place),
        departments=tuple(sorted((catalog.department(c) for c in visit.departments), key=department_order)),
        items=tuple(sorted(items, key=lambda i: i.code)),
        travel_from=catalog.place(travel_from) if travel_from else None,
        travel_minutes=catalog.travel_minutes(travel_from, visit.place),
    )


def _route(visits: list[Visit], base: str | None) -> list[str | None]:
    """Where the department comes from before each visit: its base first, then the previous place."""
    origins: list[str | None] = []
    previous = base
    for visit in visits:
        origins.append(previous)
        previous = visit.place
    return origins


def day_sheet(repo: Repository, day: dt.date, issued_on: dt.date, department_code: str | None = None,
              calendar: WorkingCalendar | None = None) -> DaySheet:
    catalog = Catalog.load(repo)
    department = None
    if department_code is not None:
        department = catalog.departments.get(department_code)
        if department is None:
            raise UnknownCodeError(tr("Unknown department {code!r}; nothing was printed.", code=department_code))
    calendar = calendar or WorkingCalendar(repo.holiday_overrides(), catalog.settings.complete_override_years)
    projects = {p.code: p for p in repo.projects()}
    visits = _day_visits(repo, catalog, day)
    if department is not None:
        mine = [v for v in visits if department.code in v.departments]
        rows = tuple(_sheet_row(v, catalog, projects, department, origin)
                     for v, origin in zip(mine, _route(mine, department.base), strict=True))
        routes: tuple = ()
    else:
        rows = tuple(_sheet_row(v, catalog, projects) for v in visits)
        routes = tuple(_routes(visits, catalog))
    return DaySheet(day, catalog.settings, department, rows, routes, _day_note(calendar, day), issued_on)


def _routes(visits: list[Visit], catalog: Catalog):
    by_department: dict[str, list[Visit]] = defaultdict(list)
    for visit in visits:
        for code in visit.departments:
            by_department[code].append(visit)
    for department in sorted((catalog.department(c) for c in by_department), key=department_order):
        mine = by_department[department.code]
        stops = tuple(
            RouteStop(v.start.astimezone(catalog.zone), catalog.place(v.place), catalog.place(origin),
                      catalog.travel_minutes(origin, v.place))
            for v, origin in zip(mine, _route(mine, department.base), strict=True))
        yield department, stops


# --- week overview ------------------------------------------------------------------------
def week_overview(repo: Repository, any_day: dt.date, issued_on: dt.date,
                  calendar: WorkingCalendar | None = None) -> WeekOverview:
    """The week (Monday to Sunday) holding ``any_day``; weekend days only when something happens."""
    catalog = Catalog.load(repo)
    calendar = calendar or WorkingCalendar(repo.holiday_overrides(), catalog.settings.complete_override_years)
    projects = {p.code: p for p in repo.projects()}
    monday = any_day - dt.timedelta(days=any_day.weekday())
    days = []
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        rows = [_sheet_row(v, catalog, projects) for v in _day_visits(repo, catalog, day)]
        if day.weekday() >= 5 and not rows and not calendar.is_working_day(day):
            continue
        days.append(WeekDay(day, _day_note(calendar, day),
                            tuple(r for r in rows if r.start.hour < 12),
                            tuple(r for r in rows if r.start.hour >= 12)))
    return WeekOverview(monday, catalog.settings, tuple(days), issued_on)
