"""The demo dataset (seeds/demo), loaded with its dates moved into the current weeks.

The dataset's requests are written around an anchor week (Monday 2026-11-30). Loading
shifts every project date by whole weeks so that the anchor week becomes the current week
(loaded on a Monday or Tuesday) or the coming one (Wednesday to Sunday): the demo always has
upcoming work with deadlines still ahead, and weekdays stay weekdays.

With ``history`` (the first run and the `demo` command), the demo also has a past (seeds/demo/history):
five earlier requests whose visits took place, with results of every kind — accepted, rectifying with
the owner's report in (a re-inspection for F5 to schedule), rectifying, failed — and one visit whose
results are still due, so a newcomer sees the whole lifecycle.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from desktop_app.core.acceptance.rectification import report_rectified
from desktop_app.core.acceptance.results import record_results
from desktop_app.core.acceptance.standing import outstanding_items, required_departments
from desktop_app.core.dataset.dataset_import import ImportPlan, RawDataset, apply_import, parse_date, plan_import, read_dataset
from desktop_app.core.model.domain import DepartmentResult, Finding, Opinion, RequestStatus, Visit, VisitStatus
from desktop_app.core.store import acceptance_records
from desktop_app.core.store import history as history_log
from desktop_app.core.store.repository import Repository
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


DEMO_CLERK = "演示数据"


def load_demo(db: Database, today: dt.date | None = None, dataset: Path = DEMO_DATASET,
              availability_writer=None, *, history: bool = False) -> ImportPlan:
    """Import the demo dataset into ``db`` with dates relative to ``today`` (and its past, see above)."""
    shift = week_shift(today or dt.date.today())
    raw = read_dataset(dataset)
    shift_project_dates(raw, shift)
    plan = plan_import(raw, db)
    apply_import(plan, db, availability_writer)
    if history and (dataset / "history").is_dir():
        load_demo_history(db, dataset / "history", shift)
    return plan


def load_demo_history(db: Database, folder: Path, shift: dt.timedelta) -> None:
    """The demo's past requests, their visits and what the departments found, through the core's own calls."""
    raw = read_dataset(folder / "projects.csv")
    shift_project_dates(raw, shift)
    apply_import(plan_import(raw, db), db)
    repo = Repository(db)
    zone = ZoneInfo(repo.settings().timezone)
    items = {i.code: i for i in repo.items()}
    def at(day: dt.date, clock: str) -> dt.datetime:
        return dt.datetime.combine(day, dt.time.fromisoformat(clock), zone)

    for entry in json.loads((folder / "visits.json").read_text(encoding="utf-8"))["visits"]:
        project = repo.project(entry["project"])
        day = dt.date.fromisoformat(entry["day"]) + shift

        departments = required_departments(project, items)
        visit = Visit(None, project.code, at(day, entry["start"]), at(day, entry["end"]), project.place, departments,
                      project.items, status=VisitStatus.PUBLISHED)
        visit_id = _add_visit(repo, visit)
        results = [_demo_result(d, entry["results"]) for d in departments] if entry["results"] else []
        if results:
            record_results(repo, visit_id, results, now=visit.end, clerk=DEMO_CLERK)
        if "rectified_on" in entry:
            reported = dt.date.fromisoformat(entry["rectified_on"]) + shift
            after = report_rectified(repo, project.code, reported, today=reported, clerk=DEMO_CLERK).after
            again = entry["reinspection"]
            again_day = dt.date.fromisoformat(again["day"]) + shift
            outstanding = outstanding_items(after, items, acceptance_records.results(db, project=after.code))
            _add_visit(repo, Visit(None, after.code, at(again_day, again["start"]), at(again_day, again["end"]),
                                   after.place, required_departments(
                                       dataclasses.replace(after, items=outstanding), items),
                                   outstanding, round=after.round))


def _add_visit(repo: Repository, visit: Visit) -> int:
    with repo.db.atomic():
        visit_id = repo.insert_visit(visit)
        repo.set_project_status(visit.project, RequestStatus.SCHEDULED)
        history_log.append(repo.db, DEMO_CLERK, visit.project, "scheduled",
                           {"start": visit.start.isoformat(), "end": visit.end.isoformat(), "place": visit.place,
                            "departments": list(visit.departments), "round": visit.round}, visit_id)
    return visit_id


def _demo_result(department: str, results: dict) -> DepartmentResult:
    spec = results.get(department, results["*"])
    return DepartmentResult(department, Opinion(spec["opinion"]), tuple(
        Finding(f["text"], f.get("item")) for f in spec.get("findings", ())), spec.get("reason", ""))
