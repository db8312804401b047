"""登记整改完成: the owner reports the findings fixed; a re-inspection of only those departments follows.

Shows every open finding and the rectification deadline (the core's rectification notice), asks the
day of the report (default today) and records it as one undoable step. A report the core refuses
(too late, before the visit, in the future) is shown here and nothing changes.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.acceptance.opinion import rectification_notice
from desktop_app.core.model.errors import InputError
from desktop_app.ui.controllers import result_edits
from desktop_app.ui.controllers.workspace import Workspace
from desktop_app.ui.widgets import formatting as fmt

translate = QCoreApplication.translate


class RectifiedDialog(QDialog):
    def __init__(self, workspace: Workspace, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.code = workspace, code
        self.setWindowTitle(translate("RectifiedDialog", "Rectification done"))
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.reported_on = fmt.date_edit(workspace.today())
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(translate("RectifiedDialog", "Reported on"), self.reported_on)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        try:
            notice = rectification_notice(workspace.repo, code)
        except InputError as error:
            self.problem.setText(str(error))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        e = html.escape
        lines = "".join(f"<li>{e(line.department)}：{e(line.finding.text)}"
                        + (f"（{e(line.item)}）" if line.item else "") + "</li>" for line in notice.findings)
        self.summary.setText(
            f"<b>{e(notice.project.name)}</b> ({e(code)})<br>"
            + e(translate("RectifiedDialog", "Open findings ({count}):").format(count=len(notice.findings)))
            + f"<ul>{lines}</ul>"
            + e(translate("RectifiedDialog", "The owner must report them fixed by {date}. The re-inspection visits "
                                             "only these departments.").format(date=fmt.long_date(notice.deadline))))

    def accept(self) -> None:
        error = result_edits.report_rectified(self.workspace, self.code, fmt.from_qdate(self.reported_on.date()))
        if error is not None:
            self.problem.setText(error)
            return
        super().accept()
