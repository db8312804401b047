"""The lifecycle's figures in `stats` (DESIGN §11) on a small hand-made history with known answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.core.acceptance.results import record_results
from desktop_app.core.model.domain import DepartmentResult, Opinion
from desktop_app.core.reports.lifecycle_figures import item_findings, load_history, results_overdue
from desktop_app.core.calendar.workdays import calendar_for
from desktop_app.core.reports.metrics import database_stats
from desktop_app.core.store.database import open_database
from desktop_app.core.store.repository import Repository
from tests.core.reports.small_history import CLERK, build_small_history

ZONE = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def history_path(tmp_path_factory) -> Path:
    return build_small_history(tmp_path_factory.mktemp("history"))


@pytest.fixture
def repo(history_path, tmp_path):
    """A copy per test, so a test may record more."""
    copy = tmp_path / "history.sqlite"
    copy.write_bytes(history_path.read_bytes())
    db = open_database(copy)
    yield Repository(db)
    db.close()


def _overdue_visit(repo) -> int:
    return next(v.id for v in repo.visits(project="E"))


def test_stats_lifecycle_figures_are_exact_on_the_hand_made_history(repo):
    stats = database_stats(repo, TODAY)
    life = stats["lifecycle"]
    scalars = {key: value for key, value in life.items() if not isinstance(value, (list, dict))}
    assert scalars == {
        "month": "2026-11", "accepted_this_month": 3,                 # A, B, D (H was accepted in October)
        "requests_received": 7, "visits_held": 8, "visits_with_findings": 2, "rectification_rate": 0.25,
        "reinspections_held": 1, "inspections": 19, "trips_saved": 11,
        "accepted": 4, "failed": 1, "decided": 5, "accepted_first_round": 3, "one_pass_rate": 0.6,
        # H 10-12 → 10-13: 1; A 11-02 → 11-03: 1; B and D 11-02 → 11-09: 5 each (11-03…11-06, 11-09)
        "mean_working_days_to_opinion": 3.0, "findings": 3,
    }
    assert life["rectification_by_department"] == [
        # D04 at H, A, B, C, G and alone for D (absent at D's first visit: not held); 需整改 at G
        {"department": "D04", "name": "济宁市城建档案馆", "inspections": 6, "rectify": 1, "failed": 0, "findings": 1,
         "rate": 0.1667},
        # D02 at H, A, B, C, D, G and B's re-inspection; 需整改 at B with two findings
        {"department": "D02", "name": "济宁市住房和城乡建设局（建设工程消防验收）", "inspections": 7, "rectify": 1,
         "failed": 0, "findings": 2, "rate": 0.1429},
        {"department": "D01", "name": "济宁市自然资源和规划局", "inspections": 6, "rectify": 0, "failed": 1,
         "findings": 0, "rate": 0.0},
    ]
    assert life["findings_by_item"] == [
        {"item": "I02", "name": "消防验收", "department": "D02", "findings": 1, "requests": 1},
        {"item": "I04", "name": "城建档案验收", "department": "D04", "findings": 1, "requests": 1},
        {"item": None, "name": "", "department": None, "findings": 1, "requests": 1},
    ]
    assert life["results_overdue"] == {"count": 1, "visits": [_overdue_visit(repo)]}
    assert life["this_month"] == {
        "requests_received": 6, "visits_held": 7, "visits_with_findings": 2, "rectification_rate": 0.2857,
        "reinspections_held": 1, "inspections": 16, "trips_saved": 9, "accepted": 3, "failed": 1, "decided": 4,
        "accepted_first_round": 2, "one_pass_rate": 0.5, "mean_working_days_to_opinion": 3.6667, "findings": 3,
    }
    assert stats["requests_by_status"] == {"pending": 0, "scheduled": 1, "rectifying": 1, "done": 4, "failed": 1,
                                           "withdrawn": 0}


def test_existing_stats_keys_are_kept(repo):
    """`stats --json` is a stable interface (DESIGN §5): the lifecycle only adds a key."""
    stats = database_stats(repo, TODAY)
    assert set(stats) == {"today", "requests_by_status", "requests_waiting", "departments", "departments_by_level",
                          "items", "places", "visits", "visits_this_week", "holiday_overrides", "calendar",
                          "availability_sources", "metrics", "lifecycle"}
    assert set(stats["metrics"]) == {"requests", "scheduled", "late", "joint_rate", "trips_separate", "trips_joint",
                                     "trips_saved_pct", "department_trips", "mean_wait_working_days", "on_time_rate"}


def test_results_are_overdue_once_the_visit_has_ended_and_until_they_are_recorded(repo):
    visit = repo.visit(_overdue_visit(repo))
    assert results_overdue(repo, visit.end - dt.timedelta(minutes=1)) == []
    assert results_overdue(repo, visit.end) == [visit.id]
    # stats counts visits of earlier days by default, or up to the moment it is given
    assert database_stats(repo, visit.start.date())["lifecycle"]["results_overdue"]["count"] == 0
    assert database_stats(repo, visit.start.date(), now=visit.end)["lifecycle"]["results_overdue"]["count"] == 1
    first, *others = visit.departments
    record_results(repo, visit.id, [DepartmentResult(first, Opinion.PASSED)], now=visit.end, clerk=CLERK)
    assert results_overdue(repo, visit.end) == [visit.id], "still lacks the others' results"
    record_results(repo, visit.id, [DepartmentResult(d, Opinion.PASSED) for d in others], now=visit.end, clerk=CLERK)
    assert results_overdue(repo, visit.end) == []
    life = database_stats(repo, TODAY)["lifecycle"]
    assert (life["accepted"], life["accepted_first_round"], life["visits_held"]) == (5, 4, 9)


def test_months_add_up_and_rates_come_from_the_sums(repo):
    history = load_history(repo, calendar_for(repo))
    october, november = history.month("2026-10"), history.month("2026-11")
    assert (october.accepted, october.visits_held, october.inspections, october.requests_received) == (1, 1, 3, 1)
    both = history.span(["2026-10", "2026-11"])
    assert both.accepted == october.accepted + november.accepted
    assert both.one_pass_rate == 0.6 and october.one_pass_rate == 1.0 and november.one_pass_rate == 0.5
    assert history.month("2026-09").decided == 0 and history.month("2026-09").one_pass_rate == 0.0
    assert both.departments["D04"].not_held == 1 and both.departments["D04"].results == 7


def test_item_findings_by_visit_day(repo):
    assert [f.item for f in item_findings(repo, dt.date(2026, 11, 5), dt.date(2026, 11, 30))] == ["I04"]
    assert item_findings(repo, dt.date(2026, 10, 1), dt.date(2026, 10, 31)) == []
