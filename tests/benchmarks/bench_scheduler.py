"""Scheduler benchmark (issue 4): `schedule` end to end (load, solve, save) on seeded instances.

    python tests/benchmarks/bench_scheduler.py [--only typical|large] [--time-limit-large 45]

Prints one row per instance and solver: wall time, scheduled, late, department trips, trips per
scheduled request, mean wait, gap; then the large instance's comparison against greedy and the
peak memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.core.calendar.availability import store_calendar_bytes  # noqa: E402
from desktop_app.core.dataset.dataset_import import import_dataset  # noqa: E402
from desktop_app.core.store.repository import Repository  # noqa: E402
from desktop_app.core.planning.scheduler import run_schedule  # noqa: E402
from desktop_app.core.store.database import open_database  # noqa: E402
from tests.benchmarks.instance_generator import LARGE, TYPICAL, Shape, generate  # noqa: E402


def _prepare(shape: Shape, folder: Path) -> tuple[Path, dict]:
    facts = generate(shape, folder / "dataset")
    path = folder / "base.sqlite"
    db = open_database(path)
    import_dataset(folder / "dataset", db, store_calendar_bytes)
    db.close()
    return path, facts


def _run(base: Path, folder: Path, facts: dict, solver: str, time_limit: float) -> dict:
    path = folder / f"{solver}.sqlite"
    shutil.copy(base, path)
    started = time.perf_counter()
    db = open_database(path)
    result = run_schedule(Repository(db), facts["today"], solver=solver, time_limit=time_limit)
    db.close()
    wall = time.perf_counter() - started
    m = result.metrics
    return {"solver": solver, "status": result.status, "wall": wall, "scheduled": m.scheduled, "late": m.late,
            "trips": m.department_trips, "per_request": m.department_trips / max(m.scheduled, 1),
            "wait": m.mean_wait_working_days, "gap": result.gap}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=("typical", "large"))
    parser.add_argument("--time-limit-typical", type=float, default=10)
    parser.add_argument("--time-limit-large", type=float, default=45)
    args = parser.parse_args()
    shapes = [(TYPICAL, args.time_limit_typical), (LARGE, args.time_limit_large)]
    rows = []
    print(f"{'instance':<10}{'solver':<8}{'status':<17}{'wall s':>8}{'sched':>7}{'late':>6}{'trips':>7}"
          f"{'trips/req':>10}{'wait wd':>9}{'gap':>9}")
    for shape, limit in shapes:
        if args.only and shape.name != args.only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            base, facts = _prepare(shape, folder)
            print(f"# {shape.name}: {facts['requests']} requests, {facts['departments']} departments, "
                  f"{facts['places']} places, busiest department asked for {facts['busiest_load']:.0%} of its "
                  f"capacity", flush=True)
            for solver in ("greedy", "cpsat"):
                row = _run(base, folder, facts, solver, limit)
                row["instance"] = shape.name
                rows.append(row)
                gap = "—" if row["gap"] is None else f"{row['gap']:.4%}"
                print(f"{shape.name:<10}{solver:<8}{row['status']:<17}{row['wall']:>8.2f}{row['scheduled']:>7}"
                      f"{row['late']:>6}{row['trips']:>7}{row['per_request']:>10.2f}{row['wait']:>9.2f}{gap:>9}",
                      flush=True)
            greedy, best = rows[-2], rows[-1]
            saving = 1 - best["per_request"] / greedy["per_request"]
            print(f"# {shape.name}: CP-SAT vs greedy: scheduled {best['scheduled']} vs {greedy['scheduled']}, "
                  f"late {best['late']} vs {greedy['late']}, department trips per scheduled request "
                  f"{saving:.1%} fewer", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"# peak memory {peak:.0f} MB")
    _verdict(rows, peak)


def _verdict(rows: list[dict], peak_mb: float) -> None:
    """Issue 4's targets, each said plainly."""
    by = {(r["instance"], r["solver"]): r for r in rows}
    checks = []
    if ("typical", "cpsat") in by:
        typical = by[("typical", "cpsat")]
        checks += [("typical: end to end ≤ 3 s", typical["wall"] <= 3),
                   ("typical: status optimal", typical["status"] == "optimal")]
    if ("large", "cpsat") in by:
        best, greedy = by[("large", "cpsat")], by[("large", "greedy")]
        checks += [("large: end to end ≤ 60 s", best["wall"] <= 60),
                   ("large: never fewer scheduled than greedy", best["scheduled"] >= greedy["scheduled"]),
                   ("large: never more late than greedy", best["late"] <= greedy["late"]),
                   ("large: ≥ 15% fewer department trips per scheduled request",
                    best["per_request"] <= 0.85 * greedy["per_request"])]
    checks.append(("peak memory ≤ 2 GB", peak_mb <= 2048))
    for text, met in checks:
        print(f"# {'met' if met else 'MISSED'}: {text}")


if __name__ == "__main__":
    main()
