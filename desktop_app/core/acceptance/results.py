"""Recording what happened at a visit: one opinion per department, with findings (DESIGN §11).

``record_results`` checks everything first and writes nothing on a problem (one message naming it);
it stores the results, marks the visit done once every department has one, moves the request on
(accepted, rectifying, failed, or back to scheduling for a department that did not come) and appends
the history, all in one transaction. ``undo_results`` is its exact inverse while nothing was built on it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.core.acceptance.standing import decided_status, standing
from desktop_app.core.model.domain import DepartmentResult, Opinion, Project, RequestStatus, Visit, VisitStatus
from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.store import acceptance_records as records
from desktop_app.core.store import history
from desktop_app.core.store.repository import Repository


class ResultError(InputError):
    """Results that cannot be recorded as given; nothing was written."""


@dataclass(frozen=True)
class RecordedResults:
    """What one recording changed, for the caller to redraw and to undo."""

    visit_before: Visit
    visit_after: Visit
    project_before: Project
    project_after: Project
    result_ids: tuple[int, ...]


def _refuse(message: str) -> None:
    raise ResultError(message)


def check_results(repo: Repository, visit: Visit | None, visit_id: int, entries: Sequence[DepartmentResult],
                  now: dt.datetime) -> Visit:
    """Every reason the results cannot be recorded, as one ResultError (the first found)."""
    if visit is None:
        _refuse(tr("There is no visit {id}.", id=visit_id))
    if visit.status is VisitStatus.CANCELLED:
        _refuse(tr("Visit {id} was cancelled; it has no results.", id=visit_id))
    if now < visit.start:
        _refuse(tr("Visit {id} starts at {start}; its results can be recorded once it has begun.",
                   id=visit_id, start=visit.start.strftime("%Y-%m-%d %H:%M")))
    project = repo.project(visit.project)
    if project.status in (RequestStatus.DONE, RequestStatus.FAILED, RequestStatus.WITHDRAWN):
        _refuse(tr("Request {code} is already {status}; no more results can be recorded for it.",
                   code=project.code, status=status_label(project.status)))
    if not entries:
        _refuse(tr("No result was given for visit {id}.", id=visit_id))
    recorded = {r.department: r for r in records.results(repo.db, visit=visit_id)}
    items = {i.code: i for i in repo.items()}
    seen: set[str] = set()
    for entry in entries:
        if entry.department not in visit.departments:
            _refuse(tr("Department {department} is not at visit {id} (its departments: {departments}).",
                       department=entry.department, id=visit_id, departments="、".join(visit.departments)))
        if entry.department in seen:
            _refuse(tr("Department {department} is given twice for visit {id}.", department=entry.department,
                       id=visit_id))
        seen.add(entry.department)
        if entry.department in recorded:
            _refuse(tr("Visit {id} already has the result of department {department} ({opinion}); a correction "
                       "is recorded by undoing it first.", id=visit_id, department=entry.department,
                       opinion=opinion_label(recorded[entry.department].opinion)))
        if entry.opinion is Opinion.RECTIFY and not entry.findings:
            _refuse(tr("Department {department}: rectification needs at least one finding.",
                       department=entry.department))
        if entry.opinion is Opinion.FAILED and not entry.reason.strip():
            _refuse(tr("Department {department}: give the reason the visit did not pass.",
                       department=entry.department))
        for finding in entry.findings:
            if not finding.text.strip():
                _refuse(tr("Department {department}: a finding has no text.", department=entry.department))
            if finding.item is not None and (finding.item not in visit.items
                                             or items[finding.item].department != entry.department):
                _refuse(tr("Department {department}: item {item} is not one of its items at visit {id}.",
                           department=entry.department, item=finding.item, id=visit_id))
    return visit


def record_results(repo: Repository, visit_id: int, entries: Sequence[DepartmentResult], *, now: dt.datetime,
                   clerk: str) -> RecordedResults:
    """Store the departments' opinions at one visit; see the module's docstring."""
    db = repo.db
    with db.atomic():
        visit = check_results(repo, repo.visit(visit_id), visit_id, entries, now)
        project = repo.project(visit.project)
        day = visit.start.date()
        stored = [dataclasses.replace(e, visit=visit.id, project=project.code, round=visit.round, recorded_on=day)
                  for e in entries]
        ids = tuple(records.insert_results(db, stored, clerk))
        visit_after, project_after = _settle(repo, visit, project)
        history.append_many(db, clerk, [
            *((project.code, "result", _result_detail(r), visit.id) for r in stored),
            *_status_entries(project, project_after, visit.id)])
    return RecordedResults(visit, visit_after, project, project_after, ids)


def _settle(repo: Repository, visit: Visit, project: Project) -> tuple[Visit, Project]:
    """The visit is done once every department has a result; the request moves to its derived status."""
    visit_results = records.results(repo.db, visit=visit.id)
    visit_after = visit
    if {r.department for r in visit_results} >= set(visit.departments) and visit.status is not VisitStatus.DONE:
        visit_after = _set_visit_status(repo, visit, VisitStatus.DONE)
    project_results = records.results(repo.db, project=project.code)
    items = {i.code: i for i in repo.items()}
    status, decided_on = decided_status(project, standing(project, items, project_results),
                                        repo.visits(project=project.code), project_results)
    project_after = dataclasses.replace(project, status=status, decided_on=decided_on)
    if project_after != project:
        repo.save_project_state(project_after)
    return visit_after, repo.project(project.code)


_CONFIRMED = (VisitStatus.PUBLISHED, VisitStatus.DONE)


def _set_visit_status(repo: Repository, visit: Visit, status: VisitStatus) -> Visit:
    if visit.status in _CONFIRMED and status in _CONFIRMED:
        # CONFIRMED in the feeds either way: keep the modification time so the departments' feeds stay
        # byte-identical (a result changes nothing in them).
        repo.db.execute("UPDATE visits SET status = ? WHERE id = ?", [str(status), visit.id])
        return repo.visit(visit.id)
    return repo.update_visit(dataclasses.replace(visit, status=status))


def undo_results(repo: Repository, recorded: RecordedResults, *, clerk: str) -> None:
    """Take a recording back (the history keeps both entries). Refused once the request moved on."""
    db = repo.db
    with db.atomic():
        current = repo.project(recorded.project_after.code)
        if current != recorded.project_after or records.opinion_number(db, current.code) is not None:
            _refuse(tr("Request {code} has changed since these results were recorded; they can no longer be "
                       "undone.", code=current.code))
        records.delete_results(db, recorded.result_ids)
        _set_visit_status(repo, repo.visit(recorded.visit_before.id), recorded.visit_before.status)
        repo.save_project_state(recorded.project_before)
        history.append(db, clerk, current.code, "results_withdrawn", {"results": list(recorded.result_ids)},
                       recorded.visit_before.id)


def _result_detail(result: DepartmentResult) -> dict:
    return {"department": result.department, "opinion": str(result.opinion), "reason": result.reason,
            "round": result.round, "findings": [dataclasses.asdict(f) for f in result.findings]}


def _status_entries(before: Project, after: Project, visit: int | None):
    if after.status is not before.status:
        yield before.code, "status", {"from": str(before.status), "to": str(after.status),
                                      "decided_on": after.decided_on.isoformat() if after.decided_on else None}, visit


def opinion_label(opinion: Opinion) -> str:
    return {Opinion.PASSED: tr("passed"), Opinion.RECTIFY: tr("rectification needed"), Opinion.FAILED: tr("failed"),
            Opinion.ABSENT: tr("department absent"), Opinion.NOT_READY: tr("owner not ready")}[opinion]


def status_label(status: RequestStatus) -> str:
    return {RequestStatus.PENDING: tr("waiting"), RequestStatus.SCHEDULED: tr("scheduled"),
            RequestStatus.RECTIFYING: tr("rectifying"), RequestStatus.DONE: tr("accepted"),
            RequestStatus.FAILED: tr("not passed"), RequestStatus.WITHDRAWN: tr("withdrawn")}[status]
