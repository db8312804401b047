"""A city of 12 bureaus on one CalDAV server (issue 15): no double booking of the shared city departments.

Run: python tests/benchmarks/bench_city.py [--delay-ms 25] [--bureaus 12] [--requests 50] [--rounds 2]

One Radicale on 127.0.0.1 (accounts without passwords, rights "owner_write": every bureau reads every
calendar and writes only its own), reached through the 25 ms-latency proxy of bench_caldav.py. One seeded
city instance (instance_generator: 7 city departments of capacity 2 shared by every district, each district
its own departments and parks) is split into one database per district bureau, 50 pending requests each.
Round after round, each bureau in turn re-reads the others (discovery), schedules, and publishes. Printed:
city visits, double bookings and capacity overruns of any city department counted independently from the
server's data (must be 0), visits withheld at publish, visits scheduled versus the same requests scheduled
city-wide in one database, and the time of each bureau's round (schedule + publish).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import caldav  # noqa: E402

from desktop_app.core.calendar.availability import store_calendar_bytes  # noqa: E402
from desktop_app.core.dataset.dataset_import import import_dataset  # noqa: E402
from desktop_app.core.feeds.publishing import CalDAVTarget, publish_caldav  # noqa: E402
from desktop_app.core.planning.scheduler import run_schedule  # noqa: E402
from desktop_app.core.store.database import open_database  # noqa: E402
from desktop_app.core.store.repository import Repository  # noqa: E402
from tests.benchmarks.bench_caldav import start_delaying_proxy  # noqa: E402
from tests.benchmarks.instance_generator import Shape, generate  # noqa: E402
from tests.radicale_server import RadicaleServer  # noqa: E402

TODAY = dt.date(2026, 11, 30)


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def split_by_district(city: Path, out: Path, districts: int) -> list[Path]:
    """One dataset per district bureau: the city departments, its own departments, places and projects."""
    departments = _rows(city / "departments.csv")
    items = _rows(city / "items.csv")
    projects = _rows(city / "projects.csv")
    places = _rows(city / "places.csv")
    travel = _rows(city / "travel.csv")
    folders = []
    for district in range(districts):
        own = [d for d in departments if d["level"] == "city" or (d["level"] == "district"
                                                                   and d["base"] == f"O{district}")]
        codes = {d["code"] for d in own}
        own_items = [i for i in items if i["department"] in codes]
        own_places = [p for p in places if p["code"] == f"O{district}" or p["code"].startswith("C")
                      or (p["code"].startswith("Q") and p["code"][1:-1] == str(district))]
        place_codes = {p["code"] for p in own_places}
        own_projects = [p for p in projects if p["place"] in place_codes]
        folder = out / f"bureau{district:02d}"
        (folder / "availability").mkdir(parents=True)
        _write(folder / "departments.csv", own)
        _write(folder / "items.csv", own_items)
        _write(folder / "places.csv", own_places)
        _write(folder / "projects.csv", own_projects)
        _write(folder / "travel.csv", [t for t in travel if t["from"] in place_codes and t["to"] in place_codes])
        for code in codes:
            ics = city / "availability" / f"{code}.ics"
            if ics.exists():
                shutil.copy(ics, folder / "availability" / ics.name)
        folders.append(folder)
    return folders


def server_bookings(url: str, users: list[str]) -> dict[tuple[str, dt.date], list[tuple[dt.datetime, dt.datetime, str]]]:
    """Every city department's visits as an independent client reads them from every bureau's calendars."""
    bookings: dict[tuple[str, dt.date], list] = defaultdict(list)
    for user in users:
        client = caldav.DAVClient(url=url, username=user, password="", enable_rfc6764=False)
        for calendar in client.principal().calendars():
            name = str(calendar.url).rstrip("/").rsplit("/", 1)[-1]
            if not name.startswith("joint-acceptance-") or name[len("joint-acceptance-"):][:-1] not in CITY_PREFIXES:
                continue
            for resource in calendar.events():
                event = resource.icalendar_component
                start, end = event["DTSTART"].dt, event["DTEND"].dt
                bookings[(name, start.date())].append((start, end, f"{user}:{event['UID']}"))
    return bookings


CITY_PREFIXES = {"plan", "fire", "cad", "arch", "lgt", "drn", "spe"}


def violations(bookings) -> tuple[int, int]:
    """(capacity overruns, double bookings incl. too little travel) over all city department-days."""
    overruns = doubles = 0
    for (_, _), spans in bookings.items():
        if len(spans) > 2:
            overruns += 1
        spans = sorted(spans)
        for first, second in zip(spans, spans[1:]):
            if first[1] > second[0]:
                doubles += 1
    return overruns, doubles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay-ms", type=float, default=25.0)
    parser.add_argument("--bureaus", type=int, default=12)
    parser.add_argument("--requests", type=int, default=50, help="pending requests per bureau")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--solver", default="cpsat", choices=("cpsat", "greedy"))
    parser.add_argument("--time-limit", type=float, default=4.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        shape = Shape("city", args.requests * args.bureaus, args.bureaus, 1, (2,) * args.bureaus, 60, 15)
        generate(shape, folder / "city", TODAY)
        datasets = split_by_district(folder / "city", folder / "split", args.bureaus)
        server = RadicaleServer(folder / "radicale", rights="owner_write")
        try:
            url = f"http://127.0.0.1:{start_delaying_proxy(server.port, args.delay_ms / 1000)}/"
            repos = []
            for index, dataset in enumerate(datasets):
                db = open_database(folder / f"bureau{index:02d}.sqlite")
                import_dataset(dataset, db, availability_writer=store_calendar_bytes)
                repo = Repository(db)
                repo.save_settings(dataclasses.replace(repo.settings(), bureau_name=f"第{index + 1}区行政审批局",
                                                       caldav_url=url, caldav_username=f"bureau{index:02d}"))
                repos.append(repo)
            requests = sum(len(r.projects()) for r in repos)
            times: list[float] = []
            phases: dict[str, list[float]] = defaultdict(list)
            withheld = 0
            for round_number in range(args.rounds):
                for repo in repos:
                    started = time.perf_counter()
                    # Discovery (inside publish) refreshes the others first; schedule with what they booked.
                    target = CalDAVTarget(url, repo.settings().caldav_username)
                    if round_number or repo is not repos[0]:
                        from desktop_app.core.calendar.city import discover
                        discover(repo.db)
                    discovered = time.perf_counter()
                    run_schedule(repo, TODAY, solver=args.solver, time_limit=args.time_limit)
                    scheduled_at = time.perf_counter()
                    result = publish_caldav(repo, target)
                    withheld += len(result.withheld) if round_number == args.rounds - 1 else 0
                    times.append(time.perf_counter() - started)
                    phases["discovery"].append(discovered - started)
                    phases["schedule"].append(scheduled_at - discovered)
                    phases["publish"].append(time.perf_counter() - scheduled_at)
                    print(f"  round {round_number + 1} {repo.settings().bureau_name}: {times[-1]:.1f} s "
                          f"(discovery {discovered - started:.1f}, schedule {scheduled_at - discovered:.1f}, "
                          f"publish {time.perf_counter() - scheduled_at:.1f}), "
                          f"{result.created} created, {result.updated} updated, {result.removed} removed, "
                          f"{len(result.withheld)} withheld, {result.city_calendars} city calendars read",
                          flush=True)
            users = [r.settings().caldav_username for r in repos]
            bookings = server_bookings(f"http://127.0.0.1:{server.port}/", users)
            overruns, doubles = violations(bookings)
            city_visits = len({uid for spans in bookings.values() for _, _, uid in spans})
            published = sum(len(spans) for spans in bookings.values())
            scheduled = sum(1 for r in repos for p in r.projects() if p.status.value == "scheduled")
        finally:
            server.stop()
        # The best possible: every request in one database, scheduled once.
        whole = Repository(open_database(folder / "whole.sqlite"))
        import_dataset(folder / "city", whole.db, availability_writer=store_calendar_bytes)
        best = run_schedule(whole, TODAY, solver=args.solver, time_limit=max(args.time_limit, 30.0), dry_run=True)
    print(f"{args.bureaus} bureaus × {args.requests} requests ({requests} in all), 7 shared city departments "
          f"(capacity 2 a day), {args.rounds} rounds, {args.delay_ms:.0f} ms each way, solver {args.solver}")
    print(f"city visits on the server: {city_visits} ({published} city department bookings)")
    print(f"capacity overruns of a city department-day: {overruns}; double bookings (overlaps): {doubles}")
    print(f"visits withheld at publish in the last round (another bureau's visit was there first): {withheld}")
    print(f"requests scheduled: {scheduled} by the bureaus in turn vs {best.metrics.scheduled} city-wide "
          f"in one database ({scheduled / max(best.metrics.scheduled, 1):.0%})")
    print(f"time per bureau round (schedule + discovery + publish): median {statistics.median(times):.1f} s, "
          f"max {max(times):.1f} s")


if __name__ == "__main__":
    main()
