"""`python -m desktop_app` is the same as the `joint-acceptance` command."""

import multiprocessing
import sys

from desktop_app.cli import main

if __name__ == "__main__":
    # A frozen Windows build starts the auto-schedule's child process through this entry point.
    multiprocessing.freeze_support()
    sys.exit(main())
