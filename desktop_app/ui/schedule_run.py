"""One auto-schedule run for the GUI: the options, the background work, the plan, the apply.

Nothing here touches a widget: ``plan_in_background`` runs on the workspace's executor with its
own database connection (one connection per thread) and returns a ``SchedulePlan``; the dialog
shows it as a preview; ``apply_plan`` writes it in one transaction and hands back the exact
before/after states the undo stack replays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop_app.core.candidates import Problem, load_problem
from desktop_app.core.conflicts import visit_conflicts
from desktop_app.core.model import Settings
from desktop_app.core.repository import Repository, StaleEditError, VisitsState
from desktop_app.core.scheduler import Progress, ScheduleResult, Weights, apply_schedule, plan_schedule
from desktop_app.core.storage import open_database
from desktop_app.ui.jobs import Cancelled
from desktop_app.ui.jobs import Progress as JobProgress

translate = QCoreApplication.translate
JOB_KIND = "schedule"
# "Keep published visits where possible": moving one published visit then costs as much as this
# many working days of waiting, so it moves only to schedule a request or to avoid lateness
# (one late request costs 10,000 waiting days in ``Weights``).
KEEP_PUBLISHED_WAITING_DAYS = 1000


@dataclass(frozen=True)
class ScheduleOptions:
    late_search_working_days: int = 20
    keep_published: bool = True
    time_limit: float = 30.0
    solver: str = "cpsat"            # "cpsat" (best plan) or "greedy" (quick plan)

    @classmethod
    def from_settings(cls, settings: Settings) -> ScheduleOptions:
        return cls(late_search_working_days=settings.late_search_working_days)

    def weights(self, problem: Problem) -> Weights:
        weights = Weights.for_problem(problem)
        if self.keep_published:
            return dataclasses.replace(weights, move_published=weights.unit * KEEP_PUBLISHED_WAITING_DAYS)
        # Not kept: a published visit moves as freely as a planned one.
        return dataclasses.replace(weights, move_published=weights.move_planned)


class _RunRepository(Repository):
    """The database as the run sees it: the dialog's search horizon instead of the stored one."""

    def __init__(self, db, late_search_working_days: int) -> None:
        super().__init__(db)
        self._late_search = late_search_working_days

    def settings(self) -> Settings:
        return dataclasses.replace(super().settings(), late_search_working_days=self._late_search)


@dataclass
class SchedulePlan:
    """A finished run: the scheduler's result plus what the preview needs to speak plainly."""

    options: ScheduleOptions
    result: ScheduleResult
    project_names: dict[str, str]
    place_names: dict[str, str]
    department_names: dict[str, str]
    # visit id → why its stored time no longer works (a new busy event, a holiday override...)
    conflict_reasons: dict[int, list[str]] = field(default_factory=dict)

    @property
    def has_changes(self) -> bool:
        result = self.result
        return bool(result.new or result.moved or [v for v in result.cancelled if not v.locked])


class LiveFigures:
    """The best solution so far, written by the worker and read by the GUI's timer.

    One object per run: a superseded run writes only into its own, which nobody reads any more.
    """

    def __init__(self) -> None:
        self.latest: Progress | None = None
        self.solutions = 0


def plan_in_background(path: Path, today: dt.date, options: ScheduleOptions, live: LiveFigures,
                       stop: threading.Event, job: JobProgress) -> SchedulePlan:
    """The work function: load, solve, explain. Runs on the executor thread."""

    def report(progress: Progress) -> None:
        live.latest = progress
        live.solutions += 1
        try:
            job.report(int(progress.seconds * 1000), int(options.time_limit * 1000))
        except Cancelled:
            stop.set()   # never raise through the solver's callback; the solver stops at once

    db = open_database(path)
    try:
        repo = _RunRepository(db, options.late_search_working_days)
        job.check()
        problem = load_problem(repo, today)
        job.check()
        result = plan_schedule(problem, solver=options.solver, time_limit=options.time_limit, progress=report,
                               cancel=stop, weights=options.weights(problem))
        if stop.is_set() or result.status == "cancelled":
            raise Cancelled()
        return SchedulePlan(
            options, result,
            project_names={p.code: p.name for p in problem.projects},
            place_names={p.code: p.name for p in repo.places()},
            department_names={code: d.name for code, d in problem.departments.items()},
            conflict_reasons=_conflict_reasons(problem, result))
    finally:
        db.close()


def _conflict_reasons(problem: Problem, result: ScheduleResult) -> dict[int, list[str]]:
    """Why each moved or dropped visit cannot stay where it is, when availability is the reason."""
    reasons: dict[int, list[str]] = {}
    stored = [p.previous for p in result.moved if p.previous is not None] + list(result.cancelled)
    for visit in stored:
        found = visit_conflicts(visit, problem.availability)
        if not found:
            continue
        # One line per blocking cause: a holiday blocks every department alike; name them together.
        causes: dict[tuple, list] = {}
        for conflict in found:
            causes.setdefault((conflict.kind, conflict.reason, conflict.start, conflict.end), []).append(conflict)
        names = problem.departments
        reasons[visit.id] = [same[0].describe("、".join(
            names[c.department].name if c.department in names else c.department for c in same))
            for same in causes.values()]
    return reasons


def _check_still_current(repo: Repository, result: ScheduleResult) -> None:
    """The plan was computed from the visits as they were; refuse it if they changed since."""
    stale = translate("Schedule", "The visits changed after this plan was computed (another edit or window); "
                                  "nothing was applied. Please run the auto-schedule again.")
    known = {v.id: v for v in [p.previous for p in result.visits if p.previous is not None] + list(result.cancelled)}
    for code in {p.project for p in result.visits} | {v.project for v in result.cancelled}:
        current = repo.visits(project=code)
        if any(known.get(v.id) != v for v in current) or \
                {v.id for v in current} != {i for i, v in known.items() if v.project == code}:
            raise StaleEditError(stale)


def apply_plan(repo: Repository, result: ScheduleResult) -> tuple[VisitsState, VisitsState, dict[str, int]]:
    """Write the plan in one transaction; returns (before, after, counts) for the undo stack."""
    ids = {p.previous.id for p in result.visits if p.previous is not None} | {v.id for v in result.cancelled}
    projects = {p.project for p in result.visits} | {v.project for v in result.cancelled}

    def change() -> dict[str, int]:
        _check_still_current(repo, result)
        return apply_schedule(repo, result)

    return repo.record_visit_change(ids, projects, change)


def undoable(repo: Repository, before: VisitsState, after: VisitsState) -> tuple[Callable[[], None],
                                                                                  Callable[[], None]]:
    """(redo, undo) for the workspace's undo stack: exact, compare-and-set restores."""
    return (lambda: repo.restore_visits(before, after)), (lambda: repo.restore_visits(after, before))
