"""Publishing the feeds: to a folder (a network share) and to a CalDAV server (DESIGN §6).

Folder: each file is written to a temporary file in the same folder, flushed to disk and
renamed over the old one, so a subscriber never reads half a file and a failed write (disk
full, read-only share) leaves the old file in place. A file whose bytes are unchanged is not
touched at all, so sync tools and subscribers see no churn. An export holds the folder's lock
(core/store/folder_lock.py) from start to end: a second export waits for it, and so every
temporary found under the lock is a killed export's and is removed at once.

CalDAV: one calendar for the shared feed plus one per department, created when missing; each
visit is one resource named after its UID. The server's copies are compared by a content hash
we store in each event (servers re-serialize what they receive, so bytes cannot be compared),
so an unchanged visit is not uploaded again. Publishing computes the whole mirror from the
database every time: a publish interrupted by a network failure is completed by the next one.
The password comes from the environment or the system keyring, never from the database.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from desktop_app.core.acceptance.confirmations import record_server_answers
from desktop_app.core.feeds import ical_export
from desktop_app.core.model.errors import InputError
from desktop_app.core.feeds.ical_export import (
    DEPARTMENT_FOLDER, INVITATION_FOLDER, PRODID, PROJECT_FOLDER, FeedFile, FeedSource,
    build_invitations, department_event, department_feed_name, escape_text, fold, iter_feeds, load_feed_source,
    server_attendee_line, shared_event, shared_feed_name, vtimezone_block,
)
from desktop_app.core.calendar.city import _NS as DAV_NAMESPACES, _responses as city_responses
from desktop_app.core.calendar.city_events import (
    BUREAU_PROPERTY, DEPARTMENT_PROPERTY, PLACE_NAME_PROPERTY, PLACE_PROPERTY, PROJECT_PROPERTY, Collision,
    city_collisions, load_foreign_visits, travel_function,
)
from desktop_app.core.model.domain import Visit
from desktop_app.core.store.uid_tokens import own_uid_suffix, visit_uid
from desktop_app.core.model.messages import tr
from desktop_app.core.store.files import fsync_directory, os_error_reason, replace_file, write_temporary
from desktop_app.core.store.folder_lock import FolderLocked, folder_lock
from desktop_app.core.store.repository import Repository
from desktop_app.core.store.secrets import NoKeyring, secret, store_secret

PASSWORD_VARIABLE = "JOINT_ACCEPTANCE_CALDAV_PASSWORD"
KEYRING_SERVICE = "joint-acceptance-caldav"
SHARED_CALENDAR_ID = "joint-acceptance"
# Beside the feeds: what the last export wrote, so an unchanged re-export can stop early.
MANIFEST = ".joint-acceptance-export.json"
HASH_PROPERTY = "X-JOINT-ACCEPTANCE-HASH"
DEFAULT_TIMEOUT_SECONDS = 30
CALDAV_CONNECTIONS = 6       # requests in flight at once while publishing to a CalDAV server
# Only files we wrote are ever removed: our managed sub-folders, and only .ics files with our PRODID.
_MANAGED_FOLDERS = (DEPARTMENT_FOLDER, PROJECT_FOLDER)
_PRODID_LINE = f"PRODID:{PRODID}".encode()
_FSYNC_EACH_UP_TO = 16
# Temporaries are ".<feed or manifest name>.<pid>-<attempt>.tmp" (core/store/files.py).
_TEMPORARY_NAME = re.compile(r"^\..+\.(ics|json)\.\d+-\d+\.tmp$")
# Where the folder cannot be locked, a temporary younger than this may be another export's.
STALE_TEMPORARY_SECONDS = 3600
# How long an export waits for another one (another window, command or computer) to finish.
LOCK_WAIT_SECONDS = 30.0
_SHARING_VIOLATIONS = (32, 33)     # Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


class PublishError(InputError):
    """Publishing failed; the message names the file or the server. The database is untouched."""


# --- folder ----------------------------------------------------------------------------------
@dataclass
class FolderResult:
    folder: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _reason(error: OSError) -> str:
    if getattr(error, "winerror", None) in _SHARING_VIOLATIONS:
        return tr("the file is open in another program (a web server, a sync tool or a virus scanner); "
                  "publish again in a moment")
    return os_error_reason(error)


def write_atomically(path: Path, content: bytes) -> bool:
    """Replace ``path`` by ``content`` unless it already holds exactly these bytes.

    Returns True when the file was written. On failure the old file is kept, the temporary
    file removed, and PublishError names the file.
    """
    result = FolderResult(path.parent)
    write_files(path.parent, [FeedFile(path.name, content)], result)
    return bool(result.written)


def prepare_folder(folder: Path) -> Path:
    """The export folder, created if only its last part is missing.

    A missing parent is refused rather than created: it is usually a typo or a network
    share that is not mounted, and feeds written to a local stand-in would reach no one.
    """
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise PublishError(tr("The export folder {folder} is a file, not a folder.", folder=folder))
    if not folder.exists():
        if not folder.parent.is_dir():
            raise PublishError(tr("The export folder {folder} does not exist (nor does {parent}); "
                                  "check the path or connect the network drive.", folder=folder,
                                  parent=folder.parent))
        try:
            folder.mkdir()
        except OSError as error:
            raise PublishError(tr("Cannot create the export folder {folder}: {reason}",
                                  folder=folder, reason=_reason(error))) from error
    return folder


def _our_stale_files(folder: Path, keep: set[str]) -> list[str]:
    stale = []
    for sub in _MANAGED_FOLDERS:
        try:
            names = sorted(os.listdir(folder / sub))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for name in names:
            relative = f"{sub}/{name}"
            if not name.endswith(".ics") or relative in keep:
                continue
            try:
                with open(os.path.join(folder, sub, name), "rb") as stream:
                    head = stream.read(512)
            except OSError:
                continue
            if _PRODID_LINE in head:
                stale.append(relative)
    return stale


def remove_stale_temporaries(folder: Path, older_than: float = 0.0, now: float | None = None) -> list[str]:
    """Delete temporaries that killed exports left behind; returns their relative paths.

    Only our own pattern, and only while this export holds the folder's lock (so no other
    export is writing) or, on a file system without locks, older than ``older_than`` seconds.
    """
    now = time.time() if now is None else now
    removed = []
    for sub in ("", *_MANAGED_FOLDERS, INVITATION_FOLDER):
        directory = os.path.join(folder, sub) if sub else str(folder)
        try:
            entries = list(os.scandir(directory))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if not _TEMPORARY_NAME.match(entry.name):
                continue
            with contextlib.suppress(OSError):
                if not older_than or now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                    os.unlink(entry.path)
                    removed.append(f"{sub}/{entry.name}" if sub else entry.name)
    return removed


def _listing(directory: str) -> dict[str, os.stat_result]:
    """The status of every file in ``directory`` (empty when it does not exist), from one listing.

    On a network share a stat per file costs a round trip; a listing brings them all at once
    (Windows fills them in from the listing itself, Linux's CIFS client caches them).
    """
    files: dict[str, os.stat_result] = {}
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):
                    if entry.is_file():
                        files[entry.name] = entry.stat()
    except (FileNotFoundError, NotADirectoryError):
        pass
    return files


def _differs(path: str, content: bytes, listing: dict[str, os.stat_result]) -> tuple[bool, bool]:
    """Whether ``path`` must be written, and whether it exists; the file is read only when its size matches.

    ``listing`` is its folder's: a first export into a new folder touches no file to find out,
    which on a network share spares a round trip per file.
    """
    status = listing.get(os.path.basename(path))
    if status is None:
        return True, False
    if status.st_size != len(content):
        return True, True
    try:
        with open(path, "rb") as stream:
            return stream.read() != content, True
    except FileNotFoundError:
        return True, False
    except OSError as error:
        raise PublishError(tr("Cannot write {file}: {reason}; the previous file was kept.",
                              file=path, reason=_reason(error))) from error


def _durability_barrier(temporaries: list[tuple[str, str]]) -> None:
    """Make the temporary files' bytes durable before any rename.

    fsync() costs milliseconds per file and a 10,000-file export would spend most of its time
    there, so a large batch is flushed by one sync(). Windows has no sync(): fsync each file.
    """
    if hasattr(os, "sync") and len(temporaries) > _FSYNC_EACH_UP_TO:
        os.sync()
        return
    for temporary, _ in temporaries:
        descriptor = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_files(folder: Path, files: Iterable[FeedFile], result: FolderResult) -> None:
    """Write the changed files in two phases: every temporary first, then the renames.

    A failure while writing (disk full, read-only share) removes all temporaries and renames
    nothing, so every old file stays; a failure while renaming (a file held open) leaves each
    file old or new. Subscribers never see a half-written file.
    """
    base = str(folder)
    tag = str(os.getpid())
    temporaries: list[tuple[str, str]] = []
    replacing: list[tuple[str, str]] = []   # temporaries that will replace an existing file
    changed: list[str] = []
    listings: dict[str, dict[str, os.stat_result]] = {}     # folder -> its files, listed once
    renamed = 0
    current = base
    try:
        for file in files:
            current = os.path.join(base, file.path)
            directory = os.path.dirname(current)
            if directory not in listings:
                listings[directory] = _listing(directory)
                os.makedirs(directory, exist_ok=True)
            differs, exists = _differs(current, file.content, listings[directory])
            if not differs:
                result.unchanged.append(file.path)
                continue
            temporary = write_temporary(current, file.content, tag)
            temporaries.append((temporary, current))
            if exists:
                replacing.append((temporary, current))
            changed.append(file.path)
        # Only a file that replaces an old one must be durable before its rename: a crash can
        # leave a brand-new file empty at worst, and the next export sees its size differ from
        # the manifest and writes it again. This spares a first export a sync of every byte.
        if replacing:
            _durability_barrier(replacing)
        for temporary, current in temporaries:
            replace_file(temporary, current)
            renamed += 1
    except OSError as error:
        raise PublishError(tr("Cannot write {file}: {reason}; the previous file was kept.",
                              file=current, reason=_reason(error))) from error
    finally:
        for temporary, _ in temporaries[renamed:]:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    result.written.extend(changed)


def export_fingerprint(source: FeedSource, invitations: frozenset[str] | None) -> str:
    """A hash of everything the folder's files are made from: the data, the zone rules, the code.

    The files are a pure function of these, so an equal fingerprint with the files as we left
    them means there is nothing to write: a re-export then skips rendering and comparing.
    """
    digest = hashlib.sha256()
    digest.update(Path(ical_export.__file__).read_bytes())
    digest.update(vtimezone_block(source.settings.timezone))
    digest.update(repr(source).encode("utf-8"))
    digest.update(repr(sorted(invitations) if invitations is not None else None).encode("utf-8"))
    return digest.hexdigest()


def _file_stamps(folder: Path, paths: Iterable[str]) -> dict[str, list[int] | None]:
    """Size and modification time of each file (None if missing), one listing per folder."""
    listings: dict[str, dict[str, os.stat_result]] = {}
    stamps: dict[str, list[int] | None] = {}
    for relative in paths:
        directory, _, name = relative.rpartition("/")
        if directory not in listings:
            listings[directory] = _listing(os.path.join(folder, directory))
        status = listings[directory].get(name)
        stamps[relative] = [status.st_size, status.st_mtime_ns] if status is not None else None
    return stamps


def _unchanged_since_last_export(folder: Path, fingerprint: str) -> list[str] | None:
    """The files of the last export if it was made from the same fingerprint and nobody touched them."""
    try:
        manifest = json.loads((folder / MANIFEST).read_bytes())
        files = manifest["files"]
        if manifest["fingerprint"] != fingerprint or not isinstance(files, dict):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if _file_stamps(folder, files) != files:
        return None
    return sorted(files)


def _write_manifest(folder: Path, fingerprint: str, paths: Iterable[str]) -> None:
    files = _file_stamps(folder, sorted(paths))
    write_atomically(folder / MANIFEST, json.dumps({"fingerprint": fingerprint, "files": files},
                                                   sort_keys=True).encode("utf-8"))


def publish_folder(repo: Repository, folder: Path, *, invitations: bool = False,
                   source: FeedSource | None = None) -> FolderResult:
    """Write (only what changed of) the feeds, and optionally the invitations, into ``folder``.

    Feeds of departments or projects that no longer exist are removed, so the folder mirrors
    the database.
    """
    folder = prepare_folder(folder)
    lock = contextlib.ExitStack()
    try:
        held = lock.enter_context(folder_lock(folder, LOCK_WAIT_SECONDS))
    except FolderLocked:
        raise PublishError(tr("Another export is writing to {folder} (another window, command or computer); "
                              "nothing was changed. Export again when it has finished.", folder=folder)) from None
    except OSError as error:     # the lock file cannot be created: a read-only folder
        raise PublishError(tr("Cannot write to the export folder {folder}: {reason}",
                              folder=folder, reason=_reason(error))) from error
    with lock:
        # Holding the lock, every temporary in the folder is a killed export's: remove them now.
        remove_stale_temporaries(folder, older_than=0.0 if held else STALE_TEMPORARY_SECONDS)
        return _publish_locked(repo, folder, invitations, source)


def _publish_locked(repo: Repository, folder: Path, invitations: bool, source: FeedSource | None) -> FolderResult:
    source = source or load_feed_source(repo)
    existing = None
    if invitations:
        existing = frozenset(f"{INVITATION_FOLDER}/{p.name}" for p in (folder / INVITATION_FOLDER).glob("*.ics"))
    fingerprint = export_fingerprint(source, existing)
    result = FolderResult(folder)
    unchanged = _unchanged_since_last_export(folder, fingerprint)
    if unchanged is not None:
        result.unchanged = unchanged
        return result
    files: Iterable[FeedFile] = iter_feeds(source)
    if existing is not None:
        files = itertools.chain(files, build_invitations(source, existing))
    write_files(folder, files, result)
    for relative in _our_stale_files(folder, {*result.written, *result.unchanged}):
        try:
            (folder / relative).unlink()
        except OSError as error:
            raise PublishError(tr("Cannot remove the outdated feed {file}: {reason}",
                                  file=folder / relative, reason=_reason(error))) from error
        result.removed.append(relative)
    if result.written or result.removed:
        for directory in sorted({str(folder), *(os.path.dirname(os.path.join(folder, path))
                                                for path in [*result.written, *result.removed])}):
            fsync_directory(directory)
    _write_manifest(folder, fingerprint, [*result.written, *result.unchanged])
    return result


# --- CalDAV ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CalDAVTarget:
    url: str
    username: str = ""
    password: str | None = None
    timeout: float = DEFAULT_TIMEOUT_SECONDS


@dataclass(frozen=True)
class ServerAnswer:
    """A department's PARTSTAT on our event in its calendar on the server."""

    visit: int
    department: str
    sequence: int        # the event's SEQUENCE: an answer to an older time is not counted
    partstat: str
    reason: str


@dataclass
class CalDAVResult:
    url: str
    calendars_created: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    withheld: list[Collision] = field(default_factory=list)   # visits not published: another bureau's is there
    city_calendars: int = 0                                    # other bureaus' calendars re-read first
    answers_recorded: int = 0                                  # departments' answers (回执) found on the server


def caldav_password(url: str, username: str, environ: dict[str, str] | None = None) -> str | None:
    """The CalDAV password: the environment variable first, then the system keyring if installed."""
    return secret([PASSWORD_VARIABLE], [(KEYRING_SERVICE, f"{username}@{url}")], environ)


def remember_caldav_password(url: str, username: str, password: str) -> None:
    """Store the password in the system keyring, where ``caldav_password`` finds it next time."""
    try:
        store_secret(KEYRING_SERVICE, f"{username}@{url}", password)
    except NoKeyring:
        raise PublishError(tr("No system keyring is available on this computer: the password was used for "
                              "this publish only. Set {variable} to give it without typing.",
                              variable=PASSWORD_VARIABLE)) from None
    except Exception as error:   # the keyring backend refused
        raise PublishError(tr("The system keyring did not store the password ({reason}); it was used for "
                              "this publish only.", reason=_short_reason(error))) from None


def calendar_id(department_code: str | None) -> str:
    """The collection name on the server: stable, ASCII, one per department plus the shared one."""
    if department_code is None:
        return SHARED_CALENDAR_ID
    return f"{SHARED_CALENDAR_ID}-" + "".join(c if c.isalnum() and c.isascii() else "_"
                                               for c in department_code.lower())


def content_hash(resource: bytes) -> str:
    return hashlib.sha256(resource).hexdigest()[:32]


def with_hash(resource: bytes, digest: str | None = None) -> bytes:
    """The resource with its content hash (``digest`` when already known) as a property of the event
    (servers keep X- properties)."""
    marker = b"END:VEVENT\r\n"
    line = f"{HASH_PROPERTY}:{digest or content_hash(resource)}\r\n".encode("ascii")
    index = resource.rindex(marker)
    return resource[:index] + line + resource[index:]


def _desired(source: FeedSource) -> dict[tuple[str, str], dict[str, bytes]]:
    """What each calendar should hold: {(calendar id, display name): {uid: resource}}."""
    mirror: dict[tuple[str, str], dict[str, bytes]] = {
        (calendar_id(None), shared_feed_name(source)): {
            visit_uid(v.id, source.uid_token): shared_event(source, v) for v in source.visits},
    }
    mirror.update(_desired_departments(source))
    return mirror


def _desired_departments(source: FeedSource) -> dict[tuple[str, str], dict[str, bytes]]:
    """The department calendars' part of _desired (what the answers are read against)."""
    mirror: dict[tuple[str, str], dict[str, bytes]] = {}
    for code in sorted(source.departments):
        department = source.departments[code]
        mirror[(calendar_id(code), department_feed_name(department))] = {
            visit_uid(v.id, source.uid_token): department_event(source, v, department_tags(source, v, code))
            for v in source.visits if code in v.departments}
    return mirror


def department_tags(source: FeedSource, visit: Visit, department: str) -> list[str]:
    """A department calendar's event lines with the tags other bureaus read it by (DESIGN §12): whose visit,
    which department, project and place, so it counts toward the department's capacity and travel."""
    place = source.places.get(visit.place)
    lines = [f"{DEPARTMENT_PROPERTY}:{escape_text(department)}",
             f"{BUREAU_PROPERTY}:{escape_text(source.settings.bureau_name)}",
             f"{PROJECT_PROPERTY}:{escape_text(visit.project)}",
             f"{PLACE_PROPERTY}:{escape_text(visit.place)}"]
    if place is not None:
        lines.append(f"{PLACE_NAME_PROPERTY}:{escape_text(place.name)}")
    # The department answers in its CalDAV client: the server copy's PARTSTAT changes, our hash does not, so
    # publishing leaves the answer in place and reads it back (回执; confirmations from the server).
    # (The event already names the bureau as ORGANIZER when it has an e-mail address.)
    member = source.departments.get(department)
    if source.organizer_line and member is not None and member.email.strip():
        lines.append(server_attendee_line(member))
    return lines


_ERRNO_TEXT = re.compile(r"\[Errno -?\d+\] ([^'\")\]]+)")


def _short_reason(error: BaseException) -> str:
    """The operating system's words for a network failure, not the HTTP library's object dump."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, OSError) and seen.strerror:
            return seen.strerror
        seen = seen.__cause__ or seen.__context__
    found = _ERRNO_TEXT.search(str(error))
    return found.group(1).strip() if found else str(error)[:200]


def _caldav_error(target: CalDAVTarget, error: Exception) -> PublishError:
    from caldav.lib import error as dav_errors

    text = str(error)
    if isinstance(error, dav_errors.AuthorizationError) or " 401" in text or "Unauthorized" in text:
        message = tr("The CalDAV server {url} refused the user name or password (set the password in the "
                     "environment variable {variable} or the system keyring); nothing was changed locally.",
                     url=target.url, variable=PASSWORD_VARIABLE)
    elif "timed out" in text.lower() or "timeout" in type(error).__name__.lower():
        message = tr("The CalDAV server {url} did not answer within {seconds} seconds; nothing was changed "
                     "locally. Publish again later to complete the mirror.", url=target.url,
                     seconds=int(target.timeout))
    elif isinstance(error, (ConnectionError, OSError)) or "connect" in text.lower():
        message = tr("Cannot reach the CalDAV server {url} ({reason}); nothing was changed locally. "
                     "Publish again later to complete the mirror.", url=target.url, reason=_short_reason(error))
    else:
        message = tr("The CalDAV server {url} reported an error: {reason}; nothing was changed locally. "
                     "Publish again later to complete the mirror.", url=target.url, reason=text[:300])
    return PublishError(message)


def _unfolded(data: str) -> str:
    return data.replace("\r\n ", "").replace("\n ", "")


def _stored_uid_and_hash(unfolded: str) -> tuple[str | None, str | None]:
    """The event's UID and our content hash in a server resource (one pass over its unfolded lines)."""
    uid = digest = None
    in_event = False
    for line in unfolded.splitlines():
        upper = line.upper()
        if digest is None and upper.startswith(HASH_PROPERTY + ":"):
            digest = line.split(":", 1)[1].strip()
        elif upper == "BEGIN:VEVENT":
            in_event = True
        elif uid is None and in_event and upper.startswith("UID"):
            uid = line.split(":", 1)[1].strip()
        if uid is not None and digest is not None:
            break
    return uid, digest


def publish_caldav(repo: Repository, target: CalDAVTarget, *, source: FeedSource | None = None,
                   progress: Callable[[str], None] | None = None) -> CalDAVResult:
    """Mirror the active visits to the CalDAV server: create, update and remove events."""
    if not target.url.lower().startswith(("http://", "https://")):
        raise PublishError(tr("The CalDAV address {url} must start with http:// or https://", url=target.url))
    source = source or load_feed_source(repo)
    result = CalDAVResult(target.url)
    # First the other bureaus' visits of the departments we share, as they are now: a visit of ours that
    # collides with one of them is not published (the first to publish wins; DESIGN §12).
    result.city_calendars = _reread_city_calendars(repo, target)
    desired = _desired(source)
    with _server_session(target) as client:
        principal = client.principal()
        existing = {c.id if c.id else str(c.url).rstrip("/").rsplit("/", 1)[-1]: c for c in principal.calendars()}
        home = str(principal.calendar_home_set.url)
        with _Connections(target, _passed_on(progress), _negotiated_auth_type(client)) as connections:
            # A first publish creates a calendar per department: side by side, each a few round trips.
            missing = [(home, cal_id, name) for cal_id, name in desired if cal_id not in existing]
            created = dict(connections.run(_make_calendar, missing))
            result.calendars_created = sorted(created)
            urls = {cal_id: created.get(cal_id) or str(existing[cal_id].url) for cal_id, _ in desired}
            wanted: list[tuple[str, dict[str, bytes]]] = [   # calendar URL -> the events it must hold
                (urls[cal_id], events) for (cal_id, _), events in desired.items()]
            _tag_calendars(client, connections, source, urls, set(created))
            # A department that no longer exists: its calendar stays (subscribers keep a working
            # address) but is emptied, as its feed file is removed from the folder.
            kept = {cal_id for cal_id, _ in desired}
            wanted += [(str(calendar.url), {}) for cal_id, calendar in sorted(existing.items())
                       if cal_id.startswith(f"{SHARED_CALENDAR_ID}-") and cal_id not in kept]
            plan = functools.partial(_planned_changes, own_suffix=own_uid_suffix(source.uid_token))
            planned = connections.run(plan, wanted)
            changes = [change for calendar_changes, _ in planned for change in calendar_changes]
            # The departments' answers in their calendars (回执), read in the same pass.
            result.answers_recorded = record_server_answers(
                repo, [answer for _, answers in planned for answer in answers])
            result.withheld = _collisions(repo, source, changes)
            held = {visit_uid(c.visit_id, source.uid_token) for c in result.withheld}
            # A withheld visit is left on the server as it is (if it is there at all): not created, moved or removed.
            changes = [change for change in changes if change.uid not in held]
            result.unchanged = sum(len(events) for _, events in wanted) - sum(
                1 for change in changes if change.kind != "delete")
            for kind in connections.run(_apply_change, changes):
                setattr(result, _COUNTERS[kind], getattr(result, _COUNTERS[kind]) + 1)
    return result


class _ProgressStop(Exception):
    """What the progress callback raised (the user cancelled): passed on as it is, not as a server error."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


def _passed_on(progress: Callable[[str], None] | None) -> Callable[[str], None] | None:
    if progress is None:
        return None

    def call(text: str) -> None:
        try:
            progress(text)
        except Exception as error:
            raise _ProgressStop(error) from error
    return call


def _dav_client(target: CalDAVTarget, auth_type: str | None = None):
    """A client for the server; ``auth_type`` (what an earlier client negotiated) sends the credentials
    with the first request instead of waiting for a 401, which servers answer slowly on purpose."""
    import caldav

    # With a user name but no password, send an empty one: servers without authentication
    # (Radicale's "none") still need the user name to find the calendars.
    password = target.password if target.password is not None else ("" if target.username else None)
    return caldav.DAVClient(url=target.url, username=target.username or None, password=password,
                            timeout=target.timeout, enable_rfc6764=False,
                            auth_type=auth_type if target.username else None)


@contextlib.contextmanager
def _server_session(target: CalDAVTarget):
    """A client for ``target`` that is closed afterwards; any failure becomes one PublishError naming the
    server (a cancel raised by the progress callback passes through as it is)."""
    client = None
    try:
        client = _dav_client(target)
        yield client
    except PublishError:
        raise
    except _ProgressStop as stop:
        raise stop.error from None
    except Exception as error:
        raise _caldav_error(target, error) from error
    finally:
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()


def _negotiated_auth_type(client) -> str | None:
    """The scheme the server asked ``client`` for (after its first request), for the other connections."""
    return {"HTTPBasicAuth": "basic", "HTTPDigestAuth": "digest"}.get(type(getattr(client, "auth", None)).__name__)


class _Connections:
    """A few HTTP sessions to the server, one per worker thread: each event is a round trip,
    and a first publish is thousands of them.

    ``run`` applies a function to many items at once; the first failure (or a cancel raised by
    ``progress``) stops the rest. What was already sent stays: the next publish completes it.
    """

    def __init__(self, target: CalDAVTarget, progress: Callable[[str], None] | None,
                 auth_type: str | None = None) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.target, self.progress, self.auth_type = target, progress, auth_type
        self._local = threading.local()
        self._clients: list[object] = []
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=CALDAV_CONNECTIONS)

    def __enter__(self) -> "_Connections":
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        for client in self._clients:
            with contextlib.suppress(Exception):
                client.close()

    def _client(self):
        if not hasattr(self._local, "client"):
            self._local.client = _dav_client(self.target, self.auth_type)
            with self._lock:
                self._clients.append(self._local.client)
        return self._local.client

    def run(self, function: Callable, items: Iterable) -> list:
        """``function(client, item)`` for every item, at most CALDAV_CONNECTIONS at a time."""
        from concurrent.futures import as_completed

        futures = [self._pool.submit(lambda item=item: function(self._client(), item)) for item in items]
        results = []
        try:
            for future in as_completed(futures):
                results.append(future.result())
                if self.progress:
                    self.progress(self.target.url)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
        return results


_COUNTERS = {"create": "created", "update": "updated", "delete": "removed"}


@dataclass(frozen=True)
class _Change:
    """One request that brings a server calendar in line with the database."""

    kind: str                 # "create", "update" or "delete"
    calendar_url: str
    url: str | None = None    # the event on the server (update, delete)
    data: str | None = None   # its new text (create, update)
    uid: str = ""


def _planned_changes(client, wanted: tuple[str, dict[str, bytes]],
                     own_suffix: str) -> tuple[list[_Change], list[ServerAnswer]]:
    """What one calendar on the server needs so that our events in it are exactly ``events`` (UID -> resource),
    and the departments' answers found in our events there.

    Only events with this database's UID token are ours: an event a department or a clerk added by hand to
    the calendar, or another bureau's, is never updated or removed.
    """
    calendar_url, events = wanted
    hashes = {uid: content_hash(content) for uid, content in events.items()}
    on_server: dict[str, tuple[str, str | None]] = {}
    answers: list[ServerAnswer] = []
    for resource in client.calendar(url=calendar_url).events():
        data = resource.data or ""
        unfolded = _unfolded(data)
        uid, digest = _stored_uid_and_hash(unfolded)
        if uid is not None and uid.endswith(own_suffix):
            on_server[uid] = (str(resource.url), digest)
            # An answer counts only on our current version of the event (same hash): one on an event about
            # to be rewritten (a move) answers a time that is no longer the visit's, whatever its SEQUENCE says
            # (clients raise it when the attendee answers).
            if uid in events and digest == hashes[uid]:
                answer = server_answer(data, uid, own_suffix, unfolded=unfolded)
                if answer is not None:
                    answers.append(answer)
    changes = []
    for uid in sorted(events):
        content, digest = events[uid], hashes[uid]
        if uid not in on_server:
            changes.append(_Change("create", calendar_url, data=with_hash(content, digest).decode("utf-8"), uid=uid))
        elif on_server[uid][1] != digest:
            changes.append(_Change("update", calendar_url, on_server[uid][0],
                                   with_hash(content, digest).decode("utf-8"), uid=uid))
    changes += [_Change("delete", calendar_url, on_server[uid][0], uid=uid)
                for uid in sorted(set(on_server) - set(events))]
    return changes, answers


# --- the departments' answers on the server (回执) -----------------------------------------------
_PARTSTAT = re.compile(r"PARTSTAT=([A-Za-z-]+)")
_VISIT_ID = re.compile(r"^visit-(\d+)@")


def server_answer(data: str, uid: str, own_suffix: str, *, unfolded: str | None = None) -> ServerAnswer | None:
    """The department's answer in our event on the server (None: none, or still NEEDS-ACTION).

    Most events are unanswered: a text search settles those without parsing the event (``unfolded``: its
    unfolded text, when the caller has it already).
    """
    unfolded = _unfolded(data) if unfolded is None else unfolded
    if not any(value.upper() != "NEEDS-ACTION" for value in _PARTSTAT.findall(unfolded)):
        return None
    match = _VISIT_ID.match(uid)
    if match is None or not uid.endswith(own_suffix):
        return None
    import icalendar

    try:
        event = next(iter(icalendar.Calendar.from_ical(data).walk("VEVENT")), None)
    except Exception:   # an event a client damaged is not an answer; publishing rewrites it if its hash differs
        return None
    department = str(event.get(DEPARTMENT_PROPERTY, "")).strip() if event is not None else ""
    attendees = event.get("ATTENDEE") if event is not None else None
    attendees = attendees if isinstance(attendees, list) else [attendees] if attendees is not None else []
    if not department or not attendees:
        return None
    attendee = attendees[0]
    partstat = str(attendee.params.get("PARTSTAT", "")).strip().upper()
    comment = event.get("COMMENT")
    comment = comment[0] if isinstance(comment, list) and comment else comment
    reason = str(attendee.params.get("X-RESPONSE-COMMENT", "") or (comment or "")).strip()
    try:
        sequence = int(str(event.get("SEQUENCE", 0)))
    except ValueError:
        return None
    return ServerAnswer(int(match.group(1)), department, sequence, partstat, reason)


def fetch_confirmations(repo: Repository, target: CalDAVTarget, *,
                        progress: Callable[[str], None] | None = None) -> int:
    """`confirmations fetch`: read the departments' answers in our department calendars on the server and record
    the new ones (source 'server'). Reads only: nothing on the server changes. Returns the answers recorded."""
    if not target.url.lower().startswith(("http://", "https://")):
        raise PublishError(tr("The CalDAV address {url} must start with http:// or https://", url=target.url))
    source = load_feed_source(repo)
    # What publishing would put there: an answer counts only on our current version of the event.
    desired = {cal_id: events for (cal_id, _), events in _desired_departments(source).items()}
    with _server_session(target) as client:
        calendars = []
        for calendar in client.principal().calendars():
            cal_id = calendar.id or str(calendar.url).rstrip("/").rsplit("/", 1)[-1]
            if cal_id in desired:
                calendars.append((str(calendar.url), desired[cal_id]))
        with _Connections(target, _passed_on(progress), _negotiated_auth_type(client)) as connections:
            read = functools.partial(_planned_changes, own_suffix=own_uid_suffix(source.uid_token))
            planned = connections.run(read, calendars)
    return record_server_answers(repo, [answer for _, answers in planned for answer in answers])


def _make_calendar(client, wanted: tuple[str, str, str]) -> tuple[str, str]:
    """Create one calendar under the calendar home: (its id, its URL)."""
    import caldav

    home, cal_id, name = wanted
    calendar = caldav.CalendarSet(client=client, url=home).make_calendar(name=name, cal_id=cal_id)
    return cal_id, str(calendar.url)


def _apply_change(client, change: _Change) -> str:
    import caldav

    calendar = client.calendar(url=change.calendar_url)
    if change.kind == "create":
        calendar.save_event(change.data)
    elif change.kind == "update":
        # SEQUENCE is ours (it rises on a move only); the library would raise it on every save.
        caldav.Event(client=client, url=change.url, data=change.data, parent=calendar).save(increase_seqno=False)
    else:
        caldav.Event(client=client, url=change.url, parent=calendar).delete()
    return change.kind


# --- the city: other bureaus on the same server (DESIGN §12) ----------------------------------------
def _reread_city_calendars(repo: Repository, target: CalDAVTarget) -> int:
    """Refresh every other bureau's calendar before publishing; one that cannot be read stops the publish
    (nothing is sent), since a visit could then be double-booked unseen."""
    from desktop_app.core.calendar.city import discover, refresh_city_sources
    from desktop_app.core.calendar.ical_normalise import CalendarFeedError

    try:
        # Discovery first: a bureau that published its calendars since our last look is read too.
        found = discover(repo.db, server=target.url, username=target.username, password=target.password,
                         timeout=target.timeout, quiet_listing=True)
        attached = {(c.department, c.url) for c in found if c.attached}
        return len(attached) + refresh_city_sources(repo.db, timeout=target.timeout, password=target.password,
                                                    skip=attached)
    except CalendarFeedError as error:
        raise PublishError(tr("Nothing was published: another bureau's calendar could not be read first, so a "
                              "double booking could not be ruled out.\n{problem}", problem=error)) from None


def _collisions(repo: Repository, source: FeedSource, changes: list[_Change]) -> list[Collision]:
    """Our visits that other bureaus' visits leave no room for. Visits already on the server unchanged were
    there first and keep their place; new and moved ones yield."""
    if not source.visits:
        return []
    first = min(v.start for v in source.visits).astimezone(source.zone).date()
    last = max(v.start for v in source.visits).astimezone(source.zone).date()
    foreign = load_foreign_visits(repo.db, first, last, source.settings.timezone)
    if not foreign:
        return []
    pending = {change.uid for change in changes if change.kind != "delete"}
    settings = source.settings
    travel = travel_function(repo.travel_matrix(), settings.default_travel_minutes, settings.city_travel_minutes)
    capacity = {code: d.daily_capacity for code, d in source.departments.items()}
    return city_collisions(source.visits, foreign, capacity, travel, source.zone,
                           first=lambda visit: visit_uid(visit.id, source.uid_token) not in pending)


_TAGS_BODY = ('<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" xmlns:j="urn:joint-acceptance">'
              '<d:prop><j:department/><j:bureau/></d:prop></d:propfind>')


def _tag_calendars(client, connections: _Connections, source: FeedSource, calendars: dict[str, str],
                   created: set[str]) -> None:
    """Give each department calendar the department's code and the bureau's name as WebDAV properties,
    where discovery by other bureaus finds them (only where they are missing or changed: one listing of
    the home tells, so an unchanged publish costs one request)."""
    import urllib.parse
    from xml.sax.saxutils import escape

    wanted = {calendars[calendar_id(code)]: code for code in source.departments if calendar_id(code) in calendars}
    if not wanted:
        return
    tagged: set[str] = set()
    if len(created) < len(wanted):
        home = next(iter(wanted)).rstrip("/").rsplit("/", 1)[0] + "/"
        answer = client.propfind(home, _TAGS_BODY, depth=1)
        try:
            root = ElementTree.fromstring(answer.raw)
        except ElementTree.ParseError:      # an answer we cannot read: every calendar is tagged again
            root = ElementTree.Element("none")
        by_address = {urllib.parse.unquote(url): url for url in wanted}     # hrefs come unquoted
        bureau = source.settings.bureau_name
        for href, _, prop in city_responses(root):
            url = by_address.get(urllib.parse.unquote(urllib.parse.urljoin(home, href)))
            if url is not None and prop is not None \
                    and prop.findtext("j:department", "", DAV_NAMESPACES).strip() == wanted[url] \
                    and prop.findtext("j:bureau", "", DAV_NAMESPACES).strip() == bureau.strip():
                tagged.add(url)
    def tag(thread_client, item: tuple[str, str]) -> None:
        url, code = item
        thread_client.proppatch(url, '<?xml version="1.0" encoding="utf-8"?><d:propertyupdate xmlns:d="DAV:" '
                                'xmlns:j="urn:joint-acceptance"><d:set><d:prop>'
                                f'<j:department>{escape(code)}</j:department>'
                                f'<j:bureau>{escape(source.settings.bureau_name)}</j:bureau>'
                                '</d:prop></d:set></d:propertyupdate>')

    connections.run(tag, [(url, code) for url, code in sorted(wanted.items()) if url not in tagged])
