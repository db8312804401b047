"""The monthly report for the bureau's leadership (`report month 2026-11 --out report.xlsx`, and the GUI).

An Excel workbook: 月度汇总 (each month of the year up to the chosen one, the year to date, and a chart),
部门 (each department in the chosen month), 事项 (findings by item: which items fail most) and 说明 (how each
figure is counted). The figures are ``lifecycle_figures``'s, so they agree with `stats --json` and the
dashboard. ``monthly_report`` computes, ``write_monthly_report`` lays out and writes atomically (a temporary
file next to the target, then a rename), so a failure never leaves a half-written workbook.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.calendar.workdays import calendar_for
from desktop_app.core.model.domain import Department, Item
from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.reports.lifecycle_figures import (
    DepartmentCounts, ItemFindings, PeriodFigures, item_findings, load_history, month_key,
)
from desktop_app.core.store.files import replace_file, write_temporary
from desktop_app.core.store.repository import Repository

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_NO_ITEM = "（未指明事项）"   # the workbook is for the bureau's leadership: Chinese whatever the program's language


class ReportError(InputError):
    """The report cannot be made as asked (a bad month, a place it cannot be written); nothing was written."""


@dataclass(frozen=True)
class ItemRow:
    code: str                 # "" for findings that name no item
    name: str
    department: str           # the department's name
    month: ItemFindings | None
    year: ItemFindings


@dataclass(frozen=True)
class MonthlyReport:
    bureau: str
    year: int
    month: int
    made_on: dt.date
    months: tuple[tuple[int, PeriodFigures], ...]          # 1 .. month of the year
    year_to_date: PeriodFigures
    departments: tuple[tuple[Department, DepartmentCounts], ...]   # in the chosen month, every department
    items: tuple[ItemRow, ...]                              # the most findings in the month first, then the year


def parse_month(text: str) -> tuple[int, int]:
    """'2026-11' → (2026, 11); anything else is refused with the form it should take."""
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
        raise ReportError(tr("Bad month {text!r}: write it as YYYY-MM, e.g. 2026-11.", text=text))
    return int(match[1]), int(match[2])


def _month_last_day(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def monthly_report(repo: Repository, year: int, month: int, *, today: dt.date) -> MonthlyReport:
    """The report's figures for ``month`` of ``year`` and the months of that year before it."""
    first = dt.date(year, month, 1)
    if first > today:
        raise ReportError(tr("{month} has not begun yet (today is {today}); there is nothing to report.",
                             month=month_key(first), today=today))
    history = load_history(repo, calendar_for(repo))
    months = tuple((m, history.month(month_key(dt.date(year, m, 1)))) for m in range(1, month + 1))
    year_to_date = history.span(month_key(dt.date(year, m, 1)) for m in range(1, month + 1))
    chosen = months[-1][1]
    departments = tuple((d, chosen.departments.get(d.code, DepartmentCounts())) for d in repo.departments())
    items = _item_rows(repo, repo.items(), departments, year, month)
    return MonthlyReport(repo.settings().bureau_name, year, month, today, months, year_to_date, departments, items)


def _item_rows(repo: Repository, items: list[Item], departments, year: int, month: int) -> tuple[ItemRow, ...]:
    names = {d.code: d.name for d, _ in departments}
    by_code = {i.code: i for i in items}
    this_month = {f.item: f for f in item_findings(repo, dt.date(year, month, 1), _month_last_day(year, month))}
    rows = []
    for found in item_findings(repo, dt.date(year, 1, 1), _month_last_day(year, month)):
        item = by_code.get(found.item)
        rows.append(ItemRow(found.item or "", item.name if item else _NO_ITEM,
                            names.get(item.department, item.department) if item else "",
                            this_month.get(found.item), found))
    rows.sort(key=lambda r: (-(r.month.findings if r.month else 0), -r.year.findings, r.code == "", r.code))
    return tuple(rows)


# --- the workbook -------------------------------------------------------------------------------
_COUNT, _RATE, _DAYS = "0", "0.0%", "0.0"
_SUMMARY_COLUMNS = (   # (header, value of a PeriodFigures, number format)
    ("收件（件）", lambda f: f.requests_received, _COUNT),
    ("现场验收（场）", lambda f: f.visits_held, _COUNT),
    ("通过（件）", lambda f: f.accepted, _COUNT),
    ("未通过（件）", lambda f: f.failed, _COUNT),
    ("一次性通过率", lambda f: f.one_pass_rate if f.decided else None, _RATE),
    ("整改率", lambda f: f.rectification_rate if f.visits_held else None, _RATE),
    ("复验（场）", lambda f: f.reinspections_held, _COUNT),
    ("申请至办结平均工作日", lambda f: f.mean_working_days_to_opinion if f.accepted else None, _DAYS),
    ("部门检查（次）", lambda f: f.inspections, _COUNT),
    ("少跑次数", lambda f: f.trips_saved, _COUNT),
    ("整改意见（条）", lambda f: f.findings, _COUNT),
)
_DEPARTMENT_COLUMNS = (
    ("参加验收（场）", lambda c: c.inspections, _COUNT),
    ("录入结果（条）", lambda c: c.results, _COUNT),
    ("通过", lambda c: c.passed, _COUNT),
    ("需整改", lambda c: c.rectify, _COUNT),
    ("不通过", lambda c: c.failed, _COUNT),
    ("需整改率", lambda c: c.rectification_rate if c.inspections else None, _RATE),
    ("整改意见（条）", lambda c: c.findings, _COUNT),
    ("缺席或未具备条件", lambda c: c.not_held, _COUNT),
)
_NOTES = (
    ("收件", "当月提交联合验收申请的项目数（按申请日期）。"),
    ("现场验收", "当月实际举行的现场验收场次：至少一个部门出具了通过、需整改或不通过意见（部门缺席、建设单位未具备条件的不计）。"),
    ("通过 / 未通过", "当月办结的申请：各部门均通过为“通过”，任一部门不通过为“未通过”（按办结日期）。"),
    ("一次性通过率", "办结的申请中，首轮（含部门缺席后补验）无需整改、无不通过即通过的比例：一次性通过件数 ÷（通过 + 未通过）。"),
    ("整改率", "现场验收中至少一个部门提出整改的场次 ÷ 现场验收场次；部门表中为该部门“需整改”意见 ÷ 其参加验收场次。"),
    ("复验", "当月举行的复验（整改后第 2 轮及以后）现场验收场次。"),
    ("申请至办结平均工作日", "当月通过的申请，自申请日期至通过日期的工作日数（按本局工作日历，含调休）的平均值。"),
    ("部门检查 / 少跑次数", "部门检查为各部门到场验收的人次；若不实行联合验收，每个部门各跑一次，"
                       "少跑次数 = 部门检查次数 − 现场验收场次。"),
    ("整改意见", "各部门提出的整改意见条数；事项表按意见所涉验收事项统计，未指明事项的单列。"),
)


def write_monthly_report(report: MonthlyReport, path: str | Path) -> Path:
    """Write the workbook to ``path`` (.xlsx) atomically; ReportError names what is wrong with the place."""
    path = Path(path)
    _check_target(path)
    content = io.BytesIO()
    _workbook(report).save(content)
    try:   # durable: a network share or a full disk may report a failure only when flushed
        temporary = write_temporary(path, content.getvalue(), str(os.getpid()), durable=True)
    except OSError as error:
        raise ReportError(tr("Cannot write to the folder {folder} ({reason}); nothing was written.",
                             folder=path.parent, reason=error.strerror or error)) from None
    try:
        replace_file(temporary, path)
    except OSError as error:
        raise ReportError(tr("Cannot write {path} ({reason}); nothing was written.", path=path,
                             reason=error.strerror or error)) from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise ReportError(tr("{path} is a folder; give a file name such as report.xlsx.", path=path))
    if path.suffix.lower() != ".xlsx":
        raise ReportError(tr("The monthly report is an Excel workbook: name the file .xlsx (not {path}).",
                             path=path))
    if not path.parent.is_dir():
        raise ReportError(tr("The folder {folder} does not exist; nothing was written.", folder=path.parent))


def _workbook(report: MonthlyReport):
    from openpyxl import Workbook   # imported here: only the report pays for it

    book = Workbook()
    summary = book.active
    summary.title = "月度汇总"
    _summary_sheet(summary, report)
    _department_sheet(book.create_sheet("部门"), report)
    _item_sheet(book.create_sheet("事项"), report)
    _notes_sheet(book.create_sheet("说明"), report)
    book.properties.title = f"{report.bureau} 联合验收月度报告 {report.year}-{report.month:02d}"
    book.properties.creator = report.bureau
    return book


def _title(sheet, text: str, subtitle: str, width: int) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append([text])
    sheet.append([subtitle])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet["A2"].font = Font(color="666666")
    sheet.row_dimensions[1].height = 24


def _table(sheet, header_row: int, headers: list[str], rows: list[list], formats: list[str | None],
           total: list | None = None) -> None:
    """Headers on ``header_row``, then the rows (and a bold total row); formats per column."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for column, header in enumerate(headers, 1):
        cell = sheet.cell(header_row, column, header)
        cell.font, cell.fill, cell.border = Font(bold=True), fill, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    every = rows + ([total] if total is not None else [])
    for offset, values in enumerate(every, 1):
        for column, value in enumerate(values, 1):
            cell = sheet.cell(header_row + offset, column, value)
            cell.border = border
            if formats[column - 1] is not None and not isinstance(value, str):
                cell.number_format = formats[column - 1]
            if total is not None and offset == len(every):
                cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    sheet.row_dimensions[header_row].height = 32
    _fit_columns(sheet, header_row, len(headers))
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _display_width(value: object) -> int:
    text = f"{value:.1%}" if isinstance(value, float) else str(value if value is not None else "")
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)   # CJK characters take two columns


def _fit_columns(sheet, header_row: int, columns: int) -> None:
    from openpyxl.utils import get_column_letter

    for column in range(1, columns + 1):
        widths = [_display_width(sheet.cell(row, column).value) for row in range(header_row + 1, sheet.max_row + 1)]
        header = min(_display_width(sheet.cell(header_row, column).value), 16)   # headers wrap
        sheet.column_dimensions[get_column_letter(column)].width = max([header, *widths, 6]) + 2


def _summary_sheet(sheet, report: MonthlyReport) -> None:
    from openpyxl.chart import BarChart, LineChart, Reference

    headers = ["月份", *(h for h, _, _ in _SUMMARY_COLUMNS)]
    formats = [None, *(f for _, _, f in _SUMMARY_COLUMNS)]
    rows = [[f"{m}月", *(value(f) for _, value, _ in _SUMMARY_COLUMNS)] for m, f in report.months]
    total = ["本年累计", *(value(report.year_to_date) for _, value, _ in _SUMMARY_COLUMNS)]
    _title(sheet, f"{report.bureau} 联合验收月度报告（{report.year}年{report.month}月）",
           f"统计期间：{report.year}年1月至{report.month}月；制表日期：{report.made_on.isoformat()}", len(headers))
    header_row = 4
    _table(sheet, header_row, headers, rows, formats, total)
    first, last = header_row + 1, header_row + len(rows)
    bars = BarChart()
    bars.type, bars.grouping = "col", "clustered"
    bars.title = f"{report.year}年各月联合验收情况"
    bars.y_axis.title = "件 / 场"
    bars.x_axis.title = "月份"
    for column in (2, 3, 4, 8):     # 收件, 现场验收, 通过, 复验
        bars.add_data(Reference(sheet, min_col=column, min_row=header_row, max_row=last), titles_from_data=True)
    categories = Reference(sheet, min_col=1, min_row=first, max_row=last)
    bars.set_categories(categories)
    rates = LineChart()
    for column in (6, 7):           # 一次性通过率, 整改率
        rates.add_data(Reference(sheet, min_col=column, min_row=header_row, max_row=last), titles_from_data=True)
    rates.set_categories(categories)
    rates.y_axis.axId = 200
    rates.y_axis.title = "比例"
    rates.y_axis.number_format = "0%"
    rates.y_axis.scaling.min, rates.y_axis.scaling.max = 0, 1
    rates.y_axis.crosses = "max"
    rates.y_axis.majorGridlines = None
    # openpyxl 3.1 writes axes as deleted unless told otherwise; Excel would then show no scale.
    for axis in (bars.x_axis, bars.y_axis, rates.y_axis):
        axis.delete = False
    bars += rates
    bars.legend.position = "b"
    bars.width, bars.height = 26, 11
    sheet.add_chart(bars, f"A{last + 4}")


def _department_sheet(sheet, report: MonthlyReport) -> None:
    headers = ["部门编码", "部门", "层级", *(h for h, _, _ in _DEPARTMENT_COLUMNS)]
    formats = [None, None, None, *(f for _, _, f in _DEPARTMENT_COLUMNS)]
    level = {"city": "市级", "district": "区级"}
    rows = [[d.code, d.name, level.get(str(d.level), str(d.level)), *(value(counts) for _, value, _ in _DEPARTMENT_COLUMNS)]
            for d, counts in report.departments]
    whole = DepartmentCounts()
    for _, counts in report.departments:
        whole.add(counts)
    total = ["合计", None, None, *(value(whole) for _, value, _ in _DEPARTMENT_COLUMNS)]
    _title(sheet, f"{report.year}年{report.month}月 各部门验收情况",
           "需整改率 = 需整改意见 ÷ 参加验收场次；缺席或建设单位未具备条件的不计入参加验收。", len(headers))
    _table(sheet, 4, headers, rows, formats, total)


def _item_sheet(sheet, report: MonthlyReport) -> None:
    headers = ["事项编码", "验收事项", "部门", "本月整改意见（条）", "本月涉及项目（个）", "本年整改意见（条）", "本年涉及项目（个）"]
    formats = [None, None, None, _COUNT, _COUNT, _COUNT, _COUNT]
    rows = [[r.code or "—", r.name, r.department, r.month.findings if r.month else 0, r.month.requests if r.month else 0,
             r.year.findings, r.year.requests] for r in report.items]
    total = ["合计", None, None, sum(r[3] for r in rows), None, sum(r[5] for r in rows), None]
    _title(sheet, f"整改意见按验收事项统计（{report.year}年{report.month}月及本年累计）",
           "按本月整改意见条数排序，多者在前；涉及项目为提出过该事项整改意见的申请数。", len(headers))
    _table(sheet, 4, headers, rows, formats, total)


def _notes_sheet(sheet, report: MonthlyReport) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append(["统计口径说明"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    for name, text in _NOTES:
        sheet.append([name, text])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet.cell(sheet.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90
