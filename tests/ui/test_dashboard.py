"""工作台: the figures equal `joint-acceptance stats --json`; charts and conflicts from the same database."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from desktop_app.cli import main
from desktop_app.core.calendar.availability import import_calendar_bytes
from desktop_app.core.model.domain import Visit, VisitStatus
from desktop_app.ui.pages.dashboard_charts import category_labels, series_values

ZONE = ZoneInfo("Asia/Shanghai")


def add_visit(repo, project: str, day: dt.date, hour: int, departments: tuple[str, ...], place: str = "P01",
              status=VisitStatus.PLANNED) -> int:
    start = dt.datetime.combine(day, dt.time(hour), ZONE)
    return repo.insert_visit(Visit(None, project, start, start + dt.timedelta(hours=2), place, departments,
                                   ("I01",), status=status))


@pytest.fixture
def scheduled(demo_repo):
    """A few visits: this week, next week (one late), and one cancelled that must not count."""
    ids = [add_visit(demo_repo, "XM2026-004", dt.date(2026, 12, 1), 10, ("D01", "D02", "D03")),
           add_visit(demo_repo, "XM2026-007", dt.date(2026, 12, 1), 15, ("D01", "D04"), "P02",
                     VisitStatus.PUBLISHED),
           add_visit(demo_repo, "XM2026-001", dt.date(2026, 12, 9), 10, ("D01",), "P03"),
           add_visit(demo_repo, "XM2026-002", dt.date(2026, 12, 2), 10, ("D02",), "P03", VisitStatus.CANCELLED)]
    for code in ("XM2026-004", "XM2026-007", "XM2026-001"):
        from desktop_app.core.model.domain import RequestStatus

        demo_repo.set_project_status(code, RequestStatus.SCHEDULED)
    return ids


@pytest.fixture
def dashboard(qtbot, demo_db, db_path, demo_today, qapp):
    from desktop_app.ui.pages.dashboard_page import DashboardPage
    from desktop_app.ui.controllers.workspace import Workspace

    def build():
        ws = Workspace(demo_db, db_path, demo_today)
        page = DashboardPage(ws)
        page.resize(1400, 900)
        qtbot.addWidget(page)
        return page

    return build


def cli_stats(db_path, capsys) -> dict:
    assert main(["--lang", "en", "stats", "--db", str(db_path), "--today", "2026-11-30", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_figures_equal_the_command_line_stats(scheduled, dashboard, db_path, capsys):
    page = dashboard()
    stats = cli_stats(db_path, capsys)
    metrics = stats["metrics"]
    shown = {key: figure.value.text() for key, figure in page.figures.items()}
    assert shown["waiting"] == str(stats["requests_waiting"]) == str(stats["requests_by_status"]["pending"])
    assert shown["scheduled"] == str(stats["requests_by_status"]["scheduled"]) == "3"
    assert shown["visits_week"] == str(stats["visits_this_week"]) == "2"
    assert shown["joint_rate"] == f"{metrics['joint_rate']:.0%}"
    assert shown["trips_saved"] == f"{metrics['trips_saved_pct']:.0f}%"
    assert shown["on_time"] == f"{metrics['on_time_rate']:.0%}"
    assert shown["wait"] == f"{metrics['mean_wait_working_days']:.1f}"
    assert shown["department_trips"] == str(metrics["department_trips"]) == "6"
    assert shown["late"] == str(metrics["late"])
    assert page.stats == stats
    assert str(metrics["trips_separate"]) in page.figures["trips_saved"].toolTip()


def test_charts_show_visits_per_week_department_load_and_requests_by_park(scheduled, dashboard, demo_repo):
    page = dashboard()
    weeks = series_values(page.week_chart)
    labels = category_labels(page.week_chart)
    assert labels[2] == "11/30*" and labels[3] == "12/7"
    totals = [a + b for a, b in zip(*weeks.values())]
    assert totals[2:4] == [2, 1] and sum(totals) == 3          # the cancelled visit is not counted
    loads = {load.code: load.visits for load in page.department_loads}
    assert (loads["D01"], loads["D02"], loads["D03"], loads["D04"], loads["D05"]) == (3, 1, 1, 1, 0)
    # Busiest at the top (a horizontal chart lists its categories bottom-up).
    bars = list(reversed(next(iter(series_values(page.department_chart).values()))))
    names = list(reversed(category_labels(page.department_chart)))
    assert bars[:4] == [3, 1, 1, 1] and names[0] == "济宁市自然资源和规划局"
    assert "济宁市住房和城乡建设局" in names                    # "（建设工程消防验收）" is left off the axis
    by_park = series_values(page.place_chart)
    assert sum(sum(values) for values in by_park.values()) == len(demo_repo.projects())
    parks = category_labels(page.place_chart)
    scheduled_counts = dict(zip(parks, by_park["Scheduled"]))
    assert scheduled_counts["新能源新材料产业园"] == 1 and scheduled_counts["电子信息产业园"] == 1


def test_a_conflict_is_counted_with_its_reason_and_links_to_the_calendar(scheduled, dashboard, qtbot):
    page = dashboard()
    assert page.figures["conflicts"].value.text() == "0"
    assert "None" in page.conflict_list.toPlainText()
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20261101T000000Z\r\n"
           "DTSTART;TZID=Asia/Shanghai:20261201T150000\r\nDTEND;TZID=Asia/Shanghai:20261201T160000\r\n"
           "SUMMARY:档案移交会议\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()
    import_calendar_bytes(page.workspace.db, "D04", "m.ics", ics, window=(dt.date(2026, 11, 1), dt.date(2027, 3, 1)))
    page.reload()
    assert page.figures["conflicts"].value.text() == "1"
    text = page.conflict_list.toPlainText()
    assert "菲特环保高压隔膜压滤机扩产车间项目" in text
    assert "济宁市城建档案馆: busy: 档案移交会议 (15:00–16:00)" in text
    from PySide6.QtCore import QUrl

    with qtbot.waitSignal(page.visitActivated) as blocker:
        page.conflict_list.anchorClicked.emit(QUrl(f"visit:{scheduled[1]}"))
    assert blocker.args == [scheduled[1]]


def test_main_window_opens_a_conflicting_visit_in_the_calendar(window, scheduled):
    window.show_visit(scheduled[2])
    assert window.current_page_key() == "calendar"
    calendar = window.pages["calendar"]
    assert calendar.current_range() == (dt.date(2026, 12, 7), dt.date(2026, 12, 13))
    assert calendar.selected_visit().id == scheduled[2]


def test_dashboard_in_chinese(scheduled, dashboard, qapp):
    from desktop_app.ui.app import set_language

    set_language(qapp, "zh_CN")
    page = dashboard()
    captions = [figure.caption.text() for figure in page.figures.values()]
    assert "联合验收率" in captions and "有冲突的现场验收" in captions
    assert page.week_chart.chart().title() == "每周现场验收（按周一日期；* 为本周）"
    assert set(series_values(page.place_chart)) == {"待排期", "已排期", "已通过"}
    assert "2026年11月30日" in page.title.text()
