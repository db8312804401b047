"""A seeded year of acceptance history for the lifecycle benchmarks (issue 14's speed targets).

5,000 requests applied for over 2026 with about 10,000 visits and 40,000 department results: first visits
by 4–9 departments, a department sometimes absent (visited again alone), findings (需整改) re-inspected in
rounds by only the departments concerned, now and then a failure (不通过); the last weeks still scheduled or
waiting, a few past visits without results (results overdue). Places, departments and items come from
``generate.py`` through the real import; the history is written with bulk SQL through the repository's row
helpers (``project_row``, ``visit_row``), as the core would have stored it:

    python tests/benchmarks/lifecycle_history.py OUT.sqlite
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.core.calendar.workdays import WorkingCalendar  # noqa: E402
from desktop_app.core.dataset.dataset_import import import_dataset  # noqa: E402
from desktop_app.core.model.domain import Project, RequestStatus, Visit, VisitStatus  # noqa: E402
from desktop_app.core.store.database import open_database  # noqa: E402
from desktop_app.core.store.repository import project_row, visit_row  # noqa: E402
from tests.benchmarks.generate import generate  # noqa: E402

ZONE = dt.timezone(dt.timedelta(hours=8))
FIRST_DAY, TODAY = dt.date(2026, 1, 5), dt.date(2026, 12, 31)
FINDING_TEXTS = ("消防通道被占用", "喷淋末端试水压力不足", "疏散指示标志缺失", "人防门密闭性不合格", "竣工图与现场不符",
                 "外墙保温检测报告缺失", "防雷接地电阻超标", "绿地面积不足", "档案资料不齐全")


@dataclass
class _History:
    visits: list[tuple] = field(default_factory=list)
    visit_departments: list[tuple] = field(default_factory=list)
    visit_items: list[tuple] = field(default_factory=list)
    results: list[tuple] = field(default_factory=list)
    findings: list[tuple] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    project_items: list[tuple] = field(default_factory=list)


def _visit(history: _History, project: str, day: dt.date, place: str, departments: list[str],
           items: list[str], round_: int, status: VisitStatus) -> int:
    visit_id = len(history.visits) + 1
    start = dt.datetime.combine(day, dt.time(9), ZONE)
    row = visit_row(Visit(visit_id, project, start, start + dt.timedelta(hours=2), place, tuple(departments),
                          tuple(items), status=status, round=round_))
    history.visits.append(tuple(row.values()))
    history.visit_departments += [(visit_id, d) for d in departments]
    history.visit_items += [(visit_id, i) for i in items]
    return visit_id


def _result(history: _History, visit: int, project: str, department: str, round_: int, opinion: str, day: dt.date,
            finding_items: list[str] = (), reason: str = "") -> None:
    result_id = len(history.results) + 1
    history.results.append((result_id, visit, project, department, round_, opinion, reason, day.isoformat(),
                            f"{day.isoformat()}T17:00:00+08:00", "bench"))
    for index, item in enumerate(finding_items):
        history.findings.append((result_id, item, FINDING_TEXTS[(result_id + index) % len(FINDING_TEXTS)], ""))


def _write(db, history: _History) -> None:
    visit_columns = list(visit_row(Visit(1, "x", dt.datetime.now(ZONE), dt.datetime.now(ZONE), "x", (), ())))
    with db.atomic():
        db.execute("DELETE FROM project_items")
        db.execute("DELETE FROM projects")
        db["projects"].insert_all(history.projects)
        db.conn.executemany("INSERT INTO project_items (project, item) VALUES (?, ?)", history.project_items)
        db.conn.executemany(f"INSERT INTO visits ({', '.join(visit_columns)}) "
                            f"VALUES ({', '.join('?' for _ in visit_columns)})", history.visits)
        db.conn.executemany("INSERT INTO visit_departments (visit, department) VALUES (?, ?)",
                            history.visit_departments)
        db.conn.executemany("INSERT INTO visit_items (visit, item) VALUES (?, ?)", history.visit_items)
        db.conn.executemany("INSERT INTO results (id, visit, project, department, round, opinion, reason, recorded_on, "
                            "recorded_at, clerk) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", history.results)
        db.conn.executemany("INSERT INTO findings (result, item, text, attachment) VALUES (?, ?, ?, ?)",
                            history.findings)


def build(path: Path, *, requests: int = 5000, seed: int = 14) -> dict:
    """Write the database at ``path``; returns its counts."""
    rng = random.Random(seed)
    calendar = WorkingCalendar()
    with tempfile.TemporaryDirectory() as folder:
        dataset = generate(Path(folder) / "dataset", projects=1, departments=60, items=100)
        db = open_database(path)
        import_dataset(dataset, db)
    department_of = {row[0]: row[1] for row in db.execute("SELECT code, department FROM items")}
    places = [row[0] for row in db.execute("SELECT code FROM places")]
    item_codes = sorted(department_of)
    days = calendar.working_days(FIRST_DAY, dt.date(2026, 12, 24))
    history = _History()
    for number in range(requests):
        code = f"XM-{number + 1:05d}"
        applied = days[number * len(days) // requests]
        items = sorted(set(rng.sample(item_codes[:8], rng.randint(4, 7)) + rng.sample(item_codes[8:], rng.randint(0, 3))))
        place = rng.choice(places)
        project = Project(code, f"标准化厂房工程{number + 1}号", f"建设单位{number % 400}", place, tuple(items),
                          applied, applied)
        status, round_, decided = RequestStatus.PENDING, 0, None
        day = calendar.add_working_days(applied, rng.randint(2, 6))
        outstanding = sorted({department_of[i] for i in items})
        while True:
            departments = outstanding
            visit_items = [i for i in items if department_of[i] in departments]
            if day > TODAY:     # the next visit is after today: planned (or not yet, for some)
                if rng.random() < 0.7:
                    _visit(history, code, day, place, departments, visit_items, round_, VisitStatus.PUBLISHED)
                    status = RequestStatus.SCHEDULED
                break
            if rng.random() < 0.02:    # held, but its results are not recorded yet: overdue
                _visit(history, code, day, place, departments, visit_items, round_, VisitStatus.PUBLISHED)
                status = RequestStatus.SCHEDULED
                break
            visit = _visit(history, code, day, place, departments, visit_items, round_, VisitStatus.DONE)
            rectify, failed, absent = [], [], []
            for department in departments:
                draw = rng.random()
                own = [i for i in visit_items if department_of[i] == department]
                if draw < 0.004:
                    failed.append(department)
                    _result(history, visit, code, department, round_, "failed", day, reason="擅自改变使用功能")
                elif draw < 0.02:
                    absent.append(department)
                    _result(history, visit, code, department, round_, "absent", day, reason="临时公务")
                elif draw < 0.2:
                    rectify.append(department)
                    _result(history, visit, code, department, round_, "rectify", day,
                            rng.sample(own, min(len(own), rng.randint(1, 2))) + own[:rng.randint(0, 1)])
                else:
                    _result(history, visit, code, department, round_, "passed", day)
            if failed:
                status, decided = RequestStatus.FAILED, day
                break
            if rectify:
                reported = day + dt.timedelta(days=rng.randint(3, 14))
                if reported > TODAY:
                    status = RequestStatus.RECTIFYING
                    break
                round_ += 1
                outstanding = sorted(set(rectify) | set(absent))
                day = calendar.add_working_days(reported, rng.randint(1, 5))
                continue
            if absent:        # visited again in the same round by the absent departments alone
                outstanding = absent
                day = calendar.add_working_days(day, rng.randint(2, 5))
                continue
            status, decided = RequestStatus.DONE, day
            break
        row = project_row(dataclasses.replace(project, status=status, round=round_, decided_on=decided))
        history.projects.append(row)
        history.project_items += [(code, i) for i in items]
    _write(db, history)
    counts = {table: db[table].count for table in ("projects", "visits", "results", "findings")}
    db.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--requests", type=int, default=5000)
    args = parser.parse_args()
    print(build(args.out, requests=args.requests))


if __name__ == "__main__":
    main()
