"""The day sheet (日程单) of one department or of the whole bureau.

A department's sheet is its driver's and inspectors' plan for the day: visits in order with
the travel that leads to each, owners to call, items to check. The bureau's sheet lists every
visit and, below, each department's route.
"""

from __future__ import annotations

from desktop_app.printing.chinese_text import (
    chinese_date,
    chinese_date_weekday,
    esc,
    time_range,
)
from desktop_app.printing.document_data import DaySheet, RouteStop, SheetRow
from desktop_app.printing.document_style import grid, letterhead, level_name, page
from desktop_app.printing.paged_output import PrintDocument

TITLE = "现场验收日程单"


def _travel(row: SheetRow | RouteStop) -> str:
    if row.travel_minutes is None or row.travel_from is None:
        return "—"
    if row.travel_minutes == 0:
        return f"同一地点<br/><span class='small muted'>{esc(row.travel_from.name)}</span>"
    return f"{row.travel_minutes} 分钟<br/><span class='small muted'>自 {esc(row.travel_from.name)}</span>"


def _place(row: SheetRow) -> str:
    text = f"<b>{esc(row.place.name)}</b>"
    if row.project.address:
        text += f"<br/>{esc(row.project.address)}"
    if row.place.address:
        text += f"<br/><span class='small muted'>{esc(row.place.address)}</span>"
    return text


def _project(row: SheetRow) -> str:
    return f"{esc(row.project.code)}<br/>{esc(row.project.name)}"


def _owner(row: SheetRow) -> str:
    return "<br/>".join(esc(x) for x in (row.project.owner, row.project.contact, row.project.phone) if x)


def _items(row: SheetRow) -> str:
    return "、".join(esc(i.name) for i in row.items) or "—"


def _departments(row: SheetRow) -> str:
    # Contacts are in the route table below; here the names only, so a row stays short.
    return "、".join(esc(d.name) for d in row.departments)


def _department_table(sheet: DaySheet) -> str:
    rows = [f"<tr><td align='center'><b>{esc(time_range(r.start, r.end))}</b></td><td>{_travel(r)}</td>"
            f"<td>{_place(r)}</td><td>{_project(r)}</td><td>{_owner(r)}</td><td>{_items(r)}</td></tr>"
            for r in sheet.rows]
    return grid(["时间", "路程", "地点", "项目", "建设单位及联系人", "验收事项"], rows, [14, 12, 24, 21, 16, 13])


def _bureau_table(sheet: DaySheet) -> str:
    rows = [f"<tr><td align='center'><b>{esc(time_range(r.start, r.end))}</b></td>"
            f"<td>{_place(r)}</td><td>{_project(r)}</td><td>{_owner(r)}</td><td>{_departments(r)}</td></tr>"
            for r in sheet.rows]
    return grid(["时间", "地点", "项目", "建设单位及联系人", "参加部门"], rows, [14, 23, 21, 16, 26])


def _routes(sheet: DaySheet) -> str:
    rows = []
    for department, stops in sheet.routes:
        legs = "<br/>".join(
            f"{stop.start:%H:%M} {esc(stop.place.name)}"
            + (f"（路程 {stop.travel_minutes} 分钟，自 {esc(stop.travel_from.name)}）"
               if stop.travel_minutes else "（同一地点）" if stop.travel_minutes == 0 else "")
            for stop in stops)
        rows.append(f"<tr><td>{esc(department.name)}<br/><span class='small muted'>{level_name(department)}　"
                    f"{esc(department.contact)} {esc(department.phone)}</span></td><td>{legs}</td></tr>")
    return "<p class='section'>各部门行程</p>" + grid(["部门", "行程（出发地与路程）"], rows, [38, 62])


def day_sheet_html(sheet: DaySheet) -> str:
    who = esc(sheet.department.name) if sheet.department else "全局"
    subtitle = chinese_date_weekday(sheet.day) + (f"（{esc(sheet.day_note)}）" if sheet.day_note else "")
    body = letterhead(sheet.settings) + f"<p class='title'>{TITLE}</p>"
    body += f"<p class='subtitle'><b>{who}</b>　{subtitle}　共 {len(sheet.rows)} 场</p>"
    if sheet.department is not None:
        d = sheet.department
        body += (f"<p class='small'>联系人：{esc(d.contact)}　电话：{esc(d.phone)}　"
                 f"每日最多 {d.daily_capacity} 场</p>")
    if not sheet.rows:
        body += "<p class='section'>当日无现场验收安排。</p>"
    elif sheet.department is not None:
        body += _department_table(sheet)
    else:
        body += _bureau_table(sheet) + _routes(sheet)
    body += (f"<p class='small muted' style='margin-top: 8pt;'>打印日期：{chinese_date(sheet.issued_on)}。"
             f"路程为出发地到验收地点的预计行车时间；如有变动请联系{esc(sheet.settings.bureau_contact)}"
             f"（{esc(sheet.settings.bureau_phone)}）。</p>")
    return page(body)


def day_sheet_document(sheet: DaySheet) -> PrintDocument:
    who = sheet.department.name if sheet.department else sheet.settings.bureau_name
    return PrintDocument(title=f"{who}　{TITLE}　{sheet.day.isoformat()}", html=day_sheet_html(sheet), whole_rows=True)
