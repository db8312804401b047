"""The free-time engine: office hours ∩ working days − busy − blocked, with reasons."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from desktop_app.core.calendar.availability import (
    Availability, BlockKind, BusyEvent, add_blocked_period, set_office_hours_variant, snap_to_grain,
)
from desktop_app.core.model.domain import Department, HolidayKind, HolidayOverride, Level
from desktop_app.core.model.office_hours import WeeklyHours
from desktop_app.core.calendar.workdays import WorkingCalendar

TZ = ZoneInfo("Asia/Shanghai")


def at(day: str, time: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time.fromisoformat(time), TZ)


def department(code: str, hours: str = "MO-FR 08:30-12:00,14:00-17:30") -> Department:
    return Department(code, f"部门{code}", Level.CITY, office_hours=WeeklyHours.parse(hours))


def engine(busy=None, blocked=None, variants=None, overrides=(), departments=None) -> Availability:
    departments = departments or {"A": department("A"), "B": department("B", "MO-FR 09:00-12:00,13:30-17:00")}
    return Availability(departments, WorkingCalendar(overrides), busy or {}, dt.date(2026, 9, 1),
                        dt.date(2026, 12, 31), blocked=blocked, variants=variants)


def test_office_periods_keep_the_lunch_break():
    periods = engine().office_periods("A", dt.date(2026, 12, 1))
    assert periods == [(at("2026-12-01", "08:30"), at("2026-12-01", "12:00")),
                       (at("2026-12-01", "14:00"), at("2026-12-01", "17:30"))]
    assert all(p[0].tzinfo is not None for p in periods)


def test_no_office_hours_on_weekends_and_statutory_holidays():
    availability = engine()
    assert availability.office_periods("A", dt.date(2026, 12, 5)) == []           # Saturday
    for day in range(1, 8):                                                         # 国庆节 2026
        assert availability.office_periods("A", dt.date(2026, 10, day)) == []


def test_make_up_saturday_uses_ordinary_weekday_hours():
    availability = engine()
    # 2026-10-10 is a Saturday worked in exchange for the National Day holiday (调休).
    assert availability.office_periods("B", dt.date(2026, 10, 10)) == [
        (at("2026-10-10", "09:00"), at("2026-10-10", "12:00")),
        (at("2026-10-10", "13:30"), at("2026-10-10", "17:00"))]


def test_make_up_day_works_the_hours_of_the_weekday_it_pays_back():
    # 2026-02-14 (Saturday) pays back Friday 2026-02-20: a department closed on Friday afternoons
    # works only the morning.
    departments = {"C": department("C", "MO-TH 08:30-12:00,14:00-17:30; FR 08:30-12:00")}
    assert engine(departments=departments).office_periods("C", dt.date(2026, 2, 14)) == [
        (at("2026-02-14", "08:30"), at("2026-02-14", "12:00"))]


def test_make_up_day_the_bureau_entered_uses_the_first_weekday_with_hours():
    departments = {"C": department("C", "TU-FR 09:00-11:00")}
    overrides = [HolidayOverride(dt.date(2026, 12, 5), HolidayKind.WORKDAY, "加班")]
    assert engine(departments=departments, overrides=overrides).office_periods("C", dt.date(2026, 12, 5)) == [
        (at("2026-12-05", "09:00"), at("2026-12-05", "11:00"))]


def test_bureau_override_wins_over_the_official_calendar():
    overrides = [HolidayOverride(dt.date(2026, 12, 1), HolidayKind.HOLIDAY, "区运动会"),
                 HolidayOverride(dt.date(2026, 12, 5), HolidayKind.WORKDAY, "加班")]
    availability = engine(overrides=overrides)
    assert availability.office_periods("A", dt.date(2026, 12, 1)) == []
    assert availability.office_periods("A", dt.date(2026, 12, 5))[0][0] == at("2026-12-05", "08:30")
    [stretch] = availability.unavailable("A", at("2026-12-01", "09:00"), at("2026-12-01", "10:00"))
    assert (stretch.kind, stretch.reason) == (BlockKind.NON_WORKING_DAY, "区运动会")


def test_free_intervals_subtract_busy_events_and_keep_titles():
    busy = {"A": [BusyEvent("A", at("2026-12-01", "10:00"), at("2026-12-01", "11:00"), "局务会"),
                  BusyEvent("A", at("2026-12-01", "13:00"), at("2026-12-01", "15:00"), "调研")]}
    availability = engine(busy=busy)
    assert availability.free_intervals("A", dt.date(2026, 12, 1)) == [
        (at("2026-12-01", "08:30"), at("2026-12-01", "10:00")),
        (at("2026-12-01", "11:00"), at("2026-12-01", "12:00")),
        (at("2026-12-01", "15:00"), at("2026-12-01", "17:30"))]
    assert [e.title for e in availability.busy("A", dt.date(2026, 12, 1))] == ["局务会", "调研"]
    assert availability.is_free("A", at("2026-12-01", "08:30"), at("2026-12-01", "10:00"))
    assert not availability.is_free("A", at("2026-12-01", "09:30"), at("2026-12-01", "10:30"))


def test_busy_events_in_another_zone_are_converted():
    utc = ZoneInfo("UTC")
    event = BusyEvent("A", dt.datetime(2026, 12, 1, 1, 0, tzinfo=utc), dt.datetime(2026, 12, 1, 2, 0, tzinfo=utc), "x")
    availability = engine(busy={"A": [event]})
    [stored] = availability.busy("A", dt.date(2026, 12, 1))
    assert stored.start == at("2026-12-01", "09:00") and stored.start.tzinfo == TZ


def test_all_day_and_multi_day_events_block_every_day_they_cover():
    busy = {"A": [BusyEvent("A", at("2026-12-01", "00:00"), at("2026-12-03", "00:00"), "培训", all_day=True)]}
    availability = engine(busy=busy)
    assert availability.free_intervals("A", dt.date(2026, 12, 1)) == []
    assert availability.free_intervals("A", dt.date(2026, 12, 2)) == []
    assert availability.free_intervals("A", dt.date(2026, 12, 3)) != []
    # Also outside the planning window, where events are scanned instead of indexed.
    late = {"A": [BusyEvent("A", at("2027-03-01", "00:00"), at("2027-03-02", "00:00"), "培训", all_day=True)]}
    assert engine(busy=late).free_intervals("A", dt.date(2027, 3, 1)) == []


def test_blocked_days_empty_the_day_and_say_why():
    availability = engine(blocked={"A": [(dt.date(2026, 12, 7), dt.date(2026, 12, 8), "省厅培训")]})
    assert availability.office_periods("A", dt.date(2026, 12, 7)) == []
    assert availability.office_periods("A", dt.date(2026, 12, 9)) != []
    [stretch] = availability.unavailable("A", at("2026-12-07", "00:00"), at("2026-12-09", "00:00"))
    assert (stretch.kind, stretch.reason) == (BlockKind.BLOCKED_DAY, "省厅培训")
    assert (stretch.start, stretch.end) == (at("2026-12-07", "00:00"), at("2026-12-09", "00:00"))


def test_seasonal_variant_applies_from_its_start_date():
    variants = {"A": [(dt.date(2026, 12, 7), WeeklyHours.parse("MO-FR 09:00-12:00,13:00-17:00"))]}
    availability = engine(variants=variants)
    assert availability.office_periods("A", dt.date(2026, 12, 4))[1][0] == at("2026-12-04", "14:00")
    assert availability.office_periods("A", dt.date(2026, 12, 7))[1][0] == at("2026-12-07", "13:00")


def test_common_free_is_the_intersection_and_respects_the_grain():
    busy = {"B": [BusyEvent("B", at("2026-12-01", "09:00"), at("2026-12-01", "10:15"), "周例会")]}
    availability = engine(busy=busy)
    exact = availability.common_free(["A", "B"], dt.date(2026, 12, 1), dt.date(2026, 12, 1))
    assert exact == [(at("2026-12-01", "10:15"), at("2026-12-01", "12:00")),
                     (at("2026-12-01", "14:00"), at("2026-12-01", "17:00"))]
    on_grain = availability.common_free(["A", "B"], dt.date(2026, 12, 1), dt.date(2026, 12, 1), grain_minutes=30)
    assert on_grain[0] == (at("2026-12-01", "10:30"), at("2026-12-01", "12:00"))
    assert availability.common_free([], dt.date(2026, 12, 1), dt.date(2026, 12, 1)) == []
    # Over a range including a weekend: only the working days contribute.
    week = availability.common_free(["A", "B"], dt.date(2026, 12, 4), dt.date(2026, 12, 7))
    assert {start.date() for start, _ in week} == {dt.date(2026, 12, 4), dt.date(2026, 12, 7)}


def test_snap_to_grain_drops_what_is_shorter_than_a_cell():
    assert snap_to_grain([(at("2026-12-01", "10:10"), at("2026-12-01", "10:50"))], 30) == []
    assert snap_to_grain([(at("2026-12-01", "10:00"), at("2026-12-01", "11:10"))], 30) == [
        (at("2026-12-01", "10:00"), at("2026-12-01", "11:00"))]


def test_unavailable_names_holiday_office_hours_and_busy_event():
    busy = {"A": [BusyEvent("A", at("2026-12-01", "09:00"), at("2026-12-01", "10:00"), "全市消防安全大检查")]}
    availability = engine(busy=busy)
    found = availability.unavailable("A", at("2026-12-01", "08:00"), at("2026-12-01", "14:30"))
    assert [(u.kind, u.start.time(), u.end.time()) for u in found] == [
        (BlockKind.OUTSIDE_OFFICE_HOURS, dt.time(8, 0), dt.time(8, 30)),
        (BlockKind.BUSY_EVENT, dt.time(9, 0), dt.time(10, 0)),
        (BlockKind.OUTSIDE_OFFICE_HOURS, dt.time(12, 0), dt.time(14, 0))]
    assert found[1].reason == "全市消防安全大检查"
    assert availability.unavailable("A", at("2026-12-01", "10:00"), at("2026-12-01", "12:00")) == []
    national_day = availability.unavailable("A", at("2026-10-01", "09:00"), at("2026-10-08", "00:00"))
    assert national_day[0].kind is BlockKind.NON_WORKING_DAY
    assert "国庆" in national_day[0].reason or "中秋" in national_day[0].reason
    saturday = availability.unavailable("A", at("2026-12-05", "09:00"), at("2026-12-05", "10:00"))
    assert [(u.kind, u.reason) for u in saturday] == [(BlockKind.NON_WORKING_DAY, "weekend")]


def test_from_repository_on_the_demo_database(demo_repo, demo_today):
    availability = Availability.from_repository(demo_repo, demo_today, demo_today + dt.timedelta(days=40))
    thursday = dt.date(2026, 12, 3)
    # D02's whole-day city-wide fire inspection.
    assert availability.free_intervals("D02", thursday) == []
    reasons = {u.reason for u in availability.unavailable("D02", at("2026-12-03", "09:00"), at("2026-12-03", "10:00"))}
    assert reasons == {"全市消防安全大检查"}
    # The weekly Monday meeting recurs; the 2026-12-14 one was moved to Tuesday (RECURRENCE-ID).
    assert [e.title for e in availability.busy("D02", dt.date(2026, 11, 30))] == ["科务会"]
    assert availability.busy("D02", dt.date(2026, 12, 14)) == []
    assert [e.title for e in availability.busy("D02", dt.date(2026, 12, 15))] == ["科务会（本周改至周二）"]
    # Transparent and cancelled events never block.
    assert [e.title for e in availability.busy("D01", dt.date(2026, 12, 7))] == ["局务会"]
    assert availability.busy("D01", dt.date(2026, 12, 8)) == []
    # EXDATE and RDATE: D05's fortnightly patrol moved from 12-25 to 12-18.
    assert [e.title for e in availability.busy("D05", dt.date(2026, 12, 18))] == ["防雷安全隔周巡查"]
    assert availability.busy("D05", dt.date(2026, 12, 25)) == []
    # All-day recurring: D01's training on the first Wednesday of the month.
    assert availability.free_intervals("D01", dt.date(2026, 12, 2)) == []
    # A department without a calendar is free in its office hours.
    assert availability.free_intervals("D03", thursday) == availability.office_periods("D03", thursday)


def test_from_repository_reexpands_outside_the_stored_window(demo_repo):
    # Far beyond the window expanded at import: the weekly Monday meeting must still be there.
    first = dt.date(2028, 3, 6)
    availability = Availability.from_repository(demo_repo, first, first + dt.timedelta(days=7))
    assert [e.title for e in availability.busy("D01", first)] == ["局务会"]


def test_blocked_periods_and_variants_from_the_database(demo_repo, demo_today):
    add_blocked_period(demo_repo.db, "D03", dt.date(2026, 12, 1), dt.date(2026, 12, 2), "省人防办业务培训")
    set_office_hours_variant(demo_repo.db, "D03", dt.date(2026, 12, 7), "MO-FR 09:00-12:00,13:00-17:00")
    availability = Availability.from_repository(demo_repo, demo_today, demo_today + dt.timedelta(days=14))
    assert availability.office_periods("D03", dt.date(2026, 12, 1)) == []
    assert availability.unavailable("D03", at("2026-12-02", "09:00"), at("2026-12-02", "10:00"))[0].reason \
        == "省人防办业务培训"
    assert availability.office_periods("D03", dt.date(2026, 12, 7))[1][0] == at("2026-12-07", "13:00")


def test_blocked_period_must_not_end_before_it_starts(repo, demo_repo):
    from desktop_app.core.model.errors import InputError

    with pytest.raises(InputError, match="ends before it starts"):
        add_blocked_period(demo_repo.db, "D03", dt.date(2026, 12, 2), dt.date(2026, 12, 1))
    with pytest.raises(InputError, match="unknown department"):
        add_blocked_period(demo_repo.db, "NOPE", dt.date(2026, 12, 1), dt.date(2026, 12, 1))
    assert demo_repo.db["blocked_periods"].count == 0
