"""China's working-day calendar against the real 2026 schedule, and the bureau's overrides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.domain import HolidayKind, HolidayOverride
from desktop_app.core.store.repository import Repository
from desktop_app.core.calendar.workdays import (
    WorkingCalendar, check_overrides, deadline_for, delete_holiday_override, import_holiday_calendar,
    kind_from_marks, save_holiday_overrides, set_year_complete,
)

ICS = Path(__file__).parents[2] / "fixtures" / "ics"
D = dt.date


def calendar_of(repo: Repository) -> WorkingCalendar:
    return WorkingCalendar(repo.holiday_overrides(), repo.settings().complete_override_years)


def test_real_2026_calendar():
    calendar = WorkingCalendar()
    assert calendar.is_working_day(D(2026, 2, 14))          # Saturday worked for the Spring Festival
    assert calendar.is_working_day(D(2026, 10, 10))         # Saturday worked for National Day
    assert calendar.is_makeup_workday(D(2026, 10, 10))
    for day in range(1, 8):
        assert not calendar.is_working_day(D(2026, 10, day)), day
    assert not calendar.is_working_day(D(2027, 1, 1))
    assert calendar.is_working_day(D(2026, 12, 1)) and not calendar.is_working_day(D(2026, 12, 5))
    assert calendar.holiday_name(D(2026, 10, 1)) == "国庆节"


def test_working_day_arithmetic_over_national_day():
    calendar = WorkingCalendar()
    # Applied on Wednesday 2026-09-30: the next working day is 10-08, the fifth is Saturday 10-10's week.
    assert calendar.next_working_day(D(2026, 9, 30)) == D(2026, 10, 8)
    assert calendar.add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)
    assert calendar.add_working_days(D(2026, 9, 30), 4) == D(2026, 10, 12)
    assert calendar.working_days_between(D(2026, 9, 30), D(2026, 10, 12)) == 4
    assert calendar.add_working_days(D(2026, 10, 12), -4) == D(2026, 9, 30)
    assert deadline_for(D(2026, 9, 30), None, calendar, 5) == D(2026, 10, 13)
    assert deadline_for(D(2026, 9, 30), D(2026, 11, 1), calendar, 5) == D(2026, 11, 1)


_SPAN = st.dates(min_value=D(2024, 10, 1), max_value=D(2028, 3, 31))
_OVERRIDES = WorkingCalendar([HolidayOverride(D(2027, 3, 1), HolidayKind.HOLIDAY, "区庆"),
                              HolidayOverride(D(2027, 3, 6), HolidayKind.WORKDAY, "补班")])


@given(_SPAN, _SPAN)
@settings(max_examples=300, deadline=None)
def test_working_days_between_counts_exactly_the_working_days_after_first_up_to_last(first, last):
    day_by_day = sum(1 for offset in range(1, (last - first).days + 1)
                     if _OVERRIDES.is_working_day(first + dt.timedelta(days=offset)))
    assert _OVERRIDES.working_days_between(first, last) == day_by_day


def test_stand_in_weekday_of_make_up_days():
    calendar = WorkingCalendar()
    assert calendar.stand_in_weekday(D(2026, 2, 14)) == 4        # pays back Friday 2026-02-20
    assert calendar.stand_in_weekday(D(2026, 10, 10)) == 2       # pays back Wednesday 2026-10-07
    assert calendar.stand_in_weekday(D(2026, 12, 1)) is None     # an ordinary Tuesday


def test_coverage_warns_about_unconfirmed_years():
    calendar = WorkingCalendar()
    far = D(2031, 3, 3)
    assert calendar.is_confirmed(D(2026, 12, 1))
    assert not calendar.is_confirmed(far)
    assert "2031" in calendar.coverage_warning([D(2026, 12, 1), far])
    assert calendar.coverage_warning([D(2026, 12, 1)]) == ""
    assert WorkingCalendar(complete_years=[2031]).is_confirmed(far)


def test_typed_in_overrides_win_and_can_be_removed(repo):
    save_holiday_overrides(repo.db, [HolidayOverride(D(2026, 12, 1), HolidayKind.HOLIDAY, "区庆"),
                                     HolidayOverride(D(2026, 12, 5), HolidayKind.WORKDAY, "补班")])
    calendar = calendar_of(repo)
    assert not calendar.is_working_day(D(2026, 12, 1)) and calendar.holiday_name(D(2026, 12, 1)) == "区庆"
    assert calendar.is_working_day(D(2026, 12, 5))
    assert delete_holiday_override(repo.db, D(2026, 12, 1))
    assert calendar_of(repo).is_working_day(D(2026, 12, 1))
    assert not delete_holiday_override(repo.db, D(2026, 12, 1))


def test_date_given_twice_with_different_kinds_is_refused_and_nothing_stored(repo):
    overrides = [HolidayOverride(D(2027, 10, 1), HolidayKind.HOLIDAY, "国庆节"),
                 HolidayOverride(D(2027, 10, 1), HolidayKind.WORKDAY, "补班")]
    with pytest.raises(InputError, match="2027-10-01 is given twice with different kinds"):
        save_holiday_overrides(repo.db, overrides, source="typed in")
    assert repo.holiday_overrides() == []
    # The same kind twice is harmless.
    assert len(check_overrides(overrides[:1] * 2, "x")) == 1


def test_holiday_calendar_ics_becomes_overrides(repo):
    imported = import_holiday_calendar(repo.db, (ICS / "holidays_2027.ics").read_bytes(), "holidays_2027.ics",
                                       complete_years=[2027])
    by_date = {o.date: o for o in imported}
    assert [by_date[D(2027, 1, d)].kind for d in (1, 2, 3)] == [HolidayKind.HOLIDAY] * 3   # multi-day event
    assert by_date[D(2027, 1, 1)].name == "元旦"
    assert by_date[D(2027, 2, 6)].kind is HolidayKind.WORKDAY                              # 调休上班
    assert by_date[D(2027, 2, 8)].kind is HolidayKind.HOLIDAY                              # by category
    assert by_date[D(2027, 2, 13)].kind is HolidayKind.WORKDAY                             # "班", no DTEND
    calendar = calendar_of(repo)
    assert calendar.is_working_day(D(2027, 2, 6)) and not calendar.is_working_day(D(2027, 2, 8))
    assert 2027 in calendar.confirmed_years


@pytest.mark.parametrize(("fixture", "message"), [
    ("holidays_conflict.ics", "2027-10-01 is given twice with different kinds"),
    ("holidays_unmarked.ics", "cannot tell whether '国庆节' on 2027-10-01 is a day off or a working day"),
    ("not_calendar.ics", "not an iCalendar file"),
])
def test_bad_holiday_calendar_changes_nothing(repo, fixture, message):
    save_holiday_overrides(repo.db, [HolidayOverride(D(2026, 12, 1), HolidayKind.HOLIDAY, "区庆")])
    before = repo.holiday_overrides()
    with pytest.raises(InputError, match=message) as error:
        import_holiday_calendar(repo.db, (ICS / fixture).read_bytes(), fixture, complete_years=[2027])
    assert fixture in str(error.value)
    assert repo.holiday_overrides() == before
    assert 2027 not in repo.settings().complete_override_years


def test_marks_in_names_and_categories():
    assert kind_from_marks("国庆节（休）", []) == (HolidayKind.HOLIDAY, "国庆节")
    assert kind_from_marks("国庆节补班", []) == (HolidayKind.WORKDAY, "国庆节")
    assert kind_from_marks("调休上班", [])[0] is HolidayKind.WORKDAY
    assert kind_from_marks("春节", ["Holiday"]) == (HolidayKind.HOLIDAY, "春节")
    assert kind_from_marks("区运动会", []) == (None, "区运动会")


def test_year_marked_complete_and_unmarked(repo):
    set_year_complete(repo.db, 2031)
    assert 2031 in calendar_of(repo).confirmed_years
    set_year_complete(repo.db, 2031, complete=False)
    assert 2031 not in calendar_of(repo).confirmed_years
