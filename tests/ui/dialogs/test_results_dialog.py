"""录入验收结果 from the GUI: the dialog records through the core, undo and redo are exact, refusals stay inline."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.core.model.domain import Finding, Opinion, RequestStatus, VisitStatus
from desktop_app.core.store import acceptance_records, history
from desktop_app.ui.dialogs.results_dialog import ResultsDialog


def ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def state(repo):
    """Where every request and visit stands, and every result and report (the history keeps both the
    recording and its withdrawal, so it is left out)."""
    return (repo.projects(), repo.visits(include_cancelled=True), acceptance_records.results(repo.db),
            acceptance_records.reports(repo.db))


def results_of(repo, visit_id):
    return sorted((r.department, r.opinion, r.findings, r.reason)
                  for r in acceptance_records.results(repo.db, visit=visit_id))


def test_fire_department_finds_two_problems_the_others_pass_undo_and_redo_exactly(window, past_visit, qtbot):
    repo, stack = window.workspace.repo, window.workspace.undo_stack
    before = state(repo)
    window.show_page("calendar")
    window.pages["calendar"].show_visit(past_visit.id)
    assert window.pages["calendar"].results_button.isEnabled()
    window.pages["calendar"].results_button.click()          # from the visit's details panel
    dialog = window.acceptance_actions.dialog
    assert isinstance(dialog, ResultsDialog) and dialog.isVisible()
    assert list(dialog.rows) == list(past_visit.departments) and len(dialog.rows) == 8

    fire = dialog.rows["D02"]
    fire.opinion.setCurrentIndex(fire.opinion.findData(str(Opinion.RECTIFY)))
    assert len(fire.findings) == 1 and fire.findings_panel.isVisibleTo(dialog)
    assert [fire.findings[0].item.itemData(i) for i in range(fire.findings[0].item.count())] == [None, "I02"]
    fire.findings[0].text.setText("消防通道被占用")
    fire.findings[0].item.setCurrentIndex(1)
    second = fire.add_finding()
    second.text.setText("喷淋末端试水压力不足")
    second.attachment.setText("/照片/喷淋.jpg")
    fire.add_finding()                                        # left empty: not a finding
    dialog.all_passed_button.click()
    assert fire.chosen() is Opinion.RECTIFY                   # what was chosen stays
    assert all(row.chosen() is Opinion.PASSED for code, row in dialog.rows.items() if code != "D02")
    ok(dialog).click()

    assert not dialog.isVisible()
    project = repo.project("XM2026-004")
    assert project.status is RequestStatus.RECTIFYING
    assert window.statusBar().currentMessage() == "Request XM2026-004 is now: Rectifying"
    assert repo.visit(past_visit.id).status is VisitStatus.DONE
    recorded = results_of(repo, past_visit.id)
    expected = sorted([("D02", Opinion.RECTIFY, (Finding("消防通道被占用", "I02"),
                                                  Finding("喷淋末端试水压力不足", None, "/照片/喷淋.jpg")), "")]
                      + [(d, Opinion.PASSED, (), "") for d in past_visit.departments if d != "D02"])
    assert recorded == expected
    after = state(repo)
    assert stack.canUndo() and "XM2026-004" in stack.undoText()

    stack.undo()                                              # Ctrl+Z: undo_results
    assert state(repo) == before
    assert repo.project("XM2026-004").status is RequestStatus.SCHEDULED
    stack.redo()                                              # Ctrl+Y: recorded again
    assert results_of(repo, past_visit.id) == expected
    assert repo.project("XM2026-004").status is RequestStatus.RECTIFYING
    redone = state(repo)
    assert redone[:2] == after[:2]                            # results are stored again under new ids
    assert [dataclasses.replace(r, id=None) for r in redone[2]] == [dataclasses.replace(r, id=None) for r in after[2]]
    events = [e.event for e in history.entries(repo.db, "XM2026-004")]
    assert events.count("result") == 16 and events.count("results_withdrawn") == 1


def test_a_refusal_is_shown_in_the_dialog_which_stays_open_and_nothing_changes(window, past_visit, qtbot):
    repo = window.workspace.repo
    before = state(repo)
    dialog = window.acceptance_actions.record_results(past_visit.id)
    lightning = dialog.rows["D05"]
    lightning.opinion.setCurrentIndex(lightning.opinion.findData(str(Opinion.FAILED)))
    assert lightning.reason.isVisibleTo(dialog)
    ok(dialog).click()
    assert dialog.isVisible()
    assert "give the reason" in dialog.problem.text()
    assert state(repo) == before and not window.workspace.undo_stack.canUndo()
    lightning.reason.setText("接闪带未与引下线可靠连接")
    ok(dialog).click()
    assert not dialog.isVisible()
    assert repo.project("XM2026-004").status is RequestStatus.FAILED


def test_departments_with_a_result_are_read_only_and_all_passed_fills_the_rest(window, past_visit, qtbot):
    from desktop_app.core.acceptance.results import record_results
    from desktop_app.core.model.domain import DepartmentResult

    repo = window.workspace.repo
    record_results(repo, past_visit.id, [DepartmentResult("D01", Opinion.PASSED),
                                         DepartmentResult("D03", Opinion.ABSENT, reason="车辆故障")],
                   now=past_visit.end, clerk="王玥")
    window.workspace.reload()
    window.show_page("calendar")
    calendar = window.pages["calendar"]
    calendar.show_visit(past_visit.id)
    menu = calendar.visit_menu(past_visit.id)                 # the calendar's context menu on the visit
    record = next(a for a in menu.actions() if a.text() == "Record results…")
    assert record.isEnabled()
    record.trigger()
    dialog = window.acceptance_actions.dialog
    assert not dialog.rows["D01"].opinion.isEnabled() and dialog.rows["D01"].chosen() is Opinion.PASSED
    assert dialog.rows["D03"].chosen() is Opinion.ABSENT and dialog.rows["D03"].reason.text() == "车辆故障"
    dialog.all_passed_button.click()
    assert sorted(e.department for e in dialog.entries()) == sorted(set(past_visit.departments) - {"D01", "D03"})
    ok(dialog).click()
    # D03 did not come: the request goes back to scheduling for it.
    assert repo.project("XM2026-004").status is RequestStatus.PENDING
    again = window.acceptance_actions.record_results(past_visit.id)
    assert not ok(again).isEnabled() and "Ctrl+Z" in again.problem.text()


def test_a_visit_that_has_not_begun_cannot_be_recorded_from_the_calendar(window, qtbot):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from desktop_app.core.model.domain import Visit

    repo = window.workspace.repo
    start = dt.datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    visit_id = repo.insert_visit(Visit(None, "XM2026-001", start, start + dt.timedelta(hours=2), "P03", ("D01",),
                                       ("I01",)))
    window.workspace.reload()
    window.show_page("calendar")
    calendar = window.pages["calendar"]
    calendar.show_visit(visit_id)
    assert not calendar.results_button.isEnabled()
    menu = calendar.visit_menu(visit_id)
    assert not next(a for a in menu.actions() if a.text() == "Record results…").isEnabled()
    assert next(a for a in menu.actions() if a.text() == "Move visit…").isEnabled()
