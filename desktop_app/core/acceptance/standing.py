"""Where a request stands, derived from its results: the one rule every other part asks.

A department's standing is its latest result that was held (absent / owner not ready do not count):
passed, rectify (open findings) or failed; a department without one still needs a visit. The scheduler
plans only the items of departments that have not passed, so a re-inspection visits only the departments
with findings, and a department that did not come is visited again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop_app.core.model.domain import DepartmentResult, Item, Opinion, Project, RequestStatus, Visit, VisitStatus


@dataclass(frozen=True)
class Standing:
    """Each required department's latest held result (None: not inspected yet)."""

    required: tuple[str, ...]
    latest: Mapping[str, DepartmentResult | None]

    def departments_with(self, opinion: Opinion) -> tuple[str, ...]:
        return tuple(d for d in self.required if (r := self.latest[d]) is not None and r.opinion is opinion)

    @property
    def passed(self) -> tuple[str, ...]:
        return self.departments_with(Opinion.PASSED)

    @property
    def open(self) -> tuple[str, ...]:
        """Departments with findings still to fix."""
        return self.departments_with(Opinion.RECTIFY)

    @property
    def failed(self) -> tuple[str, ...]:
        return self.departments_with(Opinion.FAILED)

    @property
    def not_inspected(self) -> tuple[str, ...]:
        return tuple(d for d in self.required if self.latest[d] is None)

    @property
    def accepted(self) -> bool:
        return bool(self.required) and len(self.passed) == len(self.required)


def required_departments(project: Project, items: Mapping[str, Item]) -> tuple[str, ...]:
    return tuple(sorted({items[code].department for code in project.items if code in items}))


def standing(project: Project, items: Mapping[str, Item], results: Iterable[DepartmentResult]) -> Standing:
    required = required_departments(project, items)
    latest: dict[str, DepartmentResult | None] = {d: None for d in required}
    for result in sorted(results, key=lambda r: (r.round, r.id or 0)):
        if result.opinion.held and result.department in latest:
            latest[result.department] = result
    return Standing(required, latest)


def outstanding_items(project: Project, items: Mapping[str, Item], results: Iterable[DepartmentResult]) -> tuple[str, ...]:
    """The request's items whose department has not passed yet: what its next visit must inspect."""
    passed = set(standing(project, items, results).passed)
    return tuple(code for code in project.items if code not in items or items[code].department not in passed)


def project_for_planning(project: Project, items: Mapping[str, Item],
                         results: Iterable[DepartmentResult]) -> Project:
    """The request as the scheduler should see it in its current round.

    Only the outstanding items; a re-inspection is ready on the owner's report, has its own deadline, and
    goes one priority point above new requests so that, other things equal, the owner who already came
    once is served first.
    """
    results = list(results)
    if not results and project.round == 0:
        return project
    return dataclasses.replace(
        project, items=outstanding_items(project, items, results),
        ready_on=project.plan_ready_on,
        deadline=project.round_deadline if project.round > 0 else project.deadline,
        priority=project.priority + (1 if project.round > 0 else 0))


def decided_status(project: Project, standing_now: Standing, visits: Iterable[Visit],
                   results: Iterable[DepartmentResult]) -> tuple[RequestStatus, dt.date | None]:
    """The request's status once results have changed, and the day it was decided (accepted/failed)."""
    results = list(results)
    if standing_now.failed:
        return RequestStatus.FAILED, max(r.recorded_on for r in results if r.opinion is Opinion.FAILED)
    if standing_now.accepted:
        return RequestStatus.DONE, max(r.recorded_on for r in results if r.opinion is Opinion.PASSED)
    recorded = {(r.visit, r.department) for r in results}
    waiting = {d for v in visits if v.active and v.status is not VisitStatus.DONE
               for d in v.departments if (v.id, d) not in recorded}
    if waiting & (set(standing_now.not_inspected) | set(standing_now.open if project.round > 0 else ())):
        return RequestStatus.SCHEDULED, None
    if standing_now.open:
        return RequestStatus.RECTIFYING, None
    return RequestStatus.PENDING, None
