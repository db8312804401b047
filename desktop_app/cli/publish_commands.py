"""`export` (the iCal feeds into a folder) and `publish` (folder and/or CalDAV server), DESIGN §6."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli.common import (
    EXIT_OK, UsageError, add_common_arguments, caldav_password, open_database,
)


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, metavar="DIR")
    parser.add_argument("--invitations", action="store_true", help="also write METHOD:REQUEST/CANCEL invitation files")
    add_common_arguments(parser)


def run_export(args: argparse.Namespace) -> int:
    from desktop_app.core.feeds.publishing import publish_folder
    from desktop_app.core.store.repository import Repository

    result = publish_folder(Repository(open_database(args)), args.folder, invitations=args.invitations)
    print(_folder_summary(result))
    return EXIT_OK


def _folder_summary(result) -> str:
    from desktop_app.core.model.messages import tr

    return tr("{folder}: {written} file(s) written, {unchanged} unchanged, {removed} removed",
              folder=result.folder, written=len(result.written), unchanged=len(result.unchanged),
              removed=len(result.removed))


def add_publish_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--folder", type=Path, default=None, metavar="DIR",
                        help="write the feeds into this folder (default: the export folder in the settings)")
    parser.add_argument("--caldav", default=None, metavar="URL",
                        help="mirror the visits to this CalDAV server (default: the server in the settings)")
    parser.add_argument("--caldav-user", default=None, metavar="NAME",
                        help="CalDAV user name (default: the settings); the password is read from the "
                             "environment variable JOINT_ACCEPTANCE_CALDAV_PASSWORD or the system keyring")
    parser.add_argument("--ask-password", action="store_true",
                        help="ask for the CalDAV password (not echoed) instead of looking it up")
    parser.add_argument("--remember-password", action="store_true",
                        help="after a successful publish, store the password in the system keyring")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                        help="give up on an unanswered CalDAV request after this many seconds")
    parser.add_argument("--invitations", action="store_true",
                        help="also write METHOD:REQUEST/CANCEL invitation files into the folder")
    add_common_arguments(parser)


def run_publish(args: argparse.Namespace) -> int:
    from desktop_app.core.feeds.ical_export import load_feed_source
    from desktop_app.core.model.messages import tr
    from desktop_app.core.feeds.publishing import (
        CalDAVTarget, PublishError, publish_caldav, publish_folder, remember_caldav_password,
    )
    from desktop_app.core.store.repository import Repository

    repo = Repository(open_database(args))
    settings = repo.settings()
    # Targets named on the command line are the only ones; with none, both configured targets.
    if args.folder is not None or args.caldav is not None:
        folder, url = args.folder, args.caldav
    else:
        folder = Path(settings.export_folder) if settings.export_folder else None
        url = settings.caldav_url
    if folder is None and not url:
        raise UsageError(tr("Nothing to publish to: give --folder DIR or --caldav URL, or set the export "
                            "folder or CalDAV server in the settings."))
    source = load_feed_source(repo)
    if folder is not None:
        print(_folder_summary(publish_folder(repo, folder, invitations=args.invitations, source=source)))
    if url:
        user = args.caldav_user if args.caldav_user is not None else settings.caldav_username
        password = caldav_password(url, user, ask=args.ask_password)
        result = publish_caldav(repo, CalDAVTarget(url, user, password, args.timeout), source=source)
        print(tr("{url}: {created} event(s) created, {updated} updated, {removed} removed, {unchanged} unchanged; "
                 "{calendars} calendar(s) created", url=url, created=result.created, updated=result.updated,
                 removed=result.removed, unchanged=result.unchanged, calendars=len(result.calendars_created)))
        if result.answers_recorded:
            print(tr("{count} answer(s) of the departments (回执) read from the server.", count=result.answers_recorded))
        if result.withheld:
            names = repo.department_names()
            print(tr("{count} visit(s) not published: another bureau's visit of a shared department was there "
                     "first; move them (visit slots VISIT_ID lists the free times):", count=len(result.withheld)))
            for collision in result.withheld:
                print("  " + tr("visit {id} of {project}: {reason}", id=collision.visit_id, project=collision.project,
                                reason=collision.describe(names.get(collision.department))))
        if args.remember_password and password:
            # Only a password the server accepted is remembered; failing to store it does not undo the publish.
            try:
                remember_caldav_password(url, user, password)
                print(tr("The password is stored in the system keyring."))
            except PublishError as error:
                print(str(error), file=sys.stderr)
    return EXIT_OK
