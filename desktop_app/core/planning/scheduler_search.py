"""The optimiser behind ``scheduler.plan_schedule``: the slots on offer, the CP-SAT model, and how the
time limit is spent.

DESIGN §4's objective is lexicographic, and it is solved that way, in two phases over one model:

1. *Serve*: most requests scheduled, then fewest late (priority breaks ties in both). Usually the
   starting plan already reaches the obvious floor (every request with a slot scheduled, every
   request with an on-time slot on time) and the phase costs nothing.
2. *Shape*: with phase 1's result kept as a constraint, the least of: tardiness (working days past
   the deadline, weighted above everything below it so a late request is as early as the others
   allow) ≫ waiting days and department trips (weighed together by the settings) ≫ moves of
   existing visits ≫ half-day preferences.

Keeping the levels apart keeps the coefficients small, so CP-SAT's bound (and the gap it reports)
means something. On large instances the model only sees each request's first few feasible days,
and before the last global solve the plan is improved window by window: the requests whose visits
fall in a few consecutive working days are re-planned exactly while every other visit stays put.
Requests are only days apart in time, so this is where trips are saved (two projects in one park
visited the same day); a generic search over the whole model finds such pairs far more slowly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_app.core.planning.candidates import Occupied, Problem, Request, Slot, request_slots, same_slot
from desktop_app.core.planning.explain import split_option
from desktop_app.core.model.domain import HalfDay, Visit, VisitStatus


# --- the objective ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Weights:
    """Integer costs in DESIGN §4's order of importance.

    Phase 1: one unscheduled request outweighs any set of late requests; priority only breaks ties.
    Phase 2: tardiness (see ``tardy_weight``) ≫ waiting days and trips (``unit`` each, times the
    bureau's settings) ≫ moves of existing visits (published ones dearer) ≫ half-day preferences.
    """

    unit: int = 20                       # one waiting working day / one department trip, before settings' weights
    late: int = 20 * 10_000
    unscheduled: int = 20 * 1_000_000
    priority_step_late: int = 20 * 100   # per priority point: a more urgent request is late last
    priority_step_unscheduled: int = 20 * 10_000
    move_planned: int = 3
    move_published: int = 12
    preference: int = 1
    split: int = 20 * 10                 # a split costs the owner a second visit: ten waiting days' worth

    @classmethod
    def for_problem(cls, problem: Problem) -> "Weights":
        """Weights sized to the instance so that priority really only breaks ties: leaving one request
        unscheduled costs more than any set of late requests, whatever their priorities."""
        base = cls()
        priorities = [max(r.project.priority, 0) for r in problem.requests]
        total = sum(min(p, 50) for p in priorities) + 1
        late = max(base.late, total * base.priority_step_late + 1)
        step = len(priorities) * (late + base.priority_step_late * 50) + 1
        return dataclasses.replace(base, late=late, priority_step_unscheduled=step,
                                   unscheduled=max(base.unscheduled, total * step + 1))

    def late_cost(self, priority: int) -> int:
        return self.late + self.priority_step_late * min(max(priority, 0), 50)

    def unscheduled_cost(self, priority: int) -> int:
        return self.unscheduled + self.priority_step_unscheduled * min(max(priority, 0), 50)

    def tardy_weight(self, problem: Problem, choices: "Choices") -> int:
        """One working day of lateness costs more than the largest possible total of everything
        below it (waiting, trips, moves, preferences, splits), so lateness is minimised first."""
        settings = problem.settings
        below = 0
        for request in problem.requests:
            slots = [s for group in (choices.whole, choices.rest, choices.single)
                     for s in group.get(request.code, ())]
            if not slots:
                continue
            below += self.unit * settings.wait_weight * max(s.wait for s in slots)
            below += self.unit * settings.trip_weight * len(request.departments)
            below += self.move_published + self.preference + self.split
        return below + 1


@dataclass(frozen=True)
class Progress:
    """The best solution so far, for a progress display."""

    scheduled: int
    late: int
    trips: int
    gap: float          # relative distance to the proven bound (0 = optimal)
    seconds: float


ProgressCallback = Callable[[Progress], None]


def relative_gap(objective: float, bound: float) -> float:
    return abs(objective - bound) / max(abs(objective), 1.0)


# --- what is on offer ------------------------------------------------------------------------
@dataclass
class Choices:
    """The slots on offer: per request, whole-visit slots and (when splitting) the two halves."""

    whole: dict[str, list[Slot]]
    rest: dict[str, list[Slot]] = field(default_factory=dict)
    single: dict[str, list[Slot]] = field(default_factory=dict)

    def all_slots(self) -> list[Slot]:
        return [s for group in (self.whole, self.rest, self.single) for slots in group.values() for s in slots]

    def only(self, codes: set[str]) -> "Choices":
        return Choices({c: s for c, s in self.whole.items() if c in codes},
                       {c: s for c, s in self.rest.items() if c in codes},
                       {c: s for c, s in self.single.items() if c in codes})

    def size(self) -> int:
        return sum(len(v) for v in self.whole.values())


# Above this many slots the model keeps, per request, only its first ``LARGE_DAYS`` feasible days
# (and the days of its current and starting visits): waiting costs push visits early anyway, and a
# smaller model lets CP-SAT improve the start within the time limit. Small instances stay exact.
LARGE_SLOTS = 30_000
LARGE_DAYS = 8


def _first_days(slots: list[Slot], request: Request, days: int, also: list[Slot]) -> list[Slot]:
    keep = set(sorted({s.day for s in slots})[:days])
    keep |= {v.start.date() for v in request.current} | {s.day for s in also}
    return [s for s in slots if s.day in keep]


def narrowed(problem: Problem, choices: Choices, *starts: dict[str, list[Slot]]) -> Choices:
    """All choices for small instances (exact), else each request's first ``LARGE_DAYS`` feasible
    days plus the days of its current visit and of every starting plan (so each stays a complete hint)."""
    if choices.size() <= LARGE_SLOTS:
        return choices
    whole = {r.code: _first_days(choices.whole[r.code], r, LARGE_DAYS,
                                 [s for start in starts for s in start.get(r.code, [])])
             for r in problem.requests}
    return Choices(whole, choices.rest, choices.single)


def gather_choices(problem: Problem) -> Choices:
    choices = Choices({r.code: request_slots(problem, r) for r in problem.requests})
    if problem.settings.allow_split:
        for request in problem.requests:
            option = split_option(problem, request, choices.whole[request.code])
            if option is not None:
                rest_departments, blocking = option
                choices.rest[request.code] = request_slots(problem, request, rest_departments, "rest")
                choices.single[request.code] = request_slots(problem, request, (blocking,), "single")
    return choices


def _move_cost(slot: Slot, request: Request, weights: Weights) -> int:
    if not request.current or any(same_slot(slot, v) for v in request.current):
        return 0
    published = any(v.status is VisitStatus.PUBLISHED for v in request.current)
    return weights.move_published if published else weights.move_planned


def _shape_cost(slot: Slot, request: Request, problem: Problem, weights: Weights, tardy: int) -> int:
    """Phase 2's cost of one slot, trips apart (they belong to department-days, not slots)."""
    settings = problem.settings
    cost = tardy * slot.tardiness + weights.unit * settings.wait_weight * slot.wait
    cost += _move_cost(slot, request, weights)
    preferred = request.project.preferred
    if preferred is not HalfDay.ANY and slot.half_day is not preferred and slot.part != "single":
        cost += weights.preference
    if slot.part == "rest":
        cost += weights.split
    return cost


# --- the model -------------------------------------------------------------------------------
class Model:
    """The CP-SAT model over the offered slots, with both phases' objectives."""

    def __init__(self, problem: Problem, choices: Choices, weights: Weights, tardy: int) -> None:
        from ortools.sat.python import cp_model

        self.cp = cp_model
        self.problem = problem
        self.choices = choices
        self.weights = weights
        self.tardy = tardy
        self.model = cp_model.CpModel()
        self.slots: list[Slot] = []
        self.vars: list = []
        self.index: dict[int, int] = {}            # id(slot) → position in slots/vars
        self.scheduled: dict[str, object] = {}
        self.late: dict[str, object] = {}
        self.trips: dict[tuple[str, dt.date, str], object] = {}
        self.serve_terms: list[tuple[object, int]] = []
        self.serve_constant = 0
        self.shape_terms: list[tuple[object, int]] = []
        self._build()

    def _new_slots(self, slots: list[Slot]) -> list:
        made = []
        for slot in slots:
            var = self.model.NewBoolVar("")
            self.index[id(slot)] = len(self.slots)
            self.slots.append(slot)
            self.vars.append(var)
            made.append(var)
        return made

    def _build(self) -> None:
        model, weights, problem = self.model, self.weights, self.problem
        for request in problem.requests:
            code = request.code
            start = len(self.slots)
            whole = self._new_slots(self.choices.whole.get(code, []))
            rest = self._new_slots(self.choices.rest.get(code, []))
            single = self._new_slots(self.choices.single.get(code, []))
            scheduled = model.NewBoolVar(f"scheduled_{code}")
            late = model.NewBoolVar(f"late_{code}")
            model.Add(sum(whole) + sum(rest) == scheduled)
            model.Add(sum(single) == sum(rest))
            mine = list(zip(self.vars[start:], self.slots[start:]))
            # A split request counts as late by its joint part; a late separate visit costs half
            # (the project is mostly served on time, which is why the bureau splits).
            model.Add(late == sum(v for v, s in mine if s.late and s.part != "single"))
            self.scheduled[code], self.late[code] = scheduled, late
            priority = request.project.priority
            self.serve_constant += weights.unscheduled_cost(priority)
            self.serve_terms.append((scheduled, -weights.unscheduled_cost(priority)))
            self.serve_terms.append((late, weights.late_cost(priority)))
            for var, slot in mine:
                if slot.part == "single" and slot.late:
                    self.serve_terms.append((var, weights.late_cost(priority) // 2))
                cost = _shape_cost(slot, request, problem, weights, self.tardy)
                if cost:
                    self.shape_terms.append((var, cost))
        self.shape_terms.extend(self._department_days())

    def serve_expression(self):
        return self.cp.LinearExpr.WeightedSum([t[0] for t in self.serve_terms],
                                              [t[1] for t in self.serve_terms]) + self.serve_constant

    def shape_expression(self):
        return self.cp.LinearExpr.WeightedSum([t[0] for t in self.shape_terms], [t[1] for t in self.shape_terms])

    # --- hard rules per department and day ------------------------------------------------------
    def _department_days(self) -> list[tuple[object, int]]:
        """Capacity, no overlap and travel per department and day; trips for the objective."""
        problem, model = self.problem, self.model
        entries: dict[tuple[str, dt.date], list[tuple[object, Slot]]] = defaultdict(list)
        for var, slot in zip(self.vars, self.slots):
            for department in slot.departments:
                entries[(department, slot.day)].append((var, slot))
        fixed: dict[tuple[str, dt.date], list[tuple[int, int, str]]] = defaultdict(list)
        for occupied in problem.fixed:
            for department in occupied.visit.departments:
                fixed[(department, occupied.day)].append((occupied.start, occupied.end, occupied.visit.place))
        trip_terms: list[tuple[object, int]] = []
        trip_cost = self.weights.unit * problem.settings.trip_weight
        for (department, day), chosen in entries.items():
            fixed_here = fixed.get((department, day), [])
            capacity = problem.departments[department].daily_capacity
            self._at_most([v for v, _ in chosen], capacity - len(fixed_here))
            self._no_overlap(chosen, fixed_here)
            self._travel(chosen, fixed_here)
            fixed_places = {place for _, _, place in fixed_here}
            by_place: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
            for var, slot in chosen:
                by_place[slot.place][slot.project].append(var)
            for place, per_request in by_place.items():
                if place in fixed_places:
                    continue   # the department goes there anyway: no extra trip
                trip = model.NewBoolVar("")
                self.trips[(department, day, place)] = trip
                for variables in per_request.values():
                    model.Add(sum(variables) <= trip)
                # Redundant for integers, but it tells the LP that one trip serves at most
                # `capacity` visits: without it the bound spreads four half-visits over one trip.
                room = capacity - len(fixed_here)
                if 1 <= room < len(per_request):
                    model.Add(sum(v for variables in per_request.values() for v in variables) <= room * trip)
                trip_terms.append((trip, trip_cost))
        return trip_terms

    def _at_most(self, variables: list, limit: int) -> None:
        if len(variables) > max(limit, 0):
            self.model.Add(sum(variables) <= max(limit, 0))

    def _no_overlap(self, chosen: list[tuple[object, Slot]], fixed_here: list[tuple[int, int, str]]) -> None:
        # Starts are on the grain, so two visits overlap exactly when one covers the other's start.
        points = sorted({s.start for _, s in chosen})
        for point in points:
            covering = [v for v, s in chosen if s.start <= point < s.end]
            blocked = sum(1 for start, end, _ in fixed_here if start <= point < end)
            self._at_most(covering, 1 - blocked)
        for start, end, _ in fixed_here:
            self._at_most([v for v, s in chosen if s.start < end and start < s.end], 0)

    def _travel(self, chosen: list[tuple[object, Slot]], fixed_here: list[tuple[int, int, str]]) -> None:
        """A visit at q may not start within travel(p, q) after a visit at p ends."""
        problem, model = self.problem, self.model
        places = {s.place for _, s in chosen} | {p for _, _, p in fixed_here}
        if len(places) < 2:
            return
        by_place_end: dict[str, list[tuple[object, Slot]]] = defaultdict(list)
        by_place_start: dict[tuple[str, int], list] = defaultdict(list)
        for var, slot in chosen:
            by_place_end[slot.place].append((var, slot))
            by_place_start[(slot.place, slot.start)].append(var)
        for (q, start), starters in by_place_start.items():
            for p in places:
                if p == q:
                    continue
                need = problem.travel_minutes(p, q)
                if need <= 0:
                    continue
                if any(p == place and start - need < end <= start for _, end, place in fixed_here):
                    self._at_most(starters, 0)
                    continue
                enders = [(v, s) for v, s in by_place_end.get(p, []) if start - need < s.end <= start]
                if not enders:
                    continue
                if all(s.end - s.start >= need for _, s in enders):
                    # Enders within `need` of each other overlap, so they and the starters form a clique.
                    model.Add(sum(v for v, _ in enders) + sum(starters) <= 1)
                else:
                    for var, _ in enders:
                        for starter in starters:
                            model.AddBoolOr([var.Not(), starter.Not()])
        # Chosen visits that end too close before a fixed one elsewhere.
        for start, end, place in fixed_here:
            for var, slot in chosen:
                if slot.place == place:
                    continue
                if slot.end <= start and start < slot.end + problem.travel_minutes(slot.place, place):
                    model.Add(var == 0)

    # --- plans as variable values ------------------------------------------------------------------
    def values(self, plan: dict[str, list[Slot]]) -> dict[int, int]:
        """Every variable's value (by index) in a plan made of this model's slots."""
        values = {var.Index(): 0 for var in self.vars}
        used_trips: set[tuple[str, dt.date, str]] = set()
        for code in self.scheduled:
            slots = plan.get(code, [])
            for slot in slots:
                values[self.vars[self.index[id(slot)]].Index()] = 1
                used_trips.update((d, slot.day, slot.place) for d in slot.departments)
            values[self.scheduled[code].Index()] = int(any(s.part != "single" for s in slots))
            values[self.late[code].Index()] = int(any(s.late and s.part != "single" for s in slots))
        for key, trip in self.trips.items():
            values[trip.Index()] = int(key in used_trips)
        return values

    def covers(self, plan: dict[str, list[Slot]]) -> bool:
        return all(id(s) in self.index for code in self.scheduled for s in plan.get(code, []))

    def evaluate(self, plan: dict[str, list[Slot]]) -> tuple[int, int]:
        """(phase-1 cost, phase-2 cost) of a plan, computed exactly as the model does."""
        values = self.values(plan)
        serve = self.serve_constant + sum(c * values[v.Index()] for v, c in self.serve_terms)
        return serve, sum(c * values[v.Index()] for v, c in self.shape_terms)

    def hint(self, plan: dict[str, list[Slot]]) -> None:
        """A complete hint, so CP-SAT starts from the plan at once instead of repairing a partial one."""
        self.model.ClearHints()
        values = self.values(plan)
        for index, value in values.items():
            self.model.AddHint(self.model.GetBoolVarFromProtoIndex(index), value)

    def serve_levels(self, plan: dict[str, list[Slot]]) -> tuple[int, int, int, int, int]:
        """Phase 1's levels in a plan: unscheduled requests, their priorities, late requests, their
        priorities, late separate visits."""
        levels = [0, 0, 0, 0, 0]
        for request in self.problem.requests:
            slots = plan.get(request.code, [])
            priority = min(max(request.project.priority, 0), 50)
            if not any(s.part != "single" for s in slots):
                levels[0] += 1
                levels[1] += priority
            if any(s.late and s.part != "single" for s in slots):
                levels[2] += 1
                levels[3] += priority
            levels[4] += sum(1 for s in slots if s.late and s.part == "single")
        return tuple(levels)

    def keep_serve(self, levels: tuple[int, int, int, int, int]) -> None:
        """Phase 2 may not serve worse than ``levels`` at any of phase 1's levels. Five small
        constraints rather than one on the weighted sum: its huge coefficients starve CP-SAT's
        bound, and when phase 1 is optimal the two describe the same plans."""
        model = self.model
        priority = {r.code: min(max(r.project.priority, 0), 50) for r in self.problem.requests}
        unscheduled = [(1 - var, priority[code]) for code, var in self.scheduled.items()]
        model.Add(sum(term for term, _ in unscheduled) <= levels[0])
        model.Add(sum(term * p for term, p in unscheduled if p) <= levels[1])
        model.Add(sum(self.late.values()) <= levels[2])
        model.Add(sum(var * priority[code] for code, var in self.late.items() if priority[code]) <= levels[3])
        singles = [v for v, s in zip(self.vars, self.slots) if s.late and s.part == "single"]
        if singles:
            model.Add(sum(singles) <= levels[4])

    def serve_floor(self) -> int:
        """Phase 1's obvious optimum: only requests without any slot unscheduled, only requests
        without an on-time slot late. A plan that reaches it needs no phase-1 search."""
        floor = 0
        for request in self.problem.requests:
            code = request.code
            offered = self.choices.whole.get(code, []) + self.choices.rest.get(code, [])
            if not offered:
                floor += self.weights.unscheduled_cost(request.project.priority)
            elif all(s.late for s in offered):
                floor += self.weights.late_cost(request.project.priority)
        return floor

    def plan_of(self, value: Callable[[object], bool]) -> dict[str, list[Slot]]:
        chosen: dict[str, list[Slot]] = defaultdict(list)
        for var, slot in zip(self.vars, self.slots):
            if value(var):
                chosen[slot.project].append(slot)
        return dict(chosen)


# --- solving ---------------------------------------------------------------------------------
@dataclass
class Outcome:
    """One CP-SAT solve: the plan (None when none was found), whether it is proven optimal, the bound."""

    plan: dict[str, list[Slot]] | None
    optimal: bool
    objective: float | None = None
    bound: float | None = None


class Search:
    """Spends the time limit on one problem: phase 1, windows (large instances), phase 2."""

    def __init__(self, problem: Problem, choices: Choices, weights: Weights, *, time_limit: float,
                 progress: ProgressCallback | None, cancel: threading.Event | None, workers: int | None,
                 started: float) -> None:
        self.problem = problem
        self.choices = choices
        self.weights = weights
        self.deadline = started + time_limit
        self.started = started
        self.progress = progress
        self.cancel = cancel
        self.workers = workers or max(min(os.cpu_count() or 1, 8), 1)
        self.tardy = weights.tardy_weight(problem, choices)
        self.gap: float = 1.0

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def report(self, plan: dict[str, list[Slot]]) -> None:
        if self.progress is None:
            return
        slots = [s for slots in plan.values() for s in slots]
        self.progress(Progress(
            scheduled=sum(1 for slots in plan.values() if any(s.part != "single" for s in slots)),
            late=sum(1 for slots in plan.values() if any(s.late and s.part != "single" for s in slots)),
            trips=len({(d, s.day, s.place) for s in slots for d in s.departments}),
            gap=self.gap, seconds=time.monotonic() - self.started))

    def solve(self, built: Model, objective, limit: float, *, stop_at: int | None = None,
              whole: bool = True) -> Outcome:
        """Minimise ``objective`` over ``built`` from its hint; reports each better plan."""
        solver = built.cp.CpSolver()
        solver.parameters.max_time_in_seconds = max(limit, 0.05)
        solver.parameters.num_workers = self.workers
        solver.parameters.random_seed = 1
        if self.workers == 1:
            solver.parameters.linearization_level = 2
        elif self.workers == 2:
            # CP-SAT's own choice for two workers has no full-LP worker, and the bound (hence the
            # proof of optimality) then stalls; the full LP closes the typical instance in a second.
            solver.parameters.subsolvers.extend(["max_lp", "default_lp"])
        built.model.Minimize(objective)
        search = self

        class Callback(built.cp.CpSolverSolutionCallback):
            def on_solution_callback(self) -> None:
                value, bound = self.ObjectiveValue(), self.BestObjectiveBound()
                if whole:
                    search.gap = min(relative_gap(value, bound), 1.0)
                if search.progress is not None and whole:
                    search.report(built.plan_of(self.BooleanValue))
                if search.cancelled or (stop_at is not None and value <= stop_at):
                    self.StopSearch()

        status = solver.Solve(built.model, Callback())
        if status not in (built.cp.OPTIMAL, built.cp.FEASIBLE):
            return Outcome(None, False)
        # The objective is integral; CP-SAT reports it as a float that may carry rounding noise.
        return Outcome(built.plan_of(solver.BooleanValue), status == built.cp.OPTIMAL,
                       round(solver.ObjectiveValue()), solver.BestObjectiveBound())


# How the large-instance windows are cut: this many working days of visits re-planned at once,
# the next window starting half-way through this one; each solve gets at most WINDOW_SECONDS.
WINDOW_DAYS = 10
WINDOW_SECONDS = 2.0
FINAL_SHARE = 0.25          # of the time left after phase 1, kept for the last global solve


def _as_fixed(problem: Problem, slot: Slot) -> Occupied:
    visit = Visit(None, slot.project, slot.start_at, slot.end_at, slot.place, slot.departments, slot.items,
                  joint=slot.part == "")
    return Occupied(visit, slot.day, slot.start, slot.end)


def improve_by_windows(search: Search, plan: dict[str, list[Slot]], until: float) -> dict[str, list[Slot]]:
    """Re-plan the requests of a few consecutive working days at a time, every other visit fixed,
    keeping phase 1's level for those requests; sweeps the horizon while time remains."""
    problem = search.problem
    plan = dict(plan)
    days = sorted({s.day for slots in plan.values() for s in slots})
    if not days:
        return plan
    step = max(WINDOW_DAYS // 2, 1)
    offsets = [0, step // 2] if step > 1 else [0]
    sweep = 0
    while time.monotonic() < until and not search.cancelled:
        improved = False
        offset = offsets[sweep % len(offsets)]
        for first in range(offset, len(days), step):
            if time.monotonic() >= until or search.cancelled:
                break
            window = set(days[first:first + WINDOW_DAYS])
            free = {code for code, slots in plan.items() if any(s.day in window for s in slots)}
            free |= {r.code for r in problem.requests if r.code not in plan and r.earliest <= max(window)}
            if not free:
                continue
            improved |= _improve_window(search, plan, free, min(WINDOW_SECONDS, until - time.monotonic()))
        sweep += 1
        if not improved and sweep >= len(offsets):
            break        # a whole sweep found nothing better: the windows are at their optimum
    return plan


def _improve_window(search: Search, plan: dict[str, list[Slot]], free: set[str], limit: float) -> bool:
    problem = search.problem
    fixed = list(problem.fixed) + [_as_fixed(problem, s) for code, slots in plan.items() if code not in free
                                   for s in slots]
    sub = dataclasses.replace(problem, requests=[r for r in problem.requests if r.code in free], fixed=fixed)
    built = Model(sub, search.choices.only(free), search.weights, search.tardy)
    current = {code: plan[code] for code in free if code in plan}
    if not built.covers(current):
        return False
    shape = built.evaluate(current)[1]
    built.keep_serve(built.serve_levels(current))
    built.hint(current)
    outcome = search.solve(built, built.shape_expression(), limit, whole=False)
    if outcome.plan is None or outcome.objective is None or outcome.objective >= shape:
        return False
    for code in free:
        plan.pop(code, None)
    plan.update(outcome.plan)
    search.report(plan)
    return True


# --- the whole optimisation --------------------------------------------------------------------
@dataclass
class Optimised:
    plan: dict[str, list[Slot]]
    status: str                      # optimal | feasible | cancelled
    objective: float | None = None   # phase 2's, the one the gap is about
    bound: float | None = None
    gap: float | None = None


PHASE1_SHARE = 0.35                 # of the time limit at most, for phase 1 when the start is not at its floor


def optimise(problem: Problem, choices: Choices, starts: list[dict[str, list[Slot]]], weights: Weights, *,
             time_limit: float, progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
             workers: int | None = None, started: float | None = None) -> Optimised:
    """Phase 1 from the best starting plan, windows on large instances, then phase 2 globally."""
    started = started if started is not None else time.monotonic()
    large = choices.size() > LARGE_SLOTS
    choices = narrowed(problem, choices, *starts)
    search = Search(problem, choices, weights, time_limit=time_limit, progress=progress, cancel=cancel,
                    workers=workers, started=started)
    built = Model(problem, choices, weights, search.tardy)
    best = min(starts, key=built.evaluate)
    serve, shape = built.evaluate(best)
    search.report(best)
    serve_proven = serve <= built.serve_floor()
    if not serve_proven and not search.cancelled:
        built.hint(best)
        outcome = search.solve(built, built.serve_expression(), PHASE1_SHARE * search.remaining(),
                               stop_at=built.serve_floor())
        if outcome.plan is not None and outcome.objective is not None and outcome.objective <= serve:
            best, serve = outcome.plan, round(outcome.objective)
        serve_proven = outcome.optimal or serve <= built.serve_floor()
    if search.cancelled:
        return Optimised({}, "cancelled")
    search.gap = 1.0          # phase 2's distance to its bound is unknown until its global solve
    built.keep_serve(built.serve_levels(best))
    if large:
        best = improve_by_windows(search, best, time.monotonic() + (1 - FINAL_SHARE) * search.remaining())
    if search.cancelled:
        return Optimised({}, "cancelled")
    shape = built.evaluate(best)[1]
    built.hint(best)
    outcome = search.solve(built, built.shape_expression(), search.remaining())
    if search.cancelled:
        return Optimised({}, "cancelled")
    if outcome.plan is None or outcome.objective is None or outcome.objective > shape:
        return Optimised(best, "feasible", shape, outcome.bound,
                         relative_gap(shape, outcome.bound) if outcome.bound is not None else None)
    optimal = outcome.optimal and serve_proven
    gap = 0.0 if optimal else relative_gap(outcome.objective, outcome.bound)
    return Optimised(outcome.plan, "optimal" if optimal else "feasible", outcome.objective, outcome.bound, gap)
