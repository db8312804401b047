"""Reading iCalendar feeds the departments send: bytes, files and URLs (DESIGN §6, import part).

A feed is checked before anything uses it, and every refusal names what is wrong (the file, the
event by its title and UID, the property): not iCalendar at all (an HTML error page, say), cut
off, a DTSTART that is not a date, a TZID nobody knows, an RRULE that does not parse, too large.

Busy periods come out as ``FeedPeriod`` tuples, timezone-aware in the bureau's zone:
- VEVENTs, recurring ones expanded by recurring-ical-events only over the window asked for, so an
  RRULE without an end cannot run away; EXDATE, RDATE and RECURRENCE-ID overrides are honoured;
  all-day events block whole days; TRANSP:TRANSPARENT and STATUS:CANCELLED do not block;
- VFREEBUSY busy periods (FBTYPE BUSY, BUSY-UNAVAILABLE, BUSY-TENTATIVE; FREE is skipped);
- X-WR-TIMEZONE-only feeds (x-wr-timezone), Windows zone names (icalendar maps them), floating
  times (read in the bureau's zone) and UTC times.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import x_wr_timezone
from dateutil import rrule as dateutil_rrule

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr

# Big enough for years of a busy department's calendar (20,000 events is about 6 MB), small enough
# that a wrong file (a video, a database dump) is refused before it is read into memory.
MAX_FEED_BYTES = 32 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 15.0
URL_SCHEMES = ("http://", "https://", "webcal://", "webcals://")

_FOLD = re.compile(rb"\r?\n[ \t]")
_DATE_PROPERTIES = ("DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE", "DURATION")
_BUSY_TYPES = {"BUSY", "BUSY-UNAVAILABLE", "BUSY-TENTATIVE"}


class CalendarFeedError(InputError):
    """An iCalendar feed cannot be used; the message names the source and what is wrong."""


class FeedPeriod(NamedTuple):
    start: dt.datetime
    end: dt.datetime
    title: str
    all_day: bool
    uid: str = ""     # the event's UID: tells our own visits echoed back in a department's calendar


@dataclass(frozen=True)
class Feed:
    """A checked feed: how many entries (events, busy periods) it holds, and its events.

    ``simple`` holds the plain one-off events read directly (most of a big feed); ``calendar`` holds
    everything that needs the iCalendar libraries' full rules (recurrences and their exceptions,
    zones defined only by the file's VTIMEZONE, DURATION, free/busy).
    """

    label: str
    calendar: icalendar.Calendar
    event_count: int
    simple: tuple[FeedPeriod, ...] = ()      # opaque, not cancelled, one-off events in the bureau's zone


def is_url(source: str) -> bool:
    return source.lower().startswith(URL_SCHEMES)


# --- getting the bytes --------------------------------------------------------------------------
def _too_large(label: str, size: int, limit: int) -> CalendarFeedError:
    return CalendarFeedError(tr("{source}: the file is {size:.1f} MB, more than the limit of {limit:.0f} MB "
                                "for a calendar; it was not read.", source=label, size=size / 1048576,
                                limit=limit / 1048576))


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


def fetch_feed(url: str, timeout: float = FETCH_TIMEOUT_SECONDS, limit: int = MAX_FEED_BYTES) -> bytes:
    """Download a feed; refuse a timeout, an HTTP error, an oversized or non-calendar answer."""
    lowered = url.lower()
    # webcal:// is a subscription hint for plain HTTP(S); webcals:// asks for TLS.
    if lowered.startswith("webcals://"):
        url = "https://" + url[len("webcals://"):]
    elif lowered.startswith("webcal://"):
        url = "http://" + url[len("webcal://"):]
    request = urllib.request.Request(url, headers={"User-Agent": "joint-acceptance/1", "Accept": "text/calendar"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise _too_large(url, int(length), limit)
            data = response.read(limit + 1)
            content_type = (response.headers.get("Content-Type") or "").lower()
    except CalendarFeedError:
        raise
    except urllib.error.HTTPError as error:
        raise CalendarFeedError(tr("{source}: the server answered {status} {reason}", source=url,
                                   status=error.code, reason=error.reason)) from None
    except (TimeoutError, OSError, urllib.error.URLError) as error:
        reason = getattr(error, "reason", None) or error
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise CalendarFeedError(tr("{source}: no answer within {seconds:g} seconds", source=url,
                                       seconds=timeout)) from None
        raise CalendarFeedError(tr("{source}: cannot connect: {reason}", source=url, reason=reason)) from None
    if len(data) > limit:
        raise _too_large(url, len(data), limit)
    if "text/html" in content_type and not _looks_like_calendar(data):
        raise CalendarFeedError(tr("{source}: the server sent a web page (HTML), not an iCalendar feed",
                                   source=url))
    return data


def _looks_like_calendar(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper() == b"BEGIN:VCALENDAR"


# --- checking and parsing -----------------------------------------------------------------------
def unfold(data: bytes) -> bytes:
    """Join folded lines on the bytes, so a fold inside a multi-byte UTF-8 character does no harm."""
    return _FOLD.sub(b"", data)


def _decode(data: bytes, label: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CalendarFeedError(tr("{source}: the text is neither UTF-8 nor GB18030", source=label))


def _check_structure(text: str, label: str) -> None:
    """Refuse what is not iCalendar, or is cut off, with a message a user can act on."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise CalendarFeedError(tr("{source}: the file is empty", source=label))
    first = lines[0].strip()
    if first.upper() != "BEGIN:VCALENDAR":
        if first.lower().startswith(("<!doctype html", "<html", "<?xml", "<head")) or "<html" in text[:2000].lower():
            raise CalendarFeedError(tr("{source}: this is a web page (HTML), not an iCalendar file", source=label))
        raise CalendarFeedError(tr("{source}: not an iCalendar file (it should start with BEGIN:VCALENDAR, "
                                   "it starts with {start!r})", source=label, start=first[:40]))
    open_components: list[tuple[str, int]] = []
    for number, line in enumerate(lines, start=1):
        name, _, value = line.partition(":")
        name = name.strip().upper()
        if name == "BEGIN":
            open_components.append((value.strip().upper(), number))
        elif name == "END":
            if not open_components or open_components[-1][0] != value.strip().upper():
                raise CalendarFeedError(tr("{source}: line {line}: END:{component} does not close an open "
                                           "component", source=label, line=number, component=value.strip()))
            open_components.pop()
            if not open_components and number != len(lines):
                raise CalendarFeedError(tr("{source}: text after END:VCALENDAR (line {line})", source=label,
                                           line=number + 1))
    if open_components:
        component, number = open_components[-1]
        raise CalendarFeedError(tr("{source}: the file is truncated: BEGIN:{component} (line {line}) is never "
                                   "closed", source=label, component=component, line=number))


def _describe(component: icalendar.cal.Component) -> str:
    summary = str(component.get("SUMMARY", "") or "").strip()
    uid = str(component.get("UID", "") or "").strip()
    kind = component.name
    if summary and uid:
        return tr("{component} {summary!r} (UID {uid})", component=kind, summary=summary, uid=uid)
    if summary or uid:
        return tr("{component} {summary!r}", component=kind, summary=summary or uid)
    return kind


# The value inside the iCalendar library's (English) complaint: "Expected time, got: 2026120".
_LIBRARY_VALUE = re.compile(r"(?:got|format|rule)\s*:?\s*'?(?P<value>[^']*?)'?\s*$", re.IGNORECASE)
_MOMENT_PROPERTIES = frozenset({"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE", "DTSTAMP",
                                "LAST-MODIFIED", "CREATED"})


def _expected_value(name: str) -> str | None:
    """What a property's value should look like, in the user's language."""
    name = name.upper()
    if name in _MOMENT_PROPERTIES:
        return tr("a date or date-time such as 20261201 or 20261201T090000")
    if name in ("RRULE", "EXRULE"):
        return tr("a recurrence rule such as FREQ=WEEKLY;BYDAY=MO")
    if name in ("DURATION", "TRIGGER"):
        return tr("a duration such as PT1H30M")
    if name == "FREEBUSY":
        return tr("a period such as 20261201T010000Z/PT1H")
    if name in ("SEQUENCE", "PRIORITY"):
        return tr("a whole number")
    return None


def _value_problem(name: str, problem: str, value: str | None = None) -> str:
    """Our words for a value the library could not read; its own English only when we have none."""
    if value is None:
        found = _LIBRARY_VALUE.search(str(problem))
        value = found["value"] if found else None
    expected = _expected_value(name)
    if value is None or expected is None:
        return str(problem)
    return tr("{value!r} is not {expected}", value=value, expected=expected)


def _check_component(component: icalendar.cal.Component, label: str, zone: ZoneInfo) -> None:
    for name, problem in component.errors:
        raise CalendarFeedError(tr("{source}: {component}: property {property} cannot be read: {problem}",
                                   source=label, component=_describe(component), property=name,
                                   problem=_value_problem(name, problem)))
    if component.name != "VEVENT":
        return
    start = component.get("DTSTART")
    if start is None:
        raise CalendarFeedError(tr("{source}: {component} has no DTSTART", source=label,
                                   component=_describe(component)))
    for name in _DATE_PROPERTIES:
        values = component.get(name)
        for value in values if isinstance(values, list) else [values]:
            if value is None:
                continue
            tzid = value.params.get("TZID") if hasattr(value, "params") else None
            moments = [d.dt for d in value.dts] if hasattr(value, "dts") else [getattr(value, "dt", None)]
            for moment in moments:
                if tzid and isinstance(moment, dt.datetime) and moment.tzinfo is None:
                    raise CalendarFeedError(tr(
                        "{source}: {component}: unknown time zone TZID={tzid!r} in {property} and no VTIMEZONE "
                        "defines it", source=label, component=_describe(component), tzid=tzid, property=name))
    rules = component.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules]:
        if rule is None:
            continue
        text = rule.to_ical().decode()
        try:
            dtstart = start.dt if isinstance(start.dt, dt.datetime) else dt.datetime.combine(start.dt, dt.time())
            if dtstart.tzinfo is None:
                dtstart = dtstart.replace(tzinfo=zone)
            # UNTIL must match DTSTART's kind; dateutil is stricter than the feed's writers, so only the
            # syntax is checked here, on a naive copy.
            dateutil_rrule.rrulestr(re.sub(r"UNTIL=[^;]*;?", "", text).rstrip(";"), dtstart=dtstart)
        except (ValueError, TypeError, KeyError) as error:
            raise CalendarFeedError(tr("{source}: {component}: property {property} cannot be read: {problem}",
                                       source=label, component=_describe(component), property="RRULE",
                                       problem=_value_problem("RRULE", str(error), text))) from None


# --- the fast path for one-off events ------------------------------------------------------------
_DATE_VALUE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATETIME_VALUE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$")
# Properties that make an event need the full rules (recurrence, exceptions, durations).
_NEEDS_LIBRARY = frozenset(("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "DURATION", "EXRULE"))
_TEXT_ESCAPES = re.compile(r"\\([\\;,nN])")


def _split_line(line: str) -> tuple[str, dict[str, str], str]:
    """NAME;PARAM=VALUE:value → (NAME, params, value); quoted parameter values may hold ':' and ';'."""
    if '"' in line:
        match = re.match(r'^((?:[^:"]|"[^"]*")*):(.*)$', line, re.S)
        head, value = (match.group(1), match.group(2)) if match else (line, "")
    else:
        head, _, value = line.partition(":")
    name, *params = head.split(";")
    parameters = {}
    for param in params:
        key, _, param_value = param.partition("=")
        parameters[key.strip().upper()] = param_value.strip().strip('"')
    return name.strip().upper(), parameters, value


def _split_components(lines: list[str]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The calendar's own property lines, and its top-level components as (name, lines incl. BEGIN/END)."""
    own: list[str] = []
    components: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    depth = 0
    for line in lines:
        upper = line[:6].upper()
        if upper == "BEGIN:":
            depth += 1
            if depth == 2:
                current = []
                components.append((line[6:].strip().upper(), current))
        if depth >= 2 and current is not None:
            current.append(line)
        elif depth == 1 and upper != "BEGIN:" and upper[:4] != "END:":
            own.append(line)
        if upper[:4] == "END:":
            depth -= 1
    return own, components


@lru_cache(maxsize=256)
def _zone_named(tzid: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(tzid)
    except (ValueError, KeyError, OSError):
        return None


def _read_moment(value: str, params: dict[str, str], floating_zone: ZoneInfo) -> dt.datetime | dt.date | None:
    """A DTSTART/DTEND value; None when it is not a plain date or date-time (the library decides then)."""
    value = value.strip()
    match = _DATETIME_VALUE.match(value)
    if match:
        year, month, day, hour, minute, second, utc = match.groups()
        if utc:
            zone: dt.tzinfo = dt.timezone.utc
        elif "TZID" in params:
            zone = _zone_named(params["TZID"])
            if zone is None:
                return None
        else:
            zone = floating_zone
        try:
            return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=zone)
        except ValueError:
            return None
    match = _DATE_VALUE.match(value)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    return None


def _unescape(text: str) -> str:
    return _TEXT_ESCAPES.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _simple_event(lines: list[str], zone: ZoneInfo, floating_zone: ZoneInfo) -> FeedPeriod | None | bool:
    """A one-off event read directly: its period, None when it does not block, False when it needs the library."""
    props: dict[str, tuple[dict[str, str], str]] = {}
    depth = 0
    for line in lines[1:-1]:
        upper = line[:6].upper()
        if upper == "BEGIN:":
            depth += 1
        elif upper[:4] == "END:":
            depth -= 1
        elif depth == 0:
            name, params, value = _split_line(line)
            if name in _NEEDS_LIBRARY:
                return False
            props.setdefault(name, (params, value))
    if "DTSTART" not in props:
        return False
    start = _read_moment(props["DTSTART"][1], props["DTSTART"][0], floating_zone)
    end = _read_moment(props["DTEND"][1], props["DTEND"][0], floating_zone) if "DTEND" in props else start
    if start is None or end is None or type(start) is not type(end):
        return False
    status = props.get("STATUS", ({}, ""))[1].strip().upper()
    transparency = props.get("TRANSP", ({}, "OPAQUE"))[1].strip().upper()
    if status == "CANCELLED" or transparency == "TRANSPARENT":
        return None
    title = _unescape(props.get("SUMMARY", ({}, ""))[1]).strip()
    uid = props.get("UID", ({}, ""))[1].strip()
    if isinstance(start, dt.datetime):
        start, end = start.astimezone(zone), end.astimezone(zone)
        return FeedPeriod(start, end, title, False, uid) if end > start else None
    if end <= start:
        end = start + dt.timedelta(days=1)
    return FeedPeriod(dt.datetime.combine(start, dt.time(), zone), dt.datetime.combine(end, dt.time(), zone),
                      title, True, uid)


def _split_simple_events(text: str, zone: ZoneInfo) -> tuple[str, list[FeedPeriod], int]:
    """Read one-off events directly; return the rest as iCalendar text for the library."""
    lines = text.splitlines()
    own, components = _split_components(lines)
    wr_name = next((_split_line(line)[2].strip() for line in own if line[:14].upper() == "X-WR-TIMEZONE:"), "")
    floating_zone = _zone_named(wr_name) or zone if wr_name else zone
    overridden_uids = set()
    for name, block in components:
        # A series with moved or cancelled occurrences is expanded by the library as a whole.
        if name == "VEVENT" and any(line[:13].upper() == "RECURRENCE-ID" for line in block):
            overridden_uids.update(_split_line(line)[2].strip() for line in block if line[:4].upper() == "UID:")
    simple: list[FeedPeriod] = []
    count = 0
    rest: list[str] = [lines[0], *own]
    for name, block in components:
        if name == "VEVENT":
            uid = next((_split_line(line)[2].strip() for line in block if line[:4].upper() == "UID:"), None)
            period = False if uid in overridden_uids else _simple_event(block, zone, floating_zone)
            if period is not False:
                count += 1
                if period is not None:
                    simple.append(period)
                continue
        rest.extend(block)
    rest.append("END:VCALENDAR")
    return "\r\n".join(rest) + "\r\n", simple, count


def parse_feed(data: bytes, label: str, timezone: str = "Asia/Shanghai", limit: int = MAX_FEED_BYTES,
               *, fast: bool = True) -> Feed:
    """Check and parse a feed's bytes; raise CalendarFeedError naming what is wrong.

    With ``fast`` (the default) plain one-off events are read directly instead of through the
    icalendar library, which is what makes a 20,000-event feed import in seconds; ``fast=False``
    keeps every event in ``calendar`` (for readers that need the components themselves).
    """
    if len(data) > limit:
        raise _too_large(label, len(data), limit)
    text = _decode(unfold(data), label)
    _check_structure(text, label)
    zone = ZoneInfo(timezone)
    simple: list[FeedPeriod] = []
    simple_count = 0
    if fast:
        text, simple, simple_count = _split_simple_events(text, zone)
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise CalendarFeedError(tr("{source}: not a valid iCalendar file: {problem}", source=label,
                                   problem=str(error).splitlines()[0][:200])) from None
    count = simple_count
    for component in calendar.walk():
        if component.name in ("VEVENT", "VFREEBUSY"):
            _check_component(component, label, zone)
            count += 1 if component.name == "VEVENT" else len(_freebusy_values(component))
    wr_zone = calendar.get("X-WR-TIMEZONE")
    if wr_zone is not None:
        try:
            ZoneInfo(str(wr_zone))
        except (ValueError, KeyError, OSError):
            raise CalendarFeedError(tr("{source}: unknown time zone X-WR-TIMEZONE:{tzid}", source=label,
                                       tzid=wr_zone)) from None
        calendar = x_wr_timezone.to_standard(calendar)
    return Feed(label, calendar, count, tuple(simple))


# --- busy periods -------------------------------------------------------------------------------
def _freebusy_values(component: icalendar.cal.Component) -> list:
    values = component.get("FREEBUSY")
    if values is None:
        return []
    return values if isinstance(values, list) else [values]


def _aware(moment: dt.datetime | dt.date, zone: ZoneInfo) -> dt.datetime:
    if not isinstance(moment, dt.datetime):
        return dt.datetime.combine(moment, dt.time(), zone)
    if moment.tzinfo is None:          # floating time: read in the bureau's zone
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def _blocks(event: icalendar.cal.Component) -> bool:
    status = str(event.get("STATUS", "")).upper()
    transparency = str(event.get("TRANSP", "OPAQUE")).upper()
    return status != "CANCELLED" and transparency != "TRANSPARENT"


def busy_periods(feed: Feed, first: dt.date, last: dt.date, timezone: str = "Asia/Shanghai") -> Iterator[FeedPeriod]:
    """The feed's busy periods overlapping the dates [first, last], in the bureau's zone."""
    zone = ZoneInfo(timezone)
    window_start = dt.datetime.combine(first, dt.time(), zone)
    window_end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), zone)
    for period in feed.simple:
        if period.start < window_end and period.end > window_start:
            yield period if period.start.tzinfo is zone else period._replace(
                start=period.start.astimezone(zone), end=period.end.astimezone(zone))
    try:
        occurrences = recurring_ical_events.of(feed.calendar, components=["VEVENT"]).between(
            window_start, window_end)
        for event in occurrences:
            if not _blocks(event):
                continue
            start_value = event["DTSTART"].dt
            end_value = event["DTEND"].dt if "DTEND" in event else start_value
            all_day = not isinstance(start_value, dt.datetime)
            start, end = _aware(start_value, zone), _aware(end_value, zone)
            if all_day and end <= start:
                end = start + dt.timedelta(days=1)
            if end > start:
                yield FeedPeriod(start, end, str(event.get("SUMMARY", "") or "").strip(), all_day,
                                 str(event.get("UID", "") or "").strip())
    except recurring_ical_events.InvalidCalendar as error:
        raise CalendarFeedError(tr("{source}: the recurring events cannot be expanded: {problem}",
                                   source=feed.label, problem=error)) from None
    for component in feed.calendar.walk("VFREEBUSY"):
        title = str(component.get("SUMMARY", "") or component.get("COMMENT", "") or "").strip() or tr("busy")
        for value in _freebusy_values(component):
            if str(value.params.get("FBTYPE", "BUSY")).upper() not in _BUSY_TYPES:
                continue
            start, end_or_duration = value.dt
            end = start + end_or_duration if isinstance(end_or_duration, dt.timedelta) else end_or_duration
            start, end = _aware(start, zone), _aware(end, zone)
            if start < window_end and end > window_start and end > start:
                yield FeedPeriod(start, end, title, False)
