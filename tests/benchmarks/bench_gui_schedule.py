"""GUI responsiveness while a long auto-schedule runs (issue 8): event-loop latency ≤ 100 ms.

    python tests/benchmarks/bench_gui_schedule.py [--time-limit 45] [--shape large|typical] [--cancel-after S]

Builds the generated large instance (600 requests, 60 departments), opens the main window
offscreen, starts the auto-schedule from its dialog (CP-SAT, the given time limit) and, while
it runs, measures how late a 20 ms QTimer fires: the event loop's latency as a clerk would feel
it (typing, scrolling, the live figures). The solver runs in a child process
(``core.schedule_process``); the GUI process only reads its queue. Prints the latency percentiles
while the run is going and separately for the tick that receives the plan and builds the
preview, the run's wall time, the live-figure updates seen, then the time of Apply (one
transaction) and of undoing it. With ``--cancel-after S`` the clerk presses Cancel S seconds into
the run instead, and the time until the child process is gone is printed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.core.model import messages  # noqa: E402
from desktop_app.core.calendar.availability import store_calendar_bytes  # noqa: E402
from desktop_app.core.dataset.dataset_import import import_dataset  # noqa: E402
from desktop_app.core.store.database import open_database  # noqa: E402
from tests.benchmarks.instance_generator import LARGE, TYPICAL, generate  # noqa: E402

TICK_MS = 20
SPIKE_MS = 30         # late ticks above this are listed with when they happened


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time-limit", type=float, default=45)
    parser.add_argument("--shape", choices=("large", "typical"), default="large")
    parser.add_argument("--cancel-after", type=float, default=None, help="press Cancel this many seconds in")
    args = parser.parse_args()
    shape = LARGE if args.shape == "large" else TYPICAL
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("JointAcceptanceBench")
    messages.set_language("zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        facts = generate(shape, folder / "dataset")
        path = folder / "bench.sqlite"
        db = open_database(path)
        import_dataset(folder / "dataset", db, store_calendar_bytes)
        print(f"# {shape.name}: {facts['requests']} requests, {facts['departments']} departments, "
              f"{facts['places']} places; time limit {args.time_limit:.0f} s", flush=True)

        from desktop_app.ui.main_window import MainWindow

        window = MainWindow(db, path, today=facts["today"])
        window.show()
        app.processEvents()
        dialog = window.schedule_actions.auto_schedule()
        dialog.time_limit.setValue(args.time_limit)
        dialog.solver.setCurrentIndex(dialog.solver.findData("cpsat"))

        lateness: list[float] = []
        clock = QElapsedTimer()
        figures_seen: set[str] = set()

        spikes: list[tuple[float, float, str]] = []
        children: set[int] = set()
        handover: list[float] = []       # the tick (if any) that ran while the plan was handed to the preview

        def tick() -> None:
            elapsed = clock.nsecsElapsed() / 1e6
            late = max(elapsed - TICK_MS, 0.0)
            if finished:
                handover.append(late)
            else:
                lateness.append(late)
            if late > SPIKE_MS:
                spikes.append((time.perf_counter() - started, late, dialog.state))
            figures_seen.add(dialog.figures.text())
            children.update(p.pid for p in multiprocessing.active_children())
            clock.restart()

        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        finished: list[object] = []
        dialog.resultReady.connect(finished.append)
        started = time.perf_counter()
        dialog.start()
        clock.start()
        timer.start()
        cancelled_at: list[float] = []
        while not finished and dialog.state == "running":
            app.processEvents()
            if args.cancel_after is not None and time.perf_counter() - started >= args.cancel_after:
                dialog.cancel_button.click()
                cancelled_at.append(time.perf_counter())
            time.sleep(0.001)
        if cancelled_at:
            while window.workspace.jobs.busy() or multiprocessing.active_children():
                app.processEvents()
                time.sleep(0.001)
            print(f"cancel: the run was over and its child process gone "
                  f"{time.perf_counter() - cancelled_at[0]:.2f} s after Cancel; nothing delivered: {not finished}")
        wall = time.perf_counter() - started
        # One more tick: it measures the stall of receiving the plan and filling the preview.
        handover_until = time.perf_counter() + 2 * TICK_MS / 1000
        while time.perf_counter() < handover_until or (finished and not handover):
            app.processEvents()
            time.sleep(0.001)
        timer.stop()
        ordered = sorted(lateness)

        def percentile(p: float) -> float:
            return ordered[min(int(p * len(ordered)), len(ordered) - 1)]

        print(f"run: {wall:.1f} s wall, state {dialog.state}, {len(lateness)} ticks of {TICK_MS} ms, "
              f"{len(figures_seen)} distinct live-figure texts, solver in {len(children)} child process(es)")
        print(f"event-loop latency ms while running: median {statistics.median(ordered):.1f}  "
              f"p95 {percentile(0.95):.1f}  p99 {percentile(0.99):.1f}  max {ordered[-1]:.1f}  (target ≤ 100)")
        if handover:
            print(f"event-loop latency ms of the tick that received the plan and filled the preview: "
                  f"{max(handover):.1f}")
        for at, late, state in spikes:
            print(f"  late tick at {at:.1f} s: {late:.0f} ms (dialog {state})")
        if finished:
            result = finished[0].result
            print(f"plan: {result.status}, {len(result.new)} new, {len(result.moved)} moved, "
                  f"{len(result.unscheduled)} unscheduled, {len(result.late_reasons)} late")
            started = time.perf_counter()
            dialog.apply()
            print(f"apply (one transaction + undo snapshot): {time.perf_counter() - started:.2f} s")
            started = time.perf_counter()
            window.workspace.undo_stack.undo()
            print(f"undo (exact restore): {time.perf_counter() - started:.2f} s")
        dialog.close()
        window.workspace.jobs.wait()
        window.close()
        db.close()


if __name__ == "__main__":
    main()
