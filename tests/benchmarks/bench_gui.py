"""GUI speed on a 5,000-project database (issue 7 targets: cold start ≤ 2.5 s and ≤ 500 MB;
filtering the requests table ≤ 100 ms per keystroke).

    python tests/benchmarks/bench_gui.py [--projects 5000]

Cold start runs in a fresh process, from interpreter start to a shown, filled main window
(all pages built, event queue drained), the way `joint-acceptance --db FILE` starts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CHILD = r"""
import time, resource, sys, json, datetime as dt
t0 = time.perf_counter()
from pathlib import Path
from desktop_app.ui.app import create_application
from desktop_app.core.store.database import open_database
from desktop_app.ui.main_window import MainWindow
app = create_application(["bench"], "zh_CN")
path = Path(sys.argv[1])
window = MainWindow(open_database(path), path, today=dt.date(2026, 11, 30))
window.show()
app.processEvents()
elapsed = time.perf_counter() - t0
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"window_s": elapsed, "max_rss_mb": rss_mb,
                  "rows": window.pages["requests"].model.rowCount()}))
"""


def build_database(folder: Path, projects: int) -> Path:
    from generate import generate

    from desktop_app.core.dataset.dataset_import import import_dataset
    from desktop_app.core.store.database import open_database

    path = folder / "large.sqlite"
    db = open_database(path)
    import_dataset(generate(folder / "dataset", projects=projects), db)
    db.close()
    return path


def cold_start(path: Path, runs: int = 3) -> list[dict]:
    results = []
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, env=env,
                             check=True)
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        figures["process_s"] = time.perf_counter() - start
        results.append(figures)
    return results


def typing(path: Path, text: str = "标准化厂房工程12") -> tuple[list[float], list[float]]:
    """Milliseconds to re-filter for each keystroke of ``text`` (the search box's prefixes), and to
    reload the requests page (all 5,000 rows, sorted)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import datetime as dt

    from desktop_app.core.store.database import open_database
    from desktop_app.ui.app import create_application
    from desktop_app.ui.main_window import MainWindow

    app = create_application(["bench"], "zh_CN")
    window = MainWindow(open_database(path), path, today=dt.date(2026, 11, 30))
    window.show()
    app.processEvents()
    page = window.pages["requests"]
    timings = []
    for end in range(1, len(text) + 1):
        page.search.setText(text[:end])
        start = time.perf_counter()
        page.apply_filter()          # what the debounce timer calls
        app.processEvents()          # and the view's repaint of the visible rows
        timings.append((time.perf_counter() - start) * 1000)
    for status in ("pending", ""):
        page.status_filter.setCurrentIndex(page.status_filter.findData(status))
    page.search.clear()
    page.apply_filter()
    reloads = []
    for _ in range(5):           # what every edit, undo and redo is followed by
        start = time.perf_counter()
        page.reload()
        app.processEvents()
        reloads.append((time.perf_counter() - start) * 1000)
    return timings, reloads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = build_database(Path(folder), args.projects)
        starts = cold_start(path)
        print(f"database: {args.projects} projects")
        for number, figures in enumerate(starts, 1):
            print(f"cold start run {number}: window shown after {figures['window_s']:.2f} s "
                  f"(process incl. exit {figures['process_s']:.2f} s), max RSS {figures['max_rss_mb']:.0f} MB, "
                  f"{figures['rows']} rows")
        print(f"cold start best {min(f['window_s'] for f in starts):.2f} s, "
              f"worst {max(f['window_s'] for f in starts):.2f} s (target ≤ 2.5 s); "
              f"max RSS {max(f['max_rss_mb'] for f in starts):.0f} MB (target ≤ 500 MB)")
        timings, reloads = typing(path)
        print("filter per keystroke (ms): " + ", ".join(f"{t:.1f}" for t in timings))
        print(f"filter per keystroke: median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms "
              f"(target ≤ 100 ms)")
        print(f"requests page reload after an edit: median {statistics.median(reloads):.0f} ms, "
              f"max {max(reloads):.0f} ms")


if __name__ == "__main__":
    main()
