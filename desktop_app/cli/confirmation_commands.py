"""The departments' answers (回执): `visit confirm`, `visit confirmations`, `confirmations import|fetch`."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli.common import (
    EXIT_OK, UsageError, add_common_arguments, bureau_today, bureau_zone, caldav_password,
    open_database, print_json,
)


def confirm_visit(repo, args: argparse.Namespace) -> int:
    """`visit confirm VISIT_ID DEPARTMENT (confirmed|declined|pending) [--reason TEXT]`: a phone call, by hand."""
    from desktop_app.core.acceptance.confirmations import HAND_ANSWERS, record_confirmation, state_label
    from desktop_app.core.model.messages import tr

    if len(args.ids) != 3 or not isinstance(args.ids[0], int) or str(args.ids[2]) not in HAND_ANSWERS:
        raise UsageError(tr("`visit confirm` takes VISIT_ID DEPARTMENT and one of confirmed, declined, pending."))
    visit_id, department, answer = args.ids[0], str(args.ids[1]), str(args.ids[2])
    today = bureau_today(repo, args.today)
    confirmation = record_confirmation(repo, visit_id, department, HAND_ANSWERS[answer], args.reason, today=today)
    if args.json:
        from desktop_app.core.acceptance.confirmations import confirmations_of, confirmation_json

        (item,) = confirmations_of(repo, [repo.visit(visit_id)], today)
        print_json(confirmation_json(item, repo.department_names()))
        return EXIT_OK
    print(tr("Visit {visit}, {department}: {state}", visit=visit_id, department=department,
             state=state_label(confirmation.state)) + (f"（{confirmation.reason}）" if confirmation.reason else ""))
    return EXIT_OK


def list_confirmations(repo, args: argparse.Namespace) -> int:
    """`visit confirmations`: each published visit's departments with their answer (回执)."""
    from desktop_app.core.acceptance.confirmations import (
        confirmation_json, source_label, state_label, visit_confirmations,
    )
    from desktop_app.core.model.messages import tr

    today = bureau_today(repo, args.today)
    # From today unless asked otherwise: a visit already held waits for results, not for answers.
    items = visit_confirmations(repo, today, args.first or today, args.last)
    names = repo.department_names()
    if args.json:
        print_json([confirmation_json(item, names) for item in items])
        return EXIT_OK
    zone = bureau_zone(repo)
    for item in items:
        visit = item.visit
        print(tr("{id}  {project}  {when}", id=visit.id, project=visit.project,
                 when=f"{visit.start.astimezone(zone):%Y-%m-%d %H:%M}-{visit.end.astimezone(zone):%H:%M}"))
        for c in item.confirmations:
            answered = (f"  {source_label(c.source)} {c.answered_at.astimezone(zone):%Y-%m-%d %H:%M}"
                        if c.source is not None and c.answered_at else "")
            print(f"  {c.department} {names.get(c.department, '')}  {state_label(c.state)}"
                  + (f"  {c.reason}" if c.reason else "") + answered)
    if not items:
        print(tr("No published visits."))
    return EXIT_OK


def add_confirmations_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("import", "fetch"),
                        help="import: REPLY .ics files from Outlook/Thunderbird (all or nothing); fetch: read the "
                             "departments' PARTSTAT on the CalDAV server (publishing's settings)")
    parser.add_argument("files", type=Path, nargs="*", metavar="FILE")
    parser.add_argument("--caldav", metavar="URL", help="fetch: the CalDAV server (default: the settings')")
    parser.add_argument("--caldav-user", metavar="NAME", help="fetch: the user name (default: the settings')")
    parser.add_argument("--ask-password", action="store_true", help="fetch: type the password")
    parser.add_argument("--timeout", type=float, default=None, metavar="S", help="fetch: seconds per request")
    add_common_arguments(parser, json_flag=True)


def run_confirmations(args: argparse.Namespace) -> int:
    """`confirmations import FILE...` and `confirmations fetch`."""
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository

    repo = Repository(open_database(args))
    if args.action == "import":
        from desktop_app.core.acceptance.replies import import_replies

        if not args.files:
            raise UsageError(tr("`confirmations import` needs at least one REPLY file."))
        done = import_replies(repo, args.files)
        if args.json:
            print_json({"files": done.files, "recorded": done.recorded, "unchanged": done.unchanged})
        else:
            print(done.message())
        return EXIT_OK
    return _fetch_confirmations(repo, args)


def _fetch_confirmations(repo, args: argparse.Namespace) -> int:
    """`confirmations fetch`: the departments' PARTSTAT in our events on the CalDAV server (reads only)."""
    from desktop_app.core.feeds.publishing import CalDAVTarget, DEFAULT_TIMEOUT_SECONDS, fetch_confirmations
    from desktop_app.core.model.messages import tr

    settings = repo.settings()
    url = args.caldav or settings.caldav_url
    if not url:
        raise UsageError(tr("No CalDAV server: give --caldav URL or set the CalDAV server in the settings."))
    user = args.caldav_user if args.caldav_user is not None else settings.caldav_username
    password = caldav_password(url, user, ask=args.ask_password)
    recorded = fetch_confirmations(repo, CalDAVTarget(url, user, password, args.timeout or DEFAULT_TIMEOUT_SECONDS))
    if args.json:
        print_json({"server": url, "recorded": recorded})
    else:
        print(tr("{url}: {count} new answer(s) of the departments (回执) recorded.", url=url, count=recorded))
    return EXIT_OK
