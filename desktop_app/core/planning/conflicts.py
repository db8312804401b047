"""Visits that no longer fit their departments' availability (issue 8, "conflicts surfaced").

A visit was feasible when it was planned; an availability refresh (a new busy event), a holiday
override or changed office hours can make it infeasible later. This module re-checks stored
visits against ``Availability`` and says, per attending department, what blocks the visit now,
in the same words the scheduler's explanations use (holiday name, busy event title, ...).
It also checks our own visits against each other: a department booked at two visits at once or
without the travel time between them, or at more visits in a day than its daily capacity (what
two schedules saved at once, or a hand-edited database, would leave behind).
The calendar, the dashboard and `joint-acceptance conflicts` all call ``find_conflicts``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from desktop_app.core.calendar.availability import Availability, BlockKind
from desktop_app.core.planning.greedy import ConflictKind
from desktop_app.core.calendar.city_events import city_collisions, load_foreign_visits, travel_function
from desktop_app.core.model.messages import tr
from desktop_app.core.model.domain import Settings, Visit, VisitStatus
from desktop_app.core.store.repository import Repository

# A visit that took place (or was cancelled) cannot be moved any more: flagging it helps nobody.
CHECKED_STATUSES = (VisitStatus.PLANNED, VisitStatus.PUBLISHED)


@dataclass(frozen=True)
class Conflict:
    """One attending department that is not free for one stretch of a visit."""

    visit_id: int
    project: str
    department: str
    start: dt.datetime       # the blocked stretch, inside the visit's span
    end: dt.datetime
    kind: BlockKind | ConflictKind   # ConflictKind: clashes with our own visits (overlap, travel, capacity)
    reason: str              # holiday name, busy event title, office hours, blocked-day reason; the clash

    def describe(self, department_name: str | None = None) -> str:
        """One line for a tooltip, the details panel or the command line."""
        return conflict_line(department_name or self.department, self.kind, self.reason, self.start, self.end)

    def as_json(self) -> dict:
        return {"visit": self.visit_id, "project": self.project, "department": self.department,
                "start": self.start.isoformat(), "end": self.end.isoformat(), "kind": str(self.kind),
                "reason": self.reason}


def conflict_line(department: str, kind: BlockKind | ConflictKind, reason: str, start: dt.datetime,
                  end: dt.datetime) -> str:
    """"<department>: <what> (HH:MM–HH:MM)"; a decline reads "<department> declined: <its words>"."""
    if kind is BlockKind.DECLINED:
        if reason:
            return tr("{department} declined: {reason} ({start}–{end})", department=department, reason=reason,
                      start=f"{start:%H:%M}", end=f"{end:%H:%M}")
        return tr("{department} declined ({start}–{end})", department=department, start=f"{start:%H:%M}",
                  end=f"{end:%H:%M}")
    return tr("{department}: {what} ({start}–{end})", department=department, what=kind_text(kind, reason),
              start=f"{start:%H:%M}", end=f"{end:%H:%M}")


def kind_text(kind: BlockKind, reason: str) -> str:
    """What blocks a department, in the domain's words."""
    if kind is BlockKind.NON_WORKING_DAY:
        return tr("non-working day: {reason}", reason=reason)
    if kind is BlockKind.BUSY_EVENT:
        return tr("busy: {reason}", reason=reason)
    if kind is BlockKind.BLOCKED_DAY:
        return tr("blocked day: {reason}", reason=reason)
    if kind is BlockKind.DECLINED:
        return tr("declined: {reason}", reason=reason) if reason else tr("declined")
    return reason     # office hours and clashes with our own visits are already whole sentences


def visit_conflicts(visit: Visit, availability: Availability) -> list[Conflict]:
    """Every stretch of the visit some attending department is not free; empty when it still fits.

    A department unknown to ``availability`` (deleted since) is skipped: the visit's department
    list, not availability, is then what needs fixing, and the editor refuses such deletions anyway.
    """
    if visit.id is None or visit.status not in CHECKED_STATUSES:
        return []
    found: list[Conflict] = []
    for department in visit.departments:
        if department not in availability.departments:
            continue
        if visit.start.astimezone(availability.zone).date() == visit.end.astimezone(availability.zone).date() \
                and availability.is_free(department, visit.start, visit.end):
            continue   # the common case, answered from cached free intervals; explaining is slower
        for stretch in availability.unavailable(department, visit.start, visit.end):
            found.append(Conflict(visit.id, visit.project, department, stretch.start, stretch.end,
                                  stretch.kind, stretch.reason))
    return found


TravelMinutes = Callable[[str, str], int]     # minutes between two places, as the scheduler counts them


def booking_conflicts(visits: Iterable[Visit], availability: Availability,
                      travel: TravelMinutes) -> dict[int, list[Conflict]]:
    """Clashes among our own planned or published visits, by visit id: per department and day, more
    visits than the department's daily capacity (every visit of that day is flagged), a visit that
    overlaps another, and two visits in a row with less than the travel time between them.

    One pass over each department's day in order of start, so a badly overbooked day costs one line
    per visit rather than one per pair of visits (enough to see and fix it)."""
    zone = availability.zone
    by_day: dict[tuple[str, dt.date], list[Visit]] = defaultdict(list)
    for visit in visits:
        if visit.id is None or visit.status not in CHECKED_STATUSES:
            continue
        day = visit.start.astimezone(zone).date()
        for department in visit.departments:
            if department in availability.departments:
                by_day[(department, day)].append(visit)
    found: dict[int, list[Conflict]] = defaultdict(list)
    spans = _Spans(zone)
    for (department, day), booked in by_day.items():
        booked.sort(key=lambda v: (v.start, v.id))
        capacity = availability.departments[department].daily_capacity
        if len(booked) > capacity:
            reason = tr("{count} visits on {day}, more than its daily limit of {limit}: {projects}",
                        count=len(booked), day=f"{day:%m-%d}", limit=capacity,
                        projects="、".join(dict.fromkeys(v.project for v in booked)))
            for visit in booked:
                found[visit.id].append(Conflict(visit.id, visit.project, department, visit.start, visit.end,
                                                ConflictKind.CAPACITY, reason))
        for visit, clash in _day_clashes(department, booked, travel, spans):
            found[visit.id].append(clash)
    return dict(found)


def _day_clashes(department: str, booked: list[Visit], travel: TravelMinutes,
                 spans: _Spans) -> Iterator[tuple[Visit, Conflict]]:
    """Overlaps and missing travel time in one department's day (``booked`` sorted by start)."""
    latest: Visit | None = None          # of the visits before, the one that ends last
    for position, visit in enumerate(booked):
        following = booked[position + 1] if position + 1 < len(booked) else None
        partner = latest if latest is not None and latest.end > visit.start else None
        if partner is None and following is not None and following.start < visit.end:
            partner = following
        if partner is not None:
            yield visit, Conflict(visit.id, visit.project, department, max(visit.start, partner.start),
                                  min(visit.end, partner.end), ConflictKind.OVERLAP,
                                  tr("also booked at the visit of {project} ({when})", project=partner.project,
                                     when=spans.of(partner)))
        elif following is not None:
            need = travel(visit.place, following.place)
            if following.start < visit.end + dt.timedelta(minutes=need):
                for this, other in ((visit, following), (following, visit)):
                    yield this, Conflict(this.id, this.project, department, visit.end,
                                         visit.end + dt.timedelta(minutes=need), ConflictKind.TRAVEL,
                                         tr("needs {minutes} minutes to travel between this visit and the visit "
                                            "of {project} at {place} ({when})", minutes=need, project=other.project,
                                            place=other.place, when=spans.of(other)))
        if latest is None or visit.end > latest.end:
            latest = visit


class _Spans:
    """Visits' local 'HH:MM-HH:MM', worked out once per visit (an overbooked day names each many times)."""

    def __init__(self, zone: dt.tzinfo) -> None:
        self.zone = zone
        self.known: dict[int, str] = {}

    def of(self, visit: Visit) -> str:
        text = self.known.get(visit.id)
        if text is None:
            text = self.known[visit.id] = \
                f"{visit.start.astimezone(self.zone):%H:%M}-{visit.end.astimezone(self.zone):%H:%M}"
        return text


def matrix_travel(matrix: Mapping[tuple[str, str], int], default: int) -> TravelMinutes:
    """Travel between places as the scheduler counts it (the settings' default where none was entered)."""

    def minutes(origin: str, destination: str) -> int:
        return 0 if origin == destination else matrix.get((origin, destination), default)

    return minutes


def find_conflicts(repo: Repository, first: dt.date, last: dt.date, *,
                   visits: Iterable[Visit] | None = None,
                   availability: Availability | None = None) -> dict[int, list[Conflict]]:
    """Conflicts of the visits that start in [first, last] (dates, inclusive), by visit id.

    ``visits`` and ``availability`` may be passed when the caller already loaded them for the
    same dates (the calendar does), so a week is read from the database once.
    """
    if last < first:
        return {}
    if visits is None:
        zone = availability.zone if availability is not None else None
        if zone is None:
            from zoneinfo import ZoneInfo

            zone = ZoneInfo(repo.settings().timezone)
        visits = repo.visits(start=dt.datetime.combine(first, dt.time(), zone),
                             end=dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), zone))
    if availability is None:
        availability = Availability.from_repository(repo, first, last)
    inside = [v for v in visits if first <= v.start.astimezone(availability.zone).date() <= last]
    result: dict[int, list[Conflict]] = {}
    for visit in inside:
        conflicts = visit_conflicts(visit, availability)
        if conflicts:
            result[visit.id] = conflicts
    matrix, settings = repo.travel_matrix(), repo.settings()    # read once for both checks below
    for visit_id, clashes in booking_conflicts(
            inside, availability, matrix_travel(matrix, settings.default_travel_minutes)).items():
        result.setdefault(visit_id, []).extend(clashes)
    for visit_id, conflict in other_bureau_conflicts(repo, inside, first, last, availability, matrix, settings):
        result.setdefault(visit_id, []).append(conflict)
    return result


def other_bureau_conflicts(repo: Repository, visits: list[Visit], first: dt.date, last: dt.date,
                           availability: Availability, matrix: Mapping[tuple[str, str], int],
                           settings: Settings) -> list[tuple[int, Conflict]]:
    """Our visits that other bureaus' visits of a shared department leave no room for (capacity, overlap,
    travel; DESIGN §12). A published visit of ours counts as there first."""
    foreign = load_foreign_visits(repo.db, first, last, availability.timezone)
    if not foreign:
        return []
    departments = {d.code: d for d in repo.departments()}
    checked = [v for v in visits if v.id is not None and v.status in CHECKED_STATUSES]
    travel = travel_function(matrix, settings.default_travel_minutes, settings.city_travel_minutes)
    by_id = {v.id: v for v in checked}
    found = []
    for collision in city_collisions(checked, foreign, {c: d.daily_capacity for c, d in departments.items()},
                                     travel, availability.zone,
                                     first=lambda v: v.status is VisitStatus.PUBLISHED):
        visit = by_id[collision.visit_id]
        name = departments[collision.department].name if collision.department in departments else None
        found.append((visit.id, Conflict(visit.id, visit.project, collision.department, visit.start, visit.end,
                                         BlockKind.OTHER_BUREAU, collision.describe(name))))
    return found


def upcoming_conflicts(repo: Repository, today: dt.date) -> dict[int, list[Conflict]]:
    """Conflicts of every planned or published visit from ``today`` on (the dashboard's list)."""
    row = repo.db.execute("SELECT max(start) FROM visits WHERE status IN ('planned', 'published')").fetchone()
    if not row or row[0] is None:
        return {}
    last = dt.datetime.fromisoformat(row[0]).date()
    return find_conflicts(repo, today, last)


def grouped_lines(conflicts: Iterable[Conflict], names: Mapping[str, str]) -> list[str]:
    """One line per distinct obstacle, naming every department it blocks (a holiday blocks them all)."""
    groups: dict[tuple, list[str]] = {}
    for conflict in conflicts:
        key = (conflict.start, conflict.end, conflict.kind, conflict.reason)
        groups.setdefault(key, []).append(names.get(conflict.department, conflict.department))
    return [conflict_line("、".join(departments), kind, reason, start, end)
            for (start, end, kind, reason), departments in groups.items()]


def conflict_lines(conflicts: Mapping[int, list[Conflict]], repo: Repository) -> list[str]:
    """The conflicts as text, one visit per line group (the command line's output)."""
    names = repo.department_names()
    lines: list[str] = []
    for visit_id in sorted(conflicts, key=lambda v: (conflicts[v][0].start, v)):
        visit_conflicts_ = conflicts[visit_id]
        first = visit_conflicts_[0]
        lines.append(tr("Visit {visit} of {project} on {date}: the departments are no longer all free",
                        visit=visit_id, project=first.project, date=first.start.date().isoformat()))
        lines += ["  " + line for line in grouped_lines(visit_conflicts_, names)]
    return lines
