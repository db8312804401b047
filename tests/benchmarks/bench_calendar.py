"""Calendar speed (issue 8 target: switching weeks with 60 department lanes and 10,000 visits
in the database ≤ 150 ms).

    python tests/benchmarks/bench_calendar.py [--visits 10000] [--departments 60] [--switches 20]

Builds a generated database (tests/benchmarks/generate.py) with 60 departments and 5,000 projects,
stores ``--visits`` visits through Repository.insert_visit (spread over 26 weeks, each attended by
every department its project needs), then times one week switch as the user sees it: the page
reads the new week (visits, busy time, conflicts) and the lanes are painted completely.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

START = dt.date(2026, 11, 30)


def build_database(folder: Path, visits: int, departments: int) -> Path:
    from generate import generate

    from desktop_app.core.dataset.dataset_import import import_dataset
    from desktop_app.core.model.domain import Visit, VisitStatus
    from desktop_app.core.store.repository import Repository
    from desktop_app.core.store.database import open_database

    path = folder / "calendar.sqlite"
    db = open_database(path)
    import_dataset(generate(folder / "dataset", projects=5000, departments=departments), db)
    repo = Repository(db)
    items = {item.code: item for item in repo.items()}
    projects = repo.projects()
    rng = random.Random(11)
    zone = ZoneInfo("Asia/Shanghai")
    with db.atomic():     # one transaction for speed; each insert_visit nests as a savepoint
        for _ in range(visits):
            project = rng.choice(projects)
            day = START + dt.timedelta(days=rng.randrange(0, 26 * 7))
            if day.weekday() >= 5:
                day -= dt.timedelta(days=2)
            hour, minute = rng.choice(((9, 0), (10, 0), (14, 30), (15, 0)))
            start = dt.datetime.combine(day, dt.time(hour, minute), zone)
            attending = tuple(sorted({items[i].department for i in project.items}))
            repo.insert_visit(Visit(None, project.code, start, start + dt.timedelta(hours=2), project.place,
                                    attending, project.items,
                                    status=rng.choice((VisitStatus.PLANNED, VisitStatus.PUBLISHED))))
    db.close()
    return path


def PaintCounter():
    from PySide6.QtCore import QEvent, QObject

    class Counter(QObject):
        count = 0

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    return Counter()


def measure(path: Path, switches: int) -> dict[str, list[float]]:
    from desktop_app.core.store.database import open_database
    from desktop_app.ui.app import create_application
    from desktop_app.ui.calendar.calendar_page import CalendarPage
    from desktop_app.ui.controllers.workspace import Workspace

    app = create_application(["bench"], "zh_CN")
    workspace = Workspace(open_database(path), path, START)
    page = CalendarPage(workspace)
    page.resize(1440, 900)
    page.show()
    app.processEvents()
    timings: dict[str, list[float]] = {"week switch": [], "  of which reading the week": [], "  of which painting": [],
                                       "month switch": [], "day switch": []}
    lanes_shown = len(page.period.lanes)

    paints = PaintCounter()
    page.lanes.viewport().installEventFilter(paints)
    page.month_view.installEventFilter(paints)

    def switch(direction: int) -> tuple[float, float]:
        before = paints.count
        begin = time.perf_counter()
        page.step(direction)
        loaded = time.perf_counter()
        app.processEvents()     # delivers the update the switch scheduled: one complete paint
        end = time.perf_counter()
        if paints.count == before:
            raise RuntimeError("the calendar was not painted; the timing would mean nothing")
        return (end - begin) * 1000, (loaded - begin) * 1000

    visits_seen = []
    for number in range(switches):
        total, loading = switch(1 if number < switches // 2 else -1)
        timings["week switch"].append(total)
        timings["  of which reading the week"].append(loading)
        timings["  of which painting"].append(total - loading)
        visits_seen.append(len(page.period.visits))
    page.set_mode("month")
    for number in range(6):
        timings["month switch"].append(switch(1 if number < 3 else -1)[0])
    page.set_mode("day")
    for number in range(6):
        timings["day switch"].append(switch(1 if number < 3 else -1)[0])
    print(f"lanes shown: {lanes_shown}; visits per week shown: min {min(visits_seen)}, max {max(visits_seen)}")
    workspace.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, default=10000)
    parser.add_argument("--departments", type=int, default=60)
    parser.add_argument("--switches", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        path = build_database(Path(folder), args.visits, args.departments)
        print(f"database: {args.departments} departments, 5000 projects, {args.visits} visits "
              f"(built in {time.perf_counter() - started:.1f} s)")
        for name, values in measure(path, args.switches).items():
            print(f"{name}: median {statistics.median(values):.1f} ms, max {max(values):.1f} ms "
                  f"over {len(values)} switches")
        print("target: week switch ≤ 150 ms")


if __name__ == "__main__":
    main()
