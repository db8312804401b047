"""Requests through the dialog: create, edit, duplicate, delete, undo and redo — all in the database."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.core.model.domain import RequestStatus, VisitStatus
from desktop_app.core.store.repository import Repository
from desktop_app.core.store.database import open_database


def _fill_new_request(dialog, code="XM2026-900"):
    dialog.code.setText(code)
    dialog.name.setText("测试厂房")
    dialog.owner.setText("测试建设单位")
    dialog.place.setCurrentIndex(dialog.place.findData("P03"))
    dialog.set_item_checked("I01", True)
    dialog.set_item_checked("I02", True)


def test_new_request_is_validated_inline_then_saved(window, demo_repo, qtbot):
    dialog = window.edit_request(None)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert "a value is required" in dialog.problems_label.text()
    _fill_new_request(dialog)
    assert "(2)" in dialog.departments_label.text()
    assert ok.isEnabled(), dialog.problems_label.text()
    ok.click()
    saved = demo_repo.project("XM2026-900")
    assert saved is not None and saved.items == ("I01", "I02") and saved.place == "P03"
    assert window.pages["requests"].selected_project().code == "XM2026-900"


def test_ready_before_applied_is_refused_inline(window):
    dialog = window.edit_request(None)
    _fill_new_request(dialog)
    dialog.ready_on.setDate(dialog.applied_on.date().addDays(-1))
    assert "before the application date" in dialog.problems_label.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_edit_undo_redo(window, demo_repo):
    original = demo_repo.project("XM2026-004")
    dialog = window.edit_request(original)
    assert dialog.code.isReadOnly()
    dialog.name.setText("改名后的项目")
    dialog.set_item_checked("I13", False)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    edited = demo_repo.project("XM2026-004")
    assert edited.name == "改名后的项目" and "I13" not in edited.items

    window.undo_action.trigger()
    assert demo_repo.project("XM2026-004") == original
    window.redo_action.trigger()
    assert demo_repo.project("XM2026-004") == edited
    assert window.pages["requests"].model.records[3].project.name == "改名后的项目"


def test_delete_and_undo_restores_the_request(window, demo_repo):
    original = demo_repo.project("XM2026-010")
    assert window.workspace.save_project(original, None)
    assert demo_repo.project("XM2026-010") is None
    assert window.pages["requests"].model.rowCount() == 29
    window.workspace.undo_stack.undo()
    assert demo_repo.project("XM2026-010") == original
    assert window.pages["requests"].model.rowCount() == 30


def test_duplicate_gets_a_free_code(window, demo_repo):
    source = demo_repo.project("XM2026-001")
    dialog = window.duplicate_request(source)
    assert dialog.code.text() == "XM2026-001-2" and not dialog.code.isReadOnly()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    copy = demo_repo.project("XM2026-001-2")
    assert copy.items == source.items and copy.status is RequestStatus.PENDING


def test_second_window_cannot_overwrite_an_unseen_change(window, demo_repo, db_path, qtbot):
    """Compare-and-set: an edit based on what another instance has since changed is refused."""
    stale = demo_repo.project("XM2026-005")
    other = Repository(open_database(db_path))
    other.replace_project(stale, dataclasses.replace(stale, owner="另一个窗口改的"))
    with qtbot.waitSignal(window.workspace.failed) as failure:
        assert not window.workspace.save_project(stale, dataclasses.replace(stale, name="本窗口的修改"))
    assert "changed elsewhere" in failure.args[0]
    assert demo_repo.project("XM2026-005").owner == "另一个窗口改的"
    assert demo_repo.project("XM2026-005").name == stale.name


def test_undo_after_another_window_changed_the_record_is_refused(window, demo_repo, db_path, qtbot):
    before = demo_repo.project("XM2026-006")
    window.workspace.save_project(before, dataclasses.replace(before, priority=5))
    other = Repository(open_database(db_path))
    other.replace_project(other.project("XM2026-006"), dataclasses.replace(before, priority=7))
    with qtbot.waitSignal(window.workspace.failed):
        window.workspace.undo_stack.undo()
    assert demo_repo.project("XM2026-006").priority == 7


def test_filters_search_status_place_department_and_late(window, qtbot):
    page = window.pages["requests"]
    page.search.setText("电子信息产业园")
    page.apply_filter()
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert shown and all(page.model.records[int(c[-3:]) - 1].place_name == "电子信息产业园" or "电子信息" in
                         page.model.records[int(c[-3:]) - 1].search_text for c in shown)
    page.search.clear()
    page.place_filter.setCurrentIndex(page.place_filter.findData("P01"))
    assert page.proxy.rowCount() == sum(1 for r in page.model.records if r.project.place == "P01")
    page.place_filter.setCurrentIndex(0)
    page.late_filter.setChecked(True)
    late = {r.project.code for r in page.model.records if r.late}
    assert late and page.proxy.rowCount() == len(late)
    assert "of 30 requests" in page.count_label.text()


def test_sorting_by_a_column_keeps_the_selection_and_the_filter(window, demo_today):
    from PySide6.QtCore import Qt

    from desktop_app.core.planning.scheduler import run_schedule

    repo = window.workspace.repo
    run_schedule(repo, demo_today, solver="greedy")
    first = repo.visits()[0]
    repo.update_visit(dataclasses.replace(first, status=VisitStatus.CANCELLED))   # one request without a visit
    window.workspace.reload()
    page = window.pages["requests"]
    deadline_column, visit_column = 6, 8

    def shown(attribute):
        return [getattr(page.model.records[page.proxy.mapToSource(page.proxy.index(r, 0)).row()], attribute)
                for r in range(page.proxy.rowCount())]

    page.select("XM2026-007")
    page.table.sortByColumn(deadline_column, Qt.SortOrder.DescendingOrder)
    deadlines = shown("deadline")
    assert deadlines == sorted(deadlines, reverse=True) and len(deadlines) == 30
    assert page.selected_project().code == "XM2026-007"          # the selection follows its row

    page.place_filter.setCurrentIndex(page.place_filter.findData("P01"))
    deadlines = shown("deadline")
    assert deadlines == sorted(deadlines, reverse=True) and 0 < len(deadlines) < 30

    page.place_filter.setCurrentIndex(0)
    page.table.sortByColumn(visit_column, Qt.SortOrder.AscendingOrder)
    starts = shown("visit_start")
    scheduled = [start for start in starts if start is not None]
    assert 0 < len(scheduled) < len(starts)
    assert scheduled == sorted(scheduled) and starts == scheduled + [None] * (len(starts) - len(scheduled))

    page.reload()                                                  # a reload keeps the chosen order
    assert shown("visit_start") == starts
    page.table.sortByColumn(visit_column, Qt.SortOrder.DescendingOrder)
    descending = shown("visit_start")
    assert descending == sorted(scheduled, reverse=True) + [None] * (len(starts) - len(scheduled))   # empty last
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    codes = [row.code for row in shown("project")]
    assert codes == sorted(codes)


def _status_choices(dialog) -> list[str]:
    return [dialog.status.itemData(i) for i in range(dialog.status.count())]


def test_rectifying_and_not_passed_are_not_choosable_by_hand(window, demo_repo):
    for dialog in (window.edit_request(None), window.edit_request(demo_repo.project("XM2026-004"))):
        assert dialog.status.isEnabled()
        assert "rectifying" not in _status_choices(dialog) and "failed" not in _status_choices(dialog)
        assert {"pending", "scheduled", "done", "withdrawn"} <= set(_status_choices(dialog))
        assert "recorded results" in dialog.status.toolTip()
        dialog.reject()


def test_a_request_the_results_made_rectifying_or_not_passed_shows_it_read_only(window, demo_repo):
    for status in (RequestStatus.RECTIFYING, RequestStatus.FAILED):
        demo_repo.set_project_status("XM2026-004", status)
        window.workspace.reload()
        dialog = window.edit_request(demo_repo.project("XM2026-004"))
        assert not dialog.status.isEnabled() and dialog.status.currentData() == str(status)
        assert "recorded results decide this status" in dialog.status.toolTip()
        dialog.name.setText(f"改名 {status}")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        saved = demo_repo.project("XM2026-004")
        assert saved.name == f"改名 {status}" and saved.status is status     # other fields still editable


def test_the_core_refuses_a_hand_set_result_status(demo_repo):
    pending = demo_repo.project("XM2026-004")
    for status in (RequestStatus.RECTIFYING, RequestStatus.FAILED):
        problems = demo_repo.project_problems(dataclasses.replace(pending, status=status), new=False)
        assert any("follows only from recorded results" in p for p in problems), problems
        new = dataclasses.replace(pending, code="XM2026-901", status=status)
        assert any("follows only from recorded results" in p for p in demo_repo.project_problems(new, new=True))
    demo_repo.set_project_status(pending.code, RequestStatus.RECTIFYING)
    kept = dataclasses.replace(demo_repo.project(pending.code), name="改名")
    assert demo_repo.project_problems(kept, new=False) == []                # it stays where the results put it
