"""What the requests table shows for each request: deadline, urgency, visit, search text.

Computed once per reload from core objects (deadline_for, the working-day calendar), so
filtering 5,000 rows as the user types only compares prepared strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.core.model.domain import Project, RequestStatus, Settings, Visit
from desktop_app.core.store.repository import Repository
from desktop_app.core.calendar.workdays import WorkingCalendar, request_deadline

# Amber from this many working days before the deadline.
AMBER_WORKING_DAYS = 2
_OPEN = (RequestStatus.PENDING, RequestStatus.SCHEDULED)


class Urgency:
    NONE, SOON, LATE = 0, 1, 2


@dataclass(frozen=True)
class RequestRow:
    project: Project
    place_name: str
    item_names: str
    departments: frozenset[str]
    deadline: dt.date
    visit_start: dt.datetime | None
    urgency: int
    late: bool
    search_text: str     # lower-cased code, name, owner, place, items

    @property
    def reinspection(self) -> bool:
        """A re-inspection round (复验) waiting for its visit or scheduled."""
        return self.project.round > 0 and self.project.status in _OPEN


def _urgency(project: Project, deadline: dt.date, visit_day: dt.date | None, today: dt.date,
             calendar: WorkingCalendar) -> tuple[int, bool]:
    if project.status not in _OPEN:
        return Urgency.NONE, False
    day = visit_day if visit_day is not None else today
    if day > deadline:
        return Urgency.LATE, True
    if visit_day is None and calendar.working_days_between(today, deadline) <= AMBER_WORKING_DAYS:
        return Urgency.SOON, False
    return Urgency.NONE, False


def current_visit(project: Project, visits: list[Visit]) -> Visit | None:
    """The visit to show for a request: its current round's first (a re-inspection not yet planned has none)."""
    return next((v for v in visits if v.round == project.round), None)


def build_rows(repo: Repository, calendar: WorkingCalendar, settings: Settings, today: dt.date) -> list[RequestRow]:
    places = {p.code: p.name for p in repo.places()}
    items = {i.code: i for i in repo.items()}
    visits_of: dict[str, list[Visit]] = {}
    for visit in repo.visits():
        visits_of.setdefault(visit.project, []).append(visit)
    rows = []
    for project in repo.projects():
        deadline = request_deadline(project, calendar, settings.deadline_working_days)
        if project.round > 0 and project.round_deadline is not None:
            deadline = project.round_deadline        # a re-inspection is due on its own deadline
        visit = current_visit(project, visits_of.get(project.code, []))
        visit_day = visit.start.date() if visit else None
        urgency, late = _urgency(project, deadline, visit_day, today, calendar)
        names = "、".join(items[i].name if i in items else i for i in project.items)
        place_name = places.get(project.place, project.place)
        rows.append(RequestRow(
            project=project, place_name=place_name, item_names=names,
            departments=frozenset(items[i].department for i in project.items if i in items),
            deadline=deadline, visit_start=visit.start if visit else None, urgency=urgency, late=late,
            search_text=" ".join((project.code, project.name, project.owner, place_name, names,
                                  project.contact)).lower(),
        ))
    return rows
