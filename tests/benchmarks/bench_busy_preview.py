"""Departments page speed: selecting a department (busy-time preview + sources + blocked dates + seasonal
hours) and moving the preview a week, on a 5,000-project database whose 60 departments each have a
busy-time calendar (weekly meetings plus one-off events), and painting the week strip.

    python tests/benchmarks/bench_busy_preview.py [--projects 5000] [--events 300]

Goal (mine; the issue sets none for this page): every one of these ≤ 100 ms, so clicking through
departments and weeks feels immediate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
TODAY = dt.date(2026, 11, 30)


def department_calendar(code: str, events: int) -> bytes:
    """A department's busy time: two weekly meetings and ``events`` one-off events over half a year."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//busy preview//ZH"]
    for number, (weekday, hour) in enumerate((("MO", 8), ("TH", 15))):
        first = TODAY - dt.timedelta(days=TODAY.weekday()) + dt.timedelta(days=0 if weekday == "MO" else 3)
        lines += ["BEGIN:VEVENT", f"UID:{code}-weekly-{number}", "DTSTAMP:20261101T000000Z",
                  f"DTSTART;TZID=Asia/Shanghai:{first:%Y%m%d}T{hour:02d}3000",
                  f"DTEND;TZID=Asia/Shanghai:{first:%Y%m%d}T{hour + 1:02d}3000",
                  f"RRULE:FREQ=WEEKLY;BYDAY={weekday}", "SUMMARY:局务会", "END:VEVENT"]
    for number in range(events):
        day = TODAY - dt.timedelta(days=30) + dt.timedelta(days=(number * 7) % 210)
        hour = 9 + number % 7
        lines += ["BEGIN:VEVENT", f"UID:{code}-once-{number}", "DTSTAMP:20261101T000000Z",
                  f"DTSTART;TZID=Asia/Shanghai:{day:%Y%m%d}T{hour:02d}0000",
                  f"DTEND;TZID=Asia/Shanghai:{day:%Y%m%d}T{hour:02d}4500",
                  f"SUMMARY:外出检查 {number}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def build_database(folder: Path, projects: int, events: int) -> Path:
    from generate import generate

    from desktop_app.core.calendar.availability import (
        add_blocked_period,
        import_calendar_bytes,
        planning_window,
    )
    from desktop_app.core.dataset.dataset_import import import_dataset
    from desktop_app.core.store.repository import Repository
    from desktop_app.core.store.database import open_database

    path = folder / "large.sqlite"
    db = open_database(path)
    import_dataset(generate(folder / "dataset", projects=projects), db)
    for department in Repository(db).departments():
        import_calendar_bytes(db, department.code, f"availability/{department.code}.ics",
                              department_calendar(department.code, events), window=planning_window(TODAY))
        add_blocked_period(db, department.code, TODAY + dt.timedelta(days=2), TODAY + dt.timedelta(days=3), "培训")
    db.close()
    return path


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def measure(path: Path) -> dict[str, list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.store.database import open_database
    from desktop_app.ui.app import create_application
    from desktop_app.ui.pages.departments_page import DepartmentsPage
    from desktop_app.ui.controllers.workspace import Workspace

    create_application(["bench"], "zh_CN")    # fonts and the Chinese translation, as the app starts
    workspace = Workspace(open_database(path), path, TODAY)
    started = time.perf_counter()
    page = DepartmentsPage(workspace)
    build_ms = (time.perf_counter() - started) * 1000
    page.resize(1200, 800)
    page.show()
    QApplication.processEvents()
    codes = [d.code for d in page.model.records]
    select = [_timed(lambda code=code: (page.select(code), QApplication.processEvents())) for code in codes]
    page.select(codes[0])
    # Weeks inside the stored expansion window, then far ahead (re-expanded from the stored copy).
    inside = [_timed(lambda: (page.preview.next.click(), QApplication.processEvents())) for _ in range(8)]
    page.preview.show_week(TODAY + dt.timedelta(days=400))
    outside = [_timed(lambda: (page.preview.next.click(), QApplication.processEvents())) for _ in range(8)]
    page.preview.show_week(TODAY)
    paint = [_timed(lambda: page.preview.strip.grab()) for _ in range(10)]
    events = sum(len(d.busy) for d in page.preview.strip.days)
    workspace.close()
    return {"page_build": [build_ms], "select_department": select, "next_week_stored": inside,
            "next_week_reexpanded": outside, "paint_strip": paint, "events_this_week": [events]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--events", type=int, default=300, help="one-off busy events per department")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        path = build_database(Path(folder), args.projects, args.events)
        print(f"database: {args.projects} projects, busy calendars with {args.events} one-off events and two weekly "
              f"meetings per department (built in {time.perf_counter() - started:.1f} s)")
        figures = measure(path)
        for name, values in figures.items():
            if len(values) == 1:
                print(f"{name}: {values[0]:.1f}")
            else:
                print(f"{name} (ms, {len(values)} runs): median {statistics.median(values):.1f}, "
                      f"max {max(values):.1f}")


if __name__ == "__main__":
    main()
