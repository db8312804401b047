"""The busy-time preview: one department's week as the scheduler sees it.

``week_preview`` turns the core's ``Availability`` answers into plain day records (office hours,
holiday or 调休 with its name, a blocked day's reason, busy events with their titles); the
``BusyWeekStrip`` only paints them, so tests read the same records the user looks at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from desktop_app.core.calendar.availability import Availability, BusyEvent, Interval
from desktop_app.core.store.repository import Repository
from desktop_app.ui.widgets import formatting as fmt

translate = QCoreApplication.translate
_ONE_DAY = dt.timedelta(days=1)


class DayKind(StrEnum):
    WORKING = "working"
    MAKEUP = "makeup"          # 调休上班: a weekend day worked with weekday hours
    WEEKEND = "weekend"
    HOLIDAY = "holiday"        # statutory holiday or the bureau's day-off override
    BLOCKED = "blocked"        # a blocked period the bureau entered for this department


@dataclass(frozen=True)
class PreviewDay:
    day: dt.date
    kind: DayKind
    note: str                                   # holiday name, blocked reason, '' on an ordinary day
    office: list[Interval] = field(default_factory=list)
    busy: list[BusyEvent] = field(default_factory=list)

    @property
    def all_day_events(self) -> list[BusyEvent]:
        return [e for e in self.busy if e.all_day]

    @property
    def timed_events(self) -> list[BusyEvent]:
        return [e for e in self.busy if not e.all_day]


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_preview(availability: Availability, department: str, monday: dt.date) -> list[PreviewDay]:
    """Seven days from ``monday`` for one department, in the words the scheduler uses."""
    days: list[PreviewDay] = []
    calendar = availability.calendar
    for offset in range(7):
        day = monday + offset * _ONE_DAY
        busy = availability.busy(department, day)
        if not calendar.is_working_day(day):
            kind = DayKind.WEEKEND if day.weekday() >= 5 and not calendar.holiday_name(day) else DayKind.HOLIDAY
            note = availability.non_working_reason(day) if kind is DayKind.HOLIDAY else ""
            days.append(PreviewDay(day, kind, note, [], busy))
            continue
        reason = availability.blocked_reason(department, day)
        if reason is not None:
            days.append(PreviewDay(day, DayKind.BLOCKED, reason or translate("BusyPreview", "Blocked"), [], busy))
            continue
        if calendar.is_makeup_workday(day):
            days.append(PreviewDay(day, DayKind.MAKEUP, _makeup_note(availability, day),
                                   availability.office_periods(department, day), busy))
            continue
        days.append(PreviewDay(day, DayKind.WORKING, calendar.holiday_name(day),
                               availability.office_periods(department, day), busy))
    return days


def _makeup_note(availability: Availability, day: dt.date) -> str:
    weekday = availability.calendar.stand_in_weekday(day)
    if weekday is None:
        return translate("BusyPreview", "Make-up working day")
    return translate("BusyPreview", "Make-up working day ({weekday} hours)").format(
        weekday=fmt.weekday_name(weekday))


def load_week(repo: Repository, department: str, monday: dt.date) -> list[PreviewDay]:
    """The preview straight from the database (busy time re-expanded for exactly this week)."""
    availability = Availability.from_repository(repo, monday, monday + 6 * _ONE_DAY)
    if department not in availability.departments:
        return []
    return week_preview(availability, department, monday)


class AvailabilityCache:
    """One ``Availability`` over several weeks around the one shown, reused while the user clicks through
    departments and nearby weeks; forgotten whenever the data changes (``invalidate``)."""

    WEEKS_BEFORE, WEEKS_AFTER = 2, 5

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._availability: Availability | None = None

    def invalidate(self) -> None:
        self._availability = None

    def week(self, department: str, monday: dt.date) -> list[PreviewDay]:
        sunday = monday + 6 * _ONE_DAY
        cached = self._availability
        if cached is None or not (cached.first <= monday and sunday <= cached.last):
            cached = self._availability = Availability.from_repository(
                self.repo, monday - 7 * self.WEEKS_BEFORE * _ONE_DAY, sunday + 7 * self.WEEKS_AFTER * _ONE_DAY)
        if department not in cached.departments:
            return []
        return week_preview(cached, department, monday)


def hour_range(days: list[PreviewDay]) -> tuple[int, int]:
    """The hours the strip shows: office hours and timed events, 08:00–18:00 at least."""
    first, last = 8 * 60, 18 * 60
    for preview in days:
        for start, end in preview.office:
            first, last = min(first, _minutes(start)), max(last, _minutes(end, preview.day))
        for event in preview.timed_events:
            first = min(first, _minutes(max(event.start, _midnight_like(event.start, preview.day))))
            last = max(last, _minutes(event.end, preview.day))
    return first // 60, min(24, -(-last // 60))


def _midnight_like(moment: dt.datetime, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), moment.tzinfo)


def _minutes(moment: dt.datetime, day: dt.date | None = None) -> int:
    """Minutes after the day's midnight; an end on a later day counts as 24:00."""
    if day is not None and moment.date() > day:
        return 24 * 60
    return moment.hour * 60 + moment.minute


# --- painting ----------------------------------------------------------------------------------
OFFICE = QColor("#dcfce7")
OFFICE_EDGE = QColor("#86efac")
CLOSED = QColor("#f3f4f6")
HOLIDAY = QColor("#fee2e2")
HOLIDAY_TEXT = QColor("#b91c1c")
MAKEUP_TEXT = QColor("#92400e")
BLOCKED = QColor("#fde68a")
BLOCKED_TEXT = QColor("#92400e")
EVENT = QColor("#bfdbfe")
EVENT_EDGE = QColor("#2563eb")
EVENT_TEXT = QColor("#1e3a8a")
TODAY = QColor("#2563eb")
GRID = QColor("#e5e7eb")


class BusyWeekStrip(QWidget):
    """Seven columns (Monday first), hours down the side; painted from ``PreviewDay`` records."""

    GUTTER = 52

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.days: list[PreviewDay] = []
        self.today: dt.date | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(560, 300))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_days(self, days: list[PreviewDay], today: dt.date | None = None) -> None:
        self.days, self.today = days, today
        self.update()

    # --- geometry -----------------------------------------------------------------------
    def _header_height(self) -> int:
        return QFontMetrics(self.font()).height() * 2 + 12

    def _all_day_height(self) -> int:
        rows = max((len(d.all_day_events) for d in self.days), default=0)
        return rows * (QFontMetrics(self.font()).height() + 6) + (4 if rows else 0)

    def _column(self, index: int) -> QRectF:
        width = (self.width() - self.GUTTER - 1) / 7
        return QRectF(self.GUTTER + index * width, 0, width, self.height())

    def _body(self) -> QRectF:
        top = self._header_height() + self._all_day_height()
        return QRectF(self.GUTTER, top, self.width() - self.GUTTER - 1, self.height() - top - 1)

    def _y(self, minutes: int, first_hour: int, last_hour: int) -> float:
        body = self._body()
        span = max(1, (last_hour - first_hour) * 60)
        return body.top() + (minutes - first_hour * 60) / span * body.height()

    def _event_rects(self) -> list[tuple[QRectF, BusyEvent]]:
        """Where each event is drawn; tooltips hit-test the same rectangles."""
        rects: list[tuple[QRectF, BusyEvent]] = []
        if not self.days:
            return rects
        first_hour, last_hour = hour_range(self.days)
        line = QFontMetrics(self.font()).height() + 6
        for index, preview in enumerate(self.days):
            column = self._column(index).adjusted(3, 0, -3, 0)
            for row, event in enumerate(preview.all_day_events):
                top = self._header_height() + 2 + row * line
                rects.append((QRectF(column.left(), top, column.width(), line - 2), event))
            for event in preview.timed_events:
                start = max(first_hour * 60, _minutes(event.start) if event.start.date() == preview.day else 0)
                end = min(last_hour * 60, _minutes(event.end, preview.day))
                if end <= start:
                    continue
                top, bottom = self._y(start, first_hour, last_hour), self._y(end, first_hour, last_hour)
                rects.append((QRectF(column.left() + 6, top, column.width() - 6, max(bottom - top, 4)), event))
        return rects

    # --- painting -----------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if not self.days:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             translate("BusyPreview", "Select a department to see its week."))
            return
        first_hour, last_hour = hour_range(self.days)
        body = self._body()
        metrics = QFontMetrics(self.font())
        for index, preview in enumerate(self.days):
            self._paint_day(painter, index, preview, first_hour, last_hour, metrics)
        painter.setPen(QPen(GRID))
        for hour in range(first_hour, last_hour + 1):
            y = self._y(hour * 60, first_hour, last_hour)
            painter.drawLine(QPointF(self.GUTTER - 4, y), QPointF(self.width(), y))
            if hour < last_hour:
                painter.setPen(self.palette().text().color())
                painter.drawText(QRectF(0, y - metrics.height() / 2, self.GUTTER - 8, metrics.height()),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{hour:02d}:00")
                painter.setPen(QPen(GRID))
        for index in range(8):
            x = self._column(index).left() if index < 7 else body.right()
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        self._paint_events(painter, metrics)

    def _paint_day(self, painter: QPainter, index: int, preview: PreviewDay, first_hour: int, last_hour: int,
                   metrics: QFontMetrics) -> None:
        column = self._column(index)
        body = self._body()
        cell = QRectF(column.left(), body.top(), column.width(), body.height())
        background = {DayKind.HOLIDAY: HOLIDAY, DayKind.WEEKEND: CLOSED, DayKind.BLOCKED: BLOCKED}.get(
            preview.kind, CLOSED)
        painter.fillRect(cell, background)
        if preview.kind is DayKind.BLOCKED:
            painter.fillRect(cell, QBrush(QColor("#f59e0b"), Qt.BrushStyle.BDiagPattern))
        for start, end in preview.office:
            top = self._y(_minutes(start), first_hour, last_hour)
            bottom = self._y(_minutes(end, preview.day), first_hour, last_hour)
            painter.fillRect(QRectF(cell.left(), top, cell.width(), bottom - top), OFFICE)
            painter.fillRect(QRectF(cell.left(), top, 3, bottom - top), OFFICE_EDGE)
        # Header: weekday and date, then the day's note (holiday name, 调休, blocked reason).
        header = QRectF(column.left() + 4, 4, column.width() - 8, metrics.height())
        bold = QFont(self.font())
        bold.setBold(True)
        is_today = preview.day == self.today
        painter.setFont(bold)
        painter.setPen(TODAY if is_today else self.palette().text().color())
        title = f"{fmt.weekday_name(preview.day.weekday())} {_short_day(preview.day)}"
        painter.drawText(header, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(header.width())))
        painter.setFont(self.font())
        note_color = {DayKind.HOLIDAY: HOLIDAY_TEXT, DayKind.MAKEUP: MAKEUP_TEXT,
                      DayKind.BLOCKED: BLOCKED_TEXT}.get(preview.kind, self.palette().text().color())
        painter.setPen(note_color)
        note = preview.note or (translate("BusyPreview", "Weekend") if preview.kind is DayKind.WEEKEND else "")
        note_rect = header.translated(0, metrics.height() + 2)
        painter.drawText(note_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(note, Qt.TextElideMode.ElideRight, int(note_rect.width())))
        if is_today:
            painter.fillRect(QRectF(column.left(), 0, column.width(), 3), TODAY)
        if preview.kind is DayKind.BLOCKED:
            painter.setPen(BLOCKED_TEXT)
            text_rect = cell.adjusted(6, 8, -6, -8)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap, preview.note)

    def _paint_events(self, painter: QPainter, metrics: QFontMetrics) -> None:
        for rect, event in self._event_rects():
            painter.setPen(QPen(EVENT_EDGE, 1))
            painter.setBrush(EVENT)
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(EVENT_TEXT)
            inner = rect.adjusted(4, 1, -3, -1)
            if event.all_day:
                text = event.title or translate("BusyPreview", "Busy")
                painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                                 metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width())))
                continue
            lines = [f"{event.start:%H:%M}-{event.end:%H:%M}", event.title or translate("BusyPreview", "Busy")]
            fit = max(1, int(inner.height() // metrics.height()))
            if fit == 1:
                lines = [f"{lines[1]} {lines[0]}"]
            y = inner.top()
            for text in lines[:fit]:
                painter.drawText(QRectF(inner.left(), y, inner.width(), metrics.height()),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width())))
                y += metrics.height()

    # --- tooltips -------------------------------------------------------------------------
    def event_at(self, point: QPointF) -> BusyEvent | None:
        for rect, event in reversed(self._event_rects()):
            if rect.contains(point):
                return event
        return None

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            busy = self.event_at(QPointF(event.pos()))
            if busy is not None:
                when = (translate("BusyPreview", "All day") if busy.all_day
                        else f"{busy.start:%H:%M} – {busy.end:%H:%M}")
                QToolTip.showText(event.globalPos(), f"{busy.title}\n{when}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def _short_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日" if fmt.chinese() else f"{day.day}/{day.month}"


class BusyPreview(QWidget):
    """The strip with its week navigation and legend, for one department at a time."""

    week_changed = Signal(object)   # the Monday shown

    def __init__(self, repo: Repository, today: dt.date, parent=None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.cache = AvailabilityCache(repo)
        self.today = today
        self.department: str | None = None
        self.monday = monday_of(today)
        self.strip = BusyWeekStrip()
        self.previous = QPushButton(translate("BusyPreview", "◀ Previous week"))
        self.this_week = QPushButton(translate("BusyPreview", "This week"))
        self.next = QPushButton(translate("BusyPreview", "Next week ▶"))
        self.previous.clicked.connect(lambda: self.show_week(self.monday - 7 * _ONE_DAY))
        self.this_week.clicked.connect(lambda: self.show_week(monday_of(self.today)))
        self.next.clicked.connect(lambda: self.show_week(self.monday + 7 * _ONE_DAY))
        self.title = QLabel()
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        navigation = QHBoxLayout()
        navigation.addWidget(self.title, 1)
        for button in (self.previous, self.this_week, self.next):
            navigation.addWidget(button)
        legend = QLabel(translate("BusyPreview", "Green: office hours · Blue: busy (imported calendars) · "
                                                 "Red: holiday · Yellow, hatched: blocked by the bureau · "
                                                 "Grey: closed"))
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #4b5563;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(navigation)
        layout.addWidget(self.strip, 1)
        layout.addWidget(legend)
        self.show_department(None)

    def show_department(self, department: str | None) -> None:
        self.department = department
        self.reload()

    def show_week(self, monday: dt.date) -> None:
        self.monday = monday_of(monday)
        self.reload()
        self.week_changed.emit(self.monday)

    def invalidate(self) -> None:
        """The data changed: the next reload reads the database again."""
        self.cache.invalidate()

    def reload(self) -> None:
        days = self.cache.week(self.department, self.monday) if self.department else []
        self.strip.set_days(days, self.today)
        sunday = self.monday + 6 * _ONE_DAY
        self.title.setText(translate("BusyPreview", "Week of {first} – {last}").format(
            first=fmt.short_date(self.monday), last=fmt.short_date(sunday)))
        for button in (self.previous, self.this_week, self.next):
            button.setEnabled(self.department is not None)
