"""验收事项 and 地点与路程: acceptance items; places with the travel-time matrix."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.domain import MAX_DURATION_MINUTES, Item, Place
from desktop_app.core.dataset.dataset_import import split_list
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.dialogs.record_dialog import RecordDialog
from desktop_app.ui.widgets.table_model import Column, RecordListPage, RecordTableModel, record_table
from desktop_app.ui.controllers.workspace import ALL, DEPARTMENTS, ITEMS, PLACES, SETTINGS, TRAVEL, Workspace

translate = QCoreApplication.translate


class MissingValue(InputError):
    pass


def _buttons(*entries) -> QHBoxLayout:
    row = QHBoxLayout()
    for text, slot in entries:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch(1)
    return row


def _required(*fields: tuple[QLineEdit, str]) -> None:
    for widget, label in fields:
        if not widget.text().strip():
            raise MissingValue(translate("Catalog", "{field} is required").format(field=label))


# --- items ------------------------------------------------------------------------------
class ItemsPage(RecordListPage, QWidget):
    KINDS = frozenset((ITEMS, DEPARTMENTS, ALL))

    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._department_names: dict[str, str] = {}
        self.model = RecordTableModel([
            Column(lambda: translate("Catalog", "Code"), lambda i: i.code),
            Column(lambda: translate("Catalog", "Item"), lambda i: i.name),
            Column(lambda: translate("Catalog", "Department"),
                   lambda i: self._department_names.get(i.department, i.department)),
            Column(lambda: translate("Catalog", "Minutes"), lambda i: str(i.duration_minutes),
                   sort_key=lambda i: i.duration_minutes, align_right=True),
            Column(lambda: translate("Catalog", "Materials"), lambda i: fmt.list_separator().join(i.materials),
                   tooltip=lambda i: "\n".join(i.materials)),
        ], self)
        self.table = record_table(self.model)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(_buttons((translate("Catalog", "New"), lambda: self.edit(None)),
                                  (translate("Catalog", "Edit"), self.edit_selected),
                                  (translate("Catalog", "Delete"), self.delete_selected)))
        self.reload()

    def reload(self) -> None:
        self._department_names = self.workspace.repo.department_names()
        self.model.set_records(self.workspace.repo.items())
        # As wide as the text and the header need (fixed pixel widths clipped "时长（分钟）"), but a long
        # name never pushes the materials, the column people read most, off the page.
        self.table.resizeColumnsToContents()
        for column, cap in enumerate((100, 260, 360, 140)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), cap))

    def delete_title(self) -> str:
        return translate("Catalog", "Delete item")

    def delete_record(self, item: Item) -> None:
        self.workspace.save_item(item, None)

    def edit(self, item: Item | None) -> RecordDialog:
        repo = self.workspace.repo
        code = QLineEdit(item.code if item else "")
        code.setReadOnly(item is not None)
        name = QLineEdit(item.name if item else "")
        department = QComboBox()
        for d in repo.departments():
            department.addItem(f"{d.name} ({d.code})", d.code)
        department.setCurrentIndex(max(department.findData(item.department if item else None), 0))
        duration = QSpinBox(minimum=1, maximum=MAX_DURATION_MINUTES, singleStep=15,
                            value=item.duration_minutes if item else 60)
        materials = QPlainTextEdit("\n".join(item.materials) if item else "")
        materials.setPlaceholderText(translate("Catalog", "One material per line"))

        def build() -> Item:
            _required((code, translate("Catalog", "Code")), (name, translate("Catalog", "Item")))
            if item is None and repo.item(code.text().strip()) is not None:
                raise MissingValue(translate("Catalog", "An item with code {code} already exists").format(
                    code=code.text().strip()))
            lines = [line for text in materials.toPlainText().splitlines() for line in split_list(text)]
            return Item(code.text().strip(), name.text().strip(), department.currentData() or "", duration.value(),
                        tuple(line for line in lines if line))

        dialog = RecordDialog(
            translate("Catalog", "Acceptance item"),
            [(translate("Catalog", "Code"), code), (translate("Catalog", "Item"), name),
             (translate("Catalog", "Department"), department), (translate("Catalog", "Minutes"), duration),
             (translate("Catalog", "Materials"), materials)],
            build, lambda new: self.workspace.save_item(item, new), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


# --- places and travel ---------------------------------------------------------------
class TravelMatrix(QTableWidget):
    """Minutes between every pair of places; an empty cell means the default applies."""

    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.codes: list[str] = []
        self._loading = False
        self.itemChanged.connect(self._on_item_changed)

    def reload(self) -> None:
        repo = self.workspace.repo
        places = repo.places()
        matrix = repo.travel_matrix()
        default = repo.settings().default_travel_minutes
        self._loading = True
        self.codes = [p.code for p in places]
        self.setRowCount(len(places))
        self.setColumnCount(len(places))
        labels = [p.code for p in places]
        self.setHorizontalHeaderLabels(labels)
        self.setVerticalHeaderLabels([f"{p.code} {p.name}" for p in places])
        for row, first in enumerate(self.codes):
            for column, second in enumerate(self.codes):
                cell = QTableWidgetItem()
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if first == second:
                    cell.setText("0")
                    cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    cell.setBackground(QBrush(QColor("#e5e7eb")))
                elif (first, second) in matrix:
                    cell.setText(str(matrix[(first, second)]))
                else:
                    cell.setToolTip(translate("Catalog", "Default: {minutes} minutes").format(minutes=default))
                    cell.setForeground(QBrush(QColor("#9ca3af")))
                    cell.setText("")
                self.setItem(row, column, cell)
        for column in range(len(places)):
            self.setColumnWidth(column, 52)
        self._loading = False

    def _on_item_changed(self, cell: QTableWidgetItem) -> None:
        if self._loading:
            return
        first, second = self.codes[cell.row()], self.codes[cell.column()]
        text = cell.text().strip()
        before = self.workspace.repo.travel_minutes(first, second)
        if text and not text.isdigit():
            self.workspace.failed.emit(translate("Catalog", "Travel {first} – {second}: {text} is not a whole "
                                                 "number of minutes").format(first=first, second=second, text=text))
            self.reload()
            return
        after = int(text) if text else None
        if after != before:
            self.workspace.save_travel(first, second, before, after)


class PlacesPage(RecordListPage, QWidget):
    KINDS = frozenset((PLACES, TRAVEL, SETTINGS, ALL))

    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = RecordTableModel([
            Column(lambda: translate("Catalog", "Code"), lambda p: p.code),
            Column(lambda: translate("Catalog", "Place"), lambda p: p.name),
            Column(lambda: translate("Catalog", "Address"), lambda p: p.address),
        ], self)
        self.table = record_table(self.model)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        self.matrix = TravelMatrix(workspace)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(_buttons((translate("Catalog", "New"), lambda: self.edit(None)),
                                      (translate("Catalog", "Edit"), self.edit_selected),
                                      (translate("Catalog", "Delete"), self.delete_selected)))
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        self.matrix_label = QLabel(wordWrap=True)
        bottom_layout.addWidget(self.matrix_label)
        bottom_layout.addWidget(self.matrix, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.reload()

    def reload(self) -> None:
        self.model.set_records(self.workspace.repo.places())
        self.table.setColumnWidth(0, 70)
        self.table.setColumnWidth(1, 220)
        self.matrix.reload()
        self.matrix_label.setText(translate(
            "Catalog", "Travel time in minutes (the same both ways). An empty cell uses the default of "
            "{minutes} minutes.").format(minutes=self.workspace.repo.settings().default_travel_minutes))

    def delete_title(self) -> str:
        return translate("Catalog", "Delete place")

    def delete_record(self, place: Place) -> None:
        self.workspace.save_place(place, None)

    def edit(self, place: Place | None) -> RecordDialog:
        repo = self.workspace.repo
        code = QLineEdit(place.code if place else "")
        code.setReadOnly(place is not None)
        name = QLineEdit(place.name if place else "")
        address = QLineEdit(place.address if place else "")

        def build() -> Place:
            _required((code, translate("Catalog", "Code")), (name, translate("Catalog", "Place")))
            if place is None and repo.place(code.text().strip()) is not None:
                raise MissingValue(translate("Catalog", "A place with code {code} already exists").format(
                    code=code.text().strip()))
            return Place(code.text().strip(), name.text().strip(), address.text().strip())

        dialog = RecordDialog(translate("Catalog", "Place"),
                              [(translate("Catalog", "Code"), code), (translate("Catalog", "Place"), name),
                               (translate("Catalog", "Address"), address)],
                              build, lambda new: self.workspace.save_place(place, new), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
