"""录入验收结果: what each department of a visit found, recorded in one undoable step.

One row per department of the visit: its opinion (通过 / 需整改 / 不通过 / 部门未到场 / 建设单位未准备就绪),
for 需整改 one or more findings (text, optionally the item concerned and a photo or document), for the others
a reason. A department that already has a result is shown read-only (a correction is an undo, Ctrl+Z).
"全部通过" sets every department still without an opinion to passed. OK records through the core; its
refusal is shown in the dialog, which stays open.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QScrollArea, QToolButton, QVBoxLayout, QWidget,
)

from desktop_app.core.acceptance.results import opinion_label
from desktop_app.core.model.domain import DepartmentResult, Finding, Opinion, Visit
from desktop_app.core.store import acceptance_records as records
from desktop_app.ui.controllers import result_edits
from desktop_app.ui.controllers.workspace import Workspace
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.widgets.screen_fit import resize_within_screen

translate = QCoreApplication.translate
# The opinions that take a reason (不通过 must give one; absence and not-ready may say why).
_WITH_REASON = (Opinion.FAILED, Opinion.ABSENT, Opinion.NOT_READY)


class FindingRow(QWidget):
    """One finding: what is wrong, the item it concerns (optional), a photo or document (optional)."""

    removeRequested = Signal(object)

    def __init__(self, items: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit(placeholderText=translate("ResultsDialog", "What must be fixed"))
        self.item = QComboBox()
        self.item.addItem(translate("ResultsDialog", "(no particular item)"), None)
        for code, name in items:
            self.item.addItem(name, code)
        self.attachment = QLineEdit(placeholderText=translate("ResultsDialog", "Photo or document (optional)"))
        self.browse = QToolButton(text="…")
        self.browse.setToolTip(translate("ResultsDialog", "Choose a photo or document"))
        self.browse.clicked.connect(self.choose_attachment)
        self.remove = QToolButton(text="✕")
        self.remove.setToolTip(translate("ResultsDialog", "Remove this finding"))
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 5)
        row.addWidget(self.item, 3)
        row.addWidget(self.attachment, 3)
        row.addWidget(self.browse)
        row.addWidget(self.remove)

    def choose_attachment(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, translate("ResultsDialog", "Photo or document of the finding"), self.attachment.text(),
            translate("ResultsDialog", "Photos and documents (*.jpg *.jpeg *.png *.heic *.pdf *.doc *.docx);;"
                                       "All files (*)"))
        if path:
            self.attachment.setText(path)

    def finding(self) -> Finding | None:
        """The finding as typed; None for a row left entirely empty."""
        text, item, attachment = self.text.text().strip(), self.item.currentData(), self.attachment.text().strip()
        if not (text or item or attachment):
            return None
        return Finding(text, item, attachment)


class DepartmentRow(QFrame):
    """One department of the visit: its opinion, findings or reason; read-only once recorded."""

    def __init__(self, code: str, name: str, items: list[tuple[str, str]], recorded: DepartmentResult | None,
                 item_names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code, self.items, self.recorded = code, items, recorded
        self.setObjectName("department_row")
        self.setStyleSheet("#department_row { border: 1px solid palette(mid); border-radius: 4px; }")
        self.name = QLabel(f"<b>{html.escape(name)}</b>")
        self.name.setToolTip(code)
        self.opinion = QComboBox()
        self.opinion.addItem(translate("ResultsDialog", "— not recorded —"), None)
        for opinion in Opinion:
            self.opinion.addItem(opinion_label(opinion), str(opinion))
        self.reason = QLineEdit()
        self.findings: list[FindingRow] = []
        self.findings_box = QVBoxLayout()
        self.findings_box.setSpacing(4)
        self.add_finding_button = QPushButton(translate("ResultsDialog", "Add finding"))
        self.add_finding_button.clicked.connect(lambda: self.add_finding())
        self.findings_panel = QWidget()
        panel = QVBoxLayout(self.findings_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addLayout(self.findings_box)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_finding_button)
        add_row.addStretch(1)
        panel.addLayout(add_row)

        grid = QGridLayout(self)
        grid.addWidget(self.name, 0, 0)
        grid.addWidget(self.opinion, 0, 1)
        grid.addWidget(self.reason, 0, 2)
        grid.addWidget(self.findings_panel, 1, 0, 1, 3)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 4)
        if recorded is not None:
            self._show_recorded(recorded, item_names, grid)
        self.opinion.currentIndexChanged.connect(self._opinion_changed)
        self._opinion_changed()

    def _show_recorded(self, recorded: DepartmentResult, item_names: dict[str, str], grid: QGridLayout) -> None:
        self.opinion.setCurrentIndex(self.opinion.findData(str(recorded.opinion)))
        self.opinion.setEnabled(False)
        self.reason.setText(recorded.reason)
        self.reason.setReadOnly(True)
        self.setStyleSheet("#department_row { border: 1px solid palette(mid); border-radius: 4px; "
                           "background: palette(alternate-base); }")
        lines = [translate("ResultsDialog", "Recorded on {date}.").format(date=fmt.short_date(recorded.recorded_on))]
        for finding in recorded.findings:
            item = f"（{item_names.get(finding.item, finding.item)}）" if finding.item else ""
            lines.append(f"• {finding.text}{item}" + (f"  [{finding.attachment}]" if finding.attachment else ""))
        self.recorded_label = QLabel("\n".join(lines), wordWrap=True)
        self.recorded_label.setStyleSheet("color: palette(placeholder-text);")
        grid.addWidget(self.recorded_label, 2, 0, 1, 3)

    def chosen(self) -> Opinion | None:
        value = self.opinion.currentData()
        return Opinion(value) if value else None

    def set_opinion(self, opinion: Opinion | None) -> None:
        if self.recorded is None:
            self.opinion.setCurrentIndex(self.opinion.findData(str(opinion) if opinion else None))

    def _opinion_changed(self) -> None:
        opinion = self.chosen()
        editable = self.recorded is None
        self.reason.setVisible(opinion in _WITH_REASON)
        self.reason.setPlaceholderText(translate("ResultsDialog", "Reason (required)") if opinion is Opinion.FAILED
                                       else translate("ResultsDialog", "Reason (optional)"))
        self.findings_panel.setVisible(editable and opinion is Opinion.RECTIFY)
        if editable and opinion is Opinion.RECTIFY and not self.findings:
            self.add_finding()

    def add_finding(self) -> FindingRow:
        row = FindingRow(self.items)
        row.removeRequested.connect(self._remove_finding)
        self.findings.append(row)
        self.findings_box.addWidget(row)
        row.text.setFocus()
        return row

    def _remove_finding(self, row: FindingRow) -> None:
        self.findings.remove(row)
        self.findings_box.removeWidget(row)
        row.deleteLater()

    def entry(self) -> DepartmentResult | None:
        """What to record for this department; None when it has a result already or none was chosen."""
        opinion = self.chosen()
        if self.recorded is not None or opinion is None:
            return None
        findings = tuple(f for f in (row.finding() for row in self.findings) if f is not None) \
            if opinion is Opinion.RECTIFY else ()
        reason = self.reason.text().strip() if opinion in _WITH_REASON else ""
        return DepartmentResult(self.code, opinion, findings, reason)


class ResultsDialog(QDialog):
    def __init__(self, workspace: Workspace, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.visit_id = visit_id
        repo = workspace.repo
        visit: Visit | None = repo.visit(visit_id)
        self.setWindowTitle(translate("ResultsDialog", "Record acceptance results"))
        self.header = QLabel(wordWrap=True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.rows: dict[str, DepartmentRow] = {}
        rows_widget = QWidget()
        rows_layout = QVBoxLayout(rows_widget)
        if visit is not None:
            self.header.setText(self._header_html(visit))
            departments = repo.department_names()
            items = {i.code: i for i in repo.items()}
            item_names = {code: item.name for code, item in items.items()}
            recorded = {r.department: r for r in records.results(repo.db, visit=visit_id)}
            for code in visit.departments:
                own = [(i, items[i].name) for i in visit.items if i in items and items[i].department == code]
                row = DepartmentRow(code, departments.get(code, code), own, recorded.get(code), item_names)
                self.rows[code] = row
                rows_layout.addWidget(row)
        rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(rows_widget)

        self.all_passed_button = QPushButton(translate("ResultsDialog", "All passed"))
        self.all_passed_button.setToolTip(translate(
            "ResultsDialog", "Every department without a result or an opinion chosen here: passed"))
        self.all_passed_button.clicked.connect(self.all_passed)
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("ResultsDialog", "Record"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.all_passed_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addLayout(bottom)
        open_rows = [row for row in self.rows.values() if row.recorded is None]
        if visit is None:
            self.problem.setText(translate("ResultsDialog", "Visit {id} no longer exists.").format(id=visit_id))
        elif not open_rows:
            self.problem.setText(translate("ResultsDialog", "Every department of this visit has its result. "
                                                            "To correct one, undo its recording (Ctrl+Z)."))
        for widget in (self.all_passed_button, self.buttons.button(QDialogButtonBox.StandardButton.Ok)):
            widget.setEnabled(bool(open_rows))
        resize_within_screen(self, 900, 560)

    def _header_html(self, visit: Visit) -> str:
        repo = self.workspace.repo
        project = repo.project(visit.project)
        place = repo.place(visit.place)
        e = html.escape
        title = f"<b style='font-size:15px'>{e(project.name if project else visit.project)}</b> ({e(visit.project)})"
        when = f"{fmt.long_date(visit.start.date())} {visit.start:%H:%M}–{visit.end:%H:%M}"
        parts = [when, place.name if place else visit.place]
        if visit.round:
            parts.append(translate("ResultsDialog", "Re-inspection, round {round}").format(round=visit.round))
        owner = translate("ResultsDialog", "Owner: {owner}").format(owner=project.owner) if project else ""
        return f"{title}<br>{e(' · '.join(parts))}" + (f"<br>{e(owner)}" if owner else "")

    def all_passed(self) -> None:
        for row in self.rows.values():
            if row.recorded is None and row.chosen() is None:
                row.set_opinion(Opinion.PASSED)

    def entries(self) -> list[DepartmentResult]:
        return [entry for entry in (row.entry() for row in self.rows.values()) if entry is not None]

    def accept(self) -> None:
        entries = self.entries()
        if not entries:
            self.problem.setText(translate("ResultsDialog", "Choose an opinion for at least one department."))
            return
        error = result_edits.record_results(self.workspace, self.visit_id, entries)
        if error is not None:
            self.problem.setText(error)
            return
        super().accept()
