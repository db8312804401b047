"""Reading iCalendar feeds the departments send: bytes, files and URLs (DESIGN §6, import part).

A feed is checked before anything uses it, and every refusal names what is wrong (the file, the
line, the event by its title and UID, the property): not iCalendar at all (an HTML error page, say),
cut off, a DTSTART that is not a date, a TZID nobody knows, an RRULE that does not parse, too large.
What a tolerant client would read is read (``ical_normalise``): duplicated properties, unknown
properties, an unreadable RDATE value; what is skipped or taken partly is counted in ``Feed.notes``.

Busy periods come out as ``FeedPeriod`` tuples, timezone-aware in the bureau's zone:
- VEVENTs, recurring ones expanded only over the window asked for and at most ``occurrence_limit``
  times per series (``ical_recurrence``); EXDATE, RDATE and RECURRENCE-ID overrides are honoured by
  recurring-ical-events; all-day events block whole days; TRANSP:TRANSPARENT and STATUS:CANCELLED
  do not block;
- VFREEBUSY busy periods (FBTYPE BUSY, BUSY-UNAVAILABLE, BUSY-TENTATIVE; FREE is skipped);
- X-WR-TIMEZONE-only feeds (x-wr-timezone), Windows zone names (icalendar maps them), floating
  times (read in the bureau's zone) and UTC times.

Bounds (issue 13): a file or download of at most ``MAX_FEED_BYTES`` (a gzip body is unpacked up to
the same size); a download finished within ``FETCH_TIMEOUT_SECONDS`` in all; at most
``MAX_REPEATING_EVENTS`` repeating or changed events, ``MAX_LIBRARY_EVENTS`` of them read by the
iCalendar libraries, and ``EXPANSION_SECONDS`` of computing; at most ``FEED_OCCURRENCE_FACTOR``
times ``occurrence_limit`` busy periods in a window. ``tests/benchmarks/bench_hostile_ics.py``
measures what these bounds cost.
"""

from __future__ import annotations

import base64
import datetime as dt
import threading
import time
import urllib.error
import urllib.request
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import x_wr_timezone

from desktop_app.core.calendar.ical_normalise import (
    CalendarFeedError, FeedNote, FeedPeriod, Normaliser, describe, split_lines,
)
from desktop_app.core.calendar.ical_recurrence import RuleError, RuleExpansion, Series, parse_rule
from desktop_app.core.model.messages import tr

__all__ = ["CalendarFeedError", "Expansion", "Feed", "FeedNote", "FeedPeriod", "MAX_FEED_BYTES",
           "OCCURRENCE_LIMIT", "busy_periods", "expand_feed", "fetch_feed", "is_url", "parse_feed",
           "read_feed_file"]

# Big enough for years of a busy department's calendar (20,000 events is about 6 MB), small enough
# that a wrong file (a video, a database dump) is refused before it is read into memory.
MAX_FEED_BYTES = 32 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 15.0           # for the whole download: connecting and every read
URL_SCHEMES = ("http://", "https://", "webcal://", "webcals://", "caldav://", "caldavs://")
# Occurrences of one series within the planning window (a setting: calendar_occurrence_limit).
OCCURRENCE_LIMIT = 20_000
FEED_OCCURRENCE_FACTOR = 5             # all the busy periods of one file in a window: 5 × the limit
# Computing the repeating events of one file at import (CPU seconds): each series is bounded, this
# bounds thousands of them.
EXPANSION_SECONDS = 5.0
# Events that need icalendar and recurring-ical-events (changed occurrences, zones the file defines):
# the libraries read about 1 MB a second, so more than this would not import within 10 s.
MAX_LIBRARY_EVENTS = 10_000
MAX_REPEATING_EVENTS = 20_000          # series and their changed occurrences, however read
_GZIP_MAGIC = b"\x1f\x8b"
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Feed:
    """A checked feed: how many entries (events, busy periods) it holds, and its events.

    ``simple`` holds the plain one-off events read directly (most of a big feed), ``series`` the
    repeating events without moved occurrences (read directly too), ``freebusy`` the VFREEBUSY
    periods; ``calendar`` holds the events that need the iCalendar libraries' full rules (moved
    occurrences, zones defined only by the file's VTIMEZONE, Windows zones).
    """

    label: str
    calendar: icalendar.Calendar
    event_count: int
    simple: tuple[FeedPeriod, ...] = ()
    series: tuple[Series, ...] = ()
    freebusy: tuple[FeedPeriod, ...] = ()
    notes: tuple[FeedNote, ...] = ()                    # the first MAX_NOTES of them
    occurrence_limit: int = OCCURRENCE_LIMIT
    events: dict[int, tuple[int, str]] = field(default_factory=dict)   # id(component) → (line, UID)
    note_counts: tuple[int, int] = (0, 0)               # all events skipped, all warnings


def is_url(source: str) -> bool:
    return source.lower().startswith(URL_SCHEMES)


# --- getting the bytes --------------------------------------------------------------------------
def _megabytes(size: int) -> str:
    """Sizes in MB as a person writes them: 32 for the limit, 32.0 for a file just above it."""
    return f"{size // 1048576}" if size % 1048576 == 0 else f"{size / 1048576:.1f}"


def _too_large(label: str, size: int, limit: int) -> CalendarFeedError:
    # Bytes as well as MB: a file one byte over the limit is "32.0 MB" like the limit itself.
    return CalendarFeedError(tr("{source}: the file is {size} bytes ({size_mb} MB), more than the {limit} bytes "
                                "({limit_mb} MB) a calendar may have; it was not read.", source=label,
                                size=f"{size:,}", size_mb=f"{size / 1048576:.1f}", limit=f"{limit:,}",
                                limit_mb=_megabytes(limit)))


def _expands_too_far(label: str, limit: int) -> CalendarFeedError:
    return CalendarFeedError(tr("{source}: the compressed calendar unpacks to more than the {limit} bytes ({limit_mb} "
                                "MB) a calendar may have; it was not read.", source=label, limit=f"{limit:,}",
                                limit_mb=_megabytes(limit)))


def gunzip(data: bytes, label: str, limit: int = MAX_FEED_BYTES) -> bytes:
    """Unpack a gzip body (several members allowed), never to more than ``limit`` bytes."""
    out = bytearray()
    rest = data
    try:
        while rest:
            unpacker = zlib.decompressobj(wbits=31)
            out += unpacker.decompress(rest, limit + 1 - len(out))
            if len(out) > limit or unpacker.unconsumed_tail:
                raise _expands_too_far(label, limit)
            if not unpacker.eof:
                raise zlib.error("truncated")
            rest = unpacker.unused_data.lstrip(b"\0")
            if rest and not rest.startswith(_GZIP_MAGIC):
                break                        # trailing bytes after the last member, as gzip(1) allows
    except zlib.error:
        raise CalendarFeedError(tr("{source}: the file is compressed (gzip) but damaged; it was not read.",
                                   source=label)) from None
    return bytes(out)


def read_feed_file(path: str | Path, limit: int = MAX_FEED_BYTES) -> bytes:
    """A feed file's bytes; its size is checked before it is read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise _too_large(str(path), size, limit)
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise CalendarFeedError(tr("{source}: no such file", source=path)) from None
    except IsADirectoryError:
        raise CalendarFeedError(tr("{source}: is a folder, not an .ics file", source=path)) from None
    except OSError as error:
        raise CalendarFeedError(tr("{source}: cannot read the file: {reason}", source=path,
                                   reason=error.strerror or error)) from None


SOURCE_PASSWORD_VARIABLE = "JOINT_ACCEPTANCE_SOURCE_PASSWORD"


class HTTPStatusError(CalendarFeedError):
    """The server answered with an HTTP error status (kept: a CalDAV sync may fall back on it)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class _DeadlinePassed(Exception):
    pass


@dataclass
class _Answer:
    body: bytes = b""
    content_type: str = ""
    encoding: str = ""
    error: BaseException | None = None


def _socket_of(response) -> object | None:
    """The connection's socket, to give each read only the time left (None if it cannot be reached)."""
    return getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)


def _download(request: urllib.request.Request, deadline: float, limit: int, cancelled: threading.Event,
              answer: _Answer) -> None:
    url = request.full_url
    try:
        with urllib.request.urlopen(request, timeout=max(0.05, deadline - time.monotonic())) as response:
            answer.encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
            answer.content_type = (response.headers.get("Content-Type") or "").lower()
            length = response.headers.get("Content-Length")
            if answer.encoding in ("", "identity") and length and length.isdigit() and int(length) > limit:
                raise _too_large(url, int(length), limit)
            chunks: list[bytes] = []
            size = 0
            while size <= limit:
                left = deadline - time.monotonic()
                if left <= 0 or cancelled.is_set():
                    raise _DeadlinePassed
                sock = _socket_of(response)
                if sock is not None:
                    sock.settimeout(left)
                chunk = response.read1(min(65536, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            answer.body = b"".join(chunks)
    except BaseException as error:  # noqa: BLE001 - handed to the waiting thread, which says what it means
        answer.error = error


def http_url(url: str) -> str:
    lowered = url.lower()
    # webcal:// is a subscription hint for plain HTTP(S); webcals:// asks for TLS.
    if lowered.startswith(("webcals://", "caldavs://")):
        return "https://" + url.split("://", 1)[1]
    if lowered.startswith("caldav://"):
        return "http://" + url[len("caldav://"):]
    if lowered.startswith("webcal://"):
        return "http://" + url[len("webcal://"):]
    return url


def basic_authorization(username: str, password: str | None) -> dict[str, str]:
    """The Authorization header for a user name (and password); none without a user name."""
    if not username:
        return {}
    token = base64.b64encode(f"{username}:{password or ''}".encode("utf-8")).decode("ascii")
    return {"Authorization": f"Basic {token}"}


def fetch_feed(url: str, timeout: float = FETCH_TIMEOUT_SECONDS, limit: int = MAX_FEED_BYTES, *,
               username: str = "", password: str | None = None) -> bytes:
    """Download a feed within ``timeout`` seconds in all (connecting, every read, a slow server);
    refuse an HTTP error, an oversized or non-calendar answer. A gzip answer is unpacked."""
    headers = {"User-Agent": "joint-acceptance/1", "Accept": "text/calendar", "Accept-Encoding": "gzip",
               **basic_authorization(username, password)}
    return http_request(urllib.request.Request(http_url(url), headers=headers), url, timeout, limit)


def http_request(request: urllib.request.Request, url: str, timeout: float = FETCH_TIMEOUT_SECONDS,
                 limit: int = MAX_FEED_BYTES) -> bytes:
    """One HTTP request (a feed download, a CalDAV REPORT or PROPFIND) under the same rules:
    a deadline for the whole exchange, a size bound, every failure a CalendarFeedError naming ``url``."""
    deadline = time.monotonic() + timeout
    answer = _Answer()
    cancelled = threading.Event()
    # The download runs beside us so that nothing it waits for (a name lookup, a server that sends a
    # byte now and then) can hold the import past the deadline; told to stop, it stops at its next read.
    worker = threading.Thread(target=_download, args=(request, deadline, limit, cancelled, answer),
                              name="calendar-download", daemon=True)
    worker.start()
    worker.join(timeout + 0.2)
    if worker.is_alive():
        cancelled.set()
        raise CalendarFeedError(tr("{source}: no answer within {seconds:g} seconds", source=url, seconds=timeout))
    error = answer.error
    if isinstance(error, CalendarFeedError):
        raise error
    if isinstance(error, urllib.error.HTTPError):
        if error.code == 401:
            raise CalendarFeedError(tr("{source}: the server refused the user name or password (401); set the "
                                       "password in {variable} or the system keyring", source=url,
                                       variable=SOURCE_PASSWORD_VARIABLE))
        raise HTTPStatusError(tr("{source}: the server answered {status} {reason}", source=url,
                                 status=error.code, reason=error.reason), error.code)
    if isinstance(error, _DeadlinePassed):
        raise CalendarFeedError(tr("{source}: no answer within {seconds:g} seconds", source=url, seconds=timeout))
    if error is not None:
        reason = getattr(error, "reason", None) or error
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise CalendarFeedError(tr("{source}: no answer within {seconds:g} seconds", source=url,
                                       seconds=timeout))
        if isinstance(error, (OSError, ValueError, urllib.error.URLError)):
            raise CalendarFeedError(tr("{source}: cannot connect: {reason}", source=url, reason=reason))
        if isinstance(error, Exception):       # http.client: a status line or chunk that is not HTTP
            raise CalendarFeedError(tr("{source}: the server's answer broke off or is not HTTP", source=url))
        raise error
    data = answer.body
    if len(data) > limit:
        raise _too_large(url, len(data), limit)
    if answer.encoding in ("gzip", "x-gzip"):
        data = gunzip(data, url, limit)
    elif answer.encoding not in ("", "identity"):
        raise CalendarFeedError(tr("{source}: the server compressed the calendar as {encoding!r}, which cannot be "
                                   "read", source=url, encoding=answer.encoding[:30]))
    if "text/html" in answer.content_type and not _looks_like_calendar(data):
        raise CalendarFeedError(tr("{source}: the server sent a web page (HTML), not an iCalendar feed",
                                   source=url))
    return data


def _looks_like_calendar(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper() == b"BEGIN:VCALENDAR"


# --- checking and parsing -----------------------------------------------------------------------
def parse_feed(data: bytes, label: str, timezone: str = "Asia/Shanghai", limit: int = MAX_FEED_BYTES,
               *, fast: bool = True, occurrence_limit: int = OCCURRENCE_LIMIT) -> Feed:
    """Check and parse a feed's bytes; raise CalendarFeedError naming what is wrong.

    With ``fast`` (the default) plain one-off events are read directly instead of through the
    icalendar library, which is what makes a 20,000-event feed import in seconds; ``fast=False``
    keeps every event in ``calendar`` (for readers that need the components themselves).
    """
    if len(data) > limit:
        raise _too_large(label, len(data), limit)
    if data[:2] == _GZIP_MAGIC:
        data = gunzip(data, label, limit)
    lines = split_lines(data, label)
    zone = ZoneInfo(timezone)
    occurrence_limit = max(1, occurrence_limit)
    found = Normaliser(lines, label, zone, occurrence_limit, fast=fast,
                       max_repeating=MAX_REPEATING_EVENTS, max_library=MAX_LIBRARY_EVENTS).run()
    del lines
    notes = list(found.notes)
    counts = dict(found.counts)
    calendar = icalendar.Calendar()
    events: dict[int, tuple[int, str]] = {}
    if found.event_lines:
        header = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//joint-acceptance//import//EN"]
        if found.wr_zone is not None:
            header.append(f"X-WR-TIMEZONE:{found.wr_zone.key}")
        text = "\r\n".join([*header, *(line for block in found.zones for line in block.lines), *found.event_lines,
                            "END:VCALENDAR", ""])
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")      # icalendar's guesses about zone names are not the user's concern
                calendar = icalendar.Calendar.from_ical(text)
        except Exception:  # noqa: BLE001 - the text is our own clean rewrite: any failure is the library's
            raise CalendarFeedError(tr("{source}: not a valid iCalendar file", source=label)) from None
        events = _check_events(calendar, found.library_events, label, notes)
        counts[True] += len(notes) - len(found.notes)
    if found.wr_zone is not None and events:
        calendar = x_wr_timezone.to_standard(calendar)
        events = {id(c): where for c, where in zip(calendar.walk("VEVENT"), events.values())}
    return Feed(label, calendar, found.event_count, tuple(found.simple), tuple(found.series), tuple(found.freebusy),
                tuple(notes), occurrence_limit, events, (counts[True], counts[False]))


_DATE_PROPERTIES = ("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE")


def _as_list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _check_events(calendar: icalendar.Calendar, where: list[tuple[int, str]], label: str,
                  notes: list[FeedNote]) -> dict[int, tuple[int, str]]:
    """Refuse an event the libraries could not read or whose zone is unknown; skip one that ends
    before it starts (its clocks differed, so the normaliser could not tell). Returns where each is."""
    components = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    if len(components) != len(where):
        raise CalendarFeedError(tr("{source}: not a valid iCalendar file", source=label))
    kept: dict[int, tuple[int, str]] = {}
    skipped: set[int] = set()
    for component, (line, uid) in zip(components, where):
        title = describe(str(component.get("SUMMARY", "") or ""), uid)
        for name, _ in component.errors:
            raise CalendarFeedError(tr("{source}, line {line}: {component}: property {property} cannot be read",
                                       source=label, line=line, component=title, property=name or "?"))
        for name in _DATE_PROPERTIES:
            for value in _as_list(component.get(name)):
                tzid = value.params.get("TZID") if hasattr(value, "params") else None
                moments = [d.dt for d in value.dts] if hasattr(value, "dts") else [getattr(value, "dt", None)]
                for moment in moments:
                    moment = moment[0] if isinstance(moment, tuple) else moment
                    if tzid and isinstance(moment, dt.datetime) and moment.tzinfo is None:
                        raise CalendarFeedError(tr(
                            "{source}, line {line}: {component}: unknown time zone TZID={tzid!r} in {property} and "
                            "no VTIMEZONE defines it", source=label, line=line, component=title,
                            tzid=str(tzid)[:60], property=name))
        start, end = _span(component)
        if end < start:
            notes.append(FeedNote(True, line, uid, tr("it ends before it starts (DTEND is before DTSTART)")))
            skipped.add(id(component))
            continue
        kept[id(component)] = (line, uid)
    if skipped:
        calendar.subcomponents[:] = [c for c in calendar.subcomponents if id(c) not in skipped]
    return kept


def _span(component: icalendar.cal.Component) -> tuple[dt.datetime, dt.datetime]:
    """An event's start and end, comparable whatever kinds of value they are."""
    start_value = component["DTSTART"].dt
    start = _aware(start_value, dt.timezone.utc)
    if "DTEND" in component:
        return start, _aware(component["DTEND"].dt, dt.timezone.utc)
    if "DURATION" in component:
        duration = component["DURATION"].dt
        return start, start + duration if isinstance(duration, dt.timedelta) else start
    return start, start


# --- busy periods -------------------------------------------------------------------------------
def _aware(moment: dt.datetime | dt.date, zone: dt.tzinfo) -> dt.datetime:
    if not isinstance(moment, dt.datetime):
        return dt.datetime.combine(moment, dt.time(), zone)
    if moment.tzinfo is None:          # floating time: read in the bureau's zone
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def _blocks(event: icalendar.cal.Component) -> bool:
    status = str(event.get("STATUS", "")).upper()
    transparency = str(event.get("TRANSP", "OPAQUE")).upper()
    return status != "CANCELLED" and transparency != "TRANSPARENT"


@dataclass
class Expansion:
    """A feed's busy periods over a window, and the series that were cut to the limit."""

    periods: list[FeedPeriod]
    notes: list[FeedNote]


def _component_of(occurrence) -> icalendar.cal.Component:
    # recurring-ical-events keeps the event an occurrence comes from; copying it for each occurrence
    # (its public as_component) is most of the cost of a long series.
    component = getattr(getattr(occurrence, "_adapter", None), "_component", None)
    return component if component is not None else occurrence.as_component(False)


def _series(calendar: icalendar.Calendar) -> list[list[icalendar.cal.Component]]:
    """The events grouped as recurring-ical-events groups them: by UID (none: each on its own)."""
    groups: dict[str, list] = {}
    for component in calendar.walk("VEVENT"):
        uid = str(component.get("UID", "") or "") or f"\0{id(component)}"
        groups.setdefault(uid, []).append(component)
    return list(groups.values())


def _margin(group: list[icalendar.cal.Component]) -> dt.timedelta:
    """How far outside the window an occurrence may start and still reach into it (or be moved into it)."""
    margin = dt.timedelta(0)
    for component in group:
        start, end = _span(component)
        all_day = not isinstance(component["DTSTART"].dt, dt.datetime)
        margin = max(margin, end - start + (_ONE_DAY if all_day else dt.timedelta(0)))
        recurrence = component.get("RECURRENCE-ID")
        if recurrence is not None and "THISANDFUTURE" in str(recurrence.params.get("RANGE", "")).upper():
            margin = max(margin, abs(start - _aware(recurrence.dt, dt.timezone.utc)))
    return margin


class _Budget:
    """The busy periods one file may produce in a window; refuse beyond."""

    def __init__(self, feed: Feed, first: dt.date, last: dt.date) -> None:
        self.left = FEED_OCCURRENCE_FACTOR * feed.occurrence_limit
        self.feed, self.first, self.last = feed, first, last

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise CalendarFeedError(tr("{source}: the events repeat more than {limit} times between {first} and "
                                       "{last}; this is not a department's calendar, and it was not imported",
                                       source=self.feed.label,
                                       limit=f"{FEED_OCCURRENCE_FACTOR * self.feed.occurrence_limit:,}",
                                       first=self.first, last=self.last))


def _too_slow(feed: Feed, seconds: float | None) -> CalendarFeedError:
    return CalendarFeedError(tr("{source}: computing its repeating events takes more than {seconds:g} seconds; the "
                                "calendar was not imported", source=feed.label, seconds=seconds))


def _cut_note(feed: Feed, line: int, uid: str, expansion: RuleExpansion, low: dt.datetime, zone: ZoneInfo) -> FeedNote:
    until = _aware(expansion.last, zone).date() if expansion.last is not None else low.date()
    if expansion.searched_out:
        return FeedNote(False, line, uid, tr("its RRULE matches too few dates to search the whole planning window; "
                                             "only its occurrences until {date} are used", date=until))
    return FeedNote(False, line, uid, tr("the series repeats more than {limit} times in the planning window; only its "
                                         "occurrences until {date} are used", limit=f"{feed.occurrence_limit:,}",
                                         date=until))


def _bounded_group(group: list, feed: Feed, low: dt.datetime, high: dt.datetime, zone: ZoneInfo,
                   budget: _Budget, notes: list[FeedNote]) -> list:
    """The group with each series' RRULE replaced by its dates in the window (at most the limit):
    recurring-ical-events then applies EXDATE, RDATE and the moved occurrences as usual."""
    margin = _margin(group)
    result = []
    for component in group:
        if "RRULE" not in component or "RECURRENCE-ID" in component:
            result.append(component)
            continue
        line, uid = feed.events.get(id(component), (0, ""))
        try:
            rule = parse_rule(component["RRULE"].to_ical().decode())
        except (RuleError, ValueError, AttributeError):
            raise CalendarFeedError(tr("{source}, line {line}: {component}: property {property} cannot be read",
                                       source=feed.label, line=line, component=describe("", uid),
                                       property="RRULE")) from None
        expansion = RuleExpansion(rule, component["DTSTART"].dt, low - margin + dt.timedelta(microseconds=1),
                                  high + margin,
                                  min(feed.occurrence_limit, budget.left + 1), zone)
        dates = list(expansion.dates())
        if expansion.cut:
            notes.append(_cut_note(feed, line, uid, expansion, low, zone))
        bounded = component.copy()
        del bounded["RRULE"]
        if dates:
            bounded.add("RDATE", dates)
        result.append(bounded)
    return result


def expand_feed(feed: Feed, first: dt.date, last: dt.date, timezone: str = "Asia/Shanghai", *,
                seconds: float | None = None) -> Expansion:
    """The feed's busy periods overlapping the dates [first, last], in the bureau's zone.

    With ``seconds``, a feed whose repeating events take more computing time than that (this
    thread's CPU time, so a busy computer does not refuse a good file) is refused: each series is
    bounded (``ical_recurrence``), this bounds a file of thousands of them.
    """
    deadline = time.thread_time() + seconds if seconds is not None else None
    zone = ZoneInfo(timezone)
    low = dt.datetime.combine(first, dt.time(), zone)
    high = dt.datetime.combine(last + _ONE_DAY, dt.time(), zone)
    budget = _Budget(feed, first, last)
    periods: list[FeedPeriod] = []
    notes: list[FeedNote] = []
    for period in (*feed.simple, *feed.freebusy):
        if period.start < high and period.end > low:
            periods.append(period if period.start.tzinfo is zone else period._replace(
                start=period.start.astimezone(zone), end=period.end.astimezone(zone)))
    budget.spend(len(periods))
    for series in feed.series:
        if deadline is not None and time.thread_time() > deadline:
            raise _too_slow(feed, seconds)
        spans, expansion = series.spans(low, high, min(feed.occurrence_limit, budget.left + 1), zone)
        budget.spend(len(spans))
        if expansion is not None and expansion.cut:
            notes.append(_cut_note(feed, series.line, series.uid, expansion, low, zone))
        periods.extend(FeedPeriod(start, end, series.title, series.all_day, series.uid) for start, end in spans)
    for group in _series(feed.calendar):
        if deadline is not None and time.thread_time() > deadline:
            raise _too_slow(feed, seconds)
        line, uid = feed.events.get(id(group[0]), (0, ""))
        bounded = _bounded_group(group, feed, low, high, zone, budget, notes)
        calendar = icalendar.Calendar()
        for component in bounded:
            calendar.add_component(component)
        found = []
        try:
            for series in recurring_ical_events.of(calendar, components=["VEVENT"]).series:
                found.extend(series.between(low, high))
        except CalendarFeedError:
            raise
        except Exception:  # noqa: BLE001 - recurring-ical-events on a cleaned event: name the event, not the library
            raise CalendarFeedError(tr("{source}, line {line}: {component}: its dates cannot be computed",
                                       source=feed.label, line=line,
                                       component=describe(str(group[0].get("SUMMARY", "") or ""), uid))) from None
        budget.spend(len(found))
        for occurrence in found:
            event = _component_of(occurrence)
            if not _blocks(event):
                continue
            all_day = not isinstance(occurrence.start, dt.datetime)
            start, end = _aware(occurrence.start, zone), _aware(occurrence.end, zone)
            if all_day and end <= start:
                end = start + _ONE_DAY
            if end > start and start < high and end > low:
                periods.append(FeedPeriod(start, end, str(event.get("SUMMARY", "") or "").strip(), all_day,
                                          str(event.get("UID", "") or "").strip()))
    return Expansion(periods, notes)


def busy_periods(feed: Feed, first: dt.date, last: dt.date, timezone: str = "Asia/Shanghai") -> Iterator[FeedPeriod]:
    """The feed's busy periods overlapping the dates [first, last], in the bureau's zone."""
    yield from expand_feed(feed, first, last, timezone).periods


def merge_periods(periods: list[FeedPeriod]) -> list[FeedPeriod]:
    """Join overlapping or touching busy periods of the same title (a series every second is one
    stretch): busy time only matters at the scheduling grain, and each stored row costs."""
    merged: list[FeedPeriod] = []
    last_of: dict[tuple[str, bool, str], int] = {}
    for period in sorted(periods, key=lambda p: (p.start, p.end)):
        key = (period.title, period.all_day, period.uid)
        index = last_of.get(key)
        if index is not None and merged[index].end >= period.start:
            if period.end > merged[index].end:
                merged[index] = merged[index]._replace(end=period.end)
            continue
        last_of[key] = len(merged)
        merged.append(period)
    return merged
