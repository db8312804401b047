"""The command line: `joint-acceptance` (DESIGN §5)."""

from desktop_app.cli.visit_commands import build_parser, gui_main, main

__all__ = ["build_parser", "gui_main", "main"]
