"""`print notice|day|week|rectification|opinion`: the PDF documents (desktop_app.printing)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from desktop_app.cli.common import EXIT_OK, UsageError, add_common_arguments, bureau_today, date_argument, open_database


def add_print_arguments(parser: argparse.ArgumentParser) -> None:
    """`print notice|day|week|rectification|opinion`: nested subcommands, each with its own arguments."""
    documents = parser.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    notice = documents.add_parser("notice", help="owners' notices (联合验收告知书): one project or a date range",
                                  description="one project's notice, or every notice of a date range")
    notice.add_argument("project", nargs="?", metavar="PROJECT", help="project code")
    notice.add_argument("--from", dest="first", type=date_argument, metavar="DATE", help="first visit date")
    notice.add_argument("--to", dest="last", type=date_argument, metavar="DATE", help="last visit date")
    outputs = notice.add_mutually_exclusive_group(required=True)
    outputs.add_argument("--out", type=Path, metavar="FILE.pdf", help="one PDF holding every notice")
    outputs.add_argument("--out-dir", type=Path, metavar="DIR", help="one PDF per project in DIR (date range)")
    day = documents.add_parser("day", help="the day sheet of the bureau or of one department",
                               description="the day sheet of the bureau or of one department")
    day.add_argument("day", type=date_argument, metavar="DATE")
    day.add_argument("--department", metavar="CODE", help="department code (default: the whole bureau)")
    day.add_argument("--out", type=Path, metavar="FILE.pdf", required=True)
    week = documents.add_parser("week", help="landscape overview of the week holding DATE",
                                description="landscape overview of the week holding DATE")
    week.add_argument("day", type=date_argument, metavar="DATE")
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
        sub.add_argument("--today", type=date_argument, default=None, metavar="DATE",
                         help="date of issue printed on the documents (default: today)")
        add_common_arguments(sub)


def run_print(args: argparse.Namespace) -> int:
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository
    from desktop_app.printing import print_jobs

    if args.document == "notice":
        ranged = args.first is not None or args.last is not None
        if (args.project is None) == (not ranged) or (ranged and (args.first is None or args.last is None)):
            raise UsageError(tr("print notice: give either PROJECT or both --from DATE and --to DATE."))
        if args.project is not None and args.out_dir is not None:
            raise UsageError(tr("print notice: --out-dir is for a date range; use --out for one project."))
    repo = Repository(open_database(args))
    issued_on = bureau_today(repo, args.today)
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
        return _print_opinion(repo, args, issued_on)
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

    def write(signer=None):
        return print_jobs.print_opinion(repo, args.project, args.out, today, clerk_name(settings), signer)

    if not args.sign:
        result = write()
        print(tr("Printed {number}: {where}", number=opinion_number(repo.db, args.project).number,
                 where=result.files[0]))
        return EXIT_OK
    import getpass

    from desktop_app.printing import signing

    accepted_request(repo, args.project)
    typed = (lambda path: getpass.getpass(tr("Password of the signing certificate {path}: ", path=path))) \
        if args.ask_password else None
    signed = signing.sign_as_bureau(settings.signing_certificate, write, now=dt.datetime.now(dt.timezone.utc),
                                    typed=typed, remember=args.remember_password)
    print(tr("Signed {number} with the certificate of {subject}: {where}",
             number=opinion_number(repo.db, args.project).number, subject=signed.signer.subject,
             where=signed.written.files[0]))
    if signed.remembered:
        print(tr("The password is stored in the system keyring."))
    elif signed.remember_error is not None:   # failing to store the password does not undo the signed document
        print(str(signed.remember_error), file=sys.stderr)
    return EXIT_OK
