"""Background work (DESIGN §10): one executor, results back to the GUI thread by signal.

Patterns from Anki and Orange3: the work function never touches widgets; it receives a
``Progress`` it may report to and must poll for cancellation. A job that was cancelled or
superseded by a newer job of the same kind never delivers its result.
Work functions open their own database connection (SQLite: one connection per thread).
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Cancelled(Exception):
    """Raised inside a work function when the user cancelled it."""


@dataclass
class Progress:
    """Handed to a work function: report progress, check for cancellation."""

    _emit: Callable[[int, int, str], None]
    _cancelled: bool = field(default=False)

    def report(self, done: int, total: int, text: str = "") -> None:
        self.check()
        self._emit(done, total, text)

    def check(self) -> None:
        if self._cancelled:
            raise Cancelled()

    @property
    def cancelled(self) -> bool:
        return self._cancelled


class _Relay(QObject):
    # Emitted from the worker thread; Qt queues them to the runner's (GUI) thread.
    progressed = Signal(int, int, int, str)
    finished = Signal(int, object, object)   # job id, result, error (exception or None)


class _Task(QRunnable):
    def __init__(self, job_id: int, work: Callable[[Progress], Any], relay: _Relay, progress: Progress) -> None:
        super().__init__()
        self.job_id, self.work, self.relay, self.progress = job_id, work, relay, progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except Cancelled as error:
            self.relay.finished.emit(self.job_id, None, error)
        except Exception as error:  # handed to the GUI thread, which shows it
            error.traceback_text = traceback.format_exc()
            self.relay.finished.emit(self.job_id, None, error)
        else:
            self.relay.finished.emit(self.job_id, result, None)


@dataclass
class _Job:
    kind: str
    progress: Progress
    on_done: Callable[[Any], None]
    on_error: Callable[[Exception], None] | None


class JobRunner(QObject):
    """Runs work functions one at a time on a single background thread."""

    started = Signal(str, str)            # kind, label
    progressed = Signal(str, int, int, str)
    idle = Signal()
    ended = Signal(int)                   # job id: every job, delivered, failed or cancelled

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_progress)
        self._relay.finished.connect(self._on_finished)
        self._ids = itertools.count(1)
        self._jobs: dict[int, _Job] = {}

    def submit(self, kind: str, label: str, work: Callable[[Progress], Any], on_done: Callable[[Any], None],
               on_error: Callable[[Exception], None] | None = None) -> int:
        """Queue ``work``; a still-running job of the same kind is cancelled (its result is dropped)."""
        self.cancel(kind)
        job_id = next(self._ids)
        relay = self._relay
        progress = Progress(lambda done, total, text: relay.progressed.emit(job_id, done, total, text))
        self._jobs[job_id] = _Job(kind, progress, on_done, on_error)
        self.started.emit(kind, label)
        self._pool.start(_Task(job_id, work, relay, progress))
        return job_id

    def cancel(self, kind: str | None = None) -> None:
        """Cancel running jobs (of one kind, or all): they will never deliver a result."""
        for job in self._jobs.values():
            if kind is None or job.kind == kind:
                job.progress._cancelled = True

    def busy(self) -> bool:
        return bool(self._jobs)

    def running_kinds(self) -> set[str]:
        return {job.kind for job in self._jobs.values()}

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def _on_progress(self, job_id: int, done: int, total: int, text: str) -> None:
        job = self._jobs.get(job_id)
        if job is not None and not job.progress.cancelled:
            self.progressed.emit(job.kind, done, total, text)

    def _on_finished(self, job_id: int, result: object, error: object) -> None:
        job = self._jobs.pop(job_id, None)
        if not self._jobs:
            self.idle.emit()
        try:
            if job is None or job.progress.cancelled or isinstance(error, Cancelled):
                return
            if error is not None:
                if job.on_error is not None:
                    job.on_error(error)
                return
            job.on_done(result)
        finally:
            self.ended.emit(job_id)    # after the result: a listener can tell a delivered job from a dropped one
