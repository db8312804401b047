"""Laying HTML documents out on A4 pages and printing them to a QPrinter or a PDF file.

Each document is laid out by its own QTextDocument against the printer itself, so fonts
and CSS lengths are measured at the printer's resolution, and painted page by page: a batch
of 500 notices keeps one laid-out document in memory at a time, every notice starts on a new
page and carries its own "page n of m" footer.

A PDF file is painted into memory (QPdfWriter, the engine QPrinter uses for PDF) and written
by us: Qt's own file output ignores a full disk, and a cut-off PDF would be reported as printed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrinter

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.store.files import (
    IncompleteWrite, fsync_directory, os_error_reason, replace_file, write_temporary,
)
from desktop_app.printing.fonts import FAMILY, document_font, register_fonts

# What documents are painted on: a printer (paper, preview, the print dialog) or a PDF in memory.
Paper = QPrinter | QPdfWriter

MARGINS_MM = QMarginsF(18, 14, 18, 12)       # left, top, right, bottom
FOOTER_POINTS = 8.0
FOOTER_GAP_MM = 4.0
CREATOR = "联合验收排期 Joint Acceptance Scheduler"
_SHARING_VIOLATIONS = (32, 33)     # Windows: the old PDF is open in a viewer


class OutputPathError(InputError):
    """The PDF cannot be written where the user asked."""


@dataclass(frozen=True)
class PrintDocument:
    """One document to print: it starts on a new page and numbers its own pages."""

    title: str          # footer text and PDF title
    html: str
    landscape: bool = False


def configure_printer(printer: Paper, landscape: bool = False) -> None:
    """A4 in the given orientation with the house margins (the GUI's printer dialog may change them)."""
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, MARGINS_MM,
                                      QPageLayout.Unit.Millimeter))
    printer.setCreator(CREATOR)


def _footer_height(printer: Paper) -> float:
    dpi = printer.logicalDpiY()
    return (FOOTER_POINTS * 1.6 / 72 + FOOTER_GAP_MM / 25.4) * dpi


def layout_document(document: PrintDocument, printer: Paper) -> QTextDocument:
    """The document laid out in the printer's printable area less the footer."""
    register_fonts()
    text = QTextDocument()
    # Lay out against the printer: point sizes and CSS pixel lengths are scaled to its resolution.
    text.documentLayout().setPaintDevice(printer)
    text.setUseDesignMetrics(True)
    text.setDocumentMargin(0)
    text.setDefaultFont(document_font())
    option = text.defaultTextOption()
    # A long unbroken name (a URL, a code) wraps anywhere rather than running off the page.
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    text.setDefaultTextOption(option)
    text.setHtml(document.html)
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    text.setPageSize(QSizeF(area.width(), area.height() - _footer_height(printer)))
    _split_paragraphs_at_page_breaks(text)
    return text


MAX_SPLIT_ROUNDS = 50


def _split_paragraphs_at_page_breaks(text: QTextDocument) -> None:
    """Make every paragraph that continues on the next page two paragraphs.

    QTextLayout::draw always draws the last line above its clip rectangle as well (Qt 6.12,
    `firstLine = i`), so a paragraph running over a page break would put its last line of the
    previous page on the next page too, clipped out of sight but still in the PDF's text: copy
    and search would find it twice. A paragraph ending at the page break is skipped whole.
    """
    page_height = text.pageSize().height()
    layout = text.documentLayout()
    for _ in range(MAX_SPLIT_ROUNDS):
        splits = []
        block = text.begin()
        while block.isValid():
            lines = block.layout()
            if lines.lineCount() > 1:
                top = layout.blockBoundingRect(block).top()
                first_page = int((top + lines.lineAt(0).y()) // page_height)
                for number in range(1, lines.lineCount()):
                    line = lines.lineAt(number)
                    if int((top + line.y()) // page_height) != first_page:
                        splits.append((block, block.position() + line.textStart()))
                        break
            block = block.next()
        if not splits:
            return
        cursor = QTextCursor(text)
        for block, position in reversed(splits):
            cursor.setPosition(position)
            continuation = block.blockFormat()
            continuation.setTextIndent(0)
            continuation.setTopMargin(0)
            cursor.insertBlock(continuation, cursor.charFormat())


def _paint_footer(painter: QPainter, printer: Paper, title: str, page: int, pages: int) -> None:
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    height = FOOTER_POINTS * 1.6 / 72 * printer.logicalDpiY()
    box = QRectF(0, area.height() - height, area.width(), height)
    painter.save()
    painter.setFont(document_font(FOOTER_POINTS))
    painter.setPen(Qt.GlobalColor.darkGray)
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, title)
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                     f"第 {page} 页　共 {pages} 页")
    painter.restore()


def paint_documents(printer: Paper, documents: Iterable[PrintDocument]) -> int:
    """Print every document on ``printer`` (already configured); returns the number of pages."""
    painter = QPainter()
    if not painter.begin(printer):
        where = printer.outputFileName() if isinstance(printer, QPrinter) else printer.title()
        raise OutputPathError(tr("Cannot write {path}; nothing was printed.", path=where))
    printed = 0
    try:
        for document in documents:
            printed = _paint_document(painter, printer, document, printed)
    finally:
        painter.end()
    return printed


def _paint_document(painter: QPainter, printer: Paper, document: PrintDocument, printed: int) -> int:
    """Paint one document from a new page; returns the pages printed so far."""
    text = layout_document(document, printer)
    page_height = text.pageSize().height()
    width = text.pageSize().width()
    pages = text.pageCount()
    for page in range(pages):
        if printed:
            printer.newPage()
        painter.save()
        painter.translate(0, -page * page_height)
        # Lines are pushed to the next page by the layout; the clip keeps each page's own.
        clip = QRectF(QPointF(0, page * page_height), QSizeF(width, page_height))
        painter.setClipRect(clip)
        text.drawContents(painter, clip)
        painter.restore()
        _paint_footer(painter, printer, document.title, page + 1, pages)
        printed += 1
    return printed


def _check_target(path: Path) -> None:
    folder = path.parent
    if path.is_dir():
        raise OutputPathError(tr("{path} is a folder; give a file name such as notice.pdf.", path=path))
    if not folder.is_dir():
        raise OutputPathError(tr("The folder {folder} does not exist; nothing was printed.", folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputPathError(tr("The folder {folder} is read-only; nothing was printed.", folder=folder))
    if path.exists() and not os.access(path, os.W_OK):
        # The user protected it; a rename over it would succeed on POSIX and fail on Windows.
        raise OutputPathError(tr("The file {path} is read-only; nothing was printed.", path=path))


_PAGE_COUNT = re.compile(rb"/Type\s*/Pages\s*/Kids\s*\[[^\]]*\]\s*/Count\s+(\d+)")
_TRAILER = b"%%EOF"


def render_pdf(documents: Sequence[PrintDocument], title: str) -> tuple[bytes, int]:
    """The PDF of the documents, in memory, and its page count.

    In memory, so that we write the file ourselves and see every failure: Qt's PDF writer
    ignores a full disk and leaves a cut-off file behind.
    """
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    configure_printer(writer, documents[0].landscape)
    pages = paint_documents(writer, documents)
    buffer.close()
    content = bytes(data)
    counted = _PAGE_COUNT.search(content)
    if not content.rstrip().endswith(_TRAILER) or counted is None or int(counted[1]) != pages:
        raise RuntimeError(f"Qt wrote an incomplete PDF ({len(content)} bytes, {pages} pages)")
    return content, pages


def _cannot_write(path: Path, error: OSError) -> OutputPathError:
    if getattr(error, "winerror", None) in _SHARING_VIOLATIONS:
        reason = tr("the file is open in another program; close it and print again")
    elif isinstance(error, IncompleteWrite):
        reason = tr("the file on disk is incomplete")
    else:
        reason = os_error_reason(error)
    return OutputPathError(tr("Cannot write {path}: {reason}. Nothing was printed; a file of that name was "
                              "left as it was.", path=path, reason=reason))


def _write_checked(path: Path, content: bytes, tag: str) -> str:
    """Write the PDF to a temporary beside ``path`` and check what reached the disk; returns its name."""
    temporary = write_temporary(path, content, tag, durable=True)
    try:
        with open(temporary, "rb") as stream:
            stream.seek(-len(_TRAILER) - 2, os.SEEK_END)
            tail = stream.read()
    except OSError:
        os.unlink(temporary)
        raise
    if _TRAILER not in tail or not content.endswith(tail):
        os.unlink(temporary)
        raise IncompleteWrite(errno.EIO, "the PDF on disk does not end with its trailer", temporary)
    return temporary


def write_pdfs(jobs: Sequence[tuple[Path, Sequence[PrintDocument], str]]) -> int:
    """Write each (path, documents, title) as a PDF, all or nothing; returns the pages written.

    Every PDF goes to a temporary file next to its target first, is flushed to the disk and
    checked there (every byte, the PDF trailer), and replaces its target only when all of them
    are written: a full disk or a failure leaves every old file as it was and no temporary behind.
    """
    register_fonts()
    targets = [Path(path) for path, _, _ in jobs]
    for path in targets:
        _check_target(path)
    tag = str(os.getpid())
    temporaries: list[str] = []
    renamed = 0
    current = targets[0] if targets else Path()
    try:
        pages = 0
        for target, (_, documents, title) in zip(targets, jobs, strict=True):
            current = target
            content, count = render_pdf(documents, title)
            temporaries.append(_write_checked(target, content, tag))
            pages += count
        for temporary, target in zip(temporaries, targets, strict=True):
            current = target
            replace_file(temporary, target)
            renamed += 1
        for folder in sorted({str(target.parent) for target in targets}):
            fsync_directory(folder)
        return pages
    except OSError as error:
        raise _cannot_write(current, error) from None
    finally:
        for temporary in temporaries[renamed:]:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def write_pdf(path: Path, documents: Sequence[PrintDocument], title: str) -> int:
    """One PDF holding every document, each starting on a new page; returns the page count."""
    if not documents:
        raise InputError(tr("There is nothing to print."))
    return write_pdfs([(Path(path), documents, title)])


__all__ = ["FAMILY", "PrintDocument", "configure_printer", "layout_document", "paint_documents",
           "write_pdf", "write_pdfs"]
