"""Import a dataset (folder, CSV or .xlsx) with a preview: what is new or changed, or every bad row.

Reading, validating and writing run on the background executor with their own connection;
nothing is written until the user has seen the preview and pressed Import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QProgressBar, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from desktop_app.core.calendar.availability import store_calendar_bytes
from desktop_app.core.dataset.dataset_import import DatasetError, ImportPlan, apply_import, plan_import, read_dataset
from desktop_app.core.store.database import open_database
from desktop_app.ui.controllers.jobs import Progress
from desktop_app.ui.controllers.workspace import Workspace
from desktop_app.ui.widgets.screen_fit import resize_within_screen

translate = QCoreApplication.translate
SHEET_NAMES = {
    "places": lambda: translate("Import", "Places"), "departments": lambda: translate("Import", "Departments"),
    "items": lambda: translate("Import", "Acceptance items"), "projects": lambda: translate("Import", "Requests"),
    "holidays": lambda: translate("Import", "Holidays"),
}


def plan_in_background(db_path: Path, source: Path, progress: Progress) -> ImportPlan:
    progress.report(0, 2, "read")
    raw = read_dataset(source)
    progress.report(1, 2, "check")
    db = open_database(db_path)
    try:
        return plan_import(raw, db)
    finally:
        db.close()


def apply_in_background(db_path: Path, plan: ImportPlan, progress: Progress) -> ImportPlan:
    progress.check()
    db = open_database(db_path)
    try:
        apply_import(plan, db, store_calendar_bytes)
    finally:
        db.close()
    return plan


class ImportDialog(QDialog):
    def __init__(self, workspace: Workspace, source: Path | None = None, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.plan: ImportPlan | None = None
        self.setWindowTitle(translate("Import", "Import data"))
        self.path_edit = QLineEdit(str(source) if source else "")
        self.path_edit.setPlaceholderText(translate("Import", "A dataset folder, a CSV file or an .xlsx workbook"))
        choose_file = QPushButton(translate("Import", "File…"))
        choose_file.clicked.connect(self._choose_file)
        choose_folder = QPushButton(translate("Import", "Folder…"))
        choose_folder.clicked.connect(self._choose_folder)
        self.check_button = QPushButton(translate("Import", "Check"))
        self.check_button.clicked.connect(self.check)

        self.status = QLabel(wordWrap=True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.cancel_button = QPushButton(translate("Import", "Cancel"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.summary = QTableWidget(0, 4)
        self.summary.setHorizontalHeaderLabels([translate("Import", "Sheet"), translate("Import", "New"),
                                                translate("Import", "Changed"), translate("Import", "Unchanged")])
        self.summary.verticalHeader().hide()
        self.summary.horizontalHeader().setStretchLastSection(True)
        self.details = QListWidget()   # per-row errors, or the codes that change

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(translate("Import", "Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        source_row = QHBoxLayout()
        source_row.addWidget(self.path_edit, 1)
        for button in (choose_file, choose_folder, self.check_button):
            source_row.addWidget(button)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(source_row)
        layout.addLayout(progress_row)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        resize_within_screen(self, 820, 560)
        if source:
            self.check()

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("Import", "Import data"), "",
                                              translate("Import", "Data files (*.csv *.xlsx)"))
        if path:
            self.path_edit.setText(path)
            self.check()

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, translate("Import", "Import data"))
        if path:
            self.path_edit.setText(path)
            self.check()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.check_button.setEnabled(not busy)
        self.progress.setRange(0, 0)

    def check(self) -> None:
        source = Path(self.path_edit.text().strip())
        self.plan = None
        self.import_button.setEnabled(False)
        self.summary.setRowCount(0)
        self.details.clear()
        self.status.setText(translate("Import", "Checking {path}…").format(path=source))
        self._busy(True)
        db_path = self.workspace.path
        self.workspace.jobs.submit("import", translate("Import", "Checking import"),
                                   lambda progress: plan_in_background(db_path, source, progress),
                                   self._planned, self._failed)

    def cancel(self) -> None:
        self.workspace.jobs.cancel("import")
        self._busy(False)
        self.status.setText(translate("Import", "Cancelled; nothing was imported."))

    def _planned(self, plan: ImportPlan) -> None:
        self._busy(False)
        self.plan = plan
        summary = plan.summary()
        self.summary.setRowCount(len(summary))
        for row, (sheet, counts) in enumerate(summary.items()):
            name = SHEET_NAMES.get(sheet, lambda: sheet)()
            for column, value in enumerate((name, counts["new"], counts["changed"], counts["unchanged"])):
                cell = QTableWidgetItem(str(value))
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.summary.setItem(row, column, cell)
        for sheet, codes in plan.new.items():
            for code in codes:
                self.details.addItem(translate("Import", "New: {sheet} {code}").format(
                    sheet=SHEET_NAMES.get(sheet, lambda: sheet)(), code=code))
        for sheet, codes in plan.changed.items():
            for code in codes:
                self.details.addItem(translate("Import", "Changed: {sheet} {code}").format(
                    sheet=SHEET_NAMES.get(sheet, lambda: sheet)(), code=code))
        changes = sum(c["new"] + c["changed"] for c in summary.values())
        self.status.setText(translate("Import", "The data is valid: {count} record(s) will be added or changed. "
                                      "Press Import to write them.").format(count=changes))
        self.import_button.setEnabled(True)

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        if isinstance(error, DatasetError):
            self.status.setText(translate("Import", "{count} problem(s) found; nothing was imported. "
                                          "Fix the rows below and check again.").format(count=len(error.problems)))
            for problem in error.problems:
                self.details.addItem(str(problem))
        else:
            self.status.setText(str(error))

    def apply(self) -> None:
        if self.plan is None:
            return
        plan, db_path = self.plan, self.workspace.path
        self.import_button.setEnabled(False)
        self._busy(True)
        self.workspace.jobs.submit("import", translate("Import", "Importing"),
                                   lambda progress: apply_in_background(db_path, plan, progress),
                                   self._applied, self._failed)

    def _applied(self, plan: ImportPlan) -> None:
        self._busy(False)
        self.workspace.reload()
        self.status.setText(translate("Import", "Imported."))
        self.accept()
