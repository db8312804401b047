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


class UsageError(Exception):
    """Bad command-line usage; exit status 2."""


def _date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {text!r} (expected YYYY-MM-DD)") from None


def _database(args: argparse.Namespace, *, demo_on_first_run: bool = True):
    from desktop_app.core.dataset.first_run import open_or_create
    from desktop_app.core.model.messages import tr

    db, path, loaded_demo = open_or_create(args.db, getattr(args, "today", None),
                                           demo_on_first_run=demo_on_first_run)
    if loaded_demo:
        print(tr("First run: the demo data was loaded into {path}", path=path), file=sys.stderr)
    return db


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# --- handlers ------------------------------------------------------------------------------
def _run_gui(args: argparse.Namespace) -> int:
    from desktop_app.ui.app import run_gui

    return run_gui(args.db, args.lang)


def _run_demo(args: argparse.Namespace) -> int:
    from desktop_app.core.calendar.availability import store_calendar_bytes
    from desktop_app.core.dataset.demo import load_demo
    from desktop_app.core.dataset.first_run import default_database_path
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository

    db = _database(args, demo_on_first_run=False)
    path = args.db or default_database_path()
    if not Repository(db).is_empty():
        print(tr("{path} already holds data; the demo was not loaded again.", path=path), file=sys.stderr)
        return EXIT_OK
    load_demo(db, today=args.today, availability_writer=store_calendar_bytes, history=True)
    print(tr("Demo data loaded into {path}", path=path))
    return EXIT_OK


def _run_import(args: argparse.Namespace) -> int:
    from desktop_app.core.calendar.availability import store_calendar_bytes
    from desktop_app.core.dataset.dataset_import import import_dataset
    from desktop_app.core.dataset.first_run import database_for_import
    from desktop_app.core.model.messages import tr

    # A failed first import leaves no new database behind (nor its -wal/-shm, nor a folder made for it).
    with database_for_import(args.db) as (db, _):
        plan = import_dataset(args.source, db, store_calendar_bytes)
    if args.json:
        _print_json(plan.summary())
    else:
        for sheet, counts in plan.summary().items():
            print(tr("{sheet}: {new} new, {changed} changed, {unchanged} unchanged", sheet=sheet, **counts))
    return EXIT_OK


def _run_stats(args: argparse.Namespace) -> int:
    from desktop_app.core.reports.metrics import database_stats
    from desktop_app.core.store.repository import Repository

    repo = Repository(_database(args))
    # Results are overdue for visits ended before now; with --today fixed, before that day (reproducible).
    now = None if args.today else _bureau_now(repo)
    stats = database_stats(repo, args.today or now.date(), now=now)
    if args.json:
        _print_json(stats)
    else:
        print(format_stats(stats))
    if stats["calendar"]["warning"]:
        print(stats["calendar"]["warning"], file=sys.stderr)
    return EXIT_OK


def _short_time(iso: str | None) -> str:
    """An ISO timestamp as local 'YYYY-MM-DD HH:MM' for people ('—' when absent)."""
    return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M") if iso else "—"


def format_stats(stats: dict) -> str:
    from desktop_app.core.model.messages import tr

    metrics, by_status = stats["metrics"], stats["requests_by_status"]
    lines = [
        tr("Requests: {total} ({waiting} waiting, {scheduled} scheduled, {rectifying} rectifying, {done} accepted, "
           "{failed} not passed, {withdrawn} withdrawn)", total=sum(by_status.values()), waiting=by_status["pending"],
           scheduled=by_status["scheduled"], rectifying=by_status["rectifying"], done=by_status["done"],
           failed=by_status["failed"], withdrawn=by_status["withdrawn"]),
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
    lines += _lifecycle_lines(stats["lifecycle"])
    for source in stats["availability_sources"]:
        lines.append(tr("Busy time of {department}: {location}, {events} events, refreshed {fetched}",
                        department=source["department"], location=source["location"], events=source["events"],
                        fetched=_short_time(source["fetched_at"])))
        if source["last_error"]:
            lines.append("  " + source["last_error"])
    return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    """'25%', or '—' when there is nothing to divide by (no decided request, no visit held)."""
    return f"{part / whole:.0%}" if whole else "—"


def _lifecycle_lines(life: dict, top: int = 5) -> list[str]:
    """The after-the-visit figures of `stats` (definitions: core/reports/lifecycle_figures.py)."""
    from desktop_app.core.model.messages import tr

    overdue = life["results_overdue"]
    lines = [
        tr("Accepted this month ({month}): {accepted}; in all {all_accepted} accepted, {failed} not passed; one-pass "
           "rate {one_pass} ({first_round} of {decided} decided)", month=life["month"],
           accepted=life["accepted_this_month"], all_accepted=life["accepted"], failed=life["failed"],
           one_pass=_share(life["accepted_first_round"], life["decided"]), first_round=life["accepted_first_round"],
           decided=life["decided"]),
        tr("Visits held: {held}, {with_findings} asked for rectification ({rate}); re-inspections held: "
           "{reinspections}; findings: {findings}", held=life["visits_held"], with_findings=life["visits_with_findings"],
           rate=_share(life["visits_with_findings"], life["visits_held"]), reinspections=life["reinspections_held"],
           findings=life["findings"]),
        tr("Mean time from application to the joint acceptance opinion: {days} working days",
           days=f"{life['mean_working_days_to_opinion']:.1f}" if life["accepted"] else "—"),
        tr("Results overdue: {count} visit(s): {visits}", count=overdue["count"],
           visits="、".join(str(v) for v in overdue["visits"][:20]) + ("…" if overdue["count"] > 20 else ""))
        if overdue["count"] else tr("Results overdue: none"),
    ]
    if life["rectification_by_department"]:
        lines.append(tr("Rectification rate by department: {departments}", departments="；".join(
            tr("{name} {rate} ({rectify} of {inspections})", name=d["name"], rate=_share(d["rectify"], d["inspections"]),
               rectify=d["rectify"], inspections=d["inspections"]) for d in life["rectification_by_department"][:top])))
    if life["findings_by_item"]:
        lines.append(tr("Items with the most findings: {items}", items="；".join(
            f"{i['name'] or tr('(no item named)')} {i['findings']}" for i in life["findings_by_item"][:top])))
    return lines


# --- iCal export and publishing (DESIGN §6) --------------------------------------------------
def _run_export(args: argparse.Namespace) -> int:
    from desktop_app.core.feeds.publishing import publish_folder
    from desktop_app.core.store.repository import Repository

    result = publish_folder(Repository(_database(args)), args.folder, invitations=args.invitations)
    print(_folder_summary(result))
    return EXIT_OK


def _folder_summary(result) -> str:
    from desktop_app.core.model.messages import tr

    return tr("{folder}: {written} file(s) written, {unchanged} unchanged, {removed} removed",
              folder=result.folder, written=len(result.written), unchanged=len(result.unchanged),
              removed=len(result.removed))


def _add_publish_arguments(parser: argparse.ArgumentParser) -> None:
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
    _common(parser)


def _run_publish(args: argparse.Namespace) -> int:
    from desktop_app.core.feeds.ical_export import load_feed_source
    from desktop_app.core.model.messages import tr
    from desktop_app.core.feeds.publishing import (
        CalDAVTarget, PublishError, caldav_password, publish_caldav, publish_folder, remember_caldav_password,
    )
    from desktop_app.core.store.repository import Repository

    repo = Repository(_database(args))
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
        if args.ask_password:
            import getpass

            password = getpass.getpass(tr("CalDAV password for {user} at {url}: ", user=user, url=url))
        else:
            password = caldav_password(url, user)
        result = publish_caldav(repo, CalDAVTarget(url, user, password, args.timeout), source=source)
        print(tr("{url}: {created} event(s) created, {updated} updated, {removed} removed, {unchanged} unchanged; "
                 "{calendars} calendar(s) created", url=url, created=result.created, updated=result.updated,
                 removed=result.removed, unchanged=result.unchanged, calendars=len(result.calendars_created)))
        if result.answers_recorded:
            print(tr("{count} answer(s) of the departments (回执) read from the server.", count=result.answers_recorded))
        if result.withheld:
            names = {d.code: d.name for d in repo.departments()}
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


def _add_print_arguments(parser: argparse.ArgumentParser) -> None:
    """`print notice|day|week|rectification|opinion`: nested subcommands, each with its own arguments."""
    documents = parser.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    notice = documents.add_parser("notice", help="owners' notices (联合验收告知书): one project or a date range",
                                  description="one project's notice, or every notice of a date range")
    notice.add_argument("project", nargs="?", metavar="PROJECT", help="project code")
    notice.add_argument("--from", dest="first", type=_date_argument, metavar="DATE", help="first visit date")
    notice.add_argument("--to", dest="last", type=_date_argument, metavar="DATE", help="last visit date")
    outputs = notice.add_mutually_exclusive_group(required=True)
    outputs.add_argument("--out", type=Path, metavar="FILE.pdf", help="one PDF holding every notice")
    outputs.add_argument("--out-dir", type=Path, metavar="DIR", help="one PDF per project in DIR (date range)")
    day = documents.add_parser("day", help="the day sheet of the bureau or of one department",
                               description="the day sheet of the bureau or of one department")
    day.add_argument("day", type=_date_argument, metavar="DATE")
    day.add_argument("--department", metavar="CODE", help="department code (default: the whole bureau)")
    day.add_argument("--out", type=Path, metavar="FILE.pdf", required=True)
    week = documents.add_parser("week", help="landscape overview of the week holding DATE",
                                description="landscape overview of the week holding DATE")
    week.add_argument("day", type=_date_argument, metavar="DATE")
    week.add_argument("--out", type=Path, metavar="FILE.pdf", required=True)
    rectification = documents.add_parser(
        "rectification", help="the rectification notice (整改通知书): every finding of a rectifying request",
        description="every open finding of every department, for the owner, with the deadline")
    rectification.add_argument("project", metavar="CODE", help="request code")
    rectification.add_argument("--out", type=Path, metavar="FILE.pdf", required=True)
    opinion = documents.add_parser(
        "opinion", help="the joint acceptance opinion (联合验收意见书) of an accepted request",
        description="the joint acceptance opinion of an accepted request; the first print takes its number "
                    "from the register, later prints repeat it")
    opinion.add_argument("project", metavar="CODE", help="request code")
    opinion.add_argument("--out", type=Path, metavar="FILE.pdf", required=True)
    opinion.add_argument("--sign", action="store_true",
                         help="sign with the bureau's certificate (settings: signing_certificate); the password is "
                              "read from JOINT_ACCEPTANCE_SIGNING_PASSWORD or the system keyring")
    opinion.add_argument("--ask-password", action="store_true",
                         help="ask for the certificate's password (not echoed) instead of looking it up")
    opinion.add_argument("--remember-password", action="store_true",
                         help="after a successful signature, store the password in the system keyring")
    for sub in (notice, day, week, rectification, opinion):
        sub.add_argument("--today", type=_date_argument, default=None, metavar="DATE",
                         help="date of issue printed on the documents (default: today)")
        _common(sub)


def _run_print(args: argparse.Namespace) -> int:
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository
    from desktop_app.printing import print_jobs

    issued_on = args.today or dt.date.today()
    if args.document == "notice":
        ranged = args.first is not None or args.last is not None
        if (args.project is None) == (not ranged) or (ranged and (args.first is None or args.last is None)):
            raise UsageError(tr("print notice: give either PROJECT or both --from DATE and --to DATE."))
        if args.project is not None and args.out_dir is not None:
            raise UsageError(tr("print notice: --out-dir is for a date range; use --out for one project."))
    repo = Repository(_database(args))
    if args.document == "notice" and args.project is not None:
        result = print_jobs.print_project_notice(repo, args.project, args.out, issued_on)
    elif args.document == "notice":
        result = print_jobs.print_range_notices(repo, args.first, args.last, issued_on,
                                                out=args.out, out_dir=args.out_dir)
    elif args.document == "day":
        result = print_jobs.print_day_sheet(repo, args.day, args.out, issued_on, args.department)
    elif args.document == "rectification":
        result = print_jobs.print_rectification(repo, args.project, args.out, issued_on)
    elif args.document == "opinion":
        return _print_opinion(repo, args, args.today or _bureau_now(repo).date())
    else:
        result = print_jobs.print_week(repo, args.day, args.out, issued_on)
    where = result.files[0] if len(result.files) == 1 else result.files[0].parent
    print(tr("Printed {documents} document(s), {pages} page(s): {where}",
             documents=result.documents, pages=result.pages, where=where))
    return EXIT_OK


def _print_opinion(repo, args: argparse.Namespace, today: dt.date) -> int:
    """`print opinion CODE [--sign]`: the request is checked before the certificate's password is asked for."""
    from desktop_app.core.acceptance.opinion import accepted_request
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.acceptance_records import opinion_number
    from desktop_app.core.store.history import clerk_name
    from desktop_app.printing import print_jobs

    if not args.sign and (args.ask_password or args.remember_password):
        raise UsageError(tr("--ask-password and --remember-password go with --sign."))
    settings = repo.settings()
    signer, password = None, None
    if args.sign:
        from desktop_app.printing import signing

        accepted_request(repo, args.project)
        path = signing.certificate_path(settings.signing_certificate)
        if args.ask_password:
            import getpass

            password = getpass.getpass(tr("Password of the signing certificate {path}: ", path=path))
        else:
            password = signing.signing_password(path)
        signer = signing.load_signer(path, password, dt.datetime.now(dt.timezone.utc))
    result = print_jobs.print_opinion(repo, args.project, args.out, today, clerk_name(settings), signer)
    number = opinion_number(repo.db, args.project).number
    if signer is None:
        print(tr("Printed {number}: {where}", number=number, where=result.files[0]))
    else:
        print(tr("Signed {number} with the certificate of {subject}: {where}", number=number, subject=signer.subject,
                 where=result.files[0]))
    if signer is not None and args.remember_password and password:
        try:   # failing to store the password does not undo the signed document
            signing.remember_signing_password(signer.path, password)
            print(tr("The password is stored in the system keyring."))
        except signing.SigningError as error:
            print(str(error), file=sys.stderr)
    return EXIT_OK


def _add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """`report month YYYY-MM --out FILE.xlsx`: nested like `print`, so other reports can join later."""
    reports = parser.add_subparsers(dest="report", metavar="REPORT", required=True)
    month = reports.add_parser("month", help="the monthly report for the leadership, as an Excel workbook",
                               description="the year's months up to MONTH, each department and item in MONTH, a chart")
    month.add_argument("month", metavar="MONTH", help="the month, YYYY-MM (e.g. 2026-11)")
    month.add_argument("--out", type=Path, metavar="FILE.xlsx", required=True)
    month.add_argument("--today", type=_date_argument, default=None, metavar="DATE",
                       help="date the report is made on (default: today)")
    _common(month)


def _run_report(args: argparse.Namespace) -> int:
    from desktop_app.core.model.messages import tr
    from desktop_app.core.reports.monthly_report import monthly_report, parse_month, write_monthly_report
    from desktop_app.core.store.repository import Repository

    year, month = parse_month(args.month)       # before the database is opened: bad input changes nothing
    repo = Repository(_database(args))
    report = monthly_report(repo, year, month, today=args.today or _bureau_now(repo).date())
    path = write_monthly_report(report, args.out)
    print(tr("Monthly report for {year}-{month:02d} written to {path}", year=year, month=month, path=path))
    return EXIT_OK


def _run_schedule(args: argparse.Namespace) -> int:
    from desktop_app.core.store.repository import Repository
    from desktop_app.core.planning.scheduler import run_schedule, summary_lines

    if args.time_limit <= 0:
        raise UsageError("--time-limit must be a positive number of seconds")
    result = run_schedule(Repository(_database(args)), args.today or dt.date.today(), solver=args.solver,
                          time_limit=args.time_limit, dry_run=args.dry_run)
    if args.json:
        _print_json(result.as_json())
    else:
        print("\n".join(summary_lines(result)))
    return EXIT_OK


def _datetime_argument(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad time {text!r} (expected YYYY-MM-DDTHH:MM)") from None


def _run_move(args: argparse.Namespace) -> int:
    """Check (and unless --check, save) one manual move: the same core calls as the GUI's drag & drop."""
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository
    from desktop_app.core.planning.scheduler import MoveRefusedError, apply_move, check_move

    repo = Repository(_database(args))
    today = args.today or dt.date.today()
    shown = repo.visit(args.visit)
    check = check_move(repo, args.visit, args.start, today=today)
    if check.ok and not args.check:
        # Checked again inside the write, and refused if the visit changed since it was read.
        check = apply_move(repo, args.visit, args.start, today=today, expected=shown)
    if args.json:
        _print_json({"visit": args.visit, "ok": check.ok, "late": check.late, "reasons": check.reasons,
                     "saved": check.ok and not args.check,
                     "start": check.visit.start.isoformat() if check.visit else None,
                     "end": check.visit.end.isoformat() if check.visit else None})
    elif check.ok:
        print(tr("Visit {id} {verb} {when}{late}.", id=args.visit,
                 verb=tr("may move to") if args.check else tr("moved to"),
                 when=f"{check.visit.start:%Y-%m-%d %H:%M}-{check.visit.end:%H:%M}",
                 late=tr(" (after its deadline)") if check.late else ""))
    if not check.ok:
        raise MoveRefusedError(tr("Visit {id} cannot move to {when}: {reasons}", id=args.visit,
                                  when=f"{args.start:%Y-%m-%d %H:%M}", reasons="；".join(check.reasons)))
    return EXIT_OK


def _add_move_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("visit", type=int, metavar="VISIT_ID")
    parser.add_argument("start", type=_datetime_argument, metavar="START",
                        help="new start, e.g. 2026-12-03T14:30 (the bureau's time zone)")
    parser.add_argument("--check", action="store_true", help="only say whether the move is allowed")
    _common(parser, json_flag=True, today=True)


def _add_schedule_arguments(parser: argparse.ArgumentParser) -> None:
    _common(parser, json_flag=True, today=True)
    parser.add_argument("--time-limit", type=float, default=10.0, metavar="SECONDS",
                        help="stop the optimiser after this many seconds (default 10)")
    parser.add_argument("--solver", choices=("cpsat", "greedy"), default="cpsat",
                        help="cpsat (optimising, default) or greedy (earliest slot in priority order)")
    parser.add_argument("--dry-run", action="store_true", help="show the plan without saving it")


def _run_availability(args: argparse.Namespace) -> int:
    """Busy-time sources: import one, refresh them, list them; or import a holiday calendar."""
    from desktop_app.core.calendar import availability
    from desktop_app.core.model.messages import tr

    db = _database(args)
    window = availability.planning_window(args.today) if args.today else None
    if args.holidays:
        if args.department or args.source or args.refresh:
            raise UsageError(tr("--holidays takes only the .ics file (and --complete-year)"))
        from desktop_app.core.calendar.ical_reader import read_feed_file
        from desktop_app.core.calendar.workdays import import_holiday_calendar

        imported = import_holiday_calendar(db, read_feed_file(args.holidays), str(args.holidays), args.complete_year)
        print(tr("{count} holiday overrides stored from {source}", count=len(imported), source=args.holidays))
        return EXIT_OK
    if args.complete_year:
        raise UsageError(tr("--complete-year goes with --holidays FILE.ics"))
    if args.discover:
        return _discover_city_calendars(db, args, window)
    if args.refresh:
        if args.source:
            raise UsageError(tr("--refresh takes at most a department, not a source"))
        failed = 0
        due = None
        if args.due:
            from desktop_app.core.calendar.city import due_sources
            from desktop_app.core.store.repository import Repository

            minutes = Repository(db).settings().calendar_refresh_minutes
            due = {s.id for s in due_sources(db, setting_minutes=minutes)}
        for outcome in availability.refresh_sources(db, args.department, window=window, timeout=args.timeout,
                                                    only=due):
            if outcome.result is not None:
                print(outcome.result.message())
            else:
                failed += 1
                print(outcome.error, file=sys.stderr)
        return EXIT_BAD_INPUT if failed else EXIT_OK
    if args.due:
        raise UsageError(tr("--due goes with --refresh"))
    if args.source:
        print(availability.import_source(db, args.department, args.source, window=window, timeout=args.timeout,
                                         username=args.user).message())
        return EXIT_OK
    if args.department and not db.execute("SELECT 1 FROM departments WHERE code = ?", [args.department]).fetchone():
        raise availability.AvailabilityError(tr("unknown department {code!r}", code=args.department))
    listed = availability.sources(db, args.department)
    if args.json:
        _print_json([{"department": s.department, "location": s.location, "events": s.event_count,
                      "fetched_at": s.fetched_at.isoformat() if s.fetched_at else None,
                      "attempted_at": s.attempted_at.isoformat() if s.attempted_at else None,
                      "last_error": s.last_error} for s in listed])
        return EXIT_OK
    for source in listed:
        age = availability.age_text(source.fetched_at) if source.fetched_at else "—"
        print(tr("{department}: {location}, {events} events, refreshed {fetched} ({age} ago)",
                 department=source.department, location=source.location, events=source.event_count,
                 fetched=source.fetched_at.strftime("%Y-%m-%d %H:%M") if source.fetched_at else "—", age=age))
        if source.last_error:
            print("  " + source.last_error)
    if not listed:
        print(tr("No busy-time sources yet: joint-acceptance availability DEPARTMENT FILE_OR_URL"))
    return EXIT_OK


def _discover_city_calendars(db, args: argparse.Namespace, window) -> int:
    """`availability --discover`: other bureaus' department calendars on the city server, attached by code."""
    from desktop_app.core.calendar.city import discover
    from desktop_app.core.model.messages import tr

    found = discover(db, server=args.server, username=args.user, timeout=args.timeout, attach=not args.list_only,
                     window=window)
    if args.json:
        _print_json([{"url": c.url, "department": c.department, "bureau": c.bureau, "name": c.name,
                      "attached": c.attached} for c in found])
        return EXIT_OK
    for calendar in found:
        line = tr("{bureau} — {department}: {url}", bureau=calendar.bureau, department=calendar.department,
                  url=calendar.url)
        if not calendar.attached:
            line += tr(" (no city department {code} here: not attached)", code=calendar.department)
        print(line)
    if not found:
        print(tr("No other bureau's department calendars are readable by this account on the city server."))
    return EXIT_OK


def _add_availability_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("department", nargs="?", metavar="DEPARTMENT", help="department code, e.g. D01")
    parser.add_argument("source", nargs="?", metavar="SOURCE",
                        help=".ics file, http(s)/webcal URL, or a CalDAV calendar caldav(s)://host/path/")
    parser.add_argument("--user", default=None, metavar="NAME",
                        help="user name for the source or the city server; the password comes from "
                             "JOINT_ACCEPTANCE_SOURCE_PASSWORD, JOINT_ACCEPTANCE_CALDAV_PASSWORD or the keyring")
    parser.add_argument("--discover", action="store_true",
                        help="list other bureaus' department calendars on the city server and attach each to "
                             "the city department with the same code")
    parser.add_argument("--list-only", action="store_true", help="with --discover: list, do not attach")
    parser.add_argument("--server", default=None, metavar="URL",
                        help="with --discover: the city CalDAV server (default: the settings)")
    parser.add_argument("--due", action="store_true",
                        help="with --refresh: only sources whose refresh interval (the feed's REFRESH-INTERVAL "
                             "or the setting calendar_refresh_minutes) has passed")
    parser.add_argument("--refresh", action="store_true",
                        help="fetch every URL source again (of DEPARTMENT, or all); failures keep the last good copy")
    parser.add_argument("--holidays", type=Path, metavar="FILE.ics",
                        help="import the bureau's holiday overrides from an .ics calendar (events named 休/班)")
    parser.add_argument("--complete-year", type=int, action="append", default=[], metavar="YEAR",
                        help="with --holidays: the file is the complete official schedule for YEAR")
    parser.add_argument("--timeout", type=_positive_seconds, default=15.0, metavar="SECONDS",
                        help="give up a URL download that is not complete after this many seconds (default 15)")
    _common(parser, json_flag=True, today=True)


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds between 0 and 3600")
    return value


def _run_conflicts(args: argparse.Namespace) -> int:
    """Planned and published visits whose departments are no longer all free (issue 8)."""
    from desktop_app.core.planning.conflicts import conflict_lines, upcoming_conflicts
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository

    repo = Repository(_database(args))
    today = args.today or dt.date.today()
    conflicts = upcoming_conflicts(repo, today)
    if args.json:
        _print_json({"today": today.isoformat(),
                     "conflicts": [c.as_json() for visit in sorted(conflicts) for c in conflicts[visit]]})
    elif conflicts:
        print("\n".join(conflict_lines(conflicts, repo)))
    else:
        print(tr("No conflicts: every planned or published visit from {date} on still fits its departments' time.",
                 date=today.isoformat()))
    return EXIT_OK


def _run_visit(args: argparse.Namespace) -> int:
    """List visits, or lock / unlock / cancel / publish them, or show where one may move: as in the GUI."""
    from desktop_app.core.planning import visit_actions
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository

    repo = Repository(_database(args))
    if args.action == "list":
        return _list_visits(repo, args)
    if args.action == "confirmations":
        return _list_confirmations(repo, args)
    if args.action == "confirm":
        return _confirm_visit(repo, args)
    if any(not isinstance(i, int) for i in args.ids):
        raise UsageError(tr("bad visit number {value!r}", value=next(i for i in args.ids if not isinstance(i, int))))
    if not args.ids:
        raise UsageError(tr("Name at least one visit (VISIT_ID); `visit list` shows them."))
    if args.action == "slots":
        return _visit_slots(repo, args)
    if args.action == "record":
        return _record_results(repo, args)
    visits = visit_actions.load_visits(repo, args.ids)
    action, message = {
        "lock": (lambda: visit_actions.set_locked(repo, visits, True), "{count} visit(s) locked."),
        "unlock": (lambda: visit_actions.set_locked(repo, visits, False), "{count} visit(s) unlocked."),
        "cancel": (lambda: visit_actions.cancel_visits(repo, visits), "{count} visit(s) cancelled."),
        "publish": (lambda: visit_actions.mark_published(repo, visits), "{count} visit(s) marked published."),
    }[args.action]
    print(tr(message, count=len(action())))
    return EXIT_OK


def _record_results(repo, args: argparse.Namespace) -> int:
    """`visit record`: one department's opinion (or every department passed) at one visit."""
    from desktop_app.core.acceptance.results import opinion_label, record_results, status_label
    from desktop_app.core.model.domain import DepartmentResult, Finding, Opinion
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store import acceptance_records
    from desktop_app.core.store.history import clerk_name

    if len(args.ids) != 1:
        raise UsageError(tr("`visit record` takes one VISIT_ID."))
    visit_id = args.ids[0]
    if args.all_passed:
        visit = repo.visit(visit_id)
        recorded = {r.department for r in acceptance_records.results(repo.db, visit=visit_id)}
        entries = [DepartmentResult(d, Opinion.PASSED) for d in (visit.departments if visit else ())
                   if d not in recorded]
        if visit is not None and not entries:
            raise UsageError(tr("Every department of visit {id} already has a result.", id=visit_id))
    else:
        entries = [_department_result(args, DepartmentResult, Finding, Opinion)]
    now = args.at or _bureau_now(repo)
    if now.tzinfo is None:
        now = now.replace(tzinfo=_bureau_zone(repo))
    done = record_results(repo, visit_id, entries, now=now, clerk=clerk_name(repo.settings()))
    if args.json:
        _print_json({"visit": visit_id, "visit_status": str(done.visit_after.status),
                     "project": done.project_after.code, "status": str(done.project_after.status),
                     "results": [{"department": e.department, "opinion": str(e.opinion)} for e in entries]})
        return EXIT_OK
    for entry in entries:
        print(tr("{department}: {opinion}", department=entry.department, opinion=opinion_label(entry.opinion)))
    print(tr("Request {code}: {status}.", code=done.project_after.code, status=status_label(done.project_after.status)))
    return EXIT_OK


def _department_result(args: argparse.Namespace, DepartmentResult, Finding, Opinion):
    from desktop_app.core.model.messages import tr

    if not args.department:
        raise UsageError(tr("`visit record` needs --all-passed, or --department CODE with its opinion "
                            "(--passed, --rectify TEXT, --failed REASON, --absent or --not-ready)."))
    items, attachments = args.item or [], args.attachment or []
    if args.rectify:
        if len(items) > len(args.rectify) or len(attachments) > len(args.rectify):
            raise UsageError(tr("Give at most one --item and one --attachment per --rectify finding."))
        findings = tuple(Finding(text, items[i] if i < len(items) else None,
                                 attachments[i] if i < len(attachments) else "")
                         for i, text in enumerate(args.rectify))
        return DepartmentResult(args.department, Opinion.RECTIFY, findings)
    if items or attachments:
        raise UsageError(tr("--item and --attachment belong to a --rectify finding."))
    if args.failed is not None:
        return DepartmentResult(args.department, Opinion.FAILED, reason=args.failed)
    if args.absent is not None:
        return DepartmentResult(args.department, Opinion.ABSENT, reason=args.absent)
    if args.not_ready is not None:
        return DepartmentResult(args.department, Opinion.NOT_READY, reason=args.not_ready)
    if args.passed:
        return DepartmentResult(args.department, Opinion.PASSED)
    raise UsageError(tr("`visit record` needs --all-passed, or --department CODE with its opinion "
                        "(--passed, --rectify TEXT, --failed REASON, --absent or --not-ready)."))


def _bureau_now(repo):
    import datetime as dt

    return dt.datetime.now(_bureau_zone(repo))


def _run_request(args: argparse.Namespace) -> int:
    """`request rectified CODE DATE` and `request history CODE`."""
    from desktop_app.core.acceptance.history_text import describe
    from desktop_app.core.acceptance.rectification import report_rectified
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store import history
    from desktop_app.core.store.repository import Repository

    repo = Repository(_database(args))
    if repo.project(args.code) is None:
        raise UsageError(tr("There is no request {code}.", code=args.code))
    if args.action == "rectified":
        if args.date is None:
            raise UsageError(tr("`request rectified` needs the date the owner reported the fixes (YYYY-MM-DD)."))
        today = args.today or _bureau_now(repo).date()
        done = report_rectified(repo, args.code, args.date, today=today, clerk=history.clerk_name(repo.settings()))
        print(tr("Request {code}: re-inspection round {round} of {departments}, due by {deadline}.",
                 code=args.code, round=done.after.round, departments="、".join(_open_departments(repo, done.after)),
                 deadline=done.after.round_deadline))
        return EXIT_OK
    entries = history.entries(repo.db, args.code)
    if args.json:
        _print_json([{"at": e.at.isoformat(), "clerk": e.clerk, "event": e.event, "visit": e.visit,
                      "detail": e.detail, "text": describe(e)} for e in entries])
        return EXIT_OK
    for entry in entries:
        print(f"{entry.at:%Y-%m-%d %H:%M}  {entry.clerk}  {describe(entry)}")
    return EXIT_OK


def _open_departments(repo, project) -> list[str]:
    from desktop_app.core.acceptance.standing import outstanding_items
    from desktop_app.core.store.acceptance_records import results

    items = {i.code: i for i in repo.items()}
    return sorted({items[i].department for i in outstanding_items(project, items, results(repo.db, project=project.code))})


def _run_results(args: argparse.Namespace) -> int:
    """`results import FILE`: departments' results from a CSV/XLSX, all or nothing."""
    from desktop_app.core.acceptance.results import status_label
    from desktop_app.core.dataset.results_import import import_results
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.history import clerk_name
    from desktop_app.core.store.repository import Repository

    repo = Repository(_database(args))
    now = args.at or _bureau_now(repo)
    if now.tzinfo is None:
        now = now.replace(tzinfo=_bureau_zone(repo))
    done = import_results(args.file, repo, now=now, clerk=clerk_name(repo.settings()))
    if args.json:
        _print_json({"visits": done.visits, "results": done.results,
                     "requests": {code: str(status) for code, status in done.statuses.items()}})
        return EXIT_OK
    print(tr("{results} results recorded for {visits} visits.", results=done.results, visits=done.visits))
    for code, status in sorted(done.statuses.items()):
        print(tr("Request {code}: {status}.", code=code, status=status_label(status)))
    return EXIT_OK


def _add_results_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("import",), help="import: record the results of a CSV/XLSX file")
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--at", type=_datetime_argument, default=None, metavar="DATETIME",
                        help="when the results are recorded (default now; they must follow each visit's start)")
    _common(parser, json_flag=True)


def _add_request_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("rectified", "history"),
                        help="rectified: the owner reported the findings fixed on DATE; history: every change")
    parser.add_argument("code", metavar="CODE")
    parser.add_argument("date", type=_date_argument, nargs="?", metavar="DATE")
    _common(parser, json_flag=True, today=True)


def _list_visits(repo, args: argparse.Namespace) -> int:
    from desktop_app.core.model.messages import tr

    zone = _bureau_zone(repo)
    start = dt.datetime.combine(args.first, dt.time(), zone) if args.first else None
    end = dt.datetime.combine(args.last + dt.timedelta(days=1), dt.time(), zone) if args.last else None
    visits = repo.visits(start=start, end=end, project=args.project, include_cancelled=args.all)
    if args.json:
        _print_json([{"id": v.id, "project": v.project, "start": v.start.isoformat(), "end": v.end.isoformat(),
                      "place": v.place, "departments": list(v.departments), "items": list(v.items),
                      "status": str(v.status), "locked": v.locked, "joint": v.joint, "sequence": v.sequence}
                     for v in visits])
        return EXIT_OK
    for v in visits:
        print(tr("{id}  {project}  {when}  {place}  {departments}  {status}{locked}", id=v.id, project=v.project,
                 when=f"{v.start:%Y-%m-%d %H:%M}-{v.end:%H:%M}", place=v.place, departments="、".join(v.departments),
                 status=tr(str(v.status)), locked=tr(" (locked)") if v.locked else ""))
    return EXIT_OK


def _id_or_word(text: str) -> int | str:
    """A visit number, or (for `visit confirm`) a department code or an answer."""
    return int(text) if text.isdigit() else text


def _confirm_visit(repo, args: argparse.Namespace) -> int:
    """`visit confirm VISIT_ID DEPARTMENT (confirmed|declined|pending) [--reason TEXT]`: a phone call, by hand."""
    from desktop_app.core.acceptance.confirmations import HAND_ANSWERS, record_confirmation, state_label
    from desktop_app.core.model.messages import tr

    if len(args.ids) != 3 or not isinstance(args.ids[0], int) or str(args.ids[2]) not in HAND_ANSWERS:
        raise UsageError(tr("`visit confirm` takes VISIT_ID DEPARTMENT and one of confirmed, declined, pending."))
    visit_id, department, answer = args.ids[0], str(args.ids[1]), str(args.ids[2])
    today = args.today or _bureau_now(repo).date()
    confirmation = record_confirmation(repo, visit_id, department, HAND_ANSWERS[answer], args.reason, today=today)
    if args.json:
        from desktop_app.core.acceptance.confirmations import confirmations_of, confirmation_json

        (item,) = confirmations_of(repo, [repo.visit(visit_id)], today)
        _print_json(confirmation_json(item, {d.code: d.name for d in repo.departments()}))
        return EXIT_OK
    print(tr("Visit {visit}, {department}: {state}", visit=visit_id, department=department,
             state=state_label(confirmation.state)) + (f"（{confirmation.reason}）" if confirmation.reason else ""))
    return EXIT_OK


def _list_confirmations(repo, args: argparse.Namespace) -> int:
    """`visit confirmations`: each published visit's departments with their answer (回执)."""
    from desktop_app.core.acceptance.confirmations import (
        confirmation_json, source_label, state_label, visit_confirmations,
    )
    from desktop_app.core.model.messages import tr

    today = args.today or _bureau_now(repo).date()
    items = visit_confirmations(repo, today, args.first, args.last)
    names = {d.code: d.name for d in repo.departments()}
    if args.json:
        _print_json([confirmation_json(item, names) for item in items])
        return EXIT_OK
    zone = _bureau_zone(repo)
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


def _add_confirmations_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("import", "fetch"),
                        help="import: REPLY .ics files from Outlook/Thunderbird (all or nothing); fetch: read the "
                             "departments' PARTSTAT on the CalDAV server (publishing's settings)")
    parser.add_argument("files", type=Path, nargs="*", metavar="FILE")
    parser.add_argument("--caldav", metavar="URL", help="fetch: the CalDAV server (default: the settings')")
    parser.add_argument("--caldav-user", metavar="NAME", help="fetch: the user name (default: the settings')")
    parser.add_argument("--ask-password", action="store_true", help="fetch: type the password")
    parser.add_argument("--timeout", type=float, default=None, metavar="S", help="fetch: seconds per request")
    _common(parser, json_flag=True)


def _run_confirmations(args: argparse.Namespace) -> int:
    """`confirmations import FILE...` and `confirmations fetch`."""
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository

    repo = Repository(_database(args))
    if args.action == "import":
        from desktop_app.core.acceptance.replies import import_replies

        if not args.files:
            raise UsageError(tr("`confirmations import` needs at least one REPLY file."))
        done = import_replies(repo, args.files)
        if args.json:
            _print_json({"files": done.files, "recorded": done.recorded, "unchanged": done.unchanged})
        else:
            print(done.message())
        return EXIT_OK
    return _fetch_confirmations(repo, args)


def _fetch_confirmations(repo, args: argparse.Namespace) -> int:
    """`confirmations fetch`: the departments' PARTSTAT in our events on the CalDAV server (reads only)."""
    from desktop_app.core.feeds.publishing import CalDAVTarget, DEFAULT_TIMEOUT_SECONDS, caldav_password, \
        fetch_confirmations
    from desktop_app.core.model.messages import tr

    settings = repo.settings()
    url = args.caldav or settings.caldav_url
    if not url:
        raise UsageError(tr("No CalDAV server: give --caldav URL or set the CalDAV server in the settings."))
    user = args.caldav_user if args.caldav_user is not None else settings.caldav_username
    if args.ask_password:
        import getpass

        password = getpass.getpass(tr("CalDAV password for {user} at {url}: ", user=user, url=url))
    else:
        password = caldav_password(url, user)
    recorded = fetch_confirmations(repo, CalDAVTarget(url, user, password, args.timeout or DEFAULT_TIMEOUT_SECONDS))
    if args.json:
        _print_json({"server": url, "recorded": recorded})
    else:
        print(tr("{url}: {count} new answer(s) of the departments (回执) recorded.", url=url, count=recorded))
    return EXIT_OK


def _bureau_zone(repo):
    from zoneinfo import ZoneInfo

    return ZoneInfo(repo.settings().timezone)


def _visit_slots(repo, args: argparse.Namespace) -> int:
    from desktop_app.core.planning import visit_actions
    from desktop_app.core.model.messages import tr

    (visit,) = visit_actions.load_visits(repo, args.ids[:1])
    options = visit_actions.move_options(repo, visit, args.today or dt.date.today())
    if options.refusal:
        raise UsageError(tr("Visit {id} cannot move: {reason}", id=visit.id, reason=options.refusal))
    if args.json:
        _print_json({"visit": visit.id, "slots": [
            {"start": r.slot.start_at.isoformat(), "end": r.slot.end_at.isoformat(), "place": r.slot.place,
             "late": r.slot.late, "new_trips": r.new_trips, "preference_met": r.preference_met}
            for r in options.slots],
            "rejected": [{"start": r.slot.start_at.isoformat(), "reasons": list(r.reasons)}
                         for r in options.rejected]})
        return EXIT_OK
    print(tr("Visit {id} ({project}) may move to:", id=visit.id, project=visit.project))
    for ranked in options.slots[:args.limit]:
        slot = ranked.slot
        print(tr("  {when}  {place}  {trips}{preference}",
                 when=f"{slot.start_at:%Y-%m-%d %H:%M}-{slot.end_at:%H:%M}", place=slot.place,
                 trips=tr("{count} new department trip(s)", count=ranked.new_trips) if ranked.new_trips
                 else tr("no new department trip"),
                 preference=(tr(", preferred half-day") if ranked.preference_met else "")
                 + (tr(", late") if slot.late else "")))
    if not options.slots:
        print(tr("No other time is possible."))
    if options.rejected:
        print(tr("Not possible (tempting but blocked):"))
        for rejected in options.rejected[:args.limit]:
            print(f"  {rejected.slot.start_at:%Y-%m-%d %H:%M}  " + "；".join(rejected.reasons))
    return EXIT_OK


def _add_visit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("list", "lock", "unlock", "cancel", "publish", "slots", "record",
                                           "confirm", "confirmations"),
                        help="list visits; lock/unlock/cancel/publish the given visits; "
                             "slots: every time one visit may move to, best first; record: its results; "
                             "confirm VISIT_ID DEPARTMENT (confirmed|declined|pending): a department's answer (回执); "
                             "confirmations: each published visit's departments' answers")
    parser.add_argument("ids", type=_id_or_word, nargs="*", metavar="VISIT_ID")
    parser.add_argument("--reason", default="", metavar="TEXT",
                        help="confirm: the department's words (recommended with declined)")
    parser.add_argument("--from", dest="first", type=_date_argument, metavar="DATE", help="list: first day")
    parser.add_argument("--to", dest="last", type=_date_argument, metavar="DATE", help="list: last day")
    parser.add_argument("--project", metavar="CODE", help="list: only this project's visits")
    parser.add_argument("--all", action="store_true", help="list: include cancelled visits")
    parser.add_argument("--limit", type=int, default=20, help="slots: how many to print (default 20)")
    results = parser.add_argument_group("record: one department's opinion, or --all-passed")
    results.add_argument("--all-passed", action="store_true", help="every department without a result passed")
    results.add_argument("--department", metavar="CODE")
    opinion = results.add_mutually_exclusive_group()
    opinion.add_argument("--passed", action="store_true", help="通过")
    opinion.add_argument("--rectify", action="append", metavar="FINDING", help="需整改: one finding (repeatable)")
    opinion.add_argument("--failed", metavar="REASON", help="不通过, with the reason")
    opinion.add_argument("--absent", nargs="?", const="", metavar="NOTE", help="the department did not come")
    opinion.add_argument("--not-ready", nargs="?", const="", metavar="NOTE", help="the owner was not ready")
    results.add_argument("--item", action="append", metavar="ITEM",
                         help="the item of the --rectify finding at the same position")
    results.add_argument("--attachment", action="append", metavar="PATH",
                         help="a photo or document of the --rectify finding at the same position")
    results.add_argument("--at", type=_datetime_argument, default=None, metavar="DATETIME",
                         help="when the results are recorded (default now; they must follow the visit's start)")
    _common(parser, json_flag=True, today=True)


def _run_department(args: argparse.Namespace) -> int:
    """A department's blocked dates and seasonal office hours: what the GUI's department page edits."""
    from desktop_app.core.calendar import availability
    from desktop_app.core.model.messages import tr

    db = _database(args)
    code = args.department
    if args.action == "block":
        if not args.first:
            raise UsageError(tr("`department block` needs FIRST_DAY [LAST_DAY] [REASON]."))
        last = _date_argument_or_usage(args.second) if args.second else args.first
        availability.add_blocked_period(db, code, args.first, last, args.reason or "")
        print(tr("{department} blocked {first} – {last}.", department=code, first=args.first, last=last))
    elif args.action == "unblock":
        removed = [p for p in availability.blocked_periods(db, code)
                   if args.first is None or p.first_day <= args.first <= p.last_day]
        for period in removed:
            availability.delete_blocked_period(db, period.id)
        print(tr("{count} blocked period(s) removed.", count=len(removed)))
    elif args.action == "hours":
        if not (args.first and args.second):
            raise UsageError(tr("`department hours` needs STARTS_ON and the office hours text."))
        availability.set_office_hours_variant(db, code, args.first, args.second)
        print(tr("{department}: office hours {hours} from {date}.", department=code, hours=args.second,
                 date=args.first))
    elif args.action == "unhours":
        if not args.first or not availability.delete_office_hours_variant(db, code, args.first):
            raise UsageError(tr("{department} has no seasonal office hours starting on {date}.",
                                department=code, date=args.first))
        print(tr("{department}: seasonal office hours from {date} removed.", department=code, date=args.first))
    else:
        _show_department_calendar(db, code, args.json)
    return EXIT_OK


def _date_argument_or_usage(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"bad date {text!r} (expected YYYY-MM-DD)") from None


def _show_department_calendar(db, code: str, as_json: bool) -> None:
    from desktop_app.core.calendar import availability
    from desktop_app.core.model.messages import tr

    blocked = availability.blocked_periods(db, code)
    variants = availability.office_hours_variants(db, code)
    if as_json:
        _print_json({"blocked": [{"first_day": p.first_day.isoformat(), "last_day": p.last_day.isoformat(),
                                  "reason": p.reason} for p in blocked],
                     "seasonal_hours": [{"starts_on": d.isoformat(), "office_hours": h.format()}
                                        for _, d, h in variants]})
        return
    for period in blocked:
        print(tr("blocked {first} – {last}: {reason}", first=period.first_day, last=period.last_day,
                 reason=period.reason or "—"))
    for _, starts_on, hours in variants:
        print(tr("from {date}: {hours}", date=starts_on, hours=hours.format()))


def _add_department_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("show", "block", "unblock", "hours", "unhours"),
                        help="show: blocked dates and seasonal hours; block FIRST [LAST] [REASON]; "
                             "unblock [DAY]; hours STARTS_ON 'MO-FR 09:00-12:00,13:30-17:00'; unhours STARTS_ON")
    parser.add_argument("department", metavar="DEPARTMENT")
    parser.add_argument("first", nargs="?", type=_date_argument, metavar="DATE")
    parser.add_argument("second", nargs="?", metavar="LAST_DAY_OR_HOURS")
    parser.add_argument("reason", nargs="?", metavar="REASON")
    _common(parser, json_flag=True)


def _run_settings(args: argparse.Namespace) -> int:
    """Show the bureau's settings, or change one: `settings bureau_name 某某区行政审批局`."""
    import dataclasses

    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository

    repo = Repository(_database(args))
    settings = repo.settings()
    values = dataclasses.asdict(settings)
    if args.key is None:
        if args.json:
            _print_json(values)
        else:
            for key, value in values.items():
                print(f"{key} = {value}")
        return EXIT_OK
    field = next((f for f in dataclasses.fields(settings) if f.name == args.key), None)
    if field is None:
        raise UsageError(tr("Unknown setting {key!r}; `settings` lists them.", key=args.key))
    if args.value is None:
        print(values[args.key])
        return EXIT_OK
    repo.save_settings(dataclasses.replace(settings, **{args.key: _setting_value(values[args.key], args)}))
    print(tr("{key} = {value}", key=args.key, value=getattr(repo.settings(), args.key)))
    return EXIT_OK


def _setting_value(current: object, args: argparse.Namespace) -> object:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from desktop_app.core.model.domain import MAX_DAILY_CAPACITY
    from desktop_app.core.model.messages import tr

    text = args.value
    try:
        if isinstance(current, bool):
            if text.lower() not in ("true", "false", "yes", "no", "1", "0"):
                raise ValueError(text)
            return text.lower() in ("true", "yes", "1")
        if isinstance(current, int):
            value = int(text)
            # A zero grain would allow no start; a zero occurrence limit would drop every series.
            if value < (1 if args.key in ("grain_minutes", "calendar_occurrence_limit") else 0):
                raise ValueError(text)
            if args.key == "default_capacity" and value > MAX_DAILY_CAPACITY:
                raise UsageError(tr("Bad value {value!r} for {key}: use a whole number from {minimum} to {maximum}.",
                                    value=text, key=args.key, minimum=0, maximum=MAX_DAILY_CAPACITY))
            return value
        if isinstance(current, tuple):
            return tuple(int(part) for part in text.replace("，", ",").split(",") if part.strip())
    except ValueError:
        raise UsageError(tr("Bad value {value!r} for {key}.", value=text, key=args.key)) from None
    if args.key == "timezone":
        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise UsageError(tr("Unknown time zone {value!r} (e.g. Asia/Shanghai).", value=text)) from None
    return text


def _add_settings_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key", nargs="?", metavar="KEY", help="a setting's name (omit to list them all)")
    parser.add_argument("value", nargs="?", metavar="VALUE", help="its new value (omit to print it)")
    _common(parser, json_flag=True)


def _run_remove(args: argparse.Namespace) -> int:
    """Delete a request, department, item or place by code, refused while anything still uses it."""
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository

    repo = Repository(_database(args))
    read, replace = {
        "request": (repo.project, repo.replace_project),
        "department": (repo.department, repo.replace_department),
        "item": (repo.item, repo.replace_item),
        "place": (repo.place, repo.replace_place),
    }[args.kind]
    record = read(args.code)
    if record is None:
        raise UsageError(tr("There is no {kind} {code!r}.", kind=tr(args.kind), code=args.code))
    replace(record, None)
    print(tr("{code} deleted.", code=args.code))
    return EXIT_OK


def _add_remove_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=("request", "department", "item", "place"))
    parser.add_argument("code", metavar="CODE")
    _common(parser)


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
    ("schedule", "plan joint visits for waiting requests and save them", _add_schedule_arguments, _run_schedule),
    ("move", "move one visit by hand, refused if it breaks a hard rule", _add_move_arguments, _run_move),
    ("request", "after the visit: report a request's findings fixed; its history", _add_request_arguments,
     _run_request),
    ("results", "import the departments' results from a CSV or XLSX file (all or nothing)", _add_results_arguments,
     _run_results),
    ("visit", "list visits; lock, unlock, cancel or publish them; where one may move",
     _add_visit_arguments, _run_visit),
    ("department", "a department's blocked dates and seasonal office hours", _add_department_arguments,
     _run_department),
    ("settings", "show or change the bureau's settings", _add_settings_arguments, _run_settings),
    ("remove", "delete a request, department, item or place (refused while still in use)",
     _add_remove_arguments, _run_remove),
    ("export", "write the iCal feeds: shared, one per department, one per project",
     lambda p: (p.add_argument("folder", type=Path, metavar="DIR"),
                p.add_argument("--invitations", action="store_true",
                               help="also write METHOD:REQUEST/CANCEL invitation files"), _common(p)),
     _run_export),
    ("publish", "publish the feeds to a folder and/or mirror them to a CalDAV server",
     _add_publish_arguments, _run_publish),
    ("print", "print owners' notices, day sheets, the week overview, rectification notices and joint acceptance "
              "opinions to PDF", _add_print_arguments, _run_print),
    ("report", "the monthly report for the bureau's leadership (Excel workbook with a chart)", _add_report_arguments,
     _run_report),
    ("availability", "import a department's busy time (.ics file or URL), refresh or list the sources",
     _add_availability_arguments, _run_availability),
    ("confirmations", "departments' answers (回执): import iTIP REPLY files, fetch the answers on the CalDAV server",
     _add_confirmations_arguments, _run_confirmations),
    ("conflicts", "list planned or published visits whose departments are no longer all free",
     lambda p: _common(p, json_flag=True, today=True), _run_conflicts),
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
    parser.set_defaults(handler=_run_gui)
    return parser


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
