"""工作台 after the visit: the lifecycle figures of `stats --json` ("lifecycle") as tiles, the rectification rate by
department and the findings by item as charts; they move as soon as results are recorded (and undone)."""

from __future__ import annotations

import json

import pytest

from desktop_app.cli import main
from desktop_app.core.calendar.availability import store_calendar_bytes
from desktop_app.core.dataset.demo import load_demo
from desktop_app.core.store.database import open_database
from desktop_app.ui.pages.dashboard_charts import category_labels, series_values
from desktop_app.ui.pages.dashboard_page import NONE_YET, lifecycle_values
from tests.ui.test_lifecycle_views import rectify

KEYS = ("accepted_month", "one_pass", "rectification_rate", "days_to_opinion", "reinspections", "overdue")


def shown(page) -> dict[str, str]:
    return {key: page.figures[key].value.text() for key in KEYS}


def bars(view) -> dict[str, float]:
    """A horizontal chart's bars by category, busiest first (as the chart shows them top-down)."""
    values = next(iter(series_values(view).values()))
    return dict(zip(reversed(category_labels(view)), reversed(values)))


@pytest.fixture
def demo_with_a_past(tmp_path, demo_today):
    """The demo as `joint-acceptance demo` makes it: five earlier requests with results of every kind."""
    path = tmp_path / "history.sqlite"
    db = open_database(path)
    load_demo(db, today=demo_today, availability_writer=store_calendar_bytes, history=True)
    yield db, path
    db.close()


def test_the_lifecycle_tiles_and_charts_show_the_figures_of_stats(demo_with_a_past, demo_today, qtbot, capsys):
    from desktop_app.ui.controllers.workspace import Workspace
    from desktop_app.ui.pages.dashboard_page import DashboardPage

    db, path = demo_with_a_past
    page = DashboardPage(Workspace(db, path, demo_today))
    qtbot.addWidget(page)
    assert main(["stats", "--db", str(path), "--today", demo_today.isoformat(), "--json"]) == 0
    life = json.loads(capsys.readouterr().out)["lifecycle"]

    # One accepted and one failed in November, one of them at the first visit; two of four visits held found
    # something to fix; 6 working days from application to the opinion; one visit's results overdue.
    assert shown(page) == lifecycle_values({"lifecycle": life}) == {
        "accepted_month": "1", "one_pass": "50%", "rectification_rate": "50%", "days_to_opinion": "6.0",
        "reinspections": "0", "overdue": "1"}
    assert "1 of 2 decided" in page.figures["one_pass"].toolTip()
    assert "2 of 4 visits" in page.figures["rectification_rate"].toolTip()
    assert "#c2410c" in page.figures["overdue"].value.styleSheet()
    assert bars(page.rectification_chart) == {"济宁市城市管理局": 100.0, "济宁市住房和城乡建设局": 50.0}
    assert bars(page.findings_chart) == {"消防验收": 3.0, "排水接入验收": 1.0}


def test_the_figures_move_when_results_are_recorded_and_back_on_undo(window, past_visit, qtbot):
    window.show_page("dashboard")
    page = window.pages["dashboard"]
    assert shown(page) == {"accepted_month": "0", "one_pass": NONE_YET, "rectification_rate": NONE_YET,
                           "days_to_opinion": NONE_YET, "reinspections": "0", "overdue": "1"}
    assert bars(page.findings_chart) == {}

    rectify(window, past_visit)          # through the workspace: the fire department's two findings

    assert shown(page) == {"accepted_month": "0", "one_pass": NONE_YET, "rectification_rate": "100%",
                           "days_to_opinion": NONE_YET, "reinspections": "0", "overdue": "0"}
    assert bars(page.rectification_chart) == {"济宁市住房和城乡建设局": 100.0}
    assert bars(page.findings_chart) == {"消防验收": 1.0, "(no item)": 1.0}

    window.workspace.undo_stack.undo()
    assert shown(page)["rectification_rate"] == NONE_YET and shown(page)["overdue"] == "1"

    # All passed at the first visit: accepted this month, one pass, the same day as applied for.
    dialog = window.acceptance_actions.record_results(past_visit.id)
    dialog.all_passed_button.click()
    dialog.accept()
    window.show_page("dashboard")
    assert shown(page) == {"accepted_month": "1", "one_pass": "100%", "rectification_rate": "0%",
                           "days_to_opinion": "0.0", "reinspections": "0", "overdue": "0"}
