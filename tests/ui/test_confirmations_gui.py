"""Departments' confirmations (回执) in the GUI (issue 15 item 5): one click in the visit's details records an answer
by hand (a decline asks for the reason), undo/redo, the decline's red outline and words, the move dialog's times,
the dashboard's list, REPLY files and the calendar server through the 验收 menu — on the demo, scheduled with the
greedy solver and published (today = Monday 2026-11-30; visit 3 is XM2026-003 on Thursday 2026-12-03 10:00)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop_app.core.acceptance.confirmations import record_confirmation, visit_confirmations
from desktop_app.core.calendar.availability import BlockKind
from desktop_app.core.model.domain import ConfirmationSource, ConfirmationState, VisitStatus
from desktop_app.core.planning.scheduler import run_schedule
from desktop_app.core.planning.visit_actions import mark_published
from desktop_app.core.store.uid_tokens import UID_TOKEN_KEY
from desktop_app.ui.calendar.calendar_view import visit_tooltip
from desktop_app.ui.dialogs.decline_dialog import DeclineDialog
from desktop_app.ui.widgets import formatting as fmt

REPLIES = Path(__file__).parents[1] / "fixtures" / "ics" / "replies"
TOKEN = "5f2c9a1e7b3d4c60"       # the REPLY fixtures' UIDs: visit-3@5f2c9a1e7b3d4c60.joint-acceptance
MON = dt.date(2026, 11, 30)
REASON = "当天另有市级消防检查"


@pytest.fixture
def published(window):
    repo = window.workspace.repo
    repo.db["settings"].insert({"key": UID_TOKEN_KEY, "value": json.dumps(TOKEN)}, pk="key", replace=True)
    run_schedule(repo, MON, solver="greedy")
    mark_published(repo, repo.visits())
    visit = repo.visit(3)
    assert (visit.project, str(visit.start)) == ("XM2026-003", "2026-12-03 10:00:00+08:00")
    window.workspace.reload()
    return window


def _states(repo, visit_id: int) -> dict[str, object]:
    item = next(i for i in visit_confirmations(repo, MON) if i.visit.id == visit_id)
    return {c.department: c for c in item.confirmations}


def _dump(repo) -> list[str]:
    return list(repo.db.conn.iterdump())


def _click_link(qtbot, browser, href: str) -> None:
    """A real mouse click on the anchor ``href`` of a QTextBrowser."""
    document = browser.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + fragment.length() // 2)
                browser.ensureCursorVisible()
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                rect = browser.cursorRect(cursor)
                qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                return
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link {href} in the details: {browser.toPlainText()}")


def _open_visit(window, visit_id: int):
    window.show_visit(visit_id)
    calendar = window.pages["calendar"]
    calendar.details.resize(400, 2000)      # every link within the viewport
    return calendar


def test_one_click_confirm_and_a_decline_with_its_reason_from_the_details_with_undo_and_redo(published, qtbot):
    window, repo = published, published.workspace.repo
    window.show()
    visit = repo.visit(3)
    first, second = visit.departments[0], visit.departments[1]
    calendar = _open_visit(window, visit.id)
    text = calendar.details.toPlainText()
    assert f"Confirmations: 0 of {len(visit.departments)} confirmed" in text
    assert text.count("awaiting confirmation") == len(visit.departments)

    _click_link(qtbot, calendar.details, f"confirm:{visit.id}:{second}:confirmed")
    confirmed = _states(repo, visit.id)[second]
    assert (confirmed.state, confirmed.source) == (ConfirmationState.CONFIRMED, ConfirmationSource.HAND)
    text = calendar.details.toPlainText()
    assert f"Confirmations: 1 of {len(visit.departments)} confirmed" in text and "by hand" in text

    _click_link(qtbot, calendar.details, f"confirm:{visit.id}:{first}:declined")
    dialog = window.acceptance_actions.dialog
    assert isinstance(dialog, DeclineDialog) and dialog.isVisible()
    assert _states(repo, visit.id)[first].state is ConfirmationState.PENDING, "nothing recorded before the reason"
    dialog.reason.setText(REASON)
    dialog.record_button.click()
    declined = _states(repo, visit.id)[first]
    assert (declined.state, declined.reason) == (ConfirmationState.DECLINED, REASON)

    # The decline is a conflict at once: the red outline, the tooltip and the details in the department's words.
    name = repo.department(first).name
    info = calendar.period.visit(visit.id)
    assert [(c.department, c.reason) for c in info.conflicts if c.kind is BlockKind.DECLINED] == [(first, REASON)]
    assert f"{name} declined: {REASON}" in visit_tooltip(info, calendar.period)
    assert f"{name} declined: {REASON}" in calendar.details.toPlainText()
    assert f"{name}：declined: {REASON}" in calendar.details.toPlainText(), "the 回执 section gives the reason too"

    stack = window.workspace.undo_stack
    stack.undo()
    assert _states(repo, visit.id)[first].state is ConfirmationState.PENDING
    assert not calendar.period.visit(visit.id).conflicts, "undoing the decline takes the conflict away"
    stack.undo()
    assert _states(repo, visit.id)[second].state is ConfirmationState.PENDING
    stack.redo()
    stack.redo()
    states = _states(repo, visit.id)
    assert states[second].state is ConfirmationState.CONFIRMED
    assert (states[first].state, states[first].reason) == (ConfirmationState.DECLINED, REASON)
    assert calendar.period.visit(visit.id).conflicts


def test_undo_never_takes_back_an_answer_that_arrived_meanwhile(published, qtbot):
    window, repo = published, published.workspace.repo
    visit = repo.visit(3)
    department = visit.departments[0]
    window.acceptance_actions.record_confirmation(visit.id, department, "confirmed")
    # Another clerk (or a REPLY) records a decline afterwards: undo must not replace it.
    record_confirmation(repo, visit.id, department, "DECLINED", "另一位经办人登记", today=MON)
    before = _dump(repo)
    window.workspace.undo_stack.undo()
    assert _dump(repo) == before
    state = _states(repo, visit.id)[department]
    assert (state.state, state.reason) == (ConfirmationState.DECLINED, "另一位经办人登记")
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "changed meanwhile" in boxes[-1].text()


def test_a_refusal_of_the_core_is_shown_and_nothing_changes(published, qtbot):
    window, repo = published, published.workspace.repo
    window.show()
    visit = repo.visit(3)
    calendar = _open_visit(window, visit.id)
    # The visit is cancelled in another window; this one still shows its links.
    with repo.db.atomic():
        repo.db.execute("UPDATE visits SET status = ? WHERE id = ?", [str(VisitStatus.CANCELLED), visit.id])
    before, depth = _dump(repo), window.workspace.undo_stack.count()
    _click_link(qtbot, calendar.details, f"confirm:{visit.id}:{visit.departments[0]}:confirmed")
    assert _dump(repo) == before and window.workspace.undo_stack.count() == depth
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and boxes[-1].text() == f"Visit {visit.id} was cancelled; it takes no confirmations."


def _submenus(menu: QMenu) -> list[QMenu]:
    return menu.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)


def test_the_context_menu_records_answers_by_hand(published, qtbot):
    window, repo = published, published.workspace.repo
    visit = repo.visit(3)
    calendar = _open_visit(window, visit.id)
    menu = calendar.visit_menu(visit.id)
    # Submenus found as the menu's children, not through QAction.menu(): PySide6 6.8.0 deletes the menu that
    # call returns once the temporary wrapper is collected.
    (confirmation,) = [m for m in _submenus(menu) if m.title() == "Confirmation (by phone)"]
    entries = _submenus(confirmation)
    assert [m.title() for m in entries][0] == f"{repo.department(visit.departments[0]).name}（awaiting confirmation）"
    confirm = next(a for a in entries[1].actions() if a.text() == "Confirmed")
    confirm.trigger()
    assert _states(repo, visit.id)[visit.departments[1]].state is ConfirmationState.CONFIRMED
    # A planned visit has nothing to confirm yet: the submenu is disabled.
    planned = next(v for v in repo.visits() if v.id != visit.id)
    with repo.db.atomic():
        repo.db.execute("UPDATE visits SET status = 'planned' WHERE id = ?", [planned.id])
    window.workspace.reload()
    calendar.show_visit(planned.id)
    menu = calendar.visit_menu(planned.id)
    assert not next(a for a in menu.actions() if a.text() == "Confirmation (by phone)").isEnabled()


def _overlaps(dialog, visit) -> list:
    starts = [dialog.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(dialog.table.rowCount())]
    length = visit.end - visit.start
    return [s for s in starts if s < visit.end and visit.start < s + length]


def test_the_move_dialog_says_who_declined_and_proposes_only_times_that_department_is_free(published, qtbot):
    window, repo = published, published.workspace.repo
    visit = repo.visit(3)
    department = visit.departments[0]
    name = repo.department(department).name
    before = window.schedule_actions.move_visit(visit.id)
    assert "declined" not in before.declined.text() and not before.declined.isVisible()
    before.close()
    window.acceptance_actions._record(visit.id, department, "declined", REASON)
    dialog = window.schedule_actions.move_visit(visit.id)
    assert dialog.declined.text().startswith(f"{name} declined: {REASON} (10:00–12:00)")
    assert dialog.table.rowCount() > 3 and not dialog.options.refusal
    assert not _overlaps(dialog, visit), "no alternative overlaps the time the department declined"
    # Moving back onto the declined time is refused in the department's words.
    check = window.schedule_actions.edits.move(visit.id, visit.start.replace(hour=10) + dt.timedelta(minutes=30))
    assert not check.ok and any(f"{name} declined: {REASON}" in reason for reason in check.reasons)


def _confirm_all_but(repo, keep: set[tuple[int, str]]) -> None:
    for item in visit_confirmations(repo, MON, MON, dt.date(2026, 12, 2)):
        for confirmation in item.confirmations:
            if (item.visit.id, confirmation.department) not in keep:
                record_confirmation(repo, item.visit.id, confirmation.department, "ACCEPTED", today=MON)


def test_the_dashboard_lists_visits_not_confirmed_within_two_working_days(published, qtbot):
    window, repo = published, published.workspace.repo
    window.show()
    soon = next(v for v in repo.visits() if v.start.date() == dt.date(2026, 12, 2) and len(v.departments) >= 2)
    declining, silent = soon.departments[0], soon.departments[1]
    _confirm_all_but(repo, {(soon.id, declining), (soon.id, silent)})
    record_confirmation(repo, soon.id, declining, "DECLINED", REASON, today=MON)
    window.workspace.reload()
    window.show_page("dashboard")
    page = window.pages["dashboard"]
    assert page.unconfirmed_title.text() == "Visits within 2 working days not confirmed by every department (1)"
    assert page.unconfirmed_list.isVisible() and not page.all_confirmed.isVisible()
    tree = page.unconfirmed_list
    assert tree.topLevelItemCount() == 1
    row = tree.topLevelItem(0)
    project = repo.project(soon.project)
    assert (row.text(0), row.text(1)) == (fmt.date_time(soon.start), f"{soon.project} {project.name}")
    children = [(row.child(i).text(1), row.child(i).text(2), row.child(i).foreground(2).color().name())
                for i in range(row.childCount())]
    names = {d.code: d.name for d in repo.departments()}
    assert children == [(names[declining], f"declined: {REASON}", "#dc2626"), (names[silent], "no reply", "#b45309")]

    # A double-click opens the visit in the calendar.
    child = row.child(1)
    tree.scrollToItem(child)
    centre = tree.visualItemRect(child).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.current_page_key() == "dashboard"
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)     # a double-click's events:
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)    # press, release, double-click
    assert window.current_page_key() == "calendar", "a double-click opens it (a single click does not)"
    assert window.pages["calendar"].selected_visit().id == soon.id

    # Once everyone confirmed: one short line, no empty box.
    record_confirmation(repo, soon.id, declining, "ACCEPTED", today=MON)
    record_confirmation(repo, soon.id, silent, "ACCEPTED", today=MON)
    window.workspace.reload()
    window.show_page("dashboard")
    assert not page.unconfirmed_list.isVisible() and page.all_confirmed.isVisible()
    assert page.all_confirmed.text().startswith("All confirmed")


def _import(window, qtbot, files: list[Path]) -> None:
    with qtbot.waitSignal(window.workspace.jobs.idle, timeout=30000):
        assert window.acceptance_actions.import_replies([str(f) for f in files])


def test_importing_reply_files_through_the_menu_action(published, qtbot, tmp_path):
    window, repo = published, published.workspace.repo
    window.show()
    menus = window.menuBar().findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)
    assert any(window.acceptance_actions.import_replies_action in m.actions() for m in menus)
    _import(window, qtbot, [REPLIES / "thunderbird_declined.ics", REPLIES / "outlook_accepted.ics"])
    states = _states(repo, 3)
    assert (states["D01"].state, states["D01"].source) == (ConfirmationState.DECLINED, ConfirmationSource.REPLY)
    assert states["D03"].state is ConfirmationState.CONFIRMED
    assert "2 answer(s) recorded" in window.statusBar().currentMessage()
    calendar = window.pages["calendar"]
    calendar.show_visit(3)
    assert any(c.kind is BlockKind.DECLINED for c in calendar.period.visit(3).conflicts), "the calendar reloaded"

    # A refused file: the whole message in a box, nothing recorded (the good file beside it neither).
    stranger = tmp_path / "stranger.ics"
    stranger.write_bytes((REPLIES / "thunderbird_declined.ics").read_bytes().replace(
        b"guihua@jining.example.cn", b"stranger@example.com"))
    assert b"stranger@example.com" in stranger.read_bytes()
    before = _dump(repo)
    _import(window, qtbot, [REPLIES / "outlook_declined.ics", stranger])
    assert _dump(repo) == before
    box = window.acceptance_actions.message_box
    assert box is not None and box.isVisible()
    assert box.text() == (f"{stranger}: UID visit-3@{TOKEN}.joint-acceptance, attendee stranger@example.com: an "
                          "attendee that was not invited to visit 3 (未邀请的参加人)")


def test_fetching_confirmations_from_the_calendar_server(published, qtbot, radicale):
    from desktop_app.core.feeds.publishing import CalDAVTarget, publish_caldav
    from desktop_app.core.store.uid_tokens import visit_uid
    from tests.core.feeds.test_confirmations_server import _answer_on_server

    window, repo = published, published.workspace.repo
    window.show()
    assert not window.acceptance_actions.fetch_confirmations(), "no server set: nothing to fetch"
    assert "No calendar server is set" in window.statusBar().currentMessage()
    repo.save_settings(dataclasses.replace(repo.settings(), caldav_url=radicale.url, caldav_username="bureau"))
    publish_caldav(repo, CalDAVTarget(radicale.url, "bureau"))
    visit = repo.visit(3)
    department = visit.departments[0]
    _answer_on_server(radicale, department, visit_uid(visit.id, TOKEN), "DECLINED", REASON)
    window.show_page("calendar")
    with qtbot.waitSignal(window.workspace.jobs.idle, timeout=60000):
        assert window.acceptance_actions.fetch_confirmations()
    state = _states(repo, visit.id)[department]
    assert (state.state, state.reason, state.source) == \
        (ConfirmationState.DECLINED, REASON, ConfirmationSource.SERVER)
    assert window.statusBar().currentMessage() == f"1 new answer(s) from {radicale.url}."
    calendar = window.pages["calendar"]
    calendar.show_visit(visit.id)
    assert [c.reason for c in calendar.period.visit(visit.id).conflicts if c.kind is BlockKind.DECLINED] == [REASON]


def test_a_server_that_is_down_is_reported_whole(published, qtbot):
    window, repo = published, published.workspace.repo
    repo.save_settings(dataclasses.replace(repo.settings(), caldav_url="http://127.0.0.1:9/dav/",
                                           caldav_username="bureau"))
    before = _dump(repo)
    with qtbot.waitSignal(window.workspace.jobs.idle, timeout=60000):
        assert window.acceptance_actions.fetch_confirmations()
    assert _dump(repo) == before
    box = window.acceptance_actions.message_box
    assert box is not None and "127.0.0.1:9" in box.text()


def test_the_timer_reads_the_departments_answers_on_the_server(published, qtbot, radicale):
    """A department declines in its calendar client: the window's timer reads it from the server (every 15
    minutes while published visits lie ahead), the visit turns into a conflict, the status bar says so."""
    from desktop_app.core.feeds.publishing import CalDAVTarget, publish_caldav
    from desktop_app.core.store.uid_tokens import visit_uid
    from desktop_app.ui.controllers.background_refresh import CONFIRMATIONS_MINUTES
    from tests.core.feeds.test_confirmations_server import _answer_on_server

    window, repo = published, published.workspace.repo
    refresh = window.background_refresh
    now = [dt.datetime(2026, 11, 30, 2, tzinfo=dt.timezone.utc)]
    refresh._clock = lambda: now[0]
    assert refresh.tick() is None, "no calendar server set: nothing to read"
    repo.save_settings(dataclasses.replace(repo.settings(), caldav_url=radicale.url, caldav_username="bureau"))
    publish_caldav(repo, CalDAVTarget(radicale.url, "bureau"))
    visit = repo.visit(3)
    department = visit.departments[0]
    _answer_on_server(radicale, department, visit_uid(visit.id, TOKEN), "DECLINED", REASON)

    with qtbot.waitSignal(window.workspace.jobs.idle, timeout=60000), \
            qtbot.waitSignal(refresh.answers, timeout=60000) as read:
        assert refresh.tick() is not None
    assert read.args == [1]
    state = _states(repo, visit.id)[department]
    assert (state.state, state.reason, state.source) == \
        (ConfirmationState.DECLINED, REASON, ConfirmationSource.SERVER)
    assert window.statusBar().currentMessage() == "1 new confirmation(s) from the calendar server."
    calendar = window.pages["calendar"]
    calendar.show_visit(visit.id)
    assert [c.reason for c in calendar.period.visit(visit.id).conflicts if c.kind is BlockKind.DECLINED] == [REASON]

    # Within the interval the server is not asked again; after it, it is (and finds nothing new).
    assert not refresh.running() and refresh.tick() is None
    now[0] += dt.timedelta(minutes=CONFIRMATIONS_MINUTES)
    with qtbot.waitSignal(window.workspace.jobs.idle, timeout=60000), \
            qtbot.waitSignal(refresh.answers, timeout=60000) as again:
        assert refresh.tick() is not None
    assert again.args == [0]
    # No published visit ahead: nothing to ask about.
    with repo.db.atomic():
        repo.db.execute("UPDATE visits SET status = 'planned' WHERE status = 'published'")
    now[0] += dt.timedelta(minutes=CONFIRMATIONS_MINUTES)
    assert refresh.tick() is None
