"""Foundation speed (issue 2): import of 5,000 projects, `stats` on it, `--help`.

Run: python tests/benchmarks/bench_foundation.py
Targets: import <= 3 s, stats <= 1 s, --help <= 0.5 s wall.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.core.dataset.dataset_import import import_dataset  # noqa: E402
from desktop_app.core.reports.metrics import database_stats  # noqa: E402
from desktop_app.core.store.repository import Repository  # noqa: E402
from desktop_app.core.store.database import open_database  # noqa: E402
from tests.benchmarks.generate import generate  # noqa: E402


def _best_wall(command: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        dataset = generate(folder / "dataset", projects=5000, departments=60, items=100)
        db = open_database(folder / "big.sqlite")
        started = time.perf_counter()
        import_dataset(dataset, db)
        import_seconds = time.perf_counter() - started

        started = time.perf_counter()
        database_stats(Repository(db), dt.date(2026, 11, 30))
        stats_seconds = time.perf_counter() - started
        db.close()

        stats_cli = _best_wall([sys.executable, "-m", "desktop_app", "stats", "--db", str(folder / "big.sqlite")], 3)
        help_wall = _best_wall([sys.executable, "-m", "desktop_app", "--help"])
        print(f"{'measure':42} {'seconds':>8}  target")
        print(f"{'import 5,000 projects/60 depts/100 items':42} {import_seconds:8.2f}  <= 3")
        print(f"{'stats (in process)':42} {stats_seconds:8.2f}  <= 1")
        print(f"{'joint-acceptance stats (whole command)':42} {stats_cli:8.2f}  <= 1")
        print(f"{'joint-acceptance --help (wall)':42} {help_wall:8.2f}  <= 0.5")


if __name__ == "__main__":
    main()
