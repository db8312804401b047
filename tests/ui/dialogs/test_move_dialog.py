"""Manual changes from the GUI: move to a listed alternative, refused moves, lock, cancel, publish — all undoable."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from desktop_app.core.store.uid_tokens import uid_token, visit_uid
from desktop_app.core.model.domain import VisitStatus
from desktop_app.core.feeds.publishing import publish_folder
from desktop_app.core.planning.scheduler import run_schedule
from desktop_app.ui.dialogs.move_dialog import MoveDialog


@pytest.fixture
def scheduled(window, demo_today):
    """The demo with its visits planned (the quick plan), shown in the window."""
    run_schedule(window.workspace.repo, demo_today, solver="greedy")
    window.workspace.reload()
    return window


def movable_visit(window):
    first_day = dt.date(2026, 12, 2)
    return min((v for v in window.workspace.repo.visits() if v.start.date() >= first_day), key=lambda v: v.start)


def feed_event(repo, folder, visit_id) -> icalendar.Event:
    publish_folder(repo, folder)
    calendar = icalendar.Calendar.from_ical((folder / "joint-acceptance.ics").read_bytes())
    uid = visit_uid(visit_id, uid_token(repo))
    return next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid)


def test_moving_to_a_listed_alternative_changes_the_database_and_the_feed(scheduled, qtbot, tmp_path):
    window, repo = scheduled, scheduled.workspace.repo
    visit = movable_visit(window)
    before_event = feed_event(repo, tmp_path / "feeds", visit.id)
    actions = window.schedule_actions
    dialog = actions.move_visit(visit.id)
    assert isinstance(dialog, MoveDialog)
    assert dialog.table.rowCount() > 3 and not dialog.options.refusal
    starts = [dialog.table.item(r, 0).data(0x0100) for r in range(dialog.table.rowCount())]
    assert visit.start not in starts, "the current time is not offered as an alternative"
    rows = range(dialog.table.rowCount())
    costs = [("after the deadline" in dialog.table.item(r, 4).text(),
              int(dialog.table.item(r, 2).text()) + int(dialog.table.item(r, 3).text())) for r in rows]
    assert costs == sorted(costs), "best first: on time before late, then the least waiting and extra trips"
    dialog.table.selectRow(2)
    chosen = dialog.selected_start()
    dialog.move_button.click()

    moved = repo.visit(visit.id)
    assert (moved.start, moved.sequence, moved.previous_start) == (chosen, visit.sequence + 1, visit.start)
    after_event = feed_event(repo, tmp_path / "feeds", visit.id)
    assert int(after_event["SEQUENCE"]) == int(before_event.get("SEQUENCE", 0)) + 1
    assert after_event.decoded("DTSTART") == chosen != before_event.decoded("DTSTART")
    assert actions.notice_offer.isVisible(), "the changed notice is offered right after the move"
    actions.notice_offer.close()

    window.workspace.undo_stack.undo()
    assert repo.visit(visit.id) == visit, "undo restores the visit exactly"


def test_a_move_that_breaks_a_hard_rule_is_refused_with_the_reason(scheduled, qtbot):
    window, repo = scheduled, scheduled.workspace.repo
    visit = movable_visit(window)
    calendar = window.pages["calendar"]
    lunch = visit.start.replace(hour=12, minute=30)
    depth = window.workspace.undo_stack.count()
    assert not window.schedule_actions.drag_move(visit.id, lunch)
    assert repo.visit(visit.id) == visit
    assert window.workspace.undo_stack.count() == depth
    assert "office" in calendar.lanes.last_refusal.lower()
    sunday = visit.start + dt.timedelta(days=6 - visit.start.weekday())
    check = window.schedule_actions.edits.move(visit.id, sunday.replace(hour=9, minute=30))
    assert not check.ok and any("working day" in r or "office" in r for r in check.reasons)
    # A time another visit already takes names that visit.
    other = next(v for v in repo.visits() if v.id != visit.id and set(v.departments) & set(visit.departments)
                 and v.start.date() >= dt.date(2026, 12, 2) and v.place != visit.place)
    check = window.schedule_actions.edits.move(visit.id, other.start)
    assert not check.ok and any(other.project in r for r in check.reasons)
    assert repo.visit(visit.id) == visit


def test_lock_cancel_and_publish_are_undoable_and_a_locked_visit_cannot_move(scheduled, qtbot):
    window, repo = scheduled, scheduled.workspace.repo
    edits, stack = window.schedule_actions.edits, window.workspace.undo_stack
    visit = movable_visit(window)
    assert edits.set_locked([visit.id], True) and repo.visit(visit.id).locked
    dialog = window.schedule_actions.move_visit(visit.id)
    assert dialog.options.refusal and dialog.table.rowCount() == 0 and not dialog.move_button.isEnabled()
    dialog.close()
    assert not edits.move(visit.id, visit.start + dt.timedelta(days=1)).ok
    stack.undo()
    assert repo.visit(visit.id) == visit

    assert edits.cancel([visit.id])
    assert repo.visit(visit.id).status is VisitStatus.CANCELLED
    assert repo.project(visit.project).status.value == "pending"
    stack.undo()
    assert repo.visit(visit.id) == visit and repo.project(visit.project).status.value == "scheduled"

    planned = edits.planned_visit_ids()
    assert edits.mark_published(planned)
    assert {repo.visit(i).status for i in planned} == {VisitStatus.PUBLISHED}
    stack.undo()
    assert {repo.visit(i).status for i in planned} == {VisitStatus.PLANNED}
    stack.redo()
    assert {repo.visit(i).status for i in planned} == {VisitStatus.PUBLISHED}


def test_undo_of_a_change_made_stale_by_another_window_changes_nothing(scheduled, qtbot):
    window, repo = scheduled, scheduled.workspace.repo
    visit = movable_visit(window)
    assert window.schedule_actions.edits.set_locked([visit.id], True)
    # Another window changes the same visit behind our back.
    repo.update_visit(repo.visit(visit.id).__class__(**{**repo.visit(visit.id).__dict__, "status": VisitStatus.PUBLISHED}))
    changed = repo.visit(visit.id)
    failures = []
    window.workspace.failed.connect(failures.append)
    window.workspace.undo_stack.undo()
    assert repo.visit(visit.id) == changed and failures


def test_a_move_of_a_visit_another_window_moved_meanwhile_is_refused(scheduled, qtbot, db_path, demo_today):
    """Compare-and-set (issue 13): the move is checked against the visit as the dialog showed it."""
    from desktop_app.core.planning.scheduler import apply_move
    from desktop_app.core.store.database import open_database
    from desktop_app.core.store.repository import Repository

    window, repo = scheduled, scheduled.workspace.repo
    visit = movable_visit(window)
    dialog = window.schedule_actions.move_visit(visit.id)
    starts = [dialog.table.item(r, 0).data(0x0100) for r in range(dialog.table.rowCount())]
    other_window = open_database(db_path)
    try:
        apply_move(Repository(other_window), visit.id, starts[1], today=demo_today, expected=visit)
    finally:
        other_window.close()
    moved_elsewhere = repo.visit(visit.id)
    depth = window.workspace.undo_stack.count()
    dialog.table.selectRow(0)
    assert not dialog.move_selected()
    assert "changed meanwhile" in dialog.message.text()
    assert repo.visit(visit.id) == moved_elsewhere and moved_elsewhere.start == starts[1]
    assert window.workspace.undo_stack.count() == depth
