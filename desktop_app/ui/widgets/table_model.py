"""One table model for every list in the window: rows of records, columns described as data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

Record = TypeVar("Record")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

AMBER = QColor("#b45309")
RED = QColor("#b91c1c")


def _comparable(value: Any) -> tuple | None:
    """A sort key that never compares unlike things (text without regard to case); None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return (1, value.casefold())
    return (0, value)


@dataclass(frozen=True)
class Column(Generic[Record]):
    header: Callable[[], str]                       # called at display time: follows the language
    text: Callable[[Record], str]
    sort_key: Callable[[Record], Any] | None = None
    color: Callable[[Record], QColor | None] | None = None
    tooltip: Callable[[Record], str] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel, Generic[Record]):
    """Read-only rows; edits go through the workspace, then ``set_records`` shows the result."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[Record] = []
        self._given: list[Record] = []          # in the order set_records received them
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_records(self, records: Sequence[Record]) -> None:
        self.beginResetModel()
        self._given = list(records)
        self.records = self._sorted()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the records themselves, one key per record.

        A QSortFilterProxyModel sorting 5,000 rows calls back into Python twice per comparison:
        0.4 s on every reload. Python's sort is stable and starts from the given order, as the
        proxy's did, so equal keys keep that order.
        """
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [self.records[index.row()] for index in before]
        self.records = self._sorted()
        row_of = {id(record): row for row, record in enumerate(self.records)}
        self.changePersistentIndexList(before, [self.index(row_of[id(record)], index.column())
                                                for index, record in zip(before, moved)])
        self.layoutChanged.emit()

    def _sorted(self) -> list[Record]:
        if not 0 <= self._sort_column < len(self.columns):
            return list(self._given)
        column = self.columns[self._sort_column]
        key = column.sort_key or column.text
        keyed = [(_comparable(key(record)), record) for record in self._given]
        # Empty cells go last in both directions, as in a spreadsheet.
        filled = sorted((pair for pair in keyed if pair[0] is not None), key=lambda pair: pair[0],
                        reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        return [record for _, record in filled] + [record for sort_key, record in keyed if sort_key is None]

    def record(self, row: int) -> Record:
        return self.records[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return self.columns[section].header()
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.records)) \
                or not (0 <= index.column() < len(self.columns)):
            return None
        record, column = self.records[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == SORT_ROLE:
            return column.sort_key(record) if column.sort_key else column.text(record)
        if role == RECORD_ROLE:
            return index.row()
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            color = column.color(record)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def record_table(model: RecordTableModel) -> QTableView:
    """A read-only table of records: whole rows selected one at a time, no row numbers."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def selected_record(table: QTableView, model: RecordTableModel):
    """The record of the table's selected row (None when nothing is selected)."""
    rows = table.selectionModel().selectedRows()
    return model.record(rows[0].row()) if rows else None


class RecordListPage:
    """What the item, place and department pages share: select, edit and delete the selected record.

    A page sets ``table`` and ``model`` and provides ``edit(record)``, ``delete_title()`` and
    ``delete_record(record)``.
    """

    def selected(self):
        return selected_record(self.table, self.model)

    def edit_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self.edit(record)

    def delete_selected(self) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        record = self.selected()
        if record is not None and QMessageBox.question(
                self, self.delete_title(),
                QCoreApplication.translate("Catalog", "Delete {name}? You can undo this.").format(name=record.name)) \
                == QMessageBox.StandardButton.Yes:
            self.delete_record(record)
