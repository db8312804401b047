"""The week overview (一周验收安排表): a landscape table for the wall or a meeting.

Columns are the week's days, rows the morning and the afternoon; each cell lists that
half-day's visits in time order.
"""

from __future__ import annotations

from desktop_app.printing.chinese_text import (
    chinese_date,
    esc,
    short_date_weekday,
    time_range,
)
from desktop_app.printing.document_data import SheetRow, WeekOverview
from desktop_app.printing.document_style import letterhead, page
from desktop_app.printing.paged_output import PrintDocument

TITLE = "一周联合验收安排表"


def _visit(row: SheetRow) -> str:
    departments = "、".join(esc(d.name) for d in row.departments)
    return (f"<p><b>{esc(time_range(row.start, row.end))}</b>　{esc(row.place.name)}<br/>"
            f"{esc(row.project.name)}<span class='muted'>（{esc(row.project.code)}）</span><br/>"
            f"<span class='small muted'>{departments}</span></p>")


def _cell(rows: tuple[SheetRow, ...]) -> str:
    return "".join(_visit(r) for r in rows) or "<p align='center' class='muted'>—</p>"


def week_html(week: WeekOverview) -> str:
    days = week.days
    width = (100 - 6) // max(len(days), 1)
    head = "".join(
        f"<th width='{width}%'>{esc(short_date_weekday(d.day))}"
        + (f"<br/><span class='small'>{esc(d.note)}</span>" if d.note else "")
        + f"<br/><span class='small'>{len(d.morning) + len(d.afternoon)} 场</span></th>"
        for d in days)
    morning = "".join(f"<td>{_cell(d.morning)}</td>" for d in days)
    afternoon = "".join(f"<td>{_cell(d.afternoon)}</td>" for d in days)
    sunday = days[-1].day if days else week.monday
    total = sum(len(d.morning) + len(d.afternoon) for d in days)
    table = ("<table class='grid' width='100%' border='1' cellspacing='0' cellpadding='2'>"
             f"<thead><tr><th width='6%'></th>{head}</tr></thead>"
             f"<tr><td class='label' align='center'>上午</td>{morning}</tr>"
             f"<tr><td class='label' align='center'>下午</td>{afternoon}</tr></table>")
    body = (letterhead(week.settings) + f"<p class='title'>{TITLE}</p>"
            f"<p class='subtitle'>{chinese_date(week.monday)} 至 {chinese_date(sunday)}　共 {total} 场</p>"
            + table
            + f"<p class='small muted' style='margin-top: 6pt;'>打印日期：{chinese_date(week.issued_on)}</p>")
    return page(body)


def week_document(week: WeekOverview) -> PrintDocument:
    return PrintDocument(title=f"{week.settings.bureau_name}　{TITLE}　{week.monday.isoformat()}",
                         html=week_html(week), landscape=True)
