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
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.model.domain import (
    Department, HalfDay, HolidayKind, HolidayOverride, Item, Level, Place, Project, RequestStatus,
    Settings, Travel,
)
from desktop_app.core.model.office_hours import OfficeHoursError, WeeklyHours
from desktop_app.core.store.database import data_version, read_snapshot
from desktop_app.core.store.repository import (
    Repository, StaleEditError, department_row, item_row, project_row, travel_key,
)

MAX_LISTED_PROBLEMS = 30


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
    ),
    "holidays": (
        Column("date", True, ("日期",)),
        Column("kind", True, ("类型",)),
        Column("name", False, ("名称",)),
    ),
}
# Sheets a first import into an empty database cannot do without.
CORE_SHEETS = ("places", "departments", "items", "projects")


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


def _decode(data: bytes, label: str) -> str | Problem:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return Problem(label, tr("{file}: the text is neither UTF-8 nor GB18030", file=label))


def _header_map(sheet: str, header: list[str], label: str) -> tuple[dict[int, str], list[Problem]]:
    """Map column positions to canonical names; report unknown, duplicate and missing columns."""
    lookup: dict[str, str] = {}
    for column in SHEETS[sheet]:
        for alias in (column.name, *column.aliases):
            lookup[alias.strip().lower()] = column.name
    mapping: dict[int, str] = {}
    problems: list[Problem] = []
    for index, title in enumerate(header):
        key = (title or "").strip().lower()
        if not key:
            continue
        name = lookup.get(key)
        if name is None:
            problems.append(Problem(label, tr("{file}: unknown column {column!r}", file=label, column=title.strip())))
        elif name in mapping.values():
            problems.append(Problem(label, tr("{file}: column {column!r} appears twice", file=label, column=name)))
        else:
            mapping[index] = name
    for column in SHEETS[sheet]:
        if column.required and column.name not in mapping.values():
            problems.append(Problem(label, tr("{file}: required column {column!r} is missing",
                                              file=label, column=column.name)))
    return mapping, problems


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


def _make_sheet(sheet: str, label: str, table: list[list[object]], raw: RawDataset) -> None:
    table = [row for row in table if any(_cell_text(v) for v in row)]
    if not table:
        raw.problems.append(Problem(label, tr("{file}: the file is empty", file=label)))
        return
    mapping, problems = _header_map(sheet, [_cell_text(v) for v in table[0]], label)
    if problems:
        raw.problems.extend(problems)
        return
    rows = []
    for line, values in enumerate(table[1:], start=2):
        cells = {name: _cell_text(values[index]) if index < len(values) else "" for index, name in mapping.items()}
        rows.append((line, cells))
    raw.sheets[sheet] = Sheet(sheet, label, rows)


def _read_csv(path: Path, raw: RawDataset, label: str) -> None:
    try:
        data = path.read_bytes()
    except OSError as error:
        raw.problems.append(Problem(label, tr("{file}: cannot read the file: {reason}", file=label,
                                              reason=error.strerror or error)))
        return
    if not data.strip():
        raw.problems.append(Problem(label, tr("{file}: the file is empty", file=label)))
        return
    text = _decode(data, label)
    if isinstance(text, Problem):
        raw.problems.append(text)
        return
    table = [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    # Blank lines keep their numbers so messages point at the right line of the file.
    _make_sheet(path.stem.lower(), label, table, raw)


def _read_xlsx(path: Path, raw: RawDataset) -> None:
    import openpyxl  # imported here: only workbook imports pay for it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raw.problems.append(Problem(path.name, tr("{path}: not a valid .xlsx workbook ({reason})",
                                                  path=path.name, reason=error)))
        return
    try:
        for title in book.sheetnames:
            sheet = title.strip().lower()
            label = f"{path.name}:{title}"
            if sheet not in SHEETS:
                continue
            _make_sheet(sheet, label, [list(r) for r in book[title].iter_rows(values_only=True)], raw)
    finally:
        book.close()


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


def _whole_number(text: str, minimum: int) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise _CellError(tr("bad whole number {value!r}", value=text)) from None
    if value < minimum:
        raise _CellError(tr("must be at least {minimum}", minimum=minimum))
    return value


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
        self.known = {
            "places": {r[0] for r in db.execute("SELECT code FROM places")},
            "departments": {r[0] for r in db.execute("SELECT code FROM departments")},
            "items": {r[0] for r in db.execute("SELECT code FROM items")},
        }

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
        if code and code not in self.known[kind]:
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
            minutes = self.cell(label, line, cells, "minutes", lambda t: _whole_number(t, 0), required=True)
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
            capacity = self.cell(label, line, cells, "daily_capacity", lambda t: _whole_number(t, 0),
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
            duration = self.cell(label, line, cells, "duration_minutes", lambda t: _whole_number(t, 1), required=True)
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
            priority = self.cell(label, line, cells, "priority", lambda t: _whole_number(t, 0), default=0)
            preferred = self.cell(label, line, cells, "preferred", lambda t: _choice(
                t, HALF_DAYS, "unknown half-day preference {value!r} (use am, pm or any)"), default=HalfDay.ANY)
            if applied and ready and ready < applied:
                self.problems.append(Problem(label, tr("ready date {ready} is before the application date {applied}",
                                                       ready=ready, applied=applied), line, "ready_on"))
            if deadline and ready and deadline < ready:
                self.problems.append(Problem(label, tr("deadline {deadline} is before the ready date {ready}",
                                                       deadline=deadline, ready=ready), line, "deadline"))
            if len(self.problems) == problems_before:
                result.append(Project(code, name, owner, place, tuple(dict.fromkeys(items)), applied, ready,
                                      cells.get("contact", "").strip(), cells.get("phone", "").strip(),
                                      cells.get("address", "").strip(), deadline, priority, preferred))
        return result

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
        availability=validator.availability(),
    )
    if validator.problems:
        raise DatasetError(validator.problems)
    _diff(db, "places", "code", [_place_row(p) for p in plan.places], plan, "places")
    _diff(db, "departments", "code", [department_row(d) for d in plan.departments], plan, "departments")
    _diff(db, "items", "code", [item_row(i) for i in plan.items], plan, "items")
    _diff(db, "projects", "code", [project_row(p) for p in plan.projects], plan, "projects")
    _diff(db, "holiday_overrides", "date", [_holiday_row(h) for h in plan.holidays], plan, "holidays")
    return plan


def _place_row(place: Place) -> dict:
    return {"code": place.code, "name": place.name, "address": place.address}


def _holiday_row(holiday: HolidayOverride) -> dict:
    return {"date": holiday.date.isoformat(), "kind": str(holiday.kind), "name": holiday.name}


AvailabilityWriter = Callable[[Database, str, str, bytes], None]


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
            statuses = dict(db.execute("SELECT code, status FROM projects").fetchall())
            rows = []
            for project in plan.projects:
                row = project_row(project)
                # Re-importing a request must not forget that it is already scheduled or done.
                row["status"] = statuses.get(project.code, str(RequestStatus.PENDING))
                rows.append(row)
            db["projects"].upsert_all(rows, pk="code")
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
