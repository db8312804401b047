import pytest
from hypothesis import given, strategies as st

from desktop_app.core.model.office_hours import OfficeHoursError, WeeklyHours


def test_parses_lunch_break_and_saturday():
    hours = WeeklyHours.parse("MO-FR 08:30-12:00,14:00-17:30; SA 09:00-11:30")
    assert hours.on(0) == ((510, 720), (840, 1050))
    assert hours.on(4) == hours.on(0)
    assert hours.on(5) == ((540, 690),)
    assert hours.on(6) == ()


def test_accepts_fullwidth_semicolon_and_day_lists():
    hours = WeeklyHours.parse("MO,WE 09:00-12:00；FR 13:30-17:00")
    assert hours.on(0) == hours.on(2) == ((540, 720),)
    assert hours.on(1) == ()
    assert hours.on(4) == ((810, 1020),)


@pytest.mark.parametrize("text, fragment", [
    ("MO-FR 14:00-08:30", "ends before it starts"),
    ("XX 08:00-12:00", "unknown day"),
    ("MO-FR", "needs days and times"),
    ("MO-FR 8-12", "bad time interval"),
    ("MO-FR 25:00-26:00", "bad time interval"),
    ("MO-FR 08:00-12:00,11:00-13:00", "overlap"),
    ("FR-MO 08:00-12:00", "bad day range"),
    ("MO 08:00-12:00; MO 14:00-17:00", "listed twice"),
    ("", "empty"),
])
def test_rejects_bad_text_with_a_clear_reason(text, fragment):
    with pytest.raises(OfficeHoursError, match=fragment):
        WeeklyHours.parse(text)


@given(st.lists(st.tuples(st.integers(0, 47), st.integers(1, 8)), min_size=1, max_size=3), st.sets(st.integers(0, 6), min_size=1))
def test_format_round_trips(raw, days):
    intervals, cursor = [], 0
    for gap, length in raw:
        start = cursor + gap * 10
        end = start + length * 15
        if end > 24 * 60:
            break
        intervals.append((start, end))
        cursor = end + 10
    if not intervals:
        return
    weekly = WeeklyHours(tuple(tuple(intervals) if d in days else () for d in range(7)))
    assert WeeklyHours.parse(weekly.format()) == weekly
