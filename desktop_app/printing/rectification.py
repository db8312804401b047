"""The rectification notice (整改通知书): every finding of every department, told to the owner at once.

One document (一次性告知): the findings grouped by the department that found them, each with the item
concerned and the day of the visit; the deadline; what the owner does next (report the fixes to the
bureau before the deadline, then only the departments with findings come again). It is addressed to
the owner like the owner's notice and shares its look.
"""

from __future__ import annotations

import os

from desktop_app.printing.acceptance_data import FindingGroup, RectificationSheet
from desktop_app.printing.chinese_text import chinese_date, esc
from desktop_app.printing.document_style import grid, letterhead, page, seal_block
from desktop_app.printing.paged_output import PrintDocument
from desktop_app.printing.verification import round_label

TITLE = "整改通知书"


def _names(departments) -> str:
    return "、".join(esc(d.name) for d in departments)


def _group_rows(group: FindingGroup, first_number: int) -> list[str]:
    department = group.department
    contact = "　".join(esc(x) for x in (department.contact, department.phone) if x)
    head = (f"<tr><td class='group' colspan='3'><b>{esc(department.name)}</b>　"
            f"{chinese_date(group.found_on)}现场验收"
            + (f"　<span class='small muted'>联系人：{contact}</span>" if contact else "") + "</td></tr>")
    rows = [head]
    for number, (item, finding) in enumerate(group.findings, start=first_number):
        text = esc(finding.text)
        if finding.attachment:
            # The bureau's file path means nothing to the owner; its name tells which photo is meant.
            text += f"<br/><span class='small muted'>附件：{esc(os.path.basename(finding.attachment))}</span>"
        rows.append(f"<tr><td align='center'>{number}</td><td>{esc(item) or '—'}</td><td>{text}</td></tr>")
    return rows


def _findings(sheet: RectificationSheet) -> str:
    rows: list[str] = []
    number = 1
    for group in sheet.groups:
        rows += _group_rows(group, number)
        number += len(group.findings)
    return ("<p class='section'>整改意见</p>"
            + grid(["序号", "验收事项", "整改意见"], rows, [7, 25, 68]))


def _next_steps(sheet: RectificationSheet) -> str:
    settings = sheet.settings
    deadline = chinese_date(sheet.deadline)
    found = _names(g.department for g in sheet.groups)
    steps = [
        f"请于<b>{deadline}</b>前完成上述全部整改，并向我局书面报告整改情况（逐项说明整改措施，附整改前后照片等资料）。",
        f"我局收到整改报告后，在{settings.reinspection_working_days}个工作日内安排复验并另行告知时间。"
        f"复验仅由提出整改意见的部门（{found}）对上述事项进行"
        + (f"；{_names(sheet.passed)}已验收通过，不再参加复验。" if sheet.passed else "。"),
        "逾期未报告整改完成的，本次联合验收终止，须重新申请联合验收。",
        f"对整改意见有疑问的，请联系提出意见的部门；其他事项请联系{esc(settings.bureau_contact)}"
        f"（电话 {esc(settings.bureau_phone)}）。",
    ]
    body = "".join(f"<p class='note'>{number}．{text}</p>" for number, text in enumerate(steps, start=1))
    return (f"<p class='section'>整改期限：<span class='changed'>{deadline}前</span></p>"
            f"<p class='section'>后续办理</p>{body}")


def rectification_html(sheet: RectificationSheet) -> str:
    project = sheet.project
    days = sorted({g.found_on for g in sheet.groups})
    when = "、".join(chinese_date(d) for d in days)
    stage = f"（{round_label(sheet.round)}）" if sheet.round else ""
    intro = (f"<p><b>{esc(project.owner)}</b>：</p>"
             f"<p class='indent'>贵单位申请的“{esc(project.name)}”联合竣工验收，经各验收部门于{when}现场验收{stage}，"
             f"{len(sheet.groups)}个部门提出整改意见共{sheet.finding_count}项。"
             "现将全部整改意见一次性告知如下，请逐项整改。</p>")
    contact = "　".join(esc(x) for x in (project.contact, project.phone) if x)
    facts = ("<table class='grid' width='100%' border='1' cellspacing='0' cellpadding='2'>"
             f"<tr><td class='label' width='16%'>项目编号</td><td width='34%'>{esc(project.code)}</td>"
             f"<td class='label' width='16%'>联系人及电话</td><td width='34%'>{contact}</td></tr>"
             f"<tr><td class='label'>项目名称</td><td colspan='3'>{esc(project.name)}</td></tr>"
             + (f"<tr><td class='label'>建设地点</td><td colspan='3'>{esc(project.address)}</td></tr>"
                if project.address else "")
             + "</table>")
    body = (letterhead(sheet.settings) + f"<p class='title'>{TITLE}</p>" + intro + facts + _findings(sheet)
            + _next_steps(sheet) + seal_block(sheet.settings, sheet.issued_on))
    return page(body)


def rectification_document(sheet: RectificationSheet) -> PrintDocument:
    return PrintDocument(title=f"{sheet.settings.bureau_name}　{TITLE}　{sheet.project.code}",
                         html=rectification_html(sheet), whole_rows=True)
