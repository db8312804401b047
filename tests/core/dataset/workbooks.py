"""Workbooks for import tests: a dataset as .xlsx, its sheets' XML edited in place, and zip bombs."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import openpyxl

MEGABYTE = 1024 * 1024


def workbook_from(dataset: Path, target: Path, leave_out: str | None = None) -> Path:
    """The dataset folder's CSV files as one workbook, one sheet per file (as a bureau would keep it)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for path in sorted(dataset.glob("*.csv")):
        if path.stem == leave_out:
            continue
        sheet = book.create_sheet(path.stem)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    book.save(target)
    return target


def sheet_member(path: Path, title: str) -> str:
    """The zip member holding the worksheet called ``title``."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return book[title]._worksheet_path.lstrip("/")
    finally:
        book.close()


def edit_sheet_xml(path: Path, title: str, old: bytes, new: bytes) -> None:
    """Replace ``old`` by ``new`` in the worksheet's XML, as another program would have written it."""
    member = sheet_member(path, title)
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == member:
                assert old in data, (old, data[:500])
                data = data.replace(old, new)
            target.writestr(info, data)


def zip_bomb(workbook: Path, target: Path, megabytes: int, title: str = "projects") -> Path:
    """``workbook`` with ``megabytes`` MB of repeated rows added to one sheet, packed about 300 to 1.

    Written in 1 MB pieces, so building even a 120 MB one takes a fraction of a second and no memory.
    """
    member = sheet_member(workbook, title)
    row = b'<row r="2"><c r="A2" t="inlineStr"><is><t>XM</t></is></c></row>'
    piece = row * (MEGABYTE // len(row))
    with zipfile.ZipFile(workbook) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != member:
                bomb.writestr(info, data)
                continue
            head, _, tail = data.partition(b"</sheetData>")
            with bomb.open(info.filename, "w", force_zip64=True) as out:
                out.write(head)
                for _ in range(megabytes):
                    out.write(piece)
                out.write(b"</sheetData>" + tail)
    return target
