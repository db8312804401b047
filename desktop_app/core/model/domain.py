"""Domain objects of joint completion acceptance (DESIGN §2).

Plain frozen dataclasses: the storage layer reads and writes them, the scheduler and
exporters consume them, the GUI displays them. Times are timezone-aware datetimes;
dates are ``datetime.date``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.core.model.office_hours import WeeklyHours


class Level(StrEnum):
    CITY = "city"
    DISTRICT = "district"


class HalfDay(StrEnum):
    AM = "am"
    PM = "pm"
    ANY = "any"


class RequestStatus(StrEnum):
    PENDING = "pending"        # waiting for a visit
    SCHEDULED = "scheduled"    # has an active visit
    DONE = "done"              # accepted
    WITHDRAWN = "withdrawn"    # the owner withdrew the application


class VisitStatus(StrEnum):
    PLANNED = "planned"        # proposed, not yet sent to departments (TENTATIVE in feeds)
    PUBLISHED = "published"    # sent to departments (CONFIRMED)
    DONE = "done"              # took place
    CANCELLED = "cancelled"    # leaves the feeds


class HolidayKind(StrEnum):
    HOLIDAY = "holiday"
    WORKDAY = "workday"


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    address: str = ""


@dataclass(frozen=True)
class Travel:
    origin: str
    destination: str
    minutes: int


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    level: Level
    base: str | None = None
    email: str = ""
    phone: str = ""
    contact: str = ""
    daily_capacity: int = 2
    office_hours: WeeklyHours = field(default_factory=WeeklyHours.standard)


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    department: str
    duration_minutes: int
    materials: tuple[str, ...] = ()


@dataclass(frozen=True)
class Project:
    """A project's request for joint acceptance (验收申请)."""

    code: str
    name: str
    owner: str
    place: str
    items: tuple[str, ...]
    applied_on: dt.date
    ready_on: dt.date
    contact: str = ""
    phone: str = ""
    address: str = ""
    deadline: dt.date | None = None   # explicit deadline; None = applied_on + N working days
    priority: int = 0                 # higher is more urgent; breaks ties only
    preferred: HalfDay = HalfDay.ANY
    status: RequestStatus = RequestStatus.PENDING


@dataclass(frozen=True)
class Visit:
    """One on-site visit (现场验收) of a project by some departments."""

    id: int | None
    project: str
    start: dt.datetime
    end: dt.datetime
    place: str
    departments: tuple[str, ...]
    items: tuple[str, ...]
    status: VisitStatus = VisitStatus.PLANNED
    locked: bool = False
    joint: bool = True                  # False for a split-off visit by one department
    sequence: int = 0                   # iCal SEQUENCE: rises when time or place changes
    modified_at: dt.datetime | None = None
    previous_start: dt.datetime | None = None   # shown on a changed notice (变更通知)
    previous_end: dt.datetime | None = None

    @property
    def active(self) -> bool:
        return self.status is not VisitStatus.CANCELLED


@dataclass(frozen=True)
class HolidayOverride:
    date: dt.date
    kind: HolidayKind
    name: str = ""


@dataclass(frozen=True)
class Settings:
    """The bureau's settings (DESIGN §4 defaults)."""

    bureau_name: str = "济宁经济技术开发区行政审批局"
    bureau_address: str = "山东省济宁市经济技术开发区政务服务中心"
    bureau_phone: str = "0537-0000000"
    bureau_email: str = "spj@jnjkq.example.cn"
    bureau_contact: str = "联合验收专班"
    timezone: str = "Asia/Shanghai"
    grain_minutes: int = 30
    allowance_minutes: int = 30
    deadline_working_days: int = 5
    notice_working_days: int = 1
    late_search_working_days: int = 20
    default_capacity: int = 2
    default_travel_minutes: int = 30
    trip_weight: int = 1          # one department trip costs as much as ...
    wait_weight: int = 1          # ... one working day of one project's waiting
    allow_split: bool = False
    export_folder: str = ""
    caldav_url: str = ""
    caldav_username: str = ""
    reminder_minutes: int = 1440
    calendar_occurrence_limit: int = 20000   # dates of one repeating busy-time event per import window
    complete_override_years: tuple[int, ...] = ()   # years whose overrides the bureau marked complete
