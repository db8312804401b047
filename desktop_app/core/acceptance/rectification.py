"""The owner reports the findings fixed: a re-inspection round of only the departments with findings.

The report must come within the rectification period (settings: calendar days after the visit that found
the problems); later, the owner must apply again. The request then waits for scheduling again in a new
round: ready on the report's day, due ``reinspection_working_days`` working days later, with only the
items of departments that have not passed (``standing.outstanding_items``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from desktop_app.core.acceptance.results import ResultError, status_label
from desktop_app.core.acceptance.standing import Standing, standing
from desktop_app.core.calendar.workdays import calendar_for
from desktop_app.core.model.domain import Project, RequestStatus
from desktop_app.core.model.messages import tr
from desktop_app.core.store import acceptance_records as records
from desktop_app.core.store import history
from desktop_app.core.store.repository import Repository


@dataclass(frozen=True)
class Rectified:
    before: Project
    after: Project


def rectification_deadline(repo: Repository, project: Project) -> dt.date | None:
    """The last day the owner may report the open findings fixed (None: nothing to fix)."""
    items = {i.code: i for i in repo.items()}
    now = standing(project, items, records.results(repo.db, project=project.code))
    return deadline_after(now, repo.settings().rectification_days)


def deadline_after(now: Standing, rectification_days: int) -> dt.date | None:
    """``rectification_days`` calendar days after the last visit that found a problem still open."""
    found_on = [now.latest[d].recorded_on for d in now.open]
    if not found_on:
        return None
    return max(found_on) + dt.timedelta(days=rectification_days)


def report_rectified(repo: Repository, code: str, reported_on: dt.date, *, today: dt.date, clerk: str) -> Rectified:
    """Record the owner's report and open the re-inspection round; refused with the reason otherwise."""
    db = repo.db
    with db.atomic():
        project = repo.project(code)
        if project is None:
            raise ResultError(tr("There is no request {code}.", code=code))
        if project.status is not RequestStatus.RECTIFYING:
            raise ResultError(tr("Request {code} is {status}, not rectifying; there is nothing to report fixed.",
                                 code=code, status=status_label(project.status)))
        deadline = rectification_deadline(repo, project)
        if deadline is None:   # e.g. the items of the department that found the problems were edited away
            raise ResultError(tr("Request {code} is rectifying, but no department it still needs has an open "
                                 "finding (its items were changed); there is nothing to report fixed. Check the "
                                 "request's items.", code=code))
        found_on = deadline - dt.timedelta(days=repo.settings().rectification_days)
        if reported_on > today:
            raise ResultError(tr("The report date {date} is in the future.", date=reported_on))
        if reported_on < found_on:
            raise ResultError(tr("The report date {date} is before the visit that found the problems ({found})."
                                 , date=reported_on, found=found_on))
        if reported_on > deadline:
            raise ResultError(tr("The rectification period of request {code} ended on {deadline}; a report on "
                                 "{date} is too late, the owner must apply again.",
                                 code=code, deadline=deadline, date=reported_on))
        settings = repo.settings()
        due = calendar_for(repo).add_working_days(reported_on, settings.reinspection_working_days)
        after = dataclasses.replace(project, status=RequestStatus.PENDING, round=project.round + 1,
                                    round_ready_on=reported_on, round_deadline=due)
        records.add_report(db, records.RectificationReport(code, project.round, reported_on), clerk)
        repo.save_project_state(after)
        history.append(db, clerk, code, "rectified", {"reported_on": reported_on.isoformat(),
                                                      "round": after.round, "deadline": due.isoformat()})
    return Rectified(project, repo.project(code))


def undo_rectified(repo: Repository, rectified: Rectified, *, clerk: str) -> None:
    """Take the report back while the re-inspection has not been scheduled or held."""
    db = repo.db
    with db.atomic():
        current = repo.project(rectified.after.code)
        if current != rectified.after:
            raise ResultError(tr("Request {code} has changed since the report was recorded; it can no longer "
                                 "be undone.", code=current.code))
        records.delete_report(db, current.code, rectified.before.round)
        repo.save_project_state(rectified.before)
        history.append(db, clerk, current.code, "rectified_withdrawn", {"round": current.round})
