"""Recurrence rules read strictly and expanded with a bound (issue 13, calendar import).

A department's RRULE is checked part by part (``parse_rule``), so a rule dateutil would reject, or
one it would search for ever, is refused with the part that is wrong before anything is expanded.
``RuleExpansion`` then yields a rule's dates between two moments and never does unbounded work:

- a rule without COUNT starts its search a whole number of periods before the window instead of
  at DTSTART (an endless ``FREQ=SECONDLY`` since 2020 costs nothing until the window);
- at most ``limit`` dates are produced per rule (the caller says when a series was cut);
- dateutil searches a rule that matches nothing (``FREQ=DAILY;BYHOUR=9;BYSETPOS=2``) up to the year
  9999: ``_BoundedRule`` stops that search at the end of the window (see its docstring).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

from dateutil import rrule as du

FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Inclusive ranges of the numeric BY parts (RFC 5545 §3.3.10); 0 is never allowed where negatives are.
_RANGES = {"BYSECOND": (0, 60, False), "BYMINUTE": (0, 59, False), "BYHOUR": (0, 23, False),
           "BYMONTHDAY": (1, 31, True), "BYYEARDAY": (1, 366, True), "BYWEEKNO": (1, 53, True),
           "BYMONTH": (1, 12, False), "BYSETPOS": (1, 366, True)}
_BYDAY = re.compile(r"([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)\Z")
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})\Z")
_DATETIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)\Z")
_UNTIL_DAY_END = dt.time(23, 59, 59)
# Beyond this a search stops even without reaching the window: a COUNT rule that starts centuries
# before the window is not a department's calendar.
MAX_SEARCH_MONTHS = 1200


class RuleError(ValueError):
    """A rule part that cannot be read; ``value`` is the part to show the user."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


@dataclass(frozen=True)
class Rule:
    """A checked RRULE: its parts, upper-cased, X- parts dropped."""

    freq: str
    interval: int = 1
    count: int | None = None
    until: dt.date | dt.datetime | None = None      # naive, or UTC when the text ends in Z
    wkst: str | None = None
    by: dict[str, tuple] = field(default_factory=dict)   # BYxxx → ints, or BYDAY → (n, weekday index)

    @property
    def has_by_parts(self) -> bool:
        return bool(self.by)

    def text(self) -> str:
        """The canonical RRULE value, which every iCalendar library reads."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append("UNTIL=" + _moment_text(self.until))
        if self.wkst:
            parts.append(f"WKST={self.wkst}")
        for name, values in self.by.items():
            if name == "BYDAY":
                parts.append("BYDAY=" + ",".join(f"{n or ''}{WEEKDAYS[day]}" for n, day in values))
            else:
                parts.append(f"{name}=" + ",".join(str(v) for v in values))
        return ";".join(parts)


def _moment_text(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y%m%dT%H%M%S") + ("Z" if value.tzinfo is not None else "")
    return value.strftime("%Y%m%d")


def _read_until(text: str) -> dt.date | dt.datetime:
    match = _DATETIME.match(text)
    try:
        if match:
            year, month, day, hour, minute, second, utc = match.groups()
            return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second),
                               tzinfo=dt.timezone.utc if utc else None)
        match = _DATE.match(text)
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise RuleError(f"UNTIL={text}")


def _read_int(name: str, text: str) -> int:
    if not re.fullmatch(r"[+-]?\d{1,9}", text):
        raise RuleError(f"{name}={text}")
    return int(text)


def parse_rule(text: str) -> Rule:
    """Read an RRULE value strictly; raise RuleError naming the part that is wrong."""
    parts: dict[str, str] = {}
    for part in text.strip().upper().split(";"):
        if not part:
            continue
        name, equals, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if not equals or not name:
            raise RuleError(part)
        if name.startswith("X-"):
            continue                       # producers' own parts (Evolution's X-EVOLUTION-ENDDATE): ignored
        if name in parts:
            raise RuleError(part)
        parts[name] = value
    freq = parts.pop("FREQ", None)
    if freq not in FREQUENCIES:
        raise RuleError(freq or text.strip())
    interval = _read_int("INTERVAL", parts.pop("INTERVAL", "1"))
    if interval < 1:
        raise RuleError(f"INTERVAL={interval}")
    count = None
    if "COUNT" in parts:
        count = _read_int("COUNT", parts.pop("COUNT"))
        if count < 0:
            raise RuleError(f"COUNT={count}")
    until = _read_until(parts.pop("UNTIL")) if "UNTIL" in parts else None
    wkst = parts.pop("WKST", None)
    if wkst is not None and wkst not in WEEKDAYS:
        raise RuleError(f"WKST={wkst}")
    by: dict[str, tuple] = {}
    for name, value in parts.items():
        items = [item.strip() for item in value.split(",")]
        if name == "BYDAY":
            days = []
            for item in items:
                match = _BYDAY.match(item)
                if not match or (match[2] and not 1 <= int(match[2]) <= 53):
                    raise RuleError(f"BYDAY={value}")
                n = int(match[1] + match[2]) if match[2] else 0
                days.append((n, WEEKDAYS.index(match[3])))
            by[name] = tuple(dict.fromkeys(days))
        elif name in _RANGES:
            low, high, signed = _RANGES[name]
            numbers = []
            for item in items:
                number = _read_int(name, item)
                if not (low <= abs(number) <= high if signed else low <= number <= high) or (signed and number == 0):
                    raise RuleError(f"{name}={value}")
                numbers.append(number)
            by[name] = tuple(dict.fromkeys(numbers))
        else:
            raise RuleError(f"{name}={value}")   # RSCALE, SKIP (RFC 7529) or unknown: the dates cannot be known
    if "BYSECOND" in by and 60 in by["BYSECOND"]:
        by["BYSECOND"] = tuple(s for s in by["BYSECOND"] if s != 60) or (59,)   # a leap second: its minute's end
    return Rule(freq, interval, count, until, wkst, by)


# --- dateutil with a bounded search ---------------------------------------------------------------
class SearchEnded(Exception):
    """The search reached its horizon (see _BoundedRule)."""


class _BoundedRule(du.rrule):
    """dateutil's rrule whose search stops at a horizon.

    dateutil looks for the next date of a rule until the year 9999, so a rule that matches nothing
    (``FREQ=SECONDLY;BYSETPOS=2``) would run for days. Its iterator reads ``_byeaster`` once for each
    month it enters (``_iterinfo.rebuild``) and, for HOURLY/MINUTELY/SECONDLY rules, ``_tzinfo`` for
    each period it tries (the time sets): counting those reads bounds the search. The counters are
    set by ``RuleExpansion`` before iterating; ``SearchEnded`` ends the iteration.
    """

    months_left: int | None = None
    reads_left: int | None = None

    @property
    def _byeaster(self):
        if self.months_left is not None:
            self.months_left -= 1
            if self.months_left < 0:
                raise SearchEnded
        return self.__dict__.get("_byeaster_value")

    @_byeaster.setter
    def _byeaster(self, value) -> None:
        self.__dict__["_byeaster_value"] = value

    @property
    def _tzinfo(self):
        if self.reads_left is not None:
            self.reads_left -= 1
            if self.reads_left < 0:
                raise SearchEnded
        return self.__dict__.get("_tzinfo_value")

    @_tzinfo.setter
    def _tzinfo(self, value) -> None:
        self.__dict__["_tzinfo_value"] = value


_FREQ = {name: getattr(du, name) for name in FREQUENCIES}
_STEP = {"WEEKLY": dt.timedelta(weeks=1), "DAILY": dt.timedelta(days=1), "HOURLY": dt.timedelta(hours=1),
         "MINUTELY": dt.timedelta(minutes=1), "SECONDLY": dt.timedelta(seconds=1)}


def _until_for(start: dt.datetime, until: dt.date | dt.datetime, all_day: bool,
               floating_zone: dt.tzinfo) -> dt.datetime:
    """UNTIL of the same kind as DTSTART (dateutil insists), read as generously as a client would."""
    if not isinstance(until, dt.datetime):
        return dt.datetime.combine(until, _UNTIL_DAY_END, start.tzinfo)
    if start.tzinfo is not None:
        return until if until.tzinfo is not None else until.replace(tzinfo=start.tzinfo)
    if until.tzinfo is not None:
        until = until.astimezone(floating_zone).replace(tzinfo=None)
    return dt.datetime.combine(until.date(), _UNTIL_DAY_END) if all_day else until


def _explicit_parts(rule: Rule, start: dt.datetime) -> dict:
    """dateutil's arguments, with the parts it would take from DTSTART written out, so that moving
    the start of the search by whole periods cannot change which dates match."""
    by = rule.by
    kwargs: dict = {"interval": rule.interval}
    if rule.wkst:
        kwargs["wkst"] = WEEKDAYS.index(rule.wkst)
    for name, argument in (("BYSETPOS", "bysetpos"), ("BYMONTH", "bymonth"), ("BYMONTHDAY", "bymonthday"),
                           ("BYYEARDAY", "byyearday"), ("BYWEEKNO", "byweekno"), ("BYHOUR", "byhour"),
                           ("BYMINUTE", "byminute"), ("BYSECOND", "bysecond")):
        if name in by:
            kwargs[argument] = by[name]
    if "BYDAY" in by:
        kwargs["byweekday"] = [du.weekday(day, n or None) for n, day in by["BYDAY"]]
    if not any(name in by for name in ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")):
        if rule.freq == "YEARLY":
            kwargs.setdefault("bymonth", start.month)
            kwargs["bymonthday"] = start.day
        elif rule.freq == "MONTHLY":
            kwargs["bymonthday"] = start.day
        elif rule.freq == "WEEKLY":
            kwargs["byweekday"] = start.weekday()
    frequency = FREQUENCIES.index(rule.freq)
    if frequency < FREQUENCIES.index("HOURLY"):
        kwargs.setdefault("byhour", start.hour)
    if frequency < FREQUENCIES.index("MINUTELY"):
        kwargs.setdefault("byminute", start.minute)
    if frequency < FREQUENCIES.index("SECONDLY"):
        kwargs.setdefault("bysecond", start.second)
    return kwargs


def _months_between(first: dt.datetime, last: dt.datetime) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def _search_start(rule: Rule, start: dt.datetime, before: dt.datetime) -> tuple[dt.datetime, int]:
    """The latest start on the rule's grid of periods that is not after ``before``, and how many
    whole periods that skips (0 when ``before`` is not later than ``start``)."""
    if before <= start:
        return start, 0
    if rule.freq in _STEP:
        step = _STEP[rule.freq] * rule.interval
        periods = (before.replace(tzinfo=None) - start.replace(tzinfo=None)) // step
        return start + periods * step, periods
    per_period = 12 * rule.interval if rule.freq == "YEARLY" else rule.interval
    periods = _months_between(start, before) // per_period
    while periods > 0:               # a start on the 31st or on 29 February needs a month that has it
        months = start.month - 1 + periods * per_period
        try:
            return start.replace(year=start.year + months // 12, month=months % 12 + 1), periods
        except ValueError:
            periods -= 1
    return start, 0


@dataclass
class RuleExpansion:
    """The dates of one rule from ``low`` to ``high``, at most ``limit`` of them.

    After iterating, ``cut`` tells whether the limit (or the search's bound) stopped it before ``high``.
    """

    rule: Rule
    start: dt.date | dt.datetime       # DTSTART as the file gives it (a date for all-day events)
    low: dt.datetime                   # in DTSTART's zone when it has one, else naive wall time
    high: dt.datetime
    limit: int
    floating_zone: dt.tzinfo
    cut: bool = False                  # stopped before ``high``: by the limit, or by the search's bound
    searched_out: bool = False         # it was the search's bound (a rule that matches almost nothing)
    last: dt.datetime | None = None

    def _frame(self, start: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """``low`` and ``high`` on DTSTART's clock: its zone, or the bureau's wall time when floating."""
        if start.tzinfo is not None:
            return self.low.astimezone(start.tzinfo), self.high.astimezone(start.tzinfo)
        return (self.low.astimezone(self.floating_zone).replace(tzinfo=None),
                self.high.astimezone(self.floating_zone).replace(tzinfo=None))

    def dates(self) -> Iterator[dt.date | dt.datetime]:
        all_day = not isinstance(self.start, dt.datetime)
        start = dt.datetime.combine(self.start, dt.time()) if all_day else self.start
        low, high = self._frame(start)
        count = self.rule.count
        search_from, skipped = start, 0
        # Without COUNT the dates after a later start on the grid are the same; with COUNT only when
        # every period holds exactly one date (no BY parts, and periods of fixed length).
        if count is None or (not self.rule.has_by_parts and self.rule.freq in _STEP):
            search_from, skipped = _search_start(self.rule, start, low)
        if count is not None:
            count -= skipped
            if count <= 0:
                return
        kwargs = _explicit_parts(self.rule, start)
        if self.rule.until is not None:
            kwargs["until"] = _until_for(start, self.rule.until, all_day, self.floating_zone)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")            # COUNT with UNTIL: dateutil deprecates, clients accept
            rule = _BoundedRule(_FREQ[self.rule.freq], dtstart=search_from, count=count, **kwargs)
        months = _months_between(search_from, high) + 3
        months_capped = months > MAX_SEARCH_MONTHS
        rule.months_left = min(months, MAX_SEARCH_MONTHS)
        if self.rule.freq in ("HOURLY", "MINUTELY", "SECONDLY"):
            days = max(0, (high.replace(tzinfo=None) - search_from.replace(tzinfo=None)).days) + 2
            rule.reads_left = 2 * self.limit + 50 * days + 1000
        produced = passed = 0
        iterator = iter(rule)
        while True:
            try:
                moment = next(iterator)
            except StopIteration:
                return
            except SearchEnded:
                # Past the window: nothing is missing, unless the search was cut short of it.
                self.cut = self.searched_out = (rule.reads_left is not None and rule.reads_left < 0) or months_capped
                if self.last is None:
                    self.last = search_from          # nothing found: say where the search started
                return
            except (ValueError, OverflowError):        # dateutil: "no date can match", or past the year 9999
                return
            if moment > high:
                return
            if moment < low:
                # Dates before the window (a COUNT rule is searched from DTSTART): as many again at most.
                passed += 1
                if passed > self.limit:
                    self.cut = True
                    return
                self.last = moment
                continue
            produced += 1
            if produced > self.limit:
                self.cut = True
                return
            self.last = moment
            yield moment.date() if all_day else moment


def check_rule(rule: Rule, start: dt.date | dt.datetime) -> None:
    """Raise RuleError when dateutil cannot build this rule for that DTSTART (an empty BY set)."""
    all_day = not isinstance(start, dt.datetime)
    begin = dt.datetime.combine(start, dt.time()) if all_day else start
    kwargs = _explicit_parts(rule, begin)
    if rule.until is not None:
        kwargs["until"] = _until_for(begin, rule.until, all_day, dt.timezone.utc)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            du.rrule(_FREQ[rule.freq], dtstart=begin, count=rule.count, **kwargs)
    except (ValueError, TypeError, OverflowError):
        raise RuleError(rule.text()) from None


# --- a series read without the iCalendar libraries -------------------------------------------------
Instant = dt.datetime | dt.date


@dataclass(frozen=True)
class Series:
    """A repeating event with no moved occurrences, its times on real clocks (IANA, UTC, floating in
    the bureau's zone): expanded here, as recurring-ical-events would, without parsing it again.

    ``start`` is an aware date-time in the event's own zone, or a date for an all-day event; RDATE
    values are instants or (start, end) periods, EXDATE values instants or dates.
    """

    line: int
    uid: str
    title: str
    start: Instant
    duration: dt.timedelta
    rule: Rule | None = None
    rdates: tuple[Instant | tuple[dt.datetime, dt.datetime], ...] = ()
    exdates: tuple[Instant, ...] = ()

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    def spans(self, low: dt.datetime, high: dt.datetime, limit: int, zone: dt.tzinfo) -> tuple[
            list[tuple[dt.datetime, dt.datetime]], RuleExpansion | None]:
        """Its occurrences that overlap [low, high) as aware (start, end) in ``zone``, and the rule's
        expansion (to tell whether it was cut)."""
        own = self.start.tzinfo if isinstance(self.start, dt.datetime) else None

        def clock(moment: Instant) -> dt.datetime:
            if isinstance(moment, dt.datetime):
                return moment.astimezone(zone)
            return dt.datetime.combine(moment, dt.time(), zone)

        def span(moment: Instant) -> tuple[dt.datetime, dt.datetime]:
            # The length is added on the event's own wall clock, as recurring-ical-events does: across a
            # change to or from summer time a one-hour meeting still ends an hour later by the clock.
            if isinstance(moment, dt.datetime) and own is not None:
                local = moment.astimezone(own)
                return clock(local), clock(local + self.duration)
            begin = clock(moment)
            return begin, begin + self.duration

        starts: dict[dt.datetime, dt.datetime] = {}
        expansion = None
        if self.rule is not None:
            # From the first start whose occurrence reaches into the window (one that ends at ``low`` does not).
            reach = low - self.duration + dt.timedelta(microseconds=1)
            expansion = RuleExpansion(self.rule, self.start, reach, high, limit, zone)
            for moment in expansion.dates():
                begin, end = span(moment)
                starts[begin] = end
        include_start = True
        if self.rule is not None and self.rule.until is not None:
            begin = self.start if not self.all_day else dt.datetime.combine(self.start, dt.time())
            until = _until_for(begin, self.rule.until, self.all_day, zone)
            include_start = begin <= until
        if include_start:
            begin, end = span(self.start)
            starts.setdefault(begin, end)
        for value in self.rdates:
            if isinstance(value, tuple):
                starts[clock(value[0])] = clock(value[1])
            else:
                begin, end = span(value)
                starts.setdefault(begin, end)
        if self.exdates:
            # An EXDATE removes the occurrence at that instant, or every occurrence on that day when it
            # is a date (for an all-day event, the day of either kind).
            instants = {clock(e) for e in self.exdates if isinstance(e, dt.datetime)}
            days = {e for e in self.exdates if not isinstance(e, dt.datetime)}
            own = own or zone
            if self.all_day:
                days |= {instant.astimezone(zone).date() for instant in instants}
            for begin in list(starts):
                if begin in instants or begin.astimezone(own).date() in days:
                    del starts[begin]
        spans = [(begin, end) for begin, end in starts.items() if begin < high and end > low]
        return sorted(spans), expansion
