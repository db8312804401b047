"""What the clerk follows up after the visits (core.acceptance.tracking): results due, requests rectifying
with their deadline, re-inspections waiting — the lists the calendar, dashboard and 整改跟踪 page show."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from desktop_app.core.acceptance.rectification import rectification_deadline, report_rectified
from desktop_app.core.acceptance.results import record_results
from desktop_app.core.acceptance.tracking import follow_up, results_due
from desktop_app.core.model.domain import (
    DepartmentResult, Finding, Opinion, RequestStatus, Visit, VisitStatus,
)

ZONE = ZoneInfo("Asia/Shanghai")
CLERK = "王玥"
CODE = "XM2026-004"                 # items of D01 D02 D03 D04 D05 D08 D12 D14
THURSDAY = dt.date(2026, 11, 26)    # before the demo's today (Monday 30 November)


def add_visit(repo, day=THURSDAY, code=CODE, status=VisitStatus.PUBLISHED, round_=0, departments=None) -> Visit:
    project = repo.project(code)
    items = {i.code: i for i in repo.items()}
    codes = tuple(i for i in project.items if departments is None or items[i].department in departments)
    start = dt.datetime.combine(day, dt.time(9), ZONE)
    visit_id = repo.insert_visit(Visit(None, code, start, start + dt.timedelta(hours=3), project.place,
                                       tuple(sorted({items[i].department for i in codes})), codes, status=status,
                                       round=round_))
    repo.set_project_status(code, RequestStatus.SCHEDULED)
    return repo.visit(visit_id)


def noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), ZONE)


def test_a_visit_is_due_once_it_has_ended_until_every_department_has_a_result(demo_repo):
    visit = add_visit(demo_repo)
    assert results_due(demo_repo, visit.end - dt.timedelta(minutes=1)) == []     # still going on
    due = results_due(demo_repo, visit.end)
    assert [(d.visit.id, d.missing) for d in due] == [(visit.id, visit.departments)]
    first, second, *rest = visit.departments
    record_results(demo_repo, visit.id, [DepartmentResult(first, Opinion.PASSED),
                                         DepartmentResult(second, Opinion.ABSENT, reason="车辆故障")],
                   now=visit.end, clerk=CLERK)
    assert [d.missing for d in results_due(demo_repo, noon(dt.date(2026, 11, 30)))] == [tuple(rest)]
    record_results(demo_repo, visit.id, [DepartmentResult(d, Opinion.PASSED) for d in rest], now=visit.end,
                   clerk=CLERK)
    assert demo_repo.visit(visit.id).status is VisitStatus.DONE
    assert results_due(demo_repo, noon(dt.date(2026, 11, 30))) == []


def test_cancelled_visits_future_visits_and_decided_requests_are_not_due(demo_repo):
    cancelled = add_visit(demo_repo, status=VisitStatus.CANCELLED)
    future = add_visit(demo_repo, day=dt.date(2026, 12, 2), code="XM2026-001")
    failed = add_visit(demo_repo, code="XM2026-002")
    record_results(demo_repo, failed.id, [DepartmentResult(failed.departments[0], Opinion.FAILED, reason="未批先建")],
                   now=failed.end, clerk=CLERK)
    assert demo_repo.project("XM2026-002").status is RequestStatus.FAILED
    due = results_due(demo_repo, noon(dt.date(2026, 11, 30)))
    assert {d.visit.id for d in due}.isdisjoint({cancelled.id, future.id, failed.id})
    # Narrowed to given visits (a calendar's week), the answer is the same for those.
    assert results_due(demo_repo, noon(dt.date(2026, 11, 30)), [cancelled, future, failed]) == []


def _rectify(repo, visit, department="D02", texts=("消防通道被占用", "喷淋末端试水压力不足")):
    entries = [DepartmentResult(d, Opinion.RECTIFY, tuple(Finding(t, "I02" if n == 0 else None)
                                                          for n, t in enumerate(texts)))
               if d == department else DepartmentResult(d, Opinion.PASSED) for d in visit.departments]
    return record_results(repo, visit.id, entries, now=visit.end, clerk=CLERK)


def test_follow_up_lists_rectifying_requests_with_their_findings_and_days_left(demo_repo):
    visit = add_visit(demo_repo)
    _rectify(demo_repo, visit)
    today = dt.date(2026, 11, 30)
    board = follow_up(demo_repo, today)
    assert board.reinspections == ()
    [row] = board.rectifying
    assert row.project.code == CODE and row.project.status is RequestStatus.RECTIFYING
    assert [(f.department, f.finding.text, f.finding.item, f.found_on) for f in row.findings] == [
        ("D02", "消防通道被占用", "I02", THURSDAY), ("D02", "喷淋末端试水压力不足", None, THURSDAY)]
    assert row.deadline == THURSDAY + dt.timedelta(days=15) == rectification_deadline(demo_repo, row.project)
    assert row.days_left == (row.deadline - today).days == 11
    assert follow_up(demo_repo, row.deadline + dt.timedelta(days=2)).rectifying[0].days_left == -2


def test_follow_up_lists_a_reinspection_with_only_the_open_departments_and_its_visit(demo_repo):
    visit = add_visit(demo_repo)
    _rectify(demo_repo, visit)
    report_rectified(demo_repo, CODE, dt.date(2026, 11, 30), today=dt.date(2026, 11, 30), clerk=CLERK)
    board = follow_up(demo_repo, dt.date(2026, 11, 30))
    assert board.rectifying == ()
    [waiting] = board.reinspections
    project = demo_repo.project(CODE)
    assert waiting.project == project and project.round == 1 and project.status is RequestStatus.PENDING
    assert waiting.departments == ("D02",) and waiting.deadline == project.round_deadline and waiting.visit is None
    again = add_visit(demo_repo, day=dt.date(2026, 12, 2), round_=1, departments={"D02"})
    [waiting] = follow_up(demo_repo, dt.date(2026, 11, 30)).reinspections
    assert waiting.visit == again and waiting.project.status is RequestStatus.SCHEDULED


@pytest.mark.parametrize("status", [RequestStatus.DONE, RequestStatus.WITHDRAWN])
def test_decided_requests_are_not_followed_up(demo_repo, status):
    visit = add_visit(demo_repo)
    _rectify(demo_repo, visit)
    project = demo_repo.project(CODE)
    demo_repo.save_project_state(dataclasses.replace(project, status=status))
    board = follow_up(demo_repo, dt.date(2026, 11, 30))
    assert board.rectifying == () and board.reinspections == ()
