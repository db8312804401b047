"""The argument parser: the top-level options and the registry of subcommands, one line each."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from desktop_app.cli import availability_commands as availability
from desktop_app.cli import confirmation_commands as confirmations
from desktop_app.cli import data_commands as data
from desktop_app.cli import print_commands as printing
from desktop_app.cli import publish_commands as publish
from desktop_app.cli import report_commands as report
from desktop_app.cli import request_commands as request
from desktop_app.cli import schedule_commands as schedule
from desktop_app.cli import settings_commands as settings
from desktop_app.cli import visit_commands as visit
from desktop_app.cli.common import APP_NAME


def run_gui(args: argparse.Namespace) -> int:
    """No subcommand: open the window."""
    from desktop_app.ui.app import run_gui as open_window

    return open_window(args.db, args.lang)


Handler = Callable[[argparse.Namespace], int]
# Each entry adds one subcommand: (name, help, function(subparser) that adds its arguments, handler).
COMMANDS: list[tuple[str, str, Callable[[argparse.ArgumentParser], None], Handler]] = [
    ("demo", "create a database holding the demo dataset", data.add_demo_arguments, data.run_demo),
    ("import", "import a dataset folder, CSV file or .xlsx workbook", data.add_import_arguments, data.run_import),
    ("stats", "counts, the seed's figures and the calendar's coverage", report.add_stats_arguments, report.run_stats),
    ("schedule", "plan joint visits for waiting requests and save them", schedule.add_schedule_arguments,
     schedule.run_schedule),
    ("move", "move one visit by hand, refused if it breaks a hard rule", schedule.add_move_arguments,
     schedule.run_move),
    ("request", "after the visit: report a request's findings fixed; its history", request.add_request_arguments,
     request.run_request),
    ("results", "import the departments' results from a CSV or XLSX file (all or nothing)",
     request.add_results_arguments, request.run_results),
    ("visit", "list visits; lock, unlock, cancel or publish them; where one may move",
     visit.add_visit_arguments, visit.run_visit),
    ("department", "a department's blocked dates and seasonal office hours", availability.add_department_arguments,
     availability.run_department),
    ("settings", "show or change the bureau's settings", settings.add_settings_arguments, settings.run_settings),
    ("remove", "delete a request, department, item or place (refused while still in use)",
     data.add_remove_arguments, data.run_remove),
    ("export", "write the iCal feeds: shared, one per department, one per project",
     publish.add_export_arguments, publish.run_export),
    ("publish", "publish the feeds to a folder and/or mirror them to a CalDAV server",
     publish.add_publish_arguments, publish.run_publish),
    ("print", "print owners' notices, day sheets, the week overview, rectification notices and joint acceptance "
              "opinions to PDF", printing.add_print_arguments, printing.run_print),
    ("report", "the monthly report for the bureau's leadership (Excel workbook with a chart)",
     report.add_report_arguments, report.run_report),
    ("availability", "import a department's busy time (.ics file or URL), refresh or list the sources",
     availability.add_availability_arguments, availability.run_availability),
    ("confirmations", "departments' answers (回执): import iTIP REPLY files, fetch the answers on the CalDAV server",
     confirmations.add_confirmations_arguments, confirmations.run_confirmations),
    ("conflicts", "list planned or published visits whose departments are no longer all free",
     schedule.add_conflicts_arguments, schedule.run_conflicts),
]


class _VersionAction(argparse.Action):
    """`--version`: looked up only when asked, so building the parser stays as quick as `--help` needs."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from desktop_app.version import app_version

        print(f"{APP_NAME} {app_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="联合验收排期 — Joint Acceptance Scheduler. Without a subcommand, opens the GUI.")
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help="database file (default: the user data directory)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default=None,
                        help="language of the GUI and of messages (default zh_CN)")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text, add_arguments, handler in COMMANDS:
        sub = subcommands.add_parser(name, help=help_text, description=help_text)
        add_arguments(sub)
        sub.set_defaults(handler=handler)
    parser.set_defaults(handler=run_gui)
    return parser
