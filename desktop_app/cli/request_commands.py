"""After the visit: `request rectified|history`, `results import` (a file of results) and `visit record`
(one visit's results; `visit` itself is in visit_commands)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.cli.common import (
    EXIT_OK, UsageError, add_common_arguments, bureau_today, date_argument, datetime_argument, open_database,
    print_json, recorded_at,
)


@dataclass
class FindingWords:
    """One --rectify finding as given, with the --item and --attachment options that followed it."""

    text: str
    items: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)


@dataclass
class FindingOptions:
    """`visit record`'s finding options in command-line order (args.findings)."""

    findings: list[FindingWords] = field(default_factory=list)
    stray: tuple[str, str] | None = None     # the first --item/--attachment given before any --rectify


class FindingOption(argparse.Action):
    """--rectify starts a finding; --item and --attachment belong to the --rectify given before them.

    argparse's "append" would keep three unrelated lists, and pairing them by position attached
    `--rectify A --rectify B --attachment b.jpg` to A. Each option still fills its own list as well."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        setattr(namespace, self.dest, [*(getattr(namespace, self.dest, None) or []), values])
        if getattr(namespace, "findings", None) is None:
            namespace.findings = FindingOptions()
        given: FindingOptions = namespace.findings
        if self.dest == "rectify":
            given.findings.append(FindingWords(values))
        elif not given.findings:
            given.stray = given.stray or (option_string, values)
        elif self.dest == "item":
            given.findings[-1].items.append(values)
        else:
            given.findings[-1].attachments.append(values)


FINDING_RULE = ("--item and --attachment belong to the --rectify given just before them, at most one of each per "
                "finding: --rectify A --item I02 --rectify B --attachment b.jpg")


def add_request_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("rectified", "history"),
                        help="rectified: the owner reported the findings fixed on DATE; history: every change")
    parser.add_argument("code", metavar="CODE")
    parser.add_argument("date", type=date_argument, nargs="?", metavar="DATE")
    add_common_arguments(parser, json_flag=True, today=True)


def run_request(args: argparse.Namespace) -> int:
    """`request rectified CODE DATE` and `request history CODE`."""
    from desktop_app.core.acceptance.history_text import describe
    from desktop_app.core.acceptance.rectification import report_rectified
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store import history
    from desktop_app.core.store.repository import Repository

    repo = Repository(open_database(args))
    if repo.project(args.code) is None:
        raise UsageError(tr("There is no request {code}.", code=args.code))
    if args.action == "rectified":
        if args.date is None:
            raise UsageError(tr("`request rectified` needs the date the owner reported the fixes (YYYY-MM-DD)."))
        today = bureau_today(repo, args.today)
        done = report_rectified(repo, args.code, args.date, today=today, clerk=history.clerk_name(repo.settings()))
        print(tr("Request {code}: re-inspection round {round} of {departments}, due by {deadline}.",
                 code=args.code, round=done.after.round, departments="、".join(_open_departments(repo, done.after)),
                 deadline=done.after.round_deadline))
        return EXIT_OK
    entries = history.entries(repo.db, args.code)
    if args.json:
        print_json([{"at": e.at.isoformat(), "clerk": e.clerk, "event": e.event, "visit": e.visit,
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


def add_results_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("import",), help="import: record the results of a CSV/XLSX file")
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--at", type=datetime_argument, default=None, metavar="DATETIME",
                        help="when the results are recorded (default now; they must follow each visit's start)")
    add_common_arguments(parser, json_flag=True)


def run_results(args: argparse.Namespace) -> int:
    """`results import FILE`: departments' results from a CSV/XLSX, all or nothing."""
    from desktop_app.core.acceptance.results import status_label
    from desktop_app.core.dataset.results_import import import_results
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.history import clerk_name
    from desktop_app.core.store.repository import Repository

    repo = Repository(open_database(args))
    now = recorded_at(repo, args.at)
    done = import_results(args.file, repo, now=now, clerk=clerk_name(repo.settings()))
    if args.json:
        print_json({"visits": done.visits, "results": done.results,
                     "requests": {code: str(status) for code, status in done.statuses.items()}})
        return EXIT_OK
    print(tr("{results} results recorded for {visits} visits.", results=done.results, visits=done.visits))
    for code, status in sorted(done.statuses.items()):
        print(tr("Request {code}: {status}.", code=code, status=status_label(status)))
    return EXIT_OK


def record_visit_results(repo, args: argparse.Namespace) -> int:
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
    now = recorded_at(repo, args.at)
    done = record_results(repo, visit_id, entries, now=now, clerk=clerk_name(repo.settings()))
    if args.json:
        print_json({"visit": visit_id, "visit_status": str(done.visit_after.status),
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
    given: FindingOptions = getattr(args, "findings", None) or FindingOptions()
    if args.rectify:
        return DepartmentResult(args.department, Opinion.RECTIFY, _findings(given, Finding))
    if args.item or args.attachment:
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


def _findings(given: FindingOptions, Finding) -> tuple:
    """Each --rectify with the --item and --attachment given after it (FindingOption keeps the order)."""
    from desktop_app.core.model.messages import tr

    if given.stray is not None:
        option, value = given.stray
        raise UsageError(tr("{option} {value!r} comes before any --rectify: give it after the finding it belongs to "
                            "(--rectify TEXT --item ITEM --attachment PATH).", option=option, value=value))
    for words in given.findings:
        for option, values in (("--item", words.items), ("--attachment", words.attachments)):
            if len(values) > 1:
                raise UsageError(tr("The finding {text!r} has {count} {option} options; give at most one --item "
                                    "and one --attachment after each --rectify.", text=words.text,
                                    count=len(values), option=option))
    return tuple(Finding(w.text, w.items[0] if w.items else None, w.attachments[0] if w.attachments else "")
                 for w in given.findings)
