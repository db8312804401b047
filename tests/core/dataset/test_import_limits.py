"""Import hardening (issue 13, item 7): numbers past their bounds, zip bombs, uncalculated formulas,
one broken header and blank lines are each one clear problem with file, row and column — never a crash,
never minutes of work, never a silently wrong value."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from desktop_app.core.dataset import dataset_import
from desktop_app.core.dataset.dataset_import import DatasetError, import_dataset, read_dataset
from desktop_app.core.store.repository import Repository
from desktop_app.paths import DEMO_DATASET
from tests.core.dataset.test_dataset import _expect_problem, _rewrite
from tests.core.dataset.workbooks import edit_sheet_xml, workbook_from, zip_bomb

HUGE = "99999999999999999999999"     # past SQLite's 64-bit INTEGER: used to crash with OverflowError


@pytest.fixture
def dataset(tmp_path) -> Path:
    target = tmp_path / "dataset"
    shutil.copytree(DEMO_DATASET, target, ignore=shutil.ignore_patterns("availability", "README.md"))
    return target


# --- whole numbers ------------------------------------------------------------------------------
@pytest.mark.parametrize(("sheet", "column", "index", "bounds"), [
    ("travel", "minutes", 2, "0 to 1440"),
    ("departments", "daily_capacity", 7, "0 to 50"),
    ("items", "duration_minutes", 3, "1 to 1440"),
    ("projects", "priority", 11, "0 to 1000000"),
])
def test_every_whole_number_column_has_bounds(db, dataset, sheet, column, index, bounds):
    _rewrite(dataset / f"{sheet}.csv", lambda rows: rows[2].__setitem__(index, HUGE))
    error = _expect_problem(dataset, db, f"{sheet}.csv, row 3, column {column}: {HUGE} is out of range: "
                                         f"use a whole number from {bounds}")
    assert len(error.problems) == 1


def test_a_thousand_digit_number_is_shown_shortened(db, dataset):
    _rewrite(dataset / "projects.csv", lambda rows: rows[1].__setitem__(11, "9" * 1000))
    error = _expect_problem(dataset, db, "projects.csv, row 2, column priority", "9" * 24 + "…")
    assert len(str(error)) < 300


def test_capacity_0_is_taken_and_51_is_not(db, dataset):
    _rewrite(dataset / "departments.csv", lambda rows: (rows[1].__setitem__(7, "0"), rows[2].__setitem__(7, "51")))
    _expect_problem(dataset, db, "departments.csv, row 3, column daily_capacity: 51 is out of range")
    _rewrite(dataset / "departments.csv", lambda rows: rows[2].__setitem__(7, "50"))
    import_dataset(dataset, db)
    assert Repository(db).department("D01").daily_capacity == 0
    assert Repository(db).department("D02").daily_capacity == 50


def test_a_huge_number_cell_in_a_workbook_is_out_of_range(db, dataset, tmp_path):
    workbook = workbook_from(dataset, tmp_path / "bureau.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["projects"]["L4"] = 1e23
    book.save(workbook)
    _expect_problem(workbook, db, "bureau.xlsx:projects, row 4, column priority", "is out of range")


# --- zip bombs ------------------------------------------------------------------------------------
def _forbid_openpyxl(monkeypatch) -> None:
    """The refusal must come before openpyxl unpacks anything (that is what took 575 s and 1.9 GB)."""
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl was asked to read a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_a_sheet_that_unpacks_300_times_its_size_is_refused_unread(db, dataset, tmp_path, monkeypatch):
    bomb = zip_bomb(workbook_from(dataset, tmp_path / "bureau.xlsx"), tmp_path / "bomb.xlsx", megabytes=20)
    assert bomb.stat().st_size < 200_000
    _forbid_openpyxl(monkeypatch)
    error = _expect_problem(bomb, db, "bomb.xlsx: the part xl/worksheets/", "times its packed size",
                            "the file was not opened")
    assert len(error.problems) == 1


def test_a_workbook_unpacking_past_100_mb_is_refused_unread(db, dataset, tmp_path, monkeypatch):
    bomb = zip_bomb(workbook_from(dataset, tmp_path / "bureau.xlsx"), tmp_path / "bomb.xlsx", megabytes=120)
    _forbid_openpyxl(monkeypatch)
    error = _expect_problem(bomb, db, "bomb.xlsx: unpacked, the workbook would take 120.1 MB, "
                                      "more than the limit of 100 MB")
    assert len(error.problems) == 1


def test_a_csv_file_over_the_limit_is_refused_unread(db, dataset, monkeypatch):
    monkeypatch.setattr(dataset_import, "MAX_FILE_BYTES", 1000)
    _expect_problem(dataset / "projects.csv", db, "projects.csv: the file is", "more than the limit of 100 MB")


def test_a_sheet_with_too_many_rows_is_one_problem(db, dataset, monkeypatch):
    monkeypatch.setattr(dataset_import, "MAX_ROWS", 10)
    error = _expect_problem(dataset / "projects.csv", db, "projects.csv: more than 10 rows")
    assert len(error.problems) == 1


# --- formulas ------------------------------------------------------------------------------------
def test_formulas_without_a_saved_value_are_refused_naming_the_cell(db, dataset, tmp_path):
    workbook = workbook_from(dataset, tmp_path / "bureau.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["projects"]["L5"] = "=1+1"          # openpyxl, like any program that does not calculate,
    book["projects"]["K6"] = "=TODAY()"      # saves the formula without a value
    book.save(workbook)
    error = _expect_problem(workbook, db,
                            "bureau.xlsx:projects, row 5, column priority: cell projects!L5 holds a formula without "
                            "a saved value",
                            "bureau.xlsx:projects, row 6, column deadline: cell projects!K6",
                            "open and save the workbook in Excel")
    assert len(error.problems) == 2


def test_a_formula_in_the_header_is_refused_too(db, dataset, tmp_path):
    workbook = workbook_from(dataset, tmp_path / "bureau.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["items"]["B1"] = '="na"&"me"'
    book.save(workbook)
    error = _expect_problem(workbook, db, "bureau.xlsx:items, row 1: cell items!B1 holds a formula")
    assert len(error.problems) == 1      # and no "unknown department" for every item of the sheet


def test_formulas_with_a_saved_value_import_that_value(db, dataset, tmp_path):
    workbook = workbook_from(dataset, tmp_path / "bureau.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["projects"]["L5"] = "=1+1"
    book["projects"]["K6"] = '=IF(TRUE,"","2026-12-31")'
    book.save(workbook)
    # What Excel writes after calculating: the value beside the formula (an empty text result typed "str").
    edit_sheet_xml(workbook, "projects", b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")
    edit_sheet_xml(workbook, "projects", b'<c r="K6"><f>IF(TRUE,"","2026-12-31")</f><v></v>',
                   b'<c r="K6" t="str"><f>IF(TRUE,"","2026-12-31")</f><v></v>')
    import_dataset(workbook, db)
    repo = Repository(db)
    assert repo.project("XM2026-004").priority == 2
    assert repo.project("XM2026-005").deadline is None


# --- one broken file is one problem --------------------------------------------------------------
def test_a_missing_column_is_the_only_problem_reported(db, dataset):
    # items.csv without its code column used to give one "unknown item" per project row as well.
    _rewrite(dataset / "items.csv", lambda rows: [row.pop(0) for row in rows])
    error = _expect_problem(dataset, db, "items.csv: required column 'code' is missing")
    assert [str(p) for p in error.problems] == ["items.csv: required column 'code' is missing"]


def test_a_missing_column_stops_only_its_own_file(db, dataset):
    _rewrite(dataset / "places.csv", lambda rows: [row.pop(1) for row in rows])
    _rewrite(dataset / "items.csv", lambda rows: rows[1].__setitem__(3, "soon"))
    error = _expect_problem(dataset, db, "places.csv: required column 'name' is missing",
                            "items.csv, row 2, column duration_minutes: bad whole number 'soon'")
    assert len(error.problems) == 2


def test_blank_lines_keep_their_row_numbers(db, dataset):
    _rewrite(dataset / "projects.csv", lambda rows: (rows.insert(2, []), rows[4].__setitem__(8, "bad")))
    _expect_problem(dataset, db, "projects.csv, row 5, column applied_on: bad date 'bad'")


def test_an_unclosed_quote_is_one_problem_not_a_crash(db, dataset):
    path = dataset / "places.csv"
    path.write_text(path.read_text(encoding="utf-8") + 'P99,"unclosed' + "x" * 140_000 + "\n", encoding="utf-8")
    error = _expect_problem(dataset, db, "places.csv, row", "a quotation mark is never closed")
    assert len(error.problems) == 1


def test_a_workbook_with_a_wrong_dimension_reads_only_its_cells(dataset, tmp_path):
    workbook = workbook_from(dataset, tmp_path / "bureau.xlsx")
    edit_sheet_xml(workbook, "places", b'<dimension ref="A1:C12"/>', b'<dimension ref="A1:XFD1048576"/>')
    raw = read_dataset(workbook)
    assert not raw.problems
    assert [line for line, _ in raw.sheets["places"].rows] == list(range(2, 13))


def test_workbook_date_cells_still_read_as_dates(db, dataset, tmp_path):
    workbook = workbook_from(dataset, tmp_path / "bureau.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["projects"]["J2"] = dt.datetime(2026, 12, 2)
    book.save(workbook)
    import_dataset(workbook, db)
    assert Repository(db).project("XM2026-001").ready_on == dt.date(2026, 12, 2)


def test_a_damaged_sheet_inside_a_good_zip_is_one_problem(db, dataset, tmp_path):
    workbook = workbook_from(dataset, tmp_path / "bureau.xlsx")
    edit_sheet_xml(workbook, "projects", b"</sheetData>", b"</sheetDta>")
    error = _expect_problem(workbook, db, "bureau.xlsx: not a valid .xlsx workbook (")
    assert len(error.problems) == 1
    assert isinstance(error, DatasetError)
