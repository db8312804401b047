"""CalDAV calendars as busy-time sources, and the city's other bureaus on the same server (DESIGN §12).

A CalDAV source (``caldav://host/path/`` or ``caldavs://``, i.e. http or https) is read with a
time-range ``calendar-query`` REPORT over the planning window, not downloaded whole, and refreshed
with RFC 6578 ``sync-collection`` where the server offers sync tokens: only the events changed since
the last refresh travel. The events are kept per resource (``caldav_resources``) and joined into one
calendar that goes through the same checked import as any feed, so every bound of the import holds
(size, events, recurrences, time) and a failed refresh keeps the last good copy.

Discovery lists the calendars of other bureaus this account may read on the city server: our own
publishing tags each department calendar with the department's code and the bureau's name (WebDAV
properties, ``urn:joint-acceptance``), and each one is attached to our department with the same code.
Passwords come from the environment or the system keyring, never from the database.
"""

from __future__ import annotations

import datetime as dt
import functools
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

from sqlite_utils import Database

from desktop_app.core.calendar import availability as av
from desktop_app.core.calendar.ical_normalise import read_duration
from desktop_app.core.calendar.ical_reader import (
    FETCH_TIMEOUT_SECONDS, MAX_FEED_BYTES, SOURCE_PASSWORD_VARIABLE, CalendarFeedError, HTTPStatusError,
    basic_authorization, http_request, http_url,
)
from desktop_app.core.model.messages import tr
from desktop_app.core.store.database import now_iso
from desktop_app.core.store.secrets import secret

CALDAV_SCHEMES = ("caldav://", "caldavs://")
PROPERTY_NAMESPACE = "urn:joint-acceptance"
SOURCE_KEYRING_SERVICE = "joint-acceptance-source"
# The bureau's publishing account (publishing.py): the same account usually reads the city's calendars.
CALDAV_PASSWORD_VARIABLE = "JOINT_ACCEPTANCE_CALDAV_PASSWORD"
CALDAV_KEYRING_SERVICE = "joint-acceptance-caldav"
MULTIGET_BATCH = 200
DEFAULT_REFRESH_SECONDS = 3600          # a source that names no REFRESH-INTERVAL
_NS = {"d": "DAV:", "c": "urn:ietf:params:xml:ns:caldav", "j": PROPERTY_NAMESPACE}
_STALE_TOKEN_STATUSES = (400, 403, 409, 412)     # the server no longer knows our sync token: read again


def is_caldav(location: str) -> bool:
    return location.lower().startswith(CALDAV_SCHEMES)


def caldav_location(url: str) -> str:
    """How a CalDAV calendar found at an http(s) address is remembered as a source."""
    scheme, rest = url.split("://", 1)
    return ("caldavs://" if scheme.lower() == "https" else "caldav://") + rest


# --- passwords -------------------------------------------------------------------------------------
def source_password(url: str, username: str, *, server: str = "",
                    environ: Mapping[str, str] | None = None) -> str | None:
    """The password of a source's user name: the environment first (the source variable, then the
    publishing account's), then the system keyring (the source's entry, then the city server's)."""
    return password_lookup(server, environ)(url, username)


PasswordLookup = Callable[[str, str], str | None]


def password_lookup(server: str, environ: Mapping[str, str] | None = None) -> PasswordLookup:
    """source_password for one run over many calendars: each keyring entry is asked at most once (the city
    server's entry is the same for all of them)."""
    entry = functools.cache(lambda service, key: secret((), ((service, key),)))

    def lookup(url: str, username: str) -> str | None:
        return (secret((SOURCE_PASSWORD_VARIABLE, CALDAV_PASSWORD_VARIABLE), (), environ)
                or entry(SOURCE_KEYRING_SERVICE, f"{username}@{url}")
                or entry(CALDAV_KEYRING_SERVICE, f"{username}@{server}"))

    return lookup


@dataclass(frozen=True)
class Account:
    username: str = ""
    password: str | None = None
    timeout: float = FETCH_TIMEOUT_SECONDS


def _request(account: Account, url: str, method: str, body: str, depth: str, label: str) -> ElementTree.Element:
    """One WebDAV request; its multistatus answer parsed. Every failure names ``label``."""
    headers = {"User-Agent": "joint-acceptance/1", "Content-Type": "application/xml; charset=utf-8",
               "Depth": depth, **basic_authorization(account.username, account.password)}
    request = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers, method=method)
    data = http_request(request, label, account.timeout, MAX_FEED_BYTES)
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        root = None
    if root is None or root.tag != "{DAV:}multistatus":
        raise CalendarFeedError(tr("{source}: the server's answer is not a CalDAV calendar listing (is this "
                                   "the address of a calendar?)", source=label))
    return root


def _responses(root: ElementTree.Element) -> Iterable[tuple[str, int, ElementTree.Element | None]]:
    """(href, status, the 200 prop element) of each response."""
    for response in root.findall("d:response", _NS):
        href = urllib.parse.unquote(response.findtext("d:href", "", _NS).strip())
        status_text = response.findtext("d:status", "", _NS)
        prop = None
        for propstat in response.findall("d:propstat", _NS):
            if " 200 " in propstat.findtext("d:status", "", _NS) + " ":
                prop = propstat.find("d:prop", _NS)
        status = 404 if " 404 " in status_text + " " else 200
        yield href, status, prop


def _absolute(base: str, href: str) -> str:
    return urllib.parse.urljoin(base, urllib.parse.quote(href, safe="/:@%"))


# --- reading one calendar ---------------------------------------------------------------------------
def _utc(day: dt.date) -> str:
    return f"{day:%Y%m%d}T000000Z"


def _query(account: Account, url: str, first: dt.date, last: dt.date, label: str) -> dict[str, tuple[str, bytes]]:
    """href → (etag, data) of the events that touch [first, last] (recurring ones by any occurrence)."""
    body = (f'<?xml version="1.0" encoding="utf-8"?><c:calendar-query xmlns:d="DAV:" '
            f'xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>'
            f'<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">'
            f'<c:time-range start="{_utc(first)}" end="{_utc(last + dt.timedelta(days=1))}"/>'
            f'</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>')
    return _calendar_data(_request(account, url, "REPORT", body, "1", label), label)


def _calendar_data(root: ElementTree.Element, label: str) -> dict[str, tuple[str, bytes]]:
    """href → (etag, data) of a calendar-query or multiget answer; a resource that is not iCalendar is refused
    (joined_calendar would drop it without a word)."""
    found = {}
    for href, status, prop in _responses(root):
        if status != 200 or prop is None:
            continue
        data = prop.findtext("c:calendar-data", None, _NS)
        if data is not None:
            found[href] = (prop.findtext("d:getetag", "", _NS), data.encode("utf-8"))
    for href in sorted(found):
        if not found[href][1].lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper().startswith(b"BEGIN:VCALENDAR"):
            raise CalendarFeedError(tr("{source}: the event {href} is not iCalendar data", source=label, href=href))
    return found


def _sync_token(account: Account, url: str, label: str) -> str:
    body = '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:sync-token/></d:prop></d:propfind>'
    for _, _, prop in _responses(_request(account, url, "PROPFIND", body, "0", label)):
        if prop is not None and prop.findtext("d:sync-token", "", _NS):
            return prop.findtext("d:sync-token", "", _NS).strip()
    return ""


def _sync(account: Account, url: str, token: str, label: str) -> tuple[str, dict[str, str], set[str]]:
    """RFC 6578: the new token, changed href → etag, and deleted hrefs since ``token``."""
    body = (f'<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:">'
            f'<d:sync-token>{escape(token)}</d:sync-token><d:sync-level>1</d:sync-level>'
            f'<d:prop><d:getetag/></d:prop></d:sync-collection>')
    root = _request(account, url, "REPORT", body, "0", label)
    changed: dict[str, str] = {}
    deleted: set[str] = set()
    for href, status, prop in _responses(root):
        if status == 404:
            deleted.add(href)
        elif prop is not None and not href.endswith("/"):
            changed[href] = prop.findtext("d:getetag", "", _NS)
    return root.findtext("d:sync-token", "", _NS).strip(), changed, deleted


def _multiget(account: Account, url: str, hrefs: list[str], label: str) -> dict[str, tuple[str, bytes]]:
    found: dict[str, tuple[str, bytes]] = {}
    for start in range(0, len(hrefs), MULTIGET_BATCH):
        listed = "".join(f"<d:href>{escape(urllib.parse.quote(h, safe='/:@%'))}</d:href>"
                         for h in hrefs[start:start + MULTIGET_BATCH])
        body = (f'<?xml version="1.0" encoding="utf-8"?><c:calendar-multiget xmlns:d="DAV:" '
                f'xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>'
                f'{listed}</c:calendar-multiget>')
        found.update(_calendar_data(_request(account, url, "REPORT", body, "1", label), label))
    return found


def joined_calendar(resources: Iterable[bytes]) -> bytes:
    """One VCALENDAR holding every resource's components (each time zone once), for the checked import."""
    zones: dict[str, list[str]] = {}
    events: list[str] = []
    for data in resources:
        text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        block: list[str] | None = None
        depth = 0
        for line in text.split("\n"):
            upper = line.upper()
            if upper.startswith("BEGIN:") and upper != "BEGIN:VCALENDAR":
                if depth == 0:
                    block = []
                depth += 1
            if block is not None:
                block.append(line)
            if upper.startswith("END:") and upper != "END:VCALENDAR" and depth:
                depth -= 1
                if depth == 0 and block is not None:
                    if block[0].upper() == "BEGIN:VTIMEZONE":
                        tzid = next((b.split(":", 1)[1] for b in block if b.upper().startswith("TZID")), "")
                        zones.setdefault(tzid, block)
                    else:
                        events.extend(block)
                    block = None
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//joint-acceptance//caldav-source//EN",
             *(line for block in zones.values() for line in block), *events, "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode("utf-8")


def _row(db: Database, department: str, location: str) -> dict | None:
    rows = list(db["availability_sources"].rows_where("department = ? AND location = ?", [department, location]))
    return rows[0] if rows else None


@dataclass
class _Read:
    """One CalDAV calendar to read: what the database knows of it, and (after ``_fetch``) what came back."""

    department: str
    location: str
    account: Account
    first: dt.date
    last: dt.date
    bureau: str = ""
    token: str = ""
    covered: bool = False
    sync_window: tuple[str, str] = ("", "")
    resources: dict[str, tuple[str, bytes]] | None = None
    fresh: dict[str, tuple[str, bytes]] | None = None
    unchanged: bool = False
    error: CalendarFeedError | None = None


def _prepare(db: Database, department: str, location: str, username: str, password: str | None,
             window: tuple[dt.date, dt.date] | None, timeout: float, bureau: str = "", *,
             passwords: PasswordLookup) -> _Read:
    """What reading one calendar needs (``passwords``: one lookup per run, see password_lookup)."""
    first, last = window or av.planning_window()
    row = _row(db, department, location) or {}
    username = username or row.get("username", "") or ""
    if password is None and username:
        password = passwords(http_url(location), username)
    read = _Read(department, location, Account(username, password, timeout), first, last, bureau)
    if row and row.get("sync_token") and row.get("content") is not None and row.get("sync_first") \
            and row["sync_first"] <= first.isoformat() and last.isoformat() <= (row.get("sync_last") or ""):
        read.token, read.covered = row["sync_token"], True
        read.sync_window = (row["sync_first"], row["sync_last"])
        read.resources = {href: (etag, bytes(data)) for href, etag, data in db.execute(
            "SELECT href, etag, data FROM caldav_resources WHERE source = ?", [row["id"]]).fetchall()}
        read.unchanged = bool(row.get("expanded_first")) and row["expanded_first"] <= first.isoformat() \
            and last.isoformat() <= (row.get("expanded_last") or "")
    return read


def _fetch(read: _Read) -> _Read:
    """The network part (thread-safe: no database); failures are kept in ``read.error``."""
    url, label, account = http_url(read.location), read.location, read.account
    try:
        if read.covered and read.resources is not None:
            try:
                token, changed, deleted = _sync(account, url, read.token, label)
                wanted = [h for h, etag in changed.items() if read.resources.get(h, ("",))[0] != etag or not etag]
                fresh = {h: v for h, v in read.resources.items() if h not in deleted}
                fresh.update(_multiget(account, url, wanted, label) if wanted else {})
                read.unchanged = read.unchanged and not wanted and not (deleted & set(read.resources))
                read.fresh, read.token = fresh, token or read.token
                return read
            except HTTPStatusError as error:
                if error.status not in _STALE_TOKEN_STATUSES:
                    raise               # otherwise the token expired: read the window again
        read.unchanged = False
        read.token = _sync_token(account, url, label)     # before the query: a change in between comes again
        read.fresh = _query(account, url, read.first, read.last, label)
        read.sync_window = (read.first.isoformat(), read.last.isoformat())
    except CalendarFeedError as error:
        read.error = error
    return read


def _store(db: Database, read: _Read) -> av.ImportResult | None:
    """Make what was read the department's busy time (and other bureaus' visits) in one transaction."""
    fresh = read.fresh or {}
    sync = {"username": read.account.username, "sync_token": read.token, "sync_first": read.sync_window[0],
            "sync_last": read.sync_window[1], **({"bureau": read.bureau} if read.bureau else {})}
    if read.unchanged:
        # Nothing changed on the server since the stored copy: only the new token and the attempt are noted.
        with db.atomic():
            db.execute("UPDATE availability_sources SET sync_token = ?, attempted_at = ?, last_error = '' "
                       "WHERE department = ? AND location = ?",
                       [read.token, now_iso(), read.department, read.location])
        return None
    data = joined_calendar(data for _, data in (fresh[h] for h in sorted(fresh)))
    with db.atomic():
        result = av.import_calendar_bytes(db, read.department, read.location, data, window=(read.first, read.last))
        source_id = _row(db, read.department, read.location)["id"]
        db["availability_sources"].update(source_id, sync)
        db.execute("DELETE FROM caldav_resources WHERE source = ?", [source_id])
        db["caldav_resources"].insert_all(({"source": source_id, "href": h, "etag": e, "data": d}
                                           for h, (e, d) in fresh.items()), batch_size=500)
    return result


def import_caldav(db: Database, department: str, location: str, *, username: str = "", password: str | None = None,
                  window: tuple[dt.date, dt.date] | None = None, timeout: float = FETCH_TIMEOUT_SECONDS,
                  bureau: str = "") -> av.ImportResult:
    """Read (or, with a sync token, update) a CalDAV calendar and make it the department's busy time.

    Nothing is written unless the whole answer was read and the joined calendar passed the import's
    checks; a failure raises CalendarFeedError naming the server and the calendar.
    """
    read = _fetch(_prepare(db, department, location, username, password, window, timeout, bureau,
                           passwords=password_lookup(_city_server(db))))
    if read.error is not None:
        raise read.error
    result = _store(db, read)
    if result is None:       # unchanged: say what the stored copy holds
        source = next(s for s in av.sources(db, department) if s.location == location)
        return av.ImportResult(department, location, source.event_count, 0, read.first, read.last)
    return result


READ_CONNECTIONS = 6         # calendars read at once (each is a round trip or two)


def import_many(db: Database, reads: list[_Read]) -> int:
    """Fetch several calendars at once, then store them one by one; the first failure is recorded on its
    source (which keeps its last good copy) and raised after the others were stored."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=READ_CONNECTIONS) as pool:
        done = list(pool.map(_fetch, reads))
    failure = None
    for read in done:
        if read.error is not None:
            error = av.record_failure(db, read.department, read.location, read.error)
            failure = failure or error
            continue
        try:
            _store(db, read)
        except CalendarFeedError as error:
            failure = failure or av.record_failure(db, read.department, read.location, error)
    if failure is not None:
        raise failure
    return len(done)


def _city_server(db: Database) -> str:
    from desktop_app.core.store.repository import Repository

    settings = Repository(db).settings()
    return settings.city_server_url or settings.caldav_url


# --- discovery ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CityCalendar:
    """Another bureau's published department calendar on the city server."""

    url: str
    department: str          # the department code it is tagged with
    bureau: str
    name: str
    attached: bool           # a city department of ours has that code (and the calendar is now its source)


def city_account(db: Database, *, server: str | None = None, username: str | None = None,
                 password: str | None = None, timeout: float = FETCH_TIMEOUT_SECONDS) -> tuple[str, Account]:
    """The city server and this bureau's account on it, from the settings unless given."""
    from desktop_app.core.store.repository import Repository

    settings = Repository(db).settings()
    server = server or settings.city_server_url or settings.caldav_url
    if not server:
        raise av.AvailabilityError(tr("No city CalDAV server is set: set city_server_url (or the CalDAV server "
                                      "of publishing) in the settings."))
    if not server.lower().startswith(("http://", "https://")):
        raise av.AvailabilityError(tr("The CalDAV address {url} must start with http:// or https://", url=server))
    username = username if username is not None else (settings.city_username or settings.caldav_username)
    if password is None and username:
        password = source_password(server, username, server=server)
    return server.rstrip("/") + "/", Account(username, password, timeout)


_PROPS_BODY = ('<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" xmlns:j="urn:joint-acceptance">'
               '<d:prop><d:resourcetype/><d:displayname/><j:department/><j:bureau/></d:prop></d:propfind>')


def list_city_calendars(server: str, account: Account, own_bureau: str) -> list[tuple[str, str, str, str]]:
    """(url, department, bureau, name) of every tagged calendar of another bureau the account may read.

    Radicale lists every account's home at the server's root (read rights permitting); Nextcloud and SOGo
    show calendars shared with this account in its own home, which is listed as well.
    """
    homes: list[str] = []
    for href, status, prop in _responses(_request(account, server, "PROPFIND", _PROPS_BODY, "1", server)):
        url = _absolute(server, href)
        if status == 200 and url.rstrip("/") != server.rstrip("/"):
            homes.append(url)
    from concurrent.futures import ThreadPoolExecutor

    def listing(home: str) -> tuple[str, ElementTree.Element | None]:
        try:
            return home, _request(account, home, "PROPFIND", _PROPS_BODY, "1", home)
        except HTTPStatusError as error:
            if error.status in (403, 404):
                return home, None       # a home this account may not read
            raise

    found: dict[str, tuple[str, str, str, str]] = {}
    # One request per bureau's home, side by side: a city has a dozen of them.
    with ThreadPoolExecutor(max_workers=READ_CONNECTIONS) as pool:
        listings = list(pool.map(listing, homes))
    for home, root in listings:
        if root is None:
            continue
        for href, status, prop in _responses(root):
            if prop is None:
                continue
            department = (prop.findtext("j:department", "", _NS) or "").strip()
            bureau = (prop.findtext("j:bureau", "", _NS) or "").strip()
            calendar = prop.find("d:resourcetype/c:calendar", _NS) is not None
            if calendar and department and bureau and bureau != own_bureau:
                url = _absolute(home, href)
                found[url] = (url, department, bureau, (prop.findtext("d:displayname", "", _NS) or "").strip())
    return [found[url] for url in sorted(found)]


def discover(db: Database, *, server: str | None = None, username: str | None = None, password: str | None = None,
             timeout: float = FETCH_TIMEOUT_SECONDS, attach: bool = True,
             window: tuple[dt.date, dt.date] | None = None, quiet_listing: bool = False,
             only: Collection[str] | None = None) -> list[CityCalendar]:
    """List other bureaus' department calendars on the city server; attach each to our department with the
    same code (and read it), unless ``attach`` is False. A calendar that cannot be read is reported by
    CalendarFeedError naming it; the others are stored. ``quiet_listing``: a server that cannot be listed
    yields no calendars instead of an error (publishing then reports the server itself). ``only``: attach
    just these calendar URLs (the ones a clerk ticked in the GUI's discovery dialog)."""
    from desktop_app.core.store.repository import Repository

    settings = Repository(db).settings()
    server, account = city_account(db, server=server, username=username, password=password, timeout=timeout)
    # Only city departments are shared: a district department's code means another office in another district.
    ours = {code for (code,) in db.execute("SELECT code FROM departments WHERE level = 'city'").fetchall()}
    try:
        listed = list_city_calendars(server, account, settings.bureau_name)
    except CalendarFeedError:
        if not quiet_listing:
            raise
        listed = []     # a server that lists no homes to us (or is down): the calendars already known still count
    result, reads = [], []
    passwords = password_lookup(_city_server(db))
    for url, department, bureau, name in listed:
        known = department in ours
        if known and attach and (only is None or url in only):
            reads.append(_prepare(db, department, caldav_location(url), account.username, account.password, window,
                                  timeout, bureau, passwords=passwords))
        result.append(CityCalendar(url, department, bureau, name, known))
    import_many(db, reads)
    return result


# --- refreshing -------------------------------------------------------------------------------------
def refresh_city_sources(db: Database, *, window: tuple[dt.date, dt.date] | None = None,
                         timeout: float = FETCH_TIMEOUT_SECONDS, password: str | None = None,
                         skip: set[tuple[str, str]] = frozenset()) -> int:
    """Re-read every other bureau's calendar (before publishing); the first failure is raised, naming
    the server and calendar, and that calendar keeps its last good copy. Returns how many were read.
    ``skip``: (department, calendar URL) pairs just read by discovery."""
    rows = db.execute("SELECT department, location, username FROM availability_sources WHERE bureau != '' "
                      "ORDER BY department, location").fetchall()
    rows = [row for row in rows if (row[0], http_url(row[1])) not in skip]
    passwords = password_lookup(_city_server(db))
    return import_many(db, [_prepare(db, department, location, username, password, window, timeout,
                                     passwords=passwords) for department, location, username in rows])


def refresh_interval_seconds(content: bytes | None) -> int | None:
    """The feed's own REFRESH-INTERVAL (RFC 7986) or X-PUBLISHED-TTL, in seconds; None when it names none."""
    if not content:
        return None
    head = bytes(content[:4096]).decode("utf-8", errors="replace").replace("\r\n ", "")
    for line in head.splitlines():
        name, _, value = line.partition(":")
        if name.split(";", 1)[0].upper() in ("REFRESH-INTERVAL", "X-PUBLISHED-TTL"):
            duration = read_duration(value)
            if duration is not None and duration.total_seconds() > 0:
                return int(duration.total_seconds())
        if line.upper().startswith("BEGIN:VEVENT"):
            break
    return None


def due_sources(db: Database, now: dt.datetime | None = None, setting_minutes: int = 0) -> list[av.AvailabilitySource]:
    """URL and CalDAV sources whose refresh interval has passed since the last attempt.

    The interval is the setting calendar_refresh_minutes when set, else the feed's REFRESH-INTERVAL,
    else an hour; a CalDAV source's sync makes frequent refreshes cheap."""
    now = now or dt.datetime.now(dt.timezone.utc)
    due = []
    # Only the heads, in one query: REFRESH-INTERVAL precedes the events, and the GUI asks this every minute.
    heads = {} if setting_minutes > 0 else dict(
        db.execute("SELECT id, substr(content, 1, 4096) FROM availability_sources").fetchall())
    for source in av.sources(db):
        if not source.is_url:
            continue
        if setting_minutes > 0:
            seconds = setting_minutes * 60
        else:
            seconds = refresh_interval_seconds(heads.get(source.id)) or DEFAULT_REFRESH_SECONDS
        last = source.attempted_at or source.fetched_at
        if last is None or (now - last).total_seconds() >= seconds:
            due.append(source)
    return due


__all__ = ["Account", "CityCalendar", "city_account", "discover", "due_sources", "import_caldav", "is_caldav",
           "joined_calendar", "list_city_calendars", "refresh_city_sources", "source_password", "now_iso"]
