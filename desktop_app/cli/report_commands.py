"""`stats` (counts, the seed's figures, the after-the-visit figures) and `report month` (the Excel workbook)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from desktop_app.cli.common import (
    EXIT_OK, add_common_arguments, bureau_now, bureau_today, date_argument, open_database, print_json,
)


def add_stats_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_arguments(parser, json_flag=True, today=True)


def run_stats(args: argparse.Namespace) -> int:
    from desktop_app.core.reports.metrics import database_stats
    from desktop_app.core.store.repository import Repository

    repo = Repository(open_database(args))
    # Results are overdue for visits ended before now; with --today fixed, before that day (reproducible).
    now = None if args.today else bureau_now(repo)
    stats = database_stats(repo, args.today or now.date(), now=now)
    if args.json:
        print_json(stats)
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


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """`report month YYYY-MM --out FILE.xlsx`: nested like `print`, so other reports can join later."""
    reports = parser.add_subparsers(dest="report", metavar="REPORT", required=True)
    month = reports.add_parser("month", help="the monthly report for the leadership, as an Excel workbook",
                               description="the year's months up to MONTH, each department and item in MONTH, a chart")
    month.add_argument("month", metavar="MONTH", help="the month, YYYY-MM (e.g. 2026-11)")
    month.add_argument("--out", type=Path, metavar="FILE.xlsx", required=True)
    month.add_argument("--today", type=date_argument, default=None, metavar="DATE",
                       help="date the report is made on (default: today)")
    add_common_arguments(month)


def run_report(args: argparse.Namespace) -> int:
    from desktop_app.core.model.messages import tr
    from desktop_app.core.reports.monthly_report import monthly_report, parse_month, write_monthly_report
    from desktop_app.core.store.repository import Repository

    year, month = parse_month(args.month)       # before the database is opened: bad input changes nothing
    repo = Repository(open_database(args))
    report = monthly_report(repo, year, month, today=bureau_today(repo, args.today))
    path = write_monthly_report(report, args.out)
    print(tr("Monthly report for {year}-{month:02d} written to {path}", year=year, month=month, path=path))
    return EXIT_OK
