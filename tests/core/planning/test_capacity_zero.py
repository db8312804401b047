"""Daily capacity 0 means the department takes no visits (e.g. temporarily without staff): both solvers
leave every request that needs it unscheduled with that reason, and no manual move gives it one."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.core.model.domain import Item
from desktop_app.core.planning.candidates import Slot, load_problem
from desktop_app.core.planning.greedy import ConflictKind, Timeline
from desktop_app.core.planning.scheduler import MoveRefusedError, apply_move, check_move, plan_schedule, run_schedule
from desktop_app.core.planning.visit_actions import move_options
from tests.core.planning.test_scheduler import MONDAY, dept, project, small_problem

NO_VISITS = "takes no visits (its daily capacity is 0)"


@pytest.mark.parametrize("solver", ["greedy", "cpsat"])
def test_a_department_with_capacity_0_gets_no_visit_and_its_requests_say_why(solver):
    departments = [dept("D1", capacity=0), dept("D2")]
    items = [Item("I1", "规划", "D1", 60), Item("I2", "消防", "D2", 60)]
    projects = [project("A", ["I1", "I2"]), project("B", ["I1"]), project("C", ["I2"])]
    result = plan_schedule(small_problem(departments, projects, items), solver=solver, time_limit=5)
    assert [v.project for v in result.visits] == ["C"]
    reasons = {u.project: list(u.reasons) for u in result.unscheduled}
    assert reasons == {"A": [f"部门D1（D1） {NO_VISITS}"], "B": [f"部门D1（D1） {NO_VISITS}"]}


def test_the_timeline_refuses_every_slot_of_a_department_with_capacity_0():
    # The defect: "at least 0 bookings" with no booking to name found no conflict, so the first
    # visit of each day got through and capacity 0 acted as 1.
    problem = small_problem([dept("D1", capacity=0)], [], [Item("I1", "规划", "D1", 60)])
    slot = Slot("A", MONDAY, 600, 660, "P1", ("D1",), ("I1",), False, 0)
    timeline = Timeline(problem)
    assert not timeline.fits(slot)
    assert [c.kind for c in timeline.conflicts(slot)] == [ConflictKind.NO_VISITS]


def _with_capacity(repo, code: str, capacity: int) -> None:
    before = repo.department(code)
    repo.replace_department(before, dataclasses.replace(before, daily_capacity=capacity))


def test_a_visit_of_a_department_set_to_capacity_0_cannot_be_moved(demo_repo, demo_today):
    run_schedule(demo_repo, demo_today, solver="greedy")
    visit = next(v for v in demo_repo.visits() if "D01" in v.departments)
    target = next(r.slot.start_at for r in move_options(demo_repo, visit, demo_today).slots)
    assert check_move(demo_repo, visit.id, target, today=demo_today).ok
    _with_capacity(demo_repo, "D01", 0)

    check = check_move(demo_repo, visit.id, target, today=demo_today)
    assert not check.ok
    assert any(NO_VISITS in reason for reason in check.reasons), check.reasons
    with pytest.raises(MoveRefusedError, match="takes no visits"):
        apply_move(demo_repo, visit.id, target, today=demo_today)
    assert demo_repo.visit(visit.id) == visit
    options = move_options(demo_repo, visit, demo_today)
    assert options.slots == [] and NO_VISITS in options.refusal


def test_rescheduling_after_capacity_0_plans_nothing_new_for_the_department(demo_repo, demo_today):
    _with_capacity(demo_repo, "D01", 0)
    problem = load_problem(demo_repo, demo_today)
    needing = {r for r, reasons in problem.rejected.items() if any(NO_VISITS in x for x in reasons)}
    assert needing                                    # the demo has requests that need D01
    for solver in ("greedy", "cpsat"):
        result = plan_schedule(load_problem(demo_repo, demo_today), solver=solver, time_limit=5)
        assert not any("D01" in v.departments for v in result.visits), solver
        assert needing <= {u.project for u in result.unscheduled}, solver
