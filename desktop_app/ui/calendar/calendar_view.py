"""The painted calendars: department lanes over days (week and day view) and a month grid.

Lanes are painted, not built from items: a week of 60 departments holds thousands of shapes,
and painting only the lanes in sight keeps switching weeks fast. Hit-testing uses the same
rectangles the painter drew (``_Block``), so what the clerk points at is what they get.

Drag & drop: a visit block can be dragged along the time axis; on release the view emits
``visitMoveRequested(visit_id, new_start)`` and shows the block at the new place, dashed, until
``accept_move`` (the data is reloaded) or ``refuse_move`` (it slides back and says why).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QEasingCurve,
    QEvent,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.calendar.calendar_data import CalendarPeriod, DayInfo, Lane, VisitInfo

translate = QCoreApplication.translate

LABEL_WIDTH = 190
HEADER_HEIGHT = 50
LANE_HEIGHT = 30
NARROW_DAY = 46            # a weekend or holiday column: nobody works, so it only needs its name
MAX_NARROW_DAY = 76        # a longer holiday name is elided (its tooltip has it whole)
MIN_DAY_WIDTH = 96         # below this a working day's hours are unreadable: scroll instead
MIN_SINGLE_DAY_WIDTH = 300
HOUR_STEPS = (60, 120, 180, 240)
DRAG_THRESHOLD = 6
DEFAULT_HOURS = (9 * 60, 17 * 60)    # widened to the departments' office hours

# Soft, distinguishable fills; a place keeps its colour as long as the place list does not change.
PLACE_COLOURS = ("#93c5fd", "#fcd34d", "#86efac", "#f9a8d4", "#c4b5fd", "#fdba74", "#67e8f9", "#bef264",
                 "#fca5a5", "#a5b4fc", "#5eead4", "#d8b4fe")
OFF_HOURS = QColor("#e5e7eb")
NON_WORKING = QColor("#d1d5db")
OFFICE = QColor("#ffffff")
BUSY = QColor("#94a3b8")
CONFLICT = QColor("#dc2626")
LATE = QColor("#b91c1c")
HOLIDAY_TEXT = QColor("#b91c1c")
MAKEUP_TEXT = QColor("#b45309")
TODAY = QColor("#2563eb")
VISIT_TEXT = QColor("#111827")
RESULTS_DUE = QColor("#ea580c")      # orange: the visit has ended, results are not all recorded (待录入结果)
HELD_FILL = QColor("#c9d8c3")        # grey-green: the visit took place (已进行)
HELD_LINE = QColor("#5b7d52")


def place_colour(places: list[str], code: str) -> QColor:
    index = places.index(code) if code in places else len(places)
    return QColor(PLACE_COLOURS[index % len(PLACE_COLOURS)])


def time_range(visit) -> str:
    return f"{visit.start:%H:%M}–{visit.end:%H:%M}"


def visit_tooltip(info: VisitInfo, period: CalendarPeriod) -> str:
    """A visit in a few lines of rich text: what, when, where, who, and what is wrong with it."""
    visit = info.visit
    place = period.places.get(visit.place)
    names = [period.departments[d].name if d in period.departments else d for d in visit.departments]
    lines = [f"<b>{html.escape(info.title)}</b> ({html.escape(visit.project)})",
             html.escape(f"{fmt.long_date(visit.start.date())} {time_range(visit)}"),
             html.escape(translate("Calendar", "Place: {place}").format(place=place.name if place else visit.place)),
             html.escape(translate("Calendar", "Departments: {names}").format(names="、".join(names))),
             html.escape(status_text(info))]
    if info.late:
        lines.append(f"<span style='color:#b91c1c'>{html.escape(late_text(info))}</span>")
    if info.due:
        names = [period.departments[d].name if d in period.departments else d for d in info.results_due]
        lines.append(f"<span style='color:#c2410c'>{html.escape(due_text(info, names))}</span>")
    for conflict in info.conflicts:
        name = period.departments[conflict.department].name if conflict.department in period.departments else None
        lines.append(f"<span style='color:#dc2626'>⚠ {html.escape(conflict.describe(name))}</span>")
    return "<br>".join(lines)


def status_text(info: VisitInfo) -> str:
    names = {"planned": translate("Calendar", "Planned, not yet published to the departments"),
             "published": translate("Calendar", "Published to the departments"),
             "done": translate("Calendar", "Took place"), "cancelled": translate("Calendar", "Cancelled")}
    text = names.get(info.visit.status.value, info.visit.status.value)
    if info.visit.round:
        text += translate("Calendar", " · re-inspection (round {round})").format(round=info.visit.round)
    if info.visit.locked:
        text += translate("Calendar", " · locked")
    return text


def due_text(info: VisitInfo, names: list[str]) -> str:
    """待录入结果, and from whom when some departments' results are in already."""
    if len(info.results_due) == len(info.visit.departments):
        return translate("Calendar", "Results due: nothing recorded yet")
    return translate("Calendar", "Results due from {names}").format(names="、".join(names))


def late_text(info: VisitInfo) -> str:
    return translate("Calendar", "Late: the deadline was {date}").format(date=fmt.short_date(info.deadline))


@dataclass
class _Column:
    info: DayInfo
    x: float
    width: float


@dataclass
class _Block:
    rect: QRectF            # content coordinates
    kind: str               # "visit", "busy", "blocked"
    visit: VisitInfo | None = None
    text: str = ""          # busy title, blocked reason; a visit's label is chosen when first painted


class LaneView(QAbstractScrollArea):
    """Departments down, days and hours across; office hours white, the rest shaded."""

    visitSelected = Signal(int)                  # 0 = nothing selected
    visitMoveRequested = Signal(int, object)     # visit id, new start (aware datetime)
    dayActivated = Signal(object)                # a date header was double-clicked
    visitActivated = Signal(int)                 # a visit was double-clicked
    visitMenuRequested = Signal(int, object)     # a visit was right-clicked: its id, the global point

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.period: CalendarPeriod | None = None
        self.today: dt.date | None = None
        self.grain_minutes = 30
        self.selected = 0
        self._columns: list[_Column] = []
        self._lane_blocks: list[list[_Block]] = []
        self._place_codes: list[str] = []
        self._hours = DEFAULT_HOURS
        self._press: tuple[QPointF, _Block] | None = None
        self._drag_dx: float | None = None
        self._pending: dict[int, float] = {}          # visit id → x offset shown until answered
        self._visit_x: dict[int, tuple[float, float]] = {}
        self._labels: dict[tuple[int, int], str] = {}
        self._styles: dict[int, tuple[QColor, QPen]] = {}
        self._visits_by_lane: dict[str, list[VisitInfo]] = {}
        self._animation: QVariantAnimation | None = None
        self.last_refusal = ""
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setMinimumSize(QSize(400, 200))
        self.horizontalScrollBar().valueChanged.connect(lambda _: self.viewport().update())
        self.verticalScrollBar().valueChanged.connect(lambda _: self.viewport().update())

    # --- data --------------------------------------------------------------------------
    def set_period(self, period: CalendarPeriod, today: dt.date, grain_minutes: int = 30) -> None:
        self.period, self.today, self.grain_minutes = period, today, grain_minutes
        self._place_codes = sorted(period.places)
        self._pending.clear()
        if self._animation is not None:
            self._animation.stop()
            self._animation = None
        if self.selected and period.visit(self.selected) is None:
            self.selected = 0
        self._hours = self._visible_hours(period)
        self._relayout()

    def _visible_hours(self, period: CalendarPeriod) -> tuple[int, int]:
        """From the earliest office hour to the latest (whole half hours), widened to fit every visit."""
        first, last = DEFAULT_HOURS
        moments = [(s, e) for lane in period.lanes for periods in lane.office.values() for s, e in periods]
        moments += [(v.visit.start, v.visit.end) for v in period.visits]
        for start, end in moments:
            start, end = start.astimezone(period.zone), end.astimezone(period.zone)
            if start.date() != end.date() and end.time() != dt.time():
                continue      # a multi-day event does not widen the day
            first = min(first, start.hour * 60 + (30 if start.minute >= 30 else 0))
            last = max(last, 24 * 60 if end.time() == dt.time() and end.date() > start.date()
                       else end.hour * 60 + (0 if end.minute == 0 else 30 if end.minute <= 30 else 60))
        return first, last

    def _relayout(self) -> None:
        self._columns = []
        period = self.period
        if period is None:
            return
        days = period.days
        # A day off is a narrow column, unless visits were planned on it (a holiday declared since):
        # those must stay readable, they are the ones to move.
        visit_days = {v.visit.start.astimezone(period.zone).date() for v in period.visits}
        working = [d for d in days if d.working or d.day in visit_days] or days
        narrow_width = self._narrow_width(d for d in days if d not in working)
        narrow = sum(narrow_width for d in days if d not in working)
        available = max(1, self.viewport().width() - LABEL_WIDTH - narrow)
        # The days share the visible width (the week fits the window); only a window too small for
        # readable days scrolls sideways.
        day_width = max(MIN_DAY_WIDTH if len(days) > 1 else MIN_SINGLE_DAY_WIDTH, available / len(working))
        x = 0.0
        for info in days:
            width = day_width if info in working else narrow_width
            self._columns.append(_Column(info, x, width))
            x += width
        # Each visit's horizontal extent once, then one rectangle per attending lane.
        self._visit_x = {info.id: (self.x_of(info.visit.start), self.x_of(info.visit.end)) for info in period.visits}
        self._visits_by_lane: dict[str, list[VisitInfo]] = {}
        for info in period.visits:
            for code in info.visit.departments:
                self._visits_by_lane.setdefault(code, []).append(info)
        self._labels = {}
        self._styles = {}
        self._lane_blocks = [self._blocks_of(index, lane) for index, lane in enumerate(period.lanes)]
        self.horizontalScrollBar().setRange(0, max(0, int(x) - (self.viewport().width() - LABEL_WIDTH)))
        self.horizontalScrollBar().setPageStep(max(1, self.viewport().width() - LABEL_WIDTH))
        content = len(period.lanes) * LANE_HEIGHT
        self.verticalScrollBar().setRange(0, max(0, content - (self.viewport().height() - HEADER_HEIGHT)))
        self.verticalScrollBar().setPageStep(max(1, self.viewport().height() - HEADER_HEIGHT))
        self.verticalScrollBar().setSingleStep(LANE_HEIGHT)
        self.viewport().update()

    def _narrow_width(self, days_off) -> float:
        """A day off is as wide as its note ("周末", "Weekend", a holiday's name), within limits."""
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 2))
        metrics = QFontMetrics(small)
        widest = max((metrics.horizontalAdvance(day_label(d)) for d in days_off), default=0)
        return float(min(MAX_NARROW_DAY, max(NARROW_DAY, widest + 12)))

    def content_width(self) -> float:
        return self._columns[-1].x + self._columns[-1].width if self._columns else 0.0

    def x_of(self, moment: dt.datetime) -> float:
        """Content x of a moment (clamped to the shown hours of its day)."""
        moment = moment.astimezone(self.period.zone)
        for column in self._columns:
            if column.info.day == moment.date():
                first, last = self._hours
                minutes = min(max(moment.hour * 60 + moment.minute, first), last)
                return column.x + column.width * (minutes - first) / (last - first)
        return -1.0 if self._columns and moment.date() < self._columns[0].info.day else self.content_width()

    def moment_at(self, x: float) -> dt.datetime | None:
        """The moment at content x, snapped to the scheduling grain; None outside the days shown."""
        for column in self._columns:
            if column.x <= x < column.x + column.width:
                first, last = self._hours
                minutes = first + (x - column.x) / column.width * (last - first)
                grain = self.grain_minutes
                minutes = int(round(minutes / grain) * grain)
                minutes = min(max(minutes, first), last)
                midnight = dt.datetime.combine(column.info.day, dt.time(), self.period.zone)
                return midnight + dt.timedelta(minutes=minutes)
        return None

    def _blocks_of(self, index: int, lane: Lane) -> list[_Block]:
        top = index * LANE_HEIGHT
        blocks: list[_Block] = []
        for day, reason in lane.blocked.items():
            column = self._column(day)
            if column is not None:
                blocks.append(_Block(QRectF(column.x, top + 1, column.width, LANE_HEIGHT - 2), "blocked",
                                     text=reason or translate("Calendar", "Blocked day")))
        seen: set[tuple] = set()
        for events in lane.busy.values():
            for event in events:
                key = (event.start, event.end, event.title)
                if key in seen:
                    continue      # a multi-day event is listed under each of its days
                seen.add(key)
                left, right = self.x_of(event.start), self.x_of(event.end)
                if right > left:
                    blocks.append(_Block(QRectF(left, top + 4, right - left, LANE_HEIGHT - 8), "busy",
                                         text=event.title or translate("Calendar", "Busy")))
        for info in self._visits_by_lane.get(lane.department.code, ()):
            left, right = self._visit_x[info.id]
            blocks.append(_Block(QRectF(left, top + 2, max(3.0, right - left), LANE_HEIGHT - 4), "visit", info))
        return blocks

    def _column(self, day: dt.date) -> _Column | None:
        return next((c for c in self._columns if c.info.day == day), None)

    # --- geometry between viewport and content ------------------------------------------------
    def _to_content(self, point: QPointF) -> QPointF:
        return QPointF(point.x() - LABEL_WIDTH + self.horizontalScrollBar().value(),
                       point.y() - HEADER_HEIGHT + self.verticalScrollBar().value())

    def block_at(self, point: QPointF) -> _Block | None:
        """The topmost block under a viewport point (visits over busy time)."""
        if point.x() < LABEL_WIDTH or point.y() < HEADER_HEIGHT or self.period is None:
            return None
        content = self._to_content(point)
        lane = int(content.y() // LANE_HEIGHT)
        if not 0 <= lane < len(self._lane_blocks):
            return None
        hits = [b for b in self._lane_blocks[lane] if b.rect.contains(content)]
        order = {"visit": 0, "busy": 1, "blocked": 2}
        return min(hits, key=lambda b: order[b.kind]) if hits else None

    def visit_rects(self, visit_id: int) -> list[QRectF]:
        """Where a visit is drawn, in viewport coordinates (one rectangle per attending lane)."""
        dx = self._offset_of(visit_id)
        offset = QPointF(LABEL_WIDTH - self.horizontalScrollBar().value() + dx,
                         HEADER_HEIGHT - self.verticalScrollBar().value())
        return [b.rect.translated(offset) for blocks in self._lane_blocks for b in blocks
                if b.kind == "visit" and b.visit.id == visit_id]

    def lane_index(self, department: str) -> int:
        return next((i for i, lane in enumerate(self.period.lanes) if lane.department.code == department), -1)

    def scroll_to_lane(self, department: str) -> None:
        index = self.lane_index(department)
        if index >= 0:
            self.verticalScrollBar().setValue(index * LANE_HEIGHT)

    # --- painting -----------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.period is not None:
            self._relayout()

    def paintEvent(self, event) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), self.palette().color(QPalette.ColorRole.Base))
        if self.period is None or not self._columns:
            return
        width, height = self.viewport().width(), self.viewport().height()
        hscroll, vscroll = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        first_lane = max(0, vscroll // LANE_HEIGHT)
        last_lane = min(len(self.period.lanes), (vscroll + height - HEADER_HEIGHT) // LANE_HEIGHT + 1)
        painter.save()
        painter.setClipRect(QRect(LABEL_WIDTH, HEADER_HEIGHT, width - LABEL_WIDTH, height - HEADER_HEIGHT))
        painter.translate(LABEL_WIDTH - hscroll, HEADER_HEIGHT - vscroll)
        for index in range(first_lane, last_lane):
            self._paint_lane(painter, index)
        self._paint_day_lines(painter, first_lane * LANE_HEIGHT, last_lane * LANE_HEIGHT)
        painter.restore()
        self._paint_header(painter, hscroll, width)
        self._paint_labels(painter, first_lane, last_lane, vscroll, height)
        painter.fillRect(QRect(0, 0, LABEL_WIDTH, HEADER_HEIGHT), self.palette().color(QPalette.ColorRole.Window))
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawLine(0, HEADER_HEIGHT - 1, width, HEADER_HEIGHT - 1)
        painter.drawLine(LABEL_WIDTH - 1, 0, LABEL_WIDTH - 1, height)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(QRect(8, 0, LABEL_WIDTH - 16, HEADER_HEIGHT), Qt.AlignmentFlag.AlignVCenter,
                         translate("Calendar", "Department"))

    def _paint_lane(self, painter: QPainter, index: int) -> None:
        lane = self.period.lanes[index]
        top = index * LANE_HEIGHT
        for column in self._columns:
            cell = QRectF(column.x, top, column.width, LANE_HEIGHT)
            if not column.info.working:
                painter.fillRect(cell, NON_WORKING)
                continue
            painter.fillRect(cell, OFF_HOURS)
            for start, end in lane.office.get(column.info.day, ()):
                left, right = self.x_of(start), self.x_of(end)
                painter.fillRect(QRectF(left, top + 1, right - left, LANE_HEIGHT - 2), OFFICE)
        painter.setPen(QPen(QColor("#e5e7eb"), 1))
        painter.drawLine(QPointF(0, top + LANE_HEIGHT - 0.5), QPointF(self.content_width(), top + LANE_HEIGHT - 0.5))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        painter.setFont(small)
        metrics = QFontMetrics(small)
        for block in self._lane_blocks[index]:
            if block.kind == "blocked":
                painter.fillRect(block.rect, QBrush(QColor("#9ca3af"), Qt.BrushStyle.BDiagPattern))
                self._block_text(painter, metrics, block.rect, block.text, QColor("#374151"))
            elif block.kind == "busy":
                painter.fillRect(block.rect, QColor("#e2e8f0"))
                painter.fillRect(block.rect, QBrush(BUSY, Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(BUSY, 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(block.rect)
                self._block_text(painter, metrics, block.rect, block.text, QColor("#334155"))
        for block in self._lane_blocks[index]:
            if block.kind == "visit":
                self._paint_visit(painter, metrics, block)

    def _visit_style(self, info: VisitInfo) -> tuple[QColor, QPen]:
        """A visit's fill and outline when it is neither selected nor being dragged; worked out once per
        visit and period, not once per lane it is drawn in (a busy week paints ~1,800 blocks)."""
        style = self._styles.get(info.id)
        if style is None:
            style = self._styles[info.id] = visit_style(info, self._place_codes)
        return style

    def _paint_visit(self, painter: QPainter, metrics: QFontMetrics, block: _Block) -> None:
        info = block.visit
        rect = block.rect.translated(self._offset_of(info.id), 0)
        colour, pen = self._visit_style(info)
        painter.setBrush(colour)
        pending = info.id in self._pending
        if info.id == self.selected and not info.conflicts or pending:
            pen = QPen(pen)
            if info.id == self.selected and not info.conflicts:
                pen.setColor(QColor("#111827"))
                pen.setWidthF(2.5)
            pen.setStyle(Qt.PenStyle.DashLine if (info.planned and not info.due) or pending
                         else Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.drawRect(rect.adjusted(1, 0, -1, 0))
        if info.id == self.selected and info.conflicts:
            painter.setPen(QPen(QColor("#111827"), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(3, 2, -3, -2))
        text_rect = rect.adjusted(1, 0, -1, 0)
        if info.due:
            # An orange corner, opposite the late one: results to record, visible on the narrowest block.
            corner = QPolygonF([rect.topLeft(), rect.topLeft() + QPointF(11, 0), rect.topLeft() + QPointF(0, 11)])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(RESULTS_DUE)
            painter.drawPolygon(corner)
            text_rect.adjust(5, 0, 0, 0)
        if info.late:
            # A red corner: late visits stand out even when the block is too narrow for text.
            corner = QPolygonF([rect.topRight(), rect.topRight() - QPointF(11, 0), rect.topRight() + QPointF(0, 11)])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(LATE)
            painter.drawPolygon(corner)
            text_rect.adjust(0, 0, -5, 0)
        if not block.text:
            # A visit's blocks all have one width: measure its label once, not once per lane.
            key = (info.id, int(text_rect.width()))
            label = self._labels.get(key)
            if label is None:
                label = self._labels[key] = short_title(info, metrics, text_rect.width() - 4) or " "
            block.text = label
        text = block.text.strip()
        if text and text_rect.width() >= 12:
            # short_title chose a label that fits, so no eliding here (it was a tenth of the paint time).
            painter.setPen(VISIT_TEXT)
            painter.drawText(text_rect.adjusted(2, 0, -2, 0),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    @staticmethod
    def _block_text(painter: QPainter, metrics: QFontMetrics, rect: QRectF, text: str, colour: QColor) -> None:
        if rect.width() < 12 or not text:
            return
        painter.setPen(colour)
        painter.drawText(rect.adjusted(2, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width() - 4)))

    def hour_step(self, column_width: float, spacing: float) -> int | None:
        """Minutes between hour marks so that marks stand ``spacing`` pixels apart; None: too narrow."""
        first, last = self._hours
        per_minute = column_width / max(1, last - first)
        return next((step for step in HOUR_STEPS if step * per_minute >= spacing), None)

    def _paint_day_lines(self, painter: QPainter, top: float, bottom: float) -> None:
        first, last = self._hours
        for column in self._columns:
            step = self.hour_step(column.width, 12) if column.info.working else None
            if step is not None:
                painter.setPen(QPen(QColor(0, 0, 0, 22), 1))
                for minutes in range(first - first % 60 + 60, last, step):
                    x = column.x + column.width * (minutes - first) / (last - first)
                    painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            painter.setPen(QPen(QColor("#6b7280"), 1))
            painter.drawLine(QPointF(column.x, top), QPointF(column.x, bottom))
        if self.today is not None:
            column = self._column(self.today)
            if column is not None:
                painter.setPen(QPen(TODAY, 2))
                painter.drawLine(QPointF(column.x + 1, top), QPointF(column.x + 1, bottom))

    def _paint_header(self, painter: QPainter, hscroll: int, width: int) -> None:
        painter.save()
        painter.setClipRect(QRect(LABEL_WIDTH, 0, width - LABEL_WIDTH, HEADER_HEIGHT))
        painter.fillRect(QRect(LABEL_WIDTH, 0, width - LABEL_WIDTH, HEADER_HEIGHT),
                         self.palette().color(QPalette.ColorRole.Window))
        painter.translate(LABEL_WIDTH - hscroll, 0)
        first, last = self._hours
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 2))
        for column in self._columns:
            info = column.info
            is_today = info.day == self.today
            title = QRectF(column.x + 4, 2, column.width - 6, 22)
            painter.setFont(bold if is_today else self.font())
            painter.setPen(TODAY if is_today else self.palette().color(QPalette.ColorRole.WindowText))
            metrics = QFontMetrics(painter.font())
            candidates = day_titles(info.day)
            text = next((t for t in candidates if metrics.horizontalAdvance(t) <= title.width()), candidates[-1])
            painter.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            painter.setFont(small)
            note = QRectF(column.x + 4, 24, column.width - 6, HEADER_HEIGHT - 26)
            label = day_label(info)
            if label:
                painter.setPen(MAKEUP_TEXT if info.makeup else HOLIDAY_TEXT)
                painter.drawText(note, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 QFontMetrics(small).elidedText(label, Qt.TextElideMode.ElideRight,
                                                                int(note.width())))
            label_width = QFontMetrics(small).horizontalAdvance("00:00")
            step = self.hour_step(column.width, label_width + 10) if info.working else None
            if step is not None and not (info.makeup and column.width < 200):
                painter.setPen(QColor("#6b7280"))
                for minutes in range(-(-first // step) * step, last, step):   # on round hours: 10, 12, 14
                    x = column.x + column.width * (minutes - first) / (last - first)
                    if x - column.x < label_width / 2 + 2 or column.x + column.width - x < label_width / 2 + 2 \
                            or (label and x - column.x < 70):
                        continue
                    painter.drawText(QRectF(x - label_width, 26, 2 * label_width, HEADER_HEIGHT - 28),
                                     Qt.AlignmentFlag.AlignCenter, f"{minutes // 60}:00")
            painter.setPen(QPen(QColor("#6b7280"), 1))
            painter.drawLine(QPointF(column.x, 0), QPointF(column.x, HEADER_HEIGHT))
        painter.restore()

    def _paint_labels(self, painter: QPainter, first_lane: int, last_lane: int, vscroll: int, height: int) -> None:
        painter.save()
        painter.setClipRect(QRect(0, HEADER_HEIGHT, LABEL_WIDTH, height - HEADER_HEIGHT))
        painter.fillRect(QRect(0, HEADER_HEIGHT, LABEL_WIDTH, height - HEADER_HEIGHT),
                         self.palette().color(QPalette.ColorRole.Window))
        painter.translate(0, HEADER_HEIGHT - vscroll)
        metrics = QFontMetrics(self.font())
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 2))
        for index in range(first_lane, last_lane):
            department = self.period.lanes[index].department
            top = index * LANE_HEIGHT
            chip = QRectF(6, top + 7, 22, LANE_HEIGHT - 14)
            city = department.level.value == "city"
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#dbeafe") if city else QColor("#dcfce7"))
            painter.drawRoundedRect(chip, 3, 3)
            painter.setFont(small)
            painter.setPen(QColor("#1e3a8a") if city else QColor("#14532d"))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, fmt.level_name(department.level.value)[:1])
            painter.setFont(self.font())
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(34, top, LABEL_WIDTH - 40, LANE_HEIGHT), Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(department.name, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 42))
            painter.setPen(QPen(QColor("#e5e7eb"), 1))
            painter.drawLine(0, top + LANE_HEIGHT - 1, LABEL_WIDTH, top + LANE_HEIGHT - 1)
        painter.restore()

    # --- pointing, tooltips, dragging -----------------------------------------------------------
    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            QToolTip.showText(event.globalPos(), self.tooltip_at(QPointF(event.pos())) or "", self.viewport())
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, point: QPointF) -> str:
        if self.period is None:
            return ""
        if point.y() < HEADER_HEIGHT and point.x() >= LABEL_WIDTH:
            x = point.x() - LABEL_WIDTH + self.horizontalScrollBar().value()
            column = next((c for c in self._columns if c.x <= x < c.x + c.width), None)
            return html.escape(f"{fmt.long_date(column.info.day)} {day_label(column.info)}".strip()) if column else ""
        if point.x() < LABEL_WIDTH and point.y() >= HEADER_HEIGHT:
            lane = int(self._to_content(point).y() // LANE_HEIGHT)
            if 0 <= lane < len(self.period.lanes):
                department = self.period.lanes[lane].department
                return html.escape(f"{department.name}\n{department.contact} {department.phone}\n"
                                   f"{department.office_hours.format()}").replace("\n", "<br>")
            return ""
        block = self.block_at(point)
        if block is None:
            return ""
        if block.kind == "visit":
            return visit_tooltip(block.visit, self.period)
        if block.kind == "busy":
            return html.escape(translate("Calendar", "Busy: {title}").format(title=block.text))
        return html.escape(translate("Calendar", "Blocked day: {reason}").format(reason=block.text))

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        block = self.block_at(event.position())
        if block is not None and block.kind == "visit":
            self.select(block.visit.id)
            if block.visit.id not in self._pending:
                self._press = (event.position(), block)
        else:
            self.select(0)
        self._drag_dx = None

    def mouseMoveEvent(self, event) -> None:
        if self._press is None:
            return super().mouseMoveEvent(event)
        origin, block = self._press
        dx = event.position().x() - origin.x()
        if self._drag_dx is None and abs(dx) < DRAG_THRESHOLD:
            return
        if self._drag_dx is None and block.visit.visit.locked:
            self.last_refusal = translate("Calendar", "This visit is locked; unlock it before moving it.")
            QToolTip.showText(event.globalPosition().toPoint(), html.escape(self.last_refusal), self.viewport())
            self._press = None
            return
        self._drag_dx = dx
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        target = self.drop_target(block, dx)
        if target is not None:
            QToolTip.showText(event.globalPosition().toPoint(),
                              html.escape(fmt.date_time(target)), self.viewport())
        self.viewport().update()

    def mouseReleaseEvent(self, event) -> None:
        press, dx = self._press, self._drag_dx
        self._press, self._drag_dx = None, None
        self.viewport().unsetCursor()
        if press is None or dx is None:
            return super().mouseReleaseEvent(event)
        block = press[1]
        target = self.drop_target(block, dx)
        if target is None or target == block.visit.visit.start:
            self.viewport().update()
            return
        self._pending[block.visit.id] = self.x_of(target) - block.rect.left()
        self.viewport().update()
        self.visitMoveRequested.emit(block.visit.id, target)

    def mouseDoubleClickEvent(self, event) -> None:
        if event.position().y() < HEADER_HEIGHT and event.position().x() >= LABEL_WIDTH:
            x = event.position().x() - LABEL_WIDTH + self.horizontalScrollBar().value()
            column = next((c for c in self._columns if c.x <= x < c.x + c.width), None)
            if column is not None:
                self.dayActivated.emit(column.info.day)
                return
        block = self.block_at(event.position())
        if block is not None and block.kind == "visit":
            self.select(block.visit.id)
            self.visitActivated.emit(block.visit.id)
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:
        # A scroll area gets its viewport's context-menu events in viewport coordinates.
        block = self.block_at(QPointF(event.pos()))
        if block is None or block.kind != "visit":
            return super().contextMenuEvent(event)
        self.select(block.visit.id)
        self.visitMenuRequested.emit(block.visit.id, event.globalPos())

    def drop_target(self, block: _Block, dx: float) -> dt.datetime | None:
        """The start a drag by ``dx`` pixels proposes: the block's left edge, snapped to the grain."""
        return self.moment_at(block.rect.left() + dx + 0.5)

    def _offset_of(self, visit_id: int) -> float:
        if self._press is not None and self._drag_dx is not None and self._press[1].visit.id == visit_id:
            return self._drag_dx
        return self._pending.get(visit_id, 0.0)

    def select(self, visit_id: int) -> None:
        if visit_id != self.selected:
            self.selected = visit_id
            self.viewport().update()
            self.visitSelected.emit(visit_id)

    # --- answers to a move request ----------------------------------------------------------------
    def accept_move(self, visit_id: int) -> None:
        """The move was applied; the block stays where it was dropped until the data is reloaded."""
        self._pending.pop(visit_id, None)

    def refuse_move(self, visit_id: int, reason: str) -> None:
        """The move breaks a rule: slide the block back and say why."""
        offset = self._pending.get(visit_id)
        self.last_refusal = reason
        if offset is None:
            return
        animation = QVariantAnimation(self)
        animation.setStartValue(float(offset))
        animation.setEndValue(0.0)
        animation.setDuration(220)
        animation.setEasingCurve(QEasingCurve.Type.OutCubic)

        def step(value) -> None:
            if visit_id in self._pending:
                self._pending[visit_id] = float(value)
                self.viewport().update()

        animation.valueChanged.connect(step)
        animation.finished.connect(lambda: (self._pending.pop(visit_id, None), self.viewport().update()))
        self._animation = animation
        animation.start()
        rects = self.visit_rects(visit_id)
        if rects and self.isVisible():
            point = self.viewport().mapToGlobal(rects[0].center().toPoint())
            QTimer.singleShot(0, lambda: QToolTip.showText(point, html.escape(reason), self.viewport()))

    def pending_moves(self) -> dict[int, float]:
        return dict(self._pending)


def visit_style(info: VisitInfo, place_codes: list[str]) -> tuple[QColor, QPen]:
    """A visit's fill and outline: its place's colour (lighter and dashed while unpublished), grey-green once
    it took place; outlined red when a department is no longer free, orange while results are due."""
    if info.held:
        return QColor(HELD_FILL), QPen(HELD_LINE, 1.2)
    colour = place_colour(place_codes, info.visit.place)
    if info.planned:
        colour = colour.lighter(115)
    if info.conflicts:
        pen = QPen(CONFLICT, 2.5)
    elif info.due:
        pen = QPen(RESULTS_DUE, 2.5)
    else:
        pen = QPen(colour.darker(160), 1.2)
    if info.planned and not info.due:
        pen.setStyle(Qt.PenStyle.DashLine)   # not yet sent to the departments (tentative)
    return colour, pen


def short_title(info: VisitInfo, metrics: QFontMetrics, width: float) -> str:
    """The project's name when it fits, else its code, else the code's last part ('004'), else nothing."""
    code = info.visit.project
    for text in (info.title, code, code.rsplit("-", 1)[-1]):
        if metrics.horizontalAdvance(text) <= width:
            return text
    return info.title if metrics.horizontalAdvance("…") * 4 < width else ""


def day_titles(day: dt.date) -> list[str]:
    """A day's header, longest first; the painter takes the first that fits its column."""
    weekday = fmt.weekday_name(day.weekday())
    if fmt.chinese():
        short = "周" + weekday[-1]
        return [f"{day.month}月{day.day}日 {weekday}", f"{day.month}月{day.day}日 {short}", f"{day.day}日 {short}",
                f"{day.day} {weekday[-1]}"]
    return [f"{day.month}/{day.day} {weekday}", f"{day.day} {weekday}", f"{day.day} {weekday[0]}"]


def day_label(info: DayInfo) -> str:
    """What the header says under a date: the holiday, or that a weekend is a working day."""
    if info.makeup:
        return translate("Calendar", "Make-up working day")
    if not info.working:
        return info.label or (translate("Calendar", "Weekend") if info.day.weekday() >= 5 else "")
    return info.label


class MonthView(QWidget):
    """A month as weeks of days; each day lists its visits (time and project), coloured by place."""

    visitSelected = Signal(int)
    dayActivated = Signal(object)
    visitMenuRequested = Signal(int, object)     # a visit was right-clicked: its id, the global point

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.period: CalendarPeriod | None = None
        self.month: tuple[int, int] = (2000, 1)
        self.today: dt.date | None = None
        self.selected = 0
        self._hits: list[tuple[QRectF, VisitInfo]] = []
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(400, 300))

    def set_period(self, period: CalendarPeriod, month: tuple[int, int], today: dt.date) -> None:
        self.period, self.month, self.today = period, month, today
        self._place_codes = sorted(period.places)
        self.update()

    def _cell(self, index: int) -> QRectF:
        weeks = max(1, len(self.period.days) // 7)
        header = 26
        width = self.width() / 7
        height = (self.height() - header) / weeks
        return QRectF((index % 7) * width, header + (index // 7) * height, width, height)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        if self.period is None:
            return
        width = self.width() / 7
        for weekday in range(7):
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(weekday * width, 0, width, 26), Qt.AlignmentFlag.AlignCenter,
                             fmt.weekday_name(weekday))
        by_day: dict[dt.date, list[VisitInfo]] = {}
        for info in self.period.visits:
            by_day.setdefault(info.visit.start.astimezone(self.period.zone).date(), []).append(info)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        metrics = QFontMetrics(small)
        line = metrics.height() + 3
        self._hits = []
        for index, info in enumerate(self.period.days):
            cell = self._cell(index)
            in_month = (info.day.year, info.day.month) == self.month
            painter.fillRect(cell, OFFICE if info.working else QColor("#f3f4f6"))
            if not in_month:
                painter.fillRect(cell, QColor(255, 255, 255, 150))
            painter.setPen(QPen(QColor("#d1d5db"), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)   # the previous day's last visit left its colour set
            painter.drawRect(cell)
            painter.setFont(self.font())
            painter.setPen(TODAY if info.day == self.today else
                           (self.palette().color(QPalette.ColorRole.WindowText) if in_month else QColor("#9ca3af")))
            painter.drawText(cell.adjusted(5, 3, -5, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             str(info.day.day))
            label = day_label(info) if (info.label or info.makeup) else ""
            if label:
                painter.setFont(small)
                painter.setPen(MAKEUP_TEXT if info.makeup else HOLIDAY_TEXT)
                painter.drawText(cell.adjusted(30, 4, -5, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                                 metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(cell.width() - 36)))
            visits = sorted(by_day.get(info.day, []), key=lambda v: (v.visit.start, v.id))
            y = cell.top() + line + 6
            painter.setFont(small)
            for position, visit in enumerate(visits):
                if y + 2 * line > cell.bottom() and position < len(visits) - 1:
                    painter.setPen(QColor("#374151"))
                    painter.drawText(QRectF(cell.left() + 5, y, cell.width() - 10, line), Qt.AlignmentFlag.AlignLeft,
                                     translate("Calendar", "+{count} more").format(count=len(visits) - position))
                    break
                row = QRectF(cell.left() + 3, y, cell.width() - 6, line - 1)
                colour, pen = visit_style(visit, self._place_codes)
                painter.setBrush(colour)
                pen = QPen(pen)
                pen.setWidthF(min(pen.widthF(), 2.0))
                if visit.id == self.selected:
                    pen.setColor(QColor("#111827"))
                    pen.setWidthF(2.0)
                painter.setPen(pen)
                painter.drawRoundedRect(row, 2, 2)
                painter.setPen(LATE if visit.late else QColor("#111827"))
                text = f"{visit.visit.start:%H:%M} {visit.title}"
                painter.drawText(row.adjusted(4, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter,
                                 metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(row.width() - 6)))
                self._hits.append((row, visit))
                y += line
        painter.end()

    def visit_at(self, point: QPointF) -> VisitInfo | None:
        return next((visit for rect, visit in self._hits if rect.contains(point)), None)

    def day_at(self, point: QPointF) -> dt.date | None:
        for index, info in enumerate(self.period.days if self.period else []):
            if self._cell(index).contains(point):
                return info.day
        return None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.period is not None:
            visit = self.visit_at(QPointF(event.pos()))
            if visit is not None:
                QToolTip.showText(event.globalPos(), visit_tooltip(visit, self.period), self)
            else:
                day = self.day_at(QPointF(event.pos()))
                info = next((d for d in self.period.days if d.day == day), None)
                QToolTip.showText(event.globalPos(), html.escape(
                    f"{fmt.long_date(day)} {day_label(info)}".strip()) if info else "", self)
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        visit = self.visit_at(event.position())
        self.selected = visit.id if visit else 0
        self.update()
        self.visitSelected.emit(self.selected)

    def contextMenuEvent(self, event) -> None:
        visit = self.visit_at(QPointF(event.pos()))
        if visit is None:
            return super().contextMenuEvent(event)
        self.selected = visit.id
        self.update()
        self.visitSelected.emit(visit.id)
        self.visitMenuRequested.emit(visit.id, event.globalPos())

    def mouseDoubleClickEvent(self, event) -> None:
        day = self.day_at(event.position())
        if day is not None:
            self.dayActivated.emit(day)
