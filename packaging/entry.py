"""The entry point of the bundle's two programs, `joint-acceptance` and `joint-acceptance-app`.

Both run the same command line (without a subcommand it opens the window); they differ only on
Windows, where the second has no console window. ``freeze_support`` comes first: the GUI's
auto-schedule starts its solver as a child process of this very executable (``spawn``), and the
child must turn into the solver here instead of opening another window.

``JOINT_ACCEPTANCE_SELF_TEST=schedule joint-acceptance --db FILE`` checks exactly that path on a
computer (a virus scanner that blocks child processes shows here): it plans FILE's waiting requests
in a child process, the way the window's 排期 ▸ 自动排期 does, prints what came back and saves nothing.
packaging/smoke.sh runs it against the bundle.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

SELF_TEST_VARIABLE = "JOINT_ACCEPTANCE_SELF_TEST"


def schedule_self_test(argv: list[str]) -> int:
    import argparse
    import datetime as dt

    from desktop_app.core.planning.schedule_process import ScheduleOptions, plan_in_child

    parser = argparse.ArgumentParser(prog="joint-acceptance (self-test)")
    parser.add_argument("--db", required=True)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)
    plan = plan_in_child(args.db, args.today, ScheduleOptions(time_limit=20.0))
    if plan is None:
        print("self-test: the scheduling child process delivered nothing", file=sys.stderr)
        return 1
    result = plan.result
    print(f"self-test: solver child process ok ({result.solver}, {result.status}): {len(result.visits)} visits "
          f"planned, {len(result.unscheduled)} unscheduled, {result.seconds:.1f} s")
    return 0 if result.visits else 1


def run() -> int:
    if os.environ.get(SELF_TEST_VARIABLE) == "schedule":
        return schedule_self_test(sys.argv[1:])
    from desktop_app.cli import main

    return main(sys.argv[1:])


if __name__ == "__main__":
    multiprocessing.freeze_support()
    # Windows' joint-acceptance-app.exe has no console: PyInstaller leaves sys.stdout/stderr None there,
    # and a stray print or flush must not turn a clean exit into a crash.
    for stream in ("stdout", "stderr"):
        if getattr(sys, stream) is None:
            setattr(sys, stream, open(os.devnull, "w", encoding="utf-8"))
    sys.exit(run())
