"""After the visit (DESIGN §11): results, rectification, re-inspection of only the departments with findings,
the numbered opinion and the append-only history — on the demo, as a clerk would go through it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from desktop_app.core.acceptance.opinion import issue_opinion, rectification_notice
from desktop_app.core.acceptance.rectification import report_rectified, undo_rectified
from desktop_app.core.acceptance.results import ResultError, record_results, undo_results
from desktop_app.core.feeds.ical_export import build_feeds, load_feed_source, summary
from desktop_app.core.model.domain import (
    DepartmentResult, Finding, Opinion, RequestStatus, VisitStatus,
)
from desktop_app.core.planning.scheduler import run_schedule
from desktop_app.core.store import acceptance_records, history

CLERK = "王玥"


@pytest.fixture
def scheduled(demo_repo, demo_today):
    run_schedule(demo_repo, demo_today, solver="greedy")
    return demo_repo


def _first_visit(repo, code="XM2026-001"):
    return next(v for v in repo.visits(project=code) if v.active)


def _after(visit, minutes=120):
    return visit.start + dt.timedelta(minutes=minutes)


def _feeds(repo) -> dict[str, str]:
    """Every feed file's text, lines unfolded."""
    return {f.path: f.content.decode("utf-8").replace("\r\n ", "") for f in build_feeds(load_feed_source(repo))}


def _dump(repo) -> list[str]:
    return list(repo.db.conn.iterdump())


def _rectify_one(repo, visit, department, texts=("消防通道被占用",)):
    findings = tuple(Finding(text) for text in texts)
    entries = [DepartmentResult(d, Opinion.RECTIFY, findings) if d == department else DepartmentResult(d, Opinion.PASSED)
               for d in visit.departments]
    return record_results(repo, visit.id, entries, now=_after(visit), clerk=CLERK)


def test_all_departments_passed_accepts_the_request_on_the_visit_day(scheduled):
    visit = _first_visit(scheduled)
    done = record_results(scheduled, visit.id, [DepartmentResult(d, Opinion.PASSED) for d in visit.departments],
                          now=_after(visit), clerk=CLERK)
    project = scheduled.project(visit.project)
    assert project.status is RequestStatus.DONE and project.decided_on == visit.start.date()
    assert done.visit_after.status is VisitStatus.DONE and scheduled.visit(visit.id).status is VisitStatus.DONE
    events = [e.event for e in history.entries(scheduled.db, project.code)]
    assert events[0] == "scheduled" and events.count("result") == len(visit.departments) and events[-1] == "status"
    assert {e.clerk for e in history.entries(scheduled.db, project.code)[1:]} == {CLERK}


def test_partial_results_keep_the_request_scheduled_until_every_department_has_one(scheduled):
    visit = _first_visit(scheduled)
    first, *others = visit.departments
    record_results(scheduled, visit.id, [DepartmentResult(first, Opinion.PASSED)], now=_after(visit), clerk=CLERK)
    assert scheduled.project(visit.project).status is RequestStatus.SCHEDULED
    assert scheduled.visit(visit.id).status is not VisitStatus.DONE
    record_results(scheduled, visit.id, [DepartmentResult(d, Opinion.PASSED) for d in others], now=_after(visit),
                   clerk=CLERK)
    assert scheduled.project(visit.project).status is RequestStatus.DONE


def test_rectification_then_reinspection_of_only_that_department_then_opinion(scheduled, demo_today):
    visit = _first_visit(scheduled)
    fire = "D02"
    assert fire in visit.departments
    _rectify_one(scheduled, visit, fire, ("消防通道被占用", "喷淋末端试水压力不足"))
    project = scheduled.project(visit.project)
    assert project.status is RequestStatus.RECTIFYING

    notice = rectification_notice(scheduled, project.code)
    assert [line.finding.text for line in notice.findings] == ["消防通道被占用", "喷淋末端试水压力不足"]
    assert notice.deadline == visit.start.date() + dt.timedelta(days=15)

    reported = visit.start.date() + dt.timedelta(days=3)
    rectified = report_rectified(scheduled, project.code, reported, today=reported, clerk=CLERK)
    assert rectified.after.status is RequestStatus.PENDING and rectified.after.round == 1
    assert rectified.after.round_ready_on == reported and rectified.after.round_deadline > reported

    result = run_schedule(scheduled, reported, solver="greedy")
    again = [p for p in result.visits if p.project == project.code]
    assert len(again) == 1 and again[0].departments == (fire,) and again[0].change == "new"
    reinspection = next(v for v in scheduled.visits(project=project.code) if v.status is not VisitStatus.DONE)
    assert reinspection.round == 1 and reinspection.start.date() >= reported
    source = load_feed_source(scheduled)
    assert "（复验）" in summary(source, reinspection)
    department_feed = next(text for path, text in _feeds(scheduled).items() if path.endswith(f"{fire}.ics"))
    assert "SUMMARY:联合验收（复验）" in department_feed or "SUMMARY:现场验收（复验）" in department_feed
    assert f"visit-{reinspection.id}@" in department_feed

    record_results(scheduled, reinspection.id, [DepartmentResult(fire, Opinion.PASSED)], now=_after(reinspection),
                   clerk=CLERK)
    accepted = scheduled.project(project.code)
    assert accepted.status is RequestStatus.DONE and accepted.decided_on == reinspection.start.date()

    document = issue_opinion(scheduled, project.code, reinspection.start.date(), CLERK)
    year = reinspection.start.year
    assert document.number.number == f"济经开联验〔{year}〕第 1 号"
    rounds = {(row.department, row.round, row.opinion) for row in document.rows}
    assert any(r[1] == 1 and r[2] is Opinion.PASSED for r in rounds)
    assert any(r[1] == 0 and r[2] is Opinion.RECTIFY for r in rounds)
    assert {v.id for v in document.visits} == {visit.id, reinspection.id}
    # Issuing again gives the same number; the next request gets the next one.
    assert issue_opinion(scheduled, project.code, reinspection.start.date(), CLERK).number == document.number
    events = [e.event for e in history.entries(scheduled.db, project.code)]
    assert events.count("rectified") == 1 and events[-1] == "opinion"


def test_opinion_numbers_are_sequential_per_year_and_never_reused(scheduled):
    codes = []
    for code in ("XM2026-001", "XM2026-002"):
        visit = _first_visit(scheduled, code)
        record_results(scheduled, visit.id, [DepartmentResult(d, Opinion.PASSED) for d in visit.departments],
                       now=_after(visit), clerk=CLERK)
        codes.append(code)
    numbers = [issue_opinion(scheduled, code, dt.date(2026, 12, 5), CLERK).number.sequence for code in codes]
    assert numbers == [1, 2]
    with pytest.raises(sqlite3.DatabaseError):
        scheduled.db.execute("DELETE FROM opinions")


def test_failed_department_fails_the_request(scheduled):
    visit = _first_visit(scheduled)
    bad, *others = visit.departments
    record_results(scheduled, visit.id, [DepartmentResult(bad, Opinion.FAILED, reason="擅自改变使用功能"),
                                         *(DepartmentResult(d, Opinion.PASSED) for d in others)],
                   now=_after(visit), clerk=CLERK)
    assert scheduled.project(visit.project).status is RequestStatus.FAILED
    with pytest.raises(ResultError, match="opinion is issued only once every department has passed"):
        issue_opinion(scheduled, visit.project, dt.date(2026, 12, 5), CLERK)


def test_absent_department_goes_back_to_scheduling_for_that_department_only(scheduled, demo_today):
    visit = _first_visit(scheduled)
    absent, *others = visit.departments
    record_results(scheduled, visit.id, [DepartmentResult(absent, Opinion.ABSENT, reason="车辆故障"),
                                         *(DepartmentResult(d, Opinion.PASSED) for d in others)],
                   now=_after(visit), clerk=CLERK)
    assert scheduled.project(visit.project).status is RequestStatus.PENDING
    result = run_schedule(scheduled, visit.start.date(), solver="greedy")
    again = [p for p in result.visits if p.project == visit.project]
    assert [p.departments for p in again] == [(absent,)]
    assert scheduled.visit(visit.id).status is VisitStatus.DONE


@pytest.mark.parametrize("case, message", [
    ("not_at_visit", "is not at visit"),
    ("before_start", "its results can be recorded once it has begun"),
    ("twice", "already has the result of department"),
    ("no_findings", "at least one finding"),
    ("failed_no_reason", "give the reason"),
    ("foreign_item", "is not one of its items"),
    ("unknown_visit", "There is no visit"),
])
def test_bad_results_are_refused_and_change_nothing(scheduled, case, message):
    visit = _first_visit(scheduled)
    first = visit.departments[0]
    other_item = next(i for i in scheduled.items() if i.department != first)
    if case == "twice":
        record_results(scheduled, visit.id, [DepartmentResult(first, Opinion.PASSED)], now=_after(visit), clerk=CLERK)
    before = _dump(scheduled)
    visit_id, now, entries = visit.id, _after(visit), [DepartmentResult(first, Opinion.PASSED)]
    if case == "not_at_visit":
        entries = [DepartmentResult(next(d.code for d in scheduled.departments() if d.code not in visit.departments),
                                    Opinion.PASSED)]
    elif case == "before_start":
        now = visit.start - dt.timedelta(minutes=1)
    elif case == "no_findings":
        entries = [DepartmentResult(first, Opinion.RECTIFY)]
    elif case == "failed_no_reason":
        entries = [DepartmentResult(first, Opinion.FAILED, reason=" ")]
    elif case == "foreign_item":
        entries = [DepartmentResult(first, Opinion.RECTIFY, (Finding("x", other_item.code),))]
    elif case == "unknown_visit":
        visit_id = 99999
    with pytest.raises(ResultError, match=message):
        record_results(scheduled, visit_id, entries, now=now, clerk=CLERK)
    assert _dump(scheduled) == before


def test_rectification_reports_out_of_turn_are_refused_and_change_nothing(scheduled):
    visit = _first_visit(scheduled)
    code = visit.project
    before = _dump(scheduled)
    with pytest.raises(ResultError, match="not rectifying"):
        report_rectified(scheduled, code, visit.start.date(), today=visit.start.date(), clerk=CLERK)
    assert _dump(scheduled) == before
    _rectify_one(scheduled, visit, visit.departments[0])
    before = _dump(scheduled)
    late = visit.start.date() + dt.timedelta(days=16)
    with pytest.raises(ResultError, match="the owner must apply again"):
        report_rectified(scheduled, code, late, today=late, clerk=CLERK)
    with pytest.raises(ResultError, match="in the future"):
        report_rectified(scheduled, code, visit.start.date() + dt.timedelta(days=2), today=visit.start.date(),
                         clerk=CLERK)
    with pytest.raises(ResultError, match="before the visit"):
        report_rectified(scheduled, code, visit.start.date() - dt.timedelta(days=1), today=visit.start.date(),
                         clerk=CLERK)
    assert _dump(scheduled) == before


def test_a_report_with_no_open_finding_left_is_refused_with_a_reason(scheduled):
    """Rectifying, but the items of the department that found the problem were edited away: no open finding
    is left to report fixed, so the report is refused with a message (not a crash) and nothing changes."""
    visit = _first_visit(scheduled)
    department = visit.departments[0]
    _rectify_one(scheduled, visit, department)
    project = scheduled.project(visit.project)
    items = {i.code: i for i in scheduled.items()}
    kept = tuple(code for code in project.items if items[code].department != department)
    assert kept and project.status is RequestStatus.RECTIFYING
    scheduled.save_project(dataclasses.replace(project, items=kept))
    before = _dump(scheduled)
    day = visit.start.date() + dt.timedelta(days=1)
    with pytest.raises(ResultError, match=r"has an open finding \(its items were changed\)"):
        report_rectified(scheduled, visit.project, day, today=day, clerk=CLERK)
    assert _dump(scheduled) == before
    # Nor is there a rectification notice to print: the same reason, not an empty notice without a deadline.
    with pytest.raises(ResultError, match="no rectification notice to print"):
        rectification_notice(scheduled, visit.project)


def test_undo_restores_results_and_report_exactly_and_history_keeps_both(scheduled):
    visit = _first_visit(scheduled)
    before = scheduled.project(visit.project), scheduled.visit(visit.id)
    recorded = _rectify_one(scheduled, visit, visit.departments[0])
    day = visit.start.date() + dt.timedelta(days=1)
    rectified = report_rectified(scheduled, visit.project, day, today=day, clerk=CLERK)
    undo_rectified(scheduled, rectified, clerk=CLERK)
    assert scheduled.project(visit.project) == rectified.before
    undo_results(scheduled, recorded, clerk=CLERK)
    assert (scheduled.project(visit.project), scheduled.visit(visit.id)) == before
    assert acceptance_records.results(scheduled.db, visit=visit.id) == []
    events = [e.event for e in history.entries(scheduled.db, visit.project)]
    assert events[-2:] == ["rectified_withdrawn", "results_withdrawn"]


def test_history_is_append_only(scheduled):
    visit = _first_visit(scheduled)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        scheduled.db.execute("UPDATE history SET clerk = 'someone else'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        scheduled.db.execute("DELETE FROM history WHERE visit = ?", [visit.id])


def test_a_result_changes_nothing_in_a_published_visits_feed(scheduled):
    from desktop_app.core.planning.visit_actions import mark_published

    visit = _first_visit(scheduled)
    mark_published(scheduled, [visit])
    before = _feeds(scheduled)
    record_results(scheduled, visit.id, [DepartmentResult(d, Opinion.PASSED) for d in visit.departments],
                   now=_after(visit), clerk=CLERK)
    after = _feeds(scheduled)
    assert after == before
    assert "STATUS:CONFIRMED" in after["joint-acceptance.ics"]


def test_reimport_keeps_where_a_request_stands(scheduled, tmp_path):
    from desktop_app.core.calendar.availability import store_calendar_bytes
    from desktop_app.core.dataset.dataset_import import import_dataset
    from desktop_app.paths import DEMO_DATASET

    visit = _first_visit(scheduled)
    _rectify_one(scheduled, visit, visit.departments[0])
    project = scheduled.project(visit.project)
    import_dataset(DEMO_DATASET / "projects.csv", scheduled.db, store_calendar_bytes)
    after = scheduled.project(visit.project)
    assert (after.status, after.round) == (project.status, project.round)
    assert dataclasses.replace(after, applied_on=project.applied_on, ready_on=project.ready_on,
                               deadline=project.deadline).status is RequestStatus.RECTIFYING
