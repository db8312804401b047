"""Department timelines and the greedy baseline scheduler.

``Timeline`` knows, for each department and day, which visits it already attends, and answers
"can this slot be added?" with the rule that blocks it (capacity, overlap, travel) and the
visit responsible, so explanations and the manual-move check speak the same words as the
model's constraints. The greedy scheduler (requests in priority, then application order, each
taking its earliest feasible slot) is the yardstick the benchmarks compare against and a fast
fallback.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.core.planning.candidates import Problem, Request, Slot, request_slots, same_slot
from desktop_app.core.model.domain import Visit


class ConflictKind(StrEnum):
    CAPACITY = "capacity"
    NO_VISITS = "no_visits"      # daily capacity 0: the department takes no visits at all
    OVERLAP = "overlap"
    TRAVEL = "travel"


@dataclass(frozen=True)
class Booking:
    project: str
    start: int
    end: int
    place: str


@dataclass(frozen=True)
class Conflict:
    department: str
    kind: ConflictKind
    other: Booking | None = None   # the visit in the way (None for NO_VISITS)
    travel: int = 0                # minutes needed between the two places (TRAVEL only)


class Timeline:
    """Who each department visits, day by day."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.bookings: dict[tuple[str, dt.date], list[Booking]] = defaultdict(list)
        for occupied in problem.fixed:
            for department in occupied.visit.departments:
                if department in problem.departments:
                    self.bookings[(department, occupied.day)].append(
                        Booking(occupied.visit.project, occupied.start, occupied.end, occupied.visit.place))

    @classmethod
    def of_visits(cls, problem: Problem, visits: Iterable[Visit]) -> "Timeline":
        """The departments' days as the given visits (and nothing else) fill them."""
        timeline = cls.__new__(cls)
        timeline.problem = problem
        timeline.bookings = defaultdict(list)
        zone = problem.availability.zone
        for visit in visits:
            start, end = visit.start.astimezone(zone), visit.end.astimezone(zone)
            for department in visit.departments:
                if department in problem.departments:
                    timeline.bookings[(department, start.date())].append(
                        Booking(visit.project, start.hour * 60 + start.minute, end.hour * 60 + end.minute,
                                visit.place))
        return timeline

    def add(self, slot: Slot) -> None:
        for department in slot.departments:
            self.bookings[(department, slot.day)].append(Booking(slot.project, slot.start, slot.end, slot.place))

    def remove_project(self, project: str) -> None:
        for key, bookings in self.bookings.items():
            self.bookings[key] = [b for b in bookings if b.project != project]

    def conflicts(self, slot: Slot, *, first_only: bool = False) -> list[Conflict]:
        """Every reason the slot cannot join the departments' days as they stand."""
        found: list[Conflict] = []
        for department in slot.departments:
            bookings = [b for b in self.bookings.get((department, slot.day), ()) if b.project != slot.project]
            capacity = self.problem.departments[department].daily_capacity
            if capacity <= 0:
                # Not "full with no visits to name": a department that takes none blocks every slot.
                found.append(Conflict(department, ConflictKind.NO_VISITS))
                if first_only:
                    return found
                continue
            if len(bookings) >= capacity:
                found.extend(Conflict(department, ConflictKind.CAPACITY, b) for b in bookings)
                if first_only:
                    return found
                continue
            for booking in bookings:
                conflict = self._pair_conflict(department, slot, booking)
                if conflict is not None:
                    found.append(conflict)
                    if first_only:
                        return found
        return found

    def _pair_conflict(self, department: str, slot: Slot, booking: Booking) -> Conflict | None:
        if slot.start < booking.end and booking.start < slot.end:
            return Conflict(department, ConflictKind.OVERLAP, booking)
        if booking.end <= slot.start:
            need = self.problem.travel_minutes(booking.place, slot.place)
            if slot.start < booking.end + need:
                return Conflict(department, ConflictKind.TRAVEL, booking, need)
        else:
            need = self.problem.travel_minutes(slot.place, booking.place)
            if booking.start < slot.end + need:
                return Conflict(department, ConflictKind.TRAVEL, booking, need)
        return None

    def fits(self, slot: Slot) -> bool:
        return not self.conflicts(slot, first_only=True)

    def trips(self) -> set[tuple[str, dt.date, str]]:
        return {(department, day, b.place) for (department, day), bookings in self.bookings.items() for b in bookings}


def request_order(requests: list[Request]) -> list[Request]:
    """Priority first (higher is more urgent), then who applied first."""
    return sorted(requests, key=lambda r: (-r.project.priority, r.project.applied_on, r.code))


def deadline_order(requests: list[Request]) -> list[Request]:
    """Earliest deadline first (then priority, then who applied first): fewer late requests than
    `request_order` when capacity is tight; the optimiser's alternative starting point."""
    return sorted(requests, key=lambda r: (r.deadline, -r.project.priority, r.project.applied_on, r.code))


def greedy_schedule(problem: Problem, slots: dict[str, list[Slot]] | None = None,
                    split_slots: dict[str, tuple[list[Slot], list[Slot]]] | None = None,
                    order: Callable[[list[Request]], list[Request]] = request_order) -> dict[str, list[Slot]]:
    """Each request, in turn, takes its earliest feasible slot; existing visits that still fit stay."""
    slots = slots if slots is not None else {r.code: request_slots(problem, r) for r in problem.requests}
    split_slots = split_slots or {}
    timeline = Timeline(problem)
    chosen: dict[str, list[Slot]] = {}
    ordered = order(problem.requests)
    # Visits already planned keep their place when they still fit: the baseline is stable too.
    for request in ordered:
        kept = [s for s in slots[request.code] if any(same_slot(s, v) for v in request.current)]
        if kept and len(request.current) == 1 and timeline.fits(kept[0]):
            timeline.add(kept[0])
            chosen[request.code] = [kept[0]]
    for request in ordered:
        if request.code in chosen:
            continue
        choice = next((s for s in slots[request.code] if timeline.fits(s)), None)
        if (choice is None or choice.late) and request.code in split_slots:
            split = _greedy_split(timeline, *split_slots[request.code])
            if split is not None and (choice is None or not split[0].late):
                for slot in split:
                    timeline.add(slot)
                chosen[request.code] = split
                continue
        if choice is not None:
            timeline.add(choice)
            chosen[request.code] = [choice]
    return chosen


def _greedy_split(timeline: Timeline, rest: list[Slot], single: list[Slot]) -> list[Slot] | None:
    first = next((s for s in rest if timeline.fits(s)), None)
    if first is None:
        return None
    timeline.add(first)
    second = next((s for s in single if timeline.fits(s)), None)
    timeline.remove_project(first.project)
    return [first, second] if second is not None else None
