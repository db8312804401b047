"""整改跟踪: requests rectifying with their open findings and days left, and re-inspections waiting.

The lists come from ``core.acceptance.tracking.follow_up``. Double-clicking a request opens it in the
editor; 登记整改完成 records the owner's report (undoable); 打印整改通知书 opens the print dialog on the
request's rectification notice.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)

from desktop_app.core.acceptance.tracking import FollowUp, Reinspection, Rectifying, follow_up
from desktop_app.ui.controllers.workspace import ALL, DEPARTMENTS, ITEMS, PROJECTS, SETTINGS, Workspace
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.widgets.table_model import AMBER, RED

translate = QCoreApplication.translate
CODE_ROLE = Qt.ItemDataRole.UserRole
URGENT_DAYS = 2      # red from this many days before the rectification deadline


def days_left_text(days: int) -> str:
    if days < 0:
        return translate("Rectification", "{days} day(s) overdue").format(days=-days)
    if days == 0:
        return translate("Rectification", "Last day")
    return translate("Rectification", "{days} day(s)").format(days=days)


class RectificationPage(QWidget):
    KINDS = frozenset((PROJECTS, ITEMS, DEPARTMENTS, SETTINGS, ALL))
    openRequested = Signal(str)          # a request's code: open it in the editor
    rectifiedRequested = Signal(str)     # a request's code: record the owner's report
    printRequested = Signal(str)         # a rectifying request's code: print its rectification notice
    visitRequested = Signal(int)         # a re-inspection's visit: show it in the calendar

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.board = FollowUp((), ())
        self.rectifying_title = QLabel()
        self.rectifying_title.setStyleSheet("font-weight: 600;")
        self.rectifying = QTreeWidget()
        self.rectifying.setHeaderLabels([
            translate("Rectification", "Request / department"), translate("Rectification", "Project / finding"),
            translate("Rectification", "Item"), translate("Rectification", "Found on"),
            translate("Rectification", "Report by"), translate("Rectification", "Days left")])
        self.reinspection_title = QLabel()
        self.reinspection_title.setStyleSheet("font-weight: 600;")
        self.reinspections = QTreeWidget()
        self.reinspections.setRootIsDecorated(False)
        self.reinspections.setHeaderLabels([
            translate("Rectification", "Request"), translate("Rectification", "Project"),
            translate("Rectification", "Round"), translate("Rectification", "Departments"),
            translate("Rectification", "Deadline"), translate("Rectification", "Visit")])
        for tree in (self.rectifying, self.reinspections):
            tree.setAlternatingRowColors(True)
            tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)   # the project or finding
            tree.header().setStretchLastSection(False)
            tree.itemSelectionChanged.connect(lambda tree=tree: self._selection_changed(tree))
        self.rectifying.itemDoubleClicked.connect(lambda item, _: self._open(item))
        self.reinspections.itemDoubleClicked.connect(lambda item, _: self._open(item))

        self.rectified_button = QPushButton(translate("Rectification", "Rectification done…"))
        self.rectified_button.setToolTip(translate("Rectification", "The owner reported the findings fixed: "
                                                                    "record the day and open the re-inspection"))
        self.rectified_button.clicked.connect(self.report_selected)
        self.print_button = QPushButton(translate("Rectification", "Print rectification notice…"))
        self.print_button.setToolTip(translate("Rectification", "Preview, print or save as PDF the rectification "
                                                                "notice (整改通知书): every open finding at once"))
        self.print_button.clicked.connect(self.print_selected)
        self.open_button = QPushButton(translate("Rectification", "Open request"))
        self.open_button.clicked.connect(lambda: self._open(self._selected_item()))
        self.visit_button = QPushButton(translate("Rectification", "Show visit"))
        self.visit_button.clicked.connect(self.show_selected_visit)
        buttons = QHBoxLayout()
        for button in (self.rectified_button, self.print_button, self.open_button, self.visit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        upper, lower = QWidget(), QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.rectifying_title)
        upper_layout.addWidget(self.rectifying, 1)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.reinspection_title)
        lower_layout.addWidget(self.reinspections, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.reload()

    # --- data ---------------------------------------------------------------------------
    def reload(self) -> None:
        selected = self.selected_code()
        repo = self.workspace.repo
        self.board = follow_up(repo, self.workspace.today())
        self._names = repo.department_names()
        self._items = {i.code: i.name for i in repo.items()}
        self._fill_rectifying(self.board.rectifying)
        self._fill_reinspections(self.board.reinspections)
        self.rectifying_title.setText(translate("Rectification", "Rectifying: findings the owner must fix ({count})")
                                      .format(count=len(self.board.rectifying)))
        self.reinspection_title.setText(translate("Rectification", "Re-inspections waiting ({count})")
                                        .format(count=len(self.board.reinspections)))
        if selected:
            self.select(selected)
        self._update_buttons()

    def _fill_rectifying(self, rows: tuple[Rectifying, ...]) -> None:
        tree = self.rectifying
        tree.clear()
        bold = QFont(tree.font())
        bold.setBold(True)
        for row in rows:
            project = row.project
            node = QTreeWidgetItem(tree, [project.code, project.name, "", "", fmt.short_date(row.deadline),
                                          days_left_text(row.days_left)])
            node.setData(0, CODE_ROLE, project.code)
            node.setToolTip(1, translate("Rectification", "Owner: {owner}").format(owner=project.owner))
            for column in (0, 1):
                node.setFont(column, bold)
            if row.days_left <= URGENT_DAYS:
                for column in (4, 5):
                    node.setForeground(column, QBrush(RED))
            for line in row.findings:
                child = QTreeWidgetItem(node, [self._names.get(line.department, line.department), line.finding.text,
                                               self._items.get(line.finding.item, line.finding.item or ""),
                                               fmt.short_date(line.found_on), "", ""])
                child.setData(0, CODE_ROLE, project.code)
                child.setToolTip(1, line.finding.text + (f"\n{line.finding.attachment}"
                                                         if line.finding.attachment else ""))
        tree.expandAll()
        for column, width in enumerate((300, 300, 150, 130, 130, 110)):
            tree.setColumnWidth(column, width)

    def _fill_reinspections(self, rows: tuple[Reinspection, ...]) -> None:
        tree = self.reinspections
        tree.clear()
        for row in rows:
            project, visit = row.project, row.visit
            node = QTreeWidgetItem(tree, [
                project.code, project.name, str(project.round),
                "、".join(self._names.get(d, d) for d in row.departments),
                fmt.short_date(row.deadline),
                fmt.date_time(visit.start) if visit else translate("Rectification", "Not scheduled yet")])
            node.setData(0, CODE_ROLE, project.code)
            node.setData(5, CODE_ROLE, visit.id if visit else 0)
            if visit is None:
                node.setForeground(5, QBrush(AMBER))
            elif row.deadline is not None and visit.start.date() > row.deadline:
                node.setForeground(5, QBrush(RED))
                node.setToolTip(5, translate("Rectification", "After the re-inspection's deadline"))
        for column, width in enumerate((130, 300, 60, 320, 130, 160)):
            tree.setColumnWidth(column, width)

    # --- selection and actions -------------------------------------------------------------
    def _selection_changed(self, tree: QTreeWidget) -> None:
        """One selection across both lists: what the buttons act on."""
        other = self.reinspections if tree is self.rectifying else self.rectifying
        if tree.selectedItems() and other.selectedItems():
            other.blockSignals(True)
            other.clearSelection()
            other.blockSignals(False)
        self._update_buttons()

    def _selected_item(self) -> QTreeWidgetItem | None:
        for tree in (self.rectifying, self.reinspections):
            items = tree.selectedItems()
            if items:
                return items[0]
        return None

    def selected_code(self) -> str | None:
        item = self._selected_item()
        return item.data(0, CODE_ROLE) if item is not None else None

    def selected_rectifying(self) -> Rectifying | None:
        items = self.rectifying.selectedItems()
        code = items[0].data(0, CODE_ROLE) if items else None
        return next((row for row in self.board.rectifying if row.project.code == code), None)

    def select(self, code: str) -> None:
        for tree in (self.rectifying, self.reinspections):
            for index in range(tree.topLevelItemCount()):
                item = tree.topLevelItem(index)
                if item.data(0, CODE_ROLE) == code:
                    tree.setCurrentItem(item)
                    return

    def _update_buttons(self) -> None:
        self.rectified_button.setEnabled(self.selected_rectifying() is not None)
        self.print_button.setEnabled(self.selected_rectifying() is not None)
        self.open_button.setEnabled(self.selected_code() is not None)
        items = self.reinspections.selectedItems()
        self.visit_button.setEnabled(bool(items and items[0].data(5, CODE_ROLE)))

    def _open(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.openRequested.emit(item.data(0, CODE_ROLE))

    def report_selected(self) -> None:
        row = self.selected_rectifying()
        if row is not None:
            self.rectifiedRequested.emit(row.project.code)

    def print_selected(self) -> None:
        row = self.selected_rectifying()
        if row is not None:
            self.printRequested.emit(row.project.code)

    def show_selected_visit(self) -> None:
        items = self.reinspections.selectedItems()
        if items and items[0].data(5, CODE_ROLE):
            self.visitRequested.emit(int(items[0].data(5, CODE_ROLE)))
