"""What the joint acceptance opinion's QR code holds, so a department can check a paper copy.

The QR code carries the document number, the project code and the SHA-256 of the opinion's
*canonical text*: the facts the opinion decides, one per line, in a fixed order and spelling that
does not depend on fonts, layout or the PDF writer (README "Printing" describes it). Anyone with
the opinion's data — the bureau's register, or the text of the paper copy typed in — can
recompute the hash; a reprint of the same opinion gives the same text and the same hash.

Qt-free: segno draws the QR code as a PNG that the document embeds.
"""

from __future__ import annotations

import base64
import hashlib
import io

import segno

from desktop_app.core.acceptance.opinion import OpinionDocument, OpinionRow
from desktop_app.core.model.domain import Opinion

CANONICAL_HEADER = "联合验收意见书"
OPINION_WORDS = {Opinion.PASSED: "通过", Opinion.RECTIFY: "需整改", Opinion.FAILED: "不通过",
                 Opinion.ABSENT: "部门未到场", Opinion.NOT_READY: "建设单位未具备验收条件"}
QR_SCALE = 8              # pixels per module in the embedded PNG (printed ~28 mm wide: crisp at 600 dpi)


def round_label(round_: int) -> str:
    return "首次验收" if round_ == 0 else f"第{round_}次复验"


def _one_line(text: str) -> str:
    # Line breaks and the field separator inside user text would make two texts hash alike.
    return " ".join(str(text).replace("|", "｜").split())


def canonical_row(row: OpinionRow) -> str:
    return "|".join(_one_line(x) for x in (row.department, row.item, OPINION_WORDS[row.opinion],
                                           row.day.isoformat(), str(row.round), row.remarks))


def canonical_text(document: OpinionDocument) -> str:
    """The lines the hash covers (UTF-8, joined by LF, no final LF)."""
    project = document.project
    lines = [CANONICAL_HEADER, f"文号：{_one_line(document.number.number)}", f"项目编号：{_one_line(project.code)}",
             f"项目名称：{_one_line(project.name)}", f"建设单位：{_one_line(project.owner)}",
             *(f"意见：{canonical_row(row)}" for row in document.rows),
             f"成文日期：{document.number.issued_on.isoformat()}"]
    return "\n".join(lines)


def content_digest(document: OpinionDocument) -> str:
    """SHA-256 of the canonical text, 64 lowercase hex digits."""
    return hashlib.sha256(canonical_text(document).encode("utf-8")).hexdigest()


def qr_payload(document: OpinionDocument) -> str:
    """The QR code's text: what it is, the number, the project, the hash."""
    return "\n".join([CANONICAL_HEADER, f"文号：{document.number.number}", f"项目编号：{document.project.code}",
                      f"SHA-256：{content_digest(document)}"])


def qr_png(payload: str) -> bytes:
    """The QR code as a PNG, the text in UTF-8 (without an ECI header: many phone readers do not know
    ECI, and they all try UTF-8, as zbar does)."""
    code = segno.make(payload, error="m", micro=False, encoding="utf-8")
    out = io.BytesIO()
    code.save(out, kind="png", scale=QR_SCALE, border=2)
    return out.getvalue()


def qr_data_uri(payload: str) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(payload)).decode("ascii")
