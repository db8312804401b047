"""排期日历: lanes, navigation, filters, details, drag & drop and conflicts, on the demo data."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from desktop_app.core.calendar.availability import import_calendar_bytes
from desktop_app.core.model.domain import HolidayKind, HolidayOverride, Visit, VisitStatus
from desktop_app.ui.calendar.calendar_view import HEADER_HEIGHT, LABEL_WIDTH, LANE_HEIGHT
from tests.ical_samples import busy_ics

ZONE = ZoneInfo("Asia/Shanghai")
TUESDAY = dt.date(2026, 12, 1)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), ZONE)


def add_visit(repo, project="XM2026-004", day=TUESDAY, hour=10, departments=("D01", "D03"), place="P01",
              status=VisitStatus.PLANNED) -> int:
    start = at(day, hour)
    return repo.insert_visit(Visit(None, project, start, start + dt.timedelta(hours=2), place, departments,
                                   ("I01", "I03"), status=status))




@pytest.fixture
def workspace(demo_db, db_path, demo_today, qapp):
    from desktop_app.ui.controllers.workspace import Workspace

    ws = Workspace(demo_db, db_path, demo_today)
    yield ws
    ws.jobs.cancel()
    ws.jobs.wait()


@pytest.fixture
def page(qtbot, workspace):
    from desktop_app.ui.calendar.calendar_page import CalendarPage

    widget = CalendarPage(workspace)
    widget.resize(1400, 900)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_week_view_shows_a_visit_in_its_departments_lanes_at_its_time(workspace, page):
    visit_id = add_visit(workspace.repo)
    page.reload()
    assert page.current_range() == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    lanes = page.lanes
    rects = lanes.visit_rects(visit_id)
    assert len(rects) == 2
    rows = sorted(int((r.center().y() - HEADER_HEIGHT + lanes.verticalScrollBar().value()) // LANE_HEIGHT)
                  for r in rects)
    assert rows == sorted([lanes.lane_index("D01"), lanes.lane_index("D03")])
    # Each lane shows every department once; the visit is nowhere else.
    assert len(page.period.lanes) == len(workspace.repo.departments())
    left = rects[0].left() - LABEL_WIDTH + lanes.horizontalScrollBar().value()
    assert lanes.moment_at(left + 1) == at(TUESDAY, 10)
    assert lanes.moment_at(rects[0].right() - LABEL_WIDTH + lanes.horizontalScrollBar().value() - 1) == at(TUESDAY, 12)
    block = lanes.block_at(rects[0].center())
    assert block.kind == "visit" and block.visit.id == visit_id
    tooltip = lanes.tooltip_at(rects[0].center())
    assert "长盛高纯石墨卡瓣研发生产项目" in tooltip and "10:00–12:00" in tooltip


def test_busy_events_and_holidays_are_shown_with_their_titles(workspace, page):
    import_calendar_bytes(workspace.db, "D03", "drill.ics", busy_ics("20261202T090000", "20261202T110000", "人防演练"),
                          window=(dt.date(2026, 11, 1), dt.date(2027, 3, 1)))
    workspace.repo.replace_holiday_override(None, HolidayOverride(dt.date(2026, 12, 4), HolidayKind.HOLIDAY, "临时停工"))
    workspace.reload()      # the calendar follows holiday changes through the workspace
    page.reload()
    lane = page.lanes.lane_index("D03")
    busy = [b for b in page.lanes._lane_blocks[lane] if b.kind == "busy"]
    assert "人防演练" in [b.text for b in busy]
    friday = next(d for d in page.period.days if d.day == dt.date(2026, 12, 4))
    assert not friday.working and friday.label == "临时停工"
    column_x = page.lanes._column(dt.date(2026, 12, 4)).x + LABEL_WIDTH - page.lanes.horizontalScrollBar().value()
    assert "临时停工" in page.lanes.tooltip_at(QPointF(column_x + 5, 10))


def test_next_previous_and_today(workspace, page):
    visit_id = add_visit(workspace.repo)
    later = add_visit(workspace.repo, day=dt.date(2026, 12, 9))
    page.reload()
    assert {v.id for v in page.period.visits} == {visit_id}
    page.next_button.click()
    assert page.current_range() == (dt.date(2026, 12, 7), dt.date(2026, 12, 13))
    assert {v.id for v in page.period.visits} == {later}
    page.next_button.click()
    page.previous_button.click()
    assert page.current_range()[0] == dt.date(2026, 12, 7)
    page.today_button.click()
    assert page.current_range()[0] == dt.date(2026, 11, 30)
    assert "49" in page.range_label.text()


def test_day_and_month_views(workspace, page):
    visit_id = add_visit(workspace.repo)
    page.reload()
    page.go_to(TUESDAY)
    page.set_mode("day")
    assert page.current_range() == (TUESDAY, TUESDAY)
    assert len(page.lanes.visit_rects(visit_id)) == 2
    page.step(1)
    assert page.period.visits == []
    page.set_mode("month")
    assert page.current_range() == (dt.date(2026, 11, 30), dt.date(2027, 1, 3))
    page.month_view.repaint()
    hits = [visit.id for _, visit in page.month_view._hits]
    assert hits == [visit_id]
    rect = next(r for r, v in page.month_view._hits if v.id == visit_id)
    page.month_view.mousePressEvent(_press(rect.center()))
    assert page.selected_visit().id == visit_id
    page.month_view.dayActivated.emit(TUESDAY)
    assert page.mode == "day" and page.current_range() == (TUESDAY, TUESDAY)


def _press(point: QPointF):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent

    return QMouseEvent(QEvent.Type.MouseButtonPress, point, point, Qt.MouseButton.LeftButton,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)


def test_filters_by_department_level_and_place(workspace, page):
    at_p01 = add_visit(workspace.repo)
    at_p02 = add_visit(workspace.repo, project="XM2026-007", hour=15, departments=("D02", "D04"), place="P02")
    page.reload()
    page.department_filter.setCurrentIndex(page.department_filter.findData("D01"))
    assert [lane.department.code for lane in page.period.lanes] == ["D01"]
    assert {v.id for v in page.period.visits} == {at_p01}
    page.department_filter.setCurrentIndex(0)
    page.level_filter.setCurrentIndex(page.level_filter.findData("district"))
    assert page.period.lanes and all(lane.department.level.value == "district" for lane in page.period.lanes)
    assert {v.id for v in page.period.visits} == set()      # both visits have only city departments
    page.level_filter.setCurrentIndex(0)
    page.place_filter.setCurrentIndex(page.place_filter.findData("P02"))
    assert {v.id for v in page.period.visits} == {at_p02}
    assert len(page.period.lanes) == len(workspace.repo.departments())
    page.place_filter.setCurrentIndex(0)
    assert {v.id for v in page.period.visits} == {at_p01, at_p02}


def test_details_panel_shows_project_departments_items_and_status(workspace, page):
    visit_id = add_visit(workspace.repo, status=VisitStatus.PUBLISHED)
    moved = workspace.repo.visit(visit_id)
    import dataclasses

    workspace.repo.update_visit(dataclasses.replace(moved, start=at(TUESDAY, 9), end=at(TUESDAY, 11)))
    page.reload()
    page.select_visit(visit_id)
    text = page.details.toPlainText()
    for expected in ("长盛高纯石墨卡瓣研发生产项目", "XM2026-004", "山东长盛新材料科技有限公司", "09:00–11:00",
                     "新能源新材料产业园", "济宁市自然资源和规划局", "王科长 0537-2316101", "济宁市人民防空办公室",
                     "规划条件核实", "人防验收", "Published to the departments", "SEQUENCE 1", "Previously:"):
        assert expected in text, expected
    page.select_visit(0)
    assert "Select a visit" in page.details.toPlainText()


def test_dragging_a_visit_emits_the_move_request_and_a_refusal_snaps_back(workspace, page, qtbot):
    visit_id = add_visit(workspace.repo)
    page.reload()
    lanes = page.lanes
    rect = lanes.visit_rects(visit_id)[0]
    hour = lanes.x_of(at(TUESDAY, 11)) - lanes.x_of(at(TUESDAY, 10))
    start = rect.center().toPoint()
    end = QPoint(int(start.x() + 4 * hour + 0.5), start.y())
    viewport = lanes.viewport()
    with qtbot.waitSignal(page.visitMoveRequested, timeout=2000) as blocker:
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(viewport, QPoint(start.x() + 20, start.y()))
        qtbot.mouseMove(viewport, end)
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert blocker.args == [visit_id, at(TUESDAY, 14)]
    assert page.selected_visit().id == visit_id
    assert visit_id in lanes.pending_moves()          # shown at the proposed time until answered
    page.refuse_move(visit_id, "济宁市人民防空办公室 is busy then")
    qtbot.waitUntil(lambda: visit_id not in lanes.pending_moves(), timeout=3000)
    assert lanes.visit_rects(visit_id)[0].left() == pytest.approx(rect.left())
    assert "busy then" in page.summary.text()
    assert workspace.repo.visit(visit_id).start == at(TUESDAY, 10)   # the view never writes on its own


def test_a_click_without_moving_does_not_request_a_move(workspace, page, qtbot):
    visit_id = add_visit(workspace.repo)
    page.reload()
    point = page.lanes.visit_rects(visit_id)[0].center().toPoint()
    with qtbot.assertNotEmitted(page.visitMoveRequested):
        qtbot.mouseClick(page.lanes.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert page.selected_visit().id == visit_id


def test_a_locked_visit_cannot_be_dragged(workspace, page, qtbot):
    import dataclasses

    visit_id = add_visit(workspace.repo)
    workspace.repo.update_visit(dataclasses.replace(workspace.repo.visit(visit_id), locked=True))
    page.reload()
    start = page.lanes.visit_rects(visit_id)[0].center().toPoint()
    viewport = page.lanes.viewport()
    with qtbot.assertNotEmitted(page.visitMoveRequested):
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(viewport, QPoint(start.x() + 80, start.y()))
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(start.x() + 80, start.y()))
    assert "locked" in page.lanes.last_refusal


def test_a_conflicting_visit_is_flagged_with_its_reason(workspace, page):
    visit_id = add_visit(workspace.repo)
    fine = add_visit(workspace.repo, project="XM2026-007", hour=15, departments=("D02",), place="P02")
    import_calendar_bytes(workspace.db, "D03", "m.ics", busy_ics("20261201T110000", "20261201T120000", "党组会"),
                          window=(dt.date(2026, 11, 1), dt.date(2027, 3, 1)))
    page.reload()
    info = page.period.visit(visit_id)
    assert [(c.department, c.reason) for c in info.conflicts] == [("D03", "党组会")]
    assert page.period.visit(fine).conflicts == ()
    rect = page.lanes.visit_rects(visit_id)[0]
    assert "党组会 (11:00–12:00)" in page.lanes.tooltip_at(rect.center())
    page.select_visit(visit_id)
    assert "Conflict: the visit no longer fits" in page.details.toPlainText()
    assert "济宁市人民防空办公室: busy: 党组会 (11:00–12:00)" in page.details.toPlainText()
    assert "1 with conflicts" in page.summary.text()


def test_the_calendar_is_a_page_of_the_main_window_in_chinese(window, qtbot, qapp):
    from desktop_app.ui.app import set_language

    add_visit(window.workspace.repo)
    set_language(qapp, "zh_CN")
    window.rebuild()
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert "排期日历" in titles
    window.show_page("calendar")
    page = window.pages["calendar"]
    assert page.today_button.text() == "今天"
    assert page.range_label.text() == "2026年11月30日 – 12月6日 · 第 49 周"
    assert "已排期未发布" in page.legend.text()
