"""Manual changes to visits: move, lock/unlock, cancel, mark published — each one undoable step.

Which times a visit may move to comes from the scheduler's ``feasible_slots`` (every slot that
breaks no hard rule against the stored schedule, best first, with the tempting slots it refuses
and why); a move to any other time is refused with the reason. Writes go through
``Repository.record_visit_change`` so undo restores the visit exactly (SEQUENCE included) and
never overwrites a change made meanwhile by another window.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop_app.core.candidates import Problem, Request, Slot, load_problem, slot_of_visit
from desktop_app.core.conflicts import visit_conflicts
from desktop_app.core.errors import InputError
from desktop_app.core.explain import RankedSlot, RejectedSlot, conflict_text
from desktop_app.core.greedy import Timeline
from desktop_app.core.model import RequestStatus, Visit, VisitStatus
from desktop_app.core.scheduler import feasible_slots
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


@dataclass(frozen=True)
class MoveCheck:
    slot: Slot | None
    reasons: tuple[str, ...]

    @property
    def allowed(self) -> bool:
        return self.slot is not None


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


def check_move(options: MoveOptions, start: dt.datetime) -> MoveCheck:
    """Whether the visit may start at ``start``; if not, every hard rule the time breaks."""
    if options.refusal:
        return MoveCheck(None, (options.refusal,))
    slot = options.slot_at(start)
    if slot is not None:
        return MoveCheck(slot, ())
    refused = next((r for r in options.rejected if r.slot.start_at == start), None)
    if refused is not None:
        return MoveCheck(None, refused.reasons)
    return MoveCheck(None, tuple(_why_not(options, start)) or (
        translate("Move", "No joint visit of all its departments fits at that time."),))


def _why_not(options: MoveOptions, start: dt.datetime) -> list[str]:
    """The hard rules a time breaks, in the words the scheduler's explanations use."""
    problem, request, visit = options.problem, options.request, options.visit
    zone = problem.availability.zone
    start = start.astimezone(zone)
    end = start + (visit.end - visit.start)
    reasons: list[str] = []
    if start.date() < problem.first_day:
        reasons.append(translate("Move", "Departments must be told at least {days} working day(s) ahead: the "
                                         "earliest day is {date}.").format(
            days=problem.settings.notice_working_days, date=problem.first_day.isoformat()))
    elif start.date() > request.horizon:
        reasons.append(translate("Move", "{date} is beyond the search window, which ends on {last}.").format(
            date=start.date().isoformat(), last=request.horizon.isoformat()))
    grain = problem.settings.grain_minutes
    if (start.hour * 60 + start.minute) % grain or start.second:
        reasons.append(translate("Move", "Visits start on the {minutes}-minute grid.").format(minutes=grain))
    if start.date() != end.date():
        return reasons + [translate("Move", "The visit would run past midnight.")]
    candidate = dataclasses.replace(visit, start=start, end=end)
    names = problem.departments
    reasons += list(dict.fromkeys(c.describe(names[c.department].name if c.department in names else None)
                                  for c in visit_conflicts(candidate, problem.availability)))
    for department in request.departments:
        travel = problem.base_travel(department, request.project.place)
        periods = problem.availability.office_periods(department, start.date())
        if travel and any(s <= start < s + dt.timedelta(minutes=travel) for s, _ in periods):
            reasons.append(translate("Move", "{department} needs {minutes} minutes to travel from its office "
                                             "after opening.").format(department=names[department].name,
                                                                      minutes=travel))
    timeline = Timeline(problem)
    for other in problem.requests:
        if other.code != request.code:
            for stored in other.current:
                timeline.add(slot_of_visit(problem, stored, other, False, 0))
    slot = slot_of_visit(problem, candidate, request, False, 0)
    reasons += list(dict.fromkeys(conflict_text(problem, c, slot.day) for c in timeline.conflicts(slot)))
    return reasons


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

    def move(self, visit_id: int, start: dt.datetime) -> MoveCheck:
        """Move the visit to ``start`` if that breaks no hard rule (checked again now)."""
        options = self.options(visit_id)
        if options is None:
            return MoveCheck(None, (translate("Move", "Visit {id} no longer exists.").format(id=visit_id),))
        check = check_move(options, start)
        if not check.allowed:
            return check
        slot, visit = check.slot, options.visit

        def change() -> None:
            if self.repo.visit(visit_id) != visit:
                raise InputError(translate("Move", "The visit changed meanwhile; nothing was moved."))
            self.repo.update_visit(dataclasses.replace(visit, start=slot.start_at, end=slot.end_at))

        text = translate("Move", "Move {project} to {when}").format(
            project=visit.project, when=f"{slot.start_at:%Y-%m-%d %H:%M}")
        if not self.record(text, [visit_id], [visit.project], change):
            return MoveCheck(None, (translate("Move", "The visit changed meanwhile; nothing was moved."),))
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
