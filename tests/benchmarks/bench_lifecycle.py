"""Lifecycle speed (issue 14): recording results, `stats` with the lifecycle's figures, the monthly report.

Run: python tests/benchmarks/bench_lifecycle.py
On a year of history (``lifecycle_history.py``: 5,000 requests, ~10,000 visits, ~40,000 results):
targets: recording the results of a visit of 8 departments <= 100 ms in the core; `stats` <= 1 s in process
and as a whole command; the monthly report for the year <= 3 s. Whole commands are timed by wall clock (best
of several runs) and by the CPU time they used, which does not depend on what else the machine is doing (in-process
measures print both too).
"""

from __future__ import annotations

import datetime as dt
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.core.acceptance.results import record_results  # noqa: E402
from desktop_app.core.model.domain import (  # noqa: E402
    DepartmentResult, Finding, Opinion, Project, RequestStatus, Visit, VisitStatus,
)
from desktop_app.core.reports.metrics import database_stats  # noqa: E402
from desktop_app.core.reports.monthly_report import monthly_report, write_monthly_report  # noqa: E402
from desktop_app.core.store.database import open_database  # noqa: E402
from desktop_app.core.store.repository import Repository  # noqa: E402
from tests.benchmarks.lifecycle_history import TODAY, ZONE, build  # noqa: E402

RECORDINGS = 30


def _command(args: list[str], runs: int = 3) -> tuple[float, float]:
    """Best wall-clock seconds and the CPU seconds of that run."""
    best = (float("inf"), 0.0)
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, check=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        best = min(best, (wall, cpu))
    return best


def _in_process(call) -> tuple[object, tuple[float, float]]:
    """What ``call`` returned, and its (wall, CPU) seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = call()
    return value, (time.perf_counter() - wall, time.process_time() - cpu)


def _eight_department_visits(repo: Repository, count: int) -> list[int]:
    """Requests needing one item of each of 8 departments, each with a published visit on TODAY's morning."""
    first_items: dict[str, str] = {}
    for item in repo.items():
        first_items.setdefault(item.department, item.code)
    departments = sorted(first_items)[10:18]
    items = tuple(first_items[d] for d in departments)
    start = dt.datetime.combine(TODAY, dt.time(9), ZONE)
    ids = []
    for number in range(count):
        code = f"BENCH-{number:03d}"
        repo.save_project(Project(code, f"基准项目{number}", "建设单位", "P001", items, TODAY, TODAY,
                                  status=RequestStatus.SCHEDULED))
        ids.append(repo.insert_visit(Visit(None, code, start, start + dt.timedelta(hours=2), "P001",
                                           tuple(departments), items, status=VisitStatus.PUBLISHED)))
    return ids


def _time_recordings(repo: Repository, visit_ids: list[int]) -> list[float]:
    times = []
    for index, visit_id in enumerate(visit_ids):
        visit = repo.visit(visit_id)
        entries = [DepartmentResult(d, Opinion.PASSED) for d in visit.departments]
        if index % 2:   # every other visit: one department finds two problems
            entries[0] = DepartmentResult(visit.departments[0], Opinion.RECTIFY,
                                          (Finding("消防通道被占用", visit.items[0]), Finding("疏散指示标志缺失")))
        started = time.perf_counter()
        record_results(repo, visit_id, entries, now=visit.end, clerk="bench")
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lifecycle.sqlite"
        started = time.perf_counter()
        counts = build(path)
        build_seconds = time.perf_counter() - started
        print(f"history: {counts} (built in {build_seconds:.1f} s)")

        db = open_database(path)
        repo = Repository(db)
        recordings = _time_recordings(repo, _eight_department_visits(repo, RECORDINGS))
        db.close()

        db = open_database(path)   # a fresh connection: nothing cached but the holidays package's years
        repo = Repository(db)
        stats, stats_first = _in_process(lambda: database_stats(repo, TODAY))
        stats_best = min(_in_process(lambda: database_stats(repo, TODAY))[1] for _ in range(3))
        report_best = min(_in_process(lambda: write_monthly_report(
            monthly_report(repo, TODAY.year, TODAY.month, today=TODAY), Path(folder) / "report.xlsx"))[1]
            for _ in range(3))
        db.close()

        common = ["--db", str(path), "--today", TODAY.isoformat()]
        stats_wall, stats_cpu = _command(["stats", *common])
        json_wall, json_cpu = _command(["stats", "--json", *common])
        report_wall, report_cpu = _command(["report", "month", f"{TODAY:%Y-%m}", "--out",
                                            str(Path(folder) / "cli.xlsx"), *common])

        life = stats["lifecycle"]
        print(f"lifecycle: {life['visits_held']} visits held, {life['reinspections_held']} re-inspections, "
              f"one-pass rate {life['one_pass_rate']:.0%}, rectification rate {life['rectification_rate']:.0%}, "
              f"{life['results_overdue']['count']} overdue")
        print(f"{'measure':58} {'seconds':>16}  target")
        print(f"{'record results, visit of 8 departments: median / max':58} "
              f"{statistics.median(recordings):7.3f} / {max(recordings):6.3f}  <= 0.1")
        print(f"{'stats in process, first call: wall / CPU':58} {stats_first[0]:7.3f} / {stats_first[1]:6.3f}  <= 1")
        print(f"{'stats in process, best of 3: wall / CPU':58} {stats_best[0]:7.3f} / {stats_best[1]:6.3f}  <= 1")
        print(f"{'joint-acceptance stats (whole command): wall / CPU':58} {stats_wall:7.3f} / {stats_cpu:6.3f}  <= 1")
        print(f"{'joint-acceptance stats --json: wall / CPU':58} {json_wall:7.3f} / {json_cpu:6.3f}  <= 1")
        print(f"{'monthly report for the year, in process (best of 3): wall / CPU':58} "
              f"{report_best[0]:7.3f} / {report_best[1]:6.3f}  <= 3")
        print(f"{'joint-acceptance report month (whole command): wall / CPU':58} "
              f"{report_wall:7.3f} / {report_cpu:6.3f}  <= 3")


if __name__ == "__main__":
    main()
