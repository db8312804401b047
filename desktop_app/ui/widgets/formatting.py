"""How dates and numbers are shown: the Chinese way by default (2026年12月3日 星期四)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit

from desktop_app.core.acceptance.confirmations import state_label
from desktop_app.core.calendar.availability import BlockKind
from desktop_app.core.model import messages
from desktop_app.core.model.domain import Confirmation, ConfirmationState
from desktop_app.core.planning.conflicts import kind_text
from desktop_app.printing import chinese_text

translate = QCoreApplication.translate

_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def chinese() -> bool:
    # The GUI and the core messages always share one language (set at start-up).
    return messages.language() == "zh_CN"


def long_date(day: dt.date | None) -> str:
    if day is None:
        return ""
    if chinese():
        return chinese_text.chinese_date_weekday(day)
    return f"{_WEEKDAYS_EN[day.weekday()]} {day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def short_date(day: dt.date | None) -> str:
    if day is None:
        return ""
    if chinese():
        return chinese_text.chinese_date(day)
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


_MONTH_NAMES_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December")


def month_name(month: int) -> str:
    """A month's name on its own (a calendar's title): 1月 or January."""
    return f"{month}月" if chinese() else _MONTH_NAMES_EN[month - 1]


def list_separator() -> str:
    """Between reasons or notes in one line: the full-width 顿号-style semicolon only in Chinese text."""
    return "；" if chinese() else "; "


def weekday_name(weekday: int) -> str:
    return (chinese_text.WEEKDAYS if chinese() else _WEEKDAYS_EN)[weekday]


def date_time(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return f"{short_date(moment.date())} {moment:%H:%M}"


def level_name(level: str) -> str:
    return translate("Format", "City") if level == "city" else translate("Format", "District")


def status_name(status: str) -> str:
    names = {
        "pending": translate("Format", "Waiting"),
        "scheduled": translate("Format", "Scheduled"),
        "rectifying": translate("Format", "Rectifying"),
        "done": translate("Format", "Accepted"),
        "failed": translate("Format", "Not passed"),
        "withdrawn": translate("Format", "Withdrawn"),
    }
    return names.get(status, status)


def request_status_name(status: str, round_: int) -> str:
    """A request's status as the requests table shows it: a re-inspection round waiting says 复验."""
    if round_ > 0 and status in ("pending", "scheduled"):
        return translate("Format", "Re-inspection: {status}").format(status=status_name(status))
    return status_name(status)


def half_day_name(value: str) -> str:
    names = {"am": translate("Format", "Morning"), "pm": translate("Format", "Afternoon"),
             "any": translate("Format", "Any time")}
    return names.get(value, value)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date) -> QDateEdit:
    """A date field with a calendar pop-up, showing ISO dates in every language."""
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def confirmation_text(confirmation: Confirmation) -> str:
    """A department's 回执 as shown: "已拒绝：<its words>" for a decline, else the state (已确认, 待确认, 未答复)."""
    if confirmation.state is ConfirmationState.DECLINED:
        return kind_text(BlockKind.DECLINED, confirmation.reason)
    return state_label(confirmation.state)
