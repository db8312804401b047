"""A 5,000-project database opens and its requests table filters correctly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop_app.core.dataset.dataset_import import import_dataset
from desktop_app.core.store.database import open_database

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def large_db_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    db = open_database(folder / "large.sqlite")
    import_dataset(generate(folder / "dataset", projects=5000), db)
    db.close()
    return folder / "large.sqlite"


def test_open_and_filter_5000_requests(qtbot, large_db_path, demo_today):
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(open_database(large_db_path), large_db_path, today=demo_today)
    qtbot.addWidget(window)
    page = window.pages["requests"]
    assert page.model.rowCount() == 5000
    page.search.setText("xm-0012")
    page.apply_filter()
    codes = sorted(page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount()))
    assert codes == [f"XM-0012{d}" for d in range(10)]
    page.search.setText("")
    page.place_filter.setCurrentIndex(page.place_filter.findData("P007"))
    expected = sum(1 for r in page.model.records if r.project.place == "P007")
    assert 0 < page.proxy.rowCount() == expected < 5000
