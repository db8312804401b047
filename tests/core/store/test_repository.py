"""Visits as the repository stores and reads them."""

import datetime as dt
from zoneinfo import ZoneInfo

from desktop_app.core.model.domain import Visit, VisitStatus

ZONE = ZoneInfo("Asia/Shanghai")


def _visit(repo, day: dt.date, hour: int, status=VisitStatus.PLANNED, departments=("D01", "D02")) -> int:
    start = dt.datetime.combine(day, dt.time(hour), ZONE)
    return repo.insert_visit(Visit(None, "XM2026-001", start, start + dt.timedelta(hours=2), "P03",
                                   departments, ("I01", "I02"), status=status))


def test_a_week_holds_exactly_the_active_visits_that_overlap_it(demo_repo):
    inside = _visit(demo_repo, dt.date(2026, 12, 1), 9)
    _visit(demo_repo, dt.date(2026, 12, 7), 9)                                # next week
    _visit(demo_repo, dt.date(2026, 12, 2), 14, status=VisitStatus.CANCELLED)
    _visit(demo_repo, dt.date(2026, 11, 29), 9)                               # the Sunday before
    start = dt.datetime(2026, 11, 30, tzinfo=ZONE)
    week = demo_repo.visits(start=start, end=start + dt.timedelta(days=7))
    assert [v.id for v in week] == [inside]
    assert week[0].departments == ("D01", "D02") and week[0].items == ("I01", "I02")
    assert week[0] == demo_repo.visit(inside)


def test_a_move_raises_sequence_and_remembers_the_previous_time(demo_repo):
    visit_id = _visit(demo_repo, dt.date(2026, 12, 1), 9)
    original = demo_repo.visit(visit_id)
    assert demo_repo.update_visit(original) == original                       # nothing changed: untouched
    later = original.start + dt.timedelta(hours=5)
    moved = demo_repo.update_visit(
        Visit(**{**original.__dict__, "start": later, "end": later + dt.timedelta(hours=2)}))
    assert moved.sequence == original.sequence + 1
    assert moved.previous_start == original.start
    assert demo_repo.visit(visit_id) == moved
