"""Dataset import (DESIGN §5): every bad input gets a clear message and the database stays as it was."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest

from desktop_app.core.dataset.dataset_import import DatasetError, import_dataset, plan_import, read_dataset
from desktop_app.core.store.repository import Repository
from desktop_app.paths import DEMO_DATASET
from tests.core.dataset.workbooks import workbook_from as _workbook_from


def _snapshot(db) -> list[str]:
    return list(db.conn.iterdump())


@pytest.fixture
def dataset(tmp_path) -> Path:
    """A writable copy of the demo dataset (CSV only)."""
    target = tmp_path / "dataset"
    shutil.copytree(DEMO_DATASET, target, ignore=shutil.ignore_patterns("availability", "README.md"))
    return target


def _rewrite(path: Path, edit) -> None:
    """Apply ``edit`` to the CSV's rows (a list of lists including the header) and write it back."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _expect_problem(dataset_path: Path, db, *fragments: str) -> DatasetError:
    before = _snapshot(db)
    with pytest.raises(DatasetError) as caught:
        import_dataset(dataset_path, db)
    text = str(caught.value)
    for fragment in fragments:
        assert fragment in text, text
    assert _snapshot(db) == before
    return caught.value


def test_demo_dataset_imports_everything(db, dataset):
    plan = import_dataset(dataset, db)
    repo = Repository(db)
    assert len(repo.projects()) == 30
    assert len(repo.departments()) == 14
    assert plan.summary()["projects"] == {"new": 30, "changed": 0, "unchanged": 0}
    project = repo.project("XM2026-001")
    assert project.name == "电子信息产业园标准化厂房工程1号厂房"
    assert "I02" in project.items
    fire = next(d for d in repo.departments() if d.code == "D02")
    assert fire.office_hours.on(0) == ((510, 720), (840, 1050))


def test_reimport_updates_in_place_without_duplicates(db, dataset):
    import_dataset(dataset, db)
    _rewrite(dataset / "projects.csv", lambda rows: rows[1].__setitem__(1, "电子信息产业园1号厂房（更名）"))
    plan = import_dataset(dataset, db)
    repo = Repository(db)
    assert len(repo.projects()) == 30
    assert repo.project("XM2026-001").name == "电子信息产业园1号厂房（更名）"
    assert plan.summary()["projects"] == {"new": 0, "changed": 1, "unchanged": 29}
    assert db.execute("SELECT count(*) FROM project_items").fetchone()[0] == sum(
        len(p.items) for p in repo.projects())


def test_unknown_column(db, dataset):
    _rewrite(dataset / "places.csv", lambda rows: rows[0].__setitem__(2, "postcode"))
    _expect_problem(dataset, db, "places.csv", "unknown column 'postcode'")


def test_missing_required_column(db, dataset):
    _rewrite(dataset / "departments.csv", lambda rows: [r.pop(8) for r in rows])
    _expect_problem(dataset, db, "departments.csv", "required column 'office_hours' is missing")


def test_empty_file(db, dataset):
    (dataset / "items.csv").write_bytes(b"")
    _expect_problem(dataset, db, "items.csv", "the file is empty")


def test_gb18030_csv_with_chinese_headers(db, dataset):
    import_dataset(dataset, db)
    (dataset / "projects.csv").write_bytes(
        "项目编码,项目名称,建设单位,联系人,电话,园区,地址,验收事项,申请日期,具备验收条件日期,验收期限,优先级,时段偏好\n"
        "XM2026-101,节能环保产业园3号厂房,山东菲特环保设备有限公司,李工,13805370000,P02,3号厂房,I01;I02,"
        "2026/12/1,2026年12月2日,,1,上午\n".encode("gb18030"))
    import_dataset(dataset / "projects.csv", db)
    project = Repository(db).project("XM2026-101")
    assert project.name == "节能环保产业园3号厂房"
    assert project.owner == "山东菲特环保设备有限公司"
    assert project.ready_on.isoformat() == "2026-12-02"
    assert project.preferred == "am"


def test_utf8_with_bom(db, dataset):
    path = dataset / "places.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    import_dataset(dataset, db)
    assert Repository(db).places()[0].code == "P01"


def test_impossible_date_names_file_row_and_column(db, dataset):
    _rewrite(dataset / "projects.csv", lambda rows: rows[3].__setitem__(8, "2026/13/40"))
    error = _expect_problem(dataset, db, "projects.csv, row 4, column applied_on", "bad date '2026/13/40'")
    assert error.problems[0].row == 4


def test_office_hours_that_end_before_they_start(db, dataset):
    _rewrite(dataset / "departments.csv", lambda rows: rows[2].__setitem__(8, "MO-FR 14:00-08:30"))
    _expect_problem(dataset, db, "departments.csv, row 3, column office_hours", "ends before it starts")


def test_item_pointing_to_an_unknown_department(db, dataset):
    _rewrite(dataset / "items.csv", lambda rows: rows[1].__setitem__(2, "D99"))
    _expect_problem(dataset, db, "items.csv, row 2, column department", "unknown department 'D99'")


def test_project_listing_an_unknown_item(db, dataset):
    _rewrite(dataset / "projects.csv", lambda rows: rows[5].__setitem__(7, "I01;I77"))
    _expect_problem(dataset, db, "projects.csv, row 6, column items", "unknown item 'I77'")


def test_duplicate_codes(db, dataset):
    _rewrite(dataset / "places.csv", lambda rows: rows.append(list(rows[1])))
    _expect_problem(dataset, db, "places.csv", "duplicate code 'P01' (first on row 2)")


def test_every_problem_is_reported_at_once(db, dataset):
    _rewrite(dataset / "projects.csv", lambda rows: (rows[1].__setitem__(8, "bad"), rows[2].__setitem__(5, "P99")))
    error = _expect_problem(dataset, db, "row 2", "row 3", "unknown place 'P99'")
    assert len(error.problems) == 2


def test_problems_in_chinese(db, dataset):
    from desktop_app.core.model import messages

    messages.set_language("zh_CN")
    _rewrite(dataset / "items.csv", lambda rows: rows[1].__setitem__(2, "D99"))
    _expect_problem(dataset, db, "数据集有 1 处错误，未导入任何内容", "items.csv 第 2 行“department”列", "未知的部门“D99”")


def test_xlsx_workbook_imports_like_the_folder(db, dataset, tmp_path):
    import_dataset(_workbook_from(dataset, tmp_path / "bureau.xlsx"), db)
    assert len(Repository(db).projects()) == 30


def test_xlsx_with_a_missing_sheet(db, dataset, tmp_path):
    workbook = _workbook_from(dataset, tmp_path / "bureau.xlsx", leave_out="items")
    _expect_problem(workbook, db, "bureau.xlsx:items", "required sheet is missing")


def test_xlsx_date_cells_are_read_as_dates(db, dataset, tmp_path):
    import datetime as dt

    workbook = _workbook_from(dataset, tmp_path / "bureau.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["projects"]["I2"] = dt.datetime(2026, 12, 1)
    book["projects"]["J2"] = dt.datetime(2026, 12, 2)
    book.save(workbook)
    import_dataset(workbook, db)
    assert Repository(db).project("XM2026-001").ready_on == dt.date(2026, 12, 2)


def test_not_a_workbook(db, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_text("not a zip")
    _expect_problem(path, db, "broken.xlsx", "not a valid .xlsx workbook")


def test_plan_shows_changes_before_writing(db, dataset):
    before = _snapshot(db)
    plan = plan_import(read_dataset(dataset), db)
    assert plan.summary()["departments"]["new"] == 14
    assert _snapshot(db) == before


def test_project_details_import_and_survive_a_reimport_without_them(demo_db, tmp_path):
    """The optional columns the opinion prints (项目统一代码, 建筑面积, 层数, 施工/监理/勘察/设计单位)."""
    from desktop_app.core.dataset.dataset_import import import_dataset
    from desktop_app.core.store.repository import Repository
    from desktop_app.paths import DEMO_DATASET

    source = (DEMO_DATASET / "projects.csv").read_text(encoding="utf-8").splitlines()
    with_details = tmp_path / "projects.csv"
    with_details.write_text("\n".join([source[0] + ",项目统一代码,建筑面积,层数,施工单位,监理单位,勘察单位,设计单位",
                                       source[1] + ",2026-370871-47-01-503117,\"12,850.5\",4,鲁城建设,诚信监理,勘察院,设计院"])
                            + "\n", encoding="utf-8")
    import_dataset(with_details, demo_db)
    details = Repository(demo_db).project(source[1].split(",")[0]).details
    assert (details.unified_code, details.floor_area, details.floors, details.builder, details.designer) == \
        ("2026-370871-47-01-503117", 12850.5, 4, "鲁城建设", "设计院")
    (tmp_path / "again").mkdir()
    without = tmp_path / "again" / "projects.csv"
    without.write_text("\n".join(source[:2]) + "\n", encoding="utf-8")
    import_dataset(without, demo_db)
    assert Repository(demo_db).project(source[1].split(",")[0]).details == details


def test_an_import_with_some_detail_columns_keeps_the_other_details(demo_db, tmp_path):
    """Only the detail columns a file brings change: a projects.csv with 项目统一代码 alone must not wipe the
    施工单位 or 层数 typed in the program. A blank cell in a column the file brings clears that detail."""
    source = (DEMO_DATASET / "projects.csv").read_text(encoding="utf-8").splitlines()
    code = source[1].split(",")[0]
    full = tmp_path / "full" / "projects.csv"
    full.parent.mkdir()
    full.write_text(f"{source[0]},项目统一代码,层数,施工单位,设计单位\n"
                    f"{source[1]},2026-370871-47-01-503117,5,甲建设公司,乙设计院\n", encoding="utf-8")
    import_dataset(full, demo_db)
    partial = tmp_path / "partial" / "projects.csv"
    partial.parent.mkdir()
    partial.write_text(f"{source[0]},项目统一代码,设计单位\n{source[1]},2026-370871-47-01-503118,\n", encoding="utf-8")
    import_dataset(partial, demo_db)
    details = Repository(demo_db).project(code).details
    assert (details.unified_code, details.floors, details.builder, details.designer) == \
        ("2026-370871-47-01-503118", 5, "甲建设公司", "")


def test_a_bad_floor_area_names_its_cell(demo_db, tmp_path):
    from desktop_app.core.dataset.dataset_import import DatasetError, import_dataset
    from desktop_app.paths import DEMO_DATASET

    source = (DEMO_DATASET / "projects.csv").read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "projects.csv"
    bad.write_text(source[0] + ",建筑面积,层数\n" + source[1] + ",很大,0\n", encoding="utf-8")
    with pytest.raises(DatasetError) as refused:
        import_dataset(bad, demo_db)
    text = str(refused.value)
    assert "floor_area" in text and "很大" in text and "floors" in text


@pytest.mark.parametrize(("column", "value", "message"), ids=["code", "area", "floors", "name"], argvalues=[
    ("项目统一代码", "2026-370871-47-01", "column unified_code: '2026-370871-47-01' is not a project code like "
                                     "2026-370871-47-01-503117"),
    ("建筑面积", "12850.505", "column floor_area: 12850.505: at most 2 decimals"),
    ("层数", "201", "column floors: 201 is out of range: use a whole number from 1 to 200"),
    ("施工单位", "建" * 101, "column builder: at most 100 characters, not 101"),
])
def test_import_checks_the_details_by_the_editors_rules(demo_db, tmp_path, column, value, message):
    """One set of rules (core.model.project_details) for the import and the request editor."""
    from desktop_app.core.dataset.dataset_import import DatasetError, import_dataset
    from desktop_app.paths import DEMO_DATASET

    source = (DEMO_DATASET / "projects.csv").read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "projects.csv"
    bad.write_text(f"{source[0]},{column}\n{source[1]},{value}\n", encoding="utf-8")
    with pytest.raises(DatasetError) as refused:
        import_dataset(bad, demo_db)
    assert f"projects.csv, row 2, {message}" in str(refused.value)
