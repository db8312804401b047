"""Other bureaus' visits of the city departments we share (DESIGN §12).

Each bureau publishes its visits to one calendar per department on the city's CalDAV server, and
tags every event with the department, the bureau, the project and the place. Read back by another
bureau, such an event is not mere busy time: it is a *booking* that spends the department's daily
capacity and its travel, exactly as our own visits do. This module recognises those events in a
calendar's text, stores and loads them, and finds where our visits collide with them (the
conflict check and publishing use the same rule as the scheduler: capacity, overlap, travel).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from desktop_app.core.calendar.ical_normalise import unescape
from desktop_app.core.model.domain import Visit
from desktop_app.core.model.messages import tr

# Event properties our CalDAV publishing writes into each department calendar's events.
DEPARTMENT_PROPERTY = "X-JOINT-ACCEPTANCE-DEPARTMENT"
BUREAU_PROPERTY = "X-JOINT-ACCEPTANCE-BUREAU"
PROJECT_PROPERTY = "X-JOINT-ACCEPTANCE-PROJECT"
PLACE_PROPERTY = "X-JOINT-ACCEPTANCE-PLACE"
PLACE_NAME_PROPERTY = "X-JOINT-ACCEPTANCE-PLACE-NAME"
# A place this database does not know: the travel to or from it is the setting city_travel_minutes.
UNKNOWN_PLACE_PREFIX = "~"


@dataclass(frozen=True)
class VisitTags:
    """What another bureau's event says about its visit."""

    project: str
    bureau: str
    place: str          # the place code in that bureau's database
    place_name: str
    location: str       # LOCATION text
    geo: str            # GEO text ("lat;lon")


@dataclass(frozen=True)
class ForeignVisit:
    """One department's attendance at another bureau's visit."""

    department: str
    uid: str
    bureau: str
    project: str
    place: str          # our place code, or UNKNOWN_PLACE_PREFIX + what the event says
    start: dt.datetime
    end: dt.datetime

    @property
    def label(self) -> str:
        """How explanations name it: '高新区 GX2026-017'."""
        return f"{self.bureau} {self.project}".strip()

    def as_visit(self) -> Visit:
        """A stand-in visit that belongs to no request of ours (it is never saved or published)."""
        return Visit(None, self.label, self.start, self.end, self.place, (self.department,), ())


def _unescape(value: str) -> str:
    """TEXT value on one line: escapes undone in one pass (an escaped backslash stays one backslash)."""
    return unescape(value).replace("\n", " ")


def visit_tags(data: bytes) -> dict[str, VisitTags]:
    """UID → tags of every event that carries our project property (other events are plain busy time).

    A linear scan of the unfolded lines: a 10,000-event calendar costs one pass over its text.
    """
    text = data.decode("utf-8", errors="replace").replace("\r\n ", "").replace("\r\n\t", "")
    text = text.replace("\n ", "").replace("\n\t", "")
    found: dict[str, VisitTags] = {}
    values: dict[str, str] = {}
    depth = 0          # inside a VALARM or other sub-component of the event, properties are not the event's
    in_event = False
    for line in text.splitlines():
        name, _, value = line.partition(":")
        key = name.split(";", 1)[0].upper()
        if key == "BEGIN":
            if value.strip().upper() == "VEVENT":
                in_event, depth, values = True, 0, {}
            elif in_event:
                depth += 1
        elif key == "END" and in_event:
            if value.strip().upper() == "VEVENT":
                in_event = False
                if values.get(PROJECT_PROPERTY) and values.get("UID"):
                    found[values["UID"]] = VisitTags(
                        values[PROJECT_PROPERTY], values.get(BUREAU_PROPERTY, ""), values.get(PLACE_PROPERTY, ""),
                        values.get(PLACE_NAME_PROPERTY, ""), values.get("LOCATION", ""), values.get("GEO", ""))
            else:
                depth -= 1
        elif in_event and depth == 0 and key in (PROJECT_PROPERTY, BUREAU_PROPERTY, PLACE_PROPERTY,
                                                 PLACE_NAME_PROPERTY, "LOCATION", "GEO", "UID"):
            values[key] = _unescape(value.strip())[:200]
    return found


@dataclass(frozen=True)
class PlaceNames:
    """Our places by code and by name, built once per import (every foreign visit is resolved against it)."""

    names: Mapping[str, str]                        # code → name
    by_name: Mapping[str, str]                      # name → code
    longest_first: tuple[tuple[str, str], ...]      # (name, code), longest name first, for LOCATION prefixes

    @classmethod
    def of(cls, names: Mapping[str, str]) -> PlaceNames:
        by_name = {name: code for code, name in names.items() if name}
        return cls(dict(names), by_name, tuple(sorted(by_name.items(), key=lambda pair: -len(pair[0]))))


def resolve_place(tags: VisitTags, places: PlaceNames) -> str:
    """Our place code for another bureau's visit place.

    Place codes are each bureau's own: a code counts only with the same name. Otherwise the name (or, for
    an untagged event, the LOCATION text) is matched against our places' names; a place we do not know
    stays unknown.
    """
    names = places.names
    if tags.place in names and (not tags.place_name or names[tags.place] == tags.place_name):
        return tags.place
    if tags.place_name in places.by_name:
        return places.by_name[tags.place_name]
    if not tags.place_name:       # the tagged name is authoritative; LOCATION is free text (an address)
        for name, code in places.longest_first:
            if tags.location.startswith(name):
                return code
    return UNKNOWN_PLACE_PREFIX + (tags.place_name or tags.location or tags.geo or tags.place)


def is_unknown_place(place: str) -> bool:
    return place.startswith(UNKNOWN_PLACE_PREFIX)


def load_foreign_visits(db: Database, first: dt.date, last: dt.date,
                        timezone: str = "Asia/Shanghai") -> list[ForeignVisit]:
    """Other bureaus' visits of our departments that start in [first, last] (one per department and UID)."""
    zone = ZoneInfo(timezone)
    low = (first - dt.timedelta(days=1)).isoformat()
    high = (last + dt.timedelta(days=2)).isoformat()
    seen: dict[tuple[str, str], ForeignVisit] = {}
    rows = db.execute("SELECT department, uid, bureau, project, place, start, end FROM foreign_visits "
                      "WHERE start < ? AND end > ? ORDER BY start, id", [high, low]).fetchall()
    for department, uid, bureau, project, place, start, end in rows:
        start_at = dt.datetime.fromisoformat(start).astimezone(zone)
        if not first <= start_at.date() <= last:
            continue
        seen.setdefault((department, uid, start), ForeignVisit(
            department, uid, bureau, project, place, start_at, dt.datetime.fromisoformat(end).astimezone(zone)))
    return list(seen.values())


# --- collisions: our visits against theirs --------------------------------------------------------
@dataclass(frozen=True)
class Collision:
    """A visit of ours that another bureau's visit leaves no room for."""

    visit_id: int | None
    project: str
    department: str
    kind: str                                 # "overlap", "travel" or "capacity"
    others: tuple[ForeignVisit, ...]          # the visit(s) in the way
    travel: int = 0                           # minutes needed between the places (travel only)
    own: tuple[str, ...] = ()                 # our visits (projects) that day, capacity only

    def describe(self, department_name: str | None = None) -> str:
        name = department_name or self.department
        other = self.others[0]
        when = f"{other.start:%m-%d %H:%M}-{other.end:%H:%M}"
        if self.kind == "capacity":
            return tr("{department} already attends {count} visit(s) on {day}, its daily limit: {projects}",
                      department=name, count=len(self.others) + len(self.own), day=f"{other.start:%m-%d}",
                      projects=bookings_text(self.own, [o.label for o in self.others]))
        if self.kind == "overlap":
            return tr("{department} is at {bureau}'s visit {project} ({when})", department=name,
                      bureau=other.bureau, project=other.project, when=when)
        return tr("{department} needs {minutes} minutes to travel between this visit and {bureau}'s visit "
                  "{project} ({when})", department=name, minutes=self.travel, bureau=other.bureau,
                  project=other.project, when=when)


def city_collisions(visits: Iterable[Visit], foreign: Sequence[ForeignVisit], capacity: Mapping[str, int],
                    travel: Callable[[str, str], int], zone: ZoneInfo, *,
                    first: Callable[[Visit], bool] = lambda visit: False) -> list[Collision]:
    """Our visits (of shared departments) that collide with other bureaus' visits.

    Per department and day the other bureaus' visits are fixed; ours are taken in turn (those ``first``
    says were there before, then by start) and each is refused when it overlaps one of theirs, leaves
    too little travel time, or would take the department past its daily capacity. Collisions among our
    own visits are the scheduler's business, not this check's.
    """
    theirs: dict[tuple[str, dt.date], list[ForeignVisit]] = defaultdict(list)
    for other in foreign:
        theirs[(other.department, other.start.astimezone(zone).date())].append(other)
    ours: dict[tuple[str, dt.date], list[Visit]] = defaultdict(list)
    for visit in visits:
        for department in visit.departments:
            key = (department, visit.start.astimezone(zone).date())
            if key in theirs:
                ours[key].append(visit)
    found: list[Collision] = []
    refused: set[tuple[int | None, str, str]] = set()
    for key, mine in sorted(ours.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        department = key[0]
        others = sorted(theirs[key], key=lambda o: o.start)
        room = capacity.get(department, 0) - len(others)
        accepted: list[str] = []
        for visit in sorted(mine, key=lambda v: (not first(v), v.start, v.id or 0)):
            if (visit.id, visit.project, str(visit.start)) in refused:
                continue       # refused for another department already; it will not be published
            collision = _pair_collision(visit, department, others, travel)
            if collision is None and room <= 0:
                collision = Collision(visit.id, visit.project, department, "capacity", tuple(others),
                                      own=tuple(accepted))
            if collision is None:
                room -= 1
                accepted.append(visit.project)
                continue
            refused.add((visit.id, visit.project, str(visit.start)))
            found.append(collision)
    return found


def bookings_text(own: Iterable[str], theirs: Iterable[str]) -> str:
    """'本局 XM2026-004、高新区 GX2026-017': our projects marked as ours when other bureaus' are listed too."""
    theirs = list(theirs)
    mine = [tr("this bureau") + " " + code if theirs else code for code in own]
    return "、".join([*mine, *theirs])


def _pair_collision(visit: Visit, department: str, others: Sequence[ForeignVisit],
                    travel: Callable[[str, str], int]) -> Collision | None:
    for other in others:
        if visit.start < other.end and other.start < visit.end:
            return Collision(visit.id, visit.project, department, "overlap", (other,))
        if other.end <= visit.start:
            need = travel(other.place, visit.place)
            gap = (visit.start - other.end).total_seconds() / 60
        else:
            need = travel(visit.place, other.place)
            gap = (other.start - visit.end).total_seconds() / 60
        if gap < need:
            return Collision(visit.id, visit.project, department, "travel", (other,), need)
    return None


def travel_function(travel: Mapping[tuple[str, str], int], default_minutes: int,
                    unknown_minutes: int) -> Callable[[str, str], int]:
    """Minutes between two places: 0 within one, the table's, the default, or (a place we do not
    know, another district's) the city travel time."""
    def minutes(origin: str, destination: str) -> int:
        if origin == destination:
            return 0
        if is_unknown_place(origin) or is_unknown_place(destination):
            return unknown_minutes
        return travel.get((origin, destination), default_minutes)
    return minutes
