"""After the visit in the GUI: results due on the calendar and the dashboard, the 整改跟踪 page, the report of a
rectification (undoable), the requests' new statuses and filters, and the request's history timeline."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QUrl, Qt

from desktop_app.core.model.domain import DepartmentResult, Finding, Opinion, RequestStatus
from desktop_app.ui.calendar.calendar_view import HELD_FILL, RESULTS_DUE, visit_style
from desktop_app.ui.widgets.table_model import RED

CODE = "XM2026-004"


def rectify(window, visit, texts=("消防通道被占用", "喷淋末端试水压力不足")):
    """The fire department (D02) found problems, the others passed; recorded through the GUI's controller."""
    from desktop_app.ui.controllers.result_edits import record_results as record

    entries = [DepartmentResult(d, Opinion.RECTIFY, tuple(Finding(t, "I02" if n == 0 else None)
                                                          for n, t in enumerate(texts)))
               if d == "D02" else DepartmentResult(d, Opinion.PASSED) for d in visit.departments]
    assert record(window.workspace, visit.id, entries) is None


def week_info(window, visit_id):
    calendar = window.pages["calendar"]
    calendar.show_visit(visit_id)
    return calendar.period.visit(visit_id)


def test_a_past_visit_without_results_is_marked_on_the_calendar_and_listed_on_the_dashboard(window, past_visit,
                                                                                             qtbot):
    window.show_page("calendar")
    info = week_info(window, past_visit.id)
    assert info.due and info.results_due == past_visit.departments and not info.held
    colour, pen = visit_style(info, sorted(window.pages["calendar"].period.places))
    assert pen.color() == RESULTS_DUE and pen.widthF() > 2
    assert "1 with results due" in window.pages["calendar"].summary.text()
    assert "Results due: nothing recorded yet" in window.pages["calendar"].details.toPlainText()
    tooltip_rect = window.pages["calendar"].lanes.visit_rects(past_visit.id)[0]
    assert "Results due" in window.pages["calendar"].lanes.tooltip_at(tooltip_rect.center())

    window.show_page("dashboard")
    dashboard = window.pages["dashboard"]
    assert [d.visit.id for d in dashboard.results_due] == [past_visit.id]
    assert "(1)" in dashboard.due_title.text()
    assert "长盛高纯石墨卡瓣研发生产项目" in dashboard.due_list.toPlainText()
    with qtbot.waitSignal(dashboard.visitActivated) as opened:
        dashboard.due_list.anchorClicked.emit(QUrl(f"visit:{past_visit.id}"))
    assert opened.args == [past_visit.id] and window.current_page_key() == "calendar"
    assert window.pages["calendar"].selected_visit().id == past_visit.id

    # Recording the results moves the views on: the visit took place, the dashboard's list empties.
    repo = window.workspace.repo
    assert window.acceptance_actions.record_results(past_visit.id) is not None
    dialog = window.acceptance_actions.dialog
    dialog.all_passed_button.click()
    dialog.accept()
    assert repo.project(CODE).status is RequestStatus.DONE
    window.show_page("dashboard")
    assert dashboard.results_due == [] and "(0)" in dashboard.due_title.text()
    window.show_page("calendar")
    info = week_info(window, past_visit.id)
    assert info.held and not info.due
    assert visit_style(info, [])[0] == HELD_FILL
    assert "Took place" in window.pages["calendar"].details.toPlainText()
    assert "passed" in window.pages["calendar"].details.toPlainText()


def test_rectification_page_lists_a_rectifying_request_with_its_findings_and_days_left(window, past_visit, qtbot):
    rectify(window, past_visit)
    window.show_page("rectification")
    page = window.pages["rectification"]
    assert page.rectifying.topLevelItemCount() == 1
    node = page.rectifying.topLevelItem(0)
    deadline = past_visit.start.date() + dt.timedelta(days=15)
    assert [node.text(c) for c in (0, 4, 5)] == [CODE, "11 Dec 2026", "11 day(s)"]
    assert [(node.child(i).text(1), node.child(i).text(2)) for i in range(node.childCount())] == [
        ("消防通道被占用", "消防验收"), ("喷淋末端试水压力不足", "")]
    assert node.child(0).text(0).startswith("济宁市住房和城乡建设局")
    assert node.foreground(5).color() != RED
    assert not page.print_button.isEnabled() and page.print_button.toolTip()

    # Two days before the deadline the days left turn red.
    from desktop_app.ui.controllers.workspace import Workspace
    from desktop_app.ui.pages.rectification_page import RectificationPage

    late = Workspace(window.workspace.db, window.workspace.path, deadline - dt.timedelta(days=2))
    late_page = RectificationPage(late)
    qtbot.addWidget(late_page)
    late_node = late_page.rectifying.topLevelItem(0)
    assert late_node.text(5) == "2 day(s)" and late_node.foreground(5).color() == RED

    # Double-click opens the request.
    with qtbot.waitSignal(page.openRequested) as opened:
        page.rectifying.itemDoubleClicked.emit(node.child(1), 0)
    assert opened.args == [CODE]


def test_reporting_the_rectification_opens_a_reinspection_and_is_undoable(window, past_visit, qtbot):
    repo = window.workspace.repo
    rectify(window, past_visit)
    window.show_page("rectification")
    page = window.pages["rectification"]
    page.select(CODE)
    assert page.rectified_button.isEnabled()
    page.rectified_button.click()
    dialog = window.acceptance_actions.dialog
    assert "消防通道被占用" in dialog.summary.text() and "喷淋末端试水压力不足" in dialog.summary.text()
    assert dialog.reported_on.date().toString("yyyy-MM-dd") == "2026-11-30"     # today by default
    from PySide6.QtCore import QDate

    dialog.reported_on.setDate(QDate(2026, 12, 1))                             # after today: refused inline
    dialog.accept()
    assert dialog.isVisible() and "future" in dialog.problem.text()
    assert repo.project(CODE).status is RequestStatus.RECTIFYING
    dialog.reported_on.setDate(QDate(2026, 11, 29))
    dialog.accept()
    assert not dialog.isVisible()
    project = repo.project(CODE)
    assert project.status is RequestStatus.PENDING and project.round == 1
    assert page.rectifying.topLevelItemCount() == 0 and page.reinspections.topLevelItemCount() == 1
    waiting = page.reinspections.topLevelItem(0)
    assert [waiting.text(c) for c in (0, 2, 5)] == [CODE, "1", "Not scheduled yet"]
    assert waiting.text(3).startswith("济宁市住房和城乡建设局")

    window.workspace.undo_stack.undo()
    assert repo.project(CODE).status is RequestStatus.RECTIFYING and repo.project(CODE).round == 0
    assert page.rectifying.topLevelItemCount() == 1 and page.reinspections.topLevelItemCount() == 0
    window.workspace.undo_stack.redo()
    assert repo.project(CODE).round == 1 and repo.project(CODE).round_ready_on == dt.date(2026, 11, 29)


def test_requests_table_shows_the_new_statuses_and_filters_by_them(window, past_visit, qtbot):
    page = window.pages["requests"]
    window.show_page("requests")
    rectify(window, past_visit)
    statuses = {r.project.code: page.proxy.sourceModel().index(i, 7).data() for i, r in enumerate(page.model.records)}
    assert statuses[CODE] == "Rectifying"
    page.status_filter.setCurrentIndex(page.status_filter.findData("rectifying"))
    assert page.proxy.rowCount() == 1
    page.select(CODE)
    assert page.rectified_button.isEnabled()
    page.rectified_button.click()
    window.acceptance_actions.dialog.accept()
    assert page.proxy.rowCount() == 0
    page.status_filter.setCurrentIndex(page.status_filter.findData("reinspection"))
    assert page.proxy.rowCount() == 1
    row = page.model.records[page.proxy.mapToSource(page.proxy.index(0, 0)).row()]
    assert row.project.code == CODE and page.proxy.index(0, 7).data() == "Re-inspection: Waiting"
    assert row.deadline == row.project.round_deadline and row.visit_start is None
    filters = [page.status_filter.itemText(i) for i in range(page.status_filter.count())]
    assert filters == ["All statuses", "Waiting", "Scheduled", "Re-inspection", "Rectifying", "Accepted",
                       "Not passed", "Withdrawn"]


def test_the_request_editor_shows_its_history_and_keeps_its_round(window, past_visit, qtbot):
    repo = window.workspace.repo
    rectify(window, past_visit)
    from desktop_app.ui.controllers.result_edits import report_rectified

    assert report_rectified(window.workspace, CODE, dt.date(2026, 11, 30)) is None
    dialog = window.edit_request(repo.project(CODE))
    texts = [dialog.history_model.index(r, 2).data() for r in range(dialog.history_model.rowCount())]
    assert texts[0] == "Result of D01 at visit {id}: passed".format(id=past_visit.id)
    assert "Result of D02 at visit {id}: rectification needed (2 findings: 消防通道被占用；喷淋末端试水压力不足)".format(
        id=past_visit.id) in texts
    assert "Request now rectifying" in texts
    assert texts[-1].startswith("Owner reported the findings fixed on 2026-11-30; re-inspection round 1")
    clerk = window.workspace.clerk()
    assert {dialog.history_model.index(r, 1).data() for r in range(len(texts))} == {clerk}
    history_tab = dialog.history_index
    assert dialog.tabs.tabText(history_tab) == f"History ({len(texts)})" and dialog.tabs.isTabEnabled(history_tab)
    assert not dialog.history_model.flags(dialog.history_model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable   # read-only
    before = repo.project(CODE)
    dialog.priority.setValue(4)
    dialog.accept()
    after = repo.project(CODE)
    assert after == dataclasses.replace(before, priority=4)      # round, its dates and status are kept
    new = window.edit_request(None)
    assert not new.tabs.isTabEnabled(new.history_index)


@pytest.fixture
def chinese(qapp):
    from desktop_app.ui.app import set_language

    set_language(qapp, "zh_CN")
    yield
    set_language(qapp, "en")


def test_lifecycle_views_in_chinese(chinese, window, past_visit, qtbot):
    window.rebuild()
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert "整改跟踪" in titles
    window.show_page("calendar")
    calendar = window.pages["calendar"]
    assert "待录入结果" in calendar.legend.text() and "已进行" in calendar.legend.text()
    calendar.show_visit(past_visit.id)
    assert calendar.results_button.text() == "录入验收结果…"
    dialog = window.acceptance_actions.record_results(past_visit.id)
    assert dialog.windowTitle() == "录入验收结果" and dialog.all_passed_button.text() == "全部通过"
    opinions = [dialog.rows["D02"].opinion.itemText(i) for i in range(dialog.rows["D02"].opinion.count())]
    assert opinions[1:] == ["通过", "需整改", "不通过", "部门未到场", "建设单位未准备就绪"]
    dialog.close()
    rectify(window, past_visit)
    window.show_page("requests")
    page = window.pages["requests"]
    record = next(i for i, r in enumerate(page.model.records) if r.project.code == CODE)
    assert page.model.index(record, 7).data() == "整改中"
    window.show_page("rectification")
    assert window.pages["rectification"].rectifying.topLevelItem(0).text(5) == "11 天"
    from desktop_app.ui.controllers.result_edits import report_rectified

    assert report_rectified(window.workspace, CODE, dt.date(2026, 11, 30)) is None
    window.show_page("requests")
    assert page.model.index(record, 7).data() == "复验·待排期"
