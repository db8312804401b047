"""The lifecycle's figures (DESIGN §11): what happened after the visits, per month and over any span of months.

Definitions (the same in `stats --json`, the dashboard and the monthly report):
- a visit is *held* when at least one department's result at it was held (passed, 需整改 or 不通过; a department
  absent or an owner not ready do not count); its day is the visit's day (results are recorded on it);
- **requests received**: requests applied for in the period (by ``applied_on``);
- **accepted** / **failed**: requests now accepted (已通过) / failed (未通过) whose ``decided_on`` is in the period;
  **decided** = accepted + failed;
- **one-pass rate** (一次性通过率): requests accepted with no 需整改 or 不通过 result in their first round
  (round 0: a department that was absent and came later still counts as one pass), over decided requests;
- **rectification rate** (整改率): held visits at which at least one department asked for rectification, over
  held visits (the domain's "a quarter to a half of visits find something to fix"); per department: its 需整改
  results over its held results; per item: the findings naming it;
- **re-inspections held** (复验): held visits of round > 0;
- **mean working days to the opinion**: from ``applied_on`` to ``decided_on`` of the accepted requests, in
  working days of the bureau's calendar (``WorkingCalendar.working_days_between``: days in (applied, decided]);
- **trips saved** (少跑次数): held department inspections minus held visits — without joint acceptance every
  department that inspected would have been a visit of its own;
- **results overdue**: visits not cancelled that ended before ``now`` and lack the result of some department,
  of requests that can still take results (not accepted, failed or withdrawn).

Every count is additive over months, so a span's figures are the sum of its months' and rates are computed from
the sums, never averaged; a rate with nothing to divide by is 0.0 (as in the plan's metrics), its counts beside
it. Read with a few grouped queries over the indexed tables (results, findings, projects).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop_app.core.acceptance.tracking import due_visit_ids
from desktop_app.core.calendar.workdays import WorkingCalendar
from desktop_app.core.model.domain import Opinion, Project, RequestStatus
from desktop_app.core.store.repository import Repository

_HELD = tuple(str(o) for o in Opinion if o.held)
_HELD_SQL = ", ".join(f"'{o}'" for o in _HELD)


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _rate(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0


@dataclass
class DepartmentCounts:
    """One department's results in a period."""

    inspections: int = 0      # held results: it inspected the project at a visit
    passed: int = 0
    rectify: int = 0
    failed: int = 0
    not_held: int = 0         # absent, or the owner was not ready
    findings: int = 0

    @property
    def results(self) -> int:
        return self.inspections + self.not_held

    @property
    def rectification_rate(self) -> float:
        return _rate(self.rectify, self.inspections)

    def add(self, other: DepartmentCounts) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass
class PeriodFigures:
    """The additive counts of one month or span of months; the rates are derived from them."""

    requests_received: int = 0
    visits_held: int = 0
    visits_with_findings: int = 0
    reinspections_held: int = 0
    inspections: int = 0              # held department results
    accepted: int = 0
    failed: int = 0
    accepted_first_round: int = 0
    working_days_to_opinion: int = 0  # summed over the accepted requests
    findings: int = 0
    departments: dict[str, DepartmentCounts] = field(default_factory=lambda: defaultdict(DepartmentCounts))

    @property
    def decided(self) -> int:
        return self.accepted + self.failed

    @property
    def one_pass_rate(self) -> float:
        return _rate(self.accepted_first_round, self.decided)

    @property
    def rectification_rate(self) -> float:
        return _rate(self.visits_with_findings, self.visits_held)

    @property
    def mean_working_days_to_opinion(self) -> float:
        return _rate(self.working_days_to_opinion, self.accepted) if self.accepted else 0.0

    @property
    def trips_saved(self) -> int:
        return self.inspections - self.visits_held

    def add(self, other: PeriodFigures) -> None:
        for f in dataclasses.fields(self):
            if f.name == "departments":
                for code, counts in other.departments.items():
                    self.departments[code].add(counts)
            else:
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict:
        """The figures without the per-department breakdown, for JSON."""
        return {
            "requests_received": self.requests_received, "visits_held": self.visits_held,
            "visits_with_findings": self.visits_with_findings, "rectification_rate": self.rectification_rate,
            "reinspections_held": self.reinspections_held, "inspections": self.inspections,
            "trips_saved": self.trips_saved, "accepted": self.accepted, "failed": self.failed,
            "decided": self.decided, "accepted_first_round": self.accepted_first_round,
            "one_pass_rate": self.one_pass_rate,
            "mean_working_days_to_opinion": self.mean_working_days_to_opinion, "findings": self.findings,
        }


@dataclass(frozen=True)
class ItemFindings:
    item: str | None          # None: findings that name no item
    findings: int
    requests: int             # distinct requests with such a finding


class LifecycleHistory:
    """Every month's figures, read once; ``span`` adds months up."""

    def __init__(self, months: dict[str, PeriodFigures]) -> None:
        self.months = months

    def month(self, key: str) -> PeriodFigures:
        return self.span([key])

    def span(self, keys: Iterable[str] | None = None) -> PeriodFigures:
        """The sum of the given months (None: all of them)."""
        total = PeriodFigures()
        for key in (self.months if keys is None else keys):
            if key in self.months:
                total.add(self.months[key])
        return total


def load_history(repo: Repository, calendar: WorkingCalendar, projects: Iterable[Project] | None = None,
                 ) -> LifecycleHistory:
    """Read every month's counts; ``projects``, when the caller has them, are not read again."""
    db = repo.db
    months: dict[str, PeriodFigures] = defaultdict(PeriodFigures)
    first_round_problems = {row[0] for row in db.execute(
        "SELECT DISTINCT project FROM results WHERE round = 0 AND opinion IN ('rectify', 'failed')")}
    if projects is None:
        rows = db.execute("SELECT code, applied_on, status, decided_on FROM projects").fetchall()
    else:
        rows = [(p.code, p.applied_on.isoformat(), str(p.status), p.decided_on and p.decided_on.isoformat())
                for p in projects]
    for code, applied_on, status, decided_on in rows:
        months[applied_on[:7]].requests_received += 1
        if decided_on and status == RequestStatus.FAILED:
            months[decided_on[:7]].failed += 1
        elif decided_on and status == RequestStatus.DONE:
            month = months[decided_on[:7]]
            month.accepted += 1
            month.accepted_first_round += code not in first_round_problems
            month.working_days_to_opinion += calendar.working_days_between(
                dt.date.fromisoformat(applied_on), dt.date.fromisoformat(decided_on))
    # One row per held visit: its month, its round, whether some department asked for rectification, and how
    # many departments inspected at it.
    for month, visits, reinspections, with_findings, inspections in db.execute(
            f"SELECT month, count(*), sum(round > 0), sum(rectify), sum(held) FROM ("
            f"  SELECT substr(min(recorded_on), 1, 7) AS month, max(round) AS round,"
            f"         max(opinion = 'rectify') AS rectify, count(*) AS held"
            f"  FROM results WHERE opinion IN ({_HELD_SQL}) GROUP BY visit"
            f") GROUP BY month"):
        figures = months[month]
        figures.visits_held, figures.reinspections_held = visits, reinspections
        figures.visits_with_findings, figures.inspections = with_findings, inspections
    for month, department, opinion, count in db.execute(
            "SELECT substr(recorded_on, 1, 7), department, opinion, count(*) FROM results GROUP BY 1, 2, 3"):
        counts = months[month].departments[department]
        match Opinion(opinion):
            case Opinion.PASSED:
                counts.passed += count
            case Opinion.RECTIFY:
                counts.rectify += count
            case Opinion.FAILED:
                counts.failed += count
            case _:
                counts.not_held += count
        if Opinion(opinion).held:
            counts.inspections += count
    for month, department, count in db.execute(
            "SELECT substr(r.recorded_on, 1, 7), r.department, count(*) FROM findings f "
            "JOIN results r ON r.id = f.result GROUP BY 1, 2"):
        months[month].departments[department].findings += count
        months[month].findings += count
    return LifecycleHistory(dict(months))


def item_findings(repo: Repository, first: dt.date | None = None, last: dt.date | None = None) -> list[ItemFindings]:
    """Findings per item in [first, last] (by the visit's day), the most first; which items fail most."""
    clauses, params = [], []
    if first is not None:
        clauses.append("r.recorded_on >= ?")
        params.append(first.isoformat())
    if last is not None:
        clauses.append("r.recorded_on <= ?")
        params.append(last.isoformat())
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = repo.db.execute(
        f"SELECT f.item, count(*), count(DISTINCT r.project) FROM findings f JOIN results r ON r.id = f.result "
        f"{where} GROUP BY f.item", params).fetchall()
    found = [ItemFindings(item, count, requests) for item, count, requests in rows]
    return sorted(found, key=lambda f: (-f.findings, -f.requests, f.item is None, f.item or ""))


def results_overdue(repo: Repository, now: dt.datetime) -> list[int]:
    """Visits that have ended without the result of every department (see the module's docstring): the
    clerk's results due (core.acceptance.tracking), one rule for the dashboard, `stats` and the calendar."""
    return due_visit_ids(repo, now)
