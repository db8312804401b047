"""The command line: `joint-acceptance` (DESIGN §5).

With no subcommand it opens the GUI. Each subcommand calls the same core functions the GUI
uses. Heavy libraries (Qt, OR-Tools, icalendar) are imported inside the handlers so that
``--help`` and the quick commands start fast.

Exit status: 0 success, 2 bad input or usage (one message on stderr, database unchanged),
1 anything else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
APP_NAME = "joint-acceptance"
APP_AUTHOR = "JointAcceptance"


class UsageError(Exception):
    """Bad command-line usage; exit status 2."""


def default_database_path() -> Path:
    """The embedded default: a database in the user data directory."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "joint-acceptance.sqlite"


def _date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {text!r} (expected YYYY-MM-DD)") from None


def _database(args: argparse.Namespace):
    from desktop_app.core.storage import open_database

    return open_database(args.db or default_database_path())


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# --- handlers ------------------------------------------------------------------------------
def _run_gui(args: argparse.Namespace) -> int:
    from desktop_app.ui.app import run_gui

    return run_gui(args.db, args.lang)


def _run_demo(args: argparse.Namespace) -> int:
    from desktop_app.core.demo import load_demo
    from desktop_app.core.messages import tr
    from desktop_app.core.repository import Repository

    db = _database(args)
    path = args.db or default_database_path()
    if not Repository(db).is_empty():
        print(tr("{path} already holds data; the demo was not loaded again.", path=path), file=sys.stderr)
        return EXIT_OK
    load_demo(db, today=args.today, availability_writer=_availability_writer())
    print(tr("Demo data loaded into {path}", path=path))
    return EXIT_OK


def _availability_writer():
    """The function that stores a department's busy-time calendar during an import, if available."""
    try:
        from desktop_app.core.availability import store_calendar_bytes
    except ImportError:
        return None
    return store_calendar_bytes


def _run_import(args: argparse.Namespace) -> int:
    from desktop_app.core.dataset import import_dataset
    from desktop_app.core.messages import tr

    db = _database(args)
    plan = import_dataset(args.source, db, _availability_writer())
    if args.json:
        _print_json(plan.summary())
    else:
        for sheet, counts in plan.summary().items():
            print(tr("{sheet}: {new} new, {changed} changed, {unchanged} unchanged", sheet=sheet, **counts))
    return EXIT_OK


def _run_stats(args: argparse.Namespace) -> int:
    from desktop_app.core.metrics import database_stats
    from desktop_app.core.repository import Repository

    stats = database_stats(Repository(_database(args)), args.today or dt.date.today())
    if args.json:
        _print_json(stats)
    else:
        print(format_stats(stats))
    if stats["calendar"]["warning"]:
        print(stats["calendar"]["warning"], file=sys.stderr)
    return EXIT_OK


def format_stats(stats: dict) -> str:
    from desktop_app.core.messages import tr

    metrics = stats["metrics"]
    lines = [
        tr("Requests: {total} ({waiting} waiting, {scheduled} scheduled, {done} done, {withdrawn} withdrawn)",
           total=sum(stats["requests_by_status"].values()), waiting=stats["requests_by_status"]["pending"],
           scheduled=stats["requests_by_status"]["scheduled"], done=stats["requests_by_status"]["done"],
           withdrawn=stats["requests_by_status"]["withdrawn"]),
        tr("Departments: {count} ({city} city, {district} district); items: {items}; places: {places}",
           count=stats["departments"], city=stats["departments_by_level"].get("city", 0),
           district=stats["departments_by_level"].get("district", 0), items=stats["items"],
           places=stats["places"]),
        tr("Visits: {visits} ({this_week} this week)", visits=stats["visits"], this_week=stats["visits_this_week"]),
        tr("Joint rate {joint:.0%}, trips {joint_trips} instead of {separate} ({saved:.1f}% fewer), "
           "department trips {department_trips}, on time {on_time:.0%}, mean wait {wait:.1f} working days",
           joint=metrics["joint_rate"], joint_trips=metrics["trips_joint"], separate=metrics["trips_separate"],
           saved=metrics["trips_saved_pct"], department_trips=metrics["department_trips"],
           on_time=metrics["on_time_rate"], wait=metrics["mean_wait_working_days"]),
        tr("Working-day calendar confirmed for: {years}; holiday overrides: {overrides}",
           years="、".join(str(y) for y in stats["calendar"]["confirmed_years"]) or "—",
           overrides=stats["holiday_overrides"]),
    ]
    for source in stats["availability_sources"]:
        lines.append(tr("Busy time of {department}: {location}, {events} events, refreshed {fetched}",
                        department=source["department"], location=source["location"], events=source["events"],
                        fetched=source["fetched_at"] or "—"))
        if source["last_error"]:
            lines.append("  " + source["last_error"])
    return "\n".join(lines)


# --- the parser ----------------------------------------------------------------------------
def _common(parser: argparse.ArgumentParser, *, json_flag: bool = False, today: bool = False) -> None:
    parser.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="PATH",
                        help="database file (default: the user data directory)")
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    if today:
        parser.add_argument("--today", type=_date_argument, default=None, metavar="DATE",
                            help="fix 'today' (YYYY-MM-DD) so runs are reproducible")


Handler = Callable[[argparse.Namespace], int]
# Each entry adds one subcommand: (name, help, function(subparser) that adds its arguments, handler).
COMMANDS: list[tuple[str, str, Callable[[argparse.ArgumentParser], None], Handler]] = [
    ("demo", "create a database holding the demo dataset",
     lambda p: _common(p, today=True), _run_demo),
    ("import", "import a dataset folder, CSV file or .xlsx workbook",
     lambda p: (p.add_argument("source", type=Path, metavar="DATASET_DIR_OR_XLSX"), _common(p, json_flag=True)),
     _run_import),
    ("stats", "counts, the seed's figures and the calendar's coverage",
     lambda p: _common(p, json_flag=True, today=True), _run_stats),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="联合验收排期 — Joint Acceptance Scheduler. Without a subcommand, opens the GUI.")
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help="database file (default: the user data directory)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default=None,
                        help="language of the GUI and of messages (default zh_CN)")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text, add_arguments, handler in COMMANDS:
        sub = subcommands.add_parser(name, help=help_text, description=help_text)
        add_arguments(sub)
        sub.set_defaults(handler=handler)
    parser.set_defaults(handler=_run_gui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_OK if exit_.code in (0, None) else EXIT_BAD_INPUT
    from desktop_app.core.errors import InputError
    from desktop_app.core.messages import set_language

    set_language(args.lang or "zh_CN")
    try:
        return args.handler(args)
    except (InputError, UsageError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except Exception as error:  # the last line of defence: one message, no traceback for users
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        if "JOINT_ACCEPTANCE_DEBUG" in __import__("os").environ:
            raise
        return EXIT_FAILURE


def gui_main() -> int:
    """Entry point of `joint-acceptance-app` (no console window on Windows)."""
    return main(sys.argv[1:] if len(sys.argv) > 1 else [])
