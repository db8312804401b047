"""`demo`, `import` and `remove`: what goes into the database and what comes out of it by code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli.common import EXIT_OK, UsageError, add_common_arguments, open_database, print_json


def add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_arguments(parser, today=True)


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, metavar="DATASET_DIR_OR_XLSX")
    add_common_arguments(parser, json_flag=True)


def run_demo(args: argparse.Namespace) -> int:
    from desktop_app.core.calendar.availability import store_calendar_bytes
    from desktop_app.core.dataset.demo import load_demo
    from desktop_app.core.dataset.first_run import default_database_path
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository

    db = open_database(args, demo_on_first_run=False)
    path = args.db or default_database_path()
    if not Repository(db).is_empty():
        print(tr("{path} already holds data; the demo was not loaded again.", path=path), file=sys.stderr)
        return EXIT_OK
    load_demo(db, today=args.today, availability_writer=store_calendar_bytes, history=True)
    print(tr("Demo data loaded into {path}", path=path))
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from desktop_app.core.calendar.availability import store_calendar_bytes
    from desktop_app.core.dataset.dataset_import import import_dataset
    from desktop_app.core.dataset.first_run import database_for_import
    from desktop_app.core.model.messages import tr

    # A failed first import leaves no new database behind (nor its -wal/-shm, nor a folder made for it).
    with database_for_import(args.db) as (db, _):
        plan = import_dataset(args.source, db, store_calendar_bytes)
    if args.json:
        print_json(plan.summary())
    else:
        for sheet, counts in plan.summary().items():
            print(tr("{sheet}: {new} new, {changed} changed, {unchanged} unchanged", sheet=sheet, **counts))
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    """Delete a request, department, item or place by code, refused while anything still uses it."""
    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository

    repo = Repository(open_database(args))
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


def add_remove_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=("request", "department", "item", "place"))
    parser.add_argument("code", metavar="CODE")
    add_common_arguments(parser)
