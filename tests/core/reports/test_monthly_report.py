"""The monthly report for the leadership: an Excel workbook read back with openpyxl, on the hand-made history."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from desktop_app.core.reports.monthly_report import ReportError, monthly_report, parse_month, write_monthly_report
from desktop_app.core.store.database import open_database
from desktop_app.core.store.repository import Repository
from tests.core.reports.small_history import build_small_history

TODAY = dt.date(2026, 11, 30)
HEADER_ROW = 4


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    db = open_database(build_small_history(tmp_path_factory.mktemp("history")))
    yield Repository(db)
    db.close()


@pytest.fixture(scope="module")
def book(repo, tmp_path_factory):
    path = write_monthly_report(monthly_report(repo, 2026, 11, today=TODAY),
                                tmp_path_factory.mktemp("report") / "report.xlsx")
    return load_workbook(path)


def _table(sheet) -> list[dict]:
    """The rows under the header row as {header: value}, up to the first empty row."""
    headers = [c.value for c in sheet[HEADER_ROW]]
    rows = []
    for values in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if values[0] is None:
            break
        rows.append(dict(zip(headers, values)))
    return rows


def test_the_workbook_has_its_sheets_and_titles(book):
    assert book.sheetnames == ["月度汇总", "部门", "事项", "说明"]
    summary = book["月度汇总"]
    assert summary["A1"].value == "济宁经济技术开发区行政审批局 联合验收月度报告（2026年11月）"
    assert "2026-11-30" in summary["A2"].value
    assert summary.freeze_panes == f"A{HEADER_ROW + 1}"


def test_summary_has_every_month_of_the_year_to_the_chosen_one_and_the_year_to_date(book):
    rows = _table(book["月度汇总"])
    assert [r["月份"] for r in rows] == [f"{m}月" for m in range(1, 12)] + ["本年累计"]
    for quiet in rows[:9]:
        assert quiet["收件（件）"] == 0 and quiet["现场验收（场）"] == 0 and quiet["一次性通过率"] is None
    october, november, year = rows[9], rows[10], rows[11]
    assert october == {"月份": "10月", "收件（件）": 1, "现场验收（场）": 1, "通过（件）": 1, "未通过（件）": 0,
                       "一次性通过率": 1.0, "整改率": 0.0, "复验（场）": 0, "申请至办结平均工作日": 1.0,
                       "部门检查（次）": 3, "少跑次数": 2, "整改意见（条）": 0}
    assert november == {"月份": "11月", "收件（件）": 6, "现场验收（场）": 7, "通过（件）": 3, "未通过（件）": 1,
                        "一次性通过率": 0.5, "整改率": 0.2857, "复验（场）": 1, "申请至办结平均工作日": 3.6667,
                        "部门检查（次）": 16, "少跑次数": 9, "整改意见（条）": 3}
    assert year == {"月份": "本年累计", "收件（件）": 7, "现场验收（场）": 8, "通过（件）": 4, "未通过（件）": 1,
                    "一次性通过率": 0.6, "整改率": 0.25, "复验（场）": 1, "申请至办结平均工作日": 3.0,
                    "部门检查（次）": 19, "少跑次数": 11, "整改意见（条）": 3}
    sheet = book["月度汇总"]
    november_row = HEADER_ROW + 11
    assert sheet.cell(november_row, 6).number_format == "0.0%" and sheet.cell(november_row, 9).number_format == "0.0"
    assert sheet.cell(november_row, 2).number_format == "0"
    assert all(sheet.column_dimensions[letter].width >= 8 for letter in "ABCDEFGHIJKL")


def test_summary_carries_a_chart_of_the_monthly_figures(book):
    sheet = book["月度汇总"]
    assert len(sheet._charts) == 1
    chart = sheet._charts[0]
    assert [type(part).__name__ for part in chart._charts] == ["BarChart", "LineChart"]
    bars, line = chart._charts
    month_rows = f"${HEADER_ROW + 1}:$"
    assert [s.val.numRef.f for s in bars.series] == [f"'月度汇总'!${c}{month_rows}{c}${HEADER_ROW + 11}"
                                                     for c in "BCDH"]
    assert [s.val.numRef.f for s in line.series] == [f"'月度汇总'!${c}{month_rows}{c}${HEADER_ROW + 11}"
                                                     for c in "FG"]
    assert chart.anchor._from.row > HEADER_ROW + 12, "below the table, not over it"


def test_departments_sheet_lists_every_department_in_the_month(book, repo):
    rows = {r["部门编码"]: r for r in _table(book["部门"])}
    assert list(rows) == [d.code for d in repo.departments()] + ["合计"]
    assert rows["D04"] == {"部门编码": "D04", "部门": "济宁市城建档案馆", "层级": "市级", "参加验收（场）": 5,
                           "录入结果（条）": 6, "通过": 4, "需整改": 1, "不通过": 0, "需整改率": 0.2,
                           "整改意见（条）": 1, "缺席或未具备条件": 1}
    assert (rows["D01"]["参加验收（场）"], rows["D01"]["不通过"]) == (5, 1)
    assert (rows["D02"]["参加验收（场）"], rows["D02"]["整改意见（条）"]) == (6, 2)
    assert rows["D03"]["参加验收（场）"] == 0 and rows["D03"]["需整改率"] is None
    assert rows["合计"]["参加验收（场）"] == 16 and rows["合计"]["需整改"] == 2


def test_items_sheet_puts_the_items_with_most_findings_first(book):
    rows = _table(book["事项"])
    assert [(r["事项编码"], r["验收事项"], r["本月整改意见（条）"], r["本年整改意见（条）"]) for r in rows] == [
        ("I02", "消防验收", 1, 1), ("I04", "城建档案验收", 1, 1), ("—", "（未指明事项）", 1, 1), ("合计", None, 3, 3)]
    assert rows[0]["部门"] == "济宁市住房和城乡建设局（建设工程消防验收）"


def test_an_earlier_month_reports_only_the_months_up_to_it(repo, tmp_path):
    report = monthly_report(repo, 2026, 10, today=TODAY)
    assert [m for m, _ in report.months] == list(range(1, 11))
    assert report.year_to_date.accepted == 1 and report.items == ()
    rows = _table(load_workbook(write_monthly_report(report, tmp_path / "october.xlsx"))["月度汇总"])
    assert rows[-1]["月份"] == "本年累计" and rows[-1]["通过（件）"] == 1


@pytest.mark.parametrize("text", ["2026-13", "2026-0", "November", "2026/11", "26-11", ""])
def test_a_bad_month_is_refused_with_the_form_it_should_take(text):
    with pytest.raises(ReportError, match="YYYY-MM"):
        parse_month(text)


def test_months_parse():
    assert parse_month("2026-11") == (2026, 11) and parse_month(" 2027-1 ") == (2027, 1)


def test_a_month_that_has_not_begun_is_refused(repo):
    with pytest.raises(ReportError, match="has not begun"):
        monthly_report(repo, 2026, 12, today=TODAY)


def test_a_place_it_cannot_write_is_refused_and_nothing_is_left_behind(repo, tmp_path, read_only_folder):
    report = monthly_report(repo, 2026, 11, today=TODAY)
    for target, message in ((read_only_folder / "report.xlsx", "Cannot write"),
                            (tmp_path / "missing" / "report.xlsx", "does not exist"),
                            (tmp_path, "is a folder"),
                            (tmp_path / "report.pdf", "name the file .xlsx")):
        with pytest.raises(ReportError, match=message):
            write_monthly_report(report, target)
    assert list(read_only_folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["readonly"]


def test_writing_replaces_an_earlier_report_whole(repo, tmp_path):
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"an older report")
    write_monthly_report(monthly_report(repo, 2026, 11, today=TODAY), target)
    assert load_workbook(target).sheetnames[0] == "月度汇总"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]
