"""Print and PDF from the GUI (Ctrl+P): owner's notices, the day sheet, the week overview, and after the
visit the rectification notice (整改通知书) and the joint acceptance opinion (联合验收意见书).

The documents come from ``printing.print_jobs`` — the same code the command line uses — and
are painted with ``paged_output.paint_documents`` into the printer of a print preview, of the
system print dialog, or into a PDF file, so paper, preview and PDF look the same.

Issuing an opinion is a real act: its first print or PDF takes the next number of the register
(``print_jobs.opinion_documents`` / ``print_opinion``), in the same transaction as the painting or the
file. A preview takes none: it shows the number the opinion already has, or a provisional "（预览）".
Printing from inside the preview window does take it, like the 打印 button.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QPaintEngine
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QButtonGroup, QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox,
    QFileDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
    QRadioButton, QVBoxLayout, QWidget,
)

from desktop_app.core.acceptance.opinion import accepted_request
from desktop_app.core.store.secrets import keyring_available
from desktop_app.core.model.domain import Project, RequestStatus
from desktop_app.core.model.errors import InputError
from desktop_app.core.model.file_names import suggested_file_name
from desktop_app.core.store.acceptance_records import OpinionNumber, opinion_number, opinion_numbers
from desktop_app.printing import print_jobs
from desktop_app.printing.paged_output import PrintDocument, configure_printer_for, paint_documents, write_pdf
from desktop_app.printing.print_jobs import (
    day_sheet_documents, opinion_preview_documents, project_notice_documents, rectification_documents,
    week_documents,
)
from desktop_app.ui.controllers.workspace import PROJECTS, Workspace
from desktop_app.ui.widgets.screen_fit import resize_within_screen

translate = QCoreApplication.translate
NOTICES, DAY, WEEK, RECTIFICATION, OPINION = "notices", "day", "week", "rectification", "opinion"
# Prints the chosen documents on a printer the user chose (for real, not a preview); returns the pages.
Printing = Callable[[QPrinter], int]


def new_printer(documents: Sequence[PrintDocument]) -> QPrinter:
    """A printer set up for the documents' page: A4 in their orientation, GB/T 9704's margins for formal ones."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer_for(printer, documents)
    return printer


def is_preview(printer: QPrinter) -> bool:
    """Whether a print preview is painting (Qt records the pages as pictures) rather than a real printer."""
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def preview_dialog(documents: Sequence[PrintDocument], parent: QWidget | None = None,
                   print_for_real: Printing | None = None) -> QPrintPreviewDialog:
    """A print preview of the documents; printing from it uses the same painting code.

    ``print_for_real``, when given, prints instead of the previewed documents when the preview's own
    print button is used (the opinion: its number is taken then, not by the preview).
    """
    printer = new_printer(documents)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(translate("Print", "Print preview"))
    resize_within_screen(dialog, 1000, 800)

    def paint(target: QPrinter) -> None:
        if print_for_real is not None and not is_preview(target):
            print_for_real(target)
        else:
            paint_documents(target, documents)

    dialog.paintRequested.connect(paint)
    dialog._printer = printer   # the dialog does not own it; keep it alive as long as the dialog
    return dialog


def open_preview(documents: Sequence[PrintDocument], parent: QWidget | None = None,
                 print_for_real: Printing | None = None) -> QPrintPreviewDialog:
    dialog = preview_dialog(documents, parent, print_for_real)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()   # never exec(): the event loop (and a background schedule) keeps running
    return dialog


def open_print_dialog(documents: Sequence[PrintDocument], parent: QWidget | None = None,
                      print_for_real: Printing | None = None) -> QPrintDialog:
    printer = new_printer(documents)
    dialog = QPrintDialog(printer, parent)
    dialog._printer = printer
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: (print_for_real or (lambda target: paint_documents(target, documents)))(printer))
    dialog.open()
    return dialog


def save_pdf(documents: Sequence[PrintDocument], path: Path, title: str) -> int:
    """Write the documents as one PDF (through the same code as `joint-acceptance print`); returns pages."""
    return write_pdf(Path(path), list(documents), title)


def _request_combo(projects: Sequence[Project], label: Callable[[Project], str], empty: str) -> QComboBox:
    combo = QComboBox()
    for project in projects:
        combo.addItem(label(project), project.code)
    if not projects:
        combo.addItem(empty, None)
        combo.setEnabled(False)
    return combo


def _opinion_label(project: Project, number: OpinionNumber | None) -> str:
    label = f"{project.code}  {project.name}"
    return f"{label}  ({number.number})" if number else label


class PrintDialog(QDialog):
    """Choose what to print, then preview, print or save as PDF."""

    def __init__(self, workspace: Workspace, projects: Sequence[str] = (), day: dt.date | None = None,
                 parent: QWidget | None = None, kind: str | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(translate("Print", "Print"))
        resize_within_screen(self, 720, 640)
        repo = workspace.repo
        day = day or workspace.today()
        self.kind = QButtonGroup(self)
        self.notice_choice = QRadioButton(translate("Print", "Owner's notice (联合验收告知书) for these requests:"))
        self.day_choice = QRadioButton(translate("Print", "Day sheet for"))
        self.week_choice = QRadioButton(translate("Print", "Week overview for the week of"))
        self.rectification_choice = QRadioButton(translate("Print", "Rectification notice (整改通知书) of"))
        self.opinion_choice = QRadioButton(translate("Print", "Joint acceptance opinion (联合验收意见书) of"))
        choices = ((NOTICES, self.notice_choice), (DAY, self.day_choice), (WEEK, self.week_choice),
                   (RECTIFICATION, self.rectification_choice), (OPINION, self.opinion_choice))
        for key, button in choices:
            button.setProperty("kind", key)
            self.kind.addButton(button)
        self.projects = QListWidget()
        self.projects.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        with_visits = {v.project for v in repo.visits()}
        everything = repo.projects()
        for project in everything:
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
        self.rectification_request = _request_combo(
            [p for p in everything if p.status is RequestStatus.RECTIFYING], lambda p: f"{p.code}  {p.name}",
            translate("Print", "No request is rectifying"))
        # The most recently accepted first: the opinion a clerk prints is nearly always a new one.
        accepted = sorted((p for p in everything if p.status is RequestStatus.DONE),
                          key=lambda p: (p.decided_on or dt.date.min, p.code), reverse=True)
        numbers = opinion_numbers(self.workspace.db)     # the register read once, not once per request
        self.opinion_request = _request_combo(accepted, lambda p: _opinion_label(p, numbers.get(p.code)),
                                              translate("Print", "No request is accepted yet"))
        for combo, button in ((self.rectification_request, self.rectification_choice),
                              (self.opinion_request, self.opinion_choice)):
            button.setEnabled(combo.isEnabled())
            combo.activated.connect(lambda _, button=button: button.setChecked(True))
            for code in projects:
                if combo.findData(code) >= 0:
                    combo.setCurrentIndex(combo.findData(code))
                    break

        # The electronic seal (电子证照): the bureau's PKCS#12 file from the settings, its password typed here
        # or found in the environment or the system keyring (never in the database), as the CLI's --sign.
        self.sign = QCheckBox(translate("Print", "Electronic seal (电子签章) when saving the opinion as PDF"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(translate("Print", "Certificate password; leave empty to use the saved one"))
        self.remember = QCheckBox(translate("Print", "Remember the password in the system keyring"))
        self.keyring = keyring_available()
        if not self.keyring:
            self.remember.setToolTip(translate("Print", "This computer has no system keyring; the password is used "
                                                        "for this signature only."))
        signing_row = QHBoxLayout()
        signing_row.setContentsMargins(24, 0, 0, 0)
        signing_row.addWidget(self.sign)
        signing_row.addWidget(self.password, 1)
        signing_row.addWidget(self.remember)

        if kind is not None and self._button(kind).isEnabled():
            self._button(kind).setChecked(True)
        else:
            (self.notice_choice if projects else self.week_choice).setChecked(True)
        grid = QGridLayout()
        grid.addWidget(self.notice_choice, 0, 0, 1, 3)
        grid.addWidget(self.projects, 1, 0, 1, 3)
        grid.addWidget(self.day_choice, 2, 0)
        grid.addWidget(self.day, 2, 1)
        grid.addWidget(self.department, 2, 2)
        grid.addWidget(self.week_choice, 3, 0)
        grid.addWidget(self.week, 3, 1)
        grid.addWidget(self.rectification_choice, 4, 0)
        grid.addWidget(self.rectification_request, 4, 1, 1, 2)
        grid.addWidget(self.opinion_choice, 5, 0)
        grid.addWidget(self.opinion_request, 5, 1, 1, 2)
        grid.addLayout(signing_row, 6, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        self.message = QLabel(wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton(translate("Print", "Preview…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = self.buttons.addButton(translate("Print", "Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button = self.buttons.addButton(translate("Print", "Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_on_paper)
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.kind.buttonToggled.connect(lambda *_: self._update_signing())
        self.sign.toggled.connect(lambda *_: self._update_signing())
        grid.setRowStretch(1, 1)        # the list of requests takes the room the dialog has
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._update_signing()

    def _button(self, kind: str) -> QRadioButton:
        return next(button for button in self.kind.buttons() if button.property("kind") == kind)

    def _update_signing(self) -> None:
        """The seal is for the opinion's PDF, and only once the settings name the bureau's certificate."""
        certificate = self.workspace.repo.settings().signing_certificate.strip()
        self.sign.setEnabled(self.chosen() == OPINION and bool(certificate))
        self.sign.setToolTip(
            translate("Print", "Signed with {path}").format(path=certificate) if certificate else
            translate("Print", "Name the bureau's certificate (.p12/.pfx) in Settings first."))
        signing = self.signing()
        self.password.setEnabled(signing)
        self.remember.setEnabled(signing and self.keyring)

    def signing(self) -> bool:
        return self.sign.isEnabled() and self.sign.isChecked()

    # --- what is chosen -----------------------------------------------------------------
    def chosen(self) -> str:
        return self.kind.checkedButton().property("kind")

    def selected_projects(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.projects.selectedItems()]

    def selected_request(self) -> str:
        """The request of the rectification notice or the opinion chosen; InputError when there is none."""
        if self.chosen() == RECTIFICATION:
            code = self.rectification_request.currentData()
            if not code:
                raise InputError(translate("Print", "No request is rectifying: there is no rectification notice."))
        else:
            code = self.opinion_request.currentData()
            if not code:
                raise InputError(translate("Print", "No request is accepted yet: there is no opinion to issue."))
        return code

    def documents(self) -> list[PrintDocument]:
        """The chosen documents as a preview shows them; InputError (with the reason) when there is nothing
        to print. Nothing is written: the opinion shows its number, or a provisional one (no number taken)."""
        repo, issued = self.workspace.repo, self.workspace.today()
        kind = self.chosen()
        if kind == NOTICES:
            codes = self.selected_projects()
            if not codes:
                raise InputError(translate("Print", "Select at least one request with a visit."))
            return [document for code in codes for document in project_notice_documents(repo, code, issued)]
        if kind == DAY:
            return day_sheet_documents(repo, self.day.date().toPython(), issued, self.department.currentData())
        if kind == RECTIFICATION:
            return rectification_documents(repo, self.selected_request(), issued)
        if kind == OPINION:
            return opinion_preview_documents(repo, self.selected_request(), self.issue_day(), self.signing())
        return week_documents(repo, self.week.date().toPython(), issued)

    def issue_day(self) -> dt.date:
        """The opinion's date of issue: today in the bureau's time zone, as `print opinion`."""
        return self.workspace.today()

    def title(self) -> str:
        kind = self.chosen()
        if kind == NOTICES:
            return translate("Print", "Notices {codes}").format(codes=" ".join(self.selected_projects()))
        if kind == DAY:
            return translate("Print", "Day sheet {date}").format(date=self.day.date().toPython().isoformat())
        if kind == RECTIFICATION:
            return translate("Print", "Rectification notice {code}").format(
                code=self.rectification_request.currentData() or "")
        if kind == OPINION:
            return translate("Print", "Joint acceptance opinion {code}").format(
                code=self.opinion_request.currentData() or "")
        return translate("Print", "Week overview {date}").format(date=self.week.date().toPython().isoformat())

    # --- preview, print, PDF ------------------------------------------------------------
    def _show(self, text: str, problem: bool = False) -> None:
        self.message.setStyleSheet("color: #b91c1c;" if problem else "color: #15803d;")
        self.message.setText(text)

    def _with_documents(self, use: Callable[[list[PrintDocument]], object]) -> object | None:
        try:
            documents = self.documents()
        except InputError as error:
            self._show(str(error), problem=True)
            return None
        self.message.clear()
        return use(documents)

    def _for_real(self) -> Printing | None:
        """How a real print of the chosen documents is made, when it is not the previewed documents: the
        opinion takes its number in the same transaction as the printing."""
        if self.chosen() != OPINION:
            return None
        code = self.selected_request()

        def print_opinion(printer: QPrinter) -> int:
            repo = self.workspace.repo
            try:
                with repo.db.atomic():
                    documents = print_jobs.opinion_documents(repo, code, self.issue_day(), self.workspace.clerk())
                    pages = paint_documents(printer, documents)
            except InputError as error:
                self._show(str(error), problem=True)
                return 0
            self._issued(code, translate("Print", "Printed {number} ({pages} page(s)).").format(
                number=opinion_number(repo.db, code).number, pages=pages))
            return pages

        return print_opinion

    def preview(self) -> QPrintPreviewDialog | None:
        return self._with_documents(lambda d: open_preview(d, self, self._for_real()))

    def print_on_paper(self) -> QPrintDialog | None:
        return self._with_documents(lambda d: open_print_dialog(d, self, self._for_real()))

    def _issued(self, code: str, text: str) -> None:
        """The opinion has its number now: tell the dialog, the history and every view."""
        index = self.opinion_request.findData(code)
        project = self.workspace.repo.project(code)
        if index >= 0 and project is not None:
            self.opinion_request.setItemText(index, _opinion_label(project, opinion_number(self.workspace.db, code)))
        self._show(text)
        self.workspace.written(PROJECTS)

    def ask_pdf(self) -> None:
        name = suggested_file_name(self.title(), ".pdf")
        path, _ = QFileDialog.getSaveFileName(self, translate("Print", "Save as PDF"), name,
                                              translate("Print", "PDF files (*.pdf)"))
        if path:
            self.export_pdf(Path(path))

    def export_pdf(self, path: Path) -> int | None:
        """Write the chosen documents to ``path``; the pages written, or None with the reason shown."""
        path = Path(path)
        repo, kind = self.workspace.repo, self.chosen()
        try:
            if kind == OPINION:
                return self._save_opinion(path)
            if kind == RECTIFICATION:
                pages = print_jobs.print_rectification(repo, self.selected_request(), path,
                                                       self.workspace.today()).pages
            else:
                pages = save_pdf(self.documents(), path, self.title())
        except InputError as error:
            self._show(str(error), problem=True)
            return None
        self._show(translate("Print", "Saved {pages} page(s) to {path}").format(pages=pages, path=path))
        return pages

    def _save_opinion(self, path: Path) -> int:
        """The opinion's PDF, signed if asked: the certificate is checked before the number is taken, and a
        failure anywhere leaves the register and the folder as they were."""
        from desktop_app.printing import signing

        repo = self.workspace.repo
        code = self.selected_request()
        accepted_request(repo, code)
        typed = self.password.text()

        def write(signer=None):
            return print_jobs.print_opinion(repo, code, path, self.issue_day(), self.workspace.clerk(), signer)

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.signing():
                signed = signing.sign_as_bureau(
                    repo.settings().signing_certificate, write, now=dt.datetime.now(dt.timezone.utc),
                    typed=(lambda _: typed) if typed else None,
                    required=lambda certificate: translate(
                        "Print", "The signing certificate {path} needs its password: type it in the password "
                                 "field. Nothing was saved.").format(path=certificate),
                    # only a typed password is stored: a looked-up one is already where it is found
                    remember=bool(typed) and self.remember.isChecked() and self.remember.isEnabled())
                result = signed.written
            else:
                signed, result = None, write()
        finally:
            QApplication.restoreOverrideCursor()
        number = opinion_number(repo.db, code).number
        if signed is None:
            text = translate("Print", "Saved {number} ({pages} page(s)) to {path}").format(
                number=number, pages=result.pages, path=path)
        else:
            text = translate("Print", "Signed {number} with the certificate of {subject}; saved to {path}").format(
                number=number, subject=signed.signer.subject, path=path)
            if signed.remembered:
                text += "\n" + translate("Print", "The password is stored in the system keyring.")
            elif signed.remember_error is not None:   # the signed document stands all the same
                text += "\n" + str(signed.remember_error)
        self._issued(code, text)
        return result.pages


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
