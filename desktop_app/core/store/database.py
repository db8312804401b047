"""The SQLite file: opening it safely and evolving its schema (DESIGN §9).

Rules kept here so no caller can forget them:
- every connection has foreign keys on, WAL journaling and a busy timeout;
- every write transaction takes the write lock when it begins (BEGIN IMMEDIATE), so a second
  writer waits up to the busy timeout and then fails with DatabaseBusyError (exit 2), never with
  a bare "database is locked";
- the schema is created and changed only through ``sqlite_utils.Migrations``;
- before migrations run on an existing file, a backup is written next to it with the
  SQLite backup API;
- a file from a newer version of the program (migrations we do not know) is refused
  untouched; so is a file that is not SQLite, a SQLite file of another program (neither empty
  nor marked as ours: ``PRAGMA application_id`` or our migration set), and a location we cannot write;
- every write of the data a schedule is planned from raises ``data_version`` (triggers, so no
  code path can forget): saving a plan or a preview compares it with the version it was computed
  from, in the same write transaction (compare-and-set).

Schema changes: append a new ``@MIGRATIONS()`` function (never edit an old one), then add a
fixture database for the new version under tests/fixtures/ (see tests/core/test_migrations.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import time
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database, Migrations

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.store.file_system import on_network_drive

MIGRATION_SET = "joint_acceptance"
MIGRATIONS = Migrations(MIGRATION_SET)
# Our mark in the file header ("JASC"): set by m003 when a database is created or migrated.
APPLICATION_ID = 0x4A415343
# How long a write waits for another window's or command's write transaction (like sqlite3's .timeout).
BUSY_TIMEOUT_SECONDS = 5.0
BUSY_TIMEOUT_ENVIRONMENT = "JOINT_ACCEPTANCE_BUSY_TIMEOUT"   # seconds; overrides the constant
_SQLITE_MAGIC = b"SQLite format 3\x00"


class StorageError(InputError):
    """The database cannot be opened or used; the message is for the user."""


class DatabaseBusyError(StorageError):
    """Another process held the write lock for longer than the busy timeout."""


def busy_timeout_seconds() -> float:
    """The busy timeout in force: the environment's value if it is a number >= 0, else the constant."""
    try:
        value = float(os.environ.get(BUSY_TIMEOUT_ENVIRONMENT, ""))
    except ValueError:
        return BUSY_TIMEOUT_SECONDS
    return value if value >= 0 else BUSY_TIMEOUT_SECONDS


def is_busy(error: BaseException) -> bool:
    return isinstance(error, sqlite3.OperationalError) and (
        "locked" in str(error) or "busy" in str(error))


def busy_error(path: object) -> DatabaseBusyError:
    return DatabaseBusyError(tr("Another window or command is writing to the database {path}; waited {seconds:g} s "
                                "for it. Try again when it has finished.", path=path,
                                seconds=busy_timeout_seconds()))


class AppDatabase(Database):
    """``sqlite_utils.Database`` with this program's transaction rules.

    ``atomic()`` begins with BEGIN IMMEDIATE: a deferred transaction that has read before it
    writes cannot wait for the lock (SQLite refuses the upgrade at once, whatever the busy
    timeout), so two writers would fail instead of taking turns. "database is locked" after the
    busy timeout becomes DatabaseBusyError, here, for every caller.
    """

    path: Path | str = ""
    network: bool = False    # on a network file system: rollback journal instead of WAL (file_system.py)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():    # a savepoint inside the caller's transaction
                yield self
            return
        self._begin("BEGIN IMMEDIATE")
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise self._named(error)

    def _named(self, error: BaseException) -> BaseException:
        """SQLite's "database is locked" as the one message that names the file and the wait; others as they are.
        (A plain try/except at each call: execute() is on every query's path.)"""
        if not is_busy(error):
            return error
        named = busy_error(self.path)
        named.__cause__ = error
        return named

    def _begin(self, statement: str) -> None:
        try:
            self.conn.execute(statement)
        except sqlite3.OperationalError as error:
            raise self._named(error)

    def execute(self, sql: str, parameters=None) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.OperationalError as error:
            raise self._named(error)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        try:
            return super().executescript(sql)
        except sqlite3.OperationalError as error:
            raise self._named(error)


@contextlib.contextmanager
def read_snapshot(db: Database) -> Iterator[None]:
    """Reads inside see one committed state of the file (a read transaction; writers are not blocked
    in WAL mode). Inside a caller's transaction this is that transaction."""
    if db.conn.in_transaction:
        yield
        return
    db.conn.execute("BEGIN")
    try:
        yield
    finally:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")


def data_version(db: Database) -> int | None:
    """The counter every write of planning data raises (None: a database without it)."""
    try:
        row = db.execute("SELECT version FROM data_version WHERE id = 1").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    return row[0] if row else None


def _run_statements(db: Database, script: str) -> None:
    # Not executescript(): it commits on its own and would break the migration's transaction.
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@MIGRATIONS()
def m001_initial_schema(db: Database) -> None:
    _run_statements(db, """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE places (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT ''
        );
        -- one row per unordered pair, origin < destination
        CREATE TABLE travel (
            origin TEXT NOT NULL REFERENCES places(code) ON UPDATE CASCADE ON DELETE CASCADE,
            destination TEXT NOT NULL REFERENCES places(code) ON UPDATE CASCADE ON DELETE CASCADE,
            minutes INTEGER NOT NULL CHECK (minutes >= 0),
            PRIMARY KEY (origin, destination),
            CHECK (origin < destination)
        );
        CREATE TABLE departments (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('city', 'district')),
            base TEXT REFERENCES places(code) ON UPDATE CASCADE ON DELETE SET NULL,
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            daily_capacity INTEGER NOT NULL DEFAULT 2 CHECK (daily_capacity >= 0),
            office_hours TEXT NOT NULL
        );
        -- seasonal office hours: valid from starts_on until the next variant
        CREATE TABLE office_hours_variants (
            department TEXT NOT NULL REFERENCES departments(code) ON UPDATE CASCADE ON DELETE CASCADE,
            starts_on TEXT NOT NULL,
            office_hours TEXT NOT NULL,
            PRIMARY KEY (department, starts_on)
        );
        CREATE TABLE blocked_periods (
            id INTEGER PRIMARY KEY,
            department TEXT NOT NULL REFERENCES departments(code) ON UPDATE CASCADE ON DELETE CASCADE,
            first_day TEXT NOT NULL,
            last_day TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            CHECK (first_day <= last_day)
        );
        CREATE TABLE items (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            department TEXT NOT NULL REFERENCES departments(code) ON UPDATE CASCADE,
            duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
            materials TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE projects (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL REFERENCES places(code) ON UPDATE CASCADE,
            address TEXT NOT NULL DEFAULT '',
            applied_on TEXT NOT NULL,
            ready_on TEXT NOT NULL,
            deadline TEXT,
            priority INTEGER NOT NULL DEFAULT 0,
            preferred TEXT NOT NULL DEFAULT 'any' CHECK (preferred IN ('am', 'pm', 'any')),
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'scheduled', 'done', 'withdrawn')),
            modified_at TEXT NOT NULL
        );
        CREATE INDEX projects_status ON projects(status);
        CREATE TABLE project_items (
            project TEXT NOT NULL REFERENCES projects(code) ON UPDATE CASCADE ON DELETE CASCADE,
            item TEXT NOT NULL REFERENCES items(code) ON UPDATE CASCADE,
            PRIMARY KEY (project, item)
        );
        CREATE INDEX project_items_item ON project_items(item);
        -- AUTOINCREMENT: a visit id (and so its iCal UID) is never reused
        CREATE TABLE visits (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project TEXT NOT NULL REFERENCES projects(code) ON UPDATE CASCADE ON DELETE CASCADE,
            start TEXT NOT NULL,
            end TEXT NOT NULL,
            place TEXT NOT NULL REFERENCES places(code) ON UPDATE CASCADE,
            status TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'published', 'done', 'cancelled')),
            locked INTEGER NOT NULL DEFAULT 0,
            joint INTEGER NOT NULL DEFAULT 1,
            sequence INTEGER NOT NULL DEFAULT 0,
            modified_at TEXT NOT NULL,
            previous_start TEXT,
            previous_end TEXT,
            CHECK (start < end)
        );
        CREATE INDEX visits_project ON visits(project);
        CREATE INDEX visits_start ON visits(start);
        CREATE TABLE visit_departments (
            visit INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
            department TEXT NOT NULL REFERENCES departments(code) ON UPDATE CASCADE,
            PRIMARY KEY (visit, department)
        );
        CREATE INDEX visit_departments_department ON visit_departments(department);
        CREATE TABLE visit_items (
            visit INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
            item TEXT NOT NULL REFERENCES items(code) ON UPDATE CASCADE,
            PRIMARY KEY (visit, item)
        );
        CREATE TABLE holiday_overrides (
            date TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
            name TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE availability_sources (
            id INTEGER PRIMARY KEY,
            department TEXT NOT NULL REFERENCES departments(code) ON UPDATE CASCADE ON DELETE CASCADE,
            location TEXT NOT NULL,
            content BLOB,
            fetched_at TEXT,
            attempted_at TEXT,
            last_error TEXT NOT NULL DEFAULT '',
            event_count INTEGER NOT NULL DEFAULT 0,
            UNIQUE (department, location)
        );
        CREATE TABLE busy_events (
            id INTEGER PRIMARY KEY,
            source INTEGER NOT NULL REFERENCES availability_sources(id) ON DELETE CASCADE,
            department TEXT NOT NULL REFERENCES departments(code) ON UPDATE CASCADE ON DELETE CASCADE,
            start TEXT NOT NULL,
            end TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            all_day INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX busy_events_department_start ON busy_events(department, start);
        """)


@MIGRATIONS()
def m002_availability_expanded_window(db: Database) -> None:
    # Which dates each source's busy_events cover: recurring events are expanded only over a
    # bounded window, and a query reaching outside it must re-expand from the stored copy.
    _run_statements(db, """
        ALTER TABLE availability_sources ADD COLUMN expanded_first TEXT;
        ALTER TABLE availability_sources ADD COLUMN expanded_last TEXT
        """)


def _widen_project_statuses(db: Database) -> None:
    """Rebuild ``projects`` so its status CHECK admits rectifying and failed (SQLite's 12-step ALTER).

    Runs with foreign keys off (``open_database`` migrates that way, as SQLite's procedure asks), so
    dropping the old table cascades to nothing; ``foreign_key_check`` then proves every reference holds.
    """
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'projects'").fetchone()[0]
    old_check = "'pending', 'scheduled', 'done', 'withdrawn'"
    if old_check not in sql:   # open_database reports it as "cannot open the database … : reason"
        raise sqlite3.DatabaseError("unexpected definition of projects.status")
    new_sql = sql.replace(old_check, "'pending', 'scheduled', 'rectifying', 'done', 'failed', 'withdrawn'")
    db.execute(new_sql.replace("CREATE TABLE projects", "CREATE TABLE projects_rebuilt", 1))
    db.execute("INSERT INTO projects_rebuilt SELECT * FROM projects")
    db.execute("DROP TABLE projects")
    db.execute("ALTER TABLE projects_rebuilt RENAME TO projects")
    db.execute("CREATE INDEX projects_status ON projects(status)")


@MIGRATIONS()
def m003_acceptance_lifecycle(db: Database) -> None:
    # DESIGN §11: results, findings, rectification reports, the opinion register and the history.
    _widen_project_statuses(db)
    _run_statements(db, """
        ALTER TABLE projects ADD COLUMN round INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE projects ADD COLUMN round_ready_on TEXT;
        ALTER TABLE projects ADD COLUMN round_deadline TEXT;
        ALTER TABLE projects ADD COLUMN decided_on TEXT;
        ALTER TABLE projects ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE visits ADD COLUMN round INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE results (
            id INTEGER PRIMARY KEY,
            visit INTEGER NOT NULL REFERENCES visits(id),
            project TEXT NOT NULL REFERENCES projects(code) ON UPDATE CASCADE ON DELETE CASCADE,
            department TEXT NOT NULL REFERENCES departments(code) ON UPDATE CASCADE,
            round INTEGER NOT NULL,
            opinion TEXT NOT NULL CHECK (opinion IN ('passed', 'rectify', 'failed', 'absent', 'not_ready')),
            reason TEXT NOT NULL DEFAULT '',
            recorded_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            clerk TEXT NOT NULL,
            UNIQUE (visit, department)
        );
        CREATE INDEX results_project ON results(project, round);
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            result INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
            item TEXT REFERENCES items(code) ON UPDATE CASCADE,
            text TEXT NOT NULL,
            attachment TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX findings_result ON findings(result);
        CREATE TABLE rectification_reports (
            id INTEGER PRIMARY KEY,
            project TEXT NOT NULL REFERENCES projects(code) ON UPDATE CASCADE ON DELETE CASCADE,
            round INTEGER NOT NULL,
            reported_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            clerk TEXT NOT NULL,
            UNIQUE (project, round)
        );
        -- numbers are issued once and never reused, so the register is never deleted from
        CREATE TABLE opinions (
            project TEXT PRIMARY KEY,
            year INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            number TEXT NOT NULL UNIQUE,
            issued_on TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            clerk TEXT NOT NULL,
            UNIQUE (year, sequence)
        );
        CREATE TRIGGER opinions_never_deleted BEFORE DELETE ON opinions
            BEGIN SELECT RAISE(ABORT, 'opinion numbers are never deleted'); END;
        CREATE TRIGGER opinions_never_changed BEFORE UPDATE ON opinions
            BEGIN SELECT RAISE(ABORT, 'opinion numbers are never changed'); END;
        -- append-only: a correction is a new entry (no foreign key: history outlives a removed request)
        CREATE TABLE history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project TEXT NOT NULL,
            visit INTEGER,
            at TEXT NOT NULL,
            clerk TEXT NOT NULL,
            event TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX history_project ON history(project, id);
        CREATE TRIGGER history_never_changed BEFORE UPDATE ON history
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
        CREATE TRIGGER history_never_deleted BEFORE DELETE ON history
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END
        """)
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise sqlite3.DatabaseError(f"broken references after migration: {problems[:3]}")


@MIGRATIONS()
def m004_data_version_and_application_id(db: Database) -> None:
    # Self-contained on purpose (literal names and numbers): a migration must never change.
    # data_version rises with every write of what a schedule is planned from; saving a plan checks
    # it (compare-and-set). Settings that do not affect planning, and a source's failed-refresh
    # bookkeeping, do not raise it, so a publish or a refresh does not spoil a running plan.
    statements = [
        "CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
        "INSERT INTO data_version (id, version) VALUES (1, 0)",
    ]
    bump = "BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END"
    for table in ("places", "travel", "departments", "office_hours_variants", "blocked_periods", "items",
                  "projects", "project_items", "visits", "visit_departments", "visit_items", "holiday_overrides",
                  "busy_events", "results"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            statements.append(f"CREATE TRIGGER data_version_{table}_{event.lower()} AFTER {event} ON {table} "
                              f"FOR EACH ROW {bump}")
    for event in ("INSERT", "DELETE"):
        statements.append(f"CREATE TRIGGER data_version_availability_sources_{event.lower()} AFTER {event} "
                          f"ON availability_sources FOR EACH ROW {bump}")
    statements.append("CREATE TRIGGER data_version_availability_sources_update AFTER UPDATE OF department, "
                      "location, content, expanded_first, expanded_last ON availability_sources FOR EACH ROW "
                      f"{bump}")
    ignored = ("'bureau_name', 'bureau_address', 'bureau_phone', 'bureau_email', 'bureau_contact', "
               "'export_folder', 'caldav_url', 'caldav_username', 'reminder_minutes', 'ical_uid_token', "
               "'rectification_days', 'opinion_number_pattern', 'clerk_name', 'signing_certificate'")
    statements += [
        f"CREATE TRIGGER data_version_settings_insert AFTER INSERT ON settings FOR EACH ROW "
        f"WHEN NEW.key NOT IN ({ignored}) {bump}",
        f"CREATE TRIGGER data_version_settings_update AFTER UPDATE ON settings FOR EACH ROW "
        f"WHEN NEW.key NOT IN ({ignored}) AND OLD.value IS NOT NEW.value {bump}",
        f"CREATE TRIGGER data_version_settings_delete AFTER DELETE ON settings FOR EACH ROW "
        f"WHEN OLD.key NOT IN ({ignored}) {bump}",
        "PRAGMA application_id = 1245795139",     # 0x4A415343, "JASC"
    ]
    for statement in statements:
        db.execute(statement)


@MIGRATIONS()
def m005_city_sources(db: Database) -> None:
    # DESIGN §12: busy-time sources with a user name (the password never lives here), CalDAV sources
    # read by time range and refreshed with RFC 6578 sync tokens, and other bureaus' visits of the
    # city departments we share, which count toward capacity and travel (not plain busy time).
    _run_statements(db, """
        ALTER TABLE availability_sources ADD COLUMN username TEXT NOT NULL DEFAULT '';
        ALTER TABLE availability_sources ADD COLUMN bureau TEXT NOT NULL DEFAULT '';
        ALTER TABLE availability_sources ADD COLUMN sync_token TEXT NOT NULL DEFAULT '';
        ALTER TABLE availability_sources ADD COLUMN sync_first TEXT;
        ALTER TABLE availability_sources ADD COLUMN sync_last TEXT;
        ALTER TABLE availability_sources ADD COLUMN refresh_seconds INTEGER;
        CREATE TABLE caldav_resources (
            source INTEGER NOT NULL REFERENCES availability_sources(id) ON DELETE CASCADE,
            href TEXT NOT NULL,
            etag TEXT NOT NULL DEFAULT '',
            data BLOB NOT NULL,
            PRIMARY KEY (source, href)
        );
        CREATE TABLE foreign_visits (
            id INTEGER PRIMARY KEY,
            source INTEGER NOT NULL REFERENCES availability_sources(id) ON DELETE CASCADE,
            department TEXT NOT NULL REFERENCES departments(code) ON UPDATE CASCADE ON DELETE CASCADE,
            uid TEXT NOT NULL,
            bureau TEXT NOT NULL DEFAULT '',
            project TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            location TEXT NOT NULL DEFAULT '',
            start TEXT NOT NULL,
            end TEXT NOT NULL
        );
        CREATE INDEX foreign_visits_department_start ON foreign_visits(department, start)
        """)
    # Other bureaus' visits are planned around like our own: a change to them spoils a plan in progress
    # (compare-and-set of m004's data_version).
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(f"CREATE TRIGGER data_version_foreign_visits_{event.lower()} AFTER {event} ON foreign_visits "
                   "FOR EACH ROW BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END")


@MIGRATIONS()
def m006_confirmations(db: Database) -> None:
    # Issue 15 item 5: departments' answers to published visits (回执), an append-only log. The answer that
    # counts is the latest row for the visit's current SEQUENCE; older rows stay as history. Rows go with
    # their visit (an undone schedule removes it) and follow a renamed department code.
    _run_statements(db, """
        CREATE TABLE confirmations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            visit INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
            department TEXT NOT NULL REFERENCES departments(code) ON UPDATE CASCADE,
            sequence INTEGER NOT NULL,
            partstat TEXT NOT NULL
                CHECK (partstat IN ('ACCEPTED', 'DECLINED', 'TENTATIVE', 'DELEGATED', 'NEEDS-ACTION')),
            reason TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL CHECK (source IN ('hand', 'reply', 'server')),
            answered_at TEXT,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX confirmations_visit ON confirmations(visit, department, sequence, id);
        CREATE TRIGGER confirmations_never_changed BEFORE UPDATE OF visit, sequence, partstat, reason, source,
            answered_at, recorded_at ON confirmations
            BEGIN SELECT RAISE(ABORT, 'confirmations are append-only'); END
        """)
    # A decline is busy time of the department (planning reads it): it spoils a plan in progress.
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(f"CREATE TRIGGER data_version_confirmations_{event.lower()} AFTER {event} ON confirmations "
                   "FOR EACH ROW BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END")


def schema_version() -> int:
    """The number of migrations this program knows: the version of a database it writes."""
    return len(MIGRATIONS._migrations)


def known_migration_names() -> list[str]:
    return [migration.name for migration in MIGRATIONS._migrations]


def _configure(db: Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_seconds() * 1000)}")
    # WAL with synchronous=NORMAL survives a killed process with the last commit intact.
    db.execute("PRAGMA synchronous = NORMAL")


def _check_writable(path: Path) -> None:
    # Probe with a real file: os.access() says "writable" to root even on a read-only mount.
    try:
        with tempfile.TemporaryFile(dir=path.parent):
            pass
        writable = not path.exists() or os.access(path, os.W_OK)
    except OSError:
        writable = False
    if not writable:
        raise StorageError(tr("The database location {path} is read-only; choose a folder you can write to (--db PATH).",
                              path=path))


def _applied_names(db: Database) -> list[str]:
    return [migration.name for migration in MIGRATIONS.applied(db)]


def backup(db: Database, destination: Path) -> Path:
    """Copy the whole database to ``destination`` with SQLite's online backup API."""
    target = sqlite3.connect(destination)
    try:
        db.conn.backup(target)
    finally:
        target.close()
    return destination


def _backup_before_migration(db: Database, path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    version = len(_applied_names(db))
    return backup(db, path.with_name(f"{path.stem}.v{version}.{stamp}.backup{path.suffix or '.sqlite'}"))


def _not_sqlite(path: Path) -> StorageError:
    return StorageError(tr("{path} is not a SQLite database (or it is damaged); nothing was changed.", path=path))


def _foreign(path: Path) -> StorageError:
    return StorageError(tr("{path} is a SQLite database of another program, not of this one; it was not opened and "
                           "nothing was changed. Choose another file (--db PATH).", path=path))


def _check_ours(path: Path) -> None:
    """Refuse an existing file that is neither empty nor ours, without writing anything.

    Everything is read through SQLite, never with a plain open(): closing a plain file handle of the
    database releases every POSIX lock this process holds on it, those of our other open connections
    included (the GUI keeps one), and another process could then write under them. A read-only
    connection takes no write lock; without a -wal or -journal beside the file it is also immutable,
    so it creates no -wal or -shm file (opening in WAL mode would create both).
    """
    live = any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-journal"))
    if live:
        # In use right now (by us, another clerk, or another program): the main file alone may be out of
        # date, and a read-only look while another process is still creating its -shm can fail that
        # process's open. The checks on the opened file decide instead (open_database checks again);
        # a -wal or journal already there means nothing new is written beside the file either.
        return
    uri = f"{path.as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise StorageError(tr("Cannot open the database {path}: {reason}", path=path, reason=error)) from error
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if application_id not in (0, APPLICATION_ID):
            raise _foreign(path)
        # No mark: ours from before m004, an empty SQLite file, or another program's.
        if application_id == 0 and _is_foreign(conn):
            raise _foreign(path)
    except sqlite3.DatabaseError as error:
        raise _not_sqlite(path) from error
    finally:
        conn.close()


def _is_foreign(conn: sqlite3.Connection) -> bool:
    """True when the schema holds anything and none of it is ours (no migration of our set)."""
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if not names:
        return False
    if Migrations.migrations_table not in names:
        return True
    return conn.execute(f"SELECT count(*) FROM {Migrations.migrations_table} WHERE migration_set = ?",
                        [MIGRATION_SET]).fetchone()[0] == 0


def open_database(path: str | Path, *, create: bool = True) -> Database:
    """Open (creating or migrating as needed) the database at ``path``.

    Raises StorageError with a message for the user when the file cannot be used;
    in that case the file is left exactly as it was, and nothing is written beside it.
    """
    path = Path(path).expanduser().resolve()
    deadline = time.monotonic() + busy_timeout_seconds()
    new = not (path.exists() and path.stat().st_size > 0)
    while True:
        try:
            return _open_database(path, create)
        except StorageError as error:
            # Two processes creating one new file (two clerks' first import): the one that comes second can
            # meet the file half made (its journal switching to WAL: busy, or a disk I/O error on the first
            # read). It waits for the other to finish and opens the finished file, as a busy write would.
            if not (new and _contended(error)) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _contended(error: StorageError) -> bool:
    cause = error.__cause__
    return isinstance(error, DatabaseBusyError) or (
        isinstance(cause, sqlite3.OperationalError) and "disk I/O error" in str(cause))


def _open_database(path: Path, create: bool) -> Database:
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        _check_ours(path)
    elif create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(tr("The database location {path} is read-only; choose a folder you can write to "
                                  "(--db PATH).", path=path)) from error
    _check_writable(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_seconds())
    except sqlite3.DatabaseError as error:
        raise StorageError(tr("Cannot open the database {path}: {reason}", path=path, reason=error)) from error
    try:
        # Reading the schema is the cheapest way to learn whether this is SQLite at all.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        conn.close()
        if "not a database" in str(error) or "malformed" in str(error):
            raise _not_sqlite(path) from error
        raise StorageError(tr("Cannot open the database {path}: {reason}", path=path, reason=error)) from error
    db = AppDatabase(conn)
    db.path = path
    try:
        # Checked again on the live file: the immutable look above does not see a WAL not yet
        # checkpointed, and another program may have written to an empty file since.
        if _is_foreign(conn):
            raise _foreign(path)
        known = set(known_migration_names())
        unknown = [name for name in _applied_names(db) if name not in known]
        if unknown:
            raise StorageError(tr(
                "{path} was written by a newer version of this program (unknown schema changes: {names}); "
                "it was not opened and nothing was changed. Please upgrade the program.",
                path=path, names=", ".join(unknown)))
        _configure(db)
        db.network = on_network_drive(path)
        if db.network:
            # WAL's shared-memory index is not shared between computers: a rollback journal is.
            db.execute("PRAGMA journal_mode = DELETE")
            db.execute("PRAGMA synchronous = FULL")
        else:
            db.enable_wal()
        if MIGRATIONS.pending(db):
            if existed and db.table_names():
                _backup_before_migration(db, path)   # the backup API cannot read inside our own write
            # SQLite's table rebuild needs foreign keys off, set outside any transaction; each migration
            # checks them itself. Under the write lock: a second process opening the same new or old file
            # waits here, then finds nothing left to do instead of running a migration twice.
            db.execute("PRAGMA foreign_keys = OFF")
            try:
                with db.atomic():
                    if MIGRATIONS.pending(db):
                        MIGRATIONS.apply(db)
            finally:
                db.execute("PRAGMA foreign_keys = ON")
    except StorageError:
        conn.close()
        raise
    except sqlite3.DatabaseError as error:
        conn.close()
        if "not a database" in str(error) or "malformed" in str(error):
            raise _not_sqlite(path) from error
        raise StorageError(tr("Cannot open the database {path}: {reason}", path=path, reason=error)) from error
    return db


def now_iso() -> str:
    """The current time, timezone-aware, to the second (used for modification stamps)."""
    return dt.datetime.now(dt.timezone.utc).astimezone().replace(microsecond=0).isoformat()
