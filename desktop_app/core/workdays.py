"""China's official working-day calendar with the bureau's overrides (DESIGN §4).

Statutory holidays and make-up working weekends (调休) come from the ``holidays`` package's
China calendar; the bureau's overrides always win. A year is *confirmed* when the package
carries the State Council's announced schedule for it, or when the bureau marked its own
overrides for that year complete. Dates in other years are computed from the fixed rules
only, and every caller must warn about them (``coverage_warning``) rather than guess silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cached_property

import holidays
from holidays.countries.china import ChinaStaticHolidays

from desktop_app.core.messages import tr
from desktop_app.core.model import HolidayKind, HolidayOverride

_ONE_DAY = dt.timedelta(days=1)


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
        """Working days in (first, last]: 0 when last <= first."""
        count = 0
        day = first
        while day < last:
            day += _ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count

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
