"""A request taken through the lifecycle on the demo data, for the printed documents after the visit.

XM2026-005 is visited by five departments; the fire department (D02) finds two problems on the fire
item, the environment department (D14) one, the others pass; the owner reports the fixes, the
re-inspection with only D02 and D14 passes, and the request is accepted.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from desktop_app.core.acceptance.rectification import report_rectified
from desktop_app.core.acceptance.results import record_results
from desktop_app.core.model.domain import DepartmentResult, Finding, Opinion, Visit, VisitStatus
from desktop_app.core.planning.scheduler import run_schedule
from desktop_app.core.store.repository import Repository

CLERK = "王玥"
PROJECT = "XM2026-005"
FINDINGS = {
    "D02": (Finding("消防车道被临时建筑占用，宽度不足4米", "I02"),
            Finding("地下车库喷淋系统末端试水压力不足", "I02", "/srv/photos/xm005-sprinkler.jpg")),
    "D14": (Finding("危废暂存间未设置防渗漏措施", "I13"),),
}


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The command as a user runs it, in a fresh process choosing its own headless platform."""
    env = {**{k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}, **(env or {})}
    return subprocess.run([sys.executable, "-m", "desktop_app", "--lang", "zh_CN", *args], check=False,
                          capture_output=True, text=True, env=env, timeout=180)


def active_visits(repo: Repository, code: str = PROJECT) -> list[Visit]:
    return [v for v in repo.visits(project=code) if v.active]


def after(visit: Visit, minutes: int = 120) -> dt.datetime:
    return visit.start + dt.timedelta(minutes=minutes)


def all_passed(repo: Repository, visit: Visit) -> None:
    record_results(repo, visit.id, [DepartmentResult(d, Opinion.PASSED) for d in visit.departments],
                   now=after(visit), clerk=CLERK)


def rectifying(repo: Repository, today: dt.date, code: str = PROJECT) -> Visit:
    """Schedule the demo, then record the first visit of ``code`` with FINDINGS; returns that visit."""
    run_schedule(repo, today, solver="greedy")
    visit = active_visits(repo, code)[0]
    assert set(FINDINGS) <= set(visit.departments), visit.departments
    record_results(repo, visit.id, [DepartmentResult(d, Opinion.RECTIFY, FINDINGS[d]) if d in FINDINGS
                                    else DepartmentResult(d, Opinion.PASSED) for d in visit.departments],
                   now=after(visit), clerk=CLERK)
    return visit


def accepted_after_reinspection(repo: Repository, today: dt.date) -> tuple[Visit, Visit]:
    """The whole flow: findings, report, re-inspection of only D02 and D14, all passed."""
    first = rectifying(repo, today)
    reported = first.start.date() + dt.timedelta(days=3)
    report_rectified(repo, PROJECT, reported, today=reported, clerk=CLERK)
    run_schedule(repo, reported, solver="greedy")
    again = next(v for v in active_visits(repo) if v.status is not VisitStatus.DONE)
    assert set(again.departments) == set(FINDINGS)
    all_passed(repo, again)
    return first, again
