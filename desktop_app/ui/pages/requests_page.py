"""验收申请: the requests table with search and filters, and its actions."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu, QMessageBox,
    QPushButton, QTableView, QVBoxLayout, QWidget,
)

from desktop_app.core.model.domain import RequestStatus
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.pages.request_rows import RequestRow, Urgency, build_rows
from desktop_app.ui.widgets.table_model import AMBER, RED, SORT_ROLE, Column, RecordTableModel
from desktop_app.ui.controllers.workspace import ALL, DEPARTMENTS, HOLIDAYS, ITEMS, PLACES, PROJECTS, SETTINGS, Workspace

translate = QCoreApplication.translate
REINSPECTION = "reinspection"     # the status filter's 复验: a re-inspection round waiting or scheduled
RECTIFICATION, OPINION = "rectification", "opinion"    # the documents after the visit (print_dialog's kinds)
# The status filter's order: the way a request goes.
STATUS_ORDER = (RequestStatus.PENDING, RequestStatus.SCHEDULED, REINSPECTION, RequestStatus.RECTIFYING,
                RequestStatus.DONE, RequestStatus.FAILED, RequestStatus.WITHDRAWN)
# Qt 6.10 replaced invalidateRowsFilter() by beginFilterChange()/endFilterChange(); 6.8 and 6.9 (the newest
# wheels for glibc 2.28/2.31, see README "Install") only have the former.
_FILTER_CHANGE_API = hasattr(QSortFilterProxyModel, "endFilterChange")


# Widest each column may start (code, project, owner, place, items, applied, deadline, status, visit).
COLUMN_CAPS = (110, 230, 180, 120, 140, 130, 180, 130, 170)
HEADER_PADDING = 28     # the sort arrow and the section's margins
CELL_PADDING = 14


def _urgency_color(row: RequestRow):
    return {Urgency.LATE: RED, Urgency.SOON: AMBER}.get(row.urgency)


def request_columns() -> list[Column]:
    return [
        Column(lambda: translate("Requests", "Code"), lambda r: r.project.code),
        Column(lambda: translate("Requests", "Project"), lambda r: r.project.name,
               tooltip=lambda r: r.project.address),
        Column(lambda: translate("Requests", "Owner"), lambda r: r.project.owner),
        Column(lambda: translate("Requests", "Place"), lambda r: r.place_name),
        Column(lambda: translate("Requests", "Items"), lambda r: r.item_names, tooltip=lambda r: r.item_names),
        Column(lambda: translate("Requests", "Applied"), lambda r: fmt.short_date(r.project.applied_on),
               sort_key=lambda r: r.project.applied_on.isoformat()),
        Column(lambda: translate("Requests", "Deadline"), lambda r: fmt.long_date(r.deadline),
               sort_key=lambda r: r.deadline.isoformat(), color=_urgency_color,
               tooltip=lambda r: translate("Requests", "Late") if r.late else ""),
        Column(lambda: translate("Requests", "Status"),
               lambda r: fmt.request_status_name(str(r.project.status), r.project.round),
               tooltip=lambda r: fmt.request_status_name(str(r.project.status), r.project.round)),
        Column(lambda: translate("Requests", "Scheduled visit"), lambda r: fmt.date_time(r.visit_start),
               sort_key=lambda r: r.visit_start.isoformat() if r.visit_start else "",
               color=lambda r: RED if r.late and r.visit_start else None),
    ]


class RequestFilter(QSortFilterProxyModel):
    """Search text plus the status, place, department and late filters."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._words: list[str] = []
        self._status = ""
        self._place = ""
        self._department = ""
        self._late_only = False

    def set_criteria(self, text: str, status: str = "", place: str = "", department: str = "",
                     late_only: bool = False) -> None:
        if _FILTER_CHANGE_API:
            self.beginFilterChange()
        self._words = text.lower().split()
        self._status, self._place, self._department, self._late_only = status, place, department, late_only
        if _FILTER_CHANGE_API:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source model sorts its own records (RecordTableModel.sort); this proxy only filters.
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        row: RequestRow = self.sourceModel().records[source_row]
        if self._status == REINSPECTION:
            if not row.reinspection:
                return False
        elif self._status and str(row.project.status) != self._status:
            return False
        if self._place and row.project.place != self._place:
            return False
        if self._department and self._department not in row.departments:
            return False
        if self._late_only and not row.late:
            return False
        return all(word in row.search_text for word in self._words)


class RequestsPage(QWidget):
    KINDS = frozenset((PROJECTS, PLACES, ITEMS, DEPARTMENTS, HOLIDAYS, SETTINGS, ALL))   # what it shows
    edit_requested = Signal(object)        # Project or None (new)
    duplicate_requested = Signal(object)
    import_requested = Signal()
    rectified_requested = Signal(object)   # a rectifying Project: record the owner's report
    print_requested = Signal(str, str)     # what to print ("rectification" or "opinion") and the request's code

    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = RecordTableModel(request_columns(), self)
        self.proxy = RequestFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(placeholderText=translate("Requests", "Search code, project, owner, place, items…"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.place_filter = QComboBox()
        self.department_filter = QComboBox()
        self.late_filter = QCheckBox(translate("Requests", "Late only"))
        self.count_label = QLabel()

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        buttons = QHBoxLayout()
        for text, slot in ((translate("Requests", "New"), lambda: self.edit_requested.emit(None)),
                           (translate("Requests", "Edit"), self.edit_selected),
                           (translate("Requests", "Duplicate"), self.duplicate_selected),
                           (translate("Requests", "Delete"), self.delete_selected),
                           (translate("Requests", "Import…"), self.import_requested.emit)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.rectified_button = QPushButton(translate("Requests", "Rectification done…"))
        self.rectified_button.setToolTip(translate("Requests", "The owner reported the findings fixed: record "
                                                               "the day and open the re-inspection"))
        self.rectified_button.clicked.connect(self.report_rectified_selected)
        buttons.addWidget(self.rectified_button)
        self.opinion_button = QPushButton(translate("Requests", "Print opinion…"))
        self.opinion_button.setToolTip(translate("Requests", "Preview, print or save as PDF the joint acceptance "
                                                             "opinion (联合验收意见书) of the accepted request"))
        self.opinion_button.clicked.connect(lambda: self.print_selected(OPINION))
        buttons.addWidget(self.opinion_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for label, combo in ((translate("Requests", "Status"), self.status_filter),
                             (translate("Requests", "Place"), self.place_filter),
                             (translate("Requests", "Department"), self.department_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo, 1)
        filters.addWidget(self.late_filter)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        # Typing re-filters after a short pause; 5,000 rows filter well within one keystroke.
        self._filter_timer = QTimer(self, singleShot=True, interval=120)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _: self._filter_timer.start())
        for combo in (self.status_filter, self.place_filter, self.department_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.late_filter.toggled.connect(self.apply_filter)
        self.reload()
        self.fit_columns()
        self._update_buttons()

    def fit_columns(self, sample: int = 60) -> None:
        """Columns as wide as their text in this language (English dates and statuses are longer than
        Chinese ones), long names capped so that every column fits a 1440-pixel screen. Measures the
        header and a sample of rows itself: the view's own resize-to-contents took ~100 ms on 5,000 rows."""
        cells = QFontMetrics(self.table.font())
        headers = QFontMetrics(self.table.horizontalHeader().font())
        rows = min(sample, self.proxy.rowCount())
        for column, cap in enumerate(COLUMN_CAPS[:self.proxy.columnCount()]):
            title = self.proxy.headerData(column, Qt.Orientation.Horizontal) or ""
            widest = headers.horizontalAdvance(title) + HEADER_PADDING
            for row in range(rows):
                text = self.proxy.index(row, column).data() or ""
                widest = max(widest, cells.horizontalAdvance(text) + CELL_PADDING)
            self.table.setColumnWidth(column, min(widest, cap))

    # --- data ---------------------------------------------------------------------------
    def reload(self) -> None:
        selected = self.selected_project()
        repo = self.workspace.repo
        self._fill_filters()
        self.model.set_records(build_rows(repo, self.workspace.calendar(), repo.settings(), self.workspace.today()))
        self.apply_filter()
        if selected is not None:
            self.select(selected.code)

    def _fill_filters(self) -> None:
        repo = self.workspace.repo
        choices = (
            (self.status_filter, translate("Requests", "All statuses"),
             [(translate("Requests", "Re-inspection") if s == REINSPECTION else fmt.status_name(str(s)), str(s))
              for s in STATUS_ORDER]),
            (self.place_filter, translate("Requests", "All places"), [(p.name, p.code) for p in repo.places()]),
            (self.department_filter, translate("Requests", "All departments"),
             [(d.name, d.code) for d in repo.departments()]),
        )
        for combo, everything, entries in choices:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for text, data in entries:
                combo.addItem(text, data)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self.proxy.set_criteria(self.search.text(), self.status_filter.currentData() or "",
                                self.place_filter.currentData() or "", self.department_filter.currentData() or "",
                                self.late_filter.isChecked())
        self.count_label.setText(translate("Requests", "{shown} of {total} requests").format(
            shown=self.proxy.rowCount(), total=self.model.rowCount()))

    # --- selection and actions ----------------------------------------------------------
    def selected_project(self):
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not indexes:
            return None
        return self.model.record(self.proxy.mapToSource(indexes[0]).row()).project

    def select(self, code: str) -> None:
        for row, record in enumerate(self.model.records):
            if record.project.code == code:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if index.isValid():
                    self.table.selectRow(index.row())
                    self.table.scrollTo(index)
                return

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def edit_selected(self) -> None:
        project = self.selected_project()
        if project is not None:
            self.edit_requested.emit(project)

    def _update_buttons(self) -> None:
        project = self.selected_project()
        self.rectified_button.setEnabled(project is not None and project.status is RequestStatus.RECTIFYING)
        self.opinion_button.setEnabled(project is not None and project.status is RequestStatus.DONE)

    def context_menu(self) -> QMenu | None:
        """The selected request's actions, the lifecycle's where its status allows them."""
        project = self.selected_project()
        if project is None:
            return None
        menu = QMenu(self)
        menu.addAction(translate("Requests", "Edit…"), self.edit_selected)
        menu.addAction(translate("Requests", "Duplicate"), self.duplicate_selected)
        if project.status is RequestStatus.RECTIFYING:
            menu.addSeparator()
            menu.addAction(translate("Requests", "Rectification done…"), self.report_rectified_selected)
            menu.addAction(translate("Requests", "Print rectification notice…"),
                           lambda: self.print_selected(RECTIFICATION))
        if project.status is RequestStatus.DONE:
            menu.addSeparator()
            menu.addAction(translate("Requests", "Print joint acceptance opinion…"),
                           lambda: self.print_selected(OPINION))
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = self.context_menu()
        if menu is not None:
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.table.viewport().mapToGlobal(position))

    def print_selected(self, kind: str) -> None:
        """Ask to print the selected request's rectification notice or opinion, if its status has one."""
        project = self.selected_project()
        wanted = RequestStatus.RECTIFYING if kind == RECTIFICATION else RequestStatus.DONE
        if project is not None and project.status is wanted:
            self.print_requested.emit(kind, project.code)

    def report_rectified_selected(self) -> None:
        project = self.selected_project()
        if project is not None and project.status is RequestStatus.RECTIFYING:
            self.rectified_requested.emit(project)

    def duplicate_selected(self) -> None:
        project = self.selected_project()
        if project is not None:
            self.duplicate_requested.emit(project)

    def delete_selected(self) -> None:
        project = self.selected_project()
        if project is None:
            return
        answer = QMessageBox.question(
            self, translate("Requests", "Delete request"),
            translate("Requests", "Delete the request {code} ({name})? You can undo this.").format(
                code=project.code, name=project.name))
        if answer == QMessageBox.StandardButton.Yes:
            self.workspace.save_project(project, None)


def duplicate_of(project, existing_codes: set[str]):
    """A copy of ``project`` under the next free code (XM2026-001 → XM2026-001-2), waiting again."""
    number = 2
    while f"{project.code}-{number}" in existing_codes:
        number += 1
    return dataclasses.replace(project, code=f"{project.code}-{number}", status=RequestStatus.PENDING)
