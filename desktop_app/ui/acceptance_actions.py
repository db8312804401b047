"""The 验收 menu of the main window: record a visit's results (Ctrl+E), report a rectification done, print
the rectification notice and the joint acceptance opinion, the departments' confirmations (回执: by hand from
the calendar, REPLY files, the calendar server), and the wiring of the pages that ask for them (calendar,
requests, 整改跟踪).

Installed by ``MainWindow._build_actions`` (again after a language switch), like the 排期 menu. The
dialogs write through ``controllers.result_edits``, so every change is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from desktop_app.ui.controllers import confirmation_edits
from desktop_app.ui.dialogs.decline_dialog import DeclineDialog

from desktop_app.ui.dialogs.print_dialog import OPINION, RECTIFICATION
from desktop_app.ui.dialogs.rectified_dialog import RectifiedDialog
from desktop_app.ui.dialogs.results_dialog import ResultsDialog
from desktop_app.ui.widgets import formatting as fmt

translate = QCoreApplication.translate


class AcceptanceActions(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.dialog = None
        menu = window.menuBar().addMenu(translate("AcceptanceActions", "&Acceptance"))
        self.results_action = QAction(translate("AcceptanceActions", "Record results…"), window)
        self.results_action.setShortcut(QKeySequence("Ctrl+E"))
        self.results_action.triggered.connect(lambda checked=False: self.record_results())
        self.rectified_action = QAction(translate("AcceptanceActions", "Rectification done…"), window)
        self.rectified_action.triggered.connect(lambda checked=False: self.report_rectified())
        self.tracking_action = QAction(translate("AcceptanceActions", "Rectification tracking"), window)
        self.tracking_action.triggered.connect(lambda checked=False: window.show_page("rectification"))
        for action in (self.results_action, self.rectified_action, self.tracking_action):
            menu.addAction(action)
        menu.addSeparator()
        self.print_rectification_action = QAction(translate("AcceptanceActions", "Print rectification notice…"), window)
        self.print_rectification_action.triggered.connect(lambda checked=False: self.print_document(RECTIFICATION))
        self.print_opinion_action = QAction(translate("AcceptanceActions", "Print joint acceptance opinion…"), window)
        self.print_opinion_action.triggered.connect(lambda checked=False: self.print_document(OPINION))
        menu.addAction(self.print_rectification_action)
        menu.addAction(self.print_opinion_action)
        menu.addSeparator()
        self.import_replies_action = QAction(translate("AcceptanceActions", "Import confirmation files…"), window)
        self.import_replies_action.setToolTip(translate(
            "AcceptanceActions", "The departments' answers to the e-mailed invitations (REPLY .ics from Outlook or "
                                 "Thunderbird)"))
        self.import_replies_action.triggered.connect(lambda checked=False: self.import_replies())
        self.fetch_action = QAction(translate("AcceptanceActions", "Fetch confirmations from the calendar server"),
                                    window)
        self.fetch_action.triggered.connect(lambda checked=False: self.fetch_confirmations())
        menu.addAction(self.import_replies_action)
        menu.addAction(self.fetch_action)
        self.message_box: QMessageBox | None = None
        pages = window.pages
        if "calendar" in pages:
            pages["calendar"].recordResultsRequested.connect(self.record_results)
            pages["calendar"].confirmationRequested.connect(self.record_confirmation)
        if "requests" in pages:
            pages["requests"].rectified_requested.connect(lambda project: self.report_rectified(project.code))
            pages["requests"].print_requested.connect(self.print_document)
        if "rectification" in pages:
            page = pages["rectification"]
            page.rectifiedRequested.connect(self.report_rectified)
            page.printRequested.connect(lambda code: self.print_document(RECTIFICATION, code))
            page.openRequested.connect(self.open_request)
            page.visitRequested.connect(window.show_visit)

    def _open(self, dialog):
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.close()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None) if self.dialog is dialog else None)
        self.dialog = dialog
        dialog.open()
        return dialog

    def record_results(self, visit_id: int | None = None) -> ResultsDialog | None:
        """The results dialog for a visit (by default the one selected in the calendar)."""
        if visit_id is None:
            calendar = self.window.pages.get("calendar")
            info = calendar.selected_visit() if calendar is not None else None
            if info is None:
                self.window.show_page("calendar")
                self.window.statusBar().showMessage(
                    translate("AcceptanceActions", "Select a visit in the calendar first."), 8000)
                return None
            visit_id = info.id
        dialog = self._open(ResultsDialog(self.workspace, visit_id, self.window))
        dialog.accepted.connect(lambda: self._tell_status(self.workspace.repo.visit(visit_id).project))
        return dialog

    def _tell_status(self, code: str) -> None:
        """Where the request stands after the change, in the status bar (the views show it too)."""
        project = self.workspace.repo.project(code)
        if project is not None:
            self.window.statusBar().showMessage(translate("AcceptanceActions", "Request {code} is now: {status}").format(
                code=code, status=fmt.request_status_name(str(project.status), project.round)), 10000)

    def report_rectified(self, code: str | None = None) -> RectifiedDialog | None:
        """Record the owner's report for a request (by default the one selected on the page on show)."""
        if code is None:
            page = self.window.pages.get(self.window.current_page_key())
            if self.window.current_page_key() == "rectification":
                row = page.selected_rectifying()
                code = row.project.code if row else None
            elif self.window.current_page_key() == "requests":
                project = page.selected_project()
                code = project.code if project else None
            if code is None:
                self.window.show_page("rectification")
                self.window.statusBar().showMessage(
                    translate("AcceptanceActions", "Select a request that is rectifying first."), 8000)
                return None
        dialog = self._open(RectifiedDialog(self.workspace, code, self.window))
        dialog.accepted.connect(lambda: self._tell_status(code))
        return dialog

    def print_document(self, kind: str, code: str | None = None):
        """The print dialog on the rectification notice or the opinion of ``code`` (by default the request
        selected on the page on show); the same dialog as Ctrl+P, so preview, print and PDF work alike."""
        if code is None:
            key = self.window.current_page_key()
            page = self.window.pages.get(key)
            if key == "rectification":
                code = page.selected_code()
            elif key == "requests":
                project = page.selected_project()
                code = project.code if project else None
        return self.window.schedule_actions.print_documents(kind, code)

    # --- 回执 -------------------------------------------------------------------------------------
    def record_confirmation(self, visit_id: int, department: str, answer: str) -> DeclineDialog | bool:
        """A department's answer by hand (a phone call); a decline first asks for the reason."""
        if answer == "declined":
            repo = self.workspace.repo
            visit, known = repo.visit(visit_id), repo.department(department)
            when = f"{visit.project} {fmt.date_time(visit.start)}" if visit is not None else str(visit_id)
            dialog = self._open(DeclineDialog(known.name if known else department, when, self.window))
            dialog.declined.connect(lambda reason: self._record(visit_id, department, answer, reason))
            return dialog
        return self._record(visit_id, department, answer)

    def _record(self, visit_id: int, department: str, answer: str, reason: str = "") -> bool:
        refusal = confirmation_edits.record_answer(self.workspace, visit_id, department, answer, reason)
        if refusal is not None:
            self.workspace.failed.emit(refusal)     # the core's words; nothing was written
            return False
        return True

    def import_replies(self, files: list[str] | None = None) -> bool:
        """导入回执文件: every chosen REPLY file in one background transaction; a refusal is shown whole."""
        if files is None:
            files, _ = QFileDialog.getOpenFileNames(
                self.window, translate("AcceptanceActions", "Import confirmation files"), "",
                translate("AcceptanceActions", "Calendar replies (*.ics);;All files (*)"))
        if not files:
            return False
        path = self.workspace.path
        self.workspace.jobs.submit(confirmation_edits.IMPORT_JOB,
                                   translate("AcceptanceActions", "Importing confirmations"),
                                   lambda job: confirmation_edits.import_in_background(path, list(files), job),
                                   lambda imported: self._answers_arrived(imported.message()),
                                   lambda error: self._refused(
                                       translate("AcceptanceActions", "Confirmation files not imported"), error))
        return True

    def fetch_confirmations(self) -> bool:
        """从日历服务器获取回执: the departments' answers in their calendars on the publishing server."""
        request = confirmation_edits.fetch_target(self.workspace)
        if request is None:
            self.window.statusBar().showMessage(translate(
                "AcceptanceActions", "No calendar server is set: give it in Publish (Ctrl+Shift+P) first."), 10000)
            return False
        publish = self.window.schedule_actions.dialogs.get("publish")
        typed = publish.password.text() if publish is not None else ""
        if typed:
            request = confirmation_edits.FetchRequest(request.url, request.username, typed)
        path = self.workspace.path
        self.workspace.jobs.submit(confirmation_edits.FETCH_JOB,
                                   translate("AcceptanceActions", "Fetching confirmations"),
                                   lambda job: confirmation_edits.fetch_in_background(path, request, job),
                                   lambda count: self._answers_arrived(translate(
                                       "AcceptanceActions", "{count} new answer(s) from {url}.").format(
                                       count=count, url=request.url)),
                                   lambda error: self._refused(
                                       translate("AcceptanceActions", "Confirmations not fetched"), error))
        return True

    def _answers_arrived(self, text: str) -> None:
        self.workspace.written(confirmation_edits.CONFIRMATIONS)   # calendar, conflicts and dashboard redraw
        self.window.statusBar().showMessage(text, 15000)

    def _refused(self, title: str, error: Exception) -> None:
        """The whole message (a refused file names its file, UID and attendee), in a box that does not block."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, str(error), QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda: setattr(self, "message_box", None) if self.message_box is box else None)
        self.message_box = box
        box.open()
        self.window.statusBar().showMessage(str(error).splitlines()[0], 15000)

    def open_request(self, code: str) -> None:
        project = self.workspace.repo.project(code)
        if project is not None:
            self.window.edit_request(project)


def install(window: QMainWindow) -> AcceptanceActions:
    old = getattr(window, "acceptance_actions", None)
    if old is not None:
        old.deleteLater()
    return AcceptanceActions(window)
