"""The scheduler: joint visits for waiting requests, chosen by CP-SAT (DESIGN §4).

``plan_schedule`` computes a plan without touching the database and returns a
``ScheduleResult`` (what is new, moved, unchanged, unscheduled with reasons); ``apply_schedule``
writes a plan in one transaction. The GUI shows the result as a preview in between; the CLI
does both.

The model picks at most one slot per request (or, when splitting is allowed, a joint visit of
all but one department plus a separate visit of that one). Per department and day: at most
``daily_capacity`` visits, no two at once, travel time between visits at different places (the
base-to-place travel after an office period opens is already part of each slot). Locked and
already-notified visits are fixed. DESIGN §4's objective is solved lexicographically in two
phases; ``scheduler_search`` holds the model and how the time limit is spent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from dataclasses import dataclass

from desktop_app.core.planning.candidates import Problem, Slot, load_problem
from desktop_app.core.model.errors import InputError
from desktop_app.core.planning.explain import explain_request, fixed_visit_conflicts, move_reasons
from desktop_app.core.planning.greedy import Timeline, deadline_order, greedy_schedule
from desktop_app.core.model.messages import tr
from desktop_app.core.store import history
from desktop_app.core.planning.plan_metrics import ScheduleMetrics, schedule_metrics
from desktop_app.core.model.domain import RequestStatus, Visit, VisitStatus
from desktop_app.core.planning.scheduler_search import Progress, ProgressCallback, Weights, gather_choices, optimise
from desktop_app.core.calendar.workdays import request_deadline
from desktop_app.core.store.database import data_version
from desktop_app.core.store.repository import StaleEditError


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
    data_version: int | None = None          # of the database state the plan was computed from

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


def _quality(problem: Problem, chosen: dict[str, list[Slot]]) -> tuple[int, int]:
    """(unscheduled, late) — the two levels the greedy baseline must never beat."""
    unscheduled = sum(1 for r in problem.requests if not chosen.get(r.code))
    late = sum(1 for slots in chosen.values() if any(s.late for s in slots))
    return unscheduled, late


# --- the run ---------------------------------------------------------------------------------
def plan_schedule(problem: Problem, *, solver: str = "cpsat", time_limit: float = 10.0,
                  progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
                  weights: Weights | None = None, workers: int | None = None) -> ScheduleResult:
    """Choose visits for the problem's requests; the database is not touched.

    A cancelled run (``cancel`` set, e.g. from the progress callback) returns status "cancelled"
    and no visits, whatever the solver had found: a cancelled task never delivers a result.
    """
    started = time.monotonic()
    weights = weights or Weights.for_problem(problem)
    choices = gather_choices(problem)
    splits = {c: (choices.rest[c], choices.single[c]) for c in choices.rest}
    greedy = greedy_schedule(problem, choices.whole, splits)
    objective = bound = gap = None
    if not problem.requests:
        chosen, status = {}, "no_requests"
    elif solver == "greedy":
        chosen, status = greedy, "feasible"
    else:
        by_deadline = greedy_schedule(problem, choices.whole, splits, order=deadline_order)
        found = optimise(problem, choices, [greedy, by_deadline], weights, time_limit=time_limit,
                         progress=progress, cancel=cancel, workers=workers, started=started)
        chosen, status, objective, bound, gap = found.plan, found.status, found.objective, found.bound, found.gap
        if status != "cancelled" and _quality(problem, chosen) > _quality(problem, greedy):
            # Never hand back a plan that serves fewer requests or more of them late than the baseline.
            chosen, status, gap = greedy, "feasible_greedy", None
    if cancel is not None and cancel.is_set():
        chosen, status = {}, "cancelled"
    result = build_result(problem, chosen, solver, status)
    result.objective, result.bound, result.gap = objective, bound, gap
    result.seconds = time.monotonic() - started
    return result


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
    visits_after = [o.visit for o in problem.own_fixed] + [p.as_visit() for p in planned]
    visits_after += problem.other_visits
    metrics = schedule_metrics(problem.projects, visits_after, problem.items.values(), problem.calendar,
                               problem.settings)
    # Warn about an unconfirmed holiday calendar only where it matters: the days visits and deadlines use.
    used_days = [problem.first_day, *(p.start.date() for p in planned), *(r.deadline for r in problem.requests)]
    warnings = [*problem.warnings, problem.calendar.coverage_warning(used_days)]
    return ScheduleResult(problem.today, solver, status, planned, unscheduled, late_reasons, cancelled,
                          [o.visit for o in problem.own_fixed], fixed_visit_conflicts(problem),
                          [w for w in warnings if w], metrics, data_version=problem.data_version)


# --- saving ----------------------------------------------------------------------------------
class ScheduleChangedError(StaleEditError):
    """The data a plan was computed from changed before it was saved (another run, window or command)."""


def check_plan_current(db, computed_from: int | None) -> None:
    """Compare-and-set: refuse when the database's data version is not the one the plan was computed
    from. Call inside the write transaction that saves (so nothing can slip in between)."""
    if computed_from is not None and data_version(db) != computed_from:
        raise ScheduleChangedError(tr("The schedule changed while planning (another window or command wrote to "
                                      "the database); nothing was saved. Run again."))


def apply_schedule(repo, result: ScheduleResult) -> dict[str, int]:
    """Write the plan in one transaction: new visits inserted, moved ones updated (SEQUENCE rises),
    dropped ones cancelled, locked and fixed visits untouched, planned projects marked scheduled.

    Refused with ScheduleChangedError, writing nothing, when the database changed since the plan's
    problem was loaded: two runs at once must never both save (they would double-book)."""
    counts = {"new": 0, "moved": 0, "unchanged": 0, "cancelled": 0}
    entries: list[tuple[str, str, dict, int | None]] = []
    with repo.db.atomic():
        check_plan_current(repo.db, result.data_version)
        rounds = dict(repo.db.execute("SELECT code, round FROM projects").fetchall())
        for planned in result.visits:
            change = planned.change
            counts[change] += 1
            visit = dataclasses.replace(planned.as_visit(), round=rounds.get(planned.project, 0))
            if change == "new":
                visit_id = repo.insert_visit(visit)
                entries.append((planned.project, "scheduled", _visit_detail(visit), visit_id))
            elif change == "moved":
                repo.update_visit(visit)
                entries.append((planned.project, "moved", {**_visit_detail(visit), "from": _iso(
                    planned.previous.start)}, visit.id))
        for visit in result.cancelled:
            if not visit.locked:
                repo.update_visit(dataclasses.replace(visit, status=VisitStatus.CANCELLED))
                counts["cancelled"] += 1
                entries.append((visit.project, "cancelled", _visit_detail(visit), visit.id))
        history.append_many(repo.db, history.clerk_name(repo.settings()), entries)
        for code in {p.project for p in result.visits}:
            repo.set_project_status(code, RequestStatus.SCHEDULED)
        for visit in result.cancelled:
            if visit.project not in {p.project for p in result.visits}:
                repo.set_project_status(visit.project, RequestStatus.PENDING)
    return counts


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _visit_detail(visit: Visit) -> dict:
    """What the history says about a visit: when, where, who."""
    return {"start": _iso(visit.start), "end": _iso(visit.end), "place": visit.place,
            "departments": list(visit.departments), "round": visit.round}


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
    from desktop_app.core.calendar.availability import Availability

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
        # Other bureaus' visits of shared departments are in the way as much as ours (DESIGN §12).
        visits = source.visits() + [o.visit for o in problem.fixed if o.bureau]
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
    late = project is not None and day > request_deadline(project, problem.calendar,
                                                       problem.settings.deadline_working_days)
    return MoveCheck(not reasons, reasons, moved, late)


def apply_move(repo, visit_id: int, new_start: dt.datetime, *, today: dt.date | None = None,
               expected: Visit | None = None) -> MoveCheck:
    """Move the visit if ``check_move`` allows it, saved through ``Repository.update_visit`` (SEQUENCE
    rises, the previous time is kept for the changed notice); otherwise MoveRefusedError and no change.

    Compare-and-set: the check and the write happen in one write transaction, so a move, a schedule
    or another window's change cannot slip in between; ``expected`` (the visit as the caller showed
    it) refuses the move with StaleEditError when the visit itself changed since."""
    with repo.db.atomic():   # the check and the write see the same database state
        if expected is not None and repo.visit(visit_id) != expected:
            raise StaleEditError(tr("Visit {id} was changed elsewhere (another window or command) since it was "
                                    "shown; nothing was moved.", id=visit_id))
        check = check_move(repo, visit_id, new_start, today=today)
        if not check.ok:
            raise MoveRefusedError(tr("Visit {id} cannot move to {when}: {reasons}", id=visit_id,
                                      when=f"{new_start:%Y-%m-%d %H:%M}", reasons="；".join(check.reasons)))
        saved = repo.update_visit(check.visit)
        history.append(repo.db, history.clerk_name(repo.settings()), saved.project, "moved",
                       {**_visit_detail(saved), "from": _iso(saved.previous_start)}, saved.id)
    return dataclasses.replace(check, visit=saved)


def feasible_slots(problem: Problem, project: str, *, limit: int | None = None):
    """All slots a manual move of ``project``'s visit may use, best first, with tempting rejects."""
    from desktop_app.core.planning.explain import rank_alternatives

    return rank_alternatives(problem, project, limit=limit)


__all__ = [
    "MoveCheck", "MoveRefusedError", "PlannedVisit", "Progress", "ScheduleChangedError", "ScheduleResult",
    "Unscheduled", "Weights", "apply_move", "apply_schedule", "build_result", "check_move", "check_plan_current",
    "feasible_slots", "plan_schedule", "run_schedule", "summary_lines",
]
