"""Dataset import limits (issue 13, item 7): how fast a zip bomb is refused, and what the formula check
costs a large honest workbook.

Run: python tests/benchmarks/bench_import_limits.py
Target: a zip bomb (a workbook unpacking to 120 MB, or one part unpacking 300 times its size) refused in
well under 1 s, before openpyxl reads anything (it took 575 s and 1.9 GB before the check).
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.core.dataset.dataset_import import read_dataset  # noqa: E402
from desktop_app.paths import DEMO_DATASET  # noqa: E402
from tests.core.dataset.workbooks import workbook_from, zip_bomb  # noqa: E402


def _timed(label: str, path: Path) -> None:
    started = time.perf_counter()
    raw = read_dataset(path)
    seconds = time.perf_counter() - started
    outcome = raw.problems[0].message if raw.problems else f"{sum(len(s.rows) for s in raw.sheets.values())} rows"
    print(f"{label}: {path.stat().st_size / 1024:.0f} KB on disk, {seconds:.3f} s — {outcome[:110]}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        dataset = folder / "dataset"
        shutil.copytree(DEMO_DATASET, dataset, ignore=shutil.ignore_patterns("availability", "README.md"))
        honest = workbook_from(dataset, folder / "demo.xlsx")
        _timed("zip bomb, 120 MB unpacked", zip_bomb(honest, folder / "total.xlsx", megabytes=120))
        _timed("zip bomb, one part 300x", zip_bomb(honest, folder / "ratio.xlsx", megabytes=30))
        _timed("demo workbook (30 requests)", honest)
        lines = (dataset / "projects.csv").read_text(encoding="utf-8").splitlines()
        rows = [lines[0]] + [f"XB{n:06d}" + lines[1 + n % 30][lines[1 + n % 30].index(","):] for n in range(20000)]
        (dataset / "projects.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        _timed("workbook of 20,000 requests", workbook_from(dataset, folder / "large.xlsx"))
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
