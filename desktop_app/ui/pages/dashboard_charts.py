"""The dashboard's charts (Qt Charts): visits per week, load per department, requests by park, and after the
visit the rectification rate by department and the findings by item.

Each function fills an existing ``QChartView`` from the core's plain series
(``desktop_app.core.reports.workload``), so a reload replaces the chart without rebuilding the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter

from desktop_app.core.reports.workload import DepartmentLoad, PlaceRequests, WeekCount
from desktop_app.ui.widgets import formatting as fmt

translate = QCoreApplication.translate
BLUE, RED, AMBER, GREEN = QColor("#3b82f6"), QColor("#dc2626"), QColor("#f59e0b"), QColor("#22c55e")


class ChartView(QChartView):
    """A chart view whose week labels turn sideways when the chart is too narrow to set them side by
    side (at 150 % scaling "11/30 12/7 12/14" otherwise print over each other)."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        fit_category_labels(self)


def new_chart_view(minimum_height: int = 260) -> ChartView:
    view = ChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(minimum_height)
    return view


def fit_category_labels(view: QChartView) -> None:
    chart = view.chart()
    if chart is None:
        return
    for axis in chart.axes(Qt.Orientation.Horizontal):
        if not isinstance(axis, QBarCategoryAxis) or not axis.count():
            continue
        metrics = QFontMetrics(axis.labelsFont())
        widest = max(metrics.horizontalAdvance(label) for label in axis.categories())
        room = chart.plotArea().width() / axis.count() if chart.plotArea().width() > 0 else view.width()
        angle = 0 if widest <= room else -60
        if axis.labelsAngle() != angle:
            axis.setLabelsAngle(angle)


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(4)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _value_axis(maximum: float) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, max(4, int(maximum)))
    axis.applyNiceNumbers()       # whole, round steps: counts are never fractional
    axis.setLabelFormat("%d")
    return axis


def _small_labels(axis) -> None:
    axis.setTruncateLabels(False)      # "经开区住房和城乡建设局" must stay readable, not become "…"
    font = QFont(axis.labelsFont())
    font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
    axis.setLabelsFont(font)


def _bar_set(label: str, values: Sequence[float], colour: QColor) -> QBarSet:
    bar_set = QBarSet(label)
    bar_set.append([float(v) for v in values])
    bar_set.setColor(colour)
    bar_set.setBorderColor(colour.darker(120))
    return bar_set


def week_label(week: WeekCount) -> str:
    return f"{week.monday.month}/{week.monday.day}"


def fill_visits_per_week(view: QChartView, weeks: Sequence[WeekCount], this_monday) -> None:
    chart = _chart(translate("Dashboard", "Visits per week (Monday; * = this week)"))
    on_time = _bar_set(translate("Dashboard", "Within the deadline"), [w.visits - w.late for w in weeks], BLUE)
    late = _bar_set(translate("Dashboard", "After the deadline"), [w.late for w in weeks], RED)
    series = QStackedBarSeries()
    series.append(on_time)
    series.append(late)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([week_label(w) + ("*" if w.monday == this_monday else "") for w in weeks])
    _small_labels(categories)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    values = _value_axis(max((w.visits for w in weeks), default=0))
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values)
    _replace(view, chart)


def fill_department_load(view: QChartView, loads: Sequence[DepartmentLoad], limit: int = 12) -> None:
    """The busiest departments (the top ``limit``), busiest at the top."""
    shown = list(loads[:limit])[::-1]      # a horizontal bar chart draws its first category at the bottom
    chart = _chart(translate("Dashboard", "Visits per department, next 4 weeks"))
    series = QHorizontalBarSeries()
    series.append(_bar_set(translate("Dashboard", "Visits"), [load.visits for load in shown], BLUE))
    chart.legend().hide()
    _horizontal_bars(view, chart, series, [load.name for load in shown], max((load.visits for load in shown), default=0))


def fill_requests_by_place(view: QChartView, places: Sequence[PlaceRequests]) -> None:
    shown = list(places)[::-1]
    chart = _chart(translate("Dashboard", "Requests by park"))
    series = QHorizontalStackedBarSeries()
    for status, colour in (("pending", AMBER), ("scheduled", BLUE), ("done", GREEN)):
        series.append(_bar_set(fmt.status_name(status), [p.by_status.get(status, 0) for p in shown], colour))
    _horizontal_bars(view, chart, series, [p.name for p in shown], max((p.total for p in shown), default=0))


def fill_rectification_by_department(view: QChartView, departments: Sequence[dict], limit: int = 5) -> None:
    """The departments that most often ask for rectification (``stats["lifecycle"]["rectification_by_department"]``,
    the highest rate first): their 需整改 results over the visits they inspected, in per cent."""
    shown = [d for d in departments if d["rectify"]][:limit][::-1]
    chart = _chart(translate("Dashboard", "Rectification rate by department (top 5)"))
    series = QHorizontalBarSeries()
    series.append(_bar_set(translate("Dashboard", "Rectification rate"), [100 * d["rate"] for d in shown], AMBER))
    chart.legend().hide()
    _horizontal_bars(view, chart, series, [d["name"] for d in shown], 100, percent=True)


def fill_findings_by_item(view: QChartView, items: Sequence[dict], limit: int = 5) -> None:
    """The items with the most findings (``stats["lifecycle"]["findings_by_item"]``): what fails most."""
    shown = list(items[:limit])[::-1]
    chart = _chart(translate("Dashboard", "Findings by item (top 5)"))
    series = QHorizontalBarSeries()
    series.append(_bar_set(translate("Dashboard", "Findings"), [i["findings"] for i in shown], RED))
    chart.legend().hide()
    names = [i["name"] or translate("Dashboard", "(no item)") for i in shown]
    _horizontal_bars(view, chart, series, names, max((i["findings"] for i in shown), default=0))


def _horizontal_bars(view: QChartView, chart: QChart, series, names: list[str], largest: int,
                     percent: bool = False) -> None:
    """Put a horizontal bar series in the chart: names down the left, counts (or per cent) along the bottom."""
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([_short(name) for name in names] or [""])
    _small_labels(categories)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    values = _value_axis(largest)
    if percent:
        values.setRange(0, 100)
        values.setTickCount(6)
        values.setLabelFormat("%d%%")
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)
    _replace(view, chart)


def _short(name: str, length: int = 12) -> str:
    """A name that fits an axis: without its parenthesised part, cut to ``length`` characters."""
    for bracket in ("（", "("):
        if bracket in name and not name.startswith(bracket):
            name = name.split(bracket, 1)[0]
    return name if len(name) <= length else name[:length - 1] + "…"


def _replace(view: QChartView, chart: QChart) -> None:
    old = view.chart()
    view.setChart(chart)
    fit_category_labels(view)
    if old is not None:
        old.deleteLater()     # the view does not own a chart it is no longer showing


def series_values(view: QChartView) -> dict[str, list[float]]:
    """What a chart shows, by bar set label (tests and the accessibility text use it)."""
    values: dict[str, list[float]] = {}
    for series in view.chart().series():
        for bar_set in series.barSets():
            values[bar_set.label()] = [bar_set.at(i) for i in range(bar_set.count())]
    return values


def category_labels(view: QChartView) -> list[str]:
    for axis in view.chart().axes():
        if isinstance(axis, QBarCategoryAxis):
            return list(axis.categories())
    return []
