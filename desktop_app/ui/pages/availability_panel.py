"""A department's availability on the departments page: busy-time sources, blocked dates, seasonal hours.

Fetching and refreshing sources is background work on the workspace's executor: the work
function opens its own connection (one per thread), reports progress, and its result comes back
to the GUI thread by signal; a cancelled job never delivers. A failed fetch keeps the last good
copy, and the table says how old that copy is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog, QGroupBox, QHBoxLayout, QInputDialog, QLabel,
    QLineEdit, QMessageBox, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from desktop_app.core.calendar import availability as av
from desktop_app.core.calendar.ical_reader import is_url
from desktop_app.core.model.office_hours import WeeklyHours
from desktop_app.core.store.database import open_database
from desktop_app.ui.controllers import availability_edits as edits
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.controllers.jobs import Progress
from desktop_app.ui.dialogs.record_dialog import RecordDialog
from desktop_app.ui.widgets.table_model import RED, Column, RecordTableModel, record_table, selected_record
from desktop_app.ui.controllers.workspace import Workspace

translate = QCoreApplication.translate

ADD_JOB, REFRESH_JOB = "availability-add", "availability-refresh"








# --- busy-time sources --------------------------------------------------------------------------
@dataclass(frozen=True)
class AddOutcome:
    result: av.ImportResult
    new: bool            # False: the location was already a source, so this was a refresh


def add_source_work(path: Path, department: str, source: str, window: tuple[dt.date, dt.date]):
    """Runs on the worker thread: never touches widgets."""
    def work(progress: Progress) -> AddOutcome:
        progress.report(0, 1, source)
        db = open_database(path)
        try:
            location = av.source_location(source)
            known = any(s.location == location for s in av.sources(db, department))
            return AddOutcome(av.import_source(db, department, source, window=window), not known)
        finally:
            db.close()
    return work


def refresh_work(path: Path, department: str | None, window: tuple[dt.date, dt.date]):
    """Refresh one department's sources, or every department's, one department at a time."""
    def work(progress: Progress) -> list[av.RefreshOutcome]:
        db = open_database(path)
        try:
            codes = [department] if department else sorted({s.department for s in av.sources(db)})
            outcomes: list[av.RefreshOutcome] = []
            for done, code in enumerate(codes):
                progress.report(done, len(codes), code)   # raises Cancelled between departments
                outcomes += av.refresh_sources(db, code, window=window)
            progress.report(len(codes), len(codes))
            return outcomes
        finally:
            db.close()
    return work


class SourcesPanel(QWidget):
    """The selected department's calendars: add (file or URL), remove, refresh one or all."""

    finished = Signal(str)     # the message shown when a background job ends (tests wait on it)

    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.department: str | None = None
        self._zone = ZoneInfo(workspace.repo.settings().timezone)
        self.model = RecordTableModel(self._columns(), self)
        self.table = record_table(self.model)
        self.add_file = QPushButton(translate("Availability", "Add file…"))
        self.add_url = QPushButton(translate("Availability", "Add web address…"))
        self.remove = QPushButton(translate("Availability", "Remove"))
        self.refresh = QPushButton(translate("Availability", "Refresh"))
        self.refresh_all = QPushButton(translate("Availability", "Refresh all departments"))
        self.cancel = QPushButton(translate("Availability", "Cancel"))
        self.add_file.clicked.connect(self.choose_file)
        self.add_url.clicked.connect(self.ask_url)
        self.remove.clicked.connect(self.remove_selected)
        self.refresh.clicked.connect(lambda: self.start_refresh(self.department))
        self.refresh_all.clicked.connect(lambda: self.start_refresh(None))
        self.cancel.clicked.connect(self.cancel_jobs)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel.hide()
        self.message = QLabel(wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.add_file, self.add_url, self.remove, self.refresh, self.refresh_all):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.cancel)
        hint = QLabel(translate("Availability", "Busy time comes from the department's iCalendar files, feed "
                                                "addresses (.ics, http, https, webcal) or CalDAV calendars "
                                                "(caldav://, caldavs://; other bureaus' calendars are attached "
                                                "with “Discover other bureaus' calendars…”). A failed refresh "
                                                "keeps the last good copy."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        workspace.jobs.progressed.connect(self._on_progress)
        workspace.jobs.idle.connect(self._on_idle)
        self.show_department(None)

    def _columns(self) -> list[Column]:
        return [
            Column(lambda: translate("Availability", "Source"), lambda s: s.location, tooltip=lambda s: s.location),
            Column(lambda: translate("Availability", "Type"),
                   lambda s: translate("Availability", "Web address") if s.is_url
                   else translate("Availability", "File")),
            Column(lambda: translate("Availability", "Events"), lambda s: str(s.event_count),
                   sort_key=lambda s: s.event_count, align_right=True),
            Column(lambda: translate("Availability", "Last good copy"), self._fetched_text),
            Column(lambda: translate("Availability", "Last refresh"), self._status_text,
                   color=lambda s: RED if s.last_error else None, tooltip=lambda s: s.last_error),
        ]

    def _fetched_text(self, source: av.AvailabilitySource) -> str:
        if source.fetched_at is None:
            return translate("Availability", "never")
        local = source.fetched_at.astimezone(self._zone)
        return translate("Availability", "{time} ({age} old)").format(
            time=fmt.date_time(local), age=av.age_text(source.fetched_at))

    def _status_text(self, source: av.AvailabilitySource) -> str:
        if source.last_error:
            return translate("Availability", "Failed: {problem}").format(problem=source.last_error.splitlines()[0])
        return translate("Availability", "OK")

    # --- showing ------------------------------------------------------------------------
    def show_department(self, department: str | None) -> None:
        if department != self.department:
            self.message.clear()
        self.department = department
        self.reload()

    def reload(self) -> None:
        self.model.set_records(av.sources(self.workspace.db, self.department) if self.department else [])
        self.table.resizeColumnsToContents()
        busy = self.workspace.jobs.busy()
        for button in (self.add_file, self.add_url, self.remove, self.refresh):
            button.setEnabled(self.department is not None and not busy)
        self.refresh_all.setEnabled(not busy)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b91c1c;" if error else "")
        self.message.setText(text)

    # --- adding ---------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("Availability", "Busy-time calendar"), "",
                                              translate("Availability", "iCalendar files (*.ics);;All files (*)"))
        if path:
            self.add_source(path)

    def ask_url(self) -> None:
        url, ok = QInputDialog.getText(self, translate("Availability", "Busy-time feed"),
                                       translate("Availability", "Feed address (https://…, webcal://… or caldav://…)"))
        if ok and url.strip():
            self.add_source(url.strip())

    def add_source(self, source: str) -> int | None:
        """Import a file or URL in the background; returns the job id."""
        if self.department is None:
            return None
        department = self.department
        label = translate("Availability", "Reading {source}…").format(source=source)
        self._busy(label)
        window = av.planning_window(self.workspace.today())
        return self.workspace.jobs.submit(
            ADD_JOB, label, add_source_work(self.workspace.path, department, source, window),
            self._added, lambda error: self._add_failed(department, source, error))

    def _added(self, outcome: AddOutcome) -> None:
        result = outcome.result
        if outcome.new:
            copy = edits.stored_copy(self.workspace, result.department, result.location)
            if copy is not None:
                edits.record_source_added(self.workspace, copy)
        else:
            self.workspace.changed.emit(edits.AVAILABILITY)
        self._finish(result.message())

    def _add_failed(self, department: str, source: str, error: Exception) -> None:
        text = str(error)
        location = av.source_location(source)
        known = [s for s in av.sources(self.workspace.db, department) if s.location == location and s.fetched_at]
        if known and not is_url(source):
            # The core words this for feeds; a file that went bad keeps its last good copy too.
            text += "\n" + translate("Availability", "The last good copy from {time} ({age} old) stays in use.") \
                .format(time=fmt.date_time(known[0].fetched_at.astimezone(self._zone)),
                        age=av.age_text(known[0].fetched_at))
        self.workspace.changed.emit(edits.AVAILABILITY)   # a failed feed records its attempt
        self._finish(text, error=True)

    # --- refreshing -----------------------------------------------------------------------
    def start_refresh(self, department: str | None) -> int:
        label = (translate("Availability", "Refreshing busy time of {department}…").format(department=department)
                 if department else translate("Availability", "Refreshing busy time of all departments…"))
        self._busy(label)
        window = av.planning_window(self.workspace.today())
        return self.workspace.jobs.submit(REFRESH_JOB, label, refresh_work(self.workspace.path, department, window),
                                          self._refreshed, lambda error: self._finish(str(error), error=True))

    def _refreshed(self, outcomes: list[av.RefreshOutcome]) -> None:
        failed = [o for o in outcomes if o.result is None]
        self.workspace.changed.emit(edits.AVAILABILITY)
        summary = translate("Availability", "{good} source(s) refreshed, {failed} failed.").format(
            good=len(outcomes) - len(failed), failed=len(failed))
        self._finish("\n".join([summary, *(f"{o.source.department}: {o.error}" for o in failed)]), bool(failed))

    # --- removing -------------------------------------------------------------------------
    def remove_selected(self) -> None:
        source = selected_record(self.table, self.model)
        if source is not None and QMessageBox.question(
                self, translate("Availability", "Remove source"),
                translate("Availability", "Stop using {location}? Its busy time is removed; you can undo this.")
                .format(location=source.location)) == QMessageBox.StandardButton.Yes:
            edits.remove_source(self.workspace, source)

    # --- background job state ---------------------------------------------------------------
    def _busy(self, label: str) -> None:
        self._say(label)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel.show()
        for button in (self.add_file, self.add_url, self.remove, self.refresh, self.refresh_all):
            button.setEnabled(False)

    def cancel_jobs(self) -> None:
        self.workspace.jobs.cancel(ADD_JOB)
        self.workspace.jobs.cancel(REFRESH_JOB)
        self._finish(translate("Availability", "Cancelled. A source already being read may still be stored; "
                                               "the table shows what is stored."))

    def _on_progress(self, kind: str, done: int, total: int, text: str) -> None:
        if kind in (ADD_JOB, REFRESH_JOB):
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    def _on_idle(self) -> None:
        self.progress.hide()
        self.cancel.hide()
        self.reload()

    def _finish(self, text: str, error: bool = False) -> None:
        self._say(text, error)
        self.reload()
        self.finished.emit(text)


# --- blocked dates ------------------------------------------------------------------------------
class BlockedPanel(QGroupBox):
    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(translate("Availability", "Blocked dates (training, inspections elsewhere)"), parent)
        self.workspace = workspace
        self.department: str | None = None
        self.model = RecordTableModel([
            Column(lambda: translate("Availability", "First day"), lambda p: fmt.short_date(p.first_day),
                   sort_key=lambda p: p.first_day),
            Column(lambda: translate("Availability", "Last day"), lambda p: fmt.short_date(p.last_day),
                   sort_key=lambda p: p.last_day),
            Column(lambda: translate("Availability", "Days"), lambda p: str((p.last_day - p.first_day).days + 1),
                   align_right=True),
            Column(lambda: translate("Availability", "Reason"), lambda p: p.reason),
        ], self)
        self.table = record_table(self.model)
        today = workspace.today()
        self.first = fmt.date_edit(today)
        self.last = fmt.date_edit(today)
        self.first.dateChanged.connect(lambda value: self.last.setDate(max(self.last.date(), value)))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(translate("Availability", "Reason, e.g. 业务培训"))
        self.block = QPushButton(translate("Availability", "Block these days"))
        self.unblock = QPushButton(translate("Availability", "Unblock"))
        self.block.clicked.connect(self.add)
        self.unblock.clicked.connect(self.delete_selected)
        form = QHBoxLayout()
        for widget in (QLabel(translate("Availability", "From")), self.first,
                       QLabel(translate("Availability", "to")), self.last):
            form.addWidget(widget)
        form.addWidget(self.reason, 1)
        form.addWidget(self.block)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.unblock, 0, Qt.AlignmentFlag.AlignLeft)
        self.show_department(None)

    def show_department(self, department: str | None) -> None:
        self.department = department
        self.reload()

    def reload(self) -> None:
        self.model.set_records(av.blocked_periods(self.workspace.db, self.department) if self.department else [])
        self.table.resizeColumnsToContents()
        for widget in (self.block, self.unblock, self.first, self.last, self.reason):
            widget.setEnabled(self.department is not None)

    def add(self) -> bool:
        if self.department is None:
            return False
        done = edits.add_blocked_period(self.workspace, self.department, fmt.from_qdate(self.first.date()),
                                        fmt.from_qdate(self.last.date()), self.reason.text())
        if done:
            self.reason.clear()
        return done

    def delete_selected(self) -> bool:
        period = selected_record(self.table, self.model)
        return period is not None and edits.delete_blocked_period(self.workspace, period)


# --- seasonal office hours ------------------------------------------------------------------------
@dataclass(frozen=True)
class Variant:
    starts_on: dt.date
    hours: WeeklyHours


class SeasonalPanel(QGroupBox):
    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(translate("Availability", "Seasonal office hours (summer, winter)"), parent)
        self.workspace = workspace
        self.department: str | None = None
        self.model = RecordTableModel([
            Column(lambda: translate("Availability", "Valid from"), lambda v: fmt.short_date(v.starts_on),
                   sort_key=lambda v: v.starts_on),
            Column(lambda: translate("Availability", "Office hours"), lambda v: v.hours.format()),
        ], self)
        self.table = record_table(self.model)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        self.add = QPushButton(translate("Availability", "Add seasonal hours…"))
        self.edit = QPushButton(translate("Availability", "Edit…"))
        self.delete = QPushButton(translate("Availability", "Delete"))
        self.add.clicked.connect(lambda: self.open_editor(None))
        self.edit.clicked.connect(self.edit_selected)
        self.delete.clicked.connect(self.delete_selected)
        hint = QLabel(translate("Availability", "Each variant applies from its date until the next one starts; "
                                                "before the first, the department's usual hours apply."))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add, self.edit, self.delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        self.show_department(None)

    def show_department(self, department: str | None) -> None:
        self.department = department
        self.reload()

    def reload(self) -> None:
        variants = (av.office_hours_variants(self.workspace.db, self.department) if self.department else [])
        self.model.set_records([Variant(day, hours) for _, day, hours in variants])
        self.table.resizeColumnsToContents()
        for button in (self.add, self.edit, self.delete):
            button.setEnabled(self.department is not None)

    def edit_selected(self) -> None:
        variant = selected_record(self.table, self.model)
        if variant is not None:
            self.open_editor(variant)

    def delete_selected(self) -> bool:
        variant = selected_record(self.table, self.model)
        return variant is not None and edits.save_hours_variant(
            self.workspace, self.department, variant.starts_on, variant.hours, None)

    def open_editor(self, variant: Variant | None) -> RecordDialog | None:
        if self.department is None:
            return None
        dialog = variant_dialog(self.workspace, self.department, variant, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


def variant_dialog(workspace: Workspace, department: str, variant: Variant | None, parent=None) -> RecordDialog:
    from desktop_app.ui.pages.departments_page import MissingValue, WeeklyHoursGrid
    from desktop_app.core.model.office_hours import OfficeHoursError

    usual = workspace.repo.department(department).office_hours
    starts = fmt.date_edit(variant.starts_on if variant else workspace.today())
    starts.setEnabled(variant is None)     # the date is the variant's identity: delete and add to move it
    grid = WeeklyHoursGrid(variant.hours if variant else usual)

    def build() -> Variant:
        try:
            hours = grid.hours()
        except OfficeHoursError as error:
            raise MissingValue(translate("Departments", "Office hours: {problem}").format(problem=error)) from error
        return Variant(fmt.from_qdate(starts.date()), hours)

    def save(new: Variant) -> bool:
        before = edits.hours_variant(workspace, department, new.starts_on) if variant is None else variant.hours
        return edits.save_hours_variant(workspace, department, new.starts_on, before, new.hours)

    title = translate("Availability", "Seasonal office hours of {department}").format(department=department)
    dialog = RecordDialog(title, [(translate("Availability", "Valid from"), starts)], build, save, parent, grid)
    grid.itemChanged.connect(lambda _: dialog.check())
    return dialog
