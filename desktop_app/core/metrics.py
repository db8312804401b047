"""The figures the bureau reports (DESIGN §5 metrics, the seed article's KPIs).

``schedule_metrics`` is computed from projects and visits only, so the CLI's ``stats``, the
scheduler's JSON and the GUI dashboard all show the same numbers for the same database.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from desktop_app.core.model import Item, Project, RequestStatus, Settings, Visit
from desktop_app.core.repository import Repository
from desktop_app.core.workdays import WorkingCalendar, request_deadline


@dataclass(frozen=True)
class ScheduleMetrics:
    requests: int
    scheduled: int
    late: int
    joint_rate: float               # share of scheduled requests served by one joint visit
    trips_separate: int             # visits without joint acceptance: one per department per project
    trips_joint: int                # visits the projects receive now
    trips_saved_pct: float
    department_trips: int           # distinct (department, day, place)
    mean_wait_working_days: float   # from ready date to visit
    on_time_rate: float

    def as_dict(self) -> dict:
        return asdict(self)


def _round(value: float) -> float:
    return round(value, 4)


def schedule_metrics(projects: Iterable[Project], visits: Iterable[Visit], items: Iterable[Item],
                     calendar: WorkingCalendar, settings: Settings) -> ScheduleMetrics:
    projects = [p for p in projects if p.status is not RequestStatus.WITHDRAWN]
    department_of = {item.code: item.department for item in items}
    by_project: dict[str, list[Visit]] = defaultdict(list)
    for visit in visits:
        if visit.active:
            by_project[visit.project].append(visit)
    scheduled = late = joint = separate = waiting = 0
    for project in projects:
        project_visits = by_project.get(project.code)
        if not project_visits:
            continue
        scheduled += 1
        separate += len({department_of[i] for i in project.items if i in department_of})
        if len(project_visits) == 1 and project_visits[0].joint:
            joint += 1
        last_day = max(v.start.date() for v in project_visits)
        if last_day > request_deadline(project, calendar, settings.deadline_working_days):
            late += 1
        first_day = min(v.start.date() for v in project_visits)
        waiting += calendar.working_days_between(project.ready_on, first_day)
    active = [v for vs in by_project.values() for v in vs]
    trips_joint = len(active)
    department_trips = len({(d, v.start.date(), v.place) for v in active for d in v.departments})
    return ScheduleMetrics(
        requests=len(projects),
        scheduled=scheduled,
        late=late,
        joint_rate=_round(joint / scheduled) if scheduled else 0.0,
        trips_separate=separate,
        trips_joint=trips_joint,
        trips_saved_pct=_round(100 * (1 - trips_joint / separate)) if separate else 0.0,
        department_trips=department_trips,
        mean_wait_working_days=_round(waiting / scheduled) if scheduled else 0.0,
        on_time_rate=_round((scheduled - late) / scheduled) if scheduled else 0.0,
    )


def calendar_for(repo: Repository) -> WorkingCalendar:
    settings = repo.settings()
    return WorkingCalendar(repo.holiday_overrides(), settings.complete_override_years)


def database_stats(repo: Repository, today: dt.date, *, projects: list[Project] | None = None,
                   visits: list[Visit] | None = None) -> dict:
    """Everything `joint-acceptance stats` reports, as plain data.

    ``projects`` and ``visits``, when the caller has just read them (the dashboard), are not read again.
    """
    settings = repo.settings()
    calendar = calendar_for(repo)
    projects = repo.projects() if projects is None else projects
    visits = repo.visits() if visits is None else visits
    statuses = Counter(str(p.status) for p in projects)
    deadlines = [request_deadline(p, calendar, settings.deadline_working_days)
                 for p in projects if p.status in (RequestStatus.PENDING, RequestStatus.SCHEDULED)]
    relevant_days = [today, *deadlines, *(v.start.date() for v in visits)]
    db = repo.db
    sources = [
        {"department": r["department"], "location": r["location"], "events": r["event_count"],
         "fetched_at": r["fetched_at"], "last_error": r["last_error"]}
        for r in db.query("SELECT department, location, event_count, fetched_at, last_error "
                          "FROM availability_sources ORDER BY department, location")
    ]
    return {
        "today": today.isoformat(),
        "requests_by_status": {status.value: statuses.get(status.value, 0) for status in RequestStatus},
        "requests_waiting": statuses.get(RequestStatus.PENDING.value, 0),
        "departments": db["departments"].count,
        "departments_by_level": dict(Counter(d["level"] for d in db.query("SELECT level FROM departments"))),
        "items": db["items"].count,
        "places": db["places"].count,
        "visits": len(visits),
        "visits_this_week": sum(1 for v in visits if v.start.date().isocalendar()[:2] == today.isocalendar()[:2]),
        "holiday_overrides": db["holiday_overrides"].count,
        "calendar": {
            "confirmed_years": sorted(y for y in calendar.confirmed_years if y >= today.year - 1),
            "unconfirmed_years_in_use": calendar.unconfirmed_years(relevant_days),
            "warning": calendar.coverage_warning(relevant_days),
        },
        "availability_sources": sources,
        "metrics": schedule_metrics(projects, visits, repo.items(), calendar, settings).as_dict(),
    }
