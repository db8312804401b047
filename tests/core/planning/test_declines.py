"""A department's decline (回执: 已拒绝) is busy time of that department over the visit (issue 15 item 5):
the visit is a conflict with the department's words, the move dialog's alternatives avoid that time for that
department, a hand move back there is refused, and the scheduler moves the visit away."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.core.acceptance.confirmations import record_confirmation
from desktop_app.core.calendar.availability import BlockKind
from desktop_app.core.calendar.workdays import calendar_for
from desktop_app.core.model import messages
from desktop_app.core.planning.conflicts import conflict_lines, find_conflicts
from desktop_app.core.planning.scheduler import check_move, run_schedule
from desktop_app.core.planning.visit_actions import mark_published, move_options

MON = dt.date(2026, 11, 30)
REASON = "当天另有市级消防检查"


@pytest.fixture
def declined(demo_repo, demo_today):
    run_schedule(demo_repo, demo_today, solver="greedy")
    mark_published(demo_repo, demo_repo.visits())
    visit = next(v for v in demo_repo.visits() if v.start.date() == dt.date(2026, 12, 3))
    department = visit.departments[0]
    record_confirmation(demo_repo, visit.id, department, "DECLINED", REASON, today=MON)
    return demo_repo, visit, department


def test_the_declined_visit_is_a_conflict_in_the_departments_words(declined):
    repo, visit, department = declined
    conflicts = find_conflicts(repo, MON, dt.date(2026, 12, 31))
    mine = [c for c in conflicts[visit.id] if c.kind is BlockKind.DECLINED]
    assert [(c.department, c.reason, c.start, c.end) for c in mine] == [(department, REASON, visit.start, visit.end)]
    name = repo.department(department).name
    messages.set_language("zh_CN")
    assert mine[0].describe(name) == \
        f"{name} 已拒绝：{REASON}（{visit.start:%H:%M}–{visit.end:%H:%M}）"
    assert f"{name} 已拒绝：{REASON}" in "\n".join(conflict_lines(conflicts, repo))
    messages.set_language("en")
    assert mine[0].describe(name).startswith(f"{name} declined: {REASON}")


def test_the_calendars_own_availability_finds_the_decline(declined):
    """The calendar builds its own Availability (its cached catalog, with the declines): the decline is a
    conflict of the visit shown there."""
    from desktop_app.ui.calendar.calendar_data import CalendarSource

    repo, visit, department = declined
    day = visit.start.date()
    source = CalendarSource(repo, calendar_for(repo))
    own = source.availability(day, day)
    conflicts = find_conflicts(repo, day, day, availability=own)
    assert any(c.kind is BlockKind.DECLINED and c.department == department for c in conflicts[visit.id])
    shown = source.period(day, day).visit(visit.id)
    assert any(c.kind is BlockKind.DECLINED and c.department == department for c in shown.conflicts)


def test_no_conflict_before_the_decline_and_none_once_confirmed_again(demo_repo, demo_today):
    run_schedule(demo_repo, demo_today, solver="greedy")
    mark_published(demo_repo, demo_repo.visits())
    visit = next(v for v in demo_repo.visits() if v.start.date() == dt.date(2026, 12, 3))
    assert visit.id not in find_conflicts(demo_repo, MON, dt.date(2026, 12, 31))
    record_confirmation(demo_repo, visit.id, visit.departments[0], "DECLINED", REASON, today=MON)
    assert visit.id in find_conflicts(demo_repo, MON, dt.date(2026, 12, 31))
    record_confirmation(demo_repo, visit.id, visit.departments[0], "ACCEPTED", today=MON)
    assert visit.id not in find_conflicts(demo_repo, MON, dt.date(2026, 12, 31))


def test_move_alternatives_exclude_the_declined_time_and_a_move_back_is_refused(declined):
    repo, visit, department = declined
    options = move_options(repo, visit, MON)
    assert not options.refusal and options.slots
    assert all(not (r.slot.start_at < visit.end and visit.start < r.slot.end_at) for r in options.slots), \
        "no alternative overlaps the time the department declined"
    # The visit's own decline is not hidden as "the visit does not conflict with itself".
    check = check_move(repo, visit.id, visit.start, today=MON)
    assert not check.ok
    name = repo.department(department).name
    assert any(f"{name} declined: {REASON}" in reason for reason in check.reasons)


def test_the_scheduler_moves_the_declined_visit_elsewhere(declined):
    repo, visit, department = declined
    run_schedule(repo, MON, solver="greedy")
    after = repo.visit(visit.id)
    assert after.active and department in after.departments
    assert not (after.start < visit.end and visit.start < after.end), "not put back at the declined time"
    assert after.sequence == visit.sequence + 1
    assert visit.id not in find_conflicts(repo, MON, dt.date(2026, 12, 31))
