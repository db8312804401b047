"""节假日: a year of working days with statutory holidays and 调休 highlighted, editable overrides."""

from __future__ import annotations

import calendar as month_calendar
import dataclasses
import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QScrollArea, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop_app.core.model.domain import HolidayKind, HolidayOverride
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.controllers.workspace import ALL, HOLIDAYS, SETTINGS, Workspace

translate = QCoreApplication.translate
HOLIDAY_COLOR = QColor("#fecaca")
MAKEUP_COLOR = QColor("#fde68a")
WEEKEND_COLOR = QColor("#e5e7eb")


class MonthGrid(QTableWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(6, 7, parent)
        self.setHorizontalHeaderLabels([fmt.weekday_name(d)[-1] if fmt.chinese() else fmt.weekday_name(d)[:2]
                                        for d in range(7)])
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(max(20, self.fontMetrics().height() + 3))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._fit_height()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _fit_height(self) -> None:
        """Six week rows and the header, measured (the font decides, not a guess)."""
        rows = 6 * self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(rows + self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_height()


class HolidaysPage(QWidget):
    KINDS = frozenset((HOLIDAYS, SETTINGS, ALL))

    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.selected_day: dt.date | None = None
        self.year = QSpinBox(minimum=2000, maximum=2100, value=workspace.today().year)
        self.year.valueChanged.connect(lambda _: self.reload())
        self.confirmed = QCheckBox(translate("Holidays", "The bureau has entered this year's official schedule "
                                                         "(mark the year confirmed)"))
        self.confirmed.toggled.connect(self._set_confirmed)
        self.warning = QLabel(wordWrap=True)
        self.warning.setStyleSheet("color: #b45309;")
        legend = QLabel(translate("Holidays", "Red: statutory holiday · Yellow: make-up working day (调休) · "
                                              "Grey: weekend · Bold: the bureau's override"))
        header = QHBoxLayout()
        header.addWidget(QLabel(translate("Holidays", "Year")))
        header.addWidget(self.year)
        header.addWidget(self.confirmed)
        header.addStretch(1)

        self.months: list[MonthGrid] = []
        months_widget = QWidget()
        grid = QGridLayout(months_widget)
        for month in range(12):
            box = QGroupBox(fmt.month_name(month + 1))
            box_layout = QVBoxLayout(box)
            month_grid = MonthGrid()
            month_grid.cellClicked.connect(lambda row, column, m=month + 1: self._on_cell(m, row, column))
            box_layout.addWidget(month_grid)
            self.months.append(month_grid)
            grid.addWidget(box, month // 4, month % 4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(months_widget)

        self.day_label = QLabel(wordWrap=True)
        self.override_name = QLineEdit()
        self.override_name.setPlaceholderText(translate("Holidays", "Name, e.g. 元旦"))
        self.make_holiday = QPushButton(translate("Holidays", "Day off"))
        self.make_workday = QPushButton(translate("Holidays", "Working day"))
        self.remove_override = QPushButton(translate("Holidays", "Use the official calendar"))
        self.make_holiday.clicked.connect(lambda: self._override(HolidayKind.HOLIDAY))
        self.make_workday.clicked.connect(lambda: self._override(HolidayKind.WORKDAY))
        self.remove_override.clicked.connect(lambda: self._override(None))
        # The chosen day's description gets the room; a holiday's name is a few words.
        self.override_name.setMaximumWidth(QFontMetrics(self.font()).horizontalAdvance("M" * 24))
        self.day_label.setMinimumWidth(QFontMetrics(self.font()).horizontalAdvance("M" * 16))
        editor = QHBoxLayout()
        editor.addWidget(self.day_label, 1)
        for widget in (self.override_name, self.make_holiday, self.make_workday, self.remove_override):
            editor.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.warning)
        layout.addWidget(legend)
        layout.addWidget(scroll, 1)
        layout.addLayout(editor)
        self.reload()

    def reload(self) -> None:
        calendar = self.workspace.calendar()
        year = self.year.value()
        overrides = {o.date for o in self.workspace.repo.holiday_overrides()}
        for month, grid in enumerate(self.months, start=1):
            grid.clearContents()
            first_weekday, days = month_calendar.monthrange(year, month)
            for day_number in range(1, days + 1):
                day = dt.date(year, month, day_number)
                position = first_weekday + day_number - 1
                cell = QTableWidgetItem(str(day_number))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                cell.setData(Qt.ItemDataRole.UserRole, day.isoformat())
                working = calendar.is_working_day(day)
                name = calendar.holiday_name(day)
                if not working and day.weekday() < 5 or (not working and name):
                    cell.setBackground(QBrush(HOLIDAY_COLOR))
                elif working and day.weekday() >= 5:
                    cell.setBackground(QBrush(MAKEUP_COLOR))
                elif not working:
                    cell.setBackground(QBrush(WEEKEND_COLOR))
                if day in overrides:
                    font = QFont(cell.font())
                    font.setBold(True)
                    cell.setFont(font)
                cell.setToolTip(f"{fmt.long_date(day)} {name}".strip())
                grid.setItem(position // 7, position % 7, cell)
        confirmed = year in calendar.confirmed_years
        self.confirmed.blockSignals(True)
        self.confirmed.setChecked(year in self.workspace.repo.settings().complete_override_years)
        self.confirmed.setEnabled(confirmed is False or year in self.workspace.repo.settings().complete_override_years)
        self.confirmed.blockSignals(False)
        self.warning.setText(calendar.coverage_warning([dt.date(year, 1, 1)]))
        self._show_day()

    def _on_cell(self, month: int, row: int, column: int) -> None:
        cell = self.months[month - 1].item(row, column)
        if cell is None:
            return
        self.selected_day = dt.date.fromisoformat(cell.data(Qt.ItemDataRole.UserRole))
        self._show_day()

    def select_day(self, day: dt.date) -> None:
        if day.year != self.year.value():
            self.year.setValue(day.year)
        self.selected_day = day
        self._show_day()

    def _show_day(self) -> None:
        day = self.selected_day
        for button in (self.make_holiday, self.make_workday, self.remove_override):
            button.setEnabled(day is not None)
        if day is None:
            self.day_label.setText(translate("Holidays", "Click a day to change it."))
            return
        calendar = self.workspace.calendar()
        override = self.workspace.repo.holiday_override(day)
        state = (translate("Holidays", "working day") if calendar.is_working_day(day)
                 else translate("Holidays", "day off"))
        name = calendar.holiday_name(day)
        self.day_label.setText(f"{fmt.long_date(day)}：{state} {name}".strip() if fmt.chinese()
                               else f"{fmt.long_date(day)}: {state} {name}".strip())
        self.override_name.setText(override.name if override else name)
        self.remove_override.setEnabled(override is not None)

    def _override(self, kind: HolidayKind | None) -> None:
        day = self.selected_day
        if day is None:
            return
        before = self.workspace.repo.holiday_override(day)
        after = HolidayOverride(day, kind, self.override_name.text().strip()) if kind is not None else None
        if before != after:
            self.workspace.save_holiday(before, after)

    def _set_confirmed(self, checked: bool) -> None:
        before = self.workspace.repo.settings()
        years = set(before.complete_override_years)
        years = years | {self.year.value()} if checked else years - {self.year.value()}
        after = dataclasses.replace(before, complete_override_years=tuple(sorted(years)))
        self.workspace.save_settings(before, after)
