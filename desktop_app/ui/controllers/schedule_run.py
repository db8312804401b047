"""One auto-schedule run for the GUI: the options, the background work, the plan, the apply.

Nothing here touches a widget. ``plan_in_background`` runs on the workspace's executor thread,
but the computing happens in a child process (``core.schedule_process``): building the model and
starting CP-SAT hold the GIL for long stretches, which on a thread froze the event loop. The
executor thread only waits on the child's queue (waits that release the GIL), keeps the live
figures and passes a cancel on. It returns a ``SchedulePlan``; the dialog shows it as a preview;
``apply_plan`` writes it in one transaction and hands back the exact before/after states the
undo stack replays.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop_app.core.store.repository import Repository, VisitsState
from desktop_app.core.planning.schedule_process import (
    KEEP_PUBLISHED_WAITING_DAYS, ScheduleOptions, SchedulePlan, plan_in_child,
)
from desktop_app.core.planning.scheduler import Progress, ScheduleResult, apply_schedule
from desktop_app.ui.controllers.jobs import Cancelled
from desktop_app.ui.controllers.jobs import Progress as JobProgress

translate = QCoreApplication.translate
JOB_KIND = "schedule"
__all__ = ["JOB_KIND", "KEEP_PUBLISHED_WAITING_DAYS", "LiveFigures", "ScheduleOptions", "SchedulePlan", "apply_plan",
           "plan_in_background", "undoable"]


class LiveFigures:
    """The best solution so far, written by the worker and read by the GUI's timer.

    One object per run: a superseded run writes only into its own, which nobody reads any more.
    """

    def __init__(self) -> None:
        self.latest: Progress | None = None
        self.solutions = 0


def plan_in_background(path: Path, today: dt.date, options: ScheduleOptions, live: LiveFigures,
                       stop: threading.Event, job: JobProgress) -> SchedulePlan:
    """The work function: start the child process, relay its figures, return its plan.

    Runs on the executor thread. Cancelling (``stop`` or the job) ends the child within
    ``schedule_process.CANCEL_GRACE_SECONDS`` and raises Cancelled: no plan is ever delivered.
    """

    def report(progress: Progress) -> None:
        live.latest = progress
        live.solutions += 1
        try:
            job.report(int(progress.seconds * 1000), int(options.time_limit * 1000))
        except Cancelled:
            stop.set()

    job.check()
    plan = plan_in_child(path, today, options, progress=report, should_stop=lambda: stop.is_set() or job.cancelled)
    if plan is None or stop.is_set():
        raise Cancelled()
    return plan


def apply_plan(repo: Repository, result: ScheduleResult) -> tuple[VisitsState, VisitsState, dict[str, int]]:
    """Write the plan in one transaction; returns (before, after, counts) for the undo stack.

    Raises StaleEditError (``ScheduleChangedError``), writing nothing, when anything the plan was
    computed from changed since: another run, window or command; the dialog then offers to re-plan."""
    ids = {p.previous.id for p in result.visits if p.previous is not None} | {v.id for v in result.cancelled}
    projects = {p.project for p in result.visits} | {v.project for v in result.cancelled}
    return repo.record_visit_change(ids, projects, lambda: apply_schedule(repo, result))


def undoable(repo: Repository, before: VisitsState, after: VisitsState) -> tuple[Callable[[], None],
                                                                                  Callable[[], None]]:
    """(redo, undo) for the workspace's undo stack: exact, compare-and-set restores."""
    return (lambda: repo.restore_visits(before, after)), (lambda: repo.restore_visits(after, before))
