"""Printing speed and size (issue 6): run `python tests/benchmarks/bench_printing.py`.

Targets: one notice PDF from the command line ≤ 2 s wall including start-up and ≤ 150 KB;
500 notices into one PDF ≤ 60 s with peak memory ≤ 600 MB. Each measurement runs in a
fresh process, as a user would run it.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Asia/Shanghai")
BATCH = 500


def _demo_database(folder: Path, notices: int) -> Path:
    """The demo dataset with ``notices`` projects, each with one visit in the same fortnight."""
    from dataclasses import replace

    from desktop_app.core.dataset.demo import ANCHOR_MONDAY, load_demo
    from desktop_app.core.model.domain import Visit
    from desktop_app.core.store.repository import Repository
    from desktop_app.core.store.database import open_database

    path = folder / "bench.sqlite"
    db = open_database(path)
    load_demo(db, today=ANCHOR_MONDAY)
    repo = Repository(db)
    items = {i.code: i for i in repo.items()}
    templates = repo.projects()
    for number in range(notices):
        template = templates[number % len(templates)]
        project = template if number < len(templates) else replace(template, code=f"BENCH-{number:04d}",
                                                                  name=f"{template.name}（{number}期）")
        if number >= len(templates):
            repo.save_project(project)
        day = ANCHOR_MONDAY + dt.timedelta(days=(number // 4) % 5 + 7 * ((number // 20) % 2))
        start = dt.datetime.combine(day, dt.time(9 + 2 * (number % 4)), ZONE)
        departments = tuple(sorted({items[c].department for c in project.items}))
        repo.insert_visit(Visit(None, project.code, start, start + dt.timedelta(minutes=90), project.place,
                                departments, project.items))
    db.close()
    return path


def _run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one CLI run in a fresh process."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "desktop_app", *args], check=False, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{result.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024          # Linux reports kilobytes


def main() -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        database = _demo_database(folder, BATCH)
        common = ["--db", str(database), "--today", "2026-11-30"]

        walls = []
        for _ in range(3):
            wall, _ = _run(["print", "notice", "XM2026-005", "--out", str(folder / "one.pdf"), *common])
            walls.append(wall)
        size = (folder / "one.pdf").stat().st_size
        print(f"one notice (CLI, fresh process): best {min(walls):.2f} s, worst {max(walls):.2f} s wall; "
              f"{size / 1024:.1f} KB   [target ≤ 2 s, ≤ 150 KB]")

        big = ["print", "notice", "--from", "2026-11-30", "--to", "2026-12-11", "--out", str(folder / "all.pdf")]
        wall, peak = _run([*big, *common])
        pages = subprocess.run(["pdfinfo", str(folder / "all.pdf")], check=True, capture_output=True, text=True).stdout
        page_line = next((line for line in pages.splitlines() if line.startswith("Pages")), "Pages: ?")
        print(f"{BATCH} notices into one PDF: {wall:.1f} s wall, peak memory {peak:.0f} MB, "
              f"{(folder / 'all.pdf').stat().st_size / 1024 / 1024:.1f} MB, {page_line.split(':')[1].strip()} pages"
              "   [target ≤ 60 s, ≤ 600 MB]")

        each = folder / "each"
        each.mkdir()
        wall, peak = _run(["print", "notice", "--from", "2026-11-30", "--to", "2026-12-11", "--out-dir", str(each),
                           *common])
        files = list(each.iterdir())
        print(f"{BATCH} notices, one PDF each (--out-dir, every file flushed and checked): {wall:.1f} s wall, "
              f"peak memory {peak:.0f} MB, {len(files)} files, "
              f"{sum(f.stat().st_size for f in files) / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
