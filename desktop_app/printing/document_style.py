"""The look shared by every printed document: CSS for QTextDocument's HTML subset and the
bureau's letterhead.

QTextDocument understands only part of CSS: tables with border-collapse, pt font sizes,
padding on cells, background colours and page-break properties; layouts here keep to that.
Cells are top-aligned: Qt culls the lines of a vertically centred cell as if it were not
centred, so a centred cell crossing a page break leaks hidden copies of its text into the PDF.
"""

from __future__ import annotations

from desktop_app.core.model.domain import Department, Level, Settings
from desktop_app.printing.chinese_text import esc
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


def page(body: str) -> str:
    return (f"<html><head><meta charset='utf-8'><style>{STYLE}</style></head>"
            f"<body>{body}</body></html>")


def letterhead(settings: Settings) -> str:
    """The bureau's name in red over a red rule, like the head of an official document."""
    return (f"<p class='letterhead'>{esc(settings.bureau_name)}</p>"
            "<table width='100%' cellspacing='0' cellpadding='0' style='margin-top: 3pt; margin-bottom: 4pt;'>"
            "<tr><td class='rule' height='2'></td></tr></table>")


def level_name(department: Department) -> str:
    return "市级" if department.level is Level.CITY else "区级"


def contact_line(settings: Settings) -> str:
    parts = [f"联系人：{esc(settings.bureau_contact)}", f"电话：{esc(settings.bureau_phone)}"]
    if settings.bureau_email:
        parts.append(f"邮箱：{esc(settings.bureau_email)}")
    if settings.bureau_address:
        parts.append(f"地址：{esc(settings.bureau_address)}")
    return "　".join(parts)


def grid(header: list[str], rows: list[str], widths: list[int]) -> str:
    """A bordered table; ``rows`` are ready-made <tr> strings, header cells plain text."""
    head = "".join(f"<th width='{w}%'>{esc(h)}</th>" for h, w in zip(header, widths, strict=True))
    return (f"<table class='grid' width='100%' border='1' cellspacing='0' cellpadding='2'>"
            f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>")
