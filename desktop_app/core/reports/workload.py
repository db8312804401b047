"""The series behind the dashboard's charts: visits per week, load per department, requests by park.

Plain counts over the database's projects and visits, so the GUI draws exactly what a script
calling these functions would print. Cancelled visits and withdrawn requests never count.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app.core.model.domain import Department, Place, Project, RequestStatus, Visit
from desktop_app.core.calendar.workdays import WorkingCalendar, request_deadline

ONE_WEEK = dt.timedelta(days=7)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekCount:
    monday: dt.date
    visits: int
    late: int          # of which after their project's deadline


@dataclass(frozen=True)
class DepartmentLoad:
    code: str
    name: str
    visits: int
    hours: float       # time on site, travel not included


@dataclass(frozen=True)
class PlaceRequests:
    code: str
    name: str
    by_status: dict[str, int]    # RequestStatus value → count (withdrawn left out)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def visits_per_week(visits: Iterable[Visit], first_monday: dt.date, weeks: int,
                    late_visits: Iterable[int] = ()) -> list[WeekCount]:
    """Active visits per week for ``weeks`` weeks from ``first_monday`` (empty weeks included)."""
    late_ids = set(late_visits)
    counts: Counter[dt.date] = Counter()
    late: Counter[dt.date] = Counter()
    for visit in visits:
        if not visit.active:
            continue
        monday = monday_of(visit.start.date())
        counts[monday] += 1
        if visit.id in late_ids:
            late[monday] += 1
    mondays = [first_monday + i * ONE_WEEK for i in range(weeks)]
    return [WeekCount(m, counts[m], late[m]) for m in mondays]


def load_per_department(visits: Iterable[Visit], departments: Sequence[Department], first: dt.date,
                        last: dt.date) -> list[DepartmentLoad]:
    """Visits and hours on site per department for visits starting in [first, last]; busiest first."""
    count: Counter[str] = Counter()
    minutes: Counter[str] = Counter()
    for visit in visits:
        if not visit.active or not first <= visit.start.date() <= last:
            continue
        length = (visit.end - visit.start).total_seconds() / 60
        for code in visit.departments:
            count[code] += 1
            minutes[code] += length
    loads = [DepartmentLoad(d.code, d.name, count[d.code], round(minutes[d.code] / 60, 2)) for d in departments]
    return sorted(loads, key=lambda load: (-load.visits, -load.hours, load.code))


def requests_by_place(projects: Iterable[Project], places: Sequence[Place]) -> list[PlaceRequests]:
    """Requests per park by status (waiting, scheduled, accepted); places without requests left out."""
    shown = (RequestStatus.PENDING, RequestStatus.SCHEDULED, RequestStatus.DONE)
    counts: dict[str, Counter[str]] = {}
    for project in projects:
        if project.status in shown:
            counts.setdefault(project.place, Counter())[project.status.value] += 1
    names = {p.code: p.name for p in places}
    result = [PlaceRequests(code, names.get(code, code), {s.value: counts[code][s.value] for s in shown})
              for code in counts]
    return sorted(result, key=lambda r: (-r.total, r.code))


def late_visit_ids(visits: Iterable[Visit], projects: Iterable[Project], calendar: WorkingCalendar,
                   deadline_working_days: int) -> set[int]:
    """Ids of active visits on a day after their project's deadline (the metrics' notion of late)."""
    deadlines = {p.code: request_deadline(p, calendar, deadline_working_days) for p in projects}
    return {v.id for v in visits
            if v.active and v.id is not None and v.project in deadlines and v.start.date() > deadlines[v.project]}
