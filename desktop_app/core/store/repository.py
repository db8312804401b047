"""Reading and writing domain objects: the one data-access layer the CLI and GUI share.

Every method that writes more than one row does so inside ``db.atomic()``, so a failure
or a killed process leaves the last committed state.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.model.domain import (
    MAX_TRAVEL_MINUTES, RESULT_STATUSES, Department, HalfDay, HolidayKind, HolidayOverride, Item, Level, Place, Project,
    ProjectDetails, RequestStatus,
    Settings, Travel, Visit, VisitStatus,
)
from desktop_app.core.model.office_hours import WeeklyHours
from desktop_app.core.model.project_details import detail_label, details_problems
from desktop_app.core.store.database import DatabaseBusyError, now_iso


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _datetime(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


# Enum members by stored value: a dict lookup instead of Enum.__call__, which is most of the cost of turning
# 10,000 rows into objects (the dashboard and `stats` read every request and visit).
_REQUEST_STATUS = {s.value: s for s in RequestStatus}
_VISIT_STATUS = {s.value: s for s in VisitStatus}
_HALF_DAY = {h.value: h for h in HalfDay}


@functools.lru_cache(maxsize=512)
def _details(text: str) -> ProjectDetails:
    """Stored project details (JSON); most requests share a few texts, and ProjectDetails is frozen."""
    return ProjectDetails(**json.loads(text))


def travel_key(first: str, second: str) -> tuple[str, str]:
    """Travel is symmetric: one row per unordered pair, stored with origin < destination."""
    return (first, second) if first < second else (second, first)


class Repository:
    """Typed access to one open database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- settings -------------------------------------------------------------------
    def settings(self) -> Settings:
        stored = {row["key"]: json.loads(row["value"]) for row in self.db["settings"].rows}
        fields = {f.name: f for f in dataclasses.fields(Settings)}
        values = {}
        for key, value in stored.items():
            if key in fields:
                values[key] = tuple(value) if isinstance(value, list) else value
        return Settings(**values)

    def save_settings(self, settings: Settings) -> None:
        rows = [{"key": key, "value": json.dumps(value, ensure_ascii=False)}
                for key, value in dataclasses.asdict(settings).items()]
        with self.db.atomic():
            self.db["settings"].upsert_all(rows, pk="key")

    # --- places and travel ----------------------------------------------------------
    def places(self) -> list[Place]:
        return [Place(r["code"], r["name"], r["address"]) for r in self.db["places"].rows_where(order_by="code")]

    def travel(self) -> list[Travel]:
        return [Travel(r["origin"], r["destination"], r["minutes"])
                for r in self.db["travel"].rows_where(order_by="origin, destination")]

    def travel_matrix(self) -> dict[tuple[str, str], int]:
        """Minutes between every stored pair, in both directions."""
        matrix: dict[tuple[str, str], int] = {}
        for row in self.travel():
            matrix[(row.origin, row.destination)] = row.minutes
            matrix[(row.destination, row.origin)] = row.minutes
        return matrix

    # --- departments and items ------------------------------------------------------
    def departments(self) -> list[Department]:
        return [self._department(r) for r in self.db["departments"].rows_where(order_by="code")]

    def department_names(self) -> dict[str, str]:
        """Code -> name of every department (what lists and messages print); no office hours parsed."""
        return dict(self.db.execute("SELECT code, name FROM departments ORDER BY code").fetchall())

    def project_names(self) -> dict[str, str]:
        """Request code -> project name, without loading the requests themselves."""
        return dict(self.db.execute("SELECT code, name FROM projects").fetchall())

    def department(self, code: str) -> Department | None:
        rows = list(self.db["departments"].rows_where("code = ?", [code]))
        return self._department(rows[0]) if rows else None

    @staticmethod
    def _department(row: dict) -> Department:
        return Department(
            code=row["code"], name=row["name"], level=Level(row["level"]), base=row["base"],
            email=row["email"], phone=row["phone"], contact=row["contact"],
            daily_capacity=row["daily_capacity"], office_hours=WeeklyHours.parse(row["office_hours"]),
        )

    def items(self) -> list[Item]:
        return [Item(r["code"], r["name"], r["department"], r["duration_minutes"], tuple(json.loads(r["materials"])))
                for r in self.db["items"].rows_where(order_by="code")]

    # --- projects -------------------------------------------------------------------
    def projects(self, statuses: Iterable[RequestStatus] | None = None) -> list[Project]:
        items_by_project: dict[str, list[str]] = defaultdict(list)
        for row in self.db.execute("SELECT project, item FROM project_items ORDER BY project, item").fetchall():
            items_by_project[row[0]].append(row[1])
        where, params = None, []
        if statuses is not None:
            wanted = [str(s) for s in statuses]
            where = f"status IN ({', '.join('?' for _ in wanted)})"
            params = wanted
        return [self._project(r, items_by_project[r["code"]])
                for r in self.db["projects"].rows_where(where, params, order_by="code")]

    def project(self, code: str) -> Project | None:
        rows = list(self.db["projects"].rows_where("code = ?", [code]))
        if not rows:
            return None
        items = [r[0] for r in self.db.execute(
            "SELECT item FROM project_items WHERE project = ? ORDER BY item", [code]).fetchall()]
        return self._project(rows[0], items)

    @staticmethod
    def _project(row: dict, items: list[str]) -> Project:
        return Project(
            code=row["code"], name=row["name"], owner=row["owner"], place=row["place"], items=tuple(items),
            applied_on=_date(row["applied_on"]), ready_on=_date(row["ready_on"]), contact=row["contact"],
            phone=row["phone"], address=row["address"], deadline=_date(row["deadline"]),
            priority=row["priority"], preferred=_HALF_DAY[row["preferred"]], status=_REQUEST_STATUS[row["status"]],
            round=row["round"], round_ready_on=_date(row["round_ready_on"]),
            round_deadline=_date(row["round_deadline"]), decided_on=_date(row["decided_on"]),
            details=_details(row["details"]),
        )

    def save_project(self, project: Project) -> None:
        """Insert or replace one project and its item list in one transaction."""
        with self.db.atomic():
            self.db["projects"].upsert(project_row(project), pk="code")
            self.db.execute("DELETE FROM project_items WHERE project = ?", [project.code])
            self.db["project_items"].insert_all(
                [{"project": project.code, "item": item} for item in project.items])

    def delete_project(self, code: str) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM projects WHERE code = ?", [code])

    def set_project_status(self, code: str, status: RequestStatus) -> None:
        self.db.execute("UPDATE projects SET status = ?, modified_at = ? WHERE code = ?",
                        [str(status), now_iso(), code])

    def save_project_state(self, project: Project) -> None:
        """Store where a request stands in its lifecycle (status, round, deadlines, decision), nothing else."""
        row = project_row(project)
        self.db.execute(
            "UPDATE projects SET status = ?, round = ?, round_ready_on = ?, round_deadline = ?, decided_on = ?, "
            "modified_at = ? WHERE code = ?",
            [row["status"], row["round"], row["round_ready_on"], row["round_deadline"], row["decided_on"],
             row["modified_at"], project.code])

    # --- visits ---------------------------------------------------------------------
    def visits(self, *, include_cancelled: bool = False, start: dt.datetime | None = None,
               end: dt.datetime | None = None, project: str | None = None) -> list[Visit]:
        clauses, params = [], []
        if not include_cancelled:
            clauses.append("status != 'cancelled'")
        if start is not None:
            # A visit lies within one day's office hours, so this bound lets the index on start work.
            clauses.append("start >= ? AND end > ?")
            params += [(start - dt.timedelta(days=1)).isoformat(), start.isoformat()]
        if end is not None:
            clauses.append("start < ?")
            params.append(end.isoformat())
        if project is not None:
            clauses.append("project = ?")
            params.append(project)
        where = " AND ".join(clauses) or None
        rows = list(self.db["visits"].rows_where(where, params, order_by="start, id"))
        ids = [r["id"] for r in rows]
        # Without a time or project filter most visits are wanted: reading every link is faster than looking each up.
        every = start is None and end is None and project is None
        departments = self._visit_links("visit_departments", "department", ids, every=every)
        items = self._visit_links("visit_items", "item", ids, every=every)
        return [self._visit(r, departments[r["id"]], items[r["id"]]) for r in rows]

    def visit(self, visit_id: int) -> Visit | None:
        rows = list(self.db["visits"].rows_where("id = ?", [visit_id]))
        if not rows:
            return None
        return self._visit(rows[0], self._visit_links("visit_departments", "department", [visit_id])[visit_id],
                           self._visit_links("visit_items", "item", [visit_id])[visit_id])

    def _visit_links(self, table: str, column: str, ids: list[int], *,
                     every: bool = False) -> dict[int, tuple[str, ...]]:
        links: dict[int, list[str]] = defaultdict(list)
        if ids and every:
            for visit, value in self.db.execute(f"SELECT visit, {column} FROM {table} ORDER BY visit, {column}"):
                links[visit].append(value)
        elif ids:
            # json_each keeps this one query with an index lookup per visit, whatever the number of ids.
            for visit, value in self.db.execute(
                    f"SELECT visit, {column} FROM {table} WHERE visit IN (SELECT value FROM json_each(?)) "
                    f"ORDER BY visit, {column}", [json.dumps(ids)]):
                links[visit].append(value)
        return defaultdict(tuple, {k: tuple(v) for k, v in links.items()})

    @staticmethod
    def _visit(row: dict, departments: tuple[str, ...], items: tuple[str, ...]) -> Visit:
        return Visit(
            id=row["id"], project=row["project"], start=_datetime(row["start"]), end=_datetime(row["end"]),
            place=row["place"], departments=departments, items=items, status=_VISIT_STATUS[row["status"]],
            locked=bool(row["locked"]), joint=bool(row["joint"]), sequence=row["sequence"],
            modified_at=_datetime(row["modified_at"]), previous_start=_datetime(row["previous_start"]),
            previous_end=_datetime(row["previous_end"]), round=row["round"],
        )

    def insert_visit(self, visit: Visit) -> int:
        """Store a new visit; returns its id (the basis of its never-changing iCal UID)."""
        with self.db.atomic():
            row = visit_row(visit)
            row.pop("id")
            cursor = self.db.execute(
                f"INSERT INTO visits ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values()))
            visit_id = cursor.lastrowid
            self._write_visit_links(visit_id, visit)
        return visit_id

    def update_visit(self, visit: Visit) -> Visit:
        """Store changes to an existing visit.

        A change of time or place raises SEQUENCE and remembers the previous time for the
        changed notice (变更通知); the modification time is set only when something changed,
        so exports stay byte-identical when nothing did.
        """
        old = self.visit(visit.id)
        if old is None:
            raise KeyError(visit.id)
        moved = (visit.start, visit.end, visit.place) != (old.start, old.end, old.place)
        changed = moved or any(getattr(visit, f) != getattr(old, f)
                               for f in ("departments", "items", "status", "locked", "joint"))
        if not changed:
            return old
        if moved:
            visit = dataclasses.replace(visit, sequence=old.sequence + 1, previous_start=old.start,
                                        previous_end=old.end)
        visit = dataclasses.replace(visit, modified_at=_datetime(now_iso()))
        with self.db.atomic():
            self.db["visits"].update(visit.id, visit_row(visit))
            self._write_visit_links(visit.id, visit)
        return visit

    def _write_visit_links(self, visit_id: int, visit: Visit) -> None:
        self.db.execute("DELETE FROM visit_departments WHERE visit = ?", [visit_id])
        self.db.execute("DELETE FROM visit_items WHERE visit = ?", [visit_id])
        self.db["visit_departments"].insert_all([{"visit": visit_id, "department": d} for d in visit.departments])
        self.db["visit_items"].insert_all([{"visit": visit_id, "item": i} for i in visit.items])

    # --- holidays -------------------------------------------------------------------
    def holiday_overrides(self) -> list[HolidayOverride]:
        return [HolidayOverride(dt.date.fromisoformat(r["date"]), HolidayKind(r["kind"]), r["name"])
                for r in self.db["holiday_overrides"].rows_where(order_by="date")]

    def is_empty(self) -> bool:
        """True when the bureau has entered nothing yet (the first-run demo may be loaded)."""
        return all(self.db[t].count == 0 for t in ("places", "departments", "items", "projects"))

    def project_problems(self, project: Project, *, new: bool) -> list[str]:
        """What is wrong with a request as entered (the editor shows these inline; empty = valid)."""
        problems: list[str] = []
        required = ((project.code, tr("code")), (project.name, tr("project name")), (project.owner, tr("owner")),
                    (project.place, tr("place")))
        problems += [tr("{field}: a value is required", field=label) for value, label in required if not value.strip()]
        if new and project.code and self.project(project.code) is not None:
            problems.append(tr("a request with code {code!r} already exists", code=project.code))
        if project.place and self.place(project.place) is None:
            problems.append(tr("unknown place {code!r}", code=project.place))
        if not project.items:
            problems.append(tr("a project needs at least one acceptance item"))
        known_items = {i.code for i in self.items()}
        problems += [tr("unknown item {code!r}", code=i) for i in project.items if i not in known_items]
        if project.ready_on < project.applied_on:
            problems.append(tr("ready date {ready} is before the application date {applied}",
                               ready=project.ready_on, applied=project.applied_on))
        if project.deadline is not None and project.deadline < project.ready_on:
            problems.append(tr("deadline {deadline} is before the ready date {ready}",
                               deadline=project.deadline, ready=project.ready_on))
        stored = None if new else self.project(project.code)
        if project.status in RESULT_STATUSES and (stored is None or stored.status is not project.status):
            label = tr("rectifying") if project.status is RequestStatus.RECTIFYING else tr("not passed")
            problems.append(tr("the status {status!r} follows only from recorded results; it cannot be set by hand",
                               status=label))
        problems += [tr("{field}: {problem}", field=detail_label(p.field), problem=p.message)
                     for p in details_problems(project.details)]
        return problems

    # --- compare-and-set edits (GUI editors, undo/redo, a second window on the same file) ----
    # Every edit names the record as its editor last read it (``before``, None = absent) and
    # what it should become (``after``, None = delete). It is written only while the database
    # still holds ``before``, so a second instance never silently overwrites a change it has not
    # seen (StaleEditError instead). Undo is the same call with before and after swapped.
    def replace_project(self, before: Project | None, after: Project | None) -> None:
        code = (after or before).code
        with self._edit():
            _check_current(self.project(code), before, code)
            if after is None:
                self._refuse_if_used(code, (("visits", "project"),))
                self.db.execute("DELETE FROM projects WHERE code = ?", [code])
            else:
                self.save_project(after)

    def replace_department(self, before: Department | None, after: Department | None) -> None:
        code = (after or before).code
        with self._edit():
            _check_current(self.department(code), before, code)
            if after is None:
                # Refused while anything hangs off the department, so undoing a delete is exact.
                self._refuse_if_used(code, (("items", "department"), ("visit_departments", "department"),
                                            ("availability_sources", "department"),
                                            ("office_hours_variants", "department"),
                                            ("blocked_periods", "department")))
                self.db.execute("DELETE FROM departments WHERE code = ?", [code])
            else:
                self.db["departments"].upsert(department_row(after), pk="code")

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items() if i.code == code), None)

    def replace_item(self, before: Item | None, after: Item | None) -> None:
        code = (after or before).code
        with self._edit():
            _check_current(self.item(code), before, code)
            if after is None:
                self._refuse_if_used(code, (("project_items", "item"), ("visit_items", "item")))
                self.db.execute("DELETE FROM items WHERE code = ?", [code])
            else:
                self.db["items"].upsert(item_row(after), pk="code")

    def place(self, code: str) -> Place | None:
        rows = list(self.db["places"].rows_where("code = ?", [code]))
        return Place(rows[0]["code"], rows[0]["name"], rows[0]["address"]) if rows else None

    def travel_of(self, place: str) -> list[Travel]:
        return [t for t in self.travel() if place in (t.origin, t.destination)]

    def replace_place(self, before: Place | None, after: Place | None,
                      travel: Iterable[Travel] = ()) -> None:
        """Like the others; ``travel`` rows are written with a new place (undoing its deletion)."""
        code = (after or before).code
        with self._edit():
            _check_current(self.place(code), before, code)
            if after is None:
                self._refuse_if_used(code, (("projects", "place"), ("visits", "place"), ("departments", "base")))
                self.db.execute("DELETE FROM places WHERE code = ?", [code])   # its travel rows cascade
            else:
                self.db["places"].upsert({"code": after.code, "name": after.name, "address": after.address},
                                         pk="code")
                for row in travel:
                    self._write_travel(row.origin, row.destination, row.minutes)

    def travel_minutes(self, first: str, second: str) -> int | None:
        origin, destination = travel_key(first, second)
        row = self.db.execute("SELECT minutes FROM travel WHERE origin = ? AND destination = ?",
                              [origin, destination]).fetchone()
        return row[0] if row else None

    def replace_travel(self, first: str, second: str, before: int | None, after: int | None) -> None:
        """Set (None = remove, so the default applies) the minutes between two places."""
        with self._edit():
            _check_current(self.travel_minutes(first, second), before, f"{first}–{second}")
            if after is None:
                origin, destination = travel_key(first, second)
                self.db.execute("DELETE FROM travel WHERE origin = ? AND destination = ?", [origin, destination])
            else:
                self._write_travel(first, second, after)

    def _write_travel(self, first: str, second: str, minutes: int) -> None:
        if first == second:
            raise EditRefusedError(tr("travel from a place to itself is always 0 minutes"))
        if not 0 <= minutes <= MAX_TRAVEL_MINUTES:   # SQLite's INTEGER is 64-bit; a day is plenty
            raise EditRefusedError(tr("{value} is out of range: use a whole number from {minimum} to {maximum}",
                                      value=minutes, minimum=0, maximum=MAX_TRAVEL_MINUTES))
        origin, destination = travel_key(first, second)
        self.db["travel"].upsert({"origin": origin, "destination": destination, "minutes": minutes},
                                 pk=("origin", "destination"))

    def holiday_override(self, day: dt.date) -> HolidayOverride | None:
        rows = list(self.db["holiday_overrides"].rows_where("date = ?", [day.isoformat()]))
        return HolidayOverride(day, HolidayKind(rows[0]["kind"]), rows[0]["name"]) if rows else None

    def replace_holiday_override(self, before: HolidayOverride | None, after: HolidayOverride | None) -> None:
        day = (after or before).date
        with self._edit():
            _check_current(self.holiday_override(day), before, day.isoformat())
            if after is None:
                self.db.execute("DELETE FROM holiday_overrides WHERE date = ?", [day.isoformat()])
            else:
                self.db["holiday_overrides"].upsert(
                    {"date": day.isoformat(), "kind": str(after.kind), "name": after.name}, pk="date")

    def replace_settings(self, before: Settings, after: Settings) -> None:
        with self._edit():
            _check_current(self.settings(), before, tr("settings"))
            self.save_settings(after)

    @contextlib.contextmanager
    def _edit(self):
        """One transaction; a foreign-key refusal or a lock held by another instance becomes a message."""
        try:
            with self.db.atomic():
                yield
        except sqlite3.IntegrityError as error:
            raise EditRefusedError(tr("The change was refused by the database: {reason}", reason=error)) from error
        except DatabaseBusyError as error:
            raise StaleEditError(tr("Another window is writing to this database; nothing was changed. "
                                    "Reload and try again.")) from error

    def _refuse_if_used(self, code: str, references: tuple[tuple[str, str], ...]) -> None:
        for table, column in references:
            count = self.db.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", [code]).fetchone()[0]
            if count:
                raise EditRefusedError(tr("{code} cannot be deleted: {count} record(s) in {table} still use it.",
                                          code=code, count=count, table=table))

    # --- exact before/after states of visits (undo of a schedule apply, a move, a lock) --------
    # Undo must give back the visits exactly as they were (SEQUENCE and modification time too, so
    # the feeds are byte-identical again), and redo must bring back the same ids (the same iCal
    # UIDs). Both are compare-and-set, like the edits above: written only while the database still
    # holds the state the command left.
    def visits_state(self, ids: Iterable[int], projects: Iterable[str] = ()) -> VisitsState:
        """The stored visits (None = no such visit) and the projects' (status, modified_at)."""
        visits = {visit_id: self.visit(visit_id) for visit_id in sorted(set(ids))}
        states: dict[str, tuple[str, str] | None] = {}
        for code in sorted(set(projects)):
            row = self.db.execute("SELECT status, modified_at FROM projects WHERE code = ?", [code]).fetchone()
            states[code] = (row[0], row[1]) if row else None
        return VisitsState(visits, states)

    def record_visit_change(self, ids: Iterable[int], projects: Iterable[str],
                            change: Callable[[], object]) -> tuple[VisitsState, VisitsState, object]:
        """Run ``change`` in one transaction; return the state before, the state after (visits it
        inserted included, as None before) and what ``change`` returned."""
        ids, projects = set(ids), set(projects)
        with self._edit():
            highest = self.db.execute("SELECT coalesce(max(id), 0) FROM visits").fetchone()[0]
            before = self.visits_state(ids, projects)
            value = change()
            inserted = [(row[0], row[1]) for row in self.db.execute(
                "SELECT id, project FROM visits WHERE id > ?", [highest]).fetchall()]
            ids |= {visit_id for visit_id, _ in inserted}
            projects |= {code for _, code in inserted}
            after = self.visits_state(ids, projects)
            before = self.visits_state_merge(before, after)
        return before, after, value

    @staticmethod
    def visits_state_merge(before: VisitsState, after: VisitsState) -> VisitsState:
        """``before`` completed with the keys only ``after`` knows (inserted visits: None before)."""
        visits = {visit_id: before.visits.get(visit_id) for visit_id in after.visits}
        projects = dict(before.projects)
        for code in after.projects:
            projects.setdefault(code, None)
        return VisitsState(visits, projects)

    def restore_visits(self, expected: VisitsState, wanted: VisitsState) -> None:
        """Write ``wanted`` exactly (ids, SEQUENCE, times; None = delete) while the database holds ``expected``."""
        with self._edit():
            for visit_id, visit in expected.visits.items():
                _check_current(self.visit(visit_id), visit, tr("visit {id}", id=visit_id))
            current = self.visits_state((), expected.projects)
            for code, state in expected.projects.items():
                if state is not None:
                    _check_current(current.projects[code], state, code)
            for visit_id, visit in wanted.visits.items():
                if visit is None:
                    self.db.execute("DELETE FROM visits WHERE id = ?", [visit_id])
                    continue
                row = visit_row(dataclasses.replace(visit, id=visit_id))
                self.db["visits"].upsert(row, pk="id")
                self._write_visit_links(visit_id, visit)
            for code, state in wanted.projects.items():
                if state is not None:
                    self.db.execute("UPDATE projects SET status = ?, modified_at = ? WHERE code = ?",
                                    [state[0], state[1], code])


def project_row(project: Project) -> dict:
    return {
        "code": project.code, "name": project.name, "owner": project.owner, "contact": project.contact,
        "phone": project.phone, "place": project.place, "address": project.address,
        "applied_on": project.applied_on.isoformat(), "ready_on": project.ready_on.isoformat(),
        "deadline": project.deadline.isoformat() if project.deadline else None,
        "priority": project.priority, "preferred": str(project.preferred), "status": str(project.status),
        "round": project.round, "round_ready_on": _iso_date(project.round_ready_on),
        "round_deadline": _iso_date(project.round_deadline), "decided_on": _iso_date(project.decided_on),
        "details": json.dumps(dataclasses.asdict(project.details), ensure_ascii=False, sort_keys=True),
        "modified_at": now_iso(),
    }


def _iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def visit_row(visit: Visit) -> dict:
    def iso(value: dt.datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": visit.id, "project": visit.project, "start": iso(visit.start), "end": iso(visit.end),
        "place": visit.place, "status": str(visit.status), "locked": int(visit.locked), "joint": int(visit.joint),
        "sequence": visit.sequence, "modified_at": iso(visit.modified_at) or now_iso(),
        "previous_start": iso(visit.previous_start), "previous_end": iso(visit.previous_end),
        "round": visit.round,
    }


class StaleEditError(InputError):
    """The record changed in the database since the editor read it (another window); nothing was written."""


class EditRefusedError(InputError):
    """The edit would break the data (a record still in use, a rule of the domain); nothing was written."""


def _check_current(current: object, expected: object, key: str) -> None:
    if current != expected:
        raise StaleEditError(tr("{key} was changed elsewhere (another window or program) since it was "
                                "read; nothing was changed. The view has been reloaded; please try again.",
                                key=key))


def department_row(department: Department) -> dict:
    return {"code": department.code, "name": department.name, "level": str(department.level),
            "base": department.base, "email": department.email, "phone": department.phone,
            "contact": department.contact, "daily_capacity": department.daily_capacity,
            "office_hours": department.office_hours.format()}


def item_row(item: Item) -> dict:
    return {"code": item.code, "name": item.name, "department": item.department,
            "duration_minutes": item.duration_minutes,
            "materials": json.dumps(list(item.materials), ensure_ascii=False)}


@dataclass(frozen=True)
class VisitsState:
    """Some visits exactly as stored (None = absent) and some projects' (status, modified_at)."""

    visits: dict[int, Visit | None]
    projects: dict[str, tuple[str, str] | None]
