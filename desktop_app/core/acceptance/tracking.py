"""What the clerk has to follow up after the visits: results due, requests rectifying, re-inspections waiting.

Read-only queries for the desktop's calendar, dashboard and 整改跟踪 page (the same answers a report or a
command would give): each reads the results once for every request rather than once per request.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from desktop_app.core.acceptance.rectification import deadline_after
from desktop_app.core.acceptance.standing import Standing, standing
from desktop_app.core.model.domain import DepartmentResult, Finding, Project, RequestStatus, Visit, VisitStatus
from desktop_app.core.store import acceptance_records as records
from desktop_app.core.store.repository import Repository

_WAITING_FOR_RESULTS = (VisitStatus.PLANNED, VisitStatus.PUBLISHED)
_DECIDED = (RequestStatus.DONE, RequestStatus.FAILED, RequestStatus.WITHDRAWN)


@dataclass(frozen=True)
class DueVisit:
    """A visit whose end has passed while some of its departments have no result yet (待录入结果)."""

    visit: Visit
    missing: tuple[str, ...]     # departments of the visit without a result, in the visit's order


@dataclass(frozen=True)
class OpenFinding:
    department: str
    finding: Finding
    found_on: dt.date


@dataclass(frozen=True)
class Rectifying:
    """A request rectifying (整改中): its open findings and the day the owner must report them fixed by."""

    project: Project
    findings: tuple[OpenFinding, ...]
    deadline: dt.date
    days_left: int               # calendar days from today to the deadline; negative once it has passed


@dataclass(frozen=True)
class Reinspection:
    """A re-inspection (复验, round > 0) not yet held: its departments, deadline and visit if planned."""

    project: Project
    departments: tuple[str, ...]     # the departments that have not passed yet
    deadline: dt.date | None
    visit: Visit | None              # the round's visit once scheduled


@dataclass(frozen=True)
class FollowUp:
    rectifying: tuple[Rectifying, ...]
    reinspections: tuple[Reinspection, ...]


def recorded_departments(repo: Repository, visit_ids: Sequence[int]) -> dict[int, set[str]]:
    """Which departments already have a result, per visit (one indexed query)."""
    found: dict[int, set[str]] = {visit_id: set() for visit_id in visit_ids}
    if visit_ids:
        for visit_id, department in repo.db.execute(
                "SELECT visit, department FROM results WHERE visit IN (SELECT value FROM json_each(?))",
                [json.dumps(list(visit_ids))]):
            found[visit_id].add(department)
    return found


def due_visit_ids(repo: Repository, now: dt.datetime, among: Sequence[int] | None = None) -> list[int]:
    """The rule of results due (待录入结果), one indexed query: visits planned or published that have ended by
    ``now`` and lack the result of some department, of requests still open (one decided takes no more results);
    earliest first. ``among`` narrows it to those visit ids. The lifecycle's "results overdue" is this too."""
    zone = ZoneInfo(repo.settings().timezone)
    # Stored times carry the bureau's offset; a day's margin on the indexed start keeps the string bound safe,
    # and the exact comparison is made on the parsed end.
    bound = (now.astimezone(zone) + dt.timedelta(days=1)).isoformat()
    params: list[object] = [bound, *(str(s) for s in _WAITING_FOR_RESULTS), *(str(s) for s in _DECIDED)]
    narrowed = ""
    if among is not None:
        narrowed = "AND v.id IN (SELECT value FROM json_each(?)) "
        params.append(json.dumps(list(among)))
    rows = repo.db.execute(
        f"SELECT v.id, v.end FROM visits v JOIN projects p ON p.code = v.project "
        f"WHERE v.start < ? AND v.status IN ({', '.join('?' for _ in _WAITING_FOR_RESULTS)}) "
        f"AND p.status NOT IN ({', '.join('?' for _ in _DECIDED)}) {narrowed}"
        f"AND EXISTS (SELECT 1 FROM visit_departments d WHERE d.visit = v.id AND NOT EXISTS "
        f"  (SELECT 1 FROM results r WHERE r.visit = v.id AND r.department = d.department)) "
        f"ORDER BY v.start, v.id", params).fetchall()
    return [visit_id for visit_id, end in rows if dt.datetime.fromisoformat(end) <= now]


def results_due(repo: Repository, now: dt.datetime, visits: Iterable[Visit] | None = None) -> list[DueVisit]:
    """Visits that have ended by ``now`` with a department still without a result, earliest first
    (the rule: ``due_visit_ids``).

    ``visits`` narrows the question to those visits (a calendar's week); by default every visit.
    """
    if visits is None:
        ids = due_visit_ids(repo, now)
        due = [visit for visit in (repo.visit(visit_id) for visit_id in ids) if visit is not None]
    else:
        given = {v.id: v for v in visits}
        due = [given[visit_id] for visit_id in due_visit_ids(repo, now, list(given))]
    recorded = recorded_departments(repo, [v.id for v in due])
    return [DueVisit(v, tuple(d for d in v.departments if d not in recorded[v.id])) for v in due]


def _open_findings(now: Standing) -> tuple[OpenFinding, ...]:
    return tuple(OpenFinding(d, finding, now.latest[d].recorded_on) for d in now.open
                 for finding in now.latest[d].findings)


def follow_up(repo: Repository, today: dt.date, projects: Iterable[Project] | None = None) -> FollowUp:
    """Requests rectifying (nearest deadline first) and re-inspections waiting (nearest deadline first)."""
    projects = repo.projects() if projects is None else projects
    items = {i.code: i for i in repo.items()}
    days = repo.settings().rectification_days
    results: Mapping[str, list[DepartmentResult]] = records.results_by_project(repo.db)
    rectifying, reinspections = [], []
    for project in projects:
        if project.status is RequestStatus.RECTIFYING:
            now = standing(project, items, results.get(project.code, ()))
            deadline = deadline_after(now, days)
            if deadline is not None:
                rectifying.append(Rectifying(project, _open_findings(now), deadline, (deadline - today).days))
        elif project.round > 0 and project.status in (RequestStatus.PENDING, RequestStatus.SCHEDULED):
            now = standing(project, items, results.get(project.code, ()))
            visit = next((v for v in repo.visits(project=project.code)
                          if v.round == project.round and v.status in _WAITING_FOR_RESULTS), None)
            outstanding = tuple(d for d in now.required if d not in now.passed)
            reinspections.append(Reinspection(project, outstanding, project.round_deadline, visit))
    rectifying.sort(key=lambda r: (r.deadline, r.project.code))
    reinspections.sort(key=lambda r: (r.deadline or dt.date.max, r.project.code))
    return FollowUp(tuple(rectifying), tuple(reinspections))
