"""`schedule` (plan the waiting requests), `move` (one visit by hand) and `conflicts` (plans that no longer fit)."""

from __future__ import annotations

import argparse

from desktop_app.cli.common import (
    EXIT_OK, UsageError, add_common_arguments, bureau_today, datetime_argument, open_database, print_json,
)


def add_schedule_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_arguments(parser, json_flag=True, today=True)
    parser.add_argument("--time-limit", type=float, default=10.0, metavar="SECONDS",
                        help="stop the optimiser after this many seconds (default 10)")
    parser.add_argument("--solver", choices=("cpsat", "greedy"), default="cpsat",
                        help="cpsat (optimising, default) or greedy (earliest slot in priority order)")
    parser.add_argument("--dry-run", action="store_true", help="show the plan without saving it")


def run_schedule(args: argparse.Namespace) -> int:
    from desktop_app.core.store.repository import Repository
    from desktop_app.core.planning.scheduler import run_schedule, summary_lines

    if args.time_limit <= 0:
        raise UsageError("--time-limit must be a positive number of seconds")
    repo = Repository(open_database(args))
    result = run_schedule(repo, bureau_today(repo, args.today), solver=args.solver, time_limit=args.time_limit,
                          dry_run=args.dry_run)
    if args.json:
        print_json(result.as_json())
    else:
        print("\n".join(summary_lines(result)))
    return EXIT_OK


def add_move_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("visit", type=int, metavar="VISIT_ID")
    parser.add_argument("start", type=datetime_argument, metavar="START",
                        help="new start, e.g. 2026-12-03T14:30 (the bureau's time zone)")
    parser.add_argument("--check", action="store_true", help="only say whether the move is allowed")
    add_common_arguments(parser, json_flag=True, today=True)


def run_move(args: argparse.Namespace) -> int:
    """Check (and unless --check, save) one manual move: the same core calls as the GUI's drag & drop."""
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository
    from desktop_app.core.planning.scheduler import MoveRefusedError, apply_move, check_move

    repo = Repository(open_database(args))
    today = bureau_today(repo, args.today)
    shown = repo.visit(args.visit)
    check = check_move(repo, args.visit, args.start, today=today)
    if check.ok and not args.check:
        # Checked again inside the write, and refused if the visit changed since it was read.
        check = apply_move(repo, args.visit, args.start, today=today, expected=shown)
    if args.json:
        print_json({"visit": args.visit, "ok": check.ok, "late": check.late, "reasons": check.reasons,
                     "saved": check.ok and not args.check,
                     "start": check.visit.start.isoformat() if check.visit else None,
                     "end": check.visit.end.isoformat() if check.visit else None})
    elif check.ok:
        print(tr("Visit {id} {verb} {when}{late}.", id=args.visit,
                 verb=tr("may move to") if args.check else tr("moved to"),
                 when=f"{check.visit.start:%Y-%m-%d %H:%M}-{check.visit.end:%H:%M}",
                 late=tr(" (after its deadline)") if check.late else ""))
    if not check.ok:
        raise MoveRefusedError(tr("Visit {id} cannot move to {when}: {reasons}", id=args.visit,
                                  when=f"{args.start:%Y-%m-%d %H:%M}", reasons="；".join(check.reasons)))
    return EXIT_OK


def add_conflicts_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_arguments(parser, json_flag=True, today=True)


def run_conflicts(args: argparse.Namespace) -> int:
    """Planned and published visits whose departments are no longer all free (issue 8)."""
    from desktop_app.core.planning.conflicts import conflict_lines, upcoming_conflicts
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository

    repo = Repository(open_database(args))
    today = bureau_today(repo, args.today)
    conflicts = upcoming_conflicts(repo, today)
    if args.json:
        print_json({"today": today.isoformat(),
                     "conflicts": [c.as_json() for visit in sorted(conflicts) for c in conflicts[visit]]})
    elif conflicts:
        print("\n".join(conflict_lines(conflicts, repo)))
    else:
        print(tr("No conflicts: every planned or published visit from {date} on still fits its departments' time.",
                 date=today.isoformat()))
    return EXIT_OK
