"""Manual changes to visits: move, lock/unlock, cancel, mark published — each one undoable step.

Which times a visit may move to comes from the scheduler's ``feasible_slots`` (every slot that
breaks no hard rule against the stored schedule, best first, with the tempting slots it refuses
and why); whether one exact time is allowed (a drag in the calendar) is the scheduler's
``check_move``, and the write is its ``apply_move``. Writes go through
``Repository.record_visit_change`` so undo restores the visit exactly (SEQUENCE included) and
never overwrites a change made meanwhile by another window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop_app.core.planning import visit_actions
from desktop_app.core.planning.visit_actions import MoveOptions, move_options
from desktop_app.core.model.errors import InputError
from desktop_app.core.model.domain import Visit, VisitStatus
from desktop_app.core.planning.scheduler import MoveCheck, apply_move, check_move
from desktop_app.ui.controllers.schedule_run import undoable
from desktop_app.ui.controllers.workspace import PROJECTS, Workspace

translate = QCoreApplication.translate
# Visits belong to requests: the requests page shows each request's visit, the calendar and the
# dashboard reload on every kind, so one kind reaches every view that shows a visit.
VISITS = PROJECTS


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

    def move(self, visit_id: int, start: dt.datetime, shown: Visit | None = None) -> MoveCheck:
        """Move the visit to ``start`` if that breaks no hard rule; one undo step.

        ``shown`` is the visit as the view showed it: if it changed since (another window), the
        move is refused rather than applied to a visit the clerk has not seen."""
        visit = self.repo.visit(visit_id)
        if visit is not None and shown is not None and visit != shown:
            self.workspace.changed.emit(VISITS)
            return MoveCheck(False, [translate("Move", "The visit changed meanwhile; nothing was moved.")], visit)
        check = self.check(visit_id, start)
        if not check.ok:
            return check
        text = translate("Move", "Move {project} to {when}").format(
            project=visit.project, when=f"{start.astimezone(visit.start.tzinfo):%Y-%m-%d %H:%M}")

        def change() -> None:
            # Checks again in the same write transaction, against the visit as read above.
            apply_move(self.repo, visit_id, start, today=self.workspace.today(), expected=visit)

        if not self.record(text, [visit_id], [visit.project], change):
            return MoveCheck(False, [translate("Move", "The visit changed meanwhile; nothing was moved.")], visit)
        self.moved.emit(visit_id)
        return check

    def _visits(self, ids: Iterable[int]) -> list[Visit]:
        return [v for v in (self.repo.visit(i) for i in ids) if v is not None]

    def _apply(self, text: str, visits: list[Visit], action: Callable[[], object]) -> bool:
        return self.record(text, [v.id for v in visits], {v.project for v in visits}, action)

    def set_locked(self, visit_ids: Iterable[int], locked: bool) -> bool:
        visits = [v for v in self._visits(visit_ids) if v.locked != locked and v.active]
        if not visits:
            return False
        text = (translate("Move", "Lock {count} visit(s)") if locked
                else translate("Move", "Unlock {count} visit(s)")).format(count=len(visits))
        return self._apply(text, visits, lambda: visit_actions.set_locked(self.repo, visits, locked))

    def cancel(self, visit_ids: Iterable[int]) -> bool:
        """Cancel visits (they leave the feeds); their requests wait again unless another visit remains."""
        visits = [v for v in self._visits(visit_ids) if v.active]
        if not visits:
            return False
        text = translate("Move", "Cancel {count} visit(s)").format(count=len(visits))
        return self._apply(text, visits, lambda: visit_actions.cancel_visits(self.repo, visits))

    def mark_published(self, visit_ids: Iterable[int]) -> bool:
        visits = [v for v in self._visits(visit_ids) if v.status is VisitStatus.PLANNED]
        if not visits:
            return False
        text = translate("Move", "Mark {count} visit(s) published").format(count=len(visits))
        return self._apply(text, visits, lambda: visit_actions.mark_published(self.repo, visits))

    def planned_visit_ids(self) -> list[int]:
        """Planned (not yet published) visits from today on: what "mark published" offers by default."""
        today = self.workspace.today()
        return [v.id for v in self.repo.visits() if v.status is VisitStatus.PLANNED and v.start.date() >= today]
