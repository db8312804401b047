"""Publish (Ctrl+Shift+P): the feeds to the export folder and to the CalDAV server, in the background.

Optionally the planned visits are first marked published (one undoable step), so departments
receive them as confirmed. The export and the upload run on the workspace's executor with their
own database connection (the same ``publish_folder`` / ``publish_caldav`` as
`joint-acceptance publish`); the dialog reports what was written, or which target failed and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
    QPushButton, QVBoxLayout, QWidget,
)

from desktop_app.core.model.errors import InputError
from desktop_app.core.store.secrets import keyring_available
from desktop_app.core.feeds.publishing import (
    CalDAVResult, CalDAVTarget, FolderResult, caldav_password, publish_caldav, publish_folder,
    remember_caldav_password,
)
from desktop_app.core.store.repository import Repository
from desktop_app.core.store.database import open_database
from desktop_app.ui.controllers.jobs import Progress
from desktop_app.ui.controllers.move_edits import VisitEdits
from desktop_app.ui.controllers.workspace import Workspace
from desktop_app.ui.widgets.screen_fit import resize_within_screen

translate = QCoreApplication.translate
JOB_KIND = "publish"


@dataclass
class PublishOutcome:
    folder: FolderResult | None = None
    caldav: CalDAVResult | None = None
    errors: list[str] = field(default_factory=list)   # one line per target that failed
    password_remembered: bool = False


@dataclass(frozen=True)
class Credentials:
    username: str = ""
    password: str = ""          # typed in the dialog; empty: the environment or the system keyring
    remember: bool = False      # store a typed password in the keyring once the server accepted it


@dataclass(frozen=True)
class PublishRequest:
    folder: str = ""
    invitations: bool = False   # also METHOD:REQUEST/CANCEL files in the folder, for e-mail
    caldav_url: str = ""
    credentials: Credentials = Credentials()


def publish_in_background(path: Path, request: PublishRequest, job: Progress) -> PublishOutcome:
    """The work function: each target on its own, so a server that is down does not stop the folder."""
    outcome = PublishOutcome()
    db = open_database(path)
    folder, caldav_url, credentials = request.folder, request.caldav_url, request.credentials
    try:
        repo = Repository(db)
        steps = int(bool(folder)) + int(bool(caldav_url))
        if folder:
            job.report(0, steps, folder)
            try:
                outcome.folder = publish_folder(repo, Path(folder), invitations=request.invitations)
            except InputError as error:
                outcome.errors.append(str(error))
        if caldav_url:
            job.report(int(bool(folder)), steps, caldav_url)
            username = credentials.username
            password = credentials.password or caldav_password(caldav_url, username)
            target = CalDAVTarget(caldav_url, username, password)
            try:
                outcome.caldav = publish_caldav(repo, target, progress=lambda name: job.check())
                if credentials.remember and credentials.password:
                    remember_caldav_password(caldav_url, username, credentials.password)
                    outcome.password_remembered = True
            except InputError as error:
                outcome.errors.append(str(error))
        job.report(steps, steps)
    finally:
        db.close()
    return outcome


def outcome_lines(outcome: PublishOutcome) -> list[str]:
    lines: list[str] = []
    if outcome.folder is not None:
        result = outcome.folder
        lines.append(translate("Publish", "Folder {folder}: {written} file(s) written, {unchanged} unchanged, "
                                          "{removed} removed.").format(
            folder=result.folder, written=len(result.written), unchanged=len(result.unchanged),
            removed=len(result.removed)))
    if outcome.caldav is not None:
        result = outcome.caldav
        lines.append(translate("Publish", "CalDAV {url}: {created} event(s) created, {updated} updated, {removed} "
                                          "removed, {unchanged} unchanged; {calendars} calendar(s) created.").format(
            url=result.url, created=result.created, updated=result.updated, removed=result.removed,
            unchanged=result.unchanged, calendars=len(result.calendars_created)))
    if outcome.password_remembered:
        lines.append(translate("Publish", "The password is stored in the system keyring."))
    lines += [translate("Publish", "Failed: {reason}").format(reason=error) for error in outcome.errors]
    return lines


class PublishDialog(QDialog):
    finished_publishing = Signal(object)    # PublishOutcome

    def __init__(self, workspace: Workspace, edits: VisitEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.edits = workspace, edits
        self.outcome: PublishOutcome | None = None
        self.setWindowTitle(translate("Publish", "Publish the calendar"))
        resize_within_screen(self, 720, 360)
        settings = workspace.repo.settings()
        self.folder = QLineEdit(settings.export_folder)
        self.folder.setPlaceholderText(translate("Publish", "A shared folder the departments subscribe to"))
        choose = QPushButton(translate("Publish", "Choose…"))
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        self.caldav = QLineEdit(settings.caldav_url)
        self.caldav.setPlaceholderText(translate("Publish", "e.g. https://calendar.example.cn/dav/ (optional)"))
        self.username = QLineEdit(settings.caldav_username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(translate("Publish", "Leave empty to use the saved password"))
        self.remember = QCheckBox(translate("Publish", "Remember the password in the system keyring"))
        if not keyring_available():
            self.remember.setEnabled(False)
            self.remember.setToolTip(translate("Publish", "This computer has no system keyring; the password is "
                                                          "kept only while the program runs."))
        self.invitations = QCheckBox(translate("Publish", "Also write e-mail invitations into the folder "
                                                          "(invitations/visit-<number>.ics)"))
        self.invitations.setToolTip(translate("Publish", "For bureaus that send invitations by e-mail: one file per "
                                                         "published visit with the departments as attendees, and a "
                                                         "cancellation once such a visit is cancelled."))
        self.mark = QCheckBox()
        form = QFormLayout()
        form.addRow(translate("Publish", "Export folder"), folder_row)
        form.addRow("", self.invitations)
        form.addRow(translate("Publish", "CalDAV server"), self.caldav)
        form.addRow(translate("Publish", "User name"), self.username)
        form.addRow(translate("Publish", "Password"), self.password)
        form.addRow("", self.remember)
        form.addRow("", self.mark)
        self.progress = QProgressBar()
        self.progress.hide()
        self.result = QLabel(wordWrap=True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.publish_button = self.buttons.addButton(translate("Publish", "Publish"),
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.publish_button.clicked.connect(self.publish)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.buttons)
        workspace.jobs.progressed.connect(self._progressed)
        self.refresh()

    def refresh(self) -> None:
        """Count the planned visits again (the dialog is kept between uses)."""
        planned = self.edits.planned_visit_ids()
        self.mark.setText(translate("Publish", "First mark the {count} planned visit(s) as published "
                                               "(departments see them as confirmed)").format(count=len(planned)))
        self.mark.setChecked(bool(planned))
        self.mark.setEnabled(bool(planned))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("Publish", "Export folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _remember_targets(self, folder: str, url: str, username: str) -> None:
        """What the clerk typed becomes the bureau's setting (an undoable settings change); never the password."""
        import dataclasses

        before = self.workspace.repo.settings()
        if (before.export_folder, before.caldav_url, before.caldav_username) != (folder, url, username):
            self.workspace.save_settings(before, dataclasses.replace(before, export_folder=folder, caldav_url=url,
                                                                     caldav_username=username))

    def publish(self) -> bool:
        folder, url = self.folder.text().strip(), self.caldav.text().strip()
        if not folder and not url:
            self.result.setText(translate("Publish", "Give an export folder or a CalDAV server address first."))
            return False
        credentials = Credentials(self.username.text().strip(), self.password.text(),
                                  self.remember.isChecked() and self.remember.isEnabled())
        self._remember_targets(folder, url, credentials.username)
        if self.mark.isChecked() and self.mark.isEnabled():
            self.edits.mark_published(self.edits.planned_visit_ids())
            self.refresh()
        self.publish_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.result.setText(translate("Publish", "Publishing…"))
        path = self.workspace.path
        request = PublishRequest(folder, self.invitations.isChecked(), url, credentials)
        self.workspace.jobs.submit(JOB_KIND, translate("Publish", "Publishing"),
                                   lambda job: publish_in_background(path, request, job),
                                   self._done, self._failed)
        return True

    def _progressed(self, kind: str, done: int, total: int, text: str) -> None:
        if kind == JOB_KIND:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    def _done(self, outcome: PublishOutcome) -> None:
        self.outcome = outcome
        self.progress.hide()
        self.publish_button.setEnabled(True)
        colour = "#b91c1c" if outcome.errors else "#15803d"
        self.result.setStyleSheet(f"color: {colour};")
        self.result.setText("\n".join(outcome_lines(outcome)))
        self.finished_publishing.emit(outcome)

    def _failed(self, error: Exception) -> None:
        self._done(PublishOutcome(errors=[str(error)]))

    def done(self, result: int) -> None:
        try:
            self.workspace.jobs.progressed.disconnect(self._progressed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
