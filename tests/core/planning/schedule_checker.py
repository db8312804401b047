"""An independent checker of schedules: every hard rule of DESIGN §4, re-derived from the data.

It deliberately shares no code with the scheduler (no desktop_app.core.planning.scheduler, candidates,
greedy or explain): office hours are read from the departments' weekly hours and the working-day
calendar, busy time from the busy events themselves, travel from the travel table. A schedule
the scheduler produces must pass it; a schedule with any broken rule must not.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from desktop_app.core.model.domain import Department, Item, Project, Settings, Visit
from desktop_app.core.calendar.workdays import WorkingCalendar, request_deadline


@dataclass
class Data:
    """What the rules are checked against."""

    departments: Mapping[str, Department]
    items: Mapping[str, Item]
    projects: Mapping[str, Project]
    calendar: WorkingCalendar
    busy: Callable[[str, dt.date], Sequence]            # department, day → events with .start/.end/.title
    travel: Mapping[tuple[str, str], int]
    settings: Settings
    blocked: Mapping[str, Sequence[tuple[dt.date, dt.date, str]]] = field(default_factory=dict)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.settings.timezone)

    def minutes_between(self, origin: str | None, destination: str) -> int:
        if origin is None or origin == destination:
            return 0
        return self.travel.get((origin, destination),
                               self.travel.get((destination, origin), self.settings.default_travel_minutes))

    def periods(self, department: str, day: dt.date) -> list[tuple[int, int]]:
        """Office-hours periods in minutes; 调休 weekend days use the first weekday that has hours."""
        if not self.calendar.is_working_day(day):
            return []
        if any(first <= day <= last for first, last, _ in self.blocked.get(department, ())):
            return []
        hours = self.departments[department].office_hours
        if day.weekday() >= 5:
            return list(next((hours.on(w) for w in range(5) if hours.on(w)), ()))
        return list(hours.on(day.weekday()))


def _minutes(moment: dt.datetime) -> int:
    return moment.hour * 60 + moment.minute


def check_schedule(visits: Sequence[Visit], data: Data, *, first_day: dt.date | None = None) -> list[str]:
    """Every broken rule, as text (empty = valid)."""
    problems: list[str] = []
    zone = data.zone
    grain = data.settings.grain_minutes
    by_department_day: dict[tuple[str, dt.date], list[tuple[int, int, str, str]]] = defaultdict(list)
    by_project: dict[str, list[Visit]] = defaultdict(list)
    for visit in visits:
        label = f"{visit.project} {visit.start:%Y-%m-%d %H:%M}"
        start, end = visit.start.astimezone(zone), visit.end.astimezone(zone)
        day = start.date()
        by_project[visit.project].append(visit)
        project = data.projects.get(visit.project)
        if project is None:
            problems.append(f"{label}: unknown project")
            continue
        if end.date() != day:
            problems.append(f"{label}: spans midnight")
        if not set(visit.items) <= set(project.items):
            problems.append(f"{label}: items {set(visit.items) - set(project.items)} not requested")
        needed = {data.items[i].department for i in visit.items}
        if set(visit.departments) != needed:
            problems.append(f"{label}: departments {sorted(visit.departments)} do not match items {sorted(needed)}")
        length = max(data.items[i].duration_minutes for i in visit.items) + data.settings.allowance_minutes
        if (end - start) != dt.timedelta(minutes=length):
            problems.append(f"{label}: lasts {(end - start)} instead of {length} minutes")
        if _minutes(start) % grain or start.second:
            problems.append(f"{label}: does not start on the {grain}-minute grain")
        if not data.calendar.is_working_day(day):
            problems.append(f"{label}: {day} is not a working day")
        if first_day is not None and day < first_day:
            problems.append(f"{label}: before the first plannable day {first_day}")
        for department in visit.departments:
            periods = data.periods(department, day)
            if not any(s <= _minutes(start) and _minutes(end) <= e for s, e in periods):
                problems.append(f"{label}: outside office hours of {department} {periods}")
            for event in data.busy(department, day):
                if event.start < end and start < event.end:
                    problems.append(f"{label}: {department} is busy with {event.title!r}")
            by_department_day[(department, day)].append((_minutes(start), _minutes(end), visit.place, label))
    for (department, day), booked in by_department_day.items():
        capacity = data.departments[department].daily_capacity
        if len(booked) > capacity:
            problems.append(f"{department} {day}: {len(booked)} visits, capacity {capacity}")
        booked.sort()
        for (s1, e1, p1, l1), (s2, e2, p2, l2) in zip(booked, booked[1:]):
            if s2 < e1:
                problems.append(f"{department} {day}: {l1} and {l2} overlap")
            elif s2 < e1 + data.minutes_between(p1, p2):
                problems.append(f"{department} {day}: no time to travel from {l1} ({p1}) to {l2} ({p2})")
        base = data.departments[department].base
        for period_start, period_end in data.periods(department, day):
            inside = [b for b in booked if period_start <= b[0] < period_end]
            if inside and inside[0][0] < period_start + data.minutes_between(base, inside[0][2]):
                problems.append(f"{department} {day}: no time to travel from base {base} to {inside[0][3]}")
    for code, project_visits in by_project.items():
        project = data.projects.get(code)
        if project is None:
            continue
        covered = [i for v in project_visits for i in v.items]
        if sorted(covered) != sorted(project.items):
            problems.append(f"{code}: items covered {sorted(covered)} instead of {sorted(project.items)}")
        if len(project_visits) == 1 and not project_visits[0].joint:
            problems.append(f"{code}: a single visit must be joint")
    return problems


def is_late(project: Project, visits: Sequence[Visit], data: Data) -> bool:
    deadline = request_deadline(project, data.calendar, data.settings.deadline_working_days)
    return max(v.start.astimezone(data.zone).date() for v in visits) > deadline


def waiting_days(project: Project, visits: Sequence[Visit], data: Data) -> int:
    first = min(v.start.astimezone(data.zone).date() for v in visits)
    return data.calendar.working_days_between(project.ready_on, first)


def tardiness(project: Project, visits: Sequence[Visit], data: Data) -> int:
    """Working days past the deadline (0 when on time)."""
    deadline = request_deadline(project, data.calendar, data.settings.deadline_working_days)
    return data.calendar.working_days_between(deadline, max(v.start.astimezone(data.zone).date() for v in visits))
