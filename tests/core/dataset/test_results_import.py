"""Departments' results from a spreadsheet: every row checked, all recorded or none."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import openpyxl
import pytest

from desktop_app.core.dataset.dataset_import import DatasetError
from desktop_app.core.dataset.results_import import import_results
from desktop_app.core.model.domain import Opinion, RequestStatus
from desktop_app.core.planning.scheduler import run_schedule
from desktop_app.core.store import acceptance_records


@pytest.fixture
def visit(demo_repo, demo_today):
    run_schedule(demo_repo, demo_today, solver="greedy")
    return next(v for v in demo_repo.visits(project="XM2026-001"))


def _rows(visit, fire_findings="消防通道被占用；喷淋末端试水压力不足"):
    return [["现场验收编号", "部门", "验收意见", "整改意见", "验收事项", "理由"]] + [
        [visit.id, d, "需整改" if d == "D02" else "通过", fire_findings if d == "D02" else "",
         "I02" if d == "D02" else "", ""] for d in visit.departments]


def _csv(path, rows):
    path.write_text("\n".join(",".join(str(c) for c in row) for row in rows) + "\n", encoding="gb18030")
    return path


def test_a_csv_in_gb18030_with_chinese_headers_records_every_department(demo_repo, visit, tmp_path):
    done = import_results(_csv(tmp_path / "消防结果.csv", _rows(visit)), demo_repo,
                          now=visit.end, clerk="王玥")
    assert (done.visits, done.results) == (1, len(visit.departments))
    assert done.statuses == {"XM2026-001": RequestStatus.RECTIFYING}
    fire = next(r for r in acceptance_records.results(demo_repo.db, visit=visit.id) if r.department == "D02")
    assert fire.opinion is Opinion.RECTIFY and [f.text for f in fire.findings] == ["消防通道被占用", "喷淋末端试水压力不足"]
    assert fire.findings[0].item == "I02" and fire.findings[1].item is None


def test_a_workbook_is_read_from_its_first_sheet(demo_repo, visit, tmp_path):
    book = openpyxl.Workbook()
    for row in _rows(visit):
        book.active.append(row)
    book.save(tmp_path / "results.xlsx")
    done = import_results(tmp_path / "results.xlsx", demo_repo, now=visit.end, clerk="王玥")
    assert done.results == len(visit.departments)


def test_one_bad_row_records_nothing_and_names_each_problem(demo_repo, visit, tmp_path):
    rows = _rows(visit)
    rows[2][2] = "差不多"            # an opinion nobody knows
    rows.append([99999, "D01", "通过", "", "", ""])    # a visit that does not exist
    before = list(demo_repo.db.conn.iterdump())
    with pytest.raises(DatasetError) as refused:
        import_results(_csv(tmp_path / "results.csv", rows), demo_repo, now=visit.end, clerk="王玥")
    text = str(refused.value)
    assert "row 3, column opinion" in text and "差不多" in text and "There is no visit 99999" in text
    assert list(demo_repo.db.conn.iterdump()) == before


def test_a_result_before_the_visit_began_is_refused(demo_repo, visit, tmp_path):
    with pytest.raises(DatasetError, match="once it has begun"):
        import_results(_csv(tmp_path / "results.csv", _rows(visit)), demo_repo,
                       now=visit.start - dt.timedelta(hours=1), clerk="王玥")


def test_cli_results_import(tmp_path):
    db = tmp_path / "demo.sqlite"
    run = [sys.executable, "-m", "desktop_app", "--lang", "en"]
    assert subprocess.run([*run, "demo", "--db", str(db), "--today", "2026-11-30"], capture_output=True).returncode == 0
    listed = json.loads(subprocess.run([*run, "visit", "list", "--db", str(db), "--project", "XM2026-034", "--json"],
                                       capture_output=True, text=True).stdout)
    due = listed[0]
    rows = [["visit", "department", "opinion", "findings"]] + [[due["id"], d, "passed", ""] for d in due["departments"]]
    file = _csv(tmp_path / "results.csv", rows)
    done = subprocess.run([*run, "results", "import", str(file), "--db", str(db), "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["requests"] == {"XM2026-034": "done"}
    again = subprocess.run([*run, "results", "import", str(file), "--db", str(db)], capture_output=True, text=True)
    assert again.returncode == 2 and "is already accepted" in again.stderr and again.stderr.count("\n") <= 3
