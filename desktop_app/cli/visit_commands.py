"""`visit`: list visits; lock, unlock, cancel or publish them; where one may move. `visit record` is in
request_commands, `visit confirm` and `visit confirmations` in confirmation_commands."""

from __future__ import annotations

import argparse
import datetime as dt

from desktop_app.cli.common import (
    EXIT_OK, UsageError, add_common_arguments, bureau_today, bureau_zone, date_argument, datetime_argument, open_database, print_json,
)
from desktop_app.cli.confirmation_commands import confirm_visit, list_confirmations
from desktop_app.cli.request_commands import FINDING_RULE, FindingOption, record_visit_results


def add_visit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("list", "lock", "unlock", "cancel", "publish", "slots", "record",
                                           "confirm", "confirmations"),
                        help="list visits; lock/unlock/cancel/publish the given visits; "
                             "slots: every time one visit may move to, best first; record: its results; "
                             "confirm VISIT_ID DEPARTMENT (confirmed|declined|pending): a department's answer (回执); "
                             "confirmations: each published visit's departments' answers")
    parser.add_argument("ids", type=_id_or_word, nargs="*", metavar="VISIT_ID")
    parser.add_argument("--reason", default="", metavar="TEXT",
                        help="confirm: the department's words (recommended with declined)")
    parser.add_argument("--from", dest="first", type=date_argument, metavar="DATE", help="list, confirmations: first day (confirmations: today if not given)")
    parser.add_argument("--to", dest="last", type=date_argument, metavar="DATE", help="list: last day")
    parser.add_argument("--project", metavar="CODE", help="list: only this project's visits")
    parser.add_argument("--all", action="store_true", help="list: include cancelled visits")
    parser.add_argument("--limit", type=int, default=20, help="slots: how many to print (default 20)")
    results = parser.add_argument_group("record: one department's opinion, or --all-passed", FINDING_RULE + ".")
    results.add_argument("--all-passed", action="store_true", help="every department without a result passed")
    results.add_argument("--department", metavar="CODE")
    opinion = results.add_mutually_exclusive_group()
    opinion.add_argument("--passed", action="store_true", help="通过")
    opinion.add_argument("--rectify", action=FindingOption, metavar="FINDING",
                         help="需整改: one finding (repeatable), followed by its own --item and --attachment")
    opinion.add_argument("--failed", metavar="REASON", help="不通过, with the reason")
    opinion.add_argument("--absent", nargs="?", const="", metavar="NOTE", help="the department did not come")
    opinion.add_argument("--not-ready", nargs="?", const="", metavar="NOTE", help="the owner was not ready")
    results.add_argument("--item", action=FindingOption, metavar="ITEM",
                         help="the item of the --rectify finding given just before it (at most one per finding)")
    results.add_argument("--attachment", action=FindingOption, metavar="PATH",
                         help="a photo or document of the --rectify finding given just before it (at most one per "
                              "finding)")
    results.add_argument("--at", type=datetime_argument, default=None, metavar="DATETIME",
                         help="when the results are recorded (default now; they must follow the visit's start)")
    add_common_arguments(parser, json_flag=True, today=True)


def _id_or_word(text: str) -> int | str:
    """A visit number, or (for `visit confirm`) a department code or an answer."""
    return int(text) if text.isdigit() else text


def run_visit(args: argparse.Namespace) -> int:
    """List visits, or lock / unlock / cancel / publish them, or show where one may move: as in the GUI."""
    from desktop_app.core.planning import visit_actions
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository

    repo = Repository(open_database(args))
    if args.action == "list":
        return _list_visits(repo, args)
    if args.action == "confirmations":
        return list_confirmations(repo, args)
    if args.action == "confirm":
        return confirm_visit(repo, args)
    if any(not isinstance(i, int) for i in args.ids):
        raise UsageError(tr("bad visit number {value!r}", value=next(i for i in args.ids if not isinstance(i, int))))
    if not args.ids:
        raise UsageError(tr("Name at least one visit (VISIT_ID); `visit list` shows them."))
    if args.action == "slots":
        return _visit_slots(repo, args)
    if args.action == "record":
        return record_visit_results(repo, args)
    visits = visit_actions.load_visits(repo, args.ids)
    action, message = {
        "lock": (lambda: visit_actions.set_locked(repo, visits, True), "{count} visit(s) locked."),
        "unlock": (lambda: visit_actions.set_locked(repo, visits, False), "{count} visit(s) unlocked."),
        "cancel": (lambda: visit_actions.cancel_visits(repo, visits), "{count} visit(s) cancelled."),
        "publish": (lambda: visit_actions.mark_published(repo, visits), "{count} visit(s) marked published."),
    }[args.action]
    print(tr(message, count=len(action())))
    return EXIT_OK


def _list_visits(repo, args: argparse.Namespace) -> int:
    from desktop_app.core.model.messages import tr

    zone = bureau_zone(repo)
    start = dt.datetime.combine(args.first, dt.time(), zone) if args.first else None
    end = dt.datetime.combine(args.last + dt.timedelta(days=1), dt.time(), zone) if args.last else None
    visits = repo.visits(start=start, end=end, project=args.project, include_cancelled=args.all)
    if args.json:
        print_json([{"id": v.id, "project": v.project, "start": v.start.isoformat(), "end": v.end.isoformat(),
                      "place": v.place, "departments": list(v.departments), "items": list(v.items),
                      "status": str(v.status), "locked": v.locked, "joint": v.joint, "sequence": v.sequence}
                     for v in visits])
        return EXIT_OK
    for v in visits:
        print(tr("{id}  {project}  {when}  {place}  {departments}  {status}{locked}", id=v.id, project=v.project,
                 when=f"{v.start:%Y-%m-%d %H:%M}-{v.end:%H:%M}", place=v.place, departments="、".join(v.departments),
                 status=tr(str(v.status)), locked=tr(" (locked)") if v.locked else ""))
    return EXIT_OK


def _visit_slots(repo, args: argparse.Namespace) -> int:
    from desktop_app.core.planning import visit_actions
    from desktop_app.core.model.messages import tr

    (visit,) = visit_actions.load_visits(repo, args.ids[:1])
    options = visit_actions.move_options(repo, visit, bureau_today(repo, args.today))
    if options.refusal:
        raise UsageError(tr("Visit {id} cannot move: {reason}", id=visit.id, reason=options.refusal))
    if args.json:
        print_json({"visit": visit.id, "slots": [
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
