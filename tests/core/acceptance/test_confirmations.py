"""Departments' confirmations (回执, issue 15 item 5): the state rule, recording by hand, the dashboard's list —
on the demo, scheduled with the greedy solver and published (today = Monday 2026-11-30)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from desktop_app.core.acceptance.confirmations import (
    ConfirmationError, confirmation_json, record_confirmation, unconfirmed_soon, visit_confirmations,
)
from desktop_app.core.acceptance.history_text import describe
from desktop_app.core.model import messages
from desktop_app.core.model.domain import ConfirmationSource, ConfirmationState, HolidayKind, HolidayOverride, Partstat
from desktop_app.core.planning.scheduler import run_schedule
from desktop_app.core.planning.visit_actions import cancel_visits, mark_published
from desktop_app.core.store import confirmation_records, history
from desktop_app.core.store.database import data_version

MON = dt.date(2026, 11, 30)


@pytest.fixture
def published(demo_repo, demo_today):
    run_schedule(demo_repo, demo_today, solver="greedy")
    mark_published(demo_repo, demo_repo.visits())
    return demo_repo


def _visit_on(repo, day: dt.date):
    return next(v for v in repo.visits() if v.start.date() == day)


def _states(repo, visit_id, today=MON):
    item = next(i for i in visit_confirmations(repo, today) if i.visit.id == visit_id)
    return {c.department: c for c in item.confirmations}


def _dump(repo) -> list[str]:
    return list(repo.db.conn.iterdump())


def test_unanswered_is_pending_until_two_working_days_before_then_no_reply(published):
    thursday = _visit_on(published, dt.date(2026, 12, 3))     # 3 working days after Monday
    wednesday = _visit_on(published, dt.date(2026, 12, 2))    # 2 working days
    assert {c.state for c in _states(published, thursday.id).values()} == {ConfirmationState.PENDING}
    assert {c.state for c in _states(published, wednesday.id).values()} == {ConfirmationState.NO_REPLY}
    # Tuesday: Thursday is 2 working days away now; a visit already past stays 未答复.
    assert {c.state for c in _states(published, thursday.id, MON + dt.timedelta(days=1)).values()} == \
        {ConfirmationState.NO_REPLY}
    assert {c.state for c in _states(published, wednesday.id, dt.date(2026, 12, 10)).values()} == \
        {ConfirmationState.NO_REPLY}


def test_working_days_not_calendar_days_count(published):
    # A holiday on Tuesday and Wednesday: Monday's visit on Friday is then only 2 working days away.
    friday = _visit_on(published, dt.date(2026, 12, 4))
    assert {c.state for c in _states(published, friday.id).values()} == {ConfirmationState.PENDING}
    with published.db.atomic():
        for day in (1, 2):
            published.db["holiday_overrides"].insert({"date": f"2026-12-0{day}", "kind": str(HolidayKind.HOLIDAY),
                                                      "name": "测试假日"})
    assert published.holiday_override(dt.date(2026, 12, 1)) == \
        HolidayOverride(dt.date(2026, 12, 1), HolidayKind.HOLIDAY, "测试假日")
    assert {c.state for c in _states(published, friday.id).values()} == {ConfirmationState.NO_REPLY}


def test_answers_by_hand_make_each_department_confirmed_or_declined_with_its_words(published):
    visit = _visit_on(published, dt.date(2026, 12, 3))
    first, second, third, *rest = visit.departments
    version = data_version(published.db)
    confirmed = record_confirmation(published, visit.id, first, "ACCEPTED", today=MON, clerk="王玥")
    assert confirmed.state is ConfirmationState.CONFIRMED and confirmed.source is ConfirmationSource.HAND
    assert confirmed.answered_at is not None
    record_confirmation(published, visit.id, second, Partstat.DECLINED, "当天另有市级检查", today=MON)
    record_confirmation(published, visit.id, third, Partstat.DELEGATED, today=MON)
    assert data_version(published.db) > version, "a decline changes planning: the data version rises"
    states = _states(published, visit.id)
    assert states[first].state is ConfirmationState.CONFIRMED
    assert states[second].state is ConfirmationState.DECLINED and states[second].reason == "当天另有市级检查"
    assert states[third].state is ConfirmationState.CONFIRMED
    assert {states[d].state for d in rest} == {ConfirmationState.PENDING}
    # The latest answer counts: a later phone call takes the decline back.
    record_confirmation(published, visit.id, second, "accepted", today=MON)
    assert _states(published, visit.id)[second].state is ConfirmationState.CONFIRMED
    entries = [e for e in history.entries(published.db, visit.project) if e.event == "confirmation"]
    assert len(entries) == 4 and entries[0].clerk == "王玥" and entries[1].detail["reason"] == "当天另有市级检查"
    messages.set_language("zh_CN")
    assert describe(entries[1]) == f"{second} 对验收 {visit.id} 的回执：已拒绝（人工登记）（当天另有市级检查）"


def test_tentative_and_needs_action_are_not_answers_yet(published):
    visit = _visit_on(published, dt.date(2026, 12, 3))
    department = visit.departments[0]
    record_confirmation(published, visit.id, department, "ACCEPTED", today=MON)
    record_confirmation(published, visit.id, department, "TENTATIVE", today=MON)
    assert _states(published, visit.id)[department].state is ConfirmationState.PENDING
    record_confirmation(published, visit.id, department, "NEEDS-ACTION", today=MON)
    assert _states(published, visit.id)[department].state is ConfirmationState.PENDING


def test_a_moved_visit_awaits_confirmation_of_its_new_time_and_keeps_the_old_answers(published):
    visit = _visit_on(published, dt.date(2026, 12, 3))
    department = visit.departments[0]
    record_confirmation(published, visit.id, department, "DECLINED", "会议冲突", today=MON)
    moved = published.update_visit(dataclasses.replace(visit, start=visit.start + dt.timedelta(days=7),
                                                       end=visit.end + dt.timedelta(days=7)))
    assert moved.sequence == visit.sequence + 1
    assert _states(published, visit.id)[department].state is ConfirmationState.PENDING
    assert _states(published, visit.id)[department].partstat is None
    old = confirmation_records.answers(published.db, visit.id)
    assert [(a.partstat, a.sequence, a.reason) for a in old] == [(Partstat.DECLINED, visit.sequence, "会议冲突")]


@pytest.mark.parametrize("case", ["unknown visit", "planned", "cancelled", "done", "not invited", "bad answer"])
def test_refusals_change_nothing(published, case):
    visit = _visit_on(published, dt.date(2026, 12, 3))
    department, visit_id, answer = visit.departments[0], visit.id, "ACCEPTED"
    if case == "unknown visit":
        visit_id = 9999
    elif case == "planned":
        published.update_visit(dataclasses.replace(visit, status="planned"))
    elif case == "cancelled":
        cancel_visits(published, [visit])
    elif case == "done":
        published.db.execute("UPDATE visits SET status = 'done' WHERE id = ?", [visit.id])
    elif case == "not invited":
        department = next(d.code for d in published.departments() if d.code not in visit.departments)
    else:
        answer = "MAYBE"
    before = _dump(published)
    with pytest.raises(ConfirmationError) as refused:
        record_confirmation(published, visit_id, department, answer, today=MON)
    assert _dump(published) == before
    expected = {"unknown visit": "There is no visit 9999.", "planned": "is not published yet",
                "cancelled": "was cancelled", "done": "has already taken place",
                "not invited": f"Department {department} is not at visit", "bad answer": "Unknown answer 'MAYBE'"}
    assert expected[case] in str(refused.value)


def test_dashboard_lists_visits_within_two_working_days_not_all_confirmed(published):
    tuesday = _visit_on(published, dt.date(2026, 12, 1))
    soon = unconfirmed_soon(published, MON)
    assert tuesday.id in {i.visit.id for i in soon}
    assert all(MON <= i.visit.start.date() <= dt.date(2026, 12, 2) for i in soon)
    for department in tuesday.departments:
        record_confirmation(published, tuesday.id, department, "ACCEPTED", today=MON)
    assert tuesday.id not in {i.visit.id for i in unconfirmed_soon(published, MON)}
    record_confirmation(published, tuesday.id, tuesday.departments[0], "DECLINED", "人员外出", today=MON)
    listed = next(i for i in unconfirmed_soon(published, MON) if i.visit.id == tuesday.id)
    assert [c.department for c in listed.with_state(ConfirmationState.DECLINED)] == [tuesday.departments[0]]


def test_only_published_visits_have_confirmations(published):
    visit = _visit_on(published, dt.date(2026, 12, 3))
    published.update_visit(dataclasses.replace(visit, status="planned"))
    assert visit.id not in {i.visit.id for i in visit_confirmations(published, MON)}


def test_json_shape(published):
    visit = _visit_on(published, dt.date(2026, 12, 3))
    record_confirmation(published, visit.id, visit.departments[0], "DECLINED", "外出", today=MON)
    item = next(i for i in visit_confirmations(published, MON, dt.date(2026, 12, 3), dt.date(2026, 12, 3)))
    data = confirmation_json(item, {d.code: d.name for d in published.departments()})
    assert set(data) == {"visit", "project", "start", "end", "sequence", "departments"}
    first = data["departments"][0]
    assert set(first) == {"department", "name", "state", "label", "partstat", "reason", "source", "answered_at"}
    assert (first["state"], first["partstat"], first["reason"], first["source"]) == \
        ("declined", "DECLINED", "外出", "hand")


def test_the_log_is_append_only_but_follows_a_renamed_department(published):
    visit = _visit_on(published, dt.date(2026, 12, 3))
    department = visit.departments[0]
    record_confirmation(published, visit.id, department, "ACCEPTED", today=MON)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        published.db.execute("UPDATE confirmations SET partstat = 'DECLINED'")
    with published.db.atomic():
        published.db.execute("UPDATE departments SET code = 'DX1' WHERE code = ?", [department])
    assert confirmation_records.answers(published.db, visit.id)[0].department == "DX1"
