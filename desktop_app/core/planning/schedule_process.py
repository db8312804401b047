"""An auto-schedule run in a child process, so the GUI's event loop never waits for the solver.

Building the model and handing it to CP-SAT are long C++ calls that hold the GIL; on a worker
thread they stalled the GUI by more than 100 ms. A child process (``spawn``, so it behaves the
same on Windows, macOS and Linux) opens the database itself, read-only, loads the problem, runs
``scheduler.plan_schedule`` and sends back, through one ``multiprocessing`` queue, the best
solution so far while it searches and finally the ``SchedulePlan`` (plain picklable dataclasses).

Cancelling sets an event the child checks at each solver report and between phases; if the
child has not ended ``CANCEL_GRACE_SECONDS`` later (CP-SAT may search a while without a new
solution), it is terminated: it never writes, so killing it cannot harm the database. A cancelled
run never delivers a plan. The parent applies a plan itself, in one undoable step.

Also here, because both sides need them without Qt: the run's options and the plan object.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import multiprocessing.connection
import os
import pickle
import queue
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from desktop_app.core.model import messages
from desktop_app.core.planning.candidates import Problem, load_problem
from desktop_app.core.planning.conflicts import visit_conflicts
from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.model.domain import Settings
from desktop_app.core.store.repository import Repository
from desktop_app.core.planning.scheduler import Progress, ScheduleResult, Weights, plan_schedule
from desktop_app.core.store.database import open_database

# "Keep published visits where possible": moving one published visit then costs as much as this
# many working days of waiting, so it moves only to schedule a request or to avoid lateness
# (one late request costs 10,000 waiting days in ``Weights``).
KEEP_PUBLISHED_WAITING_DAYS = 1000
# After a cancel, how long the child may take to notice and end before it is terminated.
CANCEL_GRACE_SECONDS = 2.0
# The child sends at most one progress message per this interval (CP-SAT can report hundreds of
# improving solutions a second early on; the display shows only the latest).
PROGRESS_INTERVAL_SECONDS = 0.1
# The solver gives way to the GUI and anything else interactive on the machine.
CHILD_NICENESS = 5

_CONTEXT = multiprocessing.get_context("spawn")


# --- what a run is asked and what it returns --------------------------------------------------
@dataclass(frozen=True)
class ScheduleOptions:
    late_search_working_days: int = 20
    keep_published: bool = True
    time_limit: float = 30.0
    solver: str = "cpsat"            # "cpsat" (best plan) or "greedy" (quick plan)
    workers: int | None = None       # CP-SAT search threads; None = the scheduler's own choice

    @classmethod
    def from_settings(cls, settings: Settings) -> ScheduleOptions:
        return cls(late_search_working_days=settings.late_search_working_days)

    def weights(self, problem: Problem) -> Weights:
        weights = Weights.for_problem(problem)
        if self.keep_published:
            return dataclasses.replace(weights, move_published=weights.unit * KEEP_PUBLISHED_WAITING_DAYS)
        # Not kept: a published visit moves as freely as a planned one.
        return dataclasses.replace(weights, move_published=weights.move_planned)


@dataclass
class SchedulePlan:
    """A finished run: the scheduler's result plus what a preview needs to speak plainly."""

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


class ScheduleProcessError(InputError):
    """The scheduling run could not be started or read its database; the message is for the user."""


class _RunRepository(Repository):
    """The database as the run sees it: the run's search horizon instead of the stored one."""

    def __init__(self, db, late_search_working_days: int) -> None:
        super().__init__(db)
        self._late_search = late_search_working_days

    def settings(self) -> Settings:
        return dataclasses.replace(super().settings(), late_search_working_days=self._late_search)


def conflict_reasons(problem: Problem, result: ScheduleResult) -> dict[int, list[str]]:
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


def compute_plan(db, today: dt.date, options: ScheduleOptions, *, progress: Callable[[Progress], None] | None = None,
                 cancel: threading.Event | None = None) -> SchedulePlan | None:
    """Load, solve, explain on an open database; None when the run was cancelled.

    What the child process does; also usable in-process (the CLI, tests comparing both).
    """
    repo = _RunRepository(db, options.late_search_working_days)
    problem = load_problem(repo, today)
    if cancel is not None and cancel.is_set():
        return None
    result = plan_schedule(problem, solver=options.solver, time_limit=options.time_limit, progress=progress,
                           cancel=cancel, weights=options.weights(problem), workers=options.workers)
    if result.status == "cancelled" or (cancel is not None and cancel.is_set()):
        return None
    return SchedulePlan(
        options, result,
        project_names={p.code: p.name for p in problem.projects},
        place_names={p.code: p.name for p in repo.places()},
        department_names={code: d.name for code, d in problem.departments.items()},
        conflict_reasons=conflict_reasons(problem, result))


# --- the child ----------------------------------------------------------------------------------
_PROGRESS, _PLAN, _CANCELLED, _ERROR = "progress", "plan", "cancelled", "error"


def _open_read_only(path: Path) -> Database:
    if not path.is_file():
        raise ScheduleProcessError(tr("The database {path} does not exist (any more); nothing was scheduled.",
                                      path=path))
    db = open_database(path, create=False)
    # The child only reads: the parent applies the plan as one undoable step. query_only turns
    # any write attempt into an error instead of a silent change behind the GUI's back.
    db.execute("PRAGMA query_only = ON")
    return db


def _die_with_parent() -> None:
    """End this child when the GUI process is gone (killed, crashed): nobody wants its plan."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(3)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class _ThrottledSender:
    """Sends the newest progress at most every PROGRESS_INTERVAL_SECONDS (the first at once)."""

    def __init__(self, events) -> None:
        self.events = events
        self.sent_at = float("-inf")

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        if now - self.sent_at >= PROGRESS_INTERVAL_SECONDS:
            self.sent_at = now
            self.events.put((_PROGRESS, progress))


def _child_main(path: str, today: dt.date, options: ScheduleOptions, language: str, events, cancel) -> None:
    """Entry point of the child process: every outcome, including failure, is one message."""
    _die_with_parent()
    if hasattr(os, "nice"):
        try:
            os.nice(CHILD_NICENESS)
        except OSError:
            pass
    messages.set_language(language)
    try:
        db = _open_read_only(Path(path))
        try:
            plan = compute_plan(db, today, options, progress=_ThrottledSender(events), cancel=cancel)
        finally:
            db.close()
    except Exception as error:  # sent to the parent, which raises it where the run was asked for
        events.put((_ERROR, _picklable(error), traceback.format_exc()))
        return
    events.put((_CANCELLED,) if plan is None else (_PLAN, plan))


def _picklable(error: Exception) -> Exception:
    """The error itself when it survives pickling (an InputError keeps its class), else its text."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


# --- the parent's handle ------------------------------------------------------------------------
class ScheduleProcess:
    """One run in a child process. Read its messages with ``wait``; always ``close`` it (or use ``with``)."""

    def __init__(self, path: str | Path, today: dt.date, options: ScheduleOptions) -> None:
        self._events = _CONTEXT.Queue()
        self._cancel = _CONTEXT.Event()
        self.latest: Progress | None = None
        self.plan: SchedulePlan | None = None
        self.cancelled = False
        self._done = False
        self._closed = False
        self._process = _CONTEXT.Process(
            target=_child_main, name="joint-acceptance-schedule", daemon=True,
            args=(str(Path(path).resolve()), today, options, messages.language(), self._events, self._cancel))
        try:
            self._process.start()
        except BaseException:
            self._events.close()
            self._events.join_thread()
            raise

    @property
    def pid(self) -> int | None:
        return self._process.pid

    @property
    def done(self) -> bool:
        return self._done

    def wait(self, timeout: float, on_progress: Callable[[Progress], None] | None = None) -> bool:
        """Read what the child sent within ``timeout`` seconds; True once the run is over.

        Progress goes to ``on_progress`` (and ``latest``); a failure in the child is raised here.
        """
        deadline = time.monotonic() + timeout
        while not self._done:
            try:
                message = self._events.get(timeout=max(deadline - time.monotonic(), 0.0))
            except queue.Empty:
                if not self._process.is_alive() and self._events.empty():
                    self._done = True
                    if self.cancelled:
                        return True
                    raise RuntimeError(tr("The scheduling process ended unexpectedly (exit code {code}); "
                                          "nothing was changed.", code=self._process.exitcode))
                return False
            self._receive(message, on_progress)
        return True

    def _receive(self, message: tuple, on_progress: Callable[[Progress], None] | None) -> None:
        kind = message[0]
        if kind == _PROGRESS:
            if not self.cancelled:
                self.latest = message[1]
                if on_progress is not None:
                    on_progress(message[1])
            return
        self._done = True
        if kind == _PLAN and not self.cancelled:
            self.plan = message[1]
        elif kind == _CANCELLED:
            self.cancelled = True
        elif kind == _ERROR and not self.cancelled:
            error = message[1]
            error.child_traceback = message[2]
            raise error

    def cancel(self) -> None:
        """Ask the child to stop; it will never deliver a plan. ``close`` ends it for sure."""
        self.cancelled = True
        self._cancel.set()

    def close(self) -> None:
        """End the child (terminating it if it does not stop in time) and release the queue."""
        if self._closed:
            return
        self._closed = True
        if self._process.is_alive() and not self._done:
            self.cancel()
        deadline = time.monotonic() + CANCEL_GRACE_SECONDS
        # Drain while waiting: a child blocked on a full pipe could not exit otherwise.
        while self._process.is_alive() and time.monotonic() < deadline:
            self._drain()
            self._process.join(0.05)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(1.0)
            if self._process.is_alive():
                self._process.kill()
        self._process.join()
        self._drain()
        self._process.close()
        self._events.close()
        self._events.join_thread()

    def _drain(self) -> None:
        try:
            while True:
                self._events.get_nowait()
        except (queue.Empty, OSError, ValueError):
            pass

    def __enter__(self) -> ScheduleProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def plan_in_child(path: str | Path, today: dt.date, options: ScheduleOptions, *,
                  progress: Callable[[Progress], None] | None = None,
                  should_stop: Callable[[], bool] = lambda: False, poll_seconds: float = 0.1) -> SchedulePlan | None:
    """Run one schedule in a child process and wait for it; None when ``should_stop`` said stop.

    Blocks the calling thread (a worker thread in the GUI), but only in waits that release the
    GIL, so the GUI thread keeps running. Checks ``should_stop`` every ``poll_seconds``.
    """
    with ScheduleProcess(path, today, options) as run:
        while not run.wait(poll_seconds, progress):
            if should_stop():
                run.cancel()
                return None
        if should_stop():
            return None
        return run.plan
