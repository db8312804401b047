"""A small hand-made acceptance history on the demo's places, departments and items, made with the real core.

Seven requests needing 规划 (D01), 消防 (D02) and 城建档案 (D04), scheduled with the greedy solver and recorded
as a clerk would:

    H  applied 10-12, visited 10-13: all passed                         → accepted in October, one pass
    A  applied 11-02, visited 11-03: all passed                         → accepted 11-03, one pass
    B  11-03: D02 需整改 (2 findings: one on I02, one naming no item); fixes reported 11-06;
       re-inspection by D02 alone on 11-09: passed                      → accepted 11-09, not one pass
    C  11-04: D01 不通过                                                 → failed 11-04
    D  11-04: D04 absent, the others passed; D04 alone on 11-09: passed  → accepted 11-09, one pass
    E  11-05: no result recorded                                         → results overdue
    G  11-05: D04 需整改 (1 finding on I04), not reported yet            → rectifying

H comes in through the dataset import, the others are entered on 11-02 (as the request editor saves them),
each round scheduled on its day. The requests are written here rather than taken from seeds/demo/projects.csv,
so the expected figures do not move when the demo's requests change.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

from desktop_app.core.acceptance.rectification import report_rectified
from desktop_app.core.acceptance.results import record_results
from desktop_app.core.dataset.dataset_import import import_dataset
from desktop_app.core.model.domain import DepartmentResult, Finding, Opinion, Project, VisitStatus
from desktop_app.core.planning.scheduler import run_schedule
from desktop_app.core.store.database import open_database
from desktop_app.core.store.repository import Repository
from desktop_app.paths import DEMO_DATASET

CLERK = "王玥"
COLUMNS = "code,name,owner,contact,phone,place,address,items,applied_on,ready_on,deadline,priority,preferred"
ITEMS = ("I01", "I02", "I04")


def _record(repo: Repository, code: str, **opinions: DepartmentResult) -> int:
    """Every department of the request's open visit passed, except those given."""
    visit = next(v for v in repo.visits(project=code) if v.status is not VisitStatus.DONE)
    entries = [opinions.get(d, DepartmentResult(d, Opinion.PASSED)) for d in visit.departments]
    record_results(repo, visit.id, entries, now=visit.end + dt.timedelta(hours=1), clerk=CLERK)
    return visit.id


def build_small_history(folder: Path) -> Path:
    """Write the database into ``folder``; returns its path."""
    dataset = folder / "dataset"
    dataset.mkdir(parents=True)
    for name in ("places.csv", "travel.csv", "departments.csv", "items.csv"):
        shutil.copy(DEMO_DATASET / name, dataset / name)
    with (dataset / "projects.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS.split(","))
        writer.writerow(["H", "标准化厂房H号", "济宁经开产业园区建设发展有限公司", "", "", "P03", "", ";".join(ITEMS),
                         "2026-10-12", "2026-10-12", "", 0, "any"])
    path = folder / "history.sqlite"
    db = open_database(path)
    import_dataset(dataset, db)
    repo = Repository(db)
    run_schedule(repo, dt.date(2026, 10, 12), solver="greedy")
    _record(repo, "H")
    applied = dt.date(2026, 11, 2)
    for code in "ABCDEG":
        repo.save_project(Project(code, f"标准化厂房{code}号", "济宁经开产业园区建设发展有限公司", "P03", ITEMS,
                                  applied, applied))
    run_schedule(repo, applied, solver="greedy")
    _record(repo, "A")
    _record(repo, "B", D02=DepartmentResult("D02", Opinion.RECTIFY, (Finding("消防通道被占用", "I02"),
                                                                      Finding("疏散指示标志缺失"))))
    _record(repo, "C", D01=DepartmentResult("D01", Opinion.FAILED, reason="擅自改变使用功能"))
    _record(repo, "D", D04=DepartmentResult("D04", Opinion.ABSENT, reason="车辆故障"))
    _record(repo, "G", D04=DepartmentResult("D04", Opinion.RECTIFY, (Finding("档案资料不齐全", "I04"),)))
    report_rectified(repo, "B", dt.date(2026, 11, 6), today=dt.date(2026, 11, 6), clerk=CLERK)
    run_schedule(repo, dt.date(2026, 11, 6), solver="greedy")
    _record(repo, "B")
    _record(repo, "D")
    db.close()
    return path
