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
    PENDING = "pending"        # waiting for a visit (also: a re-inspection waiting, round > 0)
    SCHEDULED = "scheduled"    # has an active visit (results are due once it has ended)
    RECTIFYING = "rectifying"  # findings to fix (整改中): waits for the owner's report
    DONE = "done"              # accepted (已通过): every department passed
    FAILED = "failed"          # not passed (未通过): the owner must apply again
    WITHDRAWN = "withdrawn"    # the owner withdrew the application


class Opinion(StrEnum):
    """One department's opinion at one visit (验收意见)."""

    PASSED = "passed"          # 通过
    RECTIFY = "rectify"        # 需整改: findings to fix, re-inspected by this department only
    FAILED = "failed"          # 不通过
    ABSENT = "absent"          # the department did not come: not held for it, back to scheduling
    NOT_READY = "not_ready"    # the owner was not ready: not held for this department either

    @property
    def held(self) -> bool:
        return self not in (Opinion.ABSENT, Opinion.NOT_READY)


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


# Bounds shared by the import and the editors, so a value one of them takes is never clipped by another.
MAX_DAILY_CAPACITY = 50          # visits per department and day; 0 = the department takes no visits
MAX_DURATION_MINUTES = 24 * 60   # one acceptance item
MAX_TRAVEL_MINUTES = 24 * 60     # between two places
MAX_PRIORITY = 1_000_000         # a request's priority, 0 (normal) and up


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    level: Level
    base: str | None = None
    email: str = ""
    phone: str = ""
    contact: str = ""
    daily_capacity: int = 2      # 0: takes no visits (e.g. temporarily without staff)
    office_hours: WeeklyHours = field(default_factory=WeeklyHours.standard)


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    department: str
    duration_minutes: int
    materials: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProjectDetails:
    """What the bureau keeps about a project for the joint acceptance opinion (all optional)."""

    unified_code: str = ""          # 项目统一代码
    floor_area: float | None = None  # 建筑面积, m²
    floors: int | None = None        # 层数
    builder: str = ""               # 施工单位
    supervisor: str = ""            # 监理单位
    surveyor: str = ""              # 勘察单位
    designer: str = ""              # 设计单位


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
    round: int = 0                          # 0: the first visit; n > 0: the n-th re-inspection (复验)
    round_ready_on: dt.date | None = None   # re-inspection: the day the owner reported the fixes
    round_deadline: dt.date | None = None   # re-inspection: its own deadline
    decided_on: dt.date | None = None       # accepted or failed on this day
    details: ProjectDetails = field(default_factory=ProjectDetails)

    @property
    def plan_ready_on(self) -> dt.date:
        """The earliest day the current round may be visited."""
        return self.round_ready_on or self.ready_on


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
    round: int = 0                      # the request's round this visit serves (> 0: re-inspection 复验)

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
    rectification_days: int = 15          # calendar days the owner has to fix findings
    reinspection_working_days: int = 5    # a re-inspection's deadline after the owner's report
    opinion_number_pattern: str = "济经开联验〔{year}〕第 {number} 号"
    clerk_name: str = ""                  # history's clerk; empty: the computer's user name
    signing_certificate: str = ""         # PKCS#12 file that signs opinions (password in the keyring)
    city_server_url: str = ""             # the city's CalDAV server (DESIGN §12); empty: caldav_url
    city_username: str = ""               # this bureau's account there; empty: caldav_username
    city_travel_minutes: int = 60         # travel to or from another bureau's visit at a place we do not know
    calendar_refresh_minutes: int = 0     # refresh busy-time sources this often; 0: each feed's REFRESH-INTERVAL
    background_refresh: bool = True       # the open window refreshes the due sources itself (a timer)


@dataclass(frozen=True)
class Finding:
    """One problem a department found (整改意见): text, the item concerned, an optional photo/document."""

    text: str
    item: str | None = None
    attachment: str = ""


@dataclass(frozen=True)
class DepartmentResult:
    """One department's opinion at one visit."""

    department: str
    opinion: Opinion
    findings: tuple[Finding, ...] = ()
    reason: str = ""                      # why not passed, or why not held
    id: int | None = None
    visit: int | None = None
    project: str = ""
    round: int = 0
    recorded_on: dt.date | None = None


@dataclass(frozen=True)
class HistoryEntry:
    """One state change of a request or visit; history is append-only."""

    at: dt.datetime
    clerk: str
    project: str
    event: str
    detail: dict = field(default_factory=dict)
    visit: int | None = None
    id: int | None = None


class Partstat(StrEnum):
    """A department's answer to an invitation, as iTIP writes it (RFC 5545 PARTSTAT)."""

    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    TENTATIVE = "TENTATIVE"
    DELEGATED = "DELEGATED"
    NEEDS_ACTION = "NEEDS-ACTION"


class ConfirmationSource(StrEnum):
    HAND = "hand"       # the clerk recorded it (a phone call)
    REPLY = "reply"     # an iTIP REPLY file (Outlook, Thunderbird)
    SERVER = "server"   # the attendee's PARTSTAT on the CalDAV server


class ConfirmationState(StrEnum):
    """Where a published visit stands with one department (回执)."""

    PENDING = "pending"        # 待确认: not answered yet, more than 2 working days away
    CONFIRMED = "confirmed"    # 已确认
    DECLINED = "declined"      # 已拒绝 (with the department's reason)
    NO_REPLY = "no_reply"      # 未答复: not answered and within 2 working days (or past)


@dataclass(frozen=True)
class Confirmation:
    """One department's confirmation of one published visit at its current time (SEQUENCE)."""

    visit: int
    department: str
    state: ConfirmationState
    reason: str = ""                          # the department's words ('' when none)
    source: ConfirmationSource | None = None  # None: no answer yet
    answered_at: dt.datetime | None = None    # when the department answered, if known
    partstat: Partstat | None = None          # the answer that counts (None: none for this time)
