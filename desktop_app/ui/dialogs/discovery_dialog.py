"""部门 ▸ 发现其他分局日历…: the other bureaus' department calendars on the city CalDAV server (issue 15).

The same core call as `availability --discover`: ``city.discover`` lists the tagged calendars the
bureau's account may read (``attach=False``), then attaches the ones the clerk ticked (``only``) to our
city department with the same code and reads them. Both run on the workspace's executor with their own
connection; a failure shows the core's message, which names the server and the calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QProgressBar, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop_app.core.calendar import availability as av
from desktop_app.core.calendar.city import CALDAV_KEYRING_SERVICE, CityCalendar, caldav_location, discover
from desktop_app.core.model.domain import Level, Settings
from desktop_app.core.store.database import open_database
from desktop_app.core.store.repository import Repository
from desktop_app.core.store.secrets import keyring_available, store_secret
from desktop_app.ui.controllers.availability_edits import AVAILABILITY
from desktop_app.ui.controllers.jobs import Progress
from desktop_app.ui.controllers.workspace import Workspace
from desktop_app.ui.widgets.screen_fit import resize_within_screen

translate = QCoreApplication.translate
JOB_KIND = "city-discovery"
CHECK, BUREAU, NAME, CODE, DEPARTMENT, STATE = range(6)


@dataclass(frozen=True)
class FoundCalendar:
    """One calendar of another bureau, and what it means in this database."""

    calendar: CityCalendar
    department: str | None       # the name of our city department with that code; None: none here
    district: bool               # we have the code, but as a district department (another district's office)
    attached: bool               # already a busy-time source of that department

    @property
    def attachable(self) -> bool:
        return self.department is not None


@dataclass(frozen=True)
class Listing:
    calendars: list[FoundCalendar]
    password_remembered: bool = False
    remember_problem: str = ""


def city_server(settings: Settings) -> tuple[str, str]:
    """The city server and this bureau's account there, as the core reads them (empty: publishing's)."""
    return (settings.city_server_url or settings.caldav_url, settings.city_username or settings.caldav_username)


def _found(db, calendars: list[CityCalendar]) -> list[FoundCalendar]:
    departments = {d.code: d for d in Repository(db).departments()}
    sources = {(s.department, s.location) for s in av.sources(db)}
    found = []
    for calendar in calendars:
        ours = departments.get(calendar.department)
        city = ours is not None and ours.level == Level.CITY
        found.append(FoundCalendar(calendar, ours.name if city else None, ours is not None and not city,
                                   (calendar.department, caldav_location(calendar.url)) in sources))
    # What can be attached first, by department code, then the other districts' offices.
    return sorted(found, key=lambda f: (not f.attachable, f.calendar.department, f.calendar.bureau, f.calendar.url))


def list_work(path: Path, password: str | None, remember: bool, window: tuple[dt.date, dt.date]
              ) -> Callable[[Progress], Listing]:
    """Runs on the worker thread: list, never attach (nothing is written)."""
    def work(progress: Progress) -> Listing:
        progress.report(0, 1)
        db = open_database(path)
        try:
            calendars = discover(db, password=password, attach=False, window=window)
            listing = Listing(_found(db, calendars))
            settings = Repository(db).settings()
        finally:
            db.close()
        progress.check()
        if remember and password:
            # The server accepted it: kept where the core's refreshes look (city.source_password).
            server, username = city_server(settings)
            try:
                store_secret(CALDAV_KEYRING_SERVICE, f"{username}@{server}", password)
                listing = replace(listing, password_remembered=True)
            except Exception as error:   # no keyring, or it refused: the password was used this once
                listing = replace(listing, remember_problem=str(error) or type(error).__name__)
        return listing
    return work


def attach_work(path: Path, urls: frozenset[str], password: str | None, window: tuple[dt.date, dt.date]
                ) -> Callable[[Progress], list[FoundCalendar]]:
    """Attach the chosen calendars (and read them); returns the listing as it now stands."""
    def work(progress: Progress) -> list[FoundCalendar]:
        progress.report(0, 1)
        db = open_database(path)
        try:
            return _found(db, discover(db, password=password, attach=True, only=urls, window=window))
        finally:
            db.close()
    return work


class DiscoveryDialog(QDialog):
    settings_requested = Signal()
    finished_job = Signal(str)      # the message shown when a background job ends (tests wait on it)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.calendars: list[FoundCalendar] = []
        self._job: int | None = None
        self.setWindowTitle(translate("Discovery", "Other bureaus' calendars"))
        resize_within_screen(self, 1100, 560)
        server, username = city_server(workspace.repo.settings())
        self.server, self.username = server, username
        intro = QLabel(translate("Discovery", "Other district bureaus publish their visits of the shared city "
                                              "departments on the city's CalDAV server. Attached to our department "
                                              "with the same code, they count toward its daily capacity and travel."),
                       wordWrap=True)
        self.account = QLabel()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(translate("Discovery", "Leave empty to use the saved password"))
        self.remember = QCheckBox(translate("Discovery", "Remember the password in the system keyring (needed for "
                                                         "the background refresh)"))
        self.remember.setChecked(keyring_available())
        self.remember.setEnabled(keyring_available())
        self.search_button = QPushButton(translate("Discovery", "Search again"))
        self.search_button.clicked.connect(self.search)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password, 1)
        password_row.addWidget(self.search_button)
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("Discovery", "City server"), self.account)
        form.addRow(translate("Discovery", "Password"), password_row)
        form.addRow("", self.remember)
        self.not_configured = QLabel(translate("Discovery", "No city CalDAV server is set. Enter the city server "
                                                            "and this bureau's account in the settings (市级部门共享), "
                                                            "or the CalDAV server of publishing."), wordWrap=True)
        self.open_settings = QPushButton(translate("Discovery", "Open the settings"))
        self.open_settings.clicked.connect(self._to_settings)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            translate("Discovery", "Attach"), translate("Discovery", "Bureau"), translate("Discovery", "Calendar"),
            translate("Discovery", "Department code"), translate("Discovery", "Our department"),
            translate("Discovery", "State")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(lambda _: self._enable())
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(translate("Discovery", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.message = QLabel(wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status = QHBoxLayout()
        status.addWidget(self.message, 1)
        status.addWidget(self.progress)
        status.addWidget(self.cancel_button)
        self.buttons = QDialogButtonBox()
        self.attach_button = self.buttons.addButton(translate("Discovery", "Attach"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.attach_button.clicked.connect(self.attach)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.not_configured)
        layout.addWidget(self.open_settings, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        layout.addLayout(status)
        layout.addWidget(self.buttons)
        self._show_configuration()

    # --- configuration ----------------------------------------------------------------------
    def configured(self) -> bool:
        return bool(self.server)

    def _show_configuration(self) -> None:
        configured = self.configured()
        self.account.setText(translate("Discovery", "{server} — account {user}").format(
            server=self.server, user=self.username or translate("Discovery", "(none)")))
        for widget in (self.form, self.table):
            widget.setVisible(configured)
        self.not_configured.setVisible(not configured)
        self.open_settings.setVisible(not configured)
        self._enable()

    def _to_settings(self) -> None:
        self.settings_requested.emit()
        self.reject()

    # --- listing ------------------------------------------------------------------------------
    def _password(self) -> str | None:
        return self.password.text() or None      # None: the environment or the keyring (core)

    def search(self) -> int | None:
        """List the calendars in the background (also when the dialog opens); returns the job id."""
        if not self.configured():
            return None
        label = translate("Discovery", "Looking for other bureaus' calendars on {server}…").format(server=self.server)
        remember = self.remember.isChecked() and self.remember.isEnabled()
        work = list_work(self.workspace.path, self._password(), remember, av.planning_window(self.workspace.today()))
        return self._start(label, work, self._listed, self._listing_failed)

    def _listed(self, listing: Listing) -> None:
        self._show(listing.calendars)
        attachable = sum(1 for c in listing.calendars if c.attachable and not c.attached)
        lines = [translate("Discovery", "{count} calendar(s) of other bureaus found, {new} new to attach.").format(
            count=len(listing.calendars), new=attachable) if listing.calendars else
            translate("Discovery", "No other bureau's department calendars are readable by this account on the "
                                   "city server.")]
        if listing.password_remembered:
            lines.append(translate("Discovery", "The password is stored in the system keyring."))
        if listing.remember_problem:
            lines.append(translate("Discovery", "The password was not stored ({reason}): the background refresh "
                                                "cannot read these calendars without it.").format(
                reason=listing.remember_problem))
        self._finish("\n".join(lines))

    def _listing_failed(self, error: Exception) -> None:
        self._show([])
        self._finish(str(error), error=True)

    def _show(self, calendars: list[FoundCalendar]) -> None:
        self.calendars = calendars
        blocked = self.table.blockSignals(True)
        self.table.setRowCount(len(calendars))
        for row, found in enumerate(calendars):
            check = QTableWidgetItem()
            flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            if found.attachable:
                flags |= Qt.ItemFlag.ItemIsEnabled
            check.setFlags(flags)
            check.setCheckState(Qt.CheckState.Checked if found.attachable and not found.attached
                                else Qt.CheckState.Unchecked)
            self.table.setItem(row, CHECK, check)
            if found.department is not None:
                ours = translate("Discovery", "{name} ({code})").format(name=found.department,
                                                                        code=found.calendar.department)
            elif found.district:
                ours = translate("Discovery", "{code} is a district department here: not shared").format(
                    code=found.calendar.department)
            else:
                ours = translate("Discovery", "No such department here")
            if found.attached:
                state = translate("Discovery", "Attached")
            elif found.attachable:
                state = translate("Discovery", "New")
            else:
                state = translate("Discovery", "Cannot be attached")
            cells = (found.calendar.bureau, found.calendar.name or found.calendar.url, found.calendar.department,
                     ours, state)
            for column, text in enumerate(cells, start=BUREAU):
                item = QTableWidgetItem(text)
                item.setToolTip(found.calendar.url if column == NAME else text)
                if not found.attachable:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)
        self.table.blockSignals(blocked)
        self._enable()

    def checked_urls(self) -> frozenset[str]:
        return frozenset(found.calendar.url for row, found in enumerate(self.calendars)
                         if found.attachable and self.table.item(row, CHECK).checkState() == Qt.CheckState.Checked)

    # --- attaching ----------------------------------------------------------------------------
    def attach(self) -> int | None:
        urls = self.checked_urls()
        if not urls:
            return None
        label = translate("Discovery", "Attaching {count} calendar(s)…").format(count=len(urls))
        work = attach_work(self.workspace.path, urls, self._password(), av.planning_window(self.workspace.today()))
        return self._start(label, work, lambda found: self._attached(found, urls),
                           self._attach_failed)

    def _attached(self, found: list[FoundCalendar], urls: frozenset[str]) -> None:
        self.workspace.changed.emit(AVAILABILITY)
        self._show(found)
        self._finish(translate("Discovery", "{count} calendar(s) attached; their visits count on the departments "
                                            "page, the calendar and in scheduling.").format(count=len(urls)))

    def _attach_failed(self, error: Exception) -> None:
        self.workspace.changed.emit(AVAILABILITY)    # the calendars read before the failure are stored
        self._finish(str(error), error=True)

    # --- background job state -------------------------------------------------------------------
    def _start(self, label: str, work, on_done, on_error) -> int:
        self.message.setStyleSheet("")
        self.message.setText(label)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self._job = self.workspace.jobs.submit(JOB_KIND, label, work, on_done, on_error)
        self._enable()
        return self._job

    def cancel(self) -> None:
        self.workspace.jobs.cancel(JOB_KIND)
        self._job = None
        self._finish(translate("Discovery", "Cancelled. Calendars already being attached may still be stored; "
                                            "the departments page shows what is stored."))
        self.workspace.changed.emit(AVAILABILITY)

    def _finish(self, text: str, error: bool = False) -> None:
        self._job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.message.setStyleSheet("color: #b91c1c;" if error else "")
        self.message.setText(text)
        self._enable()
        self.finished_job.emit(text)

    def _enable(self) -> None:
        idle = self._job is None
        self.search_button.setEnabled(idle and self.configured())
        self.attach_button.setEnabled(idle and self.configured() and bool(self.calendars) and bool(self.checked_urls()))

    def open(self) -> None:
        super().open()
        if self.configured() and not self.calendars and self._job is None:
            self.search()

    def done(self, result: int) -> None:
        if self._job is not None:
            self.workspace.jobs.cancel(JOB_KIND)    # a listing nobody reads; an attach stores what it read
            self.workspace.changed.emit(AVAILABILITY)
        super().done(result)
