"""Print and PDF from the GUI (Ctrl+P): owner's notices, the day sheet, the week overview.

The documents come from ``printing.print_jobs`` — the same code the command line uses — and
are painted with ``paged_output.paint_documents`` into the printer of a print preview, of the
system print dialog, or into a PDF file, so paper, preview and PDF look the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QGridLayout,
    QLabel, QListWidget, QListWidgetItem, QMessageBox, QRadioButton, QVBoxLayout, QWidget,
)

from desktop_app.core.model.errors import InputError
from desktop_app.printing.paged_output import PrintDocument, configure_printer, paint_documents, write_pdf
from desktop_app.printing.print_jobs import day_sheet_documents, project_notice_documents, week_documents
from desktop_app.ui.controllers.workspace import Workspace
from desktop_app.ui.widgets.screen_fit import resize_within_screen

translate = QCoreApplication.translate
NOTICES, DAY, WEEK = "notices", "day", "week"


def new_printer(documents: Sequence[PrintDocument]) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, bool(documents) and documents[0].landscape)
    return printer


def preview_dialog(documents: Sequence[PrintDocument], parent: QWidget | None = None) -> QPrintPreviewDialog:
    """A print preview of the documents; printing from it uses the same painting code."""
    printer = new_printer(documents)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(translate("Print", "Print preview"))
    resize_within_screen(dialog, 1000, 800)
    dialog.paintRequested.connect(lambda target: paint_documents(target, documents))
    dialog._printer = printer   # the dialog does not own it; keep it alive as long as the dialog
    return dialog


def open_preview(documents: Sequence[PrintDocument], parent: QWidget | None = None) -> QPrintPreviewDialog:
    dialog = preview_dialog(documents, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()   # never exec(): the event loop (and a background schedule) keeps running
    return dialog


def open_print_dialog(documents: Sequence[PrintDocument], parent: QWidget | None = None) -> QPrintDialog:
    printer = new_printer(documents)
    dialog = QPrintDialog(printer, parent)
    dialog._printer = printer
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: paint_documents(printer, documents))
    dialog.open()
    return dialog


def save_pdf(documents: Sequence[PrintDocument], path: Path, title: str) -> int:
    """Write the documents as one PDF (through the same code as `joint-acceptance print`); returns pages."""
    return write_pdf(Path(path), list(documents), title)


class PrintDialog(QDialog):
    """Choose what to print, then preview, print or save as PDF."""

    def __init__(self, workspace: Workspace, projects: Sequence[str] = (), day: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(translate("Print", "Print"))
        resize_within_screen(self, 640, 520)
        repo = workspace.repo
        day = day or workspace.today()
        self.kind = QButtonGroup(self)
        self.notice_choice = QRadioButton(translate("Print", "Owner's notice (联合验收告知书) for these requests:"))
        self.day_choice = QRadioButton(translate("Print", "Day sheet for"))
        self.week_choice = QRadioButton(translate("Print", "Week overview for the week of"))
        for key, button in ((NOTICES, self.notice_choice), (DAY, self.day_choice), (WEEK, self.week_choice)):
            button.setProperty("kind", key)
            self.kind.addButton(button)
        self.projects = QListWidget()
        self.projects.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        with_visits = {v.project for v in repo.visits()}
        for project in repo.projects():
            if project.code not in with_visits:
                continue
            item = QListWidgetItem(f"{project.code}  {project.name}")
            item.setData(Qt.ItemDataRole.UserRole, project.code)
            self.projects.addItem(item)
            item.setSelected(project.code in projects)
        self.projects.itemSelectionChanged.connect(lambda: self.notice_choice.setChecked(True))
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")     # as in every other date field (not the locale's 11/30/26)
        self.department = QComboBox()
        self.department.addItem(translate("Print", "the bureau (all departments)"), None)
        for department in repo.departments():
            self.department.addItem(department.name, department.code)
        self.week = QDateEdit(QDate(day.year, day.month, day.day))
        self.week.setCalendarPopup(True)
        self.week.setDisplayFormat("yyyy-MM-dd")
        (self.notice_choice if projects else self.week_choice).setChecked(True)
        grid = QGridLayout()
        grid.addWidget(self.notice_choice, 0, 0, 1, 3)
        grid.addWidget(self.projects, 1, 0, 1, 3)
        grid.addWidget(self.day_choice, 2, 0)
        grid.addWidget(self.day, 2, 1)
        grid.addWidget(self.department, 2, 2)
        grid.addWidget(self.week_choice, 3, 0)
        grid.addWidget(self.week, 3, 1)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton(translate("Print", "Preview…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = self.buttons.addButton(translate("Print", "Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button = self.buttons.addButton(translate("Print", "Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        self.preview_button.clicked.connect(lambda: self._with_documents(lambda d: open_preview(d, self)))
        self.print_button.clicked.connect(lambda: self._with_documents(lambda d: open_print_dialog(d, self)))
        self.pdf_button.clicked.connect(self.ask_pdf)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def chosen(self) -> str:
        return self.kind.checkedButton().property("kind")

    def selected_projects(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.projects.selectedItems()]

    def documents(self) -> list[PrintDocument]:
        """The chosen documents; InputError (with the reason) when there is nothing to print."""
        repo, issued = self.workspace.repo, self.workspace.today()
        kind = self.chosen()
        if kind == NOTICES:
            codes = self.selected_projects()
            if not codes:
                raise InputError(translate("Print", "Select at least one request with a visit."))
            return [document for code in codes for document in project_notice_documents(repo, code, issued)]
        if kind == DAY:
            return day_sheet_documents(repo, self.day.date().toPython(), issued, self.department.currentData())
        return week_documents(repo, self.week.date().toPython(), issued)

    def title(self) -> str:
        kind = self.chosen()
        if kind == NOTICES:
            return translate("Print", "Notices {codes}").format(codes=" ".join(self.selected_projects()))
        if kind == DAY:
            return translate("Print", "Day sheet {date}").format(date=self.day.date().toPython().isoformat())
        return translate("Print", "Week overview {date}").format(date=self.week.date().toPython().isoformat())

    def _with_documents(self, use: Callable[[list[PrintDocument]], object]) -> object | None:
        try:
            documents = self.documents()
        except InputError as error:
            self.message.setText(str(error))
            return None
        self.message.clear()
        return use(documents)

    def ask_pdf(self) -> None:
        name = f"{self.title()}.pdf".replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(self, translate("Print", "Save as PDF"), name,
                                              translate("Print", "PDF files (*.pdf)"))
        if path:
            self.export_pdf(Path(path))

    def export_pdf(self, path: Path) -> int | None:
        def write(documents: list[PrintDocument]) -> int | None:
            try:
                pages = save_pdf(documents, path, self.title())
            except InputError as error:
                self.message.setText(str(error))
                return None
            self.message.setStyleSheet("color: palette(text);")
            self.message.setText(translate("Print", "Saved {pages} page(s) to {path}").format(pages=pages, path=path))
            return pages

        return self._with_documents(write)


def offer_changed_notice(workspace: Workspace, project: str, parent: QWidget | None = None) -> QMessageBox:
    """After a move: offer the owner's changed notice (变更通知) right away."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("Print", "Visit moved"),
                      translate("Print", "The visit of {project} was moved. Print the changed notice (变更通知) "
                                         "for the owner now?").format(project=project),
                      QMessageBox.StandardButton.NoButton, parent)
    preview = box.addButton(translate("Print", "Preview the changed notice"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("Print", "Not now"), QMessageBox.ButtonRole.RejectRole)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button) -> None:
        if button is preview:
            documents = project_notice_documents(workspace.repo, project, workspace.today())
            open_preview(documents, parent)

    box.buttonClicked.connect(clicked)
    box.open()
    return box
