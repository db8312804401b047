"""The joint acceptance opinion (联合验收意见书): the bureau's formal decision on an accepted request.

Laid out as an official document (GB/T 9704-2012): the issuer's name in red with the document number
and the red rule under it, the title, the addressee, the body in numbered parts (the project, the
visits, every department's opinion on every item in every round, the conclusion), then the issuer's
name with the seal over it and the date. The QR code beside the seal holds the number and the hash
of the opinion's canonical text (``verification``); when the PDF is signed, the visible signature
is drawn where the seal goes (the cell marked ``SEAL_ANCHOR``).
"""

from __future__ import annotations

from desktop_app.core.model.domain import Opinion
from desktop_app.printing.acceptance_data import OpinionSheet
from desktop_app.printing.chinese_text import chinese_date, esc
from desktop_app.printing.document_style import formal_page, red_rule
from desktop_app.printing.paged_output import PrintDocument
from desktop_app.printing.verification import OPINION_WORDS, qr_data_uri, round_label

TITLE = "联合验收意见书"
SEAL_ANCHOR = "seal"
CONCLUSION_ANCHOR = "conclusion"      # the closing part the seal block stays on one page with
# 首行缩进两字: two ideographic spaces (kept: HTML would collapse them), whatever the printer's resolution.
INDENT = "<span style='white-space: pre'>\u3000\u3000</span>"
QR_PIXELS = 100          # CSS pixels (1/96 in): about 26 mm
SEAL_SPACE = "<br/><br/>"              # room for the seal stamped over the name and the date
SIGNATURE_SPACE = "<br/><br/><br/>"    # room for the signature's own lines above them


def _label(label: str, value: str) -> str:
    return f"<tr><td class='label' width='22%'>{label}</td><td colspan='3'>{value}</td></tr>"


def _project(sheet: OpinionSheet) -> str:
    project = sheet.document.project
    details = project.details
    rows = [f"<tr><td class='label' width='22%'>项目编号</td><td width='28%'>{esc(project.code)}</td>"
            f"<td class='label' width='22%'>项目统一代码</td><td width='28%'>{esc(details.unified_code)}</td></tr>"
            if details.unified_code else _label("项目编号", esc(project.code))]
    rows.append(_label("项目名称", esc(project.name)))
    rows.append(_label("建设单位", esc(project.owner)))
    if project.address:
        rows.append(_label("建设地点", esc(project.address)))
    if details.floor_area is not None or details.floors is not None:
        area = f"{details.floor_area:,.2f} 平方米" if details.floor_area is not None else "—"
        floors = f"{details.floors} 层" if details.floors is not None else "—"
        rows.append(f"<tr><td class='label'>建筑面积</td><td>{area}</td>"
                    f"<td class='label'>层数</td><td>{floors}</td></tr>")
    for label, value in (("施工单位", details.builder), ("监理单位", details.supervisor),
                         ("勘察单位", details.surveyor), ("设计单位", details.designer)):
        if value:
            rows.append(_label(label, esc(value)))
    return ("<table class='grid' width='100%' border='1' cellspacing='0' cellpadding='3'>"
            + "".join(rows) + "</table>")


def _visits(sheet: OpinionSheet) -> str:
    rows = [f"<tr><td>{chinese_date(v.day)}</td><td>{round_label(v.round)}</td>"
            f"<td>{'、'.join(esc(d.name) for d in v.departments)}</td></tr>" for v in sheet.visits]
    head = "".join(f"<th width='{w}%'>{h}</th>" for h, w in (("验收日期", 24), ("轮次", 16), ("参加部门", 60)))
    return ("<table class='grid' width='100%' border='1' cellspacing='0' cellpadding='3'>"
            f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>")


def _opinion_cell(opinion: Opinion, remarks: str) -> str:
    text = OPINION_WORDS[opinion]
    if remarks:
        text += f"<br/><span class='small'>{esc(remarks)}</span>"
    return text


def _results(sheet: OpinionSheet) -> str:
    rows = [f"<tr><td align='center'>{number}</td><td>{esc(row.department)}</td><td>{esc(row.item)}</td>"
            f"<td>{_opinion_cell(row.opinion, row.remarks)}</td>"
            f"<td>{chinese_date(row.day)}<br/>{round_label(row.round)}</td></tr>"
            for number, row in enumerate(sheet.document.rows, start=1)]
    head = "".join(f"<th width='{w}%'>{h}</th>" for h, w in
                   (("序号", 8), ("验收部门", 26), ("验收事项", 18), ("验收意见", 26), ("日期（轮次）", 22)))
    return ("<table class='grid' width='100%' border='1' cellspacing='0' cellpadding='3'>"
            f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>")


def _conclusion(sheet: OpinionSheet) -> str:
    items = len({row.item for row in sheet.document.rows})
    reinspected = any(v.round > 0 for v in sheet.visits)
    return (f"<p class='heading'><a name='{CONCLUSION_ANCHOR}'></a>四、验收结论</p>"
            f"<p>{INDENT}经各验收部门现场验收{'，需整改事项经整改并复验合格' if reinspected else ''}，"
            f"该项目{items}个验收事项均符合要求，<b>准予通过联合验收</b>。</p>")


def _closing(sheet: OpinionSheet) -> str:
    """The QR code on the left; on the right the seal over the issuer's name and the date.

    A signed copy leaves the seal line blank: the visible signature is drawn over this cell.
    """
    settings = sheet.settings
    seal = (f"<a name='{SEAL_ANCHOR}'>&nbsp;</a>{SIGNATURE_SPACE}" if sheet.signed
            else f"<a name='{SEAL_ANCHOR}'></a><span class='small muted'>（盖章）</span>{SEAL_SPACE}")
    qr = (f"<img src='{qr_data_uri(sheet.qr_text)}' width='{QR_PIXELS}' height='{QR_PIXELS}'/>"
          "<br/><span class='small muted'>扫码核验文号与内容摘要（SHA-256）</span>")
    return ("<table width='100%' cellspacing='0' cellpadding='4' style='margin-top: 12pt;'><tr>"
            f"<td width='40%' valign='bottom'>{qr}</td>"
            f"<td width='60%' align='center' valign='bottom'>{seal}<br/>{esc(settings.bureau_name)}"
            f"<br/>{chinese_date(sheet.issued_on)}</td></tr></table>")


def opinion_html(sheet: OpinionSheet) -> str:
    document = sheet.document
    project = document.project
    settings = sheet.settings
    days = "、".join(chinese_date(d) for d in dict.fromkeys(v.day for v in sheet.visits))
    reinspected = any(v.round > 0 for v in sheet.visits)
    body = (f"<p class='issuer'>{esc(settings.bureau_name)}</p>"
            f"<p class='number'>{esc(document.number.number)}</p>" + red_rule("6pt", "0")
            + f"<p class='title'>{TITLE}</p>"
            + f"<p>{esc(project.owner)}：</p>"
            + f"<p>{INDENT}你单位申请的“{esc(project.name)}”（项目编号：{esc(project.code)}）联合竣工验收，"
              f"经各验收部门于{days}现场验收{'（含整改复验）' if reinspected else ''}，现将验收意见告知如下。</p>"
            + "<p class='heading'>一、项目基本情况</p>" + _project(sheet)
            + "<p class='heading'>二、现场验收情况</p>" + _visits(sheet)
            + "<p class='heading'>三、各部门验收意见</p>" + _results(sheet)
            + _conclusion(sheet) + _closing(sheet))
    return formal_page(body)


def opinion_document(sheet: OpinionSheet) -> PrintDocument:
    return PrintDocument(title=f"{sheet.settings.bureau_name}　{TITLE}　{sheet.document.number.number}",
                         html=opinion_html(sheet), formal=True, anchors=(SEAL_ANCHOR,), whole_rows=True,
                         keep_together=((CONCLUSION_ANCHOR, SEAL_ANCHOR),))
