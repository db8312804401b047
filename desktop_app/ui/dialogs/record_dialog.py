"""A small form dialog for one record: fields in a form, inline problems, OK saves through a callback."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.model.errors import InputError

translate = QCoreApplication.translate


class RecordDialog(QDialog):
    """``build`` turns the fields into a record (raising InputError naming the problem);
    ``save`` writes it and returns True on success."""

    def __init__(self, title: str, rows: list[tuple[str, QWidget]], build: Callable[[], object],
                 save: Callable[[object], bool], parent=None, extra: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._build, self._save = build, save
        form = QFormLayout()
        for label, widget in rows:
            form.addRow(label, widget)
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if extra is not None:
            layout.addWidget(extra, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def record(self):
        return self._build()

    def check(self) -> bool:
        try:
            self._build()
        except InputError as error:
            self.problem.setText(str(error))
            return False
        self.problem.clear()
        return True

    def accept(self) -> None:
        if self.check() and self._save(self._build()):
            super().accept()
