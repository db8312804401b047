"""The demo data always has upcoming work: dates move with 'today' by whole weeks."""

import datetime as dt

from desktop_app.core.dataset.demo import ANCHOR_MONDAY, load_demo, week_shift
from desktop_app.core.store.repository import Repository


def test_shift_is_whole_weeks_to_the_current_week():
    assert week_shift(ANCHOR_MONDAY) == dt.timedelta(0)
    assert week_shift(ANCHOR_MONDAY + dt.timedelta(days=1)) == dt.timedelta(0)      # Tuesday: this week
    assert week_shift(dt.date(2026, 11, 27)) == dt.timedelta(0)                      # Friday before: next week
    assert week_shift(dt.date(2026, 12, 2)) == dt.timedelta(weeks=1)                 # Wednesday: next week
    assert week_shift(dt.date(2027, 3, 4)) == dt.timedelta(weeks=14)


def test_demo_loaded_later_keeps_weekdays_and_has_upcoming_work(db):
    today = dt.date(2027, 3, 4)
    load_demo(db, today=today)
    projects = Repository(db).projects()
    assert len(projects) == 30
    upcoming = [p for p in projects if p.ready_on >= today]
    assert len(upcoming) >= 5
    assert all(p.applied_on.weekday() < 5 for p in projects)


def test_demo_matches_the_seed_article(demo_repo):
    names = {p.name for p in demo_repo.places()}
    for park in ("新能源新材料产业园", "节能环保产业园", "电子信息产业园", "智能制造产业园", "教育装备产业园", "智慧谷"):
        assert any(park in name for name in names), park
    levels = {d.level for d in demo_repo.departments()}
    assert levels == {"city", "district"}
    assert all(d.office_hours.on(0)[0][1] <= 12 * 60 for d in demo_repo.departments())  # a lunch break


def test_the_demo_has_a_past_with_every_outcome(db, demo_today):
    """First run: the whole lifecycle is there to see (DESIGN §11)."""
    from desktop_app.core.calendar.availability import store_calendar_bytes
    from desktop_app.core.model.domain import RequestStatus, VisitStatus
    from desktop_app.core.store import acceptance_records, history

    load_demo(db, today=demo_today, availability_writer=store_calendar_bytes, history=True)
    repo = Repository(db)
    statuses = {p.code: p.status for p in repo.projects() if p.code > "XM2026-030"}
    assert statuses == {"XM2026-031": RequestStatus.DONE, "XM2026-032": RequestStatus.SCHEDULED,
                        "XM2026-033": RequestStatus.RECTIFYING, "XM2026-034": RequestStatus.SCHEDULED,
                        "XM2026-035": RequestStatus.FAILED}
    reinspection = next(v for v in repo.visits(project="XM2026-032") if v.status is not VisitStatus.DONE)
    assert reinspection.round == 1 and reinspection.departments == ("D02",)
    assert reinspection.start.date() > demo_today
    due = next(v for v in repo.visits(project="XM2026-034"))
    assert due.end.date() < demo_today and acceptance_records.results(db, visit=due.id) == []
    findings = [f.text for r in acceptance_records.results(db, project="XM2026-033") for f in r.findings]
    assert len(findings) == 2
    assert [e.event for e in history.entries(db, "XM2026-031")][-1] == "status"
    assert sum(1 for p in repo.projects() if p.status is RequestStatus.PENDING) == 30
