"""The main window: navigation sidebar, pages, menus, toolbar, status bar, window state."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QFileDialog, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox,
    QProgressBar, QSizePolicy, QStackedWidget, QToolBar, QWidget,
)

from desktop_app.core.model.errors import InputError
from desktop_app.core.store.database import backup, open_database
from desktop_app.ui.dialogs.about_dialog import DESKTOP_FILE, AboutDialog, app_icon
from desktop_app.ui.widgets.screen_fit import resize_within_screen
from desktop_app.ui.controllers.workspace import Workspace

translate = QCoreApplication.translate
SETTINGS_GROUP = "main_window"
SIDEBAR_FONT_PX = 15
SIDEBAR_PADDING_X = 14
SIDEBAR_PADDING_Y = 10
# Set, the window quits as soon as it has been shown and painted: packaging/build.py times the start-up
# of the bundle with it (README "Performance").
STARTUP_CHECK_VARIABLE = "JOINT_ACCEPTANCE_STARTUP_CHECK"


def sidebar_width(titles: list[str], font: QFont) -> int:
    """The navigation list's width: its longest title at the list's font size, plus the item padding."""
    font = QFont(font)
    font.setPixelSize(SIDEBAR_FONT_PX)
    metrics = QFontMetrics(font)
    longest = max((metrics.horizontalAdvance(title) for title in titles), default=0)
    # Padding both sides, and slack for the style's item margins and a bold/hinted rendering.
    return longest + 2 * SIDEBAR_PADDING_X + 24


class MainWindow(QMainWindow):
    def __init__(self, db, path: Path, today: dt.date | None = None) -> None:
        super().__init__()
        self._today = today
        self.workspace: Workspace | None = None
        self.pages: dict[str, QWidget] = {}
        self._stale: set[str] = set()
        self.setMinimumSize(QSize(720, 480))
        self.setWindowIcon(app_icon())
        app = QApplication.instance()
        if app.windowIcon().isNull():
            app.setWindowIcon(self.windowIcon())     # the dialogs' and the taskbar's too
        QApplication.setDesktopFileName(DESKTOP_FILE)
        self._set_workspace(Workspace(db, path, today, self))
        self.rebuild()
        settings = QSettings()
        geometry = settings.value(f"{SETTINGS_GROUP}/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            resize_within_screen(self, 1360, 820)
        state = settings.value(f"{SETTINGS_GROUP}/state")
        if state is not None:
            self.restoreState(state)

    # --- building the window (again after a language switch) ----------------------------
    def rebuild(self) -> None:
        current = self.current_page_key() if self.pages else QSettings().value(f"{SETTINGS_GROUP}/page", "requests")
        self.setWindowTitle(translate("MainWindow", "Joint Acceptance Scheduler"))
        self.menuBar().clear()
        for toolbar in self.findChildren(QToolBar):
            self.removeToolBar(toolbar)
            toolbar.deleteLater()
        self._build_pages()
        self._build_actions()
        self._build_status_bar()
        self.show_page(current if current in self.pages else "requests")

    def _page_factories(self) -> list[tuple[str, str, Callable[[], QWidget]]]:
        from desktop_app.ui.calendar.calendar_page import CalendarPage
        from desktop_app.ui.pages.catalog_pages import ItemsPage, PlacesPage
        from desktop_app.ui.pages.dashboard_page import DashboardPage
        from desktop_app.ui.pages.departments_page import DepartmentsPage
        from desktop_app.ui.pages.holidays_page import HolidaysPage
        from desktop_app.ui.pages.rectification_page import RectificationPage
        from desktop_app.ui.pages.requests_page import RequestsPage
        from desktop_app.ui.pages.settings_page import SettingsPage

        ws = self.workspace
        return [
            ("dashboard", translate("MainWindow", "Dashboard"), lambda: self._dashboard_page(DashboardPage(ws))),
            ("requests", translate("MainWindow", "Requests"), lambda: self._requests_page(RequestsPage(ws))),
            ("calendar", translate("MainWindow", "Calendar"), lambda: CalendarPage(ws)),
            ("rectification", translate("MainWindow", "Rectification"), lambda: RectificationPage(ws)),
            ("departments", translate("MainWindow", "Departments"), lambda: self._departments_page(DepartmentsPage(ws))),
            ("items", translate("MainWindow", "Acceptance items"), lambda: ItemsPage(ws)),
            ("places", translate("MainWindow", "Places and travel"), lambda: PlacesPage(ws)),
            ("holidays", translate("MainWindow", "Holidays"), lambda: HolidaysPage(ws)),
            ("settings", translate("MainWindow", "Settings"), lambda: self._settings_page(SettingsPage(ws))),
        ]

    def _build_pages(self) -> None:
        old = self.centralWidget()
        self.pages = {}
        self._stale = set()
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setStyleSheet(
            f"#sidebar {{ font-size: {SIDEBAR_FONT_PX}px; border: none; outline: 0; background: palette(window); }}"
            f"#sidebar::item {{ padding: {SIDEBAR_PADDING_Y}px {SIDEBAR_PADDING_X}px; }}"
            "#sidebar::item:selected { background: palette(highlight); color: palette(highlighted-text); }")
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.stack = QStackedWidget()
        titles = []
        for key, title, factory in self._page_factories():
            page = factory()
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
            self.stack.addWidget(page)
            titles.append(title)
        # Exactly as wide as the longest label in this language: a splitter here left a blank strip
        # between the highlighted item and the page, and nobody needs to resize a list of eight words.
        self.sidebar.setFixedWidth(sidebar_width(titles, self.sidebar.font()))
        self.sidebar.currentRowChanged.connect(self._on_page_changed)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        divider = QFrame()
        divider.setFrameShape(QFrame.Shape.VLine)
        divider.setFrameShadow(QFrame.Shadow.Plain)
        divider.setStyleSheet("color: palette(mid);")
        divider.setFixedWidth(1)
        row.addWidget(divider)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        if old is not None:
            old.deleteLater()

    def _dashboard_page(self, page):
        page.visitActivated.connect(self.show_visit)
        return page

    def show_visit(self, visit_id: int) -> None:
        """Open the calendar on a visit (a conflict or results due on the dashboard, a re-inspection)."""
        self.show_page("calendar")
        self.pages["calendar"].show_visit(visit_id)

    def _requests_page(self, page):
        page.edit_requested.connect(lambda project: self.edit_request(project))
        page.duplicate_requested.connect(self.duplicate_request)
        page.import_requested.connect(self.import_data)
        return page

    def _departments_page(self, page):
        page.settings_requested.connect(lambda: self.show_page("settings"))
        return page

    def _settings_page(self, page):
        page.language_requested.connect(self.switch_language)
        return page

    def switch_language(self, language: str) -> None:
        """Reinstall the translators and rebuild every widget in ``language``."""
        from desktop_app.core.model.messages import language as current_language
        from desktop_app.ui.app import set_language

        if language == current_language():
            return
        set_language(QApplication.instance(), language)
        QTimer.singleShot(0, self.rebuild)   # after the signal's sender (a page being replaced) returns

    def _action(self, text: str, slot, shortcut=None, *, menu=None, toolbar=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda checked=False: slot())
        if menu is not None:
            menu.addAction(action)
        if toolbar is not None:
            toolbar.addAction(action)
        return action

    def _build_actions(self) -> None:
        toolbar = QToolBar(translate("MainWindow", "Main toolbar"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        file_menu = self.menuBar().addMenu(translate("MainWindow", "&File"))
        self._action(translate("MainWindow", "New database…"), self.new_database, menu=file_menu)
        self._action(translate("MainWindow", "Open database…"), self.open_database_dialog,
                     QKeySequence.StandardKey.Open, menu=file_menu)
        self._action(translate("MainWindow", "Back up database…"), self.backup_database, menu=file_menu)
        file_menu.addSeparator()
        self.import_action = self._action(translate("MainWindow", "Import data…"), self.import_data,
                                          "Ctrl+I", menu=file_menu, toolbar=toolbar)
        self.report_action = self._action(translate("MainWindow", "Export monthly report…"), self.monthly_report,
                                          menu=file_menu)
        file_menu.addSeparator()
        self._action(translate("MainWindow", "Quit"), self.close, QKeySequence.StandardKey.Quit, menu=file_menu)

        edit_menu = self.menuBar().addMenu(translate("MainWindow", "&Edit"))
        stack = self.workspace.undo_stack
        self.undo_action = stack.createUndoAction(self, translate("MainWindow", "Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = stack.createRedoAction(self, translate("MainWindow", "Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.new_request_action = self._action(translate("MainWindow", "New request"), lambda: self.edit_request(None),
                                               QKeySequence.StandardKey.New, menu=edit_menu, toolbar=toolbar)
        self._action(translate("MainWindow", "Find request"), self.find_request, QKeySequence.StandardKey.Find,
                     menu=edit_menu)
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        toolbar.addSeparator()
        self._action(translate("MainWindow", "Reload"), self.workspace.reload, "Ctrl+R", menu=edit_menu,
                     toolbar=toolbar)

        view_menu = self.menuBar().addMenu(translate("MainWindow", "&View"))
        for index, (key, title, _) in enumerate(self._page_factories_titles()):
            self._action(title, lambda key=key: self.show_page(key), f"Ctrl+{index + 1}", menu=view_menu)

        from desktop_app.ui.schedule_actions import install as install_schedule_actions

        self.schedule_actions = install_schedule_actions(self, toolbar)   # 排期 menu: F5, move, publish, Ctrl+P
        from desktop_app.ui.acceptance_actions import install as install_acceptance_actions

        self.acceptance_actions = install_acceptance_actions(self)   # 验收 menu: results (Ctrl+E), rectification
        help_menu = self.menuBar().addMenu(translate("MainWindow", "&Help"))
        self._action(translate("MainWindow", "About"), self.about, menu=help_menu)

    def _page_factories_titles(self):
        return [(self.sidebar.item(i).data(Qt.ItemDataRole.UserRole), self.sidebar.item(i).text(), None)
                for i in range(self.sidebar.count())]

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        for widget in getattr(self, "_status_widgets", []):
            bar.removeWidget(widget)
            widget.deleteLater()
        self.path_label = QLabel()
        self.coverage_label = QLabel()
        self.coverage_label.setStyleSheet("color: #b45309;")
        self.refresh_label = QLabel()      # a failed background refresh, with the last good copy's age
        self.refresh_label.setStyleSheet("color: #b91c1c;")
        self.refresh_label.setMinimumWidth(1)   # a long message is cut, never widens the window
        self.refresh_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.saved_label = QLabel()
        self.job_progress = QProgressBar()
        self.job_progress.setMaximumWidth(160)
        self.job_progress.hide()
        self._status_widgets = [self.coverage_label, self.refresh_label, self.job_progress, self.saved_label,
                                self.path_label]
        bar.addWidget(self.coverage_label, 1)
        bar.addWidget(self.refresh_label, 2)
        for widget in self._status_widgets[2:]:
            bar.addPermanentWidget(widget)
        self._update_status()

    # --- the open database --------------------------------------------------------------
    def _set_workspace(self, workspace: Workspace) -> None:
        from desktop_app.ui.controllers.background_refresh import BackgroundRefresh

        if self.workspace is not None:
            self.background_refresh.stop()
            self.workspace.close()
            self.workspace.deleteLater()
        self.workspace = workspace
        workspace.changed.connect(self._on_changed)
        workspace.failed.connect(self._show_failure)
        workspace.saved.connect(lambda _: self._update_status())
        workspace.jobs.started.connect(self._job_started)
        workspace.jobs.progressed.connect(self._job_progressed)
        workspace.jobs.idle.connect(lambda: self.job_progress.hide())
        # Due busy-time sources are refreshed while the window is open (the setting background_refresh).
        self.background_refresh = BackgroundRefresh(workspace, self._refresh_paused, parent=workspace)
        self.background_refresh.finished.connect(lambda _: self._update_status())
        self.background_refresh.failed.connect(lambda text: self.statusBar().showMessage(text.splitlines()[0], 15000))
        self.background_refresh.answers.connect(self._answers_read)
        self.background_refresh.start()

    def _answers_read(self, count: int) -> None:
        if count:
            self.statusBar().showMessage(translate("MainWindow", "{count} new confirmation(s) from the calendar "
                                                                 "server.").format(count=count), 15000)

    def _refresh_paused(self) -> bool:
        """While the auto-schedule dialog is open its plan waits to be applied: a refresh would outdate it."""
        actions = getattr(self, "schedule_actions", None)
        dialog = actions.dialogs.get("schedule") if actions is not None else None
        return dialog is not None and dialog.isVisible()

    def switch_database(self, path: Path) -> bool:
        try:
            db = open_database(path)
        except InputError as error:
            self._show_failure(str(error))
            return False
        self._set_workspace(Workspace(db, path, self._today, self))
        self.rebuild()
        return True

    def _on_changed(self, kind: str) -> None:
        current = self.current_page_key()
        for key, page in self.pages.items():
            kinds = getattr(page, "KINDS", None)
            if kinds is not None and kind not in kinds:
                continue
            if key == current:
                page.reload()
            else:
                self._stale.add(key)   # redrawn when shown: a change never costs every page's reload
        self._update_status()

    def _update_status(self) -> None:
        ws = self.workspace
        if getattr(ws.db, "network", False):
            self.path_label.setText(translate("MainWindow", "{path} (network share: rollback journal)").format(
                path=ws.path))
            self.path_label.setToolTip(translate(
                "MainWindow", "The database is on a network share: it uses a rollback journal instead of WAL, and "
                "an edit another clerk made first is refused, never overwritten."))
        else:
            self.path_label.setText(str(ws.path))
            self.path_label.setToolTip(translate("MainWindow", "Database file"))
        calendar = ws.calendar()
        today = ws.today()
        horizon = today + dt.timedelta(days=60)
        warning = calendar.coverage_warning([today, horizon])
        years = calendar.unconfirmed_years([today, horizon])
        self.coverage_label.setText(translate("MainWindow", "Holiday calendar not confirmed for {years}").format(
            years=", ".join(str(y) for y in years)) if years else "")
        self.coverage_label.setToolTip(warning)
        from desktop_app.ui.controllers.background_refresh import failure_status

        refresh = failure_status(ws.db)
        self.refresh_label.setText(refresh.text)
        self.refresh_label.setToolTip(refresh.details)
        if ws.last_saved is not None:
            self.saved_label.setText(translate("MainWindow", "Saved {time}").format(
                time=ws.last_saved.strftime("%H:%M:%S")))
        else:
            self.saved_label.setText(translate("MainWindow", "All changes are saved"))

    def _show_failure(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, translate("MainWindow", "Nothing was changed"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()   # not exec(): never blocks the event loop (or a test)
        self.statusBar().showMessage(message.splitlines()[0], 10000)

    def _job_started(self, kind: str, label: str) -> None:
        self.job_progress.setRange(0, 0)
        self.job_progress.setFormat(label)
        self.job_progress.show()

    def _job_progressed(self, kind: str, done: int, total: int, text: str) -> None:
        self.job_progress.setRange(0, max(total, 1))
        self.job_progress.setValue(done)

    # --- pages ----------------------------------------------------------------------------
    def current_page_key(self) -> str:
        item = self.sidebar.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "requests"

    def show_page(self, key: str) -> None:
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sidebar.setCurrentRow(row)
                return

    def _on_page_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        key = self.current_page_key()
        if key in self._stale:
            self._stale.discard(key)
            self.pages[key].reload()

    # --- actions ----------------------------------------------------------------------
    def edit_request(self, project, *, duplicate: bool = False):
        from desktop_app.ui.dialogs.request_dialog import RequestDialog

        dialog = RequestDialog(self.workspace, project, new=project is None or duplicate, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._select_request(dialog.project().code))
        dialog.open()
        return dialog

    def duplicate_request(self, project):
        from desktop_app.ui.pages.requests_page import duplicate_of

        codes = {p.code for p in self.workspace.repo.projects()}
        return self.edit_request(duplicate_of(project, codes), duplicate=True)

    def _select_request(self, code: str) -> None:
        self.show_page("requests")
        self.pages["requests"].select(code)

    def find_request(self) -> None:
        self.show_page("requests")
        self.pages["requests"].focus_search()

    def import_data(self, source: Path | None = None):
        from desktop_app.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.workspace, source, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def monthly_report(self):
        """文件 ▸ 导出月度报表: the leadership's Excel workbook, written in the background."""
        from PySide6.QtCore import QStandardPaths

        from desktop_app.ui.dialogs.report_dialog import MonthlyReportDialog

        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        dialog = MonthlyReportDialog(self.workspace, folder, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.written.connect(lambda path: self.statusBar().showMessage(
            translate("MainWindow", "Monthly report written to {path}").format(path=path), 15000))
        dialog.open()
        return dialog

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "New database"), "",
                                              translate("MainWindow", "Databases (*.sqlite)"))
        if path:
            self.switch_database(Path(path))

    def open_database_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("MainWindow", "Open database"), "",
                                              translate("MainWindow", "Databases (*.sqlite *.db);;All files (*)"))
        if path:
            self.switch_database(Path(path))

    def backup_database(self) -> None:
        suggested = self.workspace.path.with_name(
            f"{self.workspace.path.stem}-{dt.datetime.now():%Y%m%d-%H%M}.backup.sqlite")
        path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "Back up database"), str(suggested),
                                              translate("MainWindow", "Databases (*.sqlite)"))
        if path:
            backup(self.workspace.db, Path(path))
            self.statusBar().showMessage(translate("MainWindow", "Backup written to {path}").format(path=path), 10000)

    def about(self) -> None:
        AboutDialog(self.workspace.path, self).exec()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if os.environ.get(STARTUP_CHECK_VARIABLE) and not getattr(self, "_startup_checked", False):
            self._startup_checked = True
            QTimer.singleShot(0, self._end_startup_check)

    def _end_startup_check(self) -> None:
        self.repaint()                      # paints the window and every page widget now, synchronously
        QApplication.instance().quit()

    # --- closing ----------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        settings = QSettings()
        settings.setValue(f"{SETTINGS_GROUP}/geometry", self.saveGeometry())
        settings.setValue(f"{SETTINGS_GROUP}/state", self.saveState())
        settings.setValue(f"{SETTINGS_GROUP}/page", self.current_page_key())
        self.background_refresh.stop()
        self.workspace.jobs.cancel()
        self.workspace.jobs.wait()
        super().closeEvent(event)
