"""`availability` (departments' busy time, holidays, the city server) and `department` (blocked dates, seasonal
office hours): what decides when a department is free."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli.common import (
    EXIT_BAD_INPUT, EXIT_OK, UsageError, add_common_arguments, date_argument, date_argument_or_usage, open_database,
    positive_seconds, print_json,
)


def add_availability_arguments(parser: argparse.ArgumentParser) -> None:
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
    parser.add_argument("--timeout", type=positive_seconds, default=15.0, metavar="SECONDS",
                        help="give up a URL download that is not complete after this many seconds (default 15)")
    add_common_arguments(parser, json_flag=True, today=True)


def run_availability(args: argparse.Namespace) -> int:
    """Busy-time sources: import one, refresh them, list them; or import a holiday calendar."""
    from desktop_app.core.calendar import availability
    from desktop_app.core.model.messages import tr

    db = open_database(args)
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
        print_json([{"department": s.department, "location": s.location, "events": s.event_count,
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
        print_json([{"url": c.url, "department": c.department, "bureau": c.bureau, "name": c.name,
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


def add_department_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("show", "block", "unblock", "hours", "unhours"),
                        help="show: blocked dates and seasonal hours; block FIRST [LAST] [REASON]; "
                             "unblock [DAY]; hours STARTS_ON 'MO-FR 09:00-12:00,13:30-17:00'; unhours STARTS_ON")
    parser.add_argument("department", metavar="DEPARTMENT")
    parser.add_argument("first", nargs="?", type=date_argument, metavar="DATE")
    parser.add_argument("second", nargs="?", metavar="LAST_DAY_OR_HOURS")
    parser.add_argument("reason", nargs="?", metavar="REASON")
    add_common_arguments(parser, json_flag=True)


def run_department(args: argparse.Namespace) -> int:
    """A department's blocked dates and seasonal office hours: what the GUI's department page edits."""
    from desktop_app.core.calendar import availability
    from desktop_app.core.model.messages import tr

    db = open_database(args)
    code = args.department
    if args.action == "block":
        if not args.first:
            raise UsageError(tr("`department block` needs FIRST_DAY [LAST_DAY] [REASON]."))
        last = date_argument_or_usage(args.second) if args.second else args.first
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


def _show_department_calendar(db, code: str, as_json: bool) -> None:
    from desktop_app.core.calendar import availability
    from desktop_app.core.model.messages import tr

    blocked = availability.blocked_periods(db, code)
    variants = availability.office_hours_variants(db, code)
    if as_json:
        print_json({"blocked": [{"first_day": p.first_day.isoformat(), "last_day": p.last_day.isoformat(),
                                  "reason": p.reason} for p in blocked],
                     "seasonal_hours": [{"starts_on": d.isoformat(), "office_hours": h.format()}
                                        for _, d, h in variants]})
        return
    for period in blocked:
        print(tr("blocked {first} – {last}: {reason}", first=period.first_day, last=period.last_day,
                 reason=period.reason or "—"))
    for _, starts_on, hours in variants:
        print(tr("from {date}: {hours}", date=starts_on, hours=hours.format()))
