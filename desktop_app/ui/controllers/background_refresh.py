"""Busy-time sources refreshed while the window is open (issue 15, DESIGN §12).

A timer asks, once a minute, which sources are due by the same rule as `availability --refresh --due`
(``core.calendar.city.due_sources``: the setting calendar_refresh_minutes, else the feed's own
REFRESH-INTERVAL, else an hour) and refreshes those on the workspace's executor. It never runs two at
once, never beside another job (the executor has one thread: a schedule run or a publish would wait
behind it, so a job that starts cancels it between two sources), and not while the auto-schedule dialog
is open (its plan is checked against the database's data_version on apply: a refresh meanwhile would
make the clerk plan again). A failed source keeps its last good copy (the core does that); the failure
and the copy's age are said in the status bar (``failure_status``), never in a box.

When no source is due, the same timer reads the departments' answers (回执) on the publishing CalDAV server
every CONFIRMATIONS_MINUTES (or the refresh setting), while published visits lie ahead: a department that
declines in its calendar client shows as a conflict without the clerk asking (``confirmations_due``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from sqlite_utils import Database

from desktop_app.core.calendar import availability as av
from desktop_app.core.calendar.city import due_sources
from desktop_app.core.calendar.ical_reader import FETCH_TIMEOUT_SECONDS
from desktop_app.core.store.database import open_database
from desktop_app.ui.controllers.availability_edits import AVAILABILITY
from desktop_app.ui.controllers.confirmation_edits import CONFIRMATIONS, FetchRequest, fetch_in_background, fetch_target
from desktop_app.ui.controllers.jobs import Progress
from desktop_app.ui.controllers.workspace import Workspace

translate = QCoreApplication.translate
JOB_KIND = "background-refresh"
TICK_SECONDS = 60
CONFIRMATIONS_MINUTES = 15       # how often the answers on the server are read when the setting names no interval


@dataclass(frozen=True)
class RefreshReport:
    """What one background refresh did."""

    source_ids: tuple[int, ...]      # the due sources it refreshed
    failed: int
    changed: bool                    # a stored copy or a source's error changed: the pages reload


def _fingerprints(db: Database, ids: tuple[int, ...]) -> dict[int, tuple[str, str]]:
    """(last error, digest of the stored copy) per source: equal before and after means nothing to redraw."""
    marks = ", ".join("?" for _ in ids)
    rows = db.execute(f"SELECT id, last_error, content FROM availability_sources WHERE id IN ({marks})", list(ids))
    return {row[0]: (row[1] or "", hashlib.sha256(bytes(row[2] or b"")).hexdigest()) for row in rows}


def refresh_work(path: Path, ids: tuple[int, ...], window: tuple[dt.date, dt.date],
                 timeout: float = FETCH_TIMEOUT_SECONDS) -> Callable[[Progress], RefreshReport]:
    """Runs on the worker thread with its own connection: the due sources, one at a time (a cancel
    takes effect between two of them)."""
    def work(progress: Progress) -> RefreshReport:
        db = open_database(path)
        try:
            before = _fingerprints(db, ids)
            failed = 0
            for done, source_id in enumerate(ids):
                progress.report(done, len(ids))
                outcomes = av.refresh_sources(db, window=window, timeout=timeout, only={source_id})
                failed += sum(1 for outcome in outcomes if outcome.result is None)
            return RefreshReport(ids, failed, _fingerprints(db, ids) != before)
        finally:
            db.close()
    return work


@dataclass(frozen=True)
class FailureStatus:
    text: str          # one line for the status bar ('' when every source is fine)
    details: str       # every failing source with its whole message, for the tooltip


def failure_status(db: Database, now: dt.datetime | None = None) -> FailureStatus:
    """'市消防 日历 3 小时前更新；刷新失败：…' for the source that failed last, and how many more failed."""
    rows = db.execute(
        "SELECT d.name, s.bureau, s.fetched_at, s.last_error FROM availability_sources s "
        "JOIN departments d ON d.code = s.department WHERE s.last_error != '' "
        "ORDER BY s.attempted_at DESC, s.id").fetchall()
    lines = []
    for name, bureau, fetched_at, error in rows:
        calendar = (translate("BackgroundRefresh", "{department} ({bureau})").format(department=name, bureau=bureau)
                    if bureau else name)
        problem = error.splitlines()[0]
        if fetched_at:
            age = av.age_text(dt.datetime.fromisoformat(fetched_at), now)
            lines.append(translate("BackgroundRefresh", "{calendar} calendar updated {age} ago; refresh failed: "
                                                        "{problem}").format(calendar=calendar, age=age,
                                                                            problem=problem))
        else:
            lines.append(translate("BackgroundRefresh", "{calendar} calendar never read; refresh failed: "
                                                        "{problem}").format(calendar=calendar, problem=problem))
    if not lines:
        return FailureStatus("", "")
    text = lines[0]
    if len(lines) > 1:
        text += translate("BackgroundRefresh", " (and {count} more calendar(s) failed)").format(count=len(lines) - 1)
    heading = translate("BackgroundRefresh", "Busy-time calendars that could not be refreshed; the last good copy "
                                             "of each stays in use:")
    return FailureStatus(text, "\n".join([heading, *lines]))


class BackgroundRefresh(QObject):
    """The timer and its job; ``tick`` is the timer's slot (tests call it directly)."""

    finished = Signal(object)     # RefreshReport of a job that ran to its end
    failed = Signal(str)          # an unexpected problem (the database could not be opened …)
    answers = Signal(int)         # answers recorded by a background read of the server (may be 0)

    def __init__(self, workspace: Workspace, paused: Callable[[], bool] = lambda: False,
                 clock: Callable[[], dt.datetime] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._paused = paused
        self._clock = clock or (lambda: dt.datetime.now(dt.timezone.utc))
        self._job: int | None = None
        self._delivered = False
        self._answers_read: dt.datetime | None = None     # when the server's answers were last asked for
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_SECONDS * 1000)
        self.timer.timeout.connect(self.tick)
        workspace.jobs.started.connect(self._other_job_started)
        workspace.jobs.ended.connect(self._ended)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._job is not None:
            self.workspace.jobs.cancel(JOB_KIND)

    def running(self) -> bool:
        return self._job is not None

    def due(self) -> list[av.AvailabilitySource]:
        settings = self.workspace.repo.settings()
        return due_sources(self.workspace.db, now=self._clock(), setting_minutes=settings.calendar_refresh_minutes)

    def tick(self) -> int | None:
        """Start a refresh of the due sources; None when skipped (off, one running, busy, paused, nothing due)."""
        if self._job is not None or not self.workspace.repo.settings().background_refresh:
            return None
        if self.workspace.jobs.busy() or self._paused():
            return None
        ids = tuple(source.id for source in self.due())
        if not ids:
            return self._read_answers()
        label = translate("BackgroundRefresh", "Refreshing {count} calendar(s)…").format(count=len(ids))
        window = av.planning_window(self.workspace.today())
        self._delivered = False
        self._job = self.workspace.jobs.submit(JOB_KIND, label, refresh_work(self.workspace.path, ids, window),
                                               self._done, self._failed)
        return self._job

    def confirmations_due(self) -> FetchRequest | None:
        """The server to ask for the departments' answers, when it is time to (None: not now)."""
        request = fetch_target(self.workspace)
        if request is None:
            return None
        minutes = self.workspace.repo.settings().calendar_refresh_minutes or CONFIRMATIONS_MINUTES
        now = self._clock()
        if self._answers_read is not None and now - self._answers_read < dt.timedelta(minutes=minutes):
            return None
        ahead = self.workspace.repo.visits(start=self.workspace.now())
        return request if any(visit.status.value == "published" for visit in ahead) else None

    def _read_answers(self) -> int | None:
        request = self.confirmations_due()
        if request is None:
            return None
        # Asked at most once per interval, answered or not: a server that is down is not hammered every minute.
        self._answers_read = self._clock()
        path = self.workspace.path
        self._delivered = False
        self._job = self.workspace.jobs.submit(JOB_KIND, translate("BackgroundRefresh", "Reading confirmations…"),
                                               lambda job: fetch_in_background(path, request, job),
                                               self._answers_done, self._failed)
        return self._job

    def _answers_done(self, count: int) -> None:
        self._delivered = True
        if count:
            self.workspace.written(CONFIRMATIONS)      # calendar outlines, details and dashboard redraw
        self.answers.emit(count)

    def _done(self, report: RefreshReport) -> None:
        self._delivered = True
        if report.changed:
            self.workspace.changed.emit(AVAILABILITY)
        self.finished.emit(report)

    def _failed(self, error: Exception) -> None:
        self._delivered = True
        self.workspace.changed.emit(AVAILABILITY)     # some sources may have been stored before it
        self.failed.emit(str(error))

    def _ended(self, job_id: int) -> None:
        if job_id != self._job:
            return
        self._job = None
        if not self._delivered:
            # Cancelled between two sources: those already read are stored, so the pages show them.
            self.workspace.changed.emit(AVAILABILITY)

    def _other_job_started(self, kind: str, label: str) -> None:
        if kind != JOB_KIND and self._job is not None:
            self.workspace.jobs.cancel(JOB_KIND)      # the clerk's job goes first
