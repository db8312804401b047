"""Manual changes to visits: move, lock/unlock, cancel, mark published — each one undoable step.

Which times a visit may move to comes from the scheduler's ``feasible_slots`` (every slot that
breaks no hard rule against the stored schedule, best first, with the tempting slots it refuses
and why); whether one exact time is allowed (a drag in the calendar) is the scheduler's
``check_move``, and the write is its ``apply_move``. Writes go through
``Repository.record_visit_change`` so undo restores the visit exactly (SEQUENCE included) and
never overwrites a change made meanwhile by another window.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop_app.core.candidates import Problem, Request, Slot, load_problem
from desktop_app.core.errors import InputError
from desktop_app.core.explain import RankedSlot, RejectedSlot
from desktop_app.core.model import RequestStatus, Visit, VisitStatus
from desktop_app.core.scheduler import MoveCheck, apply_move, check_move, feasible_slots
from desktop_app.ui.schedule_run import undoable
from desktop_app.ui.workspace import PROJECTS, Workspace

translate = QCoreApplication.translate
# Visits belong to requests: the requests page shows each request's visit, the calendar and the
# dashboard reload on every kind, so one kind reaches every view that shows a visit.
VISITS = PROJECTS


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
        return MoveOptions(visit, None, None, refusal=translate("Move", "This visit was cancelled."))
    if visit.status is VisitStatus.DONE:
        return MoveOptions(visit, None, None, refusal=translate("Move", "This visit has already taken place."))
    if visit.locked:
        return MoveOptions(visit, None, None, refusal=translate(
            "Move", "This visit is locked. Unlock it first if it really has to move."))
    problem = load_problem(repo, today)
    request = next((r for r in problem.requests if r.code == visit.project), None)
    if request is None or visit.id not in {v.id for v in request.current}:
        if visit.start.date() < problem.first_day:
            return MoveOptions(visit, problem, None, refusal=translate(
                "Move", "This visit is before {date}, the first day departments can still be given notice for; "
                        "it stays where it is.").format(date=problem.first_day.isoformat()))
        return MoveOptions(visit, problem, None, refusal=translate(
            "Move", "Another visit of this project is locked or already under way, so this one stays too."))
    if len(request.current) > 1 or not visit.joint:
        return MoveOptions(visit, problem, request, refusal=translate(
            "Move", "This project has a split visit; run the auto-schedule to move it."))
    ranked = feasible_slots(problem, visit.project)
    current = [r for r in ranked.slots if r.slot.start_at == visit.start and r.slot.place == visit.place]
    slots = [r for r in ranked.slots if r not in current]
    return MoveOptions(visit, problem, request, slots, list(ranked.rejected))


class VisitEdits(QObject):
    """The workspace's visit changes; each is written at once and pushed as one undo step."""

    moved = Signal(int)      # visit id, after a move was written

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace

    @property
    def repo(self):
        return self.workspace.repo

    def options(self, visit_id: int) -> MoveOptions | None:
        visit = self.repo.visit(visit_id)
        if visit is None:
            self.workspace.failed.emit(translate("Move", "Visit {id} no longer exists.").format(id=visit_id))
            return None
        return move_options(self.repo, visit, self.workspace.today())

    def record(self, text: str, ids: Iterable[int], projects: Iterable[str], change: Callable[[], object]) -> bool:
        """Write ``change`` in one transaction and push it as one undo step; False (and a message) if refused."""
        try:
            before, after, _ = self.repo.record_visit_change(ids, projects, change)
        except InputError as error:
            self.workspace.failed.emit(str(error))
            self.workspace.changed.emit(VISITS)
            return False
        redo, undo = undoable(self.repo, before, after)
        self.workspace.record_done(text, VISITS, redo, undo)
        return True

    def check(self, visit_id: int, start: dt.datetime) -> MoveCheck:
        """The scheduler's verdict on moving the visit to ``start`` (every hard rule it breaks)."""
        return check_move(self.repo, visit_id, start, today=self.workspace.today())

    def move(self, visit_id: int, start: dt.datetime) -> MoveCheck:
        """Move the visit to ``start`` if that breaks no hard rule; one undo step."""
        check = self.check(visit_id, start)
        if not check.ok:
            return check
        visit = self.repo.visit(visit_id)
        text = translate("Move", "Move {project} to {when}").format(
            project=visit.project, when=f"{start.astimezone(visit.start.tzinfo):%Y-%m-%d %H:%M}")

        def change() -> None:
            apply_move(self.repo, visit_id, start, today=self.workspace.today())   # checks again, same transaction

        if not self.record(text, [visit_id], [visit.project], change):
            return MoveCheck(False, [translate("Move", "The visit changed meanwhile; nothing was moved.")], visit)
        self.moved.emit(visit_id)
        return check

    def _set(self, text: str, visits: list[Visit], **changes) -> bool:
        def change() -> None:
            for visit in visits:
                if self.repo.visit(visit.id) != visit:
                    raise InputError(translate("Move", "The visit changed meanwhile; nothing was changed."))
                self.repo.update_visit(dataclasses.replace(visit, **changes))

        return self.record(text, [v.id for v in visits], {v.project for v in visits}, change)

    def _visits(self, ids: Iterable[int]) -> list[Visit]:
        return [v for v in (self.repo.visit(i) for i in ids) if v is not None]

    def set_locked(self, visit_ids: Iterable[int], locked: bool) -> bool:
        visits = [v for v in self._visits(visit_ids) if v.locked != locked and v.active]
        if not visits:
            return False
        text = (translate("Move", "Lock {count} visit(s)") if locked
                else translate("Move", "Unlock {count} visit(s)")).format(count=len(visits))
        return self._set(text, visits, locked=locked)

    def cancel(self, visit_ids: Iterable[int]) -> bool:
        """Cancel visits (they leave the feeds); their requests wait again unless another visit remains."""
        visits = [v for v in self._visits(visit_ids) if v.active]
        if not visits:
            return False
        text = translate("Move", "Cancel {count} visit(s)").format(count=len(visits))

        def change() -> None:
            for visit in visits:
                if self.repo.visit(visit.id) != visit:
                    raise InputError(translate("Move", "The visit changed meanwhile; nothing was changed."))
                self.repo.update_visit(dataclasses.replace(visit, status=VisitStatus.CANCELLED))
            for code in {v.project for v in visits}:
                project = self.repo.project(code)
                if project is not None and project.status is RequestStatus.SCHEDULED \
                        and not self.repo.visits(project=code):
                    self.repo.set_project_status(code, RequestStatus.PENDING)

        return self.record(text, [v.id for v in visits], {v.project for v in visits}, change)

    def mark_published(self, visit_ids: Iterable[int]) -> bool:
        visits = [v for v in self._visits(visit_ids) if v.status is VisitStatus.PLANNED]
        if not visits:
            return False
        text = translate("Move", "Mark {count} visit(s) published").format(count=len(visits))
        return self._set(text, visits, status=VisitStatus.PUBLISHED)

    def planned_visit_ids(self) -> list[int]:
        """Planned (not yet published) visits from today on: what "mark published" offers by default."""
        today = self.workspace.today()
        return [v.id for v in self.repo.visits() if v.status is VisitStatus.PLANNED and v.start.date() >= today]
