"""`main`: parse, run the command's handler, and turn what went wrong into the exit status and one message."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from desktop_app.cli.common import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, UsageError
from desktop_app.cli.parser import build_parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_OK if exit_.code in (0, None) else EXIT_BAD_INPUT
    from desktop_app.core.model.errors import InputError
    from desktop_app.core.model.messages import set_language

    set_language(args.lang or "zh_CN")
    try:
        status = args.handler(args)
        sys.stdout.flush()       # here, not at exit: a reader that went away is handled below
        return status
    except (InputError, UsageError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except BrokenPipeError as error:
        if not _stdout_closed():
            print(f"{type(error).__name__}: {error}", file=sys.stderr)
            return EXIT_FAILURE
        return EXIT_OK
    except Exception as error:  # the last line of defence: one message, no traceback for users
        from desktop_app.core.store.database import busy_error, is_busy

        if is_busy(error):
            # Another process held the write lock past the busy timeout, somewhere the database layer
            # does not see (it maps its own): still bad luck, not a crash.
            from desktop_app.core.dataset.first_run import default_database_path

            print(str(busy_error(args.db or default_database_path())), file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        if "JOINT_ACCEPTANCE_DEBUG" in __import__("os").environ:
            raise
        return EXIT_FAILURE


def _stdout_closed() -> bool:
    """Whether the reader of our output went away (`... | head`): then stopping is all there is to do.

    Asked of the pipe itself (POLLERR once its reader is gone), so a broken network connection that
    ever got this far would still be reported.
    """
    import os
    import select

    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(descriptor, select.POLLOUT)
        if not any(events & select.POLLERR for _, events in poller.poll(0)):
            return False
    # Point stdout at nothing so the interpreter's own flush at exit does not complain again.
    os.dup2(os.open(os.devnull, os.O_WRONLY), descriptor)
    return True


def gui_main() -> int:
    """Entry point of `joint-acceptance-app` (no console window on Windows)."""
    import multiprocessing

    multiprocessing.freeze_support()   # a frozen build starts the auto-schedule's child through here
    return main(sys.argv[1:] if len(sys.argv) > 1 else [])
