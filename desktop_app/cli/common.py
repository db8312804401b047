"""What every command shares: exit statuses, argument types, --db/--json/--today, the bureau's clock.

Heavy libraries stay out of this module's imports (as in every command module): `--help` must start fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
APP_NAME = "joint-acceptance"


class UsageError(Exception):
    """Bad command-line usage; exit status 2."""


# --- argument types ------------------------------------------------------------------------
def date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {text!r} (expected YYYY-MM-DD)") from None


def date_argument_or_usage(text: str) -> dt.date:
    """A date given in a free-text position (argparse could not check it): the same message, exit status 2."""
    try:
        return date_argument(text)
    except argparse.ArgumentTypeError as error:
        raise UsageError(str(error)) from None


def datetime_argument(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad time {text!r} (expected YYYY-MM-DDTHH:MM)") from None


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds between 0 and 3600")
    return value


def add_common_arguments(parser: argparse.ArgumentParser, *, json_flag: bool = False, today: bool = False) -> None:
    parser.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="PATH",
                        help="database file (default: the user data directory)")
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    if today:
        parser.add_argument("--today", type=date_argument, default=None, metavar="DATE",
                            help="fix 'today' (YYYY-MM-DD) so runs are reproducible")


# --- the database, output and the bureau's clock --------------------------------------------
def open_database(args: argparse.Namespace, *, demo_on_first_run: bool = True):
    from desktop_app.core.dataset.first_run import open_or_create
    from desktop_app.core.model.messages import tr

    db, path, loaded_demo = open_or_create(args.db, getattr(args, "today", None),
                                           demo_on_first_run=demo_on_first_run)
    if loaded_demo:
        print(tr("First run: the demo data was loaded into {path}", path=path), file=sys.stderr)
    return db


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def bureau_zone(repo):
    from zoneinfo import ZoneInfo

    return ZoneInfo(repo.settings().timezone)


def bureau_now(repo) -> dt.datetime:
    return dt.datetime.now(bureau_zone(repo))


def bureau_today(repo, today: dt.date | None) -> dt.date:
    """``--today`` when given, else the date in the bureau's time zone (every command's "today")."""
    return today or bureau_now(repo).date()


def recorded_at(repo, at: dt.datetime | None) -> dt.datetime:
    """When results are recorded: ``--at`` (a time without zone is the bureau's), else now."""
    now = at or bureau_now(repo)
    if now.tzinfo is None:
        now = now.replace(tzinfo=bureau_zone(repo))
    return now


def caldav_password(url: str, user: str, *, ask: bool) -> str | None:
    """The CalDAV password: typed (``--ask-password``, not echoed) or looked up (environment, keyring)."""
    from desktop_app.core.model.messages import tr

    if ask:
        import getpass

        return getpass.getpass(tr("CalDAV password for {user} at {url}: ", user=user, url=url))
    from desktop_app.core.feeds.publishing import caldav_password as stored_caldav_password

    return stored_caldav_password(url, user)
