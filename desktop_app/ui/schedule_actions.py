"""The 排期 menu and toolbar of the main window: auto-schedule (F5), move, lock, cancel, publish, print.

Installed by ``MainWindow._build_actions`` (again after a language switch). The actions work on
what is selected: the visit selected in the calendar, the request selected in the requests
list. A drag in the calendar's week view arrives here as a move request and is applied or
refused with the reason.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QToolBar

from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.dialogs.move_dialog import MoveDialog
from desktop_app.ui.controllers.move_edits import VisitEdits
from desktop_app.ui.dialogs.print_dialog import PrintDialog, offer_changed_notice
from desktop_app.ui.dialogs.publish_dialog import PublishDialog
from desktop_app.ui.dialogs.schedule_dialog import ScheduleDialog

translate = QCoreApplication.translate


class ScheduleActions(QObject):
    """Owns the visit edits controller and opens the dialogs; one per built window."""

    def __init__(self, window: QMainWindow, toolbar: QToolBar) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.edits = VisitEdits(self.workspace, self)
        self.edits.moved.connect(self._offer_notice)
        self.dialogs: dict[str, object] = {}
        menu = window.menuBar().addMenu(translate("ScheduleActions", "&Schedule"))

        def action(text: str, slot, shortcut=None, on_toolbar: bool = False) -> QAction:
            created = QAction(text, window)
            if shortcut is not None:
                created.setShortcut(QKeySequence(shortcut))
            created.triggered.connect(lambda checked=False: slot())
            menu.addAction(created)
            if on_toolbar:
                toolbar.addAction(created)
            return created

        toolbar.addSeparator()
        self.schedule_action = action(translate("ScheduleActions", "Auto-schedule…"), self.auto_schedule, "F5", True)
        menu.addSeparator()
        self.move_action = action(translate("ScheduleActions", "Move visit…"), self.move_visit, "Ctrl+M")
        self.lock_action = action(translate("ScheduleActions", "Lock visit"), lambda: self.lock(True), "Ctrl+L")
        self.unlock_action = action(translate("ScheduleActions", "Unlock visit"), lambda: self.lock(False))
        self.cancel_action = action(translate("ScheduleActions", "Cancel visit…"), self.cancel_visit)
        self.mark_action = action(translate("ScheduleActions", "Mark visit published"), self.mark_published)
        menu.addSeparator()
        self.publish_action = action(translate("ScheduleActions", "Publish…"), self.publish, "Ctrl+Shift+P", True)
        self.print_action = action(translate("ScheduleActions", "Print…"), self.print_documents,
                                   QKeySequence.StandardKey.Print, True)
        calendar = window.pages.get("calendar")
        if calendar is not None and hasattr(calendar, "visitMoveRequested"):
            calendar.visitMoveRequested.connect(self.drag_move)
            calendar.moveDialogRequested.connect(self.move_visit)   # its context menu

    # --- what is selected ---------------------------------------------------------------
    def selected_visit_id(self) -> int | None:
        calendar = self.window.pages.get("calendar")
        info = calendar.selected_visit() if calendar is not None else None
        return info.id if info is not None else None

    def _need_visit(self) -> int | None:
        visit_id = self.selected_visit_id()
        if visit_id is None:
            self.window.show_page("calendar")
            self.window.statusBar().showMessage(
                translate("ScheduleActions", "Select a visit in the calendar first."), 8000)
        return visit_id

    def selected_projects(self) -> list[str]:
        codes: list[str] = []
        requests = self.window.pages.get("requests")
        project = requests.selected_project() if requests is not None else None
        if project is not None:
            codes.append(project.code)
        visit_id = self.selected_visit_id()
        if visit_id is not None:
            visit = self.workspace.repo.visit(visit_id)
            if visit is not None and visit.project not in codes:
                codes.append(visit.project)
        return codes

    def _open(self, key: str, dialog, *, delete_on_close: bool = True) -> object:
        old = self.dialogs.get(key)
        if old is not None and old.isVisible():
            old.close()
        # A publish still running reports into its dialog, so that one is kept (and reused).
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, delete_on_close)
        dialog.destroyed.connect(lambda: self.dialogs.pop(key, None) if self.dialogs.get(key) is dialog else None)
        self.dialogs[key] = dialog
        dialog.open()
        return dialog

    # --- actions ------------------------------------------------------------------------
    def auto_schedule(self) -> ScheduleDialog:
        current = self.dialogs.get("schedule")
        if current is not None and current.isVisible():
            current.raise_()
            return current
        return self._open("schedule", ScheduleDialog(self.workspace, self.window))

    def move_visit(self, visit_id: int | None = None) -> MoveDialog | None:
        visit_id = visit_id or self._need_visit()
        if visit_id is None:
            return None
        return self._open("move", MoveDialog(self.workspace, self.edits, visit_id, self.window))

    def lock(self, locked: bool) -> bool:
        visit_id = self._need_visit()
        return visit_id is not None and self.edits.set_locked([visit_id], locked)

    def cancel_visit(self, confirm: bool = True) -> bool | QMessageBox:
        visit_id = self._need_visit()
        if visit_id is None:
            return False
        if not confirm:
            return self.edits.cancel([visit_id])
        visit = self.workspace.repo.visit(visit_id)
        box = QMessageBox(QMessageBox.Icon.Question, translate("ScheduleActions", "Cancel visit"),
                          translate("ScheduleActions", "Cancel the visit of {project} on {when}? It leaves the "
                                                       "departments' calendars at the next publish. You can undo "
                                                       "this.").format(project=visit.project,
                                                                       when=f"{visit.start:%Y-%m-%d %H:%M}"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self.edits.cancel([visit_id]))
        box.open()
        return box

    def mark_published(self) -> bool:
        visit_id = self._need_visit()
        return visit_id is not None and self.edits.mark_published([visit_id])

    def publish(self) -> PublishDialog:
        current = self.dialogs.get("publish")
        if current is not None:
            current.refresh()
            current.open()
            return current
        return self._open("publish", PublishDialog(self.workspace, self.edits, self.window), delete_on_close=False)

    def print_documents(self, kind: str | None = None, project: str | None = None) -> PrintDialog:
        """The print dialog (Ctrl+P) on what is selected, or on ``kind`` of ``project`` (the 整改通知书 of a
        rectifying request, the 联合验收意见书 of an accepted one)."""
        calendar = self.window.pages.get("calendar")
        day = calendar.anchor if calendar is not None else None
        projects = [project] if project is not None else self.selected_projects()
        return self._open("print", PrintDialog(self.workspace, projects, day, self.window, kind))

    # --- the calendar's drag and drop ------------------------------------------------------
    def drag_move(self, visit_id: int, start: dt.datetime) -> bool:
        """A visit dropped at a new time: moved if that breaks no hard rule, else slid back with why."""
        calendar = self.window.pages.get("calendar")
        info = calendar.period.visit(visit_id) if calendar is not None and calendar.period is not None else None
        check = self.edits.move(visit_id, start, info.visit if info is not None else None)
        if check.ok:
            if calendar is not None:
                calendar.accept_move(visit_id)
            return True
        reason = fmt.list_separator().join(check.reasons)
        if calendar is not None:
            calendar.refuse_move(visit_id, reason)
        self.window.statusBar().showMessage(
            translate("ScheduleActions", "Move refused: {reason}").format(reason=reason), 15000)
        return False

    def _offer_notice(self, visit_id: int) -> None:
        visit = self.workspace.repo.visit(visit_id)
        if visit is not None:
            self.notice_offer = offer_changed_notice(self.workspace, visit.project, self.window)


def install(window: QMainWindow, toolbar: QToolBar) -> ScheduleActions:
    """Build the actions for the window as it is now (a rebuild replaces the previous set)."""
    old = getattr(window, "schedule_actions", None)
    if old is not None:
        old.deleteLater()
    return ScheduleActions(window, toolbar)
