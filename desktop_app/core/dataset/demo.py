"""The demo dataset (seeds/demo), loaded with its dates moved into the current weeks.

The dataset's requests are written around an anchor week (Monday 2026-11-30). Loading
shifts every project date by whole weeks so that the anchor week becomes the current week
(loaded on a Monday or Tuesday) or the coming one (Wednesday to Sunday): the demo always has
upcoming work with deadlines still ahead, and weekdays stay weekdays.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from desktop_app.core.dataset.dataset_import import ImportPlan, RawDataset, apply_import, parse_date, plan_import, read_dataset
from desktop_app.paths import DEMO_DATASET

ANCHOR_MONDAY = dt.date(2026, 11, 30)
_PROJECT_DATE_COLUMNS = ("applied_on", "ready_on", "deadline")


def week_shift(today: dt.date) -> dt.timedelta:
    """Whole weeks from the anchor week to the week the demo should start in.

    Late in a week most of the anchor week's deadlines would already have passed, so from
    Wednesday on the demo starts with the next week.
    """
    soon = today + dt.timedelta(days=5)
    monday = soon - dt.timedelta(days=soon.weekday())
    return monday - ANCHOR_MONDAY


def shift_project_dates(raw: RawDataset, shift: dt.timedelta) -> None:
    sheet = raw.sheets.get("projects")
    if sheet is None or not shift:
        return
    for _, cells in sheet.rows:
        for column in _PROJECT_DATE_COLUMNS:
            if cells.get(column):
                cells[column] = (parse_date(cells[column]) + shift).isoformat()


def load_demo(db: Database, today: dt.date | None = None, dataset: Path = DEMO_DATASET,
              availability_writer=None) -> ImportPlan:
    """Import the demo dataset into ``db`` with dates relative to ``today``."""
    raw = read_dataset(dataset)
    shift_project_dates(raw, week_shift(today or dt.date.today()))
    plan = plan_import(raw, db)
    apply_import(plan, db, availability_writer)
    return plan
