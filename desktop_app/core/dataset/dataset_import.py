"""Dataset import: a folder of CSV files, one CSV file, or one .xlsx workbook (DESIGN §5).

Three steps, so the GUI can show a preview before anything is written:
1. ``read_dataset`` turns files into sheets of text cells (encoding, headers, aliases);
2. ``plan_import`` validates every row against the dataset and the database and returns an
   ``ImportPlan`` (domain objects plus what would be new or changed) — or raises
   ``DatasetError`` listing every problem with file, row and column;
3. ``apply_import`` writes the plan in one transaction, updating in place by code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.etree import ElementTree

from sqlite_utils import Database

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.model.domain import (
    MAX_DAILY_CAPACITY, MAX_DURATION_MINUTES, MAX_PRIORITY, MAX_TRAVEL_MINUTES, Department, HalfDay, HolidayKind,
    HolidayOverride, Item, Level, Place, Project, ProjectDetails, Settings, Travel,
)
from desktop_app.core.model.office_hours import OfficeHoursError, WeeklyHours
from desktop_app.core.model.project_details import DETAIL_FIELDS, parse_details
from desktop_app.core.store.database import data_version, read_snapshot
from desktop_app.core.store.repository import (
    Repository, StaleEditError, department_row, item_row, project_row, travel_key,
)

MAX_LISTED_PROBLEMS = 30

# Limits on what one import reads, so no file can hold the program for minutes or take gigabytes.
MEGABYTE = 1024 * 1024
MAX_FILE_MB = 100
MAX_FILE_BYTES = MAX_FILE_MB * MEGABYTE   # one CSV file; one workbook, and its parts unpacked together
MAX_PACKING_RATIO = 100                   # a workbook part unpacking to over 100 times its packed size ...
RATIO_CHECKED_FROM = 10 * MEGABYTE        # ... and to over 10 MB is a zip bomb (real sheets pack 5-20 times)
MAX_ROWS = 100_000                        # data rows in one file or worksheet
MAX_COLUMNS = 100                         # columns read from a worksheet (a dataset uses at most 13)


# --- problems -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    row: int | None = None        # 1-based line number as a spreadsheet shows it (header = 1)
    column: str | None = None

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column:
            where = tr("{file}, row {row}, column {column}", file=self.file, row=self.row, column=self.column)
        else:
            where = tr("{file}, row {row}", file=self.file, row=self.row)
        return tr("{where}: {problem}", where=where, problem=self.message)


class DatasetError(InputError):
    """The dataset is not valid; nothing was written. ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.describe())

    def describe(self, limit: int = MAX_LISTED_PROBLEMS) -> str:
        lines = [tr("The dataset has {count} problem(s); nothing was imported:", count=len(self.problems))]
        lines += [f"  {problem}" for problem in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append("  " + tr("… and {count} more", count=len(self.problems) - limit))
        return "\n".join(lines)


# --- sheets and their columns ---------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    aliases: tuple[str, ...] = ()


SHEETS: dict[str, tuple[Column, ...]] = {
    "places": (
        Column("code", True, ("编码", "代码", "地点编码")),
        Column("name", True, ("名称", "地点名称")),
        Column("address", False, ("地址",)),
    ),
    "travel": (
        Column("from", True, ("起点", "出发地")),
        Column("to", True, ("终点", "目的地")),
        Column("minutes", True, ("分钟", "路程分钟", "用时")),
    ),
    "departments": (
        Column("code", True, ("编码", "代码", "部门编码")),
        Column("name", True, ("名称", "部门名称")),
        Column("level", True, ("级别", "层级")),
        Column("base", False, ("驻地", "出发地点", "办公地点")),
        Column("email", False, ("邮箱", "电子邮件")),
        Column("phone", False, ("电话", "联系电话")),
        Column("contact", False, ("联系人",)),
        Column("daily_capacity", False, ("每日容量", "每日上限")),
        Column("office_hours", True, ("办公时间",)),
    ),
    "items": (
        Column("code", True, ("编码", "代码", "事项编码")),
        Column("name", True, ("名称", "事项名称")),
        Column("department", True, ("部门", "实施部门")),
        Column("duration_minutes", True, ("时长", "时长（分钟）", "时长(分钟)", "用时")),
        Column("materials", False, ("材料", "所需材料")),
    ),
    "projects": (
        Column("code", True, ("编码", "项目编码")),
        Column("name", True, ("名称", "项目名称")),
        Column("owner", True, ("建设单位",)),
        Column("contact", False, ("联系人",)),
        Column("phone", False, ("电话", "联系电话")),
        Column("place", True, ("地点", "园区")),
        Column("address", False, ("地址",)),
        Column("items", True, ("验收事项", "事项")),
        Column("applied_on", True, ("申请日期",)),
        Column("ready_on", False, ("具备验收条件日期", "就绪日期")),
        Column("deadline", False, ("验收期限", "截止日期")),
        Column("priority", False, ("优先级",)),
        Column("preferred", False, ("时段偏好", "偏好时段")),
        # What the joint acceptance opinion prints when the bureau keeps it (all optional):
        Column("unified_code", False, ("项目统一代码", "项目代码")),
        Column("floor_area", False, ("建筑面积", "建筑面积（平方米）")),
        Column("floors", False, ("层数", "建筑层数")),
        Column("builder", False, ("施工单位",)),
        Column("supervisor", False, ("监理单位",)),
        Column("surveyor", False, ("勘察单位",)),
        Column("designer", False, ("设计单位",)),
    ),
    "holidays": (
        Column("date", True, ("日期",)),
        Column("kind", True, ("类型",)),
        Column("name", False, ("名称",)),
    ),
}
# Sheets a first import into an empty database cannot do without.
CORE_SHEETS = ("places", "departments", "items", "projects")
# Sheets read on their own (not part of a dataset folder): the departments' results after a visit.
SINGLE_SHEETS: dict[str, tuple[Column, ...]] = {
    "results": (
        Column("visit", True, ("现场验收编号", "验收编号", "编号")),
        Column("department", True, ("部门", "部门编码")),
        Column("opinion", True, ("意见", "验收意见", "结论")),
        Column("findings", False, ("整改意见", "问题", "发现问题")),
        Column("items", False, ("验收事项", "事项")),
        Column("attachments", False, ("附件", "照片")),
        Column("reason", False, ("理由", "原因", "说明")),
    ),
}


def _columns(sheet: str) -> tuple[Column, ...]:
    return SHEETS.get(sheet) or SINGLE_SHEETS[sheet]


@dataclass
class Sheet:
    name: str                                # canonical sheet name (file stem)
    label: str                               # what messages call it: "projects.csv" or "book.xlsx:projects"
    rows: list[tuple[int, dict[str, str]]]   # (line number, canonical column -> text)


@dataclass
class RawDataset:
    source: Path
    sheets: dict[str, Sheet] = field(default_factory=dict)
    availability: dict[str, tuple[str, bytes]] = field(default_factory=dict)   # code -> (label, bytes)
    problems: list[Problem] = field(default_factory=list)
    # Sheets whose file could not be read (missing column, bad encoding, ...): their rows are not
    # checked, and neither are references into them, so one broken header is one problem, not hundreds.
    broken: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _UncachedFormula:
    """A workbook cell holding a formula that was never calculated: there is no value to import."""

    cell: str            # "projects!L5"

    def __str__(self) -> str:
        return "="


# (row number as a spreadsheet shows it, the row's cells); blank rows keep their numbers.
Rows = Iterable[tuple[int, Sequence[object]]]


def _size_text(size: int) -> str:
    """Megabytes rounded up, so a file just over the limit never reads as exactly the limit."""
    return f"{math.ceil(size * 10 / MEGABYTE) / 10:.1f}"


def _decode(data: bytes, label: str) -> str | Problem:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return Problem(label, tr("{file}: the text is neither UTF-8 nor GB18030", file=label))


def _header_map(sheet: str, header: Sequence[object], label: str, line: int) -> tuple[dict[int, str], list[Problem]]:
    """Map column positions to canonical names; report unknown, duplicate and missing columns."""
    formulas = [Problem(label, _formula_text(v), line) for v in header if isinstance(v, _UncachedFormula)]
    if formulas:
        return {}, formulas     # which columns the header names cannot be known
    lookup: dict[str, str] = {}
    for column in _columns(sheet):
        for alias in (column.name, *column.aliases):
            lookup[alias.strip().lower()] = column.name
    mapping: dict[int, str] = {}
    problems: list[Problem] = []
    for index, value in enumerate(header):
        title = _cell_text(value)
        key = title.lower()
        if not key:
            continue
        name = lookup.get(key)
        if name is None:
            problems.append(Problem(label, tr("{file}: unknown column {column!r}", file=label, column=title)))
        elif name in mapping.values():
            problems.append(Problem(label, tr("{file}: column {column!r} appears twice", file=label, column=name)))
        else:
            mapping[index] = name
    missing = [c.name for c in _columns(sheet) if c.required and c.name not in mapping.values()]
    for column in missing:
        problems.append(Problem(label, tr("{file}: required column {column!r} is missing", file=label, column=column)))
    return mapping, problems


def _formula_text(value: _UncachedFormula) -> str:
    return tr("cell {cell} holds a formula without a saved value, so there is nothing to import; open and save "
              "the workbook in Excel (which stores the calculated values), or paste the values instead of the "
              "formulas", cell=value.cell)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _make_sheet(sheet: str, label: str, rows: Rows, raw: RawDataset) -> None:
    """Turn the rows of one file or worksheet into a Sheet; a broken header or an uncalculated formula
    makes the whole sheet broken (its problems are reported, its rows are not checked)."""
    header: Sequence[object] | None = None
    mapping: dict[int, str] = {}
    cells_of: list[tuple[int, dict[str, str]]] = []
    formulas: list[Problem] = []
    for line, values in rows:
        if not any(_cell_text(v) for v in values):
            continue
        if header is None:
            header = values
            mapping, problems = _header_map(sheet, header, label, line)
            if problems:
                raw.problems.extend(problems)
                raw.broken.add(sheet)
                return
            continue
        if len(cells_of) >= MAX_ROWS:
            raw.problems.append(Problem(label, tr("{file}: more than {limit} rows; split the data into several "
                                                  "imports", file=label, limit=f"{MAX_ROWS:,}")))
            raw.broken.add(sheet)
            return
        cells: dict[str, str] = {}
        for index, name in mapping.items():
            value = values[index] if index < len(values) else None
            if isinstance(value, _UncachedFormula):
                formulas.append(Problem(label, _formula_text(value), line, name))
            cells[name] = _cell_text(value)
        cells_of.append((line, cells))
    if header is None:
        raw.problems.append(Problem(label, tr("{file}: the file is empty", file=label)))
        raw.broken.add(sheet)
    elif formulas:
        raw.problems.extend(formulas)
        raw.broken.add(sheet)
    else:
        raw.sheets[sheet] = Sheet(sheet, label, cells_of)


def _read_csv(path: Path, raw: RawDataset, label: str, sheet: str | None = None) -> None:
    sheet = sheet or path.stem.lower()
    try:
        too_big = path.stat().st_size > MAX_FILE_BYTES
        data = b"" if too_big else path.read_bytes()
    except OSError as error:
        raw.problems.append(Problem(label, tr("{file}: cannot read the file: {reason}", file=label,
                                              reason=error.strerror or error)))
        raw.broken.add(sheet)
        return
    if too_big:
        raw.problems.append(Problem(label, tr("{file}: the file is {size} MB, more than the limit of {limit} MB",
                                              file=label, size=_size_text(path.stat().st_size), limit=MAX_FILE_MB)))
        raw.broken.add(sheet)
        return
    text = _decode(data, label)
    if isinstance(text, Problem):
        raw.problems.append(text)
        raw.broken.add(sheet)
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        # Every record keeps its number, blank ones too: the row a spreadsheet program shows.
        _make_sheet(sheet, label, enumerate(reader, start=1), raw)
    except csv.Error:
        raw.problems.append(Problem(label, tr("{file}, row {row}: cannot read this row: a cell is longer than "
                                              "{limit} characters, or a quotation mark is never closed",
                                              file=label, row=reader.line_num, limit=f"{csv.field_size_limit():,}")))
        raw.broken.add(sheet)


def _workbook_refusal(path: Path) -> str | None:
    """Why the workbook is refused before it is unpacked (too large, or a zip bomb); None if it may be read.

    Python's zipfile never unpacks a part beyond the size its directory declares, so checking the
    declared sizes is enough; openpyxl would otherwise spend minutes and gigabytes on a bomb.
    """
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return tr("{path}: the file is {size} MB, more than the limit of {limit} MB", path=path.name,
                      size=_size_text(path.stat().st_size), limit=MAX_FILE_MB)
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return None     # not a zip at all: openpyxl says so in its own words below
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_FILE_BYTES:
        return tr("{path}: unpacked, the workbook would take {size} MB, more than the limit of {limit} MB; "
                  "it was not opened", path=path.name, size=_size_text(unpacked), limit=MAX_FILE_MB)
    for part in parts:
        if part.file_size > RATIO_CHECKED_FROM and part.file_size > MAX_PACKING_RATIO * max(part.compress_size, 1):
            return tr("{path}: the part {part} unpacks to {ratio} times its packed size ({size} MB), which no "
                      "spreadsheet does; the file was not opened", path=path.name, part=part.filename,
                      ratio=part.file_size // max(part.compress_size, 1), size=_size_text(part.file_size))
    return None


_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _uncached_formulas(archive: zipfile.ZipFile, member: str) -> set[tuple[int, int]]:
    """(row, column) of the cells that hold a formula but no saved value.

    openpyxl reads both an uncalculated formula and one that calculated to "" as None, and only the
    first has nothing to import, so the sheet's XML is asked directly: a formula with no or an empty
    <v> is uncalculated unless its type is "str" (how Excel and LibreOffice store an empty text result;
    a program that never calculated, like openpyxl, writes an empty <v> without it).
    """
    from openpyxl.utils.cell import coordinate_to_tuple

    found: set[tuple[int, int]] = set()
    if not _mentions_formulas(archive, member):
        return found      # the common case, found by a byte scan several times faster than parsing
    row, column = 0, 0
    with archive.open(member) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            if event == "start":
                if element.tag == f"{_SHEET_NS}row":
                    row, column = int(element.get("r") or row + 1), 0
                continue
            if element.tag == f"{_SHEET_NS}c":
                reference = element.get("r")
                row, column = coordinate_to_tuple(reference) if reference else (row, column + 1)
                if element.find(f"{_SHEET_NS}f") is not None and not element.findtext(f"{_SHEET_NS}v") \
                        and element.get("t") != "str":
                    found.add((row, column))
                element.clear()
            elif element.tag == f"{_SHEET_NS}row":
                element.clear()
    return found


_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def _mentions_formulas(archive: zipfile.ZipFile, member: str) -> bool:
    """Whether the sheet's XML has a formula element anywhere (with any namespace prefix)."""
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(MEGABYTE):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-64:]
    return False


def _worksheet_rows(worksheet, title: str, uncached: set[tuple[int, int]]) -> Iterator[tuple[int, list[object]]]:
    from openpyxl.utils.cell import get_column_letter

    # A wrong <dimension> in the file must not make openpyxl pad up to a million rows of a million
    # columns: read what is there, and no further right than any dataset goes.
    worksheet.reset_dimensions()
    for number, values in enumerate(worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
        if values.count(None) == len(values):
            continue
        row = list(values)
        for index in range(len(row)):
            if row[index] is None and (number, index + 1) in uncached:
                row[index] = _UncachedFormula(f"{title}!{get_column_letter(index + 1)}{number}")
        yield number, row


def _read_xlsx(path: Path, raw: RawDataset, only: str | None = None) -> None:
    """Read the workbook's dataset sheets, or with ``only`` that one sheet (by name, else the first)."""
    refusal = _workbook_refusal(path)
    if refusal is not None:
        raw.problems.append(Problem(path.name, refusal))
        raw.broken.update(SHEETS if only is None else (only,))
        return
    import openpyxl  # imported here: only workbook imports pay for it

    try:
        with warnings.catch_warnings(), zipfile.ZipFile(path) as archive:
            warnings.simplefilter("ignore")   # openpyxl's notes on styles and odd dates are not for users
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                titles = book.sheetnames
                if only is not None:
                    titles = [t for t in titles if t.strip().lower() == only] or titles[:1]
                for title in titles:
                    sheet = only or title.strip().lower()
                    if sheet not in SHEETS and only is None:
                        continue
                    worksheet = book[title]
                    uncached = _uncached_formulas(archive, worksheet._worksheet_path.lstrip("/"))
                    _make_sheet(sheet, f"{path.name}:{title}", _worksheet_rows(worksheet, title, uncached), raw)
            finally:
                book.close()
    except Exception as error:  # openpyxl and the XML parser raise many types for a damaged file
        raw.problems.append(Problem(path.name, tr("{path}: not a valid .xlsx workbook ({reason})",
                                                  path=path.name, reason=str(error) or type(error).__name__)))
        raw.broken.update(SHEETS if only is None else (only,))


def read_sheet(path: str | Path, sheet: str) -> RawDataset:
    """Read one sheet of SINGLE_SHEETS from a CSV file (any name) or a workbook (its sheet of that name,
    else its first sheet), with the same encodings, limits and checks as a dataset."""
    path = Path(path)
    raw = RawDataset(path)
    if path.suffix.lower() == ".xlsx" and path.is_file():
        _read_xlsx(path, raw, only=sheet)
    elif path.suffix.lower() == ".csv" and path.is_file():
        _read_csv(path, raw, path.name, sheet)
    else:
        raw.problems.append(Problem(str(path), tr("{path} is neither a .csv file nor an .xlsx workbook", path=path)))
    return raw


def read_dataset(path: str | Path) -> RawDataset:
    """Read a dataset folder, a single CSV file, or an .xlsx workbook into text sheets."""
    path = Path(path)
    raw = RawDataset(path)
    if path.is_dir():
        for sheet in SHEETS:
            csv_path = path / f"{sheet}.csv"
            if csv_path.exists():
                _read_csv(csv_path, raw, csv_path.name)
        folder = path / "availability"
        if folder.is_dir():
            for ics in sorted(folder.glob("*.ics")):
                raw.availability[ics.stem] = (f"availability/{ics.name}", ics.read_bytes())
    elif path.suffix.lower() == ".xlsx" and path.is_file():
        _read_xlsx(path, raw)
    elif path.suffix.lower() == ".csv" and path.is_file() and path.stem.lower() in SHEETS:
        _read_csv(path, raw, path.name)
    else:
        raw.problems.append(Problem(str(path), tr("{path} is neither a dataset folder nor an .xlsx workbook",
                                                  path=path)))
    return raw


# --- validation -----------------------------------------------------------------------------
_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
_LIST_SPLIT = re.compile(r"[;；]")
LEVELS = {"city": Level.CITY, "市级": Level.CITY, "市": Level.CITY,
          "district": Level.DISTRICT, "区级": Level.DISTRICT, "区": Level.DISTRICT}
HALF_DAYS = {"am": HalfDay.AM, "上午": HalfDay.AM, "pm": HalfDay.PM, "下午": HalfDay.PM,
             "any": HalfDay.ANY, "不限": HalfDay.ANY, "": HalfDay.ANY}
HOLIDAY_KINDS = {"holiday": HolidayKind.HOLIDAY, "休": HolidayKind.HOLIDAY, "假日": HolidayKind.HOLIDAY,
                 "节假日": HolidayKind.HOLIDAY, "workday": HolidayKind.WORKDAY, "班": HolidayKind.WORKDAY,
                 "工作日": HolidayKind.WORKDAY, "调休上班": HolidayKind.WORKDAY}


class _CellError(ValueError):
    pass


def parse_date(text: str) -> dt.date:
    """Parse the date forms a bureau's spreadsheet produces; raise ValueError with a message otherwise."""
    text = text.strip()
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                break
    if re.match(r"^\d{4}-\d{2}-\d{2}T", text):
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise _CellError(tr("bad date {value!r} (expected YYYY-MM-DD)", value=text))


def split_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _LIST_SPLIT.split(text) if part.strip())


def _whole_number(minimum: int, maximum: int) -> Callable[[str], int]:
    """A converter for a whole-number column with its domain's bounds (SQLite's INTEGER is 64-bit,
    and a number past the bounds is a typing mistake, not a value the bureau means)."""

    def convert(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise _CellError(tr("bad whole number {value!r}", value=_shown(text))) from None
        if not minimum <= value <= maximum:
            raise _CellError(tr("{value} is out of range: use a whole number from {minimum} to {maximum}",
                                value=_shown(text), minimum=minimum, maximum=maximum))
        return value

    return convert


def _shown(text: str, limit: int = 24) -> str:
    """The start of a long cell, enough to find it, without pasting a thousand digits into a message."""
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"


def _choice(text: str, choices: dict, message: str) -> object:
    key = text.strip().lower() if text.strip().isascii() else text.strip()
    if key not in choices:
        raise _CellError(tr(message, value=text))
    return choices[key]


@dataclass
class ImportPlan:
    """Validated dataset, ready to write, with a summary of what would change."""

    places: list[Place] = field(default_factory=list)
    travel: list[Travel] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    holidays: list[HolidayOverride] = field(default_factory=list)
    availability: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    details_given: bool = False   # projects brought the optional detail columns (else the stored ones stay)
    new: dict[str, list[str]] = field(default_factory=dict)       # sheet -> codes not yet in the database
    changed: dict[str, list[str]] = field(default_factory=dict)   # sheet -> codes whose rows differ
    unchanged: dict[str, int] = field(default_factory=dict)
    # The database's data version the plan was checked against; applying it compares (compare-and-set).
    data_version: int | None = None

    def summary(self) -> dict[str, dict[str, int]]:
        sheets = set(self.new) | set(self.changed) | set(self.unchanged)
        return {s: {"new": len(self.new.get(s, [])), "changed": len(self.changed.get(s, [])),
                    "unchanged": self.unchanged.get(s, 0)} for s in sorted(sheets)}


class _Validator:
    """Turns text sheets into domain objects, collecting every problem on the way."""

    def __init__(self, raw: RawDataset, db: Database, settings: Settings) -> None:
        self.raw = raw
        self.settings = settings
        self.problems: list[Problem] = list(raw.problems)
        self.details_given = False
        self.db = db
        self._stored_details: dict[str, ProjectDetails] | None = None
        self.known = {
            "places": {r[0] for r in db.execute("SELECT code FROM places")},
            "departments": {r[0] for r in db.execute("SELECT code FROM departments")},
            "items": {r[0] for r in db.execute("SELECT code FROM items")},
        }
        # Codes that have a row in the dataset, valid or not: a reference to a row that has its own
        # problem is not "unknown" as well (one bad item row is one problem, not one per project).
        self.listed: dict[str, set[str]] = {}

    def rows(self, sheet: str, key_column: str | None = "code"):
        """Yield (label, line, cells) for the sheet's rows, reporting duplicate keys."""
        data = self.raw.sheets.get(sheet)
        if data is None:
            return
        first_seen: dict[str, int] = {}
        for line, cells in data.rows:
            if key_column:
                key = cells.get(key_column, "")
                if key and key in first_seen:
                    self.problems.append(Problem(data.label, tr("duplicate code {code!r} (first on row {first_row})",
                                                                code=key, first_row=first_seen[key]),
                                                 line, key_column))
                    continue
                first_seen.setdefault(key, line)
                self.listed.setdefault(sheet, set()).add(key)
            yield data.label, line, cells

    def cell(self, label: str, line: int, cells: dict[str, str], column: str,
             convert: Callable[[str], object] = str, *, required: bool = False, default: object = None) -> object:
        text = cells.get(column, "").strip()
        if not text:
            if required:
                self.problems.append(Problem(label, tr("a value is required"), line, column))
            return default
        try:
            return convert(text)
        except (_CellError, OfficeHoursError) as error:
            self.problems.append(Problem(label, str(error), line, column))
            return default

    def reference(self, label: str, line: int, column: str, kind: str, code: str | None, message: str) -> None:
        if kind in self.raw.broken:
            return   # its file was refused as a whole: whether the code exists cannot be known
        if code and code not in self.known[kind] and code not in self.listed.get(kind, ()):
            self.problems.append(Problem(label, tr(message, code=code), line, column))

    # Each sheet in dependency order; codes defined by the dataset become known for the next.
    def places(self) -> list[Place]:
        result = []
        for label, line, cells in self.rows("places"):
            code = self.cell(label, line, cells, "code", required=True)
            name = self.cell(label, line, cells, "name", required=True)
            if code and name:
                result.append(Place(code, name, cells.get("address", "").strip()))
        self.known["places"] |= {p.code for p in result}
        return result

    def travel(self) -> list[Travel]:
        result: list[Travel] = []
        seen: dict[tuple[str, str], int] = {}
        for label, line, cells in self.rows("travel", key_column=None):
            origin = self.cell(label, line, cells, "from", required=True)
            destination = self.cell(label, line, cells, "to", required=True)
            minutes = self.cell(label, line, cells, "minutes", _whole_number(0, MAX_TRAVEL_MINUTES),
                                required=True)
            self.reference(label, line, "from", "places", origin, "unknown place {code!r}")
            self.reference(label, line, "to", "places", destination, "unknown place {code!r}")
            if not (origin and destination and minutes is not None):
                continue
            if origin == destination:
                if minutes != 0:
                    self.problems.append(Problem(label, tr("travel from a place to itself is always 0 minutes"),
                                                 line, "minutes"))
                continue
            key = travel_key(origin, destination)
            if key in seen:
                self.problems.append(Problem(label, tr("duplicate pair {first} – {second} (first on row {first_row})",
                                                       first=key[0], second=key[1], first_row=seen[key]), line))
                continue
            seen[key] = line
            result.append(Travel(key[0], key[1], minutes))
        return result

    def departments(self) -> list[Department]:
        result = []
        for label, line, cells in self.rows("departments"):
            code = self.cell(label, line, cells, "code", required=True)
            name = self.cell(label, line, cells, "name", required=True)
            level = self.cell(label, line, cells, "level",
                              lambda t: _choice(t, LEVELS, "unknown level {value!r} (use city/district or 市级/区级)"),
                              required=True)
            base = self.cell(label, line, cells, "base")
            self.reference(label, line, "base", "places", base, "unknown place {code!r}")
            capacity = self.cell(label, line, cells, "daily_capacity", _whole_number(0, MAX_DAILY_CAPACITY),
                                 default=self.settings.default_capacity)
            hours = self.cell(label, line, cells, "office_hours", WeeklyHours.parse, required=True)
            if code and name and level and hours is not None:
                result.append(Department(code, name, level, base or None, cells.get("email", "").strip(),
                                         cells.get("phone", "").strip(), cells.get("contact", "").strip(),
                                         capacity, hours))
        self.known["departments"] |= {d.code for d in result}
        return result

    def items(self) -> list[Item]:
        result = []
        for label, line, cells in self.rows("items"):
            code = self.cell(label, line, cells, "code", required=True)
            name = self.cell(label, line, cells, "name", required=True)
            department = self.cell(label, line, cells, "department", required=True)
            self.reference(label, line, "department", "departments", department, "unknown department {code!r}")
            duration = self.cell(label, line, cells, "duration_minutes", _whole_number(1, MAX_DURATION_MINUTES),
                                 required=True)
            materials = split_list(cells.get("materials", ""))
            if code and name and department and duration:
                result.append(Item(code, name, department, duration, materials))
        self.known["items"] |= {i.code for i in result}
        return result

    def projects(self) -> list[Project]:
        result = []
        for label, line, cells in self.rows("projects"):
            problems_before = len(self.problems)
            code = self.cell(label, line, cells, "code", required=True)
            name = self.cell(label, line, cells, "name", required=True)
            owner = self.cell(label, line, cells, "owner", required=True)
            place = self.cell(label, line, cells, "place", required=True)
            self.reference(label, line, "place", "places", place, "unknown place {code!r}")
            items = split_list(cells.get("items", ""))
            if not items:
                self.problems.append(Problem(label, tr("a project needs at least one acceptance item"), line, "items"))
            for item in items:
                self.reference(label, line, "items", "items", item, "unknown item {code!r}")
            applied = self.cell(label, line, cells, "applied_on", parse_date, required=True)
            ready = self.cell(label, line, cells, "ready_on", parse_date, default=applied)
            deadline = self.cell(label, line, cells, "deadline", parse_date)
            priority = self.cell(label, line, cells, "priority", _whole_number(0, MAX_PRIORITY), default=0)
            preferred = self.cell(label, line, cells, "preferred", lambda t: _choice(
                t, HALF_DAYS, "unknown half-day preference {value!r} (use am, pm or any)"), default=HalfDay.ANY)
            if applied and ready and ready < applied:
                self.problems.append(Problem(label, tr("ready date {ready} is before the application date {applied}",
                                                       ready=ready, applied=applied), line, "ready_on"))
            if deadline and ready and deadline < ready:
                self.problems.append(Problem(label, tr("deadline {deadline} is before the ready date {ready}",
                                                       deadline=deadline, ready=ready), line, "deadline"))
            details = self.project_details(label, line, cells)
            if len(self.problems) == problems_before:
                result.append(Project(code, name, owner, place, tuple(dict.fromkeys(items)), applied, ready,
                                      cells.get("contact", "").strip(), cells.get("phone", "").strip(),
                                      cells.get("address", "").strip(), deadline, priority, preferred,
                                      details=details))
        return result

    def project_details(self, label: str, line: int, cells: dict[str, str]) -> ProjectDetails:
        """The opinion's details by the rules the request editor uses too (model.project_details).

        Only the detail columns the file brings change a stored request: the others keep what was typed in
        the program (a file with 项目统一代码 alone must not wipe 施工单位). A blank cell in a column the file
        brings clears that detail, as emptying a cell in a spreadsheet means."""
        brought = [column for column in DETAIL_FIELDS if column in cells]
        if brought:
            self.details_given = True
        details, problems = parse_details(cells)
        self.problems += [Problem(label, problem.message, line, problem.field) for problem in problems]
        stored = self.stored_details().get(cells.get("code", "").strip()) if brought else None
        if stored is not None and len(brought) < len(DETAIL_FIELDS):
            details = replace(details, **{name: getattr(stored, name)
                                                      for name in DETAIL_FIELDS if name not in cells})
        return details

    def stored_details(self) -> dict[str, ProjectDetails]:
        """The details of the requests already in the database, by code (read once, only when needed)."""
        if self._stored_details is None:
            self._stored_details = {code: ProjectDetails(**json.loads(text))
                                    for code, text in self.db.execute("SELECT code, details FROM projects")}
        return self._stored_details

    def holidays(self) -> list[HolidayOverride]:
        result: dict[dt.date, tuple[int, HolidayOverride]] = {}
        for label, line, cells in self.rows("holidays", key_column=None):
            day = self.cell(label, line, cells, "date", parse_date, required=True)
            kind = self.cell(label, line, cells, "kind", lambda t: _choice(
                t, HOLIDAY_KINDS, "unknown holiday kind {value!r} (use holiday or workday)"), required=True)
            if not (day and kind):
                continue
            if day in result and result[day][1].kind != kind:
                self.problems.append(Problem(label, tr("duplicate date {value} (first on row {first_row})",
                                                       value=day, first_row=result[day][0]), line, "date"))
                continue
            result.setdefault(day, (line, HolidayOverride(day, kind, cells.get("name", "").strip())))
        return [override for _, override in result.values()]

    def availability(self) -> dict[str, tuple[str, bytes]]:
        from desktop_app.core.calendar.ical_reader import CalendarFeedError, parse_feed

        for code, (label, data) in self.raw.availability.items():
            if code not in self.known["departments"]:
                self.problems.append(Problem(label, tr("{file}: unknown department code {code!r} in the file name",
                                                       file=label, code=code)))
            try:  # checked here so that a bad calendar stops the import before anything is written
                parse_feed(data, label, self.settings.timezone)
            except CalendarFeedError as error:
                self.problems.append(Problem(label, str(error)))
        return dict(self.raw.availability)


def _diff(db: Database, table: str, key: str, rows: list[dict], plan: ImportPlan, sheet: str) -> None:
    """Count which rows are new, changed or unchanged compared with the database."""
    existing = {r[key]: r for r in db[table].rows}
    for row in rows:
        old = existing.get(row[key])
        if old is None:
            plan.new.setdefault(sheet, []).append(row[key])
        elif any(old.get(c) != v for c, v in row.items() if c != "modified_at" and c in old):
            plan.changed.setdefault(sheet, []).append(row[key])
        else:
            plan.unchanged[sheet] = plan.unchanged.get(sheet, 0) + 1


class ImportChangedError(StaleEditError):
    """The database changed between checking an import and writing it; nothing was written."""


def plan_import(raw: RawDataset, db: Database) -> ImportPlan:
    """Validate ``raw`` against itself and the database; raise DatasetError listing every problem."""
    with read_snapshot(db):
        version = data_version(db)
        plan = _plan_import(raw, db)
    plan.data_version = version
    return plan


def _plan_import(raw: RawDataset, db: Database) -> ImportPlan:
    repo = Repository(db)
    validator = _Validator(raw, db, repo.settings())
    if not raw.problems and repo.is_empty():
        for sheet in CORE_SHEETS:
            if sheet not in raw.sheets:
                label = f"{raw.source.name}:{sheet}" if raw.source.suffix.lower() == ".xlsx" else f"{sheet}.csv"
                message = ("{file}: required sheet is missing from the workbook" if raw.source.suffix.lower() == ".xlsx"
                           else "{file}: required file is missing")
                validator.problems.append(Problem(label, tr(message, file=label)))
    plan = ImportPlan(
        places=validator.places(), travel=validator.travel(), departments=validator.departments(),
        items=validator.items(), projects=validator.projects(), holidays=validator.holidays(),
        availability=validator.availability(), details_given=validator.details_given,
    )
    if validator.problems:
        raise DatasetError(validator.problems)
    _diff(db, "places", "code", [_place_row(p) for p in plan.places], plan, "places")
    _diff(db, "departments", "code", [department_row(d) for d in plan.departments], plan, "departments")
    _diff(db, "items", "code", [item_row(i) for i in plan.items], plan, "items")
    _diff(db, "projects", "code", [_project_import_row(p, plan) for p in plan.projects], plan, "projects")
    _diff(db, "holiday_overrides", "date", [_holiday_row(h) for h in plan.holidays], plan, "holidays")
    return plan


def _place_row(place: Place) -> dict:
    return {"code": place.code, "name": place.name, "address": place.address}


def _holiday_row(holiday: HolidayOverride) -> dict:
    return {"date": holiday.date.isoformat(), "kind": str(holiday.kind), "name": holiday.name}


AvailabilityWriter = Callable[[Database, str, str, bytes], None]
LIFECYCLE_COLUMNS = ("status", "round", "round_ready_on", "round_deadline", "decided_on")


def _project_import_row(project: Project, plan: ImportPlan) -> dict:
    """The columns an import writes. Re-importing a request must not forget where it stands (scheduled,
    rectifying, accepted…), nor details typed in the program when the file has none: upsert leaves the
    columns it is not given as they are, and a new row takes their defaults."""
    row = project_row(project)
    for column in LIFECYCLE_COLUMNS + (() if plan.details_given else ("details",)):
        row.pop(column)
    return row


def apply_import(plan: ImportPlan, db: Database, availability_writer: AvailabilityWriter | None = None) -> None:
    """Write a validated plan in one transaction (update in place by code); refused with
    ImportChangedError, writing nothing, if the database changed since the plan was checked."""
    with db.atomic():
        if plan.data_version is not None and data_version(db) != plan.data_version:
            raise ImportChangedError(tr("The database changed since this import was checked (another window or "
                                        "command wrote to it); nothing was imported. Import again."))
        db["places"].upsert_all([_place_row(p) for p in plan.places], pk="code")
        if plan.travel:
            db["travel"].upsert_all([{"origin": t.origin, "destination": t.destination, "minutes": t.minutes}
                                     for t in plan.travel], pk=("origin", "destination"))
        db["departments"].upsert_all([department_row(d) for d in plan.departments], pk="code")
        db["items"].upsert_all([item_row(i) for i in plan.items], pk="code")
        if plan.projects:
            db["projects"].upsert_all([_project_import_row(p, plan) for p in plan.projects], pk="code")
            codes = [p.code for p in plan.projects]
            for start in range(0, len(codes), 500):
                chunk = codes[start:start + 500]
                db.execute(f"DELETE FROM project_items WHERE project IN ({', '.join('?' for _ in chunk)})", chunk)
            db["project_items"].insert_all([{"project": p.code, "item": i} for p in plan.projects for i in p.items])
        db["holiday_overrides"].upsert_all([_holiday_row(h) for h in plan.holidays], pk="date")
        if availability_writer is not None:
            for code, (label, data) in plan.availability.items():
                availability_writer(db, code, label, data)


def import_dataset(path: str | Path, db: Database,
                   availability_writer: AvailabilityWriter | None = None) -> ImportPlan:
    """Read, validate and write a dataset; on any problem raise DatasetError and write nothing.

    Checked and written in one write transaction, so imports running at once take turns (each
    checked against what the one before it wrote) instead of one overwriting the other's check."""
    raw = read_dataset(path)
    with db.atomic():
        plan = plan_import(raw, db)
        apply_import(plan, db, availability_writer)
    return plan
