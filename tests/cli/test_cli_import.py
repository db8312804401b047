"""`joint-acceptance import` on hostile and careless input (issue 13, items 6 and 7): exit 2, one message
naming file, row and column, the database byte for byte as before — and a failed first import leaves no
file behind. Capacity 0 imported this way is honoured by both solvers and by manual moves."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from desktop_app.paths import DEMO_DATASET
from tests.cli.test_cli import run
from tests.core.dataset.workbooks import workbook_from, zip_bomb

TODAY = "2026-11-30"
HUGE = "99999999999999999999999"


@pytest.fixture
def dataset(tmp_path) -> Path:
    target = tmp_path / "dataset"
    shutil.copytree(DEMO_DATASET, target, ignore=shutil.ignore_patterns("README.md"))
    return target


@pytest.fixture
def imported(tmp_path, dataset) -> Path:
    """A database holding the demo dataset, imported through the command line."""
    db = tmp_path / "bureau.sqlite"
    result = run("import", str(dataset), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def _edit_csv(path: Path, edit) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _refused(source: Path, db: Path, *fragments: str) -> str:
    """Import ``source``; assert exit 2, one message with every fragment, and the database unchanged."""
    before = db.read_bytes()
    result = run("import", str(source), "--db", str(db))
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith("The dataset has ") and result.stderr.count("The dataset has") == 1
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert db.read_bytes() == before
    return result.stderr


# --- item 7: bad input is one message, nothing changed ------------------------------------------
def test_numbers_past_64_bits_are_out_of_range_not_a_crash(imported, dataset):
    _edit_csv(dataset / "travel.csv", lambda rows: rows[1].__setitem__(2, HUGE))
    _edit_csv(dataset / "departments.csv", lambda rows: rows[2].__setitem__(7, HUGE))
    _edit_csv(dataset / "items.csv", lambda rows: rows[3].__setitem__(3, HUGE))
    _edit_csv(dataset / "projects.csv", lambda rows: rows[4].__setitem__(11, HUGE))
    message = _refused(dataset, imported,
                       f"travel.csv, row 2, column minutes: {HUGE} is out of range: use a whole number from 0 to 1440",
                       f"departments.csv, row 3, column daily_capacity: {HUGE} is out of range",
                       f"items.csv, row 4, column duration_minutes: {HUGE} is out of range",
                       f"projects.csv, row 5, column priority: {HUGE} is out of range")
    assert "OverflowError" not in message and message.count("\n") == 5


def test_a_zip_bomb_is_refused_before_it_is_unpacked(imported, dataset, tmp_path):
    bomb = zip_bomb(workbook_from(dataset, tmp_path / "bureau.xlsx"), tmp_path / "bomb.xlsx", megabytes=120)
    assert bomb.stat().st_size < 1_000_000
    _refused(bomb, imported, "bomb.xlsx: unpacked, the workbook would take 120.1 MB, more than the limit of 100 MB")
    ratio = zip_bomb(workbook_from(dataset, tmp_path / "bureau.xlsx"), tmp_path / "ratio.xlsx", megabytes=30)
    _refused(ratio, imported, "ratio.xlsx: the part xl/worksheets/", "times its packed size")


def test_an_uncalculated_formula_names_its_sheet_cell_and_column(imported, dataset, tmp_path):
    workbook = workbook_from(dataset, tmp_path / "bureau.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["projects"]["L5"] = "=1+1"
    book.save(workbook)
    _refused(workbook, imported, "bureau.xlsx:projects, row 5, column priority: cell projects!L5 holds a formula "
                                 "without a saved value", "open and save the workbook in Excel")


def test_a_missing_column_is_one_problem(imported, dataset):
    _edit_csv(dataset / "items.csv", lambda rows: [row.pop(0) for row in rows])
    message = _refused(dataset, imported, "items.csv: required column 'code' is missing")
    assert message.startswith("The dataset has 1 problem(s)")


def test_a_failed_first_import_leaves_nothing_behind(dataset, tmp_path):
    _edit_csv(dataset / "projects.csv", lambda rows: rows[1].__setitem__(11, HUGE))
    target = tmp_path / "new" / "folder" / "bureau.sqlite"
    result = run("import", str(dataset), "--db", str(target))
    assert result.returncode == 2 and "projects.csv, row 2, column priority" in result.stderr
    assert not (tmp_path / "new").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset"]
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert run("import", str(dataset), "--db", str(empty)).returncode == 2
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["dataset", "empty.sqlite"]


def test_a_good_first_import_into_a_new_folder_still_works(dataset, tmp_path):
    target = tmp_path / "new" / "bureau.sqlite"
    result = run("import", str(dataset), "--db", str(target))
    assert result.returncode == 0, result.stderr
    assert target.is_file()


# --- item 6: capacity 0 means "takes no visits" -------------------------------------------------
def _projects_needing(dataset: Path, department: str) -> set[str]:
    with (dataset / "items.csv").open(encoding="utf-8-sig") as handle:
        items = {row["code"] for row in csv.DictReader(handle) if row["department"] == department}
    with (dataset / "projects.csv").open(encoding="utf-8-sig") as handle:
        return {row["code"] for row in csv.DictReader(handle) if set(row["items"].split(";")) & items}


@pytest.mark.parametrize("solver", ["greedy", "cpsat"])
def test_capacity_0_gives_the_department_no_visit_with_either_solver(dataset, tmp_path, solver):
    _edit_csv(dataset / "departments.csv", lambda rows: rows[1].__setitem__(7, "0"))   # D01
    db = tmp_path / "bureau.sqlite"
    assert run("import", str(dataset), "--db", str(db)).returncode == 0
    result = run("schedule", "--db", str(db), "--today", TODAY, "--solver", solver, "--time-limit", "5", "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["visits"] and not [v for v in plan["visits"] if "D01" in v["departments"]]
    needing = _projects_needing(dataset, "D01")
    unscheduled = {u["project"]: u["reasons"] for u in plan["unscheduled"]}
    assert needing and needing <= set(unscheduled)
    assert all(any("takes no visits (its daily capacity is 0)" in r for r in unscheduled[p]) for p in needing)
    listed = run("visit", "list", "--db", str(db), "--json")
    assert not [v for v in json.loads(listed.stdout) if "D01" in v["departments"]]


def test_a_visit_of_a_department_set_to_capacity_0_cannot_move(imported, dataset):
    assert run("schedule", "--db", str(imported), "--today", TODAY, "--solver", "greedy").returncode == 0
    visits = json.loads(run("visit", "list", "--db", str(imported), "--json").stdout)
    visit = next(v for v in visits if "D01" in v["departments"])
    slots = run("visit", "slots", str(visit["id"]), "--db", str(imported), "--today", TODAY, "--json")
    target = json.loads(slots.stdout)["slots"][0]["start"][:16]
    _edit_csv(dataset / "departments.csv", lambda rows: rows[1].__setitem__(7, "0"))
    assert run("import", str(dataset), "--db", str(imported)).returncode == 0
    before = imported.read_bytes()

    moved = run("move", str(visit["id"]), target, "--db", str(imported), "--today", TODAY)
    assert moved.returncode == 2 and "takes no visits (its daily capacity is 0)" in moved.stderr, moved.stderr
    slots = run("visit", "slots", str(visit["id"]), "--db", str(imported), "--today", TODAY)
    assert slots.returncode == 2 and "takes no visits" in slots.stderr, slots.stderr
    assert imported.read_bytes() == before


def test_the_default_capacity_setting_has_the_same_bound(imported):
    before = imported.read_bytes()
    refused = run("settings", "default_capacity", HUGE, "--db", str(imported))
    assert refused.returncode == 2 and "use a whole number from 0 to 50" in refused.stderr, refused.stderr
    assert imported.read_bytes() == before
    assert run("settings", "default_capacity", "0", "--db", str(imported)).returncode == 0


def test_an_import_cannot_set_a_status_by_hand(imported, dataset):
    """整改中 / 未通过 follow from results only: a projects file naming a status is refused, nothing changed."""
    def with_status(rows):
        rows[0].append("status")
        for row in rows[1:]:
            row.append("rectifying")
    _edit_csv(dataset / "projects.csv", with_status)
    _refused(dataset, imported, "projects.csv: unknown column 'status'")
