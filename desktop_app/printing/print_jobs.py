"""The printing operations the CLI and the GUI share: gather, lay out, write.

The GUI's print preview and printer dialog call the ``*_documents`` functions and hand the
result to ``paged_output.paint_documents`` with their own QPrinter; the command line writes
PDFs through the ``print_*`` functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.file_names import file_stems
from desktop_app.core.model.messages import tr
from desktop_app.core.store.repository import Repository
from desktop_app.printing.acceptance_data import opinion_preview_sheet, opinion_sheet, rectification_sheet
from desktop_app.printing.chinese_text import local
from desktop_app.printing.day_sheet import day_sheet_document
from desktop_app.printing.document_data import (
    Catalog,
    day_sheet,
    notice_for_project,
    notices_between,
    week_overview,
)
from desktop_app.printing.notice import TITLE as NOTICE_TITLE
from desktop_app.printing.notice import notice_document
from desktop_app.printing.opinion import SEAL_ANCHOR, opinion_document
from desktop_app.printing.opinion import TITLE as OPINION_TITLE
from desktop_app.printing.paged_output import Finisher, PlacedAnchor, PrintDocument, write_pdf, write_pdfs
from desktop_app.printing.rectification import TITLE as RECTIFICATION_TITLE
from desktop_app.printing.rectification import rectification_document
from desktop_app.printing.week_overview import week_document

if TYPE_CHECKING:
    from desktop_app.printing.acceptance_data import OpinionSheet
    from desktop_app.printing.signing import BureauSigner


@dataclass(frozen=True)
class PrintResult:
    """What a print run wrote, for the CLI's message and the GUI's status bar."""

    files: tuple[Path, ...]
    documents: int
    pages: int


# --- documents (for any QPrinter) -----------------------------------------------------------
def project_notice_documents(repo: Repository, code: str, issued_on: dt.date) -> list[PrintDocument]:
    return [notice_document(notice_for_project(repo, code, issued_on))]


def range_notice_documents(repo: Repository, first: dt.date, last: dt.date,
                           issued_on: dt.date) -> list[tuple[str, PrintDocument]]:
    """(project code, notice) for every project with a visit in the range, in visit order."""
    catalog = Catalog.load(repo)
    return [(n.project.code, notice_document(n)) for n in notices_between(repo, first, last, issued_on, catalog)]


def day_sheet_documents(repo: Repository, day: dt.date, issued_on: dt.date,
                        department: str | None = None) -> list[PrintDocument]:
    return [day_sheet_document(day_sheet(repo, day, issued_on, department))]


def week_documents(repo: Repository, day: dt.date, issued_on: dt.date) -> list[PrintDocument]:
    return [week_document(week_overview(repo, day, issued_on))]


def rectification_documents(repo: Repository, code: str, issued_on: dt.date) -> list[PrintDocument]:
    return [rectification_document(rectification_sheet(repo, code, issued_on))]


def opinion_documents(repo: Repository, code: str, today: dt.date, clerk: str) -> list[PrintDocument]:
    """The opinion for any printer; the first call takes its number (use ``opinion_preview_documents``
    for a preview)."""
    return [opinion_document(opinion_sheet(repo, code, today, clerk))]


def opinion_preview_documents(repo: Repository, code: str, today: dt.date, signed: bool = False,
                              ) -> list[PrintDocument]:
    """The opinion for a preview: no number is taken (a provisional "（预览）" one until it has one)."""
    return [opinion_document(opinion_preview_sheet(repo, code, today, signed))]


# --- PDF files ------------------------------------------------------------------------------
def _written(path: Path, documents: Sequence[PrintDocument], title: str,
             finish: Finisher | None = None) -> PrintResult:
    pages = write_pdf(path, documents, title, finish)
    return PrintResult((Path(path),), len(documents), pages)


def print_project_notice(repo: Repository, code: str, out: Path, issued_on: dt.date) -> PrintResult:
    return _written(out, project_notice_documents(repo, code, issued_on), f"{NOTICE_TITLE} {code}")


def print_range_notices(repo: Repository, first: dt.date, last: dt.date, issued_on: dt.date, *,
                        out: Path | None = None, out_dir: Path | None = None) -> PrintResult:
    """All notices of a date range into one PDF (``out``) or one PDF per project (``out_dir``)."""
    if (out is None) == (out_dir is None):
        raise InputError(tr("Give either one output file or one output folder."))
    notices = range_notice_documents(repo, first, last, issued_on)
    title = f"{NOTICE_TITLE} {first.isoformat()} – {last.isoformat()}"
    if out is not None:
        return _written(out, [document for _, document in notices], title)
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise InputError(tr("The folder {folder} does not exist; nothing was printed.", folder=out_dir))
    # Project codes come from users: names every file system accepts, and two codes that would
    # share one (a/b and a_b) are refused before anything is written, as the feed export does.
    stems = file_stems("project", [code for code, _ in notices], ".pdf")
    jobs = [(out_dir / f"{stems[code]}.pdf", [document], f"{NOTICE_TITLE} {code}") for code, document in notices]
    pages = write_pdfs(jobs)
    return PrintResult(tuple(path for path, _, _ in jobs), len(notices), pages)


def print_day_sheet(repo: Repository, day: dt.date, out: Path, issued_on: dt.date,
                    department: str | None = None) -> PrintResult:
    return _written(out, day_sheet_documents(repo, day, issued_on, department), f"日程单 {day.isoformat()}")


def print_week(repo: Repository, day: dt.date, out: Path, issued_on: dt.date) -> PrintResult:
    return _written(out, week_documents(repo, day, issued_on), f"一周安排 {day.isoformat()}")


def print_rectification(repo: Repository, code: str, out: Path, issued_on: dt.date) -> PrintResult:
    return _written(out, rectification_documents(repo, code, issued_on), f"{RECTIFICATION_TITLE} {code}")


def print_opinion(repo: Repository, code: str, out: Path, today: dt.date, clerk: str,
                  signer: BureauSigner | None = None) -> PrintResult:
    """The opinion as a PDF, signed when a ``signer`` is given.

    The first print takes the opinion's number; it is taken in the same transaction that writes
    the file, so a print that fails (a folder that cannot be written, a signature that fails)
    leaves the register as it was and writes nothing.
    """
    with repo.db.atomic():
        sheet = opinion_sheet(repo, code, today, clerk, signed=signer is not None)
        finish = _signature(sheet, signer) if signer is not None else None
        return _written(out, [opinion_document(sheet)], f"{OPINION_TITLE} {sheet.document.number.number}", finish)


def _signature(sheet: OpinionSheet, signer: BureauSigner) -> Finisher:
    from desktop_app.printing import signing

    settings = sheet.settings
    when = local(dt.datetime.now(dt.timezone.utc), _zone(settings.timezone))
    text = signing.SignatureText(reason=f"{OPINION_TITLE} {sheet.document.number.number}",
                                 location=settings.bureau_address or settings.bureau_name,
                                 contact=settings.bureau_phone, when=f"{when:%Y-%m-%d %H:%M}")

    def sign(content: bytes, placed: Sequence[PlacedAnchor]) -> bytes:
        return signing.sign_pdf(content, signer, signing.seal_box(placed, SEAL_ANCHOR), text)

    return sign


def _zone(name: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)
