"""`settings`: show the bureau's settings, or check and change one."""

from __future__ import annotations

import argparse

from desktop_app.cli.common import EXIT_OK, UsageError, add_common_arguments, open_database, print_json


def add_settings_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key", nargs="?", metavar="KEY", help="a setting's name (omit to list them all)")
    parser.add_argument("value", nargs="?", metavar="VALUE", help="its new value (omit to print it)")
    add_common_arguments(parser, json_flag=True)


def run_settings(args: argparse.Namespace) -> int:
    """Show the bureau's settings, or change one: `settings bureau_name 某某区行政审批局`."""
    import dataclasses

    from desktop_app.core.model.messages import tr
    from desktop_app.core.store.repository import Repository

    repo = Repository(open_database(args))
    settings = repo.settings()
    values = dataclasses.asdict(settings)
    if args.key is None:
        if args.json:
            print_json(values)
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
    if args.key == "opinion_number_pattern":
        from desktop_app.core.acceptance.opinion import number_pattern_problem

        problem = number_pattern_problem(text)      # the settings page asks the same
        if problem is not None:
            raise UsageError(tr("Bad value {value!r} for {key}: {problem}", value=text, key=args.key,
                                problem=problem))
    return text
