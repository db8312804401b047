"""Hand changes to visits other than moves: lock/unlock, cancel, mark published.

The GUI (with undo) and the `visit` command call these same functions. Each call checks that
the visits are still as the caller last read them (``expected``), writes in one transaction,
and returns the visits it changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop_app.core.planning.candidates import Problem, Request, Slot, load_problem
from desktop_app.core.model.errors import InputError
from desktop_app.core.planning.explain import RankedSlot, RejectedSlot
from desktop_app.core.model.messages import tr
from desktop_app.core.model.domain import RequestStatus, Visit, VisitStatus
from desktop_app.core.store import history
from desktop_app.core.store.repository import Repository
from desktop_app.core.planning.scheduler import feasible_slots


class VisitChangedError(InputError):
    """A visit changed (in another window) since the caller read it; nothing was written."""


class UnknownVisitError(InputError):
    """No visit has that number."""


def load_visits(repo: Repository, visit_ids: Iterable[int]) -> list[Visit]:
    """The visits with these ids; an unknown id is bad input."""
    visits = []
    for visit_id in visit_ids:
        visit = repo.visit(visit_id)
        if visit is None:
            raise UnknownVisitError(tr("There is no visit {id}.", id=visit_id))
        visits.append(visit)
    return visits


def _write(repo: Repository, visits: Sequence[Visit], event: str, **changes) -> list[Visit]:
    changed = []
    with repo.db.atomic():
        for visit in visits:
            if repo.visit(visit.id) != visit:
                raise VisitChangedError(tr("The visit changed meanwhile; nothing was changed."))
            changed.append(repo.update_visit(dataclasses.replace(visit, **changes)))
        history.append_many(repo.db, history.clerk_name(repo.settings()),
                            [(v.project, event, {}, v.id) for v in changed])
    return changed


def set_locked(repo: Repository, visits: Sequence[Visit], locked: bool) -> list[Visit]:
    """Lock visits (the scheduler never moves them) or unlock them; cancelled visits are left alone."""
    return _write(repo, [v for v in visits if v.active and v.locked != locked], "locked" if locked else "unlocked",
                  locked=locked)


def mark_published(repo: Repository, visits: Sequence[Visit]) -> list[Visit]:
    """Planned visits become published: CONFIRMED in the feeds, moved only when they must."""
    return _write(repo, [v for v in visits if v.status is VisitStatus.PLANNED], "published",
                  status=VisitStatus.PUBLISHED)


def cancel_visits(repo: Repository, visits: Sequence[Visit]) -> list[Visit]:
    """Cancel visits (they leave the feeds); a request left without a visit to come waits again.

    A visit that took place (its results are recorded) is history and cannot be cancelled."""
    held = [v for v in visits if v.status is VisitStatus.DONE]
    if held:
        raise InputError(tr("Visit {id} took place (its results are recorded); it cannot be cancelled.",
                            id=held[0].id))
    active = [v for v in visits if v.active]
    with repo.db.atomic():
        changed = _write(repo, active, "cancelled", status=VisitStatus.CANCELLED)
        for code in sorted({v.project for v in active}):
            project = repo.project(code)
            to_come = [v for v in repo.visits(project=code) if v.status is not VisitStatus.DONE]
            if project is not None and project.status is RequestStatus.SCHEDULED and not to_come:
                repo.set_project_status(code, RequestStatus.PENDING)
    return changed


@dataclass
class MoveOptions:
    """Where a visit may go: feasible slots best first, the tempting ones refused, or why none."""

    visit: Visit
    problem: Problem | None
    request: Request | None
    slots: list[RankedSlot] = field(default_factory=list)      # the current time left out
    rejected: list[RejectedSlot] = field(default_factory=list)
    refusal: str = ""                                          # why this visit cannot be moved at all

    def slot_at(self, start: dt.datetime) -> Slot | None:
        return next((r.slot for r in self.slots if r.slot.start_at == start), None)


def move_options(repo, visit: Visit, today: dt.date) -> MoveOptions:
    """Every feasible alternative for ``visit``, best first, or the reason it cannot move."""
    if visit.status is VisitStatus.CANCELLED:
        return MoveOptions(visit, None, None, refusal=tr("This visit was cancelled."))
    if visit.status is VisitStatus.DONE:
        return MoveOptions(visit, None, None, refusal=tr("This visit has already taken place."))
    if visit.locked:
        return MoveOptions(visit, None, None, refusal=tr(
            "This visit is locked. Unlock it first if it really has to move."))
    problem = load_problem(repo, today)
    request = next((r for r in problem.requests if r.code == visit.project), None)
    if visit.project in problem.rejected:
        return MoveOptions(visit, problem, None, refusal=tr(
            "This request cannot be scheduled: {reasons}", reasons="；".join(problem.rejected[visit.project])))
    if request is None or visit.id not in {v.id for v in request.current}:
        if visit.start.date() < problem.first_day:
            return MoveOptions(visit, problem, None, refusal=tr(
                "This visit is before {date}, the first day departments can still be given notice for; "
                "it stays where it is.", date=problem.first_day.isoformat()))
        return MoveOptions(visit, problem, None, refusal=tr(
            "Another visit of this project is locked or already under way, so this one stays too."))
    if len(request.current) > 1 or not visit.joint:
        return MoveOptions(visit, problem, request, refusal=tr(
            "This project has a split visit; run the auto-schedule to move it."))
    ranked = feasible_slots(problem, visit.project)
    current = [r for r in ranked.slots if r.slot.start_at == visit.start and r.slot.place == visit.place]
    slots = [r for r in ranked.slots if r not in current]
    return MoveOptions(visit, problem, request, slots, list(ranked.rejected))
