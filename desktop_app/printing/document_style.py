"""The look shared by every printed document: CSS for QTextDocument's HTML subset and the
bureau's letterhead.

QTextDocument understands only part of CSS: tables with border-collapse, pt font sizes,
padding on cells, background colours and page-break properties; layouts here keep to that.
Cells are top-aligned: Qt culls the lines of a vertically centred cell as if it were not
centred, so a centred cell crossing a page break leaks hidden copies of its text into the PDF.
"""

from __future__ import annotations

import datetime as dt

from desktop_app.core.model.domain import Department, Level, Settings
from desktop_app.printing.chinese_text import chinese_date, esc
from desktop_app.printing.fonts import FAMILY

RED = "#b5121b"      # the colour of an official letterhead (红头)
GRID = "#6b6b6b"

STYLE = f"""
body {{ font-family: '{FAMILY}'; font-size: 10.5pt; color: #000000; }}
p {{ margin-top: 0; margin-bottom: 3pt; }}
.letterhead {{ font-size: 17pt; font-weight: bold; color: {RED}; text-align: center; margin-bottom: 0; }}
.rule {{ background-color: {RED}; font-size: 1pt; }}
.title {{ font-size: 18pt; font-weight: bold; text-align: center; margin-top: 2pt; margin-bottom: 2pt; }}
.subtitle {{ font-size: 10.5pt; text-align: center; margin-bottom: 6pt; }}
.changed {{ color: {RED}; font-weight: bold; }}
.section {{ font-size: 11pt; font-weight: bold; margin-top: 6pt; margin-bottom: 2pt; }}
.small {{ font-size: 9pt; }}
.muted {{ color: #555555; }}
table.grid {{ border-collapse: collapse; border-color: {GRID}; border-style: solid; }}
table.grid td, table.grid th {{ border-color: {GRID}; border-style: solid; padding: 1px 4px; font-size: 9pt;
                                vertical-align: top; }}
table.grid th {{ background-color: #ececec; font-weight: bold; }}
td.label {{ background-color: #f3f3f3; font-weight: bold; }}
td.group {{ background-color: #f7f7f7; }}
table.plain td {{ padding: 0; vertical-align: top; }}
.indent {{ text-indent: 28px; }}
.note {{ font-size: 9pt; margin-bottom: 1pt; }}
"""


# The official look of GB/T 9704 for formal documents: title 二号 (22 pt), body 三号 (16 pt); the standard asks
# for 小标宋 / 仿宋, the bundle has only a sans, which the standard allows when no such face is at hand.
# Tables keep 小四 (12 pt) so a department's name and its item fit on one line.
FORMAL_STYLE = f"""
body {{ font-family: '{FAMILY}'; font-size: 16pt; color: #000000; }}
p {{ margin-top: 0; margin-bottom: 0; line-height: 150%; }}
.issuer {{ font-size: 26pt; font-weight: bold; color: {RED}; text-align: center; margin-bottom: 6pt; }}
.number {{ font-size: 16pt; text-align: center; margin-top: 4pt; }}
.rule {{ background-color: {RED}; font-size: 1pt; }}
.title {{ font-size: 22pt; font-weight: bold; text-align: center; margin-top: 10pt; margin-bottom: 10pt; }}
.heading {{ font-size: 16pt; font-weight: bold; margin-top: 8pt; }}
.small {{ font-size: 10.5pt; }}
.muted {{ color: #555555; }}
table.grid {{ border-collapse: collapse; border-color: #000000; border-style: solid; margin-top: 4pt;
              margin-bottom: 6pt; }}
table.grid td, table.grid th {{ border-color: #000000; border-style: solid; padding: 2px 4px; font-size: 12pt;
                                vertical-align: top; }}
table.grid th {{ font-weight: bold; }}
td.label {{ font-weight: bold; }}
"""


def page(body: str, style: str = STYLE) -> str:
    return (f"<html><head><meta charset='utf-8'><style>{style}</style></head>"
            f"<body>{body}</body></html>")


def formal_page(body: str) -> str:
    return page(body, FORMAL_STYLE)


def red_rule(space_before: str = "3pt", space_after: str = "4pt") -> str:
    """The red separator line under an official letterhead (版头分隔线)."""
    return (f"<table width='100%' cellspacing='0' cellpadding='0' style='margin-top: {space_before}; "
            f"margin-bottom: {space_after};'><tr><td class='rule' height='2'></td></tr></table>")


def letterhead(settings: Settings) -> str:
    """The bureau's name in red over a red rule, like the head of an official document."""
    return f"<p class='letterhead'>{esc(settings.bureau_name)}</p>" + red_rule()


def level_name(department: Department) -> str:
    return "市级" if department.level is Level.CITY else "区级"


def contact_line(settings: Settings) -> str:
    parts = [f"联系人：{esc(settings.bureau_contact)}", f"电话：{esc(settings.bureau_phone)}"]
    if settings.bureau_email:
        parts.append(f"邮箱：{esc(settings.bureau_email)}")
    if settings.bureau_address:
        parts.append(f"地址：{esc(settings.bureau_address)}")
    return "　".join(parts)


def seal_block(settings: Settings, issued_on: dt.date) -> str:
    """The bureau's contacts on the left; on the right the space for its seal over its name and the date."""
    contact = [f"联系人：{esc(settings.bureau_contact)}　联系电话：{esc(settings.bureau_phone)}"]
    if settings.bureau_email:
        contact.append(f"电子邮箱：{esc(settings.bureau_email)}")
    if settings.bureau_address:
        contact.append(f"地址：{esc(settings.bureau_address)}")
    return (
        "<table width='100%' cellspacing='0' cellpadding='0' style='margin-top: 6pt;'>"
        f"<tr><td width='58%' class='small' rowspan='3'>{'<br/>'.join(contact)}</td>"
        "<td width='42%' align='center' height='40' class='small muted'>（盖章）</td></tr>"
        f"<tr><td align='center'>{esc(settings.bureau_name)}</td></tr>"
        f"<tr><td align='center'>{chinese_date(issued_on)}</td></tr></table>"
    )


def grid(header: list[str], rows: list[str], widths: list[int]) -> str:
    """A bordered table; ``rows`` are ready-made <tr> strings, header cells plain text."""
    head = "".join(f"<th width='{w}%'>{esc(h)}</th>" for h, w in zip(header, widths, strict=True))
    return (f"<table class='grid' width='100%' border='1' cellspacing='0' cellpadding='2'>"
            f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>")
