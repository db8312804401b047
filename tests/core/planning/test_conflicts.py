"""Stored visits re-checked against availability; the dashboard's chart series (issue 8)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from zoneinfo import ZoneInfo

from desktop_app.cli import main
from desktop_app.core.calendar.availability import BlockKind, import_calendar_bytes
from desktop_app.core.planning.conflicts import find_conflicts, grouped_lines, upcoming_conflicts
from desktop_app.core.model.domain import HolidayKind, HolidayOverride, Visit, VisitStatus
from desktop_app.core.reports.workload import (
    late_visit_ids,
    load_per_department,
    requests_by_place,
    visits_per_week,
)
from tests.ical_samples import busy_ics

ZONE = ZoneInfo("Asia/Shanghai")
TUESDAY = dt.date(2026, 12, 1)
WINDOW = (dt.date(2026, 11, 1), dt.date(2027, 3, 1))


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), ZONE)


def add_visit(repo, project="XM2026-004", day=TUESDAY, hour=10, departments=("D01", "D02"), hours=2,
              status=VisitStatus.PLANNED) -> int:
    start = at(day, hour)
    return repo.insert_visit(Visit(None, project, start, start + dt.timedelta(hours=hours), "P01", departments,
                                   ("I01", "I02"), status=status))




def test_a_visit_that_still_fits_has_no_conflict(demo_repo):
    visit_id = add_visit(demo_repo)
    assert find_conflicts(demo_repo, TUESDAY, TUESDAY) == {}
    assert visit_id not in upcoming_conflicts(demo_repo, dt.date(2026, 11, 30))


def test_a_new_busy_event_flags_the_visit_with_its_title(demo_repo):
    visit_id = add_visit(demo_repo)
    import_calendar_bytes(demo_repo.db, "D02", "meeting.ics", busy_ics("20261201T110000", "20261201T113000", "党组会"),
                          window=WINDOW)
    conflicts = find_conflicts(demo_repo, TUESDAY, TUESDAY)
    assert list(conflicts) == [visit_id]
    (conflict,) = conflicts[visit_id]
    assert (conflict.department, conflict.kind, conflict.reason) == ("D02", BlockKind.BUSY_EVENT, "党组会")
    assert (conflict.start, conflict.end) == (at(TUESDAY, 11), at(TUESDAY, 11, 30))
    assert "busy: 党组会 (11:00–11:30)" in conflict.describe("Fire")


def test_a_holiday_override_flags_every_department_once_per_reason(demo_repo):
    visit_id = add_visit(demo_repo)
    demo_repo.replace_holiday_override(None, HolidayOverride(TUESDAY, HolidayKind.HOLIDAY, "临时停工"))
    conflicts = find_conflicts(demo_repo, TUESDAY, TUESDAY)[visit_id]
    assert {c.department for c in conflicts} == {"D01", "D02"}
    assert {c.kind for c in conflicts} == {BlockKind.NON_WORKING_DAY}
    assert grouped_lines(conflicts, {"D01": "规划", "D02": "消防"}) == [
        "规划、消防: non-working day: 临时停工 (10:00–12:00)"]


def test_done_and_cancelled_visits_are_not_flagged(demo_repo):
    add_visit(demo_repo, status=VisitStatus.DONE)
    add_visit(demo_repo, hour=14, status=VisitStatus.CANCELLED)
    demo_repo.replace_holiday_override(None, HolidayOverride(TUESDAY, HolidayKind.HOLIDAY, "临时停工"))
    assert find_conflicts(demo_repo, TUESDAY, TUESDAY) == {}


def test_a_visit_over_the_lunch_break_is_flagged_as_outside_office_hours(demo_repo):
    visit_id = add_visit(demo_repo, hour=11, departments=("D01",))
    (conflict,) = find_conflicts(demo_repo, TUESDAY, TUESDAY)[visit_id]
    assert conflict.kind is BlockKind.OUTSIDE_OFFICE_HOURS
    assert (conflict.start, conflict.end) == (at(TUESDAY, 12), at(TUESDAY, 13))


def test_cli_conflicts_lists_the_reason(demo_repo, db_path, capsys):
    visit_id = add_visit(demo_repo)
    import_calendar_bytes(demo_repo.db, "D01", "m.ics", busy_ics("20261201T100000", "20261201T103000", "督查"),
                          window=WINDOW)
    assert main(["--lang", "en", "conflicts", "--db", str(db_path), "--today", "2026-11-30", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["conflicts"] == [{"visit": visit_id, "project": "XM2026-004", "department": "D01",
                                    "start": "2026-12-01T10:00:00+08:00", "end": "2026-12-01T10:30:00+08:00",
                                    "kind": "busy_event", "reason": "督查"}]
    assert main(["--lang", "zh_CN", "conflicts", "--db", str(db_path), "--today", "2026-11-30"]) == 0
    assert "另有安排：督查（10:00–10:30）" in capsys.readouterr().out


def test_cli_conflicts_says_so_when_there_are_none(demo_repo, db_path, capsys):
    add_visit(demo_repo)
    assert main(["--lang", "en", "conflicts", "--db", str(db_path), "--today", "2026-11-30"]) == 0
    assert capsys.readouterr().out.startswith("No conflicts")


def test_chart_series_count_active_visits_and_requests(demo_repo):
    first = add_visit(demo_repo, departments=("D01", "D02"))
    add_visit(demo_repo, project="XM2026-007", day=dt.date(2026, 12, 8), departments=("D01",), hours=1)
    add_visit(demo_repo, day=dt.date(2026, 12, 9), status=VisitStatus.CANCELLED)
    visits = demo_repo.visits(include_cancelled=True)
    weeks = visits_per_week(visits, dt.date(2026, 11, 23), 4, late_visits={first})
    assert [(w.monday, w.visits, w.late) for w in weeks] == [
        (dt.date(2026, 11, 23), 0, 0), (dt.date(2026, 11, 30), 1, 1), (dt.date(2026, 12, 7), 1, 0),
        (dt.date(2026, 12, 14), 0, 0)]
    loads = {load.code: load for load in load_per_department(visits, demo_repo.departments(), TUESDAY,
                                                             dt.date(2026, 12, 31))}
    assert (loads["D01"].visits, loads["D01"].hours) == (2, 3.0)
    assert (loads["D02"].visits, loads["D02"].hours) == (1, 2.0)
    assert loads["D03"].visits == 0
    by_place = {p.code: p for p in requests_by_place(demo_repo.projects(), demo_repo.places())}
    projects = demo_repo.projects()
    assert sum(p.total for p in by_place.values()) == len(projects)
    assert by_place["P03"].total == sum(1 for p in projects if p.place == "P03")


def test_a_visit_after_the_deadline_is_late(demo_repo):
    from desktop_app.core.calendar.workdays import calendar_for

    project = demo_repo.project("XM2026-004")
    demo_repo.save_project(dataclasses.replace(project, deadline=dt.date(2026, 12, 3)))
    on_time = add_visit(demo_repo, day=dt.date(2026, 12, 3))
    late = add_visit(demo_repo, day=dt.date(2026, 12, 4))
    ids = late_visit_ids(demo_repo.visits(), demo_repo.projects(), calendar_for(demo_repo), 5)
    assert late in ids and on_time not in ids


# --- our own visits against each other (issue 13: what two schedules saved at once leave behind) ---
def test_two_of_our_visits_at_once_and_without_travel_time_are_double_bookings(demo_repo):
    first = add_visit(demo_repo, "XM2026-004", hour=9, departments=("D01", "D02"))
    second = add_visit(demo_repo, "XM2026-005", hour=10, departments=("D01",))          # overlaps 10:00-11:00
    start = at(TUESDAY, 14)
    third = demo_repo.insert_visit(Visit(None, "XM2026-006", start, start + dt.timedelta(hours=1), "P02",
                                         ("D02",), ("I01",)))
    demo_repo.db.execute("UPDATE visits SET start = ?, end = ? WHERE id = ?",
                         [at(TUESDAY, 11, 10).isoformat(), at(TUESDAY, 12).isoformat(), third])   # P01→P02 is 20 min
    conflicts = find_conflicts(demo_repo, TUESDAY, TUESDAY)
    kinds = {(visit_id, c.department, str(c.kind)) for visit_id, found in conflicts.items() for c in found}
    assert {(first, "D01", "overlap"), (second, "D01", "overlap"), (first, "D02", "travel"),
            (third, "D02", "travel")} <= kinds
    overlap = next(c for c in conflicts[second] if c.kind == "overlap")
    assert (overlap.start, overlap.end) == (at(TUESDAY, 10), at(TUESDAY, 11))
    assert "also booked at the visit of XM2026-004 (09:00-11:00)" in overlap.describe()
    assert all(str(c.kind) != "capacity" for found in conflicts.values() for c in found), "2 a day is D01's limit"


def test_more_visits_in_a_day_than_the_daily_capacity_flags_each_of_them(demo_repo, db_path, capsys):
    ids = [add_visit(demo_repo, code, hour=hour, departments=("D01",), hours=1)
           for code, hour in (("XM2026-004", 9), ("XM2026-005", 10), ("XM2026-006", 14))]
    conflicts = find_conflicts(demo_repo, TUESDAY, TUESDAY)
    assert sorted(conflicts) == ids
    for visit_id in ids:
        (capacity,) = [c for c in conflicts[visit_id] if c.kind == "capacity"]
        assert "3 visits on 12-01, more than its daily limit of 2" in capacity.reason
    assert set(upcoming_conflicts(demo_repo, dt.date(2026, 11, 30))) == set(ids)
    assert main(["--lang", "en", "conflicts", "--db", str(db_path), "--today", "2026-11-30", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["conflicts"]
    assert {(c["visit"], c["kind"]) for c in listed} >= {(visit_id, "capacity") for visit_id in ids}
    assert main(["--lang", "zh_CN", "conflicts", "--db", str(db_path), "--today", "2026-11-30"]) == 0
    assert "超过每日上限 2 场" in capsys.readouterr().out


def test_cancelled_visits_do_not_count_as_double_bookings(demo_repo):
    add_visit(demo_repo, "XM2026-004", hour=9, departments=("D01",))
    add_visit(demo_repo, "XM2026-005", hour=9, departments=("D01",), status=VisitStatus.CANCELLED)
    assert find_conflicts(demo_repo, TUESDAY, TUESDAY) == {}
