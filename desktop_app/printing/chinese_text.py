"""How dates, times and user text are written on printed documents.

Printed documents are official papers of a Chinese bureau, so they are always in Chinese
whatever language the GUI uses; this module is Qt-free so it can be tested on its own.
"""

from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
EN_DASH = "–"


def chinese_date(day: dt.date) -> str:
    """2026年12月3日 (no leading zeros, as official documents write it)."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_date_weekday(day: dt.date) -> str:
    """2026年12月3日 星期四."""
    return f"{chinese_date(day)} {WEEKDAYS[day.weekday()]}"


def short_date_weekday(day: dt.date) -> str:
    """12月3日 星期四 — for column headers where the year is in the title."""
    return f"{day.month}月{day.day}日 {WEEKDAYS[day.weekday()]}"


def clock(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


def time_range(start: dt.datetime, end: dt.datetime) -> str:
    """09:00–10:30; the end carries its date too when a range crosses midnight."""
    if start.date() == end.date():
        return f"{clock(start)}{EN_DASH}{clock(end)}"
    return f"{clock(start)}{EN_DASH}{chinese_date(end.date())} {clock(end)}"


def local(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Stored times are aware; documents show them in the bureau's zone."""
    return moment.astimezone(zone)


def half_day(moment: dt.datetime) -> str:
    return "上午" if moment.hour < 12 else "下午"


def esc(text: object) -> str:
    """HTML-escape user text: a project named '<b>Test</b> & 公司' prints literally."""
    return html.escape(str(text), quote=True)
