"""China's official working-day calendar with the bureau's overrides (DESIGN §4).

Statutory holidays and make-up working weekends (调休) come from the ``holidays`` package's
China calendar; the bureau's overrides always win. A year is *confirmed* when the package
carries the State Council's announced schedule for it, or when the bureau marked its own
overrides for that year complete. Dates in other years are computed from the fixed rules
only, and every caller must warn about them (``coverage_warning``) rather than guess silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from functools import cached_property

import holidays
from holidays.countries.china import ChinaStaticHolidays
from sqlite_utils import Database

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.model.domain import HolidayKind, HolidayOverride, Project
from desktop_app.core.store.repository import Repository

_ONE_DAY = dt.timedelta(days=1)
_SWAP_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def announced_years() -> set[int]:
    """Years whose official schedule (holidays and 调休) the holidays package knows."""
    years = set(ChinaStaticHolidays.special_public_holidays)
    return {y for y in range(min(years), max(years) + 1)}


class WorkingCalendar:
    """Answers: is this a working day, what is N working days later, how many lie between."""

    def __init__(self, overrides: Iterable[HolidayOverride] = (), complete_years: Iterable[int] = ()) -> None:
        self.overrides = {o.date: o for o in overrides}
        self.complete_years = set(complete_years)
        self._cache: dict[dt.date, bool] = {}
        self._official = holidays.China(years=(), language="zh_CN")
        self._swaps: dict[int, dict[dt.date, dt.date]] = {}
        self._running_counts: dict[int, list[int]] = {}     # year -> working days through each day of it

    # --- facts about one day --------------------------------------------------------
    def is_working_day(self, day: dt.date) -> bool:
        cached = self._cache.get(day)
        if cached is not None:
            return cached
        override = self.overrides.get(day)
        if override is not None:
            result = override.kind is HolidayKind.WORKDAY
        else:
            # `in` makes the holidays object load that year (and its 调休 weekends) on demand.
            if day in self._official:
                result = False
            elif day.weekday() >= 5:
                result = day in self._official.weekend_workdays
            else:
                result = True
        self._cache[day] = result
        return result

    def is_makeup_workday(self, day: dt.date) -> bool:
        """A weekend day that is a working day (调休上班)."""
        return day.weekday() >= 5 and self.is_working_day(day)

    def stand_in_weekday(self, day: dt.date) -> int | None:
        """For a make-up working day (调休上班), the weekday (0 = Monday) whose rest day it pays back.

        The package names the rest day "休息日（由 2026-10-10 调休）"; None when no such day is known
        (e.g. a make-up day the bureau entered itself).
        """
        if not self.is_makeup_workday(day):
            return None
        swaps = self._swaps.get(day.year)
        if swaps is None:
            swaps = {}
            for year in (day.year - 1, day.year, day.year + 1):
                self._official.get(dt.date(year, 1, 1))      # loads that year
            for rest_day, name in self._official.items():
                for candidate in _SWAP_DATE.findall(name):
                    swaps[dt.date.fromisoformat(candidate)] = rest_day
            self._swaps[day.year] = swaps
        rest_day = swaps.get(day)
        return rest_day.weekday() if rest_day is not None and rest_day.weekday() < 5 else None

    def holiday_name(self, day: dt.date) -> str:
        """The name of the statutory holiday or override on ``day`` ('' for none)."""
        override = self.overrides.get(day)
        if override is not None:
            return override.name
        return self._official.get(day) or ""

    # --- arithmetic -----------------------------------------------------------------
    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start`` (``start`` itself is day 0)."""
        day = start
        remaining = count
        step = _ONE_DAY if count >= 0 else -_ONE_DAY
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1 if count > 0 else -1
        return day

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def first_working_day_on_or_after(self, day: dt.date) -> dt.date:
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def working_days_between(self, first: dt.date, last: dt.date) -> int:
        """Working days in (first, last]: 0 when last <= first.

        From running counts per year, not day by day: the requests table asks this for every
        request on each reload (5,000 rows, months apart each).
        """
        if last <= first:
            return 0
        count = -self._through(first)
        for year in range(first.year, last.year):
            count += self._running(year)[-1]
        return count + self._through(last)

    def _through(self, day: dt.date) -> int:
        """Working days from 1 January of ``day``'s year through ``day``."""
        return self._running(day.year)[day.timetuple().tm_yday - 1]

    def _running(self, year: int) -> list[int]:
        running = self._running_counts.get(year)
        if running is None:
            running, count, day = [], 0, dt.date(year, 1, 1)
            while day.year == year:
                count += self.is_working_day(day)
                running.append(count)
                day += _ONE_DAY
            self._running_counts[year] = running
        return running

    def working_days(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """The working days in [first, last]."""
        days, day = [], first
        while day <= last:
            if self.is_working_day(day):
                days.append(day)
            day += _ONE_DAY
        return days

    # --- coverage -------------------------------------------------------------------
    @cached_property
    def confirmed_years(self) -> set[int]:
        return announced_years() | self.complete_years

    def is_confirmed(self, day: dt.date) -> bool:
        return day.year in self.confirmed_years

    def unconfirmed_years(self, days: Iterable[dt.date]) -> list[int]:
        return sorted({d.year for d in days if d.year not in self.confirmed_years})

    def coverage_warning(self, days: Iterable[dt.date]) -> str:
        """A plain warning when any of ``days`` lies in a year whose calendar is not confirmed."""
        years = self.unconfirmed_years(days)
        if not years:
            return ""
        return tr("The official holiday schedule for {years} is not confirmed yet: working days in "
                  "that year are computed from weekends and fixed holidays only. Enter the bureau's "
                  "overrides (节假日 ▸ 调整) and mark the year complete once the State Council announces it.",
                  years="、".join(str(y) for y in years))


def deadline_for(applied_on: dt.date, explicit: dt.date | None, calendar: WorkingCalendar,
                 working_days: int) -> dt.date:
    """A request's latest visit date: its explicit deadline, else applied + N working days."""
    return explicit if explicit is not None else calendar.add_working_days(applied_on, working_days)


# --- the bureau's overrides ---------------------------------------------------------------------
class HolidayOverrideError(InputError):
    """Holiday overrides contradict each other or cannot be read; nothing was changed."""


# Names and categories by which a holiday calendar marks its days; "班" is checked first because
# "调休上班" also contains "休".
_WORKDAY_MARKS = ("调休上班", "补班", "上班", "班", "workday", "working day", "work day")
_HOLIDAY_MARKS = ("休息", "放假", "假期", "假日", "节假日", "休", "holiday", "day off")
_MARK_DECORATION = re.compile(r"[\s()（）\[\]【】·:：-]+$|^[\s()（）\[\]【】·:：-]+")


def kind_from_marks(summary: str, categories: list[str]) -> tuple[HolidayKind | None, str]:
    """Whether a holiday-calendar event marks a day off (休) or a working day (班), and its clean name."""
    for texts, strip in ((categories, False), ([summary], True)):
        for text in texts:
            lowered = text.strip().lower()
            for marks, kind in ((_WORKDAY_MARKS, HolidayKind.WORKDAY), (_HOLIDAY_MARKS, HolidayKind.HOLIDAY)):
                for mark in marks:
                    if mark in lowered:
                        return kind, _strip_mark(summary, mark) if strip else summary.strip()
    return None, summary.strip()


def _strip_mark(summary: str, mark: str) -> str:
    """'国庆节（休）' → '国庆节', '春节调休上班' → '春节'; a name that is only the mark stays as it is."""
    clean = _MARK_DECORATION.sub("", summary.strip())
    if clean.lower().endswith(mark) and len(clean) > len(mark):
        return _MARK_DECORATION.sub("", clean[: -len(mark)]).strip() or summary.strip()
    return summary.strip()


def check_overrides(overrides: Iterable[HolidayOverride], source: str) -> list[HolidayOverride]:
    """Refuse a date given twice with different kinds; keep the first of identical repeats."""
    seen: dict[dt.date, HolidayOverride] = {}
    for override in overrides:
        earlier = seen.get(override.date)
        if earlier is not None and earlier.kind is not override.kind:
            raise HolidayOverrideError(tr(
                "{source}: {date} is given twice with different kinds: {first} ({first_name}) and {second} "
                "({second_name})", source=source, date=override.date, first=earlier.kind,
                first_name=earlier.name or "—", second=override.kind, second_name=override.name or "—"))
        seen.setdefault(override.date, override)
    return sorted(seen.values(), key=lambda o: o.date)


def parse_holiday_calendar(data: bytes, label: str) -> list[HolidayOverride]:
    """Overrides from an .ics holiday calendar: all-day events named 休/班 (or with such a category).

    Every event must say which it is; an event that does not, a timed event or a recurring one is
    refused with its name, so a wrong calendar cannot silently change the working days.
    """
    from desktop_app.core.calendar.ical_reader import CalendarFeedError, parse_feed

    feed = parse_feed(data, label, fast=False)   # the events themselves are read below
    skipped = [note for note in feed.notes if note.skipped]
    if skipped:      # a holiday calendar changes working days: an event that cannot be used is refused
        raise CalendarFeedError(tr("{where}: {problem}", where=label, problem=skipped[0].text()))
    overrides: list[HolidayOverride] = []
    for event in feed.calendar.walk("VEVENT"):
        summary = str(event.get("SUMMARY", "") or "").strip()
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start = event["DTSTART"].dt
        if isinstance(start, dt.datetime):
            raise CalendarFeedError(tr("{source}: {summary!r} on {date} is not an all-day event; a holiday "
                                       "calendar marks whole days", source=label, summary=summary,
                                       date=start.date()))
        if "RRULE" in event:
            raise CalendarFeedError(tr("{source}: {summary!r} repeats (RRULE); list each day of a holiday "
                                       "calendar explicitly", source=label, summary=summary))
        categories = [str(c) for value in _as_list(event.get("CATEGORIES")) for c in getattr(value, "cats", [value])]
        kind, name = kind_from_marks(summary, categories)
        if kind is None:
            raise CalendarFeedError(tr("{source}: cannot tell whether {summary!r} on {date} is a day off or a "
                                       "working day: name it with 休 or 班, or give CATEGORIES holiday or workday",
                                       source=label, summary=summary, date=start))
        end = event["DTEND"].dt if "DTEND" in event else start + _ONE_DAY
        day = start
        while day < max(end, start + _ONE_DAY):
            overrides.append(HolidayOverride(day, kind, name))
            day += _ONE_DAY
    return check_overrides(overrides, label)


def _as_list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def save_holiday_overrides(db: Database, overrides: Iterable[HolidayOverride], *, source: str = "",
                           complete_years: Iterable[int] = ()) -> int:
    """Store overrides (typed in or imported) in one transaction; they replace those of the same dates.

    ``complete_years`` marks those years' overrides complete: the calendar then counts them as confirmed.
    Returns how many overrides were stored.
    """
    checked = check_overrides(overrides, source or tr("holiday overrides"))
    repo = Repository(db)
    with db.atomic():
        db["holiday_overrides"].upsert_all(
            [{"date": o.date.isoformat(), "kind": str(o.kind), "name": o.name} for o in checked], pk="date")
        years = set(complete_years)
        if years:
            settings = repo.settings()
            merged = tuple(sorted(set(settings.complete_override_years) | years))
            repo.save_settings(dataclasses.replace(settings, complete_override_years=merged))
    return len(checked)


def delete_holiday_override(db: Database, day: dt.date) -> bool:
    """Remove the bureau's override for ``day`` (the official calendar applies again)."""
    with db.atomic():
        return db.execute("DELETE FROM holiday_overrides WHERE date = ?", [day.isoformat()]).rowcount > 0


def set_year_complete(db: Database, year: int, complete: bool = True) -> None:
    """Mark (or unmark) the bureau's overrides for ``year`` as the complete official schedule."""
    repo = Repository(db)
    settings = repo.settings()
    years = set(settings.complete_override_years)
    years = years | {year} if complete else years - {year}
    repo.save_settings(dataclasses.replace(settings, complete_override_years=tuple(sorted(years))))


def import_holiday_calendar(db: Database, data: bytes, label: str,
                            complete_years: Iterable[int] = ()) -> list[HolidayOverride]:
    """Read an .ics holiday calendar and store its days as overrides (nothing is stored on any error)."""
    overrides = parse_holiday_calendar(data, label)
    save_holiday_overrides(db, overrides, source=label, complete_years=complete_years)
    return overrides


def request_deadline(project: Project, calendar: WorkingCalendar, working_days: int) -> dt.date:
    """``deadline_for`` a project's request (its explicit deadline, else applied + N working days)."""
    return deadline_for(project.applied_on, project.deadline, calendar, working_days)


def calendar_for(repo: Repository) -> WorkingCalendar:
    """The working-day calendar of this database: the official one plus the bureau's overrides."""
    settings = repo.settings()
    return WorkingCalendar(repo.holiday_overrides(), settings.complete_override_years)
