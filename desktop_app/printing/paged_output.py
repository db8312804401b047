"""Laying HTML documents out on A4 pages and printing them to a QPrinter or a PDF file.

Each document is laid out by its own QTextDocument against the printer itself, so fonts
and CSS lengths are measured at the printer's resolution, and painted page by page: a batch
of 500 notices keeps one laid-out document in memory at a time, every notice starts on a new
page and carries its own "page n of m" footer. Formal documents (the joint acceptance opinion) use the
official page of GB/T 9704 instead: its margins, and the page number "— n —" under the text area.

A PDF file is painted into memory (QPdfWriter, the engine QPrinter uses for PDF) and written
by us: Qt's own file output ignores a full disk, and a cut-off PDF would be reported as printed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextFormat,
    QTextDocument,
    QTextOption,
    QTextTable,
    QTextTableCell,
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
# GB/T 9704-2012 §5.2.2: top 37 mm, binding (left) side 28 mm; a 156 × 225 mm text area on A4.
FORMAL_MARGINS_MM = QMarginsF(28, 37, 26, 35)
FOOTER_POINTS = 8.0
FOOTER_GAP_MM = 4.0
FOLIO_POINTS = 14.0       # GB/T 9704 §7.5: 4号 figures between dashes,
FOLIO_GAP_MM = 7.0        # 7 mm under the text area, odd pages right and even pages left
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
    formal: bool = False        # the official page of GB/T 9704 (margins, "— n —" page numbers)
    anchors: tuple[str, ...] = ()   # <a name> marks whose table cell the PDF writer reports (the seal)
    whole_rows: bool = False        # a table row never splits across pages: it moves whole to the next one
    # (first, last) <a name> marks: what lies from the first's paragraph to the last's table stays on one page
    # (the closing paragraph with the seal), moved whole to the next page when it would break
    keep_together: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PlacedAnchor:
    """Where a named mark's table cell landed in a PDF, for what is drawn over it afterwards.

    ``box`` is in PDF points with the origin at the page's bottom-left corner: (x0, y0, x1, y1).
    """

    name: str
    page: int                   # 0-based, in the whole PDF
    box: tuple[float, float, float, float]


def configure_printer(printer: Paper, landscape: bool = False, formal: bool = False) -> None:
    """A4 in the given orientation with the house (or the official) margins; the GUI's printer
    dialog may change them."""
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                      FORMAL_MARGINS_MM if formal else MARGINS_MM, QPageLayout.Unit.Millimeter))
    printer.setCreator(CREATOR)


def configure_printer_for(printer: Paper, documents: Sequence[PrintDocument]) -> None:
    """The page the first document asks for (documents printed together share it)."""
    first = documents[0] if documents else PrintDocument("", "")
    configure_printer(printer, first.landscape, first.formal)


def _footer_height(printer: Paper, formal: bool = False) -> float:
    if formal:
        return 0.0      # the page number sits in the bottom margin
    dpi = printer.logicalDpiY()
    return (FOOTER_POINTS * 1.6 / 72 + FOOTER_GAP_MM / 25.4) * dpi


def _laid_out(html: str, document: PrintDocument, printer: Paper) -> QTextDocument:
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
    text.setHtml(html)
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    text.setPageSize(QSizeF(area.width(), area.height() - _footer_height(printer, document.formal)))
    return text


def layout_document(document: PrintDocument, printer: Paper) -> QTextDocument:
    """The document laid out in the printer's printable area less the footer.

    QTextDocument has no keep-together: the layout is measured and explicit page breaks put in
    (whole table rows, ``keep_together``, the anchors' tables), in document order."""
    register_fonts()
    html = document.html
    text = _laid_out(html, document, printer)
    if document.whole_rows:
        # Tables holding a mark (the seal's) keep to their own rule: they are layout, not rows of data.
        marks = {name for pair in document.keep_together for name in pair} | set(document.anchors)
        marked = _marked_tables(text, marks)
        # A break changes nothing above it: the search resumes at the table it fixed (moved to a new page)
        # or at the table continuing it, instead of measuring every row from the top again.
        resume = 0
        for _ in range(MAX_ROW_MOVES):
            split = _first_split_row(text, marked, resume)
            if split is None:
                break
            index, row, header = split
            html = _break_table(html, index, row, header)
            text = _laid_out(html, document, printer)
            if row > header:        # rows from ``row`` on are a new table right after ``index``
                marked = {m + 1 if m > index else m for m in marked}
                resume = index + 1
            else:                   # the whole table (with its heading) starts the next page
                resume = index
    for first, last in document.keep_together:
        _keep_together(text, first, last)
    for name in document.anchors:
        _keep_anchor_table_on_one_page(text, name)
    _split_paragraphs_at_page_breaks(text)
    return text


def _cell_blocks(text: QTextDocument, cell: QTextTableCell) -> Iterator[QTextBlock]:
    position = cell.firstPosition()
    while position <= cell.lastPosition():
        block = text.findBlock(position)
        yield block
        position = block.position() + max(block.length(), 1)


def _row_extent(text: QTextDocument, table: QTextTable, row: int) -> tuple[float, float] | None:
    """Top of the first line and bottom of the last line of the row's cells (document coordinates)."""
    layout = text.documentLayout()
    tops, bottoms = [], []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() != row or cell.column() != column:
            continue       # covered by a spanning cell
        for block in _cell_blocks(text, cell):
            lines, top = block.layout(), layout.blockBoundingRect(block).top()
            for number in range(lines.lineCount()):
                line = lines.lineAt(number)
                tops.append(top + line.y())
                bottoms.append(top + line.y() + line.height())
    return (min(tops), max(bottoms)) if tops else None


MAX_ROW_MOVES = 200


def _top_level_tables(text: QTextDocument) -> list[QTextTable]:
    return [frame for frame in text.rootFrame().childFrames() if isinstance(frame, QTextTable)]


def _marked_tables(text: QTextDocument, marks: set[str]) -> set[int]:
    """The indices, among the top-level tables, of those holding one of ``marks``."""
    holding = {QTextCursor(block).currentTable() for name in marks if (block := _anchor_block(text, name))}
    return {index for index, table in enumerate(_top_level_tables(text)) if table in holding}


def _first_split_row(text: QTextDocument, marked: set[int], start: int = 0) -> tuple[int, int, int] | None:
    """(table, row, header rows) of the first body row whose lines lie on two pages, from top-level table
    ``start`` on; the tables ``marked`` (indices) are passed over. A row taller than a page is left to split."""
    page_height = text.pageSize().height()
    tables = _top_level_tables(text)
    for index, table in enumerate(tables[start:], start):
        if index in marked:
            continue
        header = table.format().headerRowCount()
        header_extents = [e for r in range(header) if (e := _row_extent(text, table, r)) is not None]
        header_height = sum(bottom - top for top, bottom in header_extents)
        for row in range(header, table.rows()):
            extent = _row_extent(text, table, row)
            if extent is None:
                continue
            top, bottom = extent
            if int(top // page_height) != int((bottom - 1) // page_height) \
                    and bottom - top < page_height - header_height:
                return index, row, header
    return None


_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_ROW_TAG = re.compile(r"<tr\b", re.IGNORECASE)
_HEAD = re.compile(r"<thead\b.*?</thead>", re.IGNORECASE | re.DOTALL)
_PAGE_BREAK = "page-break-before: always;"


def _with_page_break(tag: str) -> str:
    """An opening tag that starts a new page."""
    if re.search(r"\bstyle='", tag):
        return re.sub(r"\bstyle='", f"style='{_PAGE_BREAK} ", tag, count=1)
    return tag[:-1] + f" style='{_PAGE_BREAK}'>"


def _break_table(html: str, index: int, row: int, header: int) -> str:
    """The HTML with top-level table ``index`` continued in a new table on the next page from ``row`` on,
    its header repeated. The first body row goes with its table, and the table with the paragraph right
    before it (its heading)."""
    depth, found, start, end = 0, -1, 0, len(html)
    for tag in _TABLE_TAG.finditer(html):
        if tag.group(1):
            depth -= 1
            if depth == 0 and found == index:
                end = tag.start()
                break
        else:
            if depth == 0:
                found += 1
                start = tag.start()
            depth += 1
    opening = _TABLE_TAG.match(html, start)
    if row == header:
        before = html[:start].rstrip()
        paragraph = html.rfind("<p", 0, start)
        if before.endswith("</p>") and paragraph >= 0:
            tag_end = html.index(">", paragraph) + 1
            return html[:paragraph] + _with_page_break(html[paragraph:tag_end]) + html[tag_end:]
        return html[:start] + _with_page_break(opening.group(0)) + html[opening.end():]
    rows = [m.start() for m in _ROW_TAG.finditer(html, start, end)]
    cut = rows[row]
    head = _HEAD.search(html, start, end)
    repeated = head.group(0) if head is not None else "".join(
        html[rows[r]:rows[r + 1]] for r in range(header))
    return html[:cut] + "</table>" + _with_page_break(opening.group(0)) + repeated + html[cut:]


def _flow_rect(text: QTextDocument, block: QTextBlock) -> tuple[QRectF, QTextTable | None]:
    """The block's rectangle, or its table's when it stands in one."""
    table = QTextCursor(block).currentTable()
    layout = text.documentLayout()
    return (layout.frameBoundingRect(table) if table is not None else layout.blockBoundingRect(block)), table


def _keep_together(text: QTextDocument, first: str, last: str) -> None:
    """What lies from mark ``first`` to mark ``last`` starts a new page rather than break across one."""
    start, end = _anchor_block(text, first), _anchor_block(text, last)
    if start is None or end is None:
        return
    (top_rect, table), (bottom_rect, _) = _flow_rect(text, start), _flow_rect(text, end)
    page_height = text.pageSize().height()
    top, bottom = top_rect.top(), bottom_rect.bottom()
    if int(top // page_height) == int((bottom - 1) // page_height) or bottom - top > page_height:
        return
    if table is not None:
        fmt = table.format()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        table.setFormat(fmt)
    else:
        pushed = start.blockFormat()
        pushed.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(start).setBlockFormat(pushed)


def _anchor_block(text: QTextDocument, name: str) -> QTextBlock | None:
    block = text.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            if name in fragments.fragment().charFormat().anchorNames():
                return block
            fragments += 1
        block = block.next()
    return None


def _anchor_cell_rect(text: QTextDocument, name: str) -> QRectF | None:
    """The rectangle (document coordinates) of the table cell holding mark ``name``: the cell's
    blocks across, its row's height down (the seal's cell shares its row with the QR code)."""
    block = _anchor_block(text, name)
    if block is None:
        return None
    layout = text.documentLayout()
    cursor = QTextCursor(block)
    table = cursor.currentTable()
    if table is None:
        return layout.blockBoundingRect(block)
    cell = table.cellAt(cursor)
    rect = QRectF()
    position = cell.firstPosition()
    while position <= cell.lastPosition():
        inner = text.findBlock(position)
        rect = rect.united(layout.blockBoundingRect(inner))
        position = inner.position() + max(inner.length(), 1)
    frame = layout.frameBoundingRect(table)
    return QRectF(rect.left(), frame.top(), rect.width(), frame.height())


def _keep_anchor_table_on_one_page(text: QTextDocument, name: str) -> None:
    """A table holding a mark (the seal's) starts a new page rather than break across one."""
    block = _anchor_block(text, name)
    table = QTextCursor(block).currentTable() if block is not None else None
    if table is None:
        return
    page_height = text.pageSize().height()
    frame = text.documentLayout().frameBoundingRect(table)
    if int(frame.top() // page_height) != int((frame.bottom() - 1) // page_height):
        fmt = table.format()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        table.setFormat(fmt)


def _placed(text: QTextDocument, printer: Paper, name: str, first_page: int) -> PlacedAnchor | None:
    rect = _anchor_cell_rect(text, name)
    if rect is None:
        return None
    page_height = text.pageSize().height()
    page = int(rect.top() // page_height)
    resolution = printer.resolution()
    area = printer.pageLayout().paintRectPixels(resolution)
    full = printer.pageLayout().fullRectPoints()

    def points(pixels: float) -> float:
        return pixels * 72.0 / resolution

    left = points(area.left() + rect.left())
    top = points(area.top() + rect.top() - page * page_height)
    return PlacedAnchor(name, first_page + page, (left, full.height() - top - points(rect.height()),
                                                  left + points(rect.width()), full.height() - top))


MAX_SPLIT_ROUNDS = 50


def _split_paragraphs_at_page_breaks(text: QTextDocument) -> None:
    """Make every paragraph that continues on the next page two paragraphs.

    QTextLayout::draw always draws the last line above its clip rectangle as well (Qt 6.12,
    `firstLine = i`), so a paragraph running over a page break would put its last line of the
    previous page on the next page too, clipped out of sight but still in the PDF's text: copy
    and search would find it twice. A paragraph ending at the page break is skipped whole.

    With a proportional line height (the formal documents) the layout may also start a paragraph
    at the foot of a page and push its first line to the next one; such a paragraph is moved
    to the next page whole, or the previous page would hold a hidden copy of that line.
    """
    page_height = text.pageSize().height()
    layout = text.documentLayout()
    for _ in range(MAX_SPLIT_ROUNDS):
        splits, pushes = [], []
        block = text.begin()
        while block.isValid():
            lines = block.layout()
            if lines.lineCount() > 0:
                top = layout.blockBoundingRect(block).top()
                first_page = int((top + lines.lineAt(0).y()) // page_height)
                if first_page != int(top // page_height) and QTextCursor(block).currentTable() is None:
                    pushes.append(block)
                for number in range(1, lines.lineCount()):
                    line = lines.lineAt(number)
                    if int((top + line.y()) // page_height) != first_page:
                        splits.append((block, block.position() + line.textStart()))
                        break
            block = block.next()
        if not splits and not pushes:
            return
        if pushes:     # first, then look again: moving a paragraph moves every page break after it
            for block in pushes:
                pushed = block.blockFormat()
                pushed.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(pushed)
            continue
        cursor = QTextCursor(text)
        for block, position in reversed(splits):
            cursor.setPosition(position)
            continuation = block.blockFormat()
            continuation.setTextIndent(0)
            continuation.setTopMargin(0)
            continuation.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
            cursor.insertBlock(continuation, cursor.charFormat())


def _paint_folio(painter: QPainter, printer: Paper, page: int) -> None:
    """GB/T 9704's page number: "— 1 —", 7 mm under the text area, odd pages right, even left."""
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    dpi = printer.logicalDpiY()
    height = FOLIO_POINTS * 1.6 / 72 * dpi
    em = FOLIO_POINTS / 72 * dpi
    box = QRectF(em, area.height() + FOLIO_GAP_MM / 25.4 * dpi, area.width() - 2 * em, height)
    painter.save()
    painter.setFont(document_font(FOLIO_POINTS))
    side = Qt.AlignmentFlag.AlignRight if page % 2 else Qt.AlignmentFlag.AlignLeft
    painter.drawText(box, side | Qt.AlignmentFlag.AlignTop, f"— {page} —")
    painter.restore()


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


def paint_documents(printer: Paper, documents: Iterable[PrintDocument],
                    placed: list[PlacedAnchor] | None = None) -> int:
    """Print every document on ``printer`` (already configured); returns the number of pages.

    ``placed``, when given, receives where each document's ``anchors`` landed.
    """
    painter = QPainter()
    if not painter.begin(printer):
        where = printer.outputFileName() if isinstance(printer, QPrinter) else printer.title()
        raise OutputPathError(tr("Cannot write {path}; nothing was printed.", path=where))
    printed = 0
    try:
        for document in documents:
            printed = _paint_document(painter, printer, document, printed, placed)
    finally:
        painter.end()
    return printed


def _paint_document(painter: QPainter, printer: Paper, document: PrintDocument, printed: int,
                    placed: list[PlacedAnchor] | None = None) -> int:
    """Paint one document from a new page; returns the pages printed so far."""
    text = layout_document(document, printer)
    if placed is not None:
        placed.extend(anchor for name in document.anchors
                      if (anchor := _placed(text, printer, name, printed)) is not None)
    page_height = text.pageSize().height()
    width = text.pageSize().width()
    pages = text.pageCount()
    for page in range(pages):
        if printed:
            printer.newPage()
        painter.save()
        painter.translate(0, -page * page_height)
        # Lines are pushed to the next page by the layout; the clip keeps each page's own. It ends one
        # device pixel short: a paragraph starting exactly at the next page's top would count as
        # touching this page too and be drawn here as hidden text.
        clip = QRectF(QPointF(0, page * page_height), QSizeF(width, page_height - 1))
        painter.setClipRect(clip)
        text.drawContents(painter, clip)
        painter.restore()
        if document.formal:
            _paint_folio(painter, printer, page + 1)
        else:
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


# Called with each rendered PDF and where its anchors landed, before it is written (signing: the
# signature goes into the bytes that are then written and moved into place); returns the final bytes.
Finisher = Callable[[bytes, Sequence[PlacedAnchor]], bytes]


# Qt 6.8 ends the document information dictionary with "2" instead of ">>": readers that repair files
# cope, pyHanko (signing) does not. Same length, so the cross-reference offsets stay right.
_BROKEN_INFO_END, _MENDED_INFO_END = b"/Trapped /False\n2\nendobj", b"/Trapped /False>>\nendobj"


def _mend_info_dictionary(content: bytes) -> bytes:
    return content.replace(_BROKEN_INFO_END, _MENDED_INFO_END, 1) if _BROKEN_INFO_END in content[:4096] else content


def render_pdf(documents: Sequence[PrintDocument], title: str) -> tuple[bytes, int, list[PlacedAnchor]]:
    """The PDF of the documents, in memory, its page count and where their anchors landed.

    In memory, so that we write the file ourselves and see every failure: Qt's PDF writer
    ignores a full disk and leaves a cut-off file behind.
    """
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    configure_printer_for(writer, documents)
    placed: list[PlacedAnchor] = []
    pages = paint_documents(writer, documents, placed)
    buffer.close()
    content = _mend_info_dictionary(bytes(data))
    counted = _PAGE_COUNT.search(content)
    if not content.rstrip().endswith(_TRAILER) or counted is None or int(counted[1]) != pages:
        raise RuntimeError(f"Qt wrote an incomplete PDF ({len(content)} bytes, {pages} pages)")
    return content, pages, placed


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


def write_pdfs(jobs: Sequence[tuple[Path, Sequence[PrintDocument], str]], finish: Finisher | None = None) -> int:
    """Write each (path, documents, title) as a PDF, all or nothing; returns the pages written.

    Every PDF goes to a temporary file next to its target first (signed there by ``finish`` when
    given), is flushed to the disk and checked there (every byte, the PDF trailer), and replaces its
    target only when all of them are written: a full disk or a failure leaves every old file as it was
    and no temporary behind.
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
            content, count, placed = render_pdf(documents, title)
            if finish is not None:
                content = finish(content, placed)
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


def write_pdf(path: Path, documents: Sequence[PrintDocument], title: str, finish: Finisher | None = None) -> int:
    """One PDF holding every document, each starting on a new page; returns the page count."""
    if not documents:
        raise InputError(tr("There is nothing to print."))
    return write_pdfs([(Path(path), documents, title)], finish)


__all__ = ["FAMILY", "PlacedAnchor", "PrintDocument", "configure_printer", "configure_printer_for",
           "layout_document", "paint_documents", "write_pdf", "write_pdfs"]
