"""Weekly office hours and their text form.

Grammar (DESIGN §5): groups separated by ``;`` (or ``；``), each ``DAYS TIMES`` where
DAYS is a comma list of days or day ranges (``MO-FR``, ``MO,WE``) and TIMES a comma list
of ``HH:MM-HH:MM`` intervals, e.g. ``MO-FR 08:30-12:00,14:00-17:30; SA 09:00-11:30``.
The lunch break is simply the gap between two intervals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr

DAY_NAMES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")

Interval = tuple[int, int]  # minutes after midnight, [start, end)


class OfficeHoursError(InputError, ValueError):
    """The office-hours text does not follow the grammar."""


def _parse_time(text: str, interval: str) -> int:
    match = _TIME.match(text.strip())
    if not match:
        raise OfficeHoursError(tr("bad time interval {interval!r} (expected HH:MM-HH:MM)", interval=interval))
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise OfficeHoursError(tr("bad time interval {interval!r} (expected HH:MM-HH:MM)", interval=interval))
    return hours * 60 + minutes


def _format_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_days(text: str) -> list[int]:
    days: list[int] = []
    for part in text.split(","):
        part = part.strip().upper()
        if "-" in part:
            first, _, last = part.partition("-")
            for name in (first, last):
                if name not in DAY_NAMES:
                    raise OfficeHoursError(tr("unknown day {day!r} (use MO TU WE TH FR SA SU)", day=name))
            start, stop = DAY_NAMES.index(first), DAY_NAMES.index(last)
            if stop < start:
                raise OfficeHoursError(tr("bad day range {days!r}", days=part))
            days.extend(range(start, stop + 1))
        elif part in DAY_NAMES:
            days.append(DAY_NAMES.index(part))
        else:
            raise OfficeHoursError(tr("unknown day {day!r} (use MO TU WE TH FR SA SU)", day=part))
    return days


def _parse_intervals(text: str) -> list[Interval]:
    intervals: list[Interval] = []
    for raw in text.split(","):
        raw = raw.strip()
        start_text, sep, end_text = raw.partition("-")
        if not sep:
            raise OfficeHoursError(tr("bad time interval {interval!r} (expected HH:MM-HH:MM)", interval=raw))
        start, end = _parse_time(start_text, raw), _parse_time(end_text, raw)
        if end <= start:
            raise OfficeHoursError(tr("time interval {interval!r} ends before it starts", interval=raw))
        intervals.append((start, end))
    return sorted(intervals)


@dataclass(frozen=True)
class WeeklyHours:
    """Office hours for each weekday (0 = Monday): sorted, non-overlapping intervals."""

    days: tuple[tuple[Interval, ...], ...] = ((),) * 7

    @classmethod
    def standard(cls) -> "WeeklyHours":
        return cls.parse("MO-FR 08:30-12:00,14:00-17:30")

    @classmethod
    def parse(cls, text: str) -> "WeeklyHours":
        text = text.replace("；", ";").strip()
        if not text:
            raise OfficeHoursError(tr("office hours are empty"))
        days: list[tuple[Interval, ...] | None] = [None] * 7
        for group in filter(None, (g.strip() for g in text.split(";"))):
            day_text, _, time_text = group.partition(" ")
            if not time_text.strip():
                raise OfficeHoursError(
                    tr("office hours group {group!r} needs days and times, like 'MO-FR 08:30-12:00'", group=group))
            intervals = _parse_intervals(time_text.replace(" ", ""))
            for first, second in zip(intervals, intervals[1:]):
                if second[0] < first[1]:
                    raise OfficeHoursError(tr("time intervals overlap on {day}: {first} and {second}",
                                              day=day_text, first=_format_interval(first),
                                              second=_format_interval(second)))
            for day in _parse_days(day_text):
                if days[day] is not None:
                    raise OfficeHoursError(tr("day {day} is listed twice", day=DAY_NAMES[day]))
                days[day] = tuple(intervals)
        return cls(tuple(d or () for d in days))

    def on(self, weekday: int) -> tuple[Interval, ...]:
        return self.days[weekday]

    def format(self) -> str:
        """The canonical text form, grouping consecutive days with equal hours."""
        groups: list[str] = []
        day = 0
        while day < 7:
            intervals = self.days[day]
            last = day
            while last + 1 < 7 and self.days[last + 1] == intervals:
                last += 1
            if intervals:
                names = DAY_NAMES[day] if last == day else f"{DAY_NAMES[day]}-{DAY_NAMES[last]}"
                groups.append(f"{names} {','.join(_format_interval(i) for i in intervals)}")
            day = last + 1
        return "; ".join(groups)

    def __str__(self) -> str:
        return self.format()

    @property
    def is_empty(self) -> bool:
        return not any(self.days)


def _format_interval(interval: Interval) -> str:
    return f"{_format_time(interval[0])}-{_format_time(interval[1])}"
