"""The command line: `joint-acceptance` (DESIGN §5).

With no subcommand it opens the GUI. Each subcommand calls the same core functions the GUI
uses. Heavy libraries (Qt, OR-Tools, icalendar) are imported inside the handlers so that
``--help`` and the quick commands start fast.

Exit status: 0 success, 2 bad input or usage (one message on stderr, database unchanged),
1 anything else.

The modules: run.py (`main`, exit statuses from errors), parser.py (the subcommand registry),
common.py (what every command shares), then one module per group of commands (*_commands.py).
"""

from desktop_app.cli.parser import build_parser
from desktop_app.cli.run import gui_main, main

__all__ = ["build_parser", "gui_main", "main"]
