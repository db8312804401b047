"""The scheduler: joint visits for waiting requests, chosen by CP-SAT (DESIGN §4).

``plan_schedule`` computes a plan without touching the database and returns a
``ScheduleResult`` (what is new, moved, unchanged, unscheduled with reasons); ``apply_schedule``
writes a plan in one transaction. The GUI shows the result as a preview in between; the CLI
does both.

The model picks at most one slot per request (or, when splitting is allowed, a joint visit of
all but one department plus a separate visit of that one). Per department and day: at most
``daily_capacity`` visits, no two at once, travel time between visits at different places (the
base-to-place travel after an office period opens is already part of each slot). Locked and
already-notified visits are fixed. The objective is one weighted sum whose weights keep
DESIGN §4's order: see ``Weights``.
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

from desktop_app.core.candidates import (
    Problem, Request, Slot, load_problem, request_slots, same_slot,
)
from desktop_app.core.errors import InputError
from desktop_app.core.explain import (
    explain_request, fixed_visit_conflicts, move_reasons, split_option,
)
from desktop_app.core.greedy import Timeline, greedy_schedule
from desktop_app.core.messages import tr
from desktop_app.core.metrics import ScheduleMetrics, schedule_metrics
from desktop_app.core.model import HalfDay, RequestStatus, Visit, VisitStatus
from desktop_app.core.workdays import deadline_for


# --- the objective ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Weights:
    """Integer costs in DESIGN §4's order of importance.

    One unscheduled request outweighs any plausible sum of lateness, one late request any
    plausible sum of waiting days and trips; waiting and trips are weighed together by the
    bureau's settings; then moves of existing visits (published ones dearer), then half-day
    preferences. Priority only breaks ties within the first two levels.
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


# --- results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlannedVisit:
    """One visit of the plan; ``previous`` is the stored visit it keeps or moves (None = new)."""

    project: str
    start: dt.datetime
    end: dt.datetime
    place: str
    departments: tuple[str, ...]
    items: tuple[str, ...]
    late: bool
    joint: bool = True
    previous: Visit | None = None

    @property
    def change(self) -> str:
        if self.previous is None:
            return "new"
        if (self.previous.start, self.previous.end, self.previous.place) == (self.start, self.end, self.place) \
                and set(self.previous.departments) == set(self.departments):
            return "unchanged"
        return "moved"

    def as_visit(self) -> Visit:
        base = self.previous
        if base is None:
            return Visit(None, self.project, self.start, self.end, self.place, self.departments, self.items,
                         joint=self.joint)
        return dataclasses.replace(base, start=self.start, end=self.end, place=self.place,
                                   departments=self.departments, items=self.items, joint=self.joint)


@dataclass(frozen=True)
class Unscheduled:
    project: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Progress:
    """The best solution so far, for a progress display."""

    scheduled: int
    late: int
    trips: int
    gap: float          # relative distance to the proven bound (0 = optimal)
    seconds: float


@dataclass
class ScheduleResult:
    today: dt.date
    solver: str
    status: str                              # optimal | feasible | cancelled | no_requests | ...
    visits: list[PlannedVisit]               # the plan for every request it could place
    unscheduled: list[Unscheduled]
    late_reasons: dict[str, list[str]]       # why a late request could not be earlier
    cancelled: list[Visit]                   # stored visits the plan drops (their request got no slot)
    fixed: list[Visit]                       # locked or already-notified visits, untouched
    conflicts: list[str]                     # fixed visits that now clash with busy time etc.
    warnings: list[str]
    metrics: ScheduleMetrics
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0

    @property
    def new(self) -> list[PlannedVisit]:
        return [v for v in self.visits if v.change == "new"]

    @property
    def moved(self) -> list[PlannedVisit]:
        return [v for v in self.visits if v.change == "moved"]

    @property
    def unchanged(self) -> list[PlannedVisit]:
        return [v for v in self.visits if v.change == "unchanged"]

    def as_json(self) -> dict:
        """The JSON object of DESIGN §5 (plus a few extra keys a reader may ignore)."""
        return {
            "today": self.today.isoformat(), "solver": self.solver, "status": self.status,
            "visits": [{"project": v.project, "start": v.start.isoformat(), "end": v.end.isoformat(),
                        "place": v.place, "departments": list(v.departments), "items": list(v.items),
                        "late": v.late, "joint": v.joint, "change": v.change}
                       for v in sorted(self.visits, key=lambda v: (v.start, v.project))],
            "unscheduled": [{"project": u.project, "reasons": list(u.reasons)} for u in self.unscheduled],
            "late": [{"project": code, "reasons": reasons} for code, reasons in sorted(self.late_reasons.items())],
            "conflicts": self.conflicts,
            "warnings": self.warnings,
            "gap": self.gap,
            "metrics": {key: value for key, value in self.metrics.as_dict().items()},
        }


ProgressCallback = Callable[[Progress], None]


# --- the model -------------------------------------------------------------------------------
@dataclass
class _Choices:
    """The slots on offer: per request, whole-visit slots and (when splitting) the two halves."""

    whole: dict[str, list[Slot]]
    rest: dict[str, list[Slot]] = field(default_factory=dict)
    single: dict[str, list[Slot]] = field(default_factory=dict)

    def all_slots(self) -> list[Slot]:
        return [s for group in (self.whole, self.rest, self.single) for slots in group.values() for s in slots]


# Above this many slots the model keeps, per request, only its first ``LARGE_DAYS`` feasible days
# (and the days of its current visits): waiting costs push visits early anyway, and a smaller model
# lets CP-SAT improve on the greedy start within the time limit. Small instances stay exact.
LARGE_SLOTS = 30_000
LARGE_DAYS = 8


def _first_days(slots: list[Slot], request: Request, days: int, also: list[Slot]) -> list[Slot]:
    keep = set(sorted({s.day for s in slots})[:days])
    keep |= {v.start.date() for v in request.current} | {s.day for s in also}
    return [s for s in slots if s.day in keep]


def narrowed(problem: Problem, choices: _Choices, greedy: dict[str, list[Slot]]) -> _Choices:
    """The choices the model sees: all of them for small instances (exact), else each request's
    first ``LARGE_DAYS`` feasible days plus the days of its current and its greedy visit (so the
    greedy plan stays a complete hint)."""
    if sum(len(v) for v in choices.whole.values()) <= LARGE_SLOTS:
        return choices
    whole = {r.code: _first_days(choices.whole[r.code], r, LARGE_DAYS, greedy.get(r.code, []))
             for r in problem.requests}
    return _Choices(whole, choices.rest, choices.single)


def gather_choices(problem: Problem) -> _Choices:
    choices = _Choices({r.code: request_slots(problem, r) for r in problem.requests})
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


def _slot_cost(slot: Slot, request: Request, problem: Problem, weights: Weights) -> int:
    settings = problem.settings
    cost = weights.unit * settings.wait_weight * slot.wait
    cost += _move_cost(slot, request, weights)
    preferred = request.project.preferred
    if preferred is not HalfDay.ANY and slot.half_day is not preferred and slot.part != "single":
        cost += weights.preference
    if slot.part == "rest":
        cost += weights.split
    return cost


class _Model:
    """The CP-SAT model over the gathered slots."""

    def __init__(self, problem: Problem, choices: _Choices, weights: Weights) -> None:
        from ortools.sat.python import cp_model

        self.cp = cp_model
        self.problem = problem
        self.choices = choices
        self.weights = weights
        self.model = cp_model.CpModel()
        self.slots: list[Slot] = []
        self.vars: list = []
        self.scheduled: dict[str, object] = {}
        self.late: dict[str, object] = {}
        self.trip_vars: list = []
        self._build()

    def _new_slots(self, slots: list[Slot]) -> list:
        made = []
        for slot in slots:
            var = self.model.NewBoolVar("")
            self.slots.append(slot)
            self.vars.append(var)
            made.append(var)
        return made

    def _build(self) -> None:
        model, weights, problem = self.model, self.weights, self.problem
        terms: list[tuple[object, int]] = []
        constant = 0
        requests = {r.code: r for r in problem.requests}
        for code, request in requests.items():
            whole = self._new_slots(self.choices.whole[code])
            rest = self._new_slots(self.choices.rest.get(code, []))
            single = self._new_slots(self.choices.single.get(code, []))
            scheduled = model.NewBoolVar(f"scheduled_{code}")
            late = model.NewBoolVar(f"late_{code}")
            model.Add(sum(whole) + sum(rest) == scheduled)
            model.Add(sum(single) == sum(rest))
            start = len(self.slots) - len(whole) - len(rest) - len(single)
            # A split request counts as late by its joint part; a late separate visit costs half
            # (the project is mostly served on time, which is why the bureau splits).
            late_vars = [v for v, s in zip(self.vars[start:], self.slots[start:]) if s.late and s.part != "single"]
            model.Add(late == sum(late_vars))
            self.scheduled[code], self.late[code] = scheduled, late
            priority = request.project.priority
            constant += weights.unscheduled_cost(priority)
            terms.append((scheduled, -weights.unscheduled_cost(priority)))
            terms.append((late, weights.late_cost(priority)))
            for var, slot in zip(self.vars[start:], self.slots[start:]):
                cost = _slot_cost(slot, request, problem, weights)
                if slot.part == "single" and slot.late:
                    cost += weights.late_cost(priority) // 2
                if cost:
                    terms.append((var, cost))
        terms.extend(self._department_days())
        variables = [t[0] for t in terms]
        coefficients = [t[1] for t in terms]
        model.Minimize(self.cp.LinearExpr.WeightedSum(variables, coefficients) + constant)

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
            self._at_most(model, [v for v, _ in chosen], capacity - len(fixed_here))
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
                self.trip_vars.append(trip)
                for variables in per_request.values():
                    model.Add(sum(variables) <= trip)
                trip_terms.append((trip, trip_cost))
        return trip_terms

    @staticmethod
    def _at_most(model, variables: list, limit: int) -> None:
        if len(variables) > max(limit, 0):
            model.Add(sum(variables) <= max(limit, 0))

    def _no_overlap(self, chosen: list[tuple[object, Slot]], fixed_here: list[tuple[int, int, str]]) -> None:
        # Starts are on the grain, so two visits overlap exactly when one covers the other's start.
        points = sorted({s.start for _, s in chosen})
        for point in points:
            covering = [v for v, s in chosen if s.start <= point < s.end]
            blocked = sum(1 for start, end, _ in fixed_here if start <= point < end)
            self._at_most(self.model, covering, 1 - blocked)
        for start, end, _ in fixed_here:
            self._at_most(self.model, [v for v, s in chosen if s.start < end and start < s.end], 0)

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
                    self._at_most(model, starters, 0)
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
        # Fixed visits followed by travel to a chosen visit's place, and chosen visits before a fixed one.
        for start, end, place in fixed_here:
            for var, slot in chosen:
                if slot.place == place:
                    continue
                if slot.end <= start and start < slot.end + problem.travel_minutes(slot.place, place):
                    model.Add(var == 0)


class _Watcher:
    """Reports each improving solution and stops the search when asked."""

    def __init__(self, built: _Model, progress: ProgressCallback | None, cancel: threading.Event | None,
                 started: float) -> None:
        from ortools.sat.python import cp_model

        outer = self

        class Callback(cp_model.CpSolverSolutionCallback):
            def on_solution_callback(self) -> None:
                outer.solutions += 1
                if outer.progress is not None:
                    objective, bound = self.ObjectiveValue(), self.BestObjectiveBound()
                    outer.progress(Progress(
                        scheduled=sum(self.Value(v) for v in built.scheduled.values()),
                        late=sum(self.Value(v) for v in built.late.values()),
                        trips=sum(self.Value(v) for v in built.trip_vars),
                        gap=relative_gap(objective, bound), seconds=time.monotonic() - started))
                if outer.cancel is not None and outer.cancel.is_set():
                    self.StopSearch()

        self.progress = progress
        self.cancel = cancel
        self.solutions = 0
        self.callback = Callback()


def relative_gap(objective: float, bound: float) -> float:
    return abs(objective - bound) / max(abs(objective), 1.0)


@dataclass
class _Solved:
    chosen: dict[str, list[Slot]]
    status: str
    objective: float | None = None
    bound: float | None = None


def _solve_cpsat(problem: Problem, choices: _Choices, hint: dict[str, list[Slot]], time_limit: float,
                 progress: ProgressCallback | None, cancel: threading.Event | None, weights: Weights,
                 workers: int | None) -> _Solved:
    started = time.monotonic()
    built = _Model(problem, choices, weights)
    hinted = {id(s) for slots in hint.values() for s in slots}
    for var, slot in zip(built.vars, built.slots):
        built.model.AddHint(var, 1 if id(slot) in hinted else 0)
    solver = built.cp.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit - (time.monotonic() - started), 0.5)
    solver.parameters.num_workers = workers or max(min(os.cpu_count() or 1, 8), 1)
    solver.parameters.random_seed = 1
    watcher = _Watcher(built, progress, cancel, started)
    if cancel is not None and cancel.is_set():
        return _Solved({}, "cancelled")
    status = solver.Solve(built.model, watcher.callback)
    name = solver.StatusName(status).lower()
    if status not in (built.cp.OPTIMAL, built.cp.FEASIBLE):
        return _Solved({}, "cancelled" if cancel is not None and cancel.is_set() else name)
    chosen: dict[str, list[Slot]] = defaultdict(list)
    for var, slot in zip(built.vars, built.slots):
        if solver.BooleanValue(var):
            chosen[slot.project].append(slot)
    if cancel is not None and cancel.is_set() and status != built.cp.OPTIMAL:
        name = "cancelled"
    return _Solved(dict(chosen), name, solver.ObjectiveValue(), solver.BestObjectiveBound())


def _quality(problem: Problem, chosen: dict[str, list[Slot]]) -> tuple[int, int]:
    """(unscheduled, late) — the two levels the greedy baseline must never beat."""
    unscheduled = sum(1 for r in problem.requests if not chosen.get(r.code))
    late = sum(1 for slots in chosen.values() if any(s.late for s in slots))
    return unscheduled, late


# --- the run ---------------------------------------------------------------------------------
def plan_schedule(problem: Problem, *, solver: str = "cpsat", time_limit: float = 10.0,
                  progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
                  weights: Weights | None = None, workers: int | None = None) -> ScheduleResult:
    """Choose visits for the problem's requests; the database is not touched."""
    started = time.monotonic()
    weights = weights or Weights.for_problem(problem)
    choices = gather_choices(problem)
    greedy = greedy_schedule(problem, choices.whole, {c: (choices.rest[c], choices.single[c]) for c in choices.rest})
    objective = bound = None
    if not problem.requests:
        chosen, status = {}, "no_requests"
    elif solver == "greedy":
        chosen, status = greedy, "feasible"
    else:
        choices = narrowed(problem, choices, greedy)
        hint = _stable_hint(problem, choices, greedy)
        solved = _solve_cpsat(problem, choices, hint, time_limit, progress, cancel, weights, workers)
        chosen, status, objective, bound = solved.chosen, solved.status, solved.objective, solved.bound
        if status == "cancelled":
            chosen = {}
        elif status not in ("optimal", "feasible") or _quality(problem, chosen) > _quality(problem, greedy):
            # The time limit ran out before CP-SAT matched the baseline: never hand back worse.
            chosen, status = greedy, "feasible_greedy"
    result = build_result(problem, chosen, solver, status)
    result.objective, result.bound = objective, bound
    result.gap = relative_gap(objective, bound) if objective is not None and bound is not None else None
    if status == "optimal":
        result.gap = 0.0
    result.seconds = time.monotonic() - started
    return result


def _stable_hint(problem: Problem, choices: _Choices, greedy: dict[str, list[Slot]]) -> dict[str, list[Slot]]:
    """The current schedule where it still stands, the greedy plan for the rest."""
    hint: dict[str, list[Slot]] = {}
    for request in problem.requests:
        current = []
        for visit in request.current:
            pool = choices.whole[request.code] if visit.joint else \
                choices.rest.get(request.code, []) + choices.single.get(request.code, [])
            match = next((s for s in pool if same_slot(s, visit)), None)
            if match is not None:
                current.append(match)
        if current and len(current) == len(request.current):
            hint[request.code] = current
        elif request.code in greedy:
            hint[request.code] = greedy[request.code]
    return hint


def build_result(problem: Problem, chosen: dict[str, list[Slot]], solver: str, status: str) -> ScheduleResult:
    """Turn chosen slots into planned visits, explanations and metrics."""
    timeline = Timeline(problem)
    for slots in chosen.values():
        for slot in slots:
            timeline.add(slot)
    planned: list[PlannedVisit] = []
    unscheduled: list[Unscheduled] = []
    late_reasons: dict[str, list[str]] = {}
    cancelled: list[Visit] = []
    for request in problem.requests:
        slots = chosen.get(request.code, [])
        if not slots:
            if status == "cancelled":
                continue
            unscheduled.append(Unscheduled(request.code, tuple(explain_request(problem, request, timeline, None))))
            cancelled.extend(request.current)
            continue
        remaining = list(request.current)
        for slot in sorted(slots, key=lambda s: s.part):
            previous = next((v for v in remaining if set(v.departments) == set(slot.departments)), None)
            if previous is None and len(slots) == 1 and len(remaining) == 1:
                previous = remaining[0]
            if previous is not None:
                remaining.remove(previous)
            planned.append(PlannedVisit(request.code, slot.start_at, slot.end_at, slot.place, slot.departments,
                                        slot.items, slot.late, joint=slot.part == "", previous=previous))
        cancelled.extend(remaining)
        if any(s.late for s in slots):
            late_reasons[request.code] = explain_request(problem, request, timeline, slots)
    for code, reasons in problem.rejected.items():
        unscheduled.append(Unscheduled(code, tuple(reasons)))
    visits_after = [o.visit for o in problem.fixed] + [p.as_visit() for p in planned]
    visits_after += problem.other_visits
    metrics = schedule_metrics(problem.projects, visits_after, problem.items.values(), problem.calendar,
                               problem.settings)
    # Warn about an unconfirmed holiday calendar only where it matters: the days visits and deadlines use.
    used_days = [problem.first_day, *(p.start.date() for p in planned), *(r.deadline for r in problem.requests)]
    warnings = [*problem.warnings, problem.calendar.coverage_warning(used_days)]
    return ScheduleResult(problem.today, solver, status, planned, unscheduled, late_reasons, cancelled,
                          [o.visit for o in problem.fixed], fixed_visit_conflicts(problem), [w for w in warnings if w],
                          metrics)


# --- saving ----------------------------------------------------------------------------------
def apply_schedule(repo, result: ScheduleResult) -> dict[str, int]:
    """Write the plan in one transaction: new visits inserted, moved ones updated (SEQUENCE rises),
    dropped ones cancelled, locked and fixed visits untouched, planned projects marked scheduled."""
    counts = {"new": 0, "moved": 0, "unchanged": 0, "cancelled": 0}
    with repo.db.atomic():
        for planned in result.visits:
            change = planned.change
            counts[change] += 1
            if change == "new":
                repo.insert_visit(planned.as_visit())
            elif change == "moved":
                repo.update_visit(planned.as_visit())
        for visit in result.cancelled:
            if not visit.locked:
                repo.update_visit(dataclasses.replace(visit, status=VisitStatus.CANCELLED))
                counts["cancelled"] += 1
        for code in {p.project for p in result.visits}:
            repo.set_project_status(code, RequestStatus.SCHEDULED)
        for visit in result.cancelled:
            if visit.project not in {p.project for p in result.visits}:
                repo.set_project_status(visit.project, RequestStatus.PENDING)
    return counts


def run_schedule(repo, today: dt.date, *, solver: str = "cpsat", time_limit: float = 10.0, dry_run: bool = False,
                 progress: ProgressCallback | None = None, cancel: threading.Event | None = None) -> ScheduleResult:
    """Load, plan and (unless ``dry_run``) save: what `joint-acceptance schedule` does."""
    problem = load_problem(repo, today)
    result = plan_schedule(problem, solver=solver, time_limit=time_limit, progress=progress, cancel=cancel)
    if not dry_run and result.status != "cancelled":
        apply_schedule(repo, result)
    return result


def summary_lines(result: ScheduleResult) -> list[str]:
    """The human summary the CLI prints."""
    m = result.metrics
    lines = [
        tr("Scheduled with {solver} ({status}): {new} new, {moved} moved, {unchanged} unchanged, "
           "{unscheduled} unscheduled, {late} late.",
           solver=result.solver, status=result.status, new=len(result.new), moved=len(result.moved),
           unchanged=len(result.unchanged), unscheduled=len(result.unscheduled), late=len(result.late_reasons)),
        tr("Joint rate {joint:.0%}; trips {joint_trips} instead of {separate} ({saved:.1f}% fewer); "
           "department trips {department_trips}; mean wait {wait:.1f} working days; late {late}.",
           joint=m.joint_rate, joint_trips=m.trips_joint, separate=m.trips_separate, saved=m.trips_saved_pct,
           department_trips=m.department_trips, wait=m.mean_wait_working_days, late=m.late),
    ]
    if result.gap is not None and result.status != "optimal":
        lines.append(tr("Best solution within the time limit; it is at most {gap:.2%} from the optimum.",
                        gap=result.gap))
    for visit in sorted(result.visits, key=lambda v: (v.start, v.project)):
        if visit.change == "unchanged":
            continue
        word = tr("new") if visit.change == "new" else tr("moved")
        flag = tr(" (late)") if visit.late else ""
        lines.append(f"  {word} {visit.project} {visit.start:%Y-%m-%d %H:%M}-{visit.end:%H:%M} {visit.place} "
                     f"{'、'.join(visit.departments)}{flag}")
    for item in result.unscheduled:
        lines.append(tr("  not scheduled: {project}", project=item.project))
        lines.extend(f"    - {reason}" for reason in item.reasons)
    for code, reasons in sorted(result.late_reasons.items()):
        lines.append(tr("  late: {project}", project=code))
        lines.extend(f"    - {reason}" for reason in reasons)
    lines.extend(result.conflicts)
    lines.extend(result.warnings)
    return lines


# --- one manual move (the GUI's drag & drop, `joint-acceptance move`) --------------------------------
class MoveRefusedError(InputError):
    """A manual move would break a hard rule; nothing was changed."""


@dataclass(frozen=True)
class MoveCheck:
    """Whether a visit may start at a given time; ``reasons`` names every hard rule the time breaks."""

    ok: bool
    reasons: list[str]
    visit: Visit | None = None      # the visit as it would be (or, after apply_move, as it was saved)
    late: bool = False              # allowed, but after the request's deadline


def _visit_in(problem: Problem, visit_id: int) -> Visit | None:
    for visit in _all_visits(problem):
        if visit.id == visit_id:
            return visit
    return None


def _all_visits(problem: Problem) -> list[Visit]:
    return [o.visit for o in problem.fixed] + [v for r in problem.requests for v in r.current] \
        + list(problem.other_visits)


def _visit_refusal(problem: Problem, visit: Visit | None, visit_id: int) -> str | None:
    if visit is None or visit.status is VisitStatus.CANCELLED:
        return tr("There is no visit {id} to move (it was deleted or cancelled).", id=visit_id)
    if visit.status is VisitStatus.DONE:
        return tr("The visit of {project} has already taken place.", project=visit.project)
    if visit.locked:
        return tr("The visit of {project} is locked; unlock it first if it really has to move.",
                  project=visit.project)
    if visit.start.astimezone(problem.availability.zone).date() < problem.first_day:
        return tr("The visit of {project} is before {day}, the first day departments can still be given notice "
                  "for; it stays where it is.", project=visit.project, day=problem.first_day)
    return None


def _with_availability_for(repo, problem: Problem, day: dt.date) -> Problem:
    """Busy time is loaded for the scheduler's window; a move beyond it needs that day's too."""
    availability = problem.availability
    if availability.first <= day <= availability.last:
        return problem
    from desktop_app.core.availability import Availability

    wider = Availability.from_repository(repo, min(availability.first, day), max(availability.last, day))
    return dataclasses.replace(problem, availability=wider)


def check_move(source, visit_id: int, new_start: dt.datetime, *, today: dt.date | None = None) -> MoveCheck:
    """May visit ``visit_id`` start at ``new_start`` (same place, departments and length)?

    ``source`` is a Repository (everything is read fresh; ``today`` defaults to the real date) or a
    Problem already loaded with ``load_problem``. Office hours, holidays, blocked days, busy events,
    notice, travel, capacity and overlaps with every other active visit are hard rules; a start after
    the deadline is allowed and flagged ``late``.
    """
    if isinstance(source, Problem):
        problem, visits = source, _all_visits(source)
    else:
        problem = load_problem(source, today or dt.date.today())
        visits = source.visits()
    zone = problem.availability.zone
    if new_start.tzinfo is None:
        new_start = new_start.replace(tzinfo=zone)   # a wall-clock time in the bureau's zone
    visit = next((v for v in visits if v.id == visit_id), None) or _visit_in(problem, visit_id)
    refusal = _visit_refusal(problem, visit, visit_id)
    if refusal is not None:
        return MoveCheck(False, [refusal], visit)
    day = new_start.astimezone(zone).date()
    if not isinstance(source, Problem):
        problem = _with_availability_for(source, problem, day)
    elif not problem.availability.first <= day <= problem.availability.last:
        return MoveCheck(False, [tr("{day} is outside the loaded planning window {first} – {last}.", day=day,
                                    first=problem.availability.first, last=problem.availability.last)], visit)
    reasons = move_reasons(problem, visit, new_start, visits)
    moved = dataclasses.replace(visit, start=new_start.astimezone(zone),
                                end=new_start.astimezone(zone) + (visit.end - visit.start))
    project = next((p for p in problem.projects if p.code == visit.project), None)
    late = project is not None and day > deadline_for(project.applied_on, project.deadline, problem.calendar,
                                                       problem.settings.deadline_working_days)
    return MoveCheck(not reasons, reasons, moved, late)


def apply_move(repo, visit_id: int, new_start: dt.datetime, *, today: dt.date | None = None) -> MoveCheck:
    """Move the visit if ``check_move`` allows it, saved through ``Repository.update_visit`` (SEQUENCE
    rises, the previous time is kept for the changed notice); otherwise MoveRefusedError and no change."""
    with repo.db.atomic():   # the check and the write see the same database state
        check = check_move(repo, visit_id, new_start, today=today)
        if not check.ok:
            raise MoveRefusedError(tr("Visit {id} cannot move to {when}: {reasons}", id=visit_id,
                                      when=f"{new_start:%Y-%m-%d %H:%M}", reasons="；".join(check.reasons)))
        saved = repo.update_visit(check.visit)
    return dataclasses.replace(check, visit=saved)


def feasible_slots(problem: Problem, project: str, *, limit: int | None = None):
    """All slots a manual move of ``project``'s visit may use, best first, with tempting rejects."""
    from desktop_app.core.explain import rank_alternatives

    return rank_alternatives(problem, project, limit=limit)


__all__ = [
    "MoveCheck", "MoveRefusedError", "PlannedVisit", "Progress", "ScheduleResult", "Unscheduled", "Weights",
    "apply_move", "apply_schedule", "build_result", "check_move", "feasible_slots", "plan_schedule", "run_schedule",
    "summary_lines",
]
