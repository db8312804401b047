"""部门: departments with their level, base, contacts, capacity and weekly office hours; below the table,
the selected department's busy-time preview, busy-time sources, seasonal hours and blocked dates."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSpinBox,
    QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.domain import MAX_DAILY_CAPACITY, Department, Level
from desktop_app.core.model.office_hours import DAY_NAMES, OfficeHoursError, WeeklyHours
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.dialogs.record_dialog import RecordDialog
from desktop_app.ui.widgets.table_model import Column, RecordListPage, RecordTableModel, record_table
from desktop_app.ui.controllers.availability_edits import AVAILABILITY
from desktop_app.ui.pages.availability_panel import BlockedPanel, SeasonalPanel, SourcesPanel
from desktop_app.ui.pages.busy_preview import BusyPreview
from desktop_app.ui.controllers.workspace import ALL, DEPARTMENTS, HOLIDAYS, PLACES, SETTINGS, Workspace

translate = QCoreApplication.translate


class MissingValue(InputError):
    pass


def _interval_text(intervals) -> str:
    return ", ".join(f"{s // 60:02d}:{s % 60:02d}-{e // 60:02d}:{e % 60:02d}" for s, e in intervals)


class WeeklyHoursGrid(QTableWidget):
    """Office hours edited day by day: one row per weekday, its intervals as HH:MM-HH:MM, ..."""

    def __init__(self, hours: WeeklyHours, parent=None) -> None:
        super().__init__(7, 1, parent)
        self.setHorizontalHeaderLabels([translate("Departments", "Office hours (e.g. 08:30-12:00, 14:00-17:30)")])
        self.setVerticalHeaderLabels([fmt.weekday_name(day) for day in range(7)])
        self.horizontalHeader().setStretchLastSection(True)
        for day in range(7):
            self.setItem(day, 0, QTableWidgetItem(_interval_text(hours.on(day))))
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_height()

    def _fit_height(self) -> None:
        """Exactly the seven rows and the header: measured, because row height follows the font and DPI
        (a fixed guess clipped Sunday with a CJK font)."""
        row_height = self.fontMetrics().height() + 12     # room for the editor's frame when typing
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(row_height)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        rows = sum(self.verticalHeader().sectionSize(day) for day in range(7))
        header = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(rows + header + 2 * self.frameWidth() + 2)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_height()     # the style (and its frame) is final only once shown

    def hours(self) -> WeeklyHours:
        """The grid as WeeklyHours; raises OfficeHoursError naming the day and the bad text."""
        groups = []
        for day in range(7):
            text = (self.item(day, 0).text() if self.item(day, 0) else "").replace("，", ",").strip()
            if text:
                groups.append(f"{DAY_NAMES[day]} {text.replace(' ', '')}")
        return WeeklyHours.parse("; ".join(groups))

    def copy_monday_to_weekdays(self) -> None:
        text = self.item(0, 0).text()
        for day in range(1, 5):
            self.item(day, 0).setText(text)


def department_columns() -> list[Column]:
    return [
        Column(lambda: translate("Departments", "Code"), lambda d: d.code),
        Column(lambda: translate("Departments", "Name"), lambda d: d.name),
        Column(lambda: translate("Departments", "Level"), lambda d: fmt.level_name(str(d.level))),
        Column(lambda: translate("Departments", "Base"), lambda d: d.base or ""),
        Column(lambda: translate("Departments", "Contact"), lambda d: d.contact),
        Column(lambda: translate("Departments", "Phone"), lambda d: d.phone),
        Column(lambda: translate("Departments", "Visits per day"), lambda d: str(d.daily_capacity),
               sort_key=lambda d: d.daily_capacity, align_right=True),
        Column(lambda: translate("Departments", "Office hours"), lambda d: d.office_hours.format()),
    ]


class DepartmentsPage(RecordListPage, QWidget):
    KINDS = frozenset((DEPARTMENTS, PLACES, ALL, HOLIDAYS, SETTINGS, AVAILABILITY))
    settings_requested = Signal()     # the discovery dialog found no city server: show the settings page

    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = RecordTableModel(department_columns(), self)
        self.table = record_table(self.model)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        buttons = QHBoxLayout()
        for text, slot in ((translate("Departments", "New"), lambda: self.edit(None)),
                           (translate("Departments", "Edit"), self.edit_selected),
                           (translate("Departments", "Delete"), self.delete_selected)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.discover_button = QPushButton(translate("Departments", "Discover other bureaus' calendars…"))
        self.discover_button.setToolTip(translate("Departments", "Attach the calendars other district bureaus "
                                                                 "publish for our city departments on the city "
                                                                 "CalDAV server"))
        self.discover_button.clicked.connect(self.open_discovery)
        buttons.addWidget(self.discover_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(buttons)

        self.preview = BusyPreview(workspace.repo, workspace.today())
        self.sources = SourcesPanel(workspace)
        self.blocked = BlockedPanel(workspace)
        self.seasonal = SeasonalPanel(workspace)
        dates = QWidget()
        dates_layout = QHBoxLayout(dates)
        dates_layout.addWidget(self.seasonal, 1)
        dates_layout.addWidget(self.blocked, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, translate("Departments", "Busy-time preview"))
        self.tabs.addTab(self.sources, translate("Departments", "Busy-time sources"))
        self.tabs.addTab(dates, translate("Departments", "Seasonal hours and blocked dates"))
        self.selection_title = QLabel()
        font = self.selection_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.selection_title.setFont(font)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.selection_title)
        bottom_layout.addWidget(self.tabs, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.reload()
        if self.model.rowCount():
            self.select(self.model.record(0).code)

    def reload(self) -> None:
        current = self.selected()
        self.preview.invalidate()
        self.model.set_records(self.workspace.repo.departments())
        self.table.resizeColumnsToContents()
        if current is not None:
            # A model reset drops the selection; keep showing the same department (redrawn once, below).
            blocked = self.table.selectionModel().blockSignals(True)
            self.select(current.code)
            self.table.selectionModel().blockSignals(blocked)
        self._show_selected()

    def select(self, code: str) -> bool:
        for row, department in enumerate(self.model.records):
            if department.code == code:
                self.table.selectRow(row)
                return True
        return False

    def _show_selected(self) -> None:
        department = self.selected()
        code = department.code if department else None
        self.selection_title.setText(
            translate("Departments", "{name} ({code})").format(name=department.name, code=department.code)
            if department else translate("Departments", "Select a department above."))
        self.preview.show_department(code)
        self.sources.show_department(code)
        self.blocked.show_department(code)
        self.seasonal.show_department(code)

    def open_discovery(self):
        """部门 ▸ 发现其他分局日历…: list and attach other bureaus' calendars (in the background)."""
        from desktop_app.ui.dialogs.discovery_dialog import DiscoveryDialog

        dialog = DiscoveryDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_requested.connect(self.settings_requested)
        dialog.open()
        return dialog

    def delete_title(self) -> str:
        return translate("Departments", "Delete department")

    def delete_record(self, department: Department) -> None:
        self.workspace.save_department(department, None)

    def edit(self, department: Department | None) -> RecordDialog:
        dialog = department_dialog(self.workspace, department, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


def department_dialog(workspace: Workspace, department: Department | None, parent=None) -> RecordDialog:
    repo = workspace.repo
    settings = repo.settings()
    code = QLineEdit(department.code if department else "")
    code.setReadOnly(department is not None)
    name = QLineEdit(department.name if department else "")
    level = QComboBox()
    for value in Level:
        level.addItem(fmt.level_name(str(value)), str(value))
    level.setCurrentIndex(level.findData(str(department.level if department else Level.DISTRICT)))
    base = QComboBox()
    base.addItem(translate("Departments", "(none)"), None)
    for place in repo.places():
        base.addItem(f"{place.name} ({place.code})", place.code)
    base.setCurrentIndex(max(base.findData(department.base if department else None), 0))
    email = QLineEdit(department.email if department else "")
    phone = QLineEdit(department.phone if department else "")
    contact = QLineEdit(department.contact if department else "")
    capacity = QSpinBox(minimum=0, maximum=MAX_DAILY_CAPACITY,   # 0: takes no visits, honoured by the scheduler
                        value=department.daily_capacity if department else settings.default_capacity)
    grid = WeeklyHoursGrid(department.office_hours if department else WeeklyHours.standard())
    copy = QPushButton(translate("Departments", "Copy Monday to Tuesday–Friday"))
    copy.clicked.connect(grid.copy_monday_to_weekdays)
    extra = QWidget()
    extra_layout = QVBoxLayout(extra)
    extra_layout.setContentsMargins(0, 0, 0, 0)
    extra_layout.addWidget(QLabel(translate("Departments", "Weekly office hours (the gap between two "
                                                           "intervals is the lunch break)")))
    extra_layout.addWidget(grid)
    extra_layout.addWidget(copy, 0, Qt.AlignmentFlag.AlignLeft)

    def build() -> Department:
        for widget, label in ((code, translate("Departments", "Code")), (name, translate("Departments", "Name"))):
            if not widget.text().strip():
                raise MissingValue(translate("Departments", "{field} is required").format(field=label))
        if department is None and repo.department(code.text().strip()) is not None:
            raise MissingValue(translate("Departments", "A department with code {code} already exists").format(
                code=code.text().strip()))
        try:
            hours = grid.hours()
        except OfficeHoursError as error:
            raise MissingValue(translate("Departments", "Office hours: {problem}").format(problem=error)) from error
        return Department(code.text().strip(), name.text().strip(), Level(level.currentData()), base.currentData(),
                          email.text().strip(), phone.text().strip(), contact.text().strip(), capacity.value(), hours)

    title = (translate("Departments", "New department") if department is None
             else translate("Departments", "Department {name}").format(name=department.name))
    rows = [(translate("Departments", "Code"), code), (translate("Departments", "Name"), name),
            (translate("Departments", "Level"), level), (translate("Departments", "Base"), base),
            (translate("Departments", "Contact"), contact), (translate("Departments", "Phone"), phone),
            (translate("Departments", "Email"), email), (translate("Departments", "Visits per day"), capacity)]
    dialog = RecordDialog(title, rows, build, lambda d: workspace.save_department(department, d), parent, extra)
    grid.itemChanged.connect(lambda _: dialog.check())
    return dialog
