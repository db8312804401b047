"""The desktop window (PySide6): the shell (app.py, main_window.py, the 排期 menu) with its parts:
controllers/ decide (workspace, undo, background jobs), pages/ and dialogs/ lay out, calendar/ paints the
shared calendar, widgets/ holds what they share. Calls the core and printing; never the CLI.
"""
