"""文件 ▸ 导出月度报表: the monthly report for the bureau's leadership (Excel, with a chart), from the window.

The same ``monthly_report`` / ``write_monthly_report`` as `joint-acceptance report month`, run on the
workspace's background executor with its own database connection, so a year of history never freezes the
window. A report that cannot be made (a month not begun, a folder that cannot be written) is shown in a
message box and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.model.errors import InputError
from desktop_app.core.reports.monthly_report import monthly_report, write_monthly_report
from desktop_app.core.store.database import open_database
from desktop_app.core.store.repository import Repository
from desktop_app.ui.controllers.jobs import Progress
from desktop_app.ui.controllers.workspace import Workspace

translate = QCoreApplication.translate
JOB_KIND = "monthly_report"


@dataclass(frozen=True)
class ReportRequest:
    year: int
    month: int
    today: dt.date          # the day the report is made on (the bureau's today)
    out: Path


def write_report_in_background(database: Path, request: ReportRequest, job: Progress) -> Path:
    """The work function: its own connection (SQLite: one per thread), the report, the workbook."""
    db = open_database(database)
    try:
        job.report(0, 2, "")
        report = monthly_report(Repository(db), request.year, request.month, today=request.today)
        job.report(1, 2, "")
        path = write_monthly_report(report, request.out)
        job.report(2, 2, "")
        return path
    finally:
        db.close()


def default_name(year: int, month: int) -> str:
    return translate("MonthlyReport", "Joint acceptance monthly report {year}-{month:02d}.xlsx").format(
        year=year, month=month)


class MonthlyReportDialog(QDialog):
    written = Signal(object)      # the workbook's Path
    failed = Signal(str)          # why nothing was written

    def __init__(self, workspace: Workspace, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.error_box: QMessageBox | None = None
        self.setWindowTitle(translate("MonthlyReport", "Export monthly report"))
        self.setMinimumWidth(620)
        today = workspace.today()
        self.month = QDateEdit(QDate(today.year, today.month, 1))
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setMaximumDate(QDate(today.year, today.month, 1))   # a month not begun has nothing to report
        self.month.setCalendarPopup(False)
        self.month.setMaximumWidth(self.month.fontMetrics().horizontalAdvance("0000-00") + 60)
        self.folder = Path(folder) if folder is not None else Path.home()
        self.path = QLineEdit(str(self.folder / default_name(today.year, today.month)))
        self._automatic_name = True
        self.path.textEdited.connect(lambda _: setattr(self, "_automatic_name", False))
        self.month.dateChanged.connect(self._month_changed)
        choose = QPushButton(translate("MonthlyReport", "Choose…"))
        choose.clicked.connect(self._choose_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(translate("MonthlyReport", "Month"), self.month)
        form.addRow(translate("MonthlyReport", "Save as"), path_row)
        note = QLabel(translate("MonthlyReport", "Every month of the year up to the chosen one, each department and "
                                                 "item in that month, and a chart — as `joint-acceptance report "
                                                 "month` writes it."), wordWrap=True)
        note.setStyleSheet("color: palette(placeholder-text);")
        self.status = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(translate("MonthlyReport", "Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.clicked.connect(self.export)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def chosen_month(self) -> tuple[int, int]:
        date = self.month.date()
        return date.year(), date.month()

    def _month_changed(self) -> None:
        if self._automatic_name:
            folder = Path(self.path.text()).parent if self.path.text().strip() else self.folder
            self.path.setText(str(folder / default_name(*self.chosen_month())))

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("MonthlyReport", "Save the monthly report"),
                                              self.path.text(), translate("MonthlyReport", "Excel workbooks (*.xlsx)"))
        if path:
            self.path.setText(path)
            self._automatic_name = False

    def export(self) -> bool:
        """Start writing the workbook in the background; False (and the reason shown) when it cannot start."""
        text = self.path.text().strip()
        if not text:
            self._fail(translate("MonthlyReport", "Give the file to save the report in."))
            return False
        year, month = self.chosen_month()
        request = ReportRequest(year, month, self.workspace.today(), Path(text).expanduser())
        database = self.workspace.path
        self.export_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(translate("MonthlyReport", "Writing the report…"))
        self.workspace.jobs.submit(JOB_KIND, translate("MonthlyReport", "Monthly report"),
                                   lambda job: write_report_in_background(database, request, job),
                                   self._done, self._failed)
        return True

    def _done(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.status.setStyleSheet("color: #15803d;")
        self.status.setText(translate("MonthlyReport", "Written to {path}").format(path=path))
        self.written.emit(path)

    def _failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        if isinstance(error, InputError):
            self._fail(str(error))
        else:    # a fault of ours: say so rather than pretend the input was wrong
            self._fail(translate("MonthlyReport", "The report could not be made ({error}); nothing was written.")
                       .format(error=f"{type(error).__name__}: {error}"))

    def _fail(self, message: str) -> None:
        self.status.setStyleSheet("color: #b91c1c;")
        self.status.setText(message)
        box = QMessageBox(QMessageBox.Icon.Warning, translate("MonthlyReport", "Monthly report not written"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()        # not exec(): never blocks the event loop (or a test)
        self.error_box = box
        self.failed.emit(message)
