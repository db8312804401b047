"""A department's calendar read line by line before any iCalendar library sees it (issue 13).

Calendars come from many producers, and one odd feed must not take the import down. This module
turns the text into the small, well-formed subset the busy-time import needs, the way a tolerant
client (Thunderbird) reads a calendar:

- lines are unfolded on the bytes (a fold inside a Chinese character does no harm) and every
  message names the line of the file, counted as an editor counts it;
- properties this importer does not use (X- properties, ATTENDEE, TZID-ALIAS-OF, TZUNTIL, …) are
  ignored, as RFC 5545 asks; so are VTODO, VJOURNAL, VALARM and components nobody knows;
- a property that may occur once (DTSTART, DTEND, DURATION, RECURRENCE-ID, RRULE, SUMMARY, UID,
  STATUS, TRANSP, SEQUENCE) keeps its first value, with a warning; an RDATE or EXDATE value that is
  not a date (``RDATE;VALUE=TIME``) is dropped with a warning;
- an event that ends before it starts, has no DTSTART, or repeats the UID of an earlier event is
  skipped and counted; a time that cannot be read refuses the file, naming the line and property
  (the department's busy time would be wrong otherwise, and the last good copy stays in use);
- plain one-off events are read here directly (most of a big feed); the rest is written back as
  clean iCalendar text for icalendar and recurring-ical-events, with only the VTIMEZONEs they use.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

import icalendar

from desktop_app.core.calendar.ical_recurrence import RuleError, Series, check_rule, parse_rule
from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr


class CalendarFeedError(InputError):
    """An iCalendar feed cannot be used; the message names the source and what is wrong."""


class FeedPeriod(NamedTuple):
    start: dt.datetime
    end: dt.datetime
    title: str
    all_day: bool
    uid: str = ""     # the event's UID: tells our own visits echoed back in a department's calendar


@dataclass(frozen=True)
class FeedNote:
    """Something the import did not take as written: a skipped event, or a warning about one."""

    skipped: bool      # True: the event is not used; False: it is used, without the part named
    line: int
    uid: str
    reason: str        # in the user's language

    def text(self) -> str:
        if self.uid:
            return tr("line {line} (UID {uid}): {reason}", line=self.line, uid=self.uid, reason=self.reason)
        return tr("line {line}: {reason}", line=self.line, reason=self.reason)


# --- bytes to numbered lines ----------------------------------------------------------------------
_FOLD = re.compile(rb"(?:\r\n|\r|\n)[ \t]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def decode(data: bytes, label: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CalendarFeedError(tr("{source}: the text is neither UTF-8 nor GB18030", source=label))


@dataclass(frozen=True)
class Lines:
    """The unfolded content lines, and where each starts in the file."""

    texts: list[str]
    _fold_lines: list[int]          # for each fold, the index of the content line it belongs to

    def number(self, index: int) -> int:
        """The file's line number (from 1) on which content line ``index`` starts."""
        return index + 1 + bisect.bisect_left(self._fold_lines, index)


def split_lines(data: bytes, label: str) -> Lines:
    fold_lines: list[int] = []
    position = breaks = 0
    for number, match in enumerate(_FOLD.finditer(data)):
        start = match.start()
        breaks += data.count(b"\n", position, start) + data.count(b"\r", position, start) \
            - data.count(b"\r\n", position, start)
        fold_lines.append(breaks - number)      # each earlier fold took one line break away
        breaks += 1
        position = match.end()
    text = decode(_FOLD.sub(b"", data), label)
    return Lines(_LINE_BREAK.split(text), fold_lines)


# --- structure ------------------------------------------------------------------------------------
_BEGIN_OR_END = frozenset("BbEe")


@dataclass(frozen=True)
class Structure:
    """Where the calendar's parts are: its own property lines, and its components (name, BEGIN, END)."""

    own: list[int]
    components: list[tuple[str, int, int]]


def check_structure(lines: Lines, label: str) -> Structure:
    """Refuse what is not iCalendar, or is cut off, with a message a user can act on; say where
    the top-level components are (one pass over a file of a million lines)."""
    texts = lines.texts
    first_index = next((i for i, line in enumerate(texts) if line.strip()), None)
    if first_index is None:
        raise CalendarFeedError(tr("{source}: the file is empty", source=label))
    first = texts[first_index].strip()
    if first.upper() != "BEGIN:VCALENDAR":
        head = "\n".join(texts[:50])[:2000].lower()
        if first.lower().startswith(("<!doctype html", "<html", "<?xml", "<head")) or "<html" in head:
            raise CalendarFeedError(tr("{source}: this is a web page (HTML), not an iCalendar file", source=label))
        raise CalendarFeedError(tr("{source}: not an iCalendar file (it should start with BEGIN:VCALENDAR, "
                                   "it starts with {start!r})", source=label, start=_shown(first, 40)))
    # Only BEGIN and END lines matter for the structure: find them first (a million lines are a lot
    # of Python), then take the calendar's own lines from the gaps between its components.
    stack: list[tuple[str, int]] = [("VCALENDAR", first_index)]
    components: list[tuple[str, int, int]] = []
    closed_at = None
    for index in [i for i, line in enumerate(texts) if line[:1] in _BEGIN_OR_END and i > first_index]:
        line = texts[index]
        head = line[:6].upper()
        if head == "BEGIN:":
            if closed_at is not None:
                break
            stack.append((line[6:].strip().upper(), index))
        elif head[:4] == "END:":
            if closed_at is not None:
                break
            name = line[4:].strip().upper()
            if stack[-1][0] != name:
                raise CalendarFeedError(tr("{source}: line {line}: END:{component} does not close an open "
                                           "component", source=label, line=lines.number(index),
                                           component=_shown(line[4:].strip(), 40)))
            _, begin = stack.pop()
            if len(stack) == 1:
                components.append((name, begin, index))
            elif not stack:
                closed_at = index
    if closed_at is None:
        component, index = stack[-1]
        raise CalendarFeedError(tr("{source}: the file is truncated: BEGIN:{component} (line {line}) is never "
                                   "closed", source=label, component=_shown(component, 40), line=lines.number(index)))
    trailing = next((i for i in range(closed_at + 1, len(texts)) if texts[i].strip()), None)
    if trailing is not None:
        raise CalendarFeedError(tr("{source}: text after END:VCALENDAR (line {line})", source=label,
                                   line=lines.number(trailing)))
    own: list[int] = []
    gap_start = first_index + 1
    for _, begin, end in [*components, ("", closed_at, closed_at)]:
        own.extend(i for i in range(gap_start, begin) if texts[i].strip())
        gap_start = end + 1
    return Structure(own, components)


def _shown(text: str, limit: int = 60) -> str:
    """A value as it may appear inside a message: one line, no control characters, not too long."""
    text = re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", text).strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- property lines -------------------------------------------------------------------------------
# NAME, then ;parameters (quoted values may hold ':' and ';'), then :value, in one match.
_LINE = re.compile(r'([A-Za-z0-9-]+)((?:;(?:[^:;"]|"[^"]*")*)*):(.*)\Z', re.S)
_NO_PARAMS: dict[str, str] = {}


class Prop(NamedTuple):
    name: str
    params: dict[str, str]
    value: str
    index: int          # content line index, for the line number


@lru_cache(maxsize=4096)
def _params(text: str) -> dict[str, str]:
    """The parameters of ';TZID=Asia/Shanghai;VALUE=DATE' (cached: a feed repeats a few of them; read-only)."""
    params: dict[str, str] = {}
    for param in re.findall(r';((?:[^;"]|"[^"]*")*)', text):
        key, _, value = param.partition("=")
        params.setdefault(key.strip().upper(), value.strip().strip('"'))
    return params


def split_property(line: str, index: int) -> Prop | None:
    """NAME;PARAM=VALUE:value → Prop; None when the line is not a property line at all."""
    match = _LINE.match(line.strip(" \t"))
    if match is None:
        return None
    name, params, value = match.groups()
    return Prop(name.upper(), _params(params) if params else _NO_PARAMS, value, index)


# FREEBUSY types that make the department busy (FREE and the rest do not).
BUSY_TYPES = frozenset({"BUSY", "BUSY-UNAVAILABLE", "BUSY-TENTATIVE"})

_TEXT_ESCAPES = re.compile(r"\\([\\;,nN])")


def unescape(text: str) -> str:
    return _TEXT_ESCAPES.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


# --- values ----------------------------------------------------------------------------------------
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})\Z")
_DATETIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)\Z")
_DURATION = re.compile(r"([+-]?)P(?:(\d{1,8})W|(?:(\d{1,8})D)?(?:T(?:(\d{1,8})H)?(?:(\d{1,8})M)?(?:(\d{1,8})S)?)?)\Z")


class Moment(NamedTuple):
    """A DATE or DATE-TIME value: naive, with where its clock is."""

    value: dt.date | dt.datetime
    utc: bool = False
    tzid: str | None = None       # a local time with a TZID (None: UTC, floating or a date)
    all_day: bool = False         # a DATE

    def text(self) -> str:
        if self.all_day:
            return self.value.strftime("%Y%m%d")
        return self.value.strftime("%Y%m%dT%H%M%S") + ("Z" if self.utc else "")

    def same_clock(self, other: Moment) -> bool:
        return (self.all_day, self.utc, self.tzid) == (other.all_day, other.utc, other.tzid)


def read_moment(text: str, params: dict[str, str]) -> Moment | None:
    """A DATE or DATE-TIME; None when it is neither (the VALUE parameter is not trusted over the text)."""
    text = text.strip().upper()
    match = _DATETIME.match(text)
    try:
        if match:
            year, month, day, hour, minute, second, utc = match.groups()
            value = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
            tzid = params.get("TZID", "").strip() or None
            return Moment(value, bool(utc), None if utc else tzid)
        match = _DATE.match(text)
        if match:
            return Moment(dt.date(int(match[1]), int(match[2]), int(match[3])), all_day=True)
    except ValueError:
        return None
    return None


def read_duration(text: str) -> dt.timedelta | None:
    match = _DURATION.match(text.strip().upper())
    if not match or not any(match.groups()[1:]):
        return None
    sign, weeks, days, hours, minutes, seconds = match.groups()
    try:
        delta = dt.timedelta(weeks=int(weeks or 0), days=int(days or 0), hours=int(hours or 0),
                             minutes=int(minutes or 0), seconds=int(seconds or 0))
    except OverflowError:
        return None
    return -delta if sign == "-" else delta


def read_period(text: str, params: dict[str, str]) -> tuple[Moment, Moment | dt.timedelta] | None:
    """start/end or start/duration, start a DATE-TIME; None when it is not a period."""
    start_text, slash, rest = text.partition("/")
    if not slash:
        return None
    start = read_moment(start_text, params)
    if start is None or start.all_day:
        return None
    end = read_duration(rest) if rest.strip().upper().lstrip("+-").startswith("P") else read_moment(rest, params)
    if end is None or (isinstance(end, Moment) and end.all_day):
        return None
    if isinstance(end, dt.timedelta) and end <= dt.timedelta(0):
        return None
    return start, end


@lru_cache(maxsize=512)
def zone_named(tzid: str) -> ZoneInfo | None:
    """The IANA zone of that name, or None (a Windows name or a zone the file defines itself)."""
    try:
        return ZoneInfo(tzid)
    except (ValueError, KeyError, OSError):
        return None


def aware(moment: Moment, floating: dt.tzinfo) -> dt.datetime | None:
    """The moment on a real clock: UTC, its IANA zone, or ``floating``; None for other TZIDs."""
    value = moment.value if not moment.all_day else dt.datetime.combine(moment.value, dt.time())
    if moment.utc:
        return value.replace(tzinfo=dt.timezone.utc)
    if moment.tzid and not moment.all_day:
        zone = zone_named(moment.tzid)
        return value.replace(tzinfo=zone) if zone is not None else None
    return value.replace(tzinfo=floating)


# --- the events -------------------------------------------------------------------------------------
# Properties an event may hold once (RFC 5545 §3.6.1) and that the busy-time import uses.
SINGLE = ("UID", "DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "RRULE", "SUMMARY", "STATUS", "TRANSP", "SEQUENCE")
_SINGLE = frozenset(SINGLE)
_DATE_LISTS = frozenset(("RDATE", "EXDATE"))
_WANTED = _SINGLE | _DATE_LISTS | {"CATEGORIES", "EXRULE"}
# The name of a property line: group 1 when it is one this module reads (or BEGIN/END), else None.
_WANTED_NAME = re.compile("(?i)(?:(" + "|".join(sorted((*_WANTED, "BEGIN", "END"), key=len, reverse=True))
                          + r")|[A-Za-z0-9-]+)[;:]")
_RECURRENCE = frozenset(("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"))
# Real calendars define a handful of zones; each one costs dateutil some work to build.
MAX_OWN_ZONES = 50
MAX_NOTES = 1000


@dataclass
class Draft:
    """One VEVENT as read: the first value of each property it may hold once, its date lists."""

    begin: int                                   # content line index of BEGIN:VEVENT
    single: dict[str, Prop] = field(default_factory=dict)
    repeated: dict[str, tuple[int, int]] = field(default_factory=dict)   # property → (times, first repeat's line)
    dates: dict[str, list[tuple[Prop, list[str]]]] = field(default_factory=dict)  # RDATE/EXDATE: (line, kept values)
    categories: list[str] = field(default_factory=list)
    exrule: int | None = None
    unreadable: int = 0                                        # lines that are not property lines
    first_unreadable: int | None = None

    @property
    def uid(self) -> str:
        prop = self.single.get("UID")
        return prop.value.strip() if prop else ""

    @property
    def summary(self) -> str:
        prop = self.single.get("SUMMARY")
        return unescape(prop.value).strip() if prop else ""

    def value(self, name: str) -> str:
        prop = self.single.get(name)
        return prop.value.strip().upper() if prop else ""


@dataclass(frozen=True)
class ZoneBlock:
    """A VTIMEZONE the file defines, cleaned for dateutil, under a name unique to its definition."""

    tzid: str
    key: str
    line: int
    lines: list[str]


@dataclass
class Normalised:
    """What the normaliser found: the one-off events read directly, the rest as lines for the library."""

    simple: list[FeedPeriod | None] = field(default_factory=list)
    series: list[Series | None] = field(default_factory=list)
    freebusy: list[FeedPeriod] = field(default_factory=list)
    zones: list[ZoneBlock] = field(default_factory=list)
    event_lines: list[str] = field(default_factory=list)
    library_events: list[tuple[int, str]] = field(default_factory=list)   # (line, UID) of each event, in order
    event_count: int = 0
    notes: list[FeedNote] = field(default_factory=list)
    counts: dict[bool, int] = field(default_factory=lambda: {True: 0, False: 0})   # skipped / warnings, all of them
    wr_zone: ZoneInfo | None = None


def describe(summary: str, uid: str, component: str = "VEVENT") -> str:
    summary, uid = _shown(summary), _shown(uid)
    if summary and uid:
        return tr("{component} {summary!r} (UID {uid})", component=component, summary=summary, uid=uid)
    if summary or uid:
        return tr("{component} {summary!r}", component=component, summary=summary or uid)
    return component


def expected_value(name: str) -> str | None:
    """What a property's value should look like, in the user's language."""
    if name in ("DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE", "DTSTAMP", "LAST-MODIFIED",
                "CREATED", "UNTIL"):
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


class Normaliser:
    """Reads the components of one checked calendar (see the module docstring)."""

    def __init__(self, lines: Lines, label: str, zone: ZoneInfo, limit: int, fast: bool = True,
                 max_repeating: int = 20_000, max_library: int = 10_000) -> None:
        self.lines = lines
        self.label = label
        self.zone = zone                  # the bureau's
        self.limit = limit                # dates per RDATE/EXDATE list (the occurrences cap per series)
        self.fast = fast
        self.max_repeating = max_repeating   # events that repeat or change another
        self.max_library = max_library       # events that need the libraries (they read about 1 MB a second)
        self.result = Normalised()
        self.floating = zone

    # --- messages -----------------------------------------------------------------------------
    def refuse(self, index: int, draft: Draft | None, name: str, value: str,
               component: str = "VEVENT") -> CalendarFeedError:
        expected = expected_value(name)
        problem = tr("{value!r} is not {expected}", value=_shown(value), expected=expected) if expected \
            else tr("{value!r} cannot be read", value=_shown(value))
        where = describe(draft.summary, draft.uid, component) if draft else component
        return CalendarFeedError(tr("{source}, line {line}: {component}: property {property} cannot be read: "
                                    "{problem}", source=self.label, line=self.lines.number(index), component=where,
                                    property=name, problem=problem))

    _quiet = False        # reading an event again: its notes were given the first time

    def note(self, skipped: bool, index: int, uid: str, reason: str) -> None:
        if self._quiet:
            return
        self.result.counts[skipped] += 1
        if len(self.result.notes) < MAX_NOTES:          # a file of a million bad lines: count them all, keep some
            self.result.notes.append(FeedNote(skipped, self.lines.number(index), _shown(uid), reason))

    # --- the calendar -------------------------------------------------------------------------------
    def run(self) -> Normalised:
        structure = check_structure(self.lines, self.label)
        texts = self.lines.texts
        self._calendar_properties([prop for prop in (split_property(texts[i], i) for i in structure.own) if prop])
        timezones: dict[str, tuple[int, int]] = {}
        library: list[Draft] = []
        self._masters: dict[str, int] = {}
        self._simple_of: dict[str, list[tuple[int, int, int]]] = {}   # UID → (result index, BEGIN, END)
        self._overridden: set[str] = set()
        self._repeating = 0               # events that repeat or change another (read here or by the libraries)
        for name, begin, end in structure.components:
            if name == "VEVENT":
                self.result.event_count += 1
                draft = self._draft(begin, end)
                if self._event(draft, begin, end, library):
                    library.append(draft)
                    if draft.single.keys() & _RECURRENCE or draft.dates:
                        self._count_repeating()
                    if len(library) > self.max_library:
                        raise CalendarFeedError(tr(
                            "{source}: more than {limit} events need the full iCalendar rules (changed occurrences of "
                            "a series, time zones the file defines); the calendar was not imported",
                            source=self.label, limit=f"{self.max_library:,}"))
            elif name == "VFREEBUSY":
                self._freebusy(begin, end)
            elif name == "VTIMEZONE":
                tzid = next((p.value.strip() for p in self._properties(begin, end) if p.name == "TZID"), "")
                if tzid:
                    timezones.setdefault(tzid, (begin, end))
            # VTODO, VJOURNAL, VAVAILABILITY and unknown components are not busy time: ignored.
        if self._overridden:
            self.result.simple = [p for p in self.result.simple if p is not None]
            self.result.series = [p for p in self.result.series if p is not None]
        if library:
            self._library_text(library, timezones)
        return self.result

    def _calendar_properties(self, own: list[Prop]) -> None:
        for prop in own:
            if prop.name == "CALSCALE" and prop.value.strip().upper() not in ("", "GREGORIAN"):
                raise CalendarFeedError(tr("{source}, line {line}: CALSCALE:{value} is not supported; only "
                                           "Gregorian calendars can be read", source=self.label,
                                           line=self.lines.number(prop.index), value=_shown(prop.value, 30)))
        wr = next((prop for prop in own if prop.name == "X-WR-TIMEZONE"), None)
        if wr is not None and wr.value.strip():
            zone = zone_named(wr.value.strip())
            if zone is None:
                raise CalendarFeedError(tr("{source}, line {line}: unknown time zone X-WR-TIMEZONE:{tzid}",
                                           source=self.label, line=self.lines.number(wr.index),
                                           tzid=_shown(wr.value, 60)))
            self.result.wr_zone = zone
            self.floating = zone

    def _properties(self, begin: int, end: int) -> list[Prop]:
        """The component's own property lines (not those of components inside it)."""
        props = []
        depth = 0
        texts = self.lines.texts
        for index in range(begin + 1, end):
            prop = split_property(texts[index], index)
            if prop is None:
                continue
            if prop.name == "BEGIN":
                depth += 1
            elif prop.name == "END":
                depth -= 1
            elif depth == 0:
                props.append(prop)
        return props

    # --- one VEVENT -------------------------------------------------------------------------------
    def _draft(self, begin: int, end: int) -> Draft:
        draft = Draft(begin)
        texts = self.lines.texts
        single, repeated, dates = draft.single, draft.repeated, draft.dates
        depth = 0
        match_name, match_line = _WANTED_NAME.match, _LINE.match
        for index in range(begin + 1, end):
            line = texts[index]
            found = match_name(line)
            if found is None or found.group(1) is None:
                # Properties nobody here uses (DTSTAMP, LOCATION, ATTENDEE, X-…): only check they are properties.
                if (found is None or ":" not in line) and line.strip() and split_property(line, index) is None:
                    draft.unreadable += 1
                    if draft.first_unreadable is None:
                        draft.first_unreadable = index
                continue
            name = found.group(1).upper()
            if name == "BEGIN":
                depth += 1
                continue
            if name == "END":
                depth -= 1
                continue
            if depth:
                continue          # VALARM and the like: not busy time
            match = match_line(line)
            if match is None:
                match = _LINE.match(line.strip(" \t"))
                if match is None:
                    draft.unreadable += 1
                    if draft.first_unreadable is None:
                        draft.first_unreadable = index
                    continue
            if name in _SINGLE:
                if name in single:
                    count, first = repeated.get(name, (1, index))
                    repeated[name] = (count + 1, first)
                    continue
                raw = match.group(2)
                single[name] = Prop(name, _params(raw) if raw else _NO_PARAMS, match.group(3), index)
            elif name in _DATE_LISTS:
                entries = dates.setdefault(name, [])
                if len(entries) <= self.limit:         # one more than kept: enough to say the list was cut
                    raw = match.group(2)
                    entries.append((Prop(name, _params(raw) if raw else _NO_PARAMS, match.group(3), index), []))
            elif name == "CATEGORIES":
                draft.categories.append(match.group(3))
            elif name == "EXRULE" and draft.exrule is None:
                draft.exrule = index
        return draft

    def _warn_draft(self, draft: Draft, uid: str) -> None:
        if draft.unreadable:
            self.note(False, draft.first_unreadable, uid,
                      tr("the line is not a property (NAME:value); it is ignored") if draft.unreadable == 1 else
                      tr("this line and {count} more of the event are not properties (NAME:value); they are ignored",
                         count=draft.unreadable - 1))
        for name, (count, first) in draft.repeated.items():
            line = self.lines.number(draft.single[name].index)
            self.note(False, first, uid, tr("{property} is given {count} times; the first value (line {line}) is used",
                                            property=name, count=count, line=line))
        if draft.exrule is not None:
            self.note(False, draft.exrule, uid,
                      tr("EXRULE is not supported; the occurrences it would exclude count as busy"))

    def _event(self, draft: Draft, begin: int, end: int, library: list[Draft]) -> bool:
        """Read one event: True when it needs the iCalendar libraries (it repeats, it was changed,
        its zone is the file's own), False when it was read here or skipped."""
        uid = draft.uid
        self._warn_draft(draft, uid)
        moved = "RECURRENCE-ID" in draft.single
        if not moved and uid:
            if uid in self._masters:
                self.note(True, begin, uid, tr("the UID was already used by the event on line {line}",
                                               line=self.lines.number(self._masters[uid])))
                return False
            self._masters[uid] = begin
        start_prop = draft.single.get("DTSTART")
        if start_prop is None:
            self.note(True, begin, uid, tr("it has no DTSTART"))
            return False
        start = read_moment(start_prop.value, start_prop.params)
        if start is None:
            raise self.refuse(start_prop.index, draft, "DTSTART", start_prop.value)
        finish = self._end(draft, start)
        if finish is False:
            return False
        self._check_dates(draft)
        if "RRULE" in draft.single:
            self._check_rule(draft, start)
        if moved and uid and uid not in self._overridden:
            # Its series is expanded by the library as a whole: take back what was read here of it.
            self._overridden.add(uid)
            for position, first, last in self._simple_of.pop(uid, ()):
                if position >= 0:
                    self.result.simple[position] = None
                else:
                    self.result.series[-1 - position] = None
                library.append(self._checked_draft(first, last))
        if not self.fast or uid in self._overridden or moved:
            return True
        if not _RECURRENCE.intersection(draft.single) and not draft.dates:
            period = self._simple(draft, start, finish)
            if period is not False:
                if period is not None:
                    if uid:
                        self._simple_of.setdefault(uid, []).append((len(self.result.simple), begin, end))
                    self.result.simple.append(period)
                return False
            return True
        series = self._series(draft, start, finish)
        if series is False:
            return True
        self._count_repeating()
        if series is not None:
            if uid:
                self._simple_of.setdefault(uid, []).append((-1 - len(self.result.series), begin, end))
            self.result.series.append(series)
        return False

    def _count_repeating(self) -> None:
        self._repeating += 1
        if self._repeating > self.max_repeating:
            raise CalendarFeedError(tr("{source}: more than {limit} events repeat or change other events; the "
                                       "calendar was not imported", source=self.label, limit=f"{self.max_repeating:,}"))

    def _series(self, draft: Draft, start: Moment, finish: Moment | dt.timedelta | None) -> Series | None | bool:
        """A repeating event read here: its Series, None when it does not block, False when it needs
        the libraries (a zone the file defines, a Windows zone name, DTEND of another kind)."""
        begin = aware(start, self.floating)
        if begin is None:
            return False
        if isinstance(finish, Moment):
            if finish.all_day != start.all_day:
                return False
            end = aware(finish, self.floating)
            if end is None:
                return False
            duration = end - begin
            if duration < dt.timedelta(0):          # on different clocks: only now can it be told
                self.note(True, draft.begin, draft.uid, tr("it ends before it starts (DTEND is before DTSTART)"))
                return None
        elif isinstance(finish, dt.timedelta):
            duration = finish
        else:
            duration = dt.timedelta(0)
        if start.all_day and duration <= dt.timedelta(0):
            duration = dt.timedelta(days=1)
        lists: dict[str, list] = {"RDATE": [], "EXDATE": []}
        for name, entries in draft.dates.items():
            for prop, values in entries:
                for value in values:
                    period = read_period(value, prop.params) if "/" in value else None
                    moment = period[0] if period else read_moment(value, prop.params)
                    instant = self._instant(moment, start, begin)
                    if instant is None:
                        return False
                    if period:
                        last = period[1]
                        stop = instant + last if isinstance(last, dt.timedelta) else self._instant(last, start, begin)
                        if stop is None:
                            return False
                        lists[name].append((instant, stop))
                    else:
                        lists[name].append(instant)
        if draft.value("STATUS") == "CANCELLED" or draft.value("TRANSP") == "TRANSPARENT":
            return None
        rule_prop = draft.single.get("RRULE")
        return Series(self.lines.number(draft.begin), draft.uid, draft.summary,
                      start.value if start.all_day else begin, duration,
                      parse_rule(rule_prop.value) if rule_prop else None, tuple(lists["RDATE"]),
                      tuple(lists["EXDATE"]))

    def _instant(self, moment: Moment, start: Moment, begin: dt.datetime) -> dt.datetime | dt.date | None:
        """An RDATE/EXDATE value on a real clock; a floating one is on the event's clock (as clients read it)."""
        if moment.all_day:
            return moment.value
        if not moment.utc and not moment.tzid and (start.utc or start.tzid) and not start.all_day:
            return moment.value.replace(tzinfo=begin.tzinfo)
        return aware(moment, self.floating)

    def _checked_draft(self, begin: int, end: int) -> Draft:
        """An event read here once, read again for the library (its notes were given the first time)."""
        draft = self._draft(begin, end)
        self._quiet = True
        try:
            start_prop = draft.single["DTSTART"]
            start = read_moment(start_prop.value, start_prop.params)
            self._end(draft, start)
            self._check_dates(draft)
            if "RRULE" in draft.single:
                self._check_rule(draft, start)
        finally:
            self._quiet = False
        return draft

    def _end(self, draft: Draft, start: Moment) -> Moment | dt.timedelta | None | bool:
        """DTEND or DURATION, checked; False when the event is skipped for ending before it starts."""
        end_prop, duration_prop = draft.single.get("DTEND"), draft.single.get("DURATION")
        if end_prop is not None and duration_prop is not None:
            self.note(False, duration_prop.index, draft.uid, tr("both DTEND and DURATION are given; DTEND is used"))
            del draft.single["DURATION"]
            duration_prop = None
        if end_prop is not None:
            end = read_moment(end_prop.value, end_prop.params)
            if end is None:
                raise self.refuse(end_prop.index, draft, "DTEND", end_prop.value)
            if end.same_clock(start) and end.value < start.value:
                self.note(True, draft.begin, draft.uid, tr("it ends before it starts (DTEND is before DTSTART)"))
                return False
            return end
        if duration_prop is not None:
            duration = read_duration(duration_prop.value)
            if duration is None:
                raise self.refuse(duration_prop.index, draft, "DURATION", duration_prop.value)
            if duration < dt.timedelta(0):
                self.note(True, draft.begin, draft.uid, tr("it ends before it starts (the DURATION is negative)"))
                return False
            return duration
        return None

    def _check_dates(self, draft: Draft) -> None:
        """Keep the readable RDATE/EXDATE values (at most ``limit`` of each), warn about the rest."""
        recurrence = draft.single.get("RECURRENCE-ID")
        if recurrence is not None and read_moment(recurrence.value, recurrence.params) is None:
            raise self.refuse(recurrence.index, draft, "RECURRENCE-ID", recurrence.value)
        if recurrence is not None and draft.dates:
            draft.dates.clear()           # an occurrence that was moved does not repeat on its own
        for name, entries in draft.dates.items():
            kept = 0
            cut = False
            for prop, values in entries:
                kind = prop.params.get("VALUE", "").upper()
                if kind not in ("", "DATE", "DATE-TIME", "PERIOD") or (kind == "PERIOD" and name == "EXDATE"):
                    self.note(False, prop.index, draft.uid, tr("{property};VALUE={kind} is not supported; the line "
                                                               "is ignored", property=name, kind=_shown(kind, 20)))
                    continue
                for item in prop.value.split(","):
                    item = item.strip()
                    if not item:
                        continue
                    readable = read_moment(item, prop.params) is not None or (
                        name == "RDATE" and read_period(item, prop.params) is not None)
                    if not readable:
                        self.note(False, prop.index, draft.uid,
                                  tr("{property} value {value!r} is not a date, date-time or period; it is ignored",
                                     property=name, value=_shown(item, 40)))
                        continue
                    if kept >= self.limit:
                        cut = True
                        break
                    values.append(item.upper())
                    kept += 1
                if cut:
                    break
            if cut:
                self.note(False, entries[0][0].index, draft.uid,
                          tr("{property} lists more than {limit} dates; only the first {limit} are used",
                             property=name, limit=self.limit))

    def _check_rule(self, draft: Draft, start: Moment) -> None:
        prop = draft.single["RRULE"]
        if "RECURRENCE-ID" in draft.single:
            del draft.single["RRULE"]      # a moved occurrence does not repeat on its own
            return
        try:
            rule = parse_rule(prop.value)
            check_rule(rule, start.value if start.all_day or not (start.utc or start.tzid)
                       else start.value.replace(tzinfo=dt.timezone.utc))
        except RuleError as error:
            raise self.refuse(prop.index, draft, "RRULE", error.value) from None
        draft.single["RRULE"] = prop._replace(value=rule.text())

    # --- the fast path ----------------------------------------------------------------------------
    def _simple(self, draft: Draft, start: Moment, end: Moment | dt.timedelta | None) -> FeedPeriod | None | bool:
        """A one-off event read directly: its period, None when it does not block, False when it needs the library."""
        begin = aware(start, self.floating)
        if begin is None:
            return False
        if isinstance(end, Moment):
            if end.all_day != start.all_day:
                return False
            finish = aware(end, self.floating)
            if finish is None:
                return False
        elif isinstance(end, dt.timedelta):
            finish = begin + end
        else:
            finish = begin
        if finish < begin:
            self.note(True, draft.begin, draft.uid, tr("it ends before it starts (DTEND is before DTSTART)"))
            return None
        if draft.value("STATUS") == "CANCELLED" or draft.value("TRANSP") == "TRANSPARENT":
            return None
        title, uid = draft.summary, draft.uid
        if start.all_day:
            if finish <= begin:
                finish = begin + dt.timedelta(days=1)
            return FeedPeriod(begin.replace(tzinfo=self.zone), finish.replace(tzinfo=self.zone), title, True, uid)
        begin, finish = begin.astimezone(self.zone), finish.astimezone(self.zone)
        return FeedPeriod(begin, finish, title, False, uid) if finish > begin else None

    # --- free/busy ----------------------------------------------------------------------------------
    def _freebusy(self, begin: int, end: int) -> None:
        props = self._properties(begin, end)
        title = next((unescape(p.value).strip() for p in props if p.name in ("SUMMARY", "COMMENT")), "") or tr("busy")
        uid = next((p.value.strip() for p in props if p.name == "UID"), "")
        for prop in props:
            if prop.name != "FREEBUSY":
                continue
            if prop.params.get("FBTYPE", "BUSY").upper() not in BUSY_TYPES:
                self.result.event_count += len([v for v in prop.value.split(",") if v.strip()])
                continue
            for item in prop.value.split(","):
                if not item.strip():
                    continue
                self.result.event_count += 1
                period = read_period(item.strip(), {})
                if period is None:
                    self.note(False, prop.index, uid, tr("FREEBUSY value {value!r} is not a period; it is ignored",
                                                         value=_shown(item, 40)))
                    continue
                first, last = period
                start = aware(first, self.floating)
                finish = start + last if isinstance(last, dt.timedelta) else aware(last, self.floating)
                if finish > start:
                    self.result.freebusy.append(FeedPeriod(start.astimezone(self.zone), finish.astimezone(self.zone),
                                                           title, False, uid))

    # --- text for the libraries -------------------------------------------------------------------
    def _library_text(self, drafts: list[Draft], timezones: dict[str, tuple[int, int]]) -> None:
        """The events that need the libraries, and the VTIMEZONEs they use, as clean iCalendar lines.

        A zone the file defines itself gets a name made from its definition: icalendar keeps such zones
        for the whole process, so another file's zone of the same name must not be taken for it.
        """
        used: dict[str, None] = {}
        for draft in drafts:
            for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
                prop = draft.single.get(name)
                if prop is not None and prop.params.get("TZID"):
                    used[prop.params["TZID"].strip()] = None
            for entries in draft.dates.values():
                for prop, _ in entries:
                    if prop.params.get("TZID"):
                        used[prop.params["TZID"].strip()] = None
        rename: dict[str, str] = {}
        for tzid in used:
            if zone_named(tzid) is not None or tzid not in timezones:
                continue                  # icalendar uses the IANA zone, or the event is refused as unknown
            begin, end = timezones[tzid]
            body = self._timezone_body(tzid, begin, end)
            if not body:
                continue
            if len(self.result.zones) >= MAX_OWN_ZONES:
                raise CalendarFeedError(tr("{source}: the events use more than {limit} time zones defined in the "
                                           "file; the calendar was not imported", source=self.label,
                                           limit=MAX_OWN_ZONES))
            key = f"{tzid}~{hashlib.sha1(chr(10).join([tzid, *body]).encode()).hexdigest()[:12]}"
            block = ZoneBlock(tzid, key, self.lines.number(begin),
                              ["BEGIN:VTIMEZONE", f"TZID:{_param_text(key)}", *body, "END:VTIMEZONE"])
            if not _zone_builds(block):
                self.note(False, begin, "", tr("the time zone {tzid!r} cannot be read; it is ignored",
                                               tzid=_shown(tzid)))
                continue
            rename[tzid] = key
            self.result.zones.append(block)
        for draft in drafts:
            self.result.event_lines.extend(self._event_lines(draft, rename))
            self.result.library_events.append((self.lines.number(draft.begin), draft.uid))

    def _event_lines(self, draft: Draft, rename: dict[str, str]) -> list[str]:
        out = ["BEGIN:VEVENT"]
        for name in SINGLE:
            prop = draft.single.get(name)
            if prop is None:
                continue
            if name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
                moment = read_moment(prop.value, prop.params)
                params = _moment_params(moment, rename)
                if name == "RECURRENCE-ID" and prop.params.get("RANGE", "").upper() == "THISANDFUTURE":
                    params += ";RANGE=THISANDFUTURE"
                out.append(f"{name}{params}:{moment.text()}")
            elif name == "DURATION":
                out.append(f"DURATION:{prop.value.strip().upper()}")
            elif name == "SEQUENCE":
                if re.fullmatch(r"\s*\d{1,9}\s*", prop.value):
                    out.append(f"SEQUENCE:{int(prop.value)}")
                else:
                    self.note(False, prop.index, draft.uid, tr("SEQUENCE {value!r} is not a whole number; it is "
                                                               "ignored", value=_shown(prop.value, 20)))
            elif name in ("STATUS", "TRANSP"):
                out.append(f"{name}:{_text_value(prop.value.strip().upper())}")
            elif name == "RRULE":
                out.append(f"RRULE:{prop.value}")
            else:
                out.append(f"{name}:{_text_value(prop.value)}")
        for name, entries in draft.dates.items():
            for prop, values in entries:
                groups: dict[str, list[str]] = {}
                for value in values:
                    period = read_period(value, prop.params) if "/" in value else None
                    moment = period[0] if period else read_moment(value, prop.params)
                    params = _moment_params(moment, rename)
                    if period:
                        params = ";VALUE=PERIOD" + params
                        end = period[1]
                        value = f"{moment.text()}/" + (value.partition("/")[2].strip() if isinstance(end, dt.timedelta)
                                                       else end.text())
                    else:
                        value = moment.text()
                    groups.setdefault(params, []).append(value)
                out.extend(f"{name}{params}:{','.join(values)}" for params, values in groups.items())
        if draft.categories:
            out.append("CATEGORIES:" + ",".join(_text_value(c) for c in draft.categories))
        out.append("END:VEVENT")
        return out

    def _timezone_body(self, tzid: str, begin: int, end: int) -> list[str]:
        """A VTIMEZONE's observances with only what dateutil's reader accepts (TZID-ALIAS-OF, TZUNTIL,
        X- and anything else is left out: RFC 5545 says unknown properties are ignored)."""
        texts = self.lines.texts
        out: list[str] = []
        observance: list[str] | None = None
        depth = 0
        for index in range(begin + 1, end):
            line = texts[index]
            head = line[:6].upper()
            if head == "BEGIN:":
                depth += 1
                name = line[6:].strip().upper()
                if depth == 1 and name in ("STANDARD", "DAYLIGHT"):
                    observance = [f"BEGIN:{name}"]
                continue
            if head[:4] == "END:":
                if depth == 1 and observance is not None:
                    out.extend(_complete_observance(observance))
                    observance = None
                depth -= 1
                continue
            if depth != 1 or observance is None:
                continue
            prop = split_property(line, index)
            if prop is None or any(item.startswith(prop.name + ":") for item in observance):
                continue
            value = prop.value.strip().upper()
            if prop.name == "DTSTART":
                moment = read_moment(value, {})
                if moment is not None:
                    start = moment.value if not moment.all_day else dt.datetime.combine(moment.value, dt.time())
                    observance.append(f"DTSTART:{start:%Y%m%dT%H%M%S}")
            elif prop.name in ("TZOFFSETFROM", "TZOFFSETTO") and re.fullmatch(r"[+-]\d{4}(\d{2})?", value):
                observance.append(f"{prop.name}:{value}")
            elif prop.name == "TZNAME":
                observance.append(f"TZNAME:{_text_value(prop.value.strip())}")
            elif prop.name == "RRULE" and _is_zone_rule(value):
                observance.append(f"RRULE:{value}")
            elif prop.name == "RDATE" and not prop.params.get("TZID"):
                dates = [v.strip() for v in value.split(",") if _DATETIME.match(v.strip())]
                if dates:
                    observance.append("RDATE:" + ",".join(dates[:1000]))
        if not out:
            self.note(False, begin, "", tr("the time zone {tzid!r} cannot be read; it is ignored", tzid=_shown(tzid)))
        return out


def _complete_observance(lines: list[str]) -> list[str]:
    """STANDARD/DAYLIGHT with DTSTART and TZOFFSETTO (TZOFFSETFROM taken from it when missing); else nothing."""
    names = {line.partition(":")[0] for line in lines}
    if not {"DTSTART", "TZOFFSETTO"} <= names:
        return []
    if "TZOFFSETFROM" not in names:
        to = next(line for line in lines if line.startswith("TZOFFSETTO:"))
        lines = [*lines, "TZOFFSETFROM:" + to.partition(":")[2]]
    return [*lines, "END:" + lines[0][6:]]


def _zone_builds(block: ZoneBlock) -> bool:
    """Whether icalendar (with dateutil) can make a time zone of the block; it then keeps it by its key."""
    text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//joint-acceptance//zone//EN", *block.lines,
                         "END:VCALENDAR", ""])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            icalendar.Calendar.from_ical(text)
    except Exception:  # noqa: BLE001 - any failure of the libraries on this one zone: the zone is ignored
        return False
    return True


def _is_zone_rule(value: str) -> bool:
    """A VTIMEZONE's yearly transition rule: dateutil searches other rules without bound."""
    try:
        rule = parse_rule(value)
    except RuleError:
        return False
    return rule.freq == "YEARLY" and set(rule.by) <= {"BYMONTH", "BYDAY", "BYMONTHDAY"} \
        and all(len(values) <= 31 for values in rule.by.values())


def _param_text(value: str) -> str:
    value = value.replace('"', "")
    return f'"{value}"' if re.search(r"[;:,]", value) else value


def _text_value(value: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", value)


def _moment_params(moment: Moment, rename: dict[str, str]) -> str:
    if moment.all_day:
        return ";VALUE=DATE"
    if moment.tzid:
        return f";TZID={_param_text(rename.get(moment.tzid, moment.tzid))}"
    return ""

