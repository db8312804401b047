"""A plan's figures (DESIGN §5 `metrics`): scheduled, late, joint rate, trips saved, waiting.

Computed from projects and visits only, so the scheduler's JSON, `stats` and the dashboard show the
same numbers for the same visits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from desktop_app.core.calendar.workdays import WorkingCalendar, request_deadline
from desktop_app.core.model.domain import Item, Project, RequestStatus, Settings, Visit


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
