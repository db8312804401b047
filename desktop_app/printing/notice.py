"""The owner's notice (联合验收告知书): what a project owner receives on paper.

For many owners it is the only part of the system they see, so it reads as an official
paper of the bureau: letterhead, the arrangement, who comes, what to prepare, notes, the
date of issue and a space for the seal.
"""

from __future__ import annotations

import math

from desktop_app.core.model.domain import Item
from desktop_app.printing.chinese_text import (
    chinese_date_weekday,
    esc,
    time_range,
)
from desktop_app.printing.document_data import Notice, NoticeVisit
from desktop_app.printing.document_style import grid, letterhead, level_name, page, seal_block
from desktop_app.printing.paged_output import PrintDocument

TITLE = "联合验收告知书"
CHANGED_TITLE = "联合验收告知书（变更通知）"
CHECKBOX = "☐"
MATERIAL_COLUMNS = 6   # grid columns: 3, 2 or 1 materials a row span 2, 3 or 6 of them
ORDINALS = "一二三四五六七八九十"


def _when(visit: NoticeVisit) -> str:
    return f"{chinese_date_weekday(visit.start.date())}　{time_range(visit.start, visit.end)}"


def _previous_when(visit: NoticeVisit) -> str:
    return (f"{chinese_date_weekday(visit.previous_start.date())}　"
            f"{time_range(visit.previous_start, visit.previous_end)}")


def _label_row(label: str, value: str, extra: str = "") -> str:
    return f"<tr><td class='label' width='16%'>{label}</td><td colspan='3'>{value}{extra}</td></tr>"


def _arrangement(notice: Notice, visit: NoticeVisit, number: int | None) -> str:
    project = notice.project
    heading = "现场验收安排" if number is None else f"现场验收安排（第{ORDINALS[number - 1] if number <= 10 else number}场）"
    rows = []
    if visit.changed:
        rows.append(_label_row("原定时间", f"<s>{esc(_previous_when(visit))}</s>",
                               "<span class='changed'>（已取消，请以下列时间为准）</span>"))
    rows.append(_label_row("验收时间", f"<b>{esc(_when(visit))}</b>"))
    place = esc(visit.place.name)
    if visit.place.address:
        place += f"（{esc(visit.place.address)}）"
    rows.append(_label_row("验收地点", place))
    site = project.address or visit.place.name
    rows.append(_label_row("集合地点", f"{esc(site)}（项目现场入口处）"))
    table = ("<table class='grid' width='100%' border='1' cellspacing='0' cellpadding='2'>"
             + "".join(rows) + "</table>")
    return f"<p class='section'>{heading}</p>{table}{_departments(visit)}"


def _departments(visit: NoticeVisit) -> str:
    items_by_department: dict[str, list[str]] = {}
    for item in visit.items:
        items_by_department.setdefault(item.department, []).append(item.name)
    rows = []
    for number, department in enumerate(visit.departments, start=1):
        items = "、".join(esc(name) for name in items_by_department.get(department.code, []))
        rows.append(f"<tr><td align='center'>{number}</td><td>{esc(department.name)}</td>"
                    f"<td align='center'>{level_name(department)}</td><td>{items}</td>"
                    f"<td>{esc(department.contact)}</td><td>{esc(department.phone)}</td></tr>")
    return ("<p class='section'>参加验收部门</p>"
            + grid(["序号", "验收部门", "级别", "验收事项", "联系人", "联系电话"], rows, [6, 43, 6, 20, 10, 15]))


def _materials_per_row(materials: list[str]) -> int:
    """Three short materials to a row keep a notice on one page; long ones get a row each,
    so no line of one material ever sits beside a line of another."""
    longest = max(len(m) for m in materials)
    return 3 if longest <= 15 else 2 if longest <= 24 else 1


def _checklist(notice: Notice) -> str:
    """Each item's materials as tick boxes under the item's name.

    No rowspan: Qt misplaces the text of a row-spanning cell that crosses a page break.
    """
    items: dict[str, Item] = {}
    departments = {}
    for visit in notice.visits:
        for item in visit.items:
            items.setdefault(item.code, item)
        departments.update({d.code: d for d in visit.departments})
    rows = []
    for item in items.values():
        department = departments.get(item.department)
        owner = f"　<span class='small muted'>{esc(department.name)}</span>" if department else ""
        rows.append(f"<tr><td class='group' colspan='{MATERIAL_COLUMNS}'><b>{esc(item.name)}</b>{owner}</td></tr>")
        materials = list(item.materials) or ["（无需另备材料）"]
        per_row = _materials_per_row(materials)
        span = MATERIAL_COLUMNS // per_row
        for line in range(math.ceil(len(materials) / per_row)):
            chunk = materials[line * per_row: (line + 1) * per_row]
            cells = [f"<td colspan='{span}'>{CHECKBOX} {esc(m)}</td>" for m in chunk]
            cells += [f"<td colspan='{span}'></td>"] * (per_row - len(chunk))
            rows.append(f"<tr>{''.join(cells)}</tr>")
    table = ("<table class='grid' width='100%' border='1' cellspacing='0' cellpadding='2'>"
             + "".join(rows) + "</table>")
    return ("<p class='section'>需准备的材料（原件及加盖公章的复印件，验收时逐项核对）</p>" + table)


def _notes(notice: Notice) -> str:
    settings = notice.settings
    notes = [
        "请建设单位项目负责人及施工、监理等单位相关人员于验收开始前15分钟到达集合地点，陪同各部门现场验收。",
        "请提前备齐上述材料和全套竣工图纸，按验收事项分类放置，现场备查；确保现场具备验收条件（水电接通、道路畅通、安全防护到位）。",
        (f"如需变更验收时间或因故不能按时验收，请至少提前一个工作日联系{esc(settings.bureau_contact)}"
         f"（电话 {esc(settings.bureau_phone)}）。"),
        "验收中发现问题需要整改的，整改完成后由相关部门单独复验，不必再次组织联合验收。",
    ]
    body = "".join(f"<p class='note'>{number}．{text}</p>" for number, text in enumerate(notes, start=1))
    return f"<p class='section'>注意事项</p>{body}"


def _signature(notice: Notice) -> str:
    return seal_block(notice.settings, notice.issued_on)


def notice_html(notice: Notice) -> str:
    project = notice.project
    title = CHANGED_TITLE if notice.changed else TITLE
    owner = esc(project.owner)
    contact = "　".join(esc(x) for x in (project.contact, project.phone) if x)
    intro = (f"<p><b>{owner}</b>：</p>"
             f"<p class='indent'>贵单位申请的“{esc(project.name)}”联合竣工验收，经我局协调各验收部门，现将现场验收安排告知如下。"
             + ("<span class='changed'>本通知为变更通知，原定验收时间作废。</span>" if notice.changed else "")
             + "</p>")
    facts = ("<table class='grid' width='100%' border='1' cellspacing='0' cellpadding='2'>"
             f"<tr><td class='label' width='16%'>项目编号</td><td width='34%'>{esc(project.code)}</td>"
             f"<td class='label' width='16%'>联系人及电话</td><td width='34%'>{contact}</td></tr>"
             f"<tr><td class='label'>项目名称</td><td colspan='3'>{esc(project.name)}</td></tr></table>")
    many = len(notice.visits) > 1
    arrangements = "".join(_arrangement(notice, visit, number if many else None)
                           for number, visit in enumerate(notice.visits, start=1))
    body = (letterhead(notice.settings) + f"<p class='title'>{title}</p>" + intro + facts + arrangements
            + _checklist(notice) + _notes(notice) + _signature(notice))
    return page(body)


def notice_document(notice: Notice) -> PrintDocument:
    return PrintDocument(title=f"{notice.settings.bureau_name}　{TITLE}　{notice.project.code}",
                         html=notice_html(notice), whole_rows=True)
