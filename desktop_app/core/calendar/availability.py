"""Department availability: office hours, the working-day calendar, blocked days and busy time.

This is the ground truth the scheduler trusts (DESIGN §4): if ``Availability`` says a department
is free, it is. A department is free inside its office-hours periods on a working day that is not
blocked, minus its imported busy events. Everything outside that is *unavailable*, and
``Availability.unavailable`` names why (holiday by name, office hours, a busy event by its title,
a blocked day), so explanations can be written in the domain's words.

Busy time comes from iCalendar data (``desktop_app.core.calendar.ical_reader`` reads and checks it); this module
stores each source's last good copy with its events expanded over a bounded planning window and
re-expands from that copy whenever a query reaches outside what was stored.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from desktop_app.core.calendar.ical_reader import (
    EXPANSION_SECONDS, FETCH_TIMEOUT_SECONDS, CalendarFeedError, Feed, FeedNote, FeedPeriod, expand_feed,
    fetch_feed, is_url, merge_periods, parse_feed, read_feed_file,
)
from desktop_app.core.calendar.city_events import (
    PROJECT_PROPERTY, PlaceNames, VisitTags, resolve_place, visit_tags,
)
from desktop_app.core.model.errors import InputError
from desktop_app.core.store.confirmation_records import Decline, current_declines
from desktop_app.core.store.uid_tokens import own_uid_suffix, stored_uid_token
from desktop_app.core.model.messages import tr
from desktop_app.core.model.domain import Department
from desktop_app.core.model.office_hours import WeeklyHours
from desktop_app.core.store.database import now_iso
from desktop_app.core.calendar.workdays import WorkingCalendar

if TYPE_CHECKING:
    from desktop_app.core.store.repository import Repository

_ONE_DAY = dt.timedelta(days=1)

Interval = tuple[dt.datetime, dt.datetime]


@dataclass(frozen=True)
class BusyEvent:
    department: str
    start: dt.datetime        # timezone-aware, converted to the bureau's zone
    end: dt.datetime
    title: str                # SUMMARY, kept so explanations can name it
    all_day: bool = False


class BlockKind(StrEnum):
    NON_WORKING_DAY = "non_working_day"        # weekend or statutory holiday (reason = holiday name)
    OUTSIDE_OFFICE_HOURS = "outside_office_hours"
    BUSY_EVENT = "busy_event"                  # reason = the event's title
    BLOCKED_DAY = "blocked_day"                # a blocked date range the bureau entered (reason = its reason)
    OTHER_BUREAU = "other_bureau"              # another bureau's visit takes the department (reason = which, why)
    DECLINED = "declined"                      # the department declined a published visit then (reason = its words)


@dataclass(frozen=True)
class Unavailable:
    department: str
    start: dt.datetime
    end: dt.datetime
    kind: BlockKind
    reason: str


BlockedRange = tuple[dt.date, dt.date, str]          # first day, last day (inclusive), reason
HoursVariant = tuple[dt.date, WeeklyHours]           # valid from this date until the next variant


# --- interval arithmetic (sorted, disjoint, half-open [start, end)) ----------------------------
def subtract(intervals: Sequence[Interval], cuts: Iterable[Interval]) -> list[Interval]:
    """``intervals`` minus the union of ``cuts``."""
    result = list(intervals)
    for cut_start, cut_end in cuts:
        if cut_end <= cut_start:
            continue
        remaining: list[Interval] = []
        for start, end in result:
            if cut_end <= start or cut_start >= end:
                remaining.append((start, end))
                continue
            if start < cut_start:
                remaining.append((start, cut_start))
            if cut_end < end:
                remaining.append((cut_end, end))
        result = remaining
    return result


def intersect(first: Sequence[Interval], second: Sequence[Interval]) -> list[Interval]:
    """The intersection of two sorted, disjoint interval lists."""
    result: list[Interval] = []
    i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if start < end:
            result.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return result


def snap_to_grain(intervals: Iterable[Interval], grain_minutes: int) -> list[Interval]:
    """Shrink each interval to whole grain cells (counted from midnight); drop what becomes empty."""
    grain = dt.timedelta(minutes=grain_minutes)
    result: list[Interval] = []
    for start, end in intervals:
        midnight = start.replace(hour=0, minute=0, second=0, microsecond=0)
        cells_before = -((midnight - start) // grain)          # ceiling division
        snapped_start = midnight + cells_before * grain
        snapped_end = midnight + ((end - midnight) // grain) * grain
        if snapped_start < snapped_end:
            result.append((snapped_start, snapped_end))
    return result


def _format_minutes(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def weekday_stand_in_hours(hours: WeeklyHours) -> tuple[tuple[int, int], ...]:
    """The hours a department works on a make-up working weekend day (调休上班) when the calendar
    does not say which weekday it pays back: Monday's, or the first weekday that has any."""
    for weekday in range(5):
        if hours.on(weekday):
            return hours.on(weekday)
    return ()


class Availability:
    """Free time of departments over a planning window [first, last] (dates, inclusive)."""

    def __init__(self, departments: Mapping[str, Department], calendar: WorkingCalendar,
                 busy: Mapping[str, Sequence[BusyEvent]], first: dt.date, last: dt.date,
                 timezone: str = "Asia/Shanghai", blocked: Mapping[str, Sequence[BlockedRange]] | None = None,
                 variants: Mapping[str, Sequence[HoursVariant]] | None = None,
                 declined: Iterable[Decline] | None = None) -> None:
        self.departments = dict(departments)
        self.calendar = calendar
        self.first = first
        self.last = last
        self.timezone = timezone
        self.zone = ZoneInfo(timezone)
        self.blocked = {code: sorted(ranges) for code, ranges in (blocked or {}).items()}
        self._variants = {code: sorted(items, key=lambda v: v[0]) for code, items in (variants or {}).items()}
        self._variant_days = {code: [v[0] for v in items] for code, items in self._variants.items()}
        self._events: dict[str, list[BusyEvent]] = {}
        self._by_day: dict[str, dict[dt.date, list[BusyEvent]]] = {}
        for code, events in busy.items():
            ordered = sorted((self._in_zone(e) for e in events), key=lambda e: (e.start, e.end, e.title))
            self._events[code] = ordered
            self._by_day[code] = self._index_by_day(ordered)
        self._office_cache: dict[tuple[str, dt.date], list[Interval]] = {}
        self._free_cache: dict[tuple[str, dt.date], list[Interval]] = {}
        self._declined: dict[str, list[Decline]] = {}
        if declined is not None:
            self.set_declined(declined)

    # --- construction -------------------------------------------------------------------
    @classmethod
    def from_repository(cls, repo: Repository, first: dt.date, last: dt.date) -> "Availability":
        """Everything stored about the departments, with busy time correct for [first, last]."""
        settings = repo.settings()
        calendar = WorkingCalendar(repo.holiday_overrides(), settings.complete_override_years)
        departments = {d.code: d for d in repo.departments()}
        return cls(departments, calendar, load_busy_events(repo.db, first, last, settings.timezone),
                   first, last, settings.timezone, blocked=load_blocked_periods(repo.db),
                   variants=load_office_hours_variants(repo.db),
                   declined=load_declines(repo.db, first, last, settings.timezone))

    def set_declined(self, declined: Iterable[Decline]) -> None:
        """Departments' current declines of published visits: busy time of that department over the visit.

        Not hidden for the declined visit itself (unlike our visits echoed back in a feed): the department
        said it cannot come then, so the visit is a conflict there and a move must go elsewhere.
        """
        by_department: dict[str, list[Decline]] = defaultdict(list)
        for decline in declined:
            by_department[decline.department].append(Decline(
                decline.visit, decline.department, decline.start.astimezone(self.zone),
                decline.end.astimezone(self.zone), decline.reason))
        self._declined = {code: sorted(items, key=lambda d: (d.start, d.visit)) for code, items in by_department.items()}
        self._free_cache.clear()

    def declines(self, department: str, day: dt.date) -> list[Decline]:
        """The department's current declines overlapping that day."""
        start, end = self._midnight(day), self._midnight(day + _ONE_DAY)
        return [d for d in self._declined.get(department, ()) if d.start < end and d.end > start]

    def _in_zone(self, event: BusyEvent) -> BusyEvent:
        start, end = event.start.astimezone(self.zone), event.end.astimezone(self.zone)
        if start == event.start and end == event.end and start.tzinfo is event.start.tzinfo:
            return event
        return BusyEvent(event.department, start, end, event.title, event.all_day)

    def _index_by_day(self, events: Sequence[BusyEvent]) -> dict[dt.date, list[BusyEvent]]:
        """Events by each day of the planning window they touch (days outside are scanned)."""
        index: dict[dt.date, list[BusyEvent]] = defaultdict(list)
        for event in events:
            day = max(event.start.date(), self.first)
            last = min((event.end - dt.timedelta(microseconds=1)).date(), self.last)
            while day <= last:
                index[day].append(event)
                day += _ONE_DAY
        return index

    # --- one department, one day --------------------------------------------------------
    def _midnight(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), self.zone)

    def weekly_hours(self, department: str, day: dt.date) -> WeeklyHours:
        """The department's weekly hours valid on ``day`` (the latest seasonal variant that has started)."""
        days = self._variant_days.get(department)
        if days:
            position = bisect.bisect_right(days, day)
            if position:
                return self._variants[department][position - 1][1]
        return self.departments[department].office_hours

    def blocked_reason(self, department: str, day: dt.date) -> str | None:
        """The reason the bureau blocked the department on ``day``; None when it is not blocked."""
        for first, last, reason in self.blocked.get(department, ()):
            if first <= day <= last:
                return reason
        return None

    def office_periods(self, department: str, day: dt.date) -> list[Interval]:
        """The department's office-hours periods that day; empty on a non-working or blocked day.

        On a make-up working weekend day (调休) the department works its ordinary weekday hours: those
        of the weekday whose rest day it pays back when the calendar knows it, else Monday's.
        """
        key = (department, day)
        cached = self._office_cache.get(key)
        if cached is not None:
            return cached
        periods: list[Interval] = []
        if self.calendar.is_working_day(day) and self.blocked_reason(department, day) is None:
            hours = self.weekly_hours(department, day)
            minutes = hours.on(day.weekday())
            if self.calendar.is_makeup_workday(day):
                weekday = self.calendar.stand_in_weekday(day)
                minutes = hours.on(weekday) if weekday is not None else weekday_stand_in_hours(hours)
            midnight = self._midnight(day)
            periods = [(self._at(midnight, start), self._at(midnight, end)) for start, end in minutes]
        self._office_cache[key] = periods
        return periods

    def _at(self, midnight: dt.datetime, minutes: int) -> dt.datetime:
        # Wall-clock arithmetic, then re-attach the zone, so office hours stay right across a DST change.
        naive = midnight.replace(tzinfo=None) + dt.timedelta(minutes=minutes)
        return naive.replace(tzinfo=self.zone)

    def busy(self, department: str, day: dt.date) -> list[BusyEvent]:
        """Busy events overlapping that day (recurrences expanded), sorted by start."""
        if self.first <= day <= self.last:
            return list(self._by_day.get(department, {}).get(day, ()))
        start, end = self._midnight(day), self._midnight(day + _ONE_DAY)
        return [e for e in self._events.get(department, ()) if e.start < end and e.end > start]

    def free_intervals(self, department: str, day: dt.date) -> list[Interval]:
        """office_periods minus busy events; sorted, disjoint."""
        key = (department, day)
        cached = self._free_cache.get(key)
        if cached is not None:
            return cached
        periods = self.office_periods(department, day)
        free = subtract(periods, ((e.start, e.end) for e in self.busy(department, day))) if periods else []
        if free and department in self._declined:
            free = subtract(free, ((d.start, d.end) for d in self.declines(department, day)))
        self._free_cache[key] = free
        return free

    def is_free(self, department: str, start: dt.datetime, end: dt.datetime) -> bool:
        """True when the department is free during the whole of [start, end) (within one day)."""
        start, end = start.astimezone(self.zone), end.astimezone(self.zone)
        return any(s <= start and end <= e for s, e in self.free_intervals(department, start.date()))

    # --- several departments --------------------------------------------------------------
    def common_free(self, departments: Iterable[str], first: dt.date, last: dt.date,
                    grain_minutes: int | None = None) -> list[Interval]:
        """Intersection of all departments' free time over the date range.

        With ``grain_minutes`` the intervals shrink to whole grain cells (a visit starts on the grain).
        No departments means no common time: the answer is empty.
        """
        codes = list(dict.fromkeys(departments))
        if not codes:
            return []
        result: list[Interval] = []
        day = first
        while day <= last:
            common = self.free_intervals(codes[0], day)
            for code in codes[1:]:
                if not common:
                    break
                common = intersect(common, self.free_intervals(code, day))
            result.extend(snap_to_grain(common, grain_minutes) if grain_minutes else common)
            day += _ONE_DAY
        return result

    # --- explanations ---------------------------------------------------------------------
    def unavailable(self, department: str, start: dt.datetime, end: dt.datetime) -> list[Unavailable]:
        """Why the department is not free somewhere in [start, end): every blocking stretch with
        its kind and reason (empty list = fully free)."""
        start, end = start.astimezone(self.zone), end.astimezone(self.zone)
        stretches: list[Unavailable] = []
        day = start.date()
        while self._midnight(day) < end:
            stretches.extend(self._day_unavailable(department, day, start, end))
            day += _ONE_DAY
        return _merge_adjacent(stretches)

    def _day_unavailable(self, department: str, day: dt.date, start: dt.datetime,
                         end: dt.datetime) -> list[Unavailable]:
        day_start = max(start, self._midnight(day))
        day_end = min(end, self._midnight(day + _ONE_DAY))
        if day_start >= day_end:
            return []
        if not self.calendar.is_working_day(day):
            return [Unavailable(department, day_start, day_end, BlockKind.NON_WORKING_DAY,
                                self.non_working_reason(day))]
        reason = self.blocked_reason(department, day)
        if reason is not None:
            return [Unavailable(department, day_start, day_end, BlockKind.BLOCKED_DAY,
                                reason or tr("blocked day"))]
        window = [(day_start, day_end)]
        periods = self.office_periods(department, day)
        found: list[Unavailable] = []
        hours_text = ", ".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in periods) or tr("none")
        for gap_start, gap_end in subtract(window, periods):
            found.append(Unavailable(department, gap_start, gap_end, BlockKind.OUTSIDE_OFFICE_HOURS,
                                     tr("outside office hours ({hours})", hours=hours_text)))
        open_time = intersect(window, periods)
        for event in self.busy(department, day):
            for busy_start, busy_end in intersect(open_time, [(event.start, event.end)]):
                found.append(Unavailable(department, busy_start, busy_end, BlockKind.BUSY_EVENT,
                                         event.title or tr("busy")))
        for decline in self.declines(department, day) if department in self._declined else ():
            for busy_start, busy_end in intersect(open_time, [(decline.start, decline.end)]):
                found.append(Unavailable(department, busy_start, busy_end, BlockKind.DECLINED, decline.reason))
        return sorted(found, key=lambda u: (u.start, u.end))

    def non_working_reason(self, day: dt.date) -> str:
        """The holiday's name, or 'weekend', for a non-working day."""
        name = self.calendar.holiday_name(day)
        if name:
            return name
        return tr("weekend") if day.weekday() >= 5 else tr("holiday")

    def earliest_free_day(self, departments: Iterable[str], first: dt.date, last: dt.date,
                          minutes: int) -> dt.date | None:
        """The first day in [first, last] when all departments share ``minutes`` of unbroken free time."""
        need = dt.timedelta(minutes=minutes)
        codes = list(departments)
        day = first
        while day <= last:
            if any(e - s >= need for s, e in self.common_free(codes, day, day)):
                return day
            day += _ONE_DAY
        return None


def _merge_adjacent(stretches: list[Unavailable]) -> list[Unavailable]:
    """Join touching stretches with the same kind and reason (a seven-day holiday is one stretch)."""
    merged: list[Unavailable] = []
    for stretch in stretches:
        if merged and merged[-1].end >= stretch.start and merged[-1].kind is stretch.kind \
                and merged[-1].reason == stretch.reason:
            last = merged[-1]
            merged[-1] = Unavailable(last.department, last.start, max(last.end, stretch.end), last.kind, last.reason)
        else:
            merged.append(stretch)
    return merged


# --- the planning window ------------------------------------------------------------------------
PLANNING_DAYS_BEFORE = 30     # keep recent busy time: a visit moved into the past weeks is still checked
PLANNING_DAYS_AFTER = 180     # about two deadline horizons plus the late-visit search, with room to spare


def planning_window(today: dt.date | None = None, days_before: int = PLANNING_DAYS_BEFORE,
                    days_after: int = PLANNING_DAYS_AFTER) -> tuple[dt.date, dt.date]:
    """The dates over which imported recurring events are expanded and stored."""
    today = today or dt.date.today()
    return today - dt.timedelta(days=days_before), today + dt.timedelta(days=days_after)


# --- availability sources (busy-time calendars) ---------------------------------------------------
@dataclass(frozen=True)
class AvailabilitySource:
    """Where a department's busy time comes from, and how fresh the stored copy is."""

    id: int
    department: str
    location: str                       # a file path, an http(s)/webcal URL, or a dataset file label
    fetched_at: dt.datetime | None      # when the last good copy was stored
    attempted_at: dt.datetime | None    # the last attempt, good or not
    last_error: str                     # why the last attempt failed ('' when it succeeded)
    event_count: int                    # events (and free/busy periods) in the last good copy
    expanded_first: dt.date | None
    expanded_last: dt.date | None

    @property
    def is_url(self) -> bool:
        return is_url(self.location)


@dataclass(frozen=True)
class ImportResult:
    """What storing one calendar did: the CLI prints it, the GUI shows it."""

    department: str
    location: str
    event_count: int        # events in the file
    busy_count: int         # busy periods stored for the planning window (touching ones joined)
    first: dt.date
    last: dt.date
    own_visits: int = 0     # our own visits echoed back (the department subscribes to our feed): not busy time
    notes: tuple[FeedNote, ...] = ()    # events skipped, and what was not taken as written (the first ones)
    note_counts: tuple[int, int] | None = None    # all events skipped, all warnings (default: the notes')

    def message(self) -> str:
        return "\n".join([self._summary(), *notes_text(self.notes, self.note_counts)])

    def _summary(self) -> str:
        if self.event_count == 0:
            return tr("{department}: {location} contains no events; accepted, the department has no busy time "
                      "from this source.", department=self.department, location=self.location)
        if self.own_visits:
            return tr("{department}: {events} events read from {location}, {own} of them our own visits (the "
                      "department subscribes to our feed), which are not busy time; {busy} busy periods stored for "
                      "{first} – {last}.", department=self.department, events=self.event_count,
                      location=self.location, own=self.own_visits, busy=self.busy_count, first=self.first,
                      last=self.last)
        return tr("{department}: {events} events read from {location}; {busy} busy periods stored for "
                  "{first} – {last}.", department=self.department, events=self.event_count,
                  location=self.location, busy=self.busy_count, first=self.first, last=self.last)


NOTES_SHOWN = 5


def notes_text(notes: Sequence[FeedNote], counts: tuple[int, int] | None = None) -> list[str]:
    """'3 events skipped: …' and 'N warnings: …', each with the first few by line and UID."""
    lines = []
    for skipped in (True, False):
        chosen = [note for note in notes if note.skipped is skipped]
        total = max(len(chosen), counts[0 if skipped else 1] if counts else 0)
        if not total:
            continue
        details = tr("; ").join(note.text() for note in chosen[:NOTES_SHOWN])
        if total > NOTES_SHOWN:
            details += tr("; ") + tr("and {count} more", count=total - min(len(chosen), NOTES_SHOWN))
        lines.append(tr("{count} events skipped: {details}", count=total, details=details) if skipped
                     else tr("{count} warnings: {details}", count=total, details=details))
    return lines


class AvailabilityError(InputError):
    """A busy-time source or a blocked period cannot be used; nothing was changed."""


def _timestamp(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _source(row: dict) -> AvailabilitySource:
    return AvailabilitySource(
        id=row["id"], department=row["department"], location=row["location"],
        fetched_at=_timestamp(row["fetched_at"]), attempted_at=_timestamp(row["attempted_at"]),
        last_error=row["last_error"] or "", event_count=row["event_count"] or 0,
        expanded_first=dt.date.fromisoformat(row["expanded_first"]) if row["expanded_first"] else None,
        expanded_last=dt.date.fromisoformat(row["expanded_last"]) if row["expanded_last"] else None)


def sources(db: Database, department: str | None = None) -> list[AvailabilitySource]:
    """The stored sources (all, or one department's), by department and location."""
    where, params = ("department = ?", [department]) if department else (None, [])
    columns = ("id, department, location, fetched_at, attempted_at, last_error, event_count, "
               "expanded_first, expanded_last")
    return [_source(row) for row in db["availability_sources"].rows_where(
        where, params, select=columns, order_by="department, location")]


def _bureau_timezone(db: Database) -> str:
    from desktop_app.core.store.repository import Repository

    return Repository(db).settings().timezone


def _require_department(db: Database, department: str) -> None:
    if not db.execute("SELECT 1 FROM departments WHERE code = ?", [department]).fetchone():
        raise AvailabilityError(tr("unknown department {code!r}", code=department))


def _occurrence_limit(db: Database) -> int:
    from desktop_app.core.store.repository import Repository

    return max(1, Repository(db).settings().calendar_occurrence_limit)


def import_calendar_bytes(db: Database, department: str, location: str, data: bytes, *,
                          window: tuple[dt.date, dt.date] | None = None,
                          fetched_at: str | None = None, occurrence_limit: int | None = None) -> ImportResult:
    """Parse ``data`` and make it the department's busy time from ``location``.

    The previous events from the same location are replaced in one transaction; a feed that
    cannot be parsed raises CalendarFeedError and leaves the database exactly as it was. Each
    series is expanded at most ``occurrence_limit`` times (default: the setting
    calendar_occurrence_limit) over the window, and touching busy periods are stored joined.
    """
    _require_department(db, department)
    timezone = _bureau_timezone(db)
    limit = occurrence_limit if occurrence_limit is not None else _occurrence_limit(db)
    feed = parse_feed(data, location, timezone, occurrence_limit=limit)
    first, last = window or planning_window()
    expansion = expand_feed(feed, first, last, timezone, seconds=EXPANSION_SECONDS)
    periods, own_visits = _without_own_visits(expansion.periods, stored_uid_token(db))
    periods, foreign = _split_foreign_visits(db, department, periods, data)
    periods = merge_periods(periods)
    stamp = fetched_at or now_iso()
    busy = [{"department": department, "start": p.start.isoformat(), "end": p.end.isoformat(), "title": p.title,
             "all_day": int(p.all_day)} for p in periods]
    with db.atomic():
        existing = db.execute("SELECT id FROM availability_sources WHERE department = ? AND location = ?",
                              [department, location]).fetchone()
        row = {"department": department, "location": location, "content": data, "fetched_at": stamp,
               "attempted_at": stamp, "last_error": "", "event_count": feed.event_count,
               "expanded_first": first.isoformat(), "expanded_last": last.isoformat()}
        if existing and _same_copy(db, existing[0], row, busy, foreign):
            # A refresh that found nothing new only notes the time: planning data (and data_version,
            # which would spoil a plan in progress) stay as they are.
            db["availability_sources"].update(existing[0], {key: row[key] for key in _BOOKKEEPING})
            source_id = existing[0]
        else:
            if existing:
                source_id = existing[0]
                db["availability_sources"].update(source_id, row)
                db.execute("DELETE FROM busy_events WHERE source = ?", [source_id])
            else:
                source_id = db["availability_sources"].insert(row).last_pk
            db.execute("DELETE FROM foreign_visits WHERE source = ?", [source_id])
            db["foreign_visits"].insert_all(({**visit, "source": source_id} for visit in foreign), batch_size=2000)
            db["busy_events"].insert_all(({**event, "source": source_id} for event in busy), batch_size=2000)
    cut = len(expansion.notes)
    return ImportResult(department, location, feed.event_count, len(periods), first, last, own_visits,
                        (*feed.notes, *expansion.notes), (feed.note_counts[0], feed.note_counts[1] + cut))


_BOOKKEEPING = ("fetched_at", "attempted_at", "last_error", "event_count")
_BUSY_COLUMNS = ("department", "start", "end", "title", "all_day")
_FOREIGN_COLUMNS = ("department", "uid", "bureau", "project", "place", "location", "start", "end")


def _same_copy(db: Database, source_id: int, row: dict, busy: list[dict], foreign: list[dict]) -> bool:
    """Whether a fresh copy would store exactly what the source already holds (content, window, events)."""
    stored = db.execute("SELECT content, expanded_first, expanded_last FROM availability_sources WHERE id = ?",
                        [source_id]).fetchone()
    if tuple(stored) != (row["content"], row["expanded_first"], row["expanded_last"]):
        return False

    def rows(table: str, columns: tuple[str, ...]) -> list[tuple]:
        names = ", ".join(f'"{column}"' for column in columns)
        return sorted(db.execute(f"SELECT {names} FROM {table} WHERE source = ?", [source_id]).fetchall())

    return (rows("busy_events", _BUSY_COLUMNS) == sorted(tuple(e[c] for c in _BUSY_COLUMNS) for e in busy)
            and rows("foreign_visits", _FOREIGN_COLUMNS) == sorted(tuple(v.get(c, "") for c in _FOREIGN_COLUMNS)
                                                                    for v in foreign))


def _is_booking(period: FeedPeriod, tags: Mapping[str, VisitTags]) -> bool:
    """A timed event tagged with another bureau's project is a booking of the department (foreign_visits), not
    busy time; all-day events stay busy time. Import and loading must agree on this rule."""
    return period.uid in tags and not period.all_day


def _split_foreign_visits(db: Database, department: str, periods: list[FeedPeriod],
                          data: bytes) -> tuple[list[FeedPeriod], list[dict]]:
    """Other bureaus' visits (events tagged with a project) apart from plain busy time.

    They are bookings of the department: the scheduler counts them toward its capacity and travel
    (DESIGN §12), so they are stored as visits, not as busy periods.
    """
    if PROJECT_PROPERTY.encode() not in data:
        return periods, []
    tags = visit_tags(data)
    if not tags:
        return periods, []
    places = PlaceNames.of(dict(db.execute("SELECT code, name FROM places").fetchall()))
    busy: list[FeedPeriod] = []
    visits: list[dict] = []
    for period in periods:
        if not _is_booking(period, tags):
            busy.append(period)
            continue
        found = tags[period.uid]
        visits.append({"department": department, "uid": period.uid, "bureau": found.bureau,
                       "project": found.project, "place": resolve_place(found, places),
                       "location": found.location, "start": period.start.isoformat(),
                       "end": period.end.isoformat()})
    return busy, visits


def _without_own_visits(periods: Iterable[FeedPeriod], token: str | None) -> tuple[list[FeedPeriod], int]:
    """Drop our own visits echoed back by a department that subscribes to our feed.

    The database already knows them (and knows better when one was moved or cancelled since),
    so as busy time they would only make each visit collide with itself. Visits from another
    bureau's feed carry another token and stay busy time: the department is taken then.
    """
    periods = list(periods)
    if token is None:
        return periods, 0
    suffix = own_uid_suffix(token)
    kept = [period for period in periods if not period.uid.endswith(suffix)]
    return kept, len(periods) - len(kept)


def store_calendar_bytes(db: Database, department_code: str, location: str, data: bytes) -> None:
    """The dataset importer's and demo loader's hook: store one ``availability/<CODE>.ics``."""
    import_calendar_bytes(db, department_code, location, data)


def source_location(source: str) -> str:
    """How a CLI/GUI source is remembered: URLs as given, files by their absolute path."""
    return source if is_url(source) else str(Path(source).expanduser().resolve())


def import_source(db: Database, department: str, source: str, *,
                  window: tuple[dt.date, dt.date] | None = None,
                  timeout: float = FETCH_TIMEOUT_SECONDS, username: str | None = None,
                  password: str | None = None) -> ImportResult:
    """Read a file, fetch a URL or query a CalDAV calendar and store it as the department's busy time.

    A URL that cannot be fetched (or sends something that is not a calendar) leaves the busy time
    as it was; an already known source records the failed attempt and keeps its last good copy.
    A user name (given, or remembered with the source) sends the password from the environment
    or the keyring (``city.source_password``); the password itself is never stored.
    """
    from desktop_app.core.calendar import city

    _require_department(db, department)
    location = source_location(source)
    if not is_url(source):
        return import_calendar_bytes(db, department, location, read_feed_file(location), window=window)
    known = db.execute("SELECT username FROM availability_sources WHERE department = ? AND location = ?",
                       [department, location]).fetchone()
    username = username if username is not None else (known[0] if known else "")
    try:
        if city.is_caldav(location):
            return city.import_caldav(db, department, location, username=username, password=password,
                                      window=window, timeout=timeout)
        if username and password is None:
            password = city.source_password(location, username, server=city._city_server(db))
        data = fetch_feed(location, timeout=timeout, username=username, password=password)
        with db.atomic():
            result = import_calendar_bytes(db, department, location, data, window=window)
            db.execute("UPDATE availability_sources SET username = ? WHERE department = ? AND location = ?",
                       [username, department, location])
        return result
    except CalendarFeedError as error:
        raise record_failure(db, department, location, error) from None


def age_text(since: dt.datetime, now: dt.datetime | None = None) -> str:
    """How old a copy is, in words: '3 days', '5 hours', '12 minutes'."""
    now = now or dt.datetime.now(dt.timezone.utc)
    seconds = max(0, int((now - since).total_seconds()))
    if seconds >= 86400:
        return tr("{count} days", count=seconds // 86400)
    if seconds >= 3600:
        return tr("{count} hours", count=seconds // 3600)
    return tr("{count} minutes", count=seconds // 60)


def record_failure(db: Database, department: str, location: str, error: CalendarFeedError) -> CalendarFeedError:
    """Remember a failed refresh on a known source; say which copy stays in use."""
    stamp = now_iso()
    with db.atomic():
        db.execute("UPDATE availability_sources SET attempted_at = ?, last_error = ? "
                   "WHERE department = ? AND location = ?", [stamp, str(error), department, location])
    known = [s for s in sources(db, department) if s.location == location and s.fetched_at]
    if not known:
        return error
    return CalendarFeedError(tr("{problem}\nThe last good copy from {fetched} ({age} old) stays in use.",
                                problem=error, fetched=known[0].fetched_at.strftime("%Y-%m-%d %H:%M"),
                                age=age_text(known[0].fetched_at)))


@dataclass(frozen=True)
class RefreshOutcome:
    source: AvailabilitySource
    result: ImportResult | None      # None when the refresh failed
    error: str = ""


def refresh_sources(db: Database, department: str | None = None, *,
                    window: tuple[dt.date, dt.date] | None = None,
                    timeout: float = FETCH_TIMEOUT_SECONDS, only: set[int] | None = None) -> list[RefreshOutcome]:
    """Fetch every URL source again (and re-read file sources that still exist); one failure
    does not stop the others, and a failed source keeps its last good copy. ``only``: these source ids."""
    if department:
        _require_department(db, department)
    outcomes = []
    for source in sources(db, department):
        if only is not None and source.id not in only:
            continue
        if not source.is_url and not Path(source.location).is_file():
            # A dataset's file label or a moved file: re-expand the stored copy for the new window.
            content = db.execute("SELECT content FROM availability_sources WHERE id = ?", [source.id]).fetchone()[0]
            if content is None:
                continue
            try:
                result = import_calendar_bytes(db, source.department, source.location, content, window=window,
                                               fetched_at=source.fetched_at.isoformat() if source.fetched_at else None)
                outcomes.append(RefreshOutcome(source, result))
            except CalendarFeedError as error:
                outcomes.append(RefreshOutcome(source, None, str(error)))
            continue
        try:
            outcomes.append(RefreshOutcome(source, import_source(db, source.department, source.location,
                                                                 window=window, timeout=timeout)))
        except CalendarFeedError as error:
            outcomes.append(RefreshOutcome(source, None, str(error)))
    return outcomes


def remove_source(db: Database, department: str, location: str) -> bool:
    """Forget a source and its busy events; True when there was one."""
    with db.atomic():
        cursor = db.execute("DELETE FROM availability_sources WHERE department = ? AND location = ?",
                            [department, location])
    return cursor.rowcount > 0


# Tables whose rows belong to one source (deleted with it by ON DELETE CASCADE): its busy time, other
# bureaus' visits read from it, and a CalDAV source's resources with their ETags (the sync cache).
SOURCE_TABLES = ("busy_events", "foreign_visits", "caldav_resources")


@dataclass(frozen=True)
class SourceSnapshot:
    """Everything one source stores, to put it back exactly (undoing its removal): its row with the
    user name, bureau and sync token, and its rows in SOURCE_TABLES."""

    department: str
    location: str
    row: tuple[tuple[str, object], ...]                       # (column, value), id included
    rows: tuple[tuple[str, tuple[tuple[tuple[str, object], ...], ...]], ...]   # (table, its rows)

    @property
    def content(self) -> bytes | None:
        return dict(self.row)["content"]


def source_snapshot(db: Database, department: str, location: str) -> SourceSnapshot | None:
    """The source as stored now; None when there is none."""
    found = db.execute("SELECT * FROM availability_sources WHERE department = ? AND location = ?",
                       [department, location])
    values = found.fetchone()
    if values is None:
        return None
    row = tuple(zip((c[0] for c in found.description), values))
    source_id = dict(row)["id"]
    tables = []
    for table in SOURCE_TABLES:
        cursor = db.execute(f"SELECT * FROM {table} WHERE source = ? ORDER BY rowid", [source_id])
        names = [c[0] for c in cursor.description]
        tables.append((table, tuple(tuple(zip(names, r)) for r in cursor.fetchall())))
    return SourceSnapshot(department, location, row, tuple(tables))


def take_source(db: Database, department: str, location: str) -> SourceSnapshot | None:
    """Remove a source, returning what it stored (for restore_source); None when there was none."""
    with db.atomic():
        snapshot = source_snapshot(db, department, location)
        if snapshot is not None:
            remove_source(db, department, location)
    return snapshot


def restore_source(db: Database, snapshot: SourceSnapshot) -> None:
    """Store a taken source again, as it was: same columns, same busy time, same CalDAV sync cache (the
    next refresh goes on from its sync token). Ids are kept where still free (SQLite may have reused
    them meanwhile); AvailabilityError if the department has that source again already."""
    with db.atomic():
        _require_department(db, snapshot.department)
        if source_snapshot(db, snapshot.department, snapshot.location) is not None:
            raise AvailabilityError(tr("{department} already has the source {location}",
                                       department=snapshot.department, location=snapshot.location))
        row = dict(snapshot.row)
        if db.execute("SELECT 1 FROM availability_sources WHERE id = ?", [row["id"]]).fetchone():
            del row["id"]
        source_id = db["availability_sources"].insert(row).last_pk
        for table, rows in snapshot.rows:
            restored = [{**dict(r), "source": source_id} for r in rows]
            ids = {r["id"] for r in restored if "id" in r}
            if ids and any(taken in ids for (taken,) in db.execute(
                    f"SELECT id FROM {table} WHERE id BETWEEN ? AND ?", [min(ids), max(ids)])):
                restored = [{k: v for k, v in r.items() if k != "id"} for r in restored]
            db[table].insert_all(restored, batch_size=500)


# --- reading busy time back -------------------------------------------------------------------
@lru_cache(maxsize=8)
def _parsed_copy(source_id: int, fetched_at: str, content: bytes, timezone: str, limit: int) -> Feed:
    # Keyed by source and fetch time: a stored copy never changes without a new fetched_at.
    return parse_feed(content, str(source_id), timezone, occurrence_limit=limit)


def load_busy_events(db: Database, first: dt.date, last: dt.date,
                     timezone: str = "Asia/Shanghai") -> dict[str, list[BusyEvent]]:
    """Every department's busy events overlapping [first, last].

    Stored rows are used when the source was expanded over those dates; otherwise the source's
    stored copy is expanded again for exactly this window, so no recurrence is ever missed.
    """
    zone = ZoneInfo(timezone)
    # One day of margin each side: the stored text's offsets may differ from the bureau's zone.
    low = dt.datetime.combine(first - _ONE_DAY, dt.time(), zone)
    high = dt.datetime.combine(last + 2 * _ONE_DAY, dt.time(), zone)
    result: dict[str, list[BusyEvent]] = defaultdict(list)
    token = stored_uid_token(db)
    limit = None
    for source in sources(db):
        covered = (source.expanded_first is not None and source.expanded_last is not None
                   and source.expanded_first <= first - _ONE_DAY and last + _ONE_DAY <= source.expanded_last)
        if covered:
            # Compared as text on the date part only; the day of margin absorbs any offset.
            rows = db.execute("SELECT start, end, title, all_day FROM busy_events WHERE source = ? "
                              "AND start < ? AND end > ?",
                              [source.id, high.date().isoformat(), low.date().isoformat()]).fetchall()
            for start, end, title, all_day in rows:
                event = BusyEvent(source.department, dt.datetime.fromisoformat(start).astimezone(zone),
                                  dt.datetime.fromisoformat(end).astimezone(zone), title, bool(all_day))
                if event.start < high and event.end > low:
                    result[source.department].append(event)
            continue
        content = db.execute("SELECT content FROM availability_sources WHERE id = ?", [source.id]).fetchone()[0]
        if not content:
            continue
        limit = limit or _occurrence_limit(db)
        feed = _parsed_copy(source.id, str(source.fetched_at), bytes(content), timezone, limit)
        periods, _ = _without_own_visits(expand_feed(feed, first - _ONE_DAY, last + _ONE_DAY, timezone).periods, token)
        if PROJECT_PROPERTY.encode() in content:
            # Other bureaus' visits are bookings (foreign_visits, read for the source's window), not busy time.
            tagged = visit_tags(bytes(content))
            periods = [p for p in periods if not _is_booking(p, tagged)]
        for period in merge_periods(periods):
            result[source.department].append(
                BusyEvent(source.department, period.start, period.end, period.title, period.all_day))
    return dict(result)


def load_declines(db: Database, first: dt.date, last: dt.date, timezone: str = "Asia/Shanghai") -> list[Decline]:
    """Departments' current declines of published visits in [first, last] (the 回执 rule, store side)."""
    zone = ZoneInfo(timezone)
    return current_declines(db, dt.datetime.combine(first, dt.time(), zone),
                            dt.datetime.combine(last + _ONE_DAY, dt.time(), zone))


# --- blocked days and seasonal office hours -----------------------------------------------------
@dataclass(frozen=True)
class BlockedPeriod:
    id: int | None
    department: str
    first_day: dt.date
    last_day: dt.date
    reason: str = ""


def blocked_periods(db: Database, department: str | None = None) -> list[BlockedPeriod]:
    where, params = ("department = ?", [department]) if department else (None, [])
    return [BlockedPeriod(r["id"], r["department"], dt.date.fromisoformat(r["first_day"]),
                          dt.date.fromisoformat(r["last_day"]), r["reason"])
            for r in db["blocked_periods"].rows_where(where, params, order_by="department, first_day")]


def load_blocked_periods(db: Database) -> dict[str, list[BlockedRange]]:
    result: dict[str, list[BlockedRange]] = defaultdict(list)
    for period in blocked_periods(db):
        result[period.department].append((period.first_day, period.last_day, period.reason))
    return dict(result)


def add_blocked_period(db: Database, department: str, first_day: dt.date, last_day: dt.date,
                       reason: str = "") -> int:
    """Block a department for the days [first_day, last_day] (training, inspections elsewhere)."""
    _require_department(db, department)
    if last_day < first_day:
        raise AvailabilityError(tr("blocked period {first} – {last} ends before it starts",
                                   first=first_day, last=last_day))
    with db.atomic():
        return db["blocked_periods"].insert({"department": department, "first_day": first_day.isoformat(),
                                             "last_day": last_day.isoformat(), "reason": reason.strip()}).last_pk


def delete_blocked_period(db: Database, period_id: int) -> bool:
    with db.atomic():
        return db.execute("DELETE FROM blocked_periods WHERE id = ?", [period_id]).rowcount > 0


def office_hours_variants(db: Database, department: str | None = None) -> list[tuple[str, dt.date, WeeklyHours]]:
    where, params = ("department = ?", [department]) if department else (None, [])
    return [(r["department"], dt.date.fromisoformat(r["starts_on"]), WeeklyHours.parse(r["office_hours"]))
            for r in db["office_hours_variants"].rows_where(where, params, order_by="department, starts_on")]


def load_office_hours_variants(db: Database) -> dict[str, list[HoursVariant]]:
    result: dict[str, list[HoursVariant]] = defaultdict(list)
    for department, starts_on, hours in office_hours_variants(db):
        result[department].append((starts_on, hours))
    return dict(result)


def set_office_hours_variant(db: Database, department: str, starts_on: dt.date, hours: WeeklyHours | str) -> None:
    """Seasonal hours (e.g. summer hours from 05-01) valid from ``starts_on`` until the next variant.

    Variants are dated: to return to winter hours, add another variant on the date they start again.
    """
    _require_department(db, department)
    if isinstance(hours, str):
        hours = WeeklyHours.parse(hours)
    with db.atomic():
        db["office_hours_variants"].upsert({"department": department, "starts_on": starts_on.isoformat(),
                                            "office_hours": hours.format()}, pk=("department", "starts_on"))


def delete_office_hours_variant(db: Database, department: str, starts_on: dt.date) -> bool:
    with db.atomic():
        return db.execute("DELETE FROM office_hours_variants WHERE department = ? AND starts_on = ?",
                          [department, starts_on.isoformat()]).rowcount > 0
