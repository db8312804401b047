"""Why a request is unscheduled or late, and where a visit could go instead — in the domain's words.

Explanations name what a clerk would say on the phone: which department is not free and why
(the holiday by name, a busy event by its title, office hours, a blocked day, capacity taken by
which visits, travel), the earliest day a joint visit is possible at all, and which single
department's absence would allow an earlier visit (the bureau may then split off a separate visit).
The same words explain why a manual move to one exact time is refused (``move_reasons``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.core.calendar.availability import BlockKind
from desktop_app.core.calendar.city_events import bookings_text
from desktop_app.core.planning.candidates import Problem, Request, Slot, common_starts, request_slots, visit_duration
from desktop_app.core.planning.greedy import Conflict, ConflictKind, Timeline
from desktop_app.core.model.messages import tr
from desktop_app.core.model.domain import HalfDay, Visit

_MAX_LISTED = 4          # days or visits named in one sentence before "…"
_ONE_DAY = dt.timedelta(days=1)


def _name(problem: Problem, department: str) -> str:
    found = problem.departments.get(department)
    return found.name if found is not None else department


def _days_text(days: Sequence[dt.date]) -> str:
    shown = "、".join(f"{d:%m-%d}" for d in days[:_MAX_LISTED])
    return shown + ("…" if len(days) > _MAX_LISTED else "")


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --- what availability alone allows ----------------------------------------------------------
def _duration_for(problem: Problem, request: Request, departments: Sequence[str]) -> int:
    if tuple(departments) == request.departments:
        return request.duration
    items = [problem.items[i] for i in request.items if problem.items[i].department in departments]
    return visit_duration(items, problem.settings)


def earliest_day(problem: Problem, request: Request, departments: Sequence[str], first: dt.date,
                 last: dt.date) -> dt.date | None:
    """The first day in [first, last] on which the departments are all free for the visit."""
    duration = _duration_for(problem, request, departments)
    day = first
    while day <= last:
        if problem.calendar.is_working_day(day) and common_starts(problem, departments, day,
                                                                  request.project.place, duration):
            return day
        day += _ONE_DAY
    return None


def split_option(problem: Problem, request: Request, whole: Sequence[Slot]) -> tuple[tuple[str, ...], str] | None:
    """(the other departments, the blocking one) when only splitting off one department allows an on-time visit."""
    if len(request.departments) < 2 or any(not s.late for s in whole):
        return None
    best: tuple[dt.date, str] | None = None
    for department in request.departments:
        rest = tuple(d for d in request.departments if d != department)
        day = earliest_day(problem, request, rest, request.earliest, request.deadline)
        if day is not None and (best is None or day < best[0]):
            best = (day, department)
    if best is None:
        return None
    return tuple(d for d in request.departments if d != best[1]), best[1]


# --- why a department is not free --------------------------------------------------------------
def _department_blocks(problem: Problem, request: Request, department: str, days: Sequence[dt.date]) -> str | None:
    """One sentence on the days a department alone cannot take the visit, or None when it always can."""
    duration = request.duration
    place = request.project.place
    reasons: dict[str, list[dt.date]] = defaultdict(list)
    availability = problem.availability
    for day in days:
        if common_starts(problem, (department,), day, place, duration):
            continue
        periods = availability.office_periods(department, day)
        if not periods:
            reason = availability.blocked_reason(department, day)
            if reason is not None:
                reasons[tr("blocked: {reason}", reason=reason or tr("blocked day"))].append(day)
            else:
                reasons[tr("no office hours that day")].append(day)
            continue
        start, end = periods[0][0], periods[-1][1]
        stretches = availability.unavailable(department, start, end)
        titles = [u.reason for u in stretches if u.kind is BlockKind.BUSY_EVENT]
        declined = [u.reason for u in stretches if u.kind is BlockKind.DECLINED]
        if titles or declined:
            for title in dict.fromkeys(titles):
                reasons[tr("busy with “{title}”", title=title)].append(day)
            for reason in dict.fromkeys(declined):
                reasons[tr("declined: {reason}", reason=reason) if reason else tr("declined")].append(day)
        else:
            longest = max(int((e - s).total_seconds() // 60) for s, e in periods)
            travel = problem.base_travel(department, place)
            if longest >= duration and travel:
                reasons[tr("needs {minutes} minutes to travel from its office after opening", minutes=travel)].append(day)
            else:
                reasons[tr("its office hours are too short for a {minutes}-minute visit", minutes=duration)].append(day)
    if not reasons:
        return None
    parts = [f"{reason}（{_days_text(blocked)}）" for reason, blocked in reasons.items()]
    return tr("{department} is not free: {reasons}", department=_name(problem, department), reasons="；".join(parts))


def _non_working_text(problem: Problem, first: dt.date, last: dt.date) -> str | None:
    """Holidays (by name) inside the window: why whole days drop out for everyone."""
    names: dict[str, list[dt.date]] = defaultdict(list)
    day = first
    while day <= last:
        if not problem.calendar.is_working_day(day):
            name = problem.calendar.holiday_name(day)
            if name:
                names[name].append(day)
        day += _ONE_DAY
    if not names:
        return None
    return tr("Holidays in the window: {holidays}",
              holidays="；".join(f"{name}（{_days_text(days)}）" for name, days in names.items()))


def _availability_reasons(problem: Problem, request: Request, first: dt.date, last: dt.date) -> list[str]:
    days = problem.calendar.working_days(first, last)
    reasons = [r for r in (_department_blocks(problem, request, d, days) for d in request.departments) if r]
    holiday = _non_working_text(problem, first, last)
    if holiday:
        reasons.append(holiday)
    if not days:
        reasons.append(tr("There is no working day between {first} and {last}.", first=first, last=last))
    elif not reasons:
        reasons.append(tr("Each department is free on some of these days, but never all at the same time "
                          "for {minutes} minutes.", minutes=request.duration))
    return reasons


# --- why taken slots are taken -------------------------------------------------------------------
def _projects_text(problem: Problem, projects) -> str:
    """The visits that fill a department's day: '本局 XM2026-004、高新区 GX2026-017' when other bureaus' are among them."""
    foreign = problem.foreign_labels
    projects = list(projects)
    return bookings_text([p for p in projects if p not in foreign], [p for p in projects if p in foreign])


def conflict_text(problem: Problem, conflict: Conflict, day: dt.date) -> str:
    name = _name(problem, conflict.department)
    other = conflict.other
    if conflict.kind is ConflictKind.NO_VISITS or other is None:
        return tr("{department} takes no visits (its daily capacity is 0)", department=name)
    when = f"{day:%m-%d} {_hm(other.start)}-{_hm(other.end)}"
    if conflict.kind is ConflictKind.CAPACITY:
        return tr("{department} already attends {count} visit(s) on {day}, its daily limit: {projects}",
                  department=name, count=problem.departments[conflict.department].daily_capacity,
                  day=f"{day:%m-%d}", projects=_projects_text(problem, [other.project]))
    if conflict.kind is ConflictKind.OVERLAP:
        return tr("{department} is at the visit of {project} ({when})", department=name, project=other.project,
                  when=when)
    return tr("{department} needs {minutes} minutes to travel between this visit and the visit of {project} "
              "at {place} ({when})", department=name, minutes=conflict.travel, project=other.project,
              place=other.place, when=when)


def _taken_reasons(problem: Problem, timeline: Timeline, slots: Sequence[Slot]) -> list[str]:
    """What blocks the possible slots, one sentence per department-day limit or per visit in the way."""
    full_days: dict[tuple[str, dt.date], dict[str, None]] = defaultdict(dict)
    texts: dict[str, None] = {}
    for slot in slots:
        for conflict in timeline.conflicts(slot):
            if conflict.kind is ConflictKind.CAPACITY:
                full_days[(conflict.department, slot.day)][conflict.other.project] = None
            else:
                texts[conflict_text(problem, conflict, slot.day)] = None
    capacity = [tr("{department} already attends {count} visit(s) on {day}, its daily limit: {projects}",
                   department=_name(problem, department), count=len(projects), day=f"{day:%m-%d}",
                   projects=_projects_text(problem, projects))
                for (department, day), projects in sorted(full_days.items(), key=lambda kv: (kv[0][1], kv[0][0]))]
    return (capacity + list(texts))[: 2 * _MAX_LISTED]


def explain_request(problem: Problem, request: Request, timeline: Timeline, chosen: Sequence[Slot] | None) -> list[str]:
    """Why the request is unscheduled (``chosen`` None) or late (``chosen`` its slots)."""
    reasons: list[str] = []
    first, last, deadline = request.earliest, request.horizon, request.deadline
    earliest = earliest_day(problem, request, request.departments, first, last)
    if earliest is None:
        reasons.append(tr("No joint visit of {minutes} minutes fits between {first} and {last}:",
                          minutes=request.duration, first=first, last=last))
        reasons.extend(_availability_reasons(problem, request, first, last))
    elif deadline < first:
        reasons.append(tr("Its deadline {deadline} passed before {first}, the first day departments can be given "
                          "notice for; the earliest joint visit possible is {day}.",
                          deadline=deadline, first=first, day=earliest))
        holidays = _non_working_text(problem, request.project.ready_on, first)
        if holidays:
            reasons.append(holidays)
    elif earliest > deadline:
        reasons.append(tr("The earliest day all departments are free together is {day}, after the deadline "
                          "{deadline}:", day=earliest, deadline=deadline))
        reasons.extend(_availability_reasons(problem, request, first, min(deadline, last)))
    else:
        window_last = deadline if chosen is not None else last
        candidates = [s for s in request_slots(problem, request, last=window_last)]
        reasons.append(tr("All departments are free together from {day}, but the possible times up to {last} are "
                          "taken:", day=earliest, last=window_last))
        reasons.extend(_taken_reasons(problem, timeline, candidates))
    without = _best_without(problem, request, earliest, first, last)
    if without is not None:
        department, day = without
        reasons.append(tr("Without {department}, a joint visit would be possible on {day}; the bureau could "
                          "arrange a separate visit for {department}.", department=_name(problem, department), day=day))
    return reasons


def _best_without(problem: Problem, request: Request, earliest: dt.date | None, first: dt.date,
                  last: dt.date) -> tuple[str, dt.date] | None:
    if len(request.departments) < 2:
        return None
    best: tuple[str, dt.date] | None = None
    for department in request.departments:
        rest = [d for d in request.departments if d != department]
        stop = (earliest - _ONE_DAY) if earliest is not None else last
        day = earliest_day(problem, request, rest, first, stop)
        if day is not None and (best is None or day < best[1]):
            best = (department, day)
    return best


# --- locked visits that no longer fit --------------------------------------------------------------
def fixed_visit_conflicts(problem: Problem) -> list[str]:
    """Fixed (locked or notified) visits that now clash with busy time: reported, never moved."""
    found: list[str] = []
    for occupied in problem.own_fixed:
        visit = occupied.visit
        if visit.start.date() < problem.today:
            continue
        for department in visit.departments:
            if department not in problem.departments:
                continue
            blocks = problem.availability.unavailable(department, visit.start, visit.end)
            if blocks:
                what = "；".join(dict.fromkeys(b.reason for b in blocks))
                found.append(tr("The locked visit of {project} on {when} clashes with {department}: {what}. "
                                "It stays where it is; please settle it with the department.",
                                project=visit.project, when=f"{visit.start:%Y-%m-%d %H:%M}",
                                department=_name(problem, department), what=what))
    return found


# --- manual moves --------------------------------------------------------------------------------
@dataclass(frozen=True)
class RankedSlot:
    slot: Slot
    new_trips: int          # department trips this visit adds (0 = every department goes there anyway)
    preference_met: bool


@dataclass(frozen=True)
class RejectedSlot:
    slot: Slot
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Alternatives:
    project: str
    slots: list[RankedSlot]          # best first
    rejected: list[RejectedSlot]     # earlier or on-time slots the schedule already blocks, with why


def rank_alternatives(problem: Problem, project: str, *, limit: int | None = None) -> Alternatives:
    """Every slot a manual move of the project's visit may take, best first, against the stored schedule."""
    from desktop_app.core.planning.candidates import slot_of_visit

    request = next((r for r in problem.requests if r.code == project), None)
    if request is None:
        return Alternatives(project, [], [])
    timeline = Timeline(problem)
    for other in problem.requests:
        if other.code == project:
            continue
        for visit in other.current:
            timeline.add(slot_of_visit(problem, visit, other, False, 0))
    trips = timeline.trips()
    ranked: list[tuple[tuple, RankedSlot]] = []
    rejected: list[RejectedSlot] = []
    for slot in request_slots(problem, request):
        conflicts = timeline.conflicts(slot)
        if conflicts:
            if not slot.late and len(rejected) < 20:
                rejected.append(RejectedSlot(slot, tuple(dict.fromkeys(
                    conflict_text(problem, c, slot.day) for c in conflicts))))
            continue
        new_trips = sum(1 for d in slot.departments if (d, slot.day, slot.place) not in trips)
        preferred = request.project.preferred
        met = preferred is HalfDay.ANY or slot.half_day is preferred
        weighted = problem.settings.wait_weight * slot.wait + problem.settings.trip_weight * new_trips
        ranked.append(((slot.late, weighted, not met, slot.day, slot.start), RankedSlot(slot, new_trips, met)))
    ranked.sort(key=lambda pair: pair[0])
    slots = [r for _, r in ranked][:limit] if limit else [r for _, r in ranked]
    if slots:
        best = slots[0].slot
        rejected = [r for r in rejected if (r.slot.day, r.slot.start) < (best.day, best.start)]
    return Alternatives(project, slots, rejected)


# --- checking one exact move (drag & drop) ------------------------------------------------------
def _hm_of(moment: dt.datetime) -> str:
    return f"{moment:%H:%M}"


def _availability_texts(problem: Problem, visit: Visit, start: dt.datetime, end: dt.datetime) -> list[str]:
    """Office hours, holidays, blocked days and busy events the moved visit would run into; one sentence
    per obstacle, naming every department it blocks (a holiday or the lunch break blocks them all)."""
    texts: list[str] = []
    groups: dict[tuple[BlockKind, str, str], list[str]] = {}
    for department in visit.departments:
        if department not in problem.departments:
            texts.append(tr("{department} is no longer a known department", department=department))
            continue
        for stretch in problem.availability.unavailable(department, start, end):
            when = f"{_hm_of(stretch.start)}-{_hm_of(stretch.end)}"
            groups.setdefault((stretch.kind, stretch.reason, when), []).append(_name(problem, department))
    for (kind, reason, when), names in groups.items():
        who = "、".join(names)
        if kind is BlockKind.NON_WORKING_DAY:
            texts.append(tr("{day} is not a working day ({reason})", day=start.date(), reason=reason))
        elif kind is BlockKind.BUSY_EVENT:
            texts.append(tr("{department} is busy with “{title}” ({when})", department=who, title=reason, when=when))
        elif kind is BlockKind.BLOCKED_DAY:
            texts.append(tr("{department} is blocked that day: {reason}", department=who, reason=reason))
        elif kind is BlockKind.DECLINED:
            texts.append(tr("{department} declined: {reason} ({when})", department=who, reason=reason, when=when)
                         if reason else tr("{department} declined ({when})", department=who, when=when))
        else:
            texts.append(tr("{department} is not in office from {when}: {reason}", department=who, when=when,
                            reason=reason))
    return list(dict.fromkeys(texts))


def _base_travel_texts(problem: Problem, visit: Visit, start: dt.datetime) -> list[str]:
    """A department's first visit of an office period starts only after staff can get there from its base."""
    groups: dict[tuple[str, int], list[str]] = {}
    for department in visit.departments:
        if department not in problem.departments:
            continue
        travel = problem.base_travel(department, visit.place)
        for period_start, period_end in problem.availability.office_periods(department, start.date()):
            if travel and period_start <= start < min(period_start + dt.timedelta(minutes=travel), period_end):
                groups.setdefault((_hm_of(period_start), travel), []).append(_name(problem, department))
    return [tr("{department} opens at {opens} and needs {minutes} minutes to travel from its office to {place}",
               department="、".join(names), opens=opens, minutes=minutes, place=visit.place)
            for (opens, minutes), names in groups.items()]


def _booking_texts(problem: Problem, timeline: Timeline, slot: Slot) -> list[str]:
    """Capacity (one sentence per full department-day, naming its visits), overlaps and travel."""
    full: dict[str, list[str]] = {}
    texts: list[str] = []
    for conflict in timeline.conflicts(slot):
        if conflict.kind is ConflictKind.CAPACITY:
            full.setdefault(conflict.department, []).append(conflict.other.project)
        else:
            texts.append(conflict_text(problem, conflict, slot.day))
    capacity = [tr("{department} already attends {count} visit(s) on {day}, its daily limit: {projects}",
                   department=_name(problem, department), count=len(projects), day=f"{slot.day:%m-%d}",
                   projects=_projects_text(problem, dict.fromkeys(projects)))
                for department, projects in full.items()]
    return capacity + list(dict.fromkeys(texts))


def move_reasons(problem: Problem, visit: Visit, start: dt.datetime, others: Sequence[Visit]) -> list[str]:
    """Every hard rule broken by moving ``visit`` to ``start`` (same place, departments and length),
    given the other active visits; empty when the move is allowed. The deadline is not a hard rule."""
    zone = problem.availability.zone
    start = start.astimezone(zone)
    end = start + (visit.end - visit.start)
    reasons: list[str] = []
    grain = problem.settings.grain_minutes
    if (start.hour * 60 + start.minute) % grain or start.second or start.microsecond:
        reasons.append(tr("Visits start on the {minutes}-minute grid.", minutes=grain))
    if start.date() < problem.first_day:
        reasons.append(tr("Departments must be told at least {days} working day(s) ahead: the earliest day is "
                          "{day}.", days=problem.settings.notice_working_days, day=problem.first_day))
    project = next((p for p in problem.projects if p.code == visit.project), None)
    if project is not None and start.date() < project.ready_on:
        reasons.append(tr("The project is ready for acceptance only from {day}.", day=project.ready_on))
    if end.date() != start.date():
        return reasons + [tr("The visit would run past midnight.")]
    reasons += _availability_texts(problem, visit, start, end)
    reasons += _base_travel_texts(problem, visit, start)
    timeline = Timeline.of_visits(problem, [v for v in others if v.active and v.id != visit.id])
    slot = Slot(visit.project, start.date(), start.hour * 60 + start.minute, end.hour * 60 + end.minute,
                visit.place, tuple(d for d in visit.departments if d in problem.departments), tuple(visit.items),
                False, 0, "" if visit.joint else "single", start, end)
    return reasons + _booking_texts(problem, timeline, slot)
