"""已拒绝…: a department declined a visit on the phone; the clerk notes its reason (optional, but asked for:
the reason becomes the conflict's words in the calendar and on the dashboard)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

translate = QCoreApplication.translate


class DeclineDialog(QDialog):
    declined = Signal(str)     # the reason as typed (may be empty)

    def __init__(self, department: str, visit_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Decline", "Department declined"))
        question = QLabel(translate("Decline", "{department} declined the visit {visit}. Why? (in the department's "
                                               "words; optional)").format(department=department, visit=visit_text),
                          wordWrap=True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(translate("Decline", "e.g. 当天另有市级检查"))
        self.reason.setMinimumWidth(360)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = buttons.addButton(translate("Decline", "Record the decline"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.accepted.connect(lambda: self.declined.emit(self.reason.text().strip()))
