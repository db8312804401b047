"""Auto-schedule from the GUI: live run, preview, one undoable apply, cancel, conflicts proposed for a fix."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing

import pytest

from desktop_app.core.model.domain import HolidayKind, HolidayOverride, VisitStatus
from desktop_app.core.planning.schedule_process import CANCEL_GRACE_SECONDS
from desktop_app.ui.dialogs.schedule_dialog import APPLIED, CANCELLED, READY, RUNNING, ScheduleDialog
from desktop_app.ui.dialogs.schedule_preview import MOVED, NEW


def dump(db) -> tuple:
    """Everything a schedule touches, exactly as stored."""
    return (db.execute("SELECT * FROM visits ORDER BY id").fetchall(),
            db.execute("SELECT * FROM visit_departments ORDER BY visit, department").fetchall(),
            db.execute("SELECT * FROM visit_items ORDER BY visit, item").fetchall(),
            db.execute("SELECT code, status, modified_at FROM projects ORDER BY code").fetchall())


@pytest.fixture
def dialog(window, qtbot):
    dialog = ScheduleDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    yield dialog
    dialog.cancel_run(quiet=True)
    window.workspace.jobs.wait()


def run(dialog, qtbot, solver: str = "cpsat", seconds: int = 3):
    dialog.solver.setCurrentIndex(dialog.solver.findData(solver))
    dialog.time_limit.setValue(seconds)
    with qtbot.waitSignal(dialog.resultReady, timeout=90_000) as signal:
        dialog.run_button.click()
        assert dialog.state == RUNNING and not dialog.run_button.isEnabled()
    return signal.args[0]


def test_run_preview_apply_and_undo_restore_the_database_exactly(window, dialog, qtbot, demo_db):
    before = dump(demo_db)
    plan = run(dialog, qtbot)
    assert dialog.state == READY and dialog.apply_button.isEnabled()
    assert len(plan.result.new) == 30 and not plan.result.unscheduled
    assert dump(demo_db) == before, "the preview must not write anything"
    assert dialog.preview.groups[NEW].childCount() == 30
    assert dialog.preview.groups[MOVED].childCount() == 0

    stack = window.workspace.undo_stack
    depth = stack.count()
    assert dialog.apply()
    assert dialog.state == APPLIED and not dialog.apply_button.isEnabled()
    assert stack.count() == depth + 1, "one apply is one undo step"
    applied = dump(demo_db)
    visits = window.workspace.repo.visits()
    assert len(visits) == 30
    assert {(v.project, v.start) for v in visits} == {(p.project, p.start) for p in plan.result.visits}
    assert {p.status.value for p in window.workspace.repo.projects()} >= {"scheduled"}

    stack.undo()
    assert dump(demo_db) == before
    stack.redo()
    assert dump(demo_db) == applied, "redo brings back the same visits (same ids, so the same iCal UIDs)"


def test_a_visit_that_no_longer_fits_is_proposed_as_moved_with_the_reason(window, dialog, qtbot, demo_db):
    run(dialog, qtbot, solver="greedy")
    assert dialog.apply()
    repo = window.workspace.repo
    victim = min((v for v in repo.visits() if v.start.date() > dt.date(2026, 12, 2)), key=lambda v: v.start)
    repo.replace_holiday_override(None, HolidayOverride(victim.start.date(), HolidayKind.HOLIDAY, "临时停电检修"))
    window.workspace.reload()

    plan = run(dialog, qtbot, solver="greedy")
    moved = {p.previous.id: p for p in plan.result.moved}
    assert victim.id in moved and moved[victim.id].start.date() != victim.start.date()
    assert any("临时停电检修" in reason for reason in plan.conflict_reasons[victim.id])
    rows = dialog.preview.groups[MOVED]
    texts = [rows.child(i).child(j).text(0) for i in range(rows.childCount())
             for j in range(rows.child(i).childCount())]
    assert any("临时停电检修" in text for text in texts)


def test_keeping_published_visits_moves_no_more_of_them_and_costs_no_lateness(window, dialog, qtbot, demo_db):
    run(dialog, qtbot, solver="greedy")          # a quick plan with many late requests
    assert dialog.apply()
    repo = window.workspace.repo
    for visit in repo.visits():
        repo.update_visit(dataclasses.replace(visit, status=VisitStatus.PUBLISHED))
    dialog.keep_published.setChecked(True)
    kept = run(dialog, qtbot, seconds=6).result
    dialog.keep_published.setChecked(False)
    free = run(dialog, qtbot, seconds=6).result
    assert len(kept.late_reasons) == len(free.late_reasons) < 26
    assert len(kept.moved) <= len(free.moved)
    row = dialog.preview.groups[MOVED].child(0)
    assert any("published" in row.child(i).text(0) for i in range(row.childCount()))


def test_cancelling_a_run_delivers_nothing_and_changes_nothing(window, dialog, qtbot, demo_db):
    before = dump(demo_db)
    delivered = []
    dialog.resultReady.connect(delivered.append)
    dialog.solver.setCurrentIndex(dialog.solver.findData("cpsat"))
    dialog.time_limit.setValue(120)
    dialog.run_button.click()
    qtbot.waitUntil(lambda: dialog._live.latest is not None, timeout=60_000)   # the solver is under way
    # It runs outside the GUI process, so the solver cannot hold up the event loop.
    assert [p.name for p in multiprocessing.active_children()] == ["joint-acceptance-schedule"]
    dialog.cancel_button.click()
    assert dialog.state == CANCELLED and not dialog.apply_button.isEnabled()
    # The child stops at the solver's next report or is ended after a grace period — long before
    # the 120-second limit; whatever it had found is thrown away.
    qtbot.waitUntil(lambda: not window.workspace.jobs.busy(), timeout=int((CANCEL_GRACE_SECONDS + 10) * 1000))
    qtbot.wait(50)
    assert delivered == [] and dialog.plan is None
    assert multiprocessing.active_children() == []
    assert dump(demo_db) == before
    assert not dialog.apply()


def test_closing_the_dialog_mid_run_ends_the_child_process(window, dialog, qtbot, demo_db):
    before = dump(demo_db)
    dialog.time_limit.setValue(120)
    dialog.run_button.click()
    qtbot.waitUntil(lambda: bool(multiprocessing.active_children()), timeout=10_000)
    dialog.close()
    qtbot.waitUntil(lambda: not window.workspace.jobs.busy(), timeout=int((CANCEL_GRACE_SECONDS + 10) * 1000))
    assert multiprocessing.active_children() == []
    assert dump(demo_db) == before


def test_apply_after_another_window_saved_a_schedule_is_refused_and_offers_to_plan_again(
        window, dialog, qtbot, demo_db, db_path):
    """Two clerks press F5 at once: the second Apply must not double-book (issue 13)."""
    from desktop_app.core.planning.scheduler import run_schedule
    from desktop_app.core.store.database import open_database
    from desktop_app.core.store.repository import Repository
    from desktop_app.ui.dialogs.schedule_dialog import STALE

    plan = run(dialog, qtbot, solver="greedy")
    assert len(plan.result.new) == 30
    other_window = open_database(db_path)
    try:
        run_schedule(Repository(other_window), window.workspace.today(), solver="greedy")
    finally:
        other_window.close()
    before = dump(demo_db)
    depth = window.workspace.undo_stack.count()

    assert not dialog.apply()
    assert dialog.state == STALE
    assert dump(demo_db) == before, "the stale plan wrote nothing: 30 visits, not 60"
    assert len(window.workspace.repo.visits()) == 30
    assert window.workspace.undo_stack.count() == depth
    assert not dialog.stale_box.isHidden()
    assert "The schedule changed while planning" in dialog.stale_message.text()
    assert not dialog.apply_button.isEnabled()
    assert dialog.replan_button.isEnabled() and not dialog.preview.isEnabled()

    with qtbot.waitSignal(dialog.resultReady, timeout=90_000) as signal:
        dialog.replan_button.click()
    assert dialog.stale_box.isHidden()
    again = signal.args[0]
    assert again.result.new == [] and len(again.result.unchanged) == 30, "planned from the saved schedule"
