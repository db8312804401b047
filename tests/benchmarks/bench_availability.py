"""Speed and memory of the availability engine (issue 3 targets). Run:

    python tests/benchmarks/bench_availability.py

1. Import a feed of 20,000 VEVENTs, 500 of them weekly series with EXDATE and RECURRENCE-ID
   exceptions, planning window 90 days: target ≤ 3 s and peak memory ≤ 300 MB (measured in a fresh
   process: its peak resident set size, interpreter and libraries included).
2. 10,000 deadline computations (add N working days): target ≤ 0.2 s.
3. Free time of 60 departments × 60 days on a 30-minute grain, loaded from the database: ≤ 0.5 s.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.core.store.database import open_database  # noqa: E402

TODAY = dt.date(2026, 11, 30)
WINDOW = (TODAY, TODAY + dt.timedelta(days=89))


def big_feed(events: int = 20_000, series: int = 500, seed: int = 7) -> bytes:
    """A department feed the size of years of a busy office, written as Outlook/Google would."""
    rng = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//bench//ZH", "X-WR-TIMEZONE:Asia/Shanghai",
             "BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "BEGIN:STANDARD", "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800",
             "TZNAME:CST", "DTSTART:19700101T000000", "END:STANDARD", "END:VTIMEZONE"]
    first = dt.date(2024, 1, 1)
    written = 0
    for number in range(series):
        start = dt.datetime.combine(first + dt.timedelta(days=rng.randrange(700)), dt.time(8 + rng.randrange(8), 30))
        skipped = start + dt.timedelta(weeks=rng.randrange(60, 120))
        moved = start + dt.timedelta(weeks=rng.randrange(60, 120))
        lines += ["BEGIN:VEVENT", f"UID:series-{number}@bench", "DTSTAMP:20261101T000000Z",
                  f"DTSTART;TZID=Asia/Shanghai:{start:%Y%m%dT%H%M%S}",
                  f"DTEND;TZID=Asia/Shanghai:{start + dt.timedelta(hours=1):%Y%m%dT%H%M%S}",
                  "RRULE:FREQ=WEEKLY" + (f";COUNT={rng.randrange(50, 200)}" if number % 3 else ""),
                  f"EXDATE;TZID=Asia/Shanghai:{skipped:%Y%m%dT%H%M%S}", f"SUMMARY:例会 {number}", "END:VEVENT",
                  "BEGIN:VEVENT", f"UID:series-{number}@bench", "DTSTAMP:20261101T000000Z",
                  f"RECURRENCE-ID;TZID=Asia/Shanghai:{moved:%Y%m%dT%H%M%S}",
                  f"DTSTART;TZID=Asia/Shanghai:{moved + dt.timedelta(days=1):%Y%m%dT%H%M%S}",
                  f"DTEND;TZID=Asia/Shanghai:{moved + dt.timedelta(days=1, hours=1):%Y%m%dT%H%M%S}",
                  f"SUMMARY:例会 {number}（改期）", "END:VEVENT"]
        written += 2
    for number in range(events - written):
        start = dt.datetime.combine(first + dt.timedelta(days=rng.randrange(1200)),
                                    dt.time(8 + rng.randrange(9), rng.choice((0, 30))))
        lines += ["BEGIN:VEVENT", f"UID:single-{number}@bench", "DTSTAMP:20261101T000000Z",
                  f"DTSTART;TZID=Asia/Shanghai:{start:%Y%m%dT%H%M%S}",
                  f"DTEND;TZID=Asia/Shanghai:{start + dt.timedelta(minutes=rng.choice((30, 60, 90, 120))):%Y%m%dT%H%M%S}",
                  f"SUMMARY:现场检查 {number}", f"LOCATION:济宁经济技术开发区 {number % 40} 号地块",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def prepare_database(path: Path, departments: int = 60) -> None:
    db = open_database(path)
    with db.atomic():
        db["places"].insert({"code": "P1", "name": "园区", "address": ""})
        db["departments"].insert_all([{"code": f"D{n:02d}", "name": f"部门{n}", "level": "city", "base": "P1",
                                       "office_hours": "MO-FR 08:30-12:00,14:00-17:30"}
                                      for n in range(departments)])
    db.close()


def import_once(db_path: Path, feed_path: Path) -> None:
    """The measured import, run in its own process so its peak memory is its own."""
    from desktop_app.core.calendar.availability import import_calendar_bytes

    db = open_database(db_path)
    started = time.perf_counter()
    result = import_calendar_bytes(db, "D00", "bench.ics", feed_path.read_bytes(), window=WINDOW)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed:.3f} {peak_mb:.1f} {result.event_count} {result.busy_count}")


def bench_import(folder: Path) -> None:
    feed = folder / "bench.ics"
    feed.write_bytes(big_feed())
    db_path = folder / "import.sqlite"
    prepare_database(db_path)
    answer = subprocess.run([sys.executable, __file__, "--import-once", str(db_path), str(feed)],
                            check=True, capture_output=True, text=True).stdout.split()
    elapsed, peak, events, busy = float(answer[0]), float(answer[1]), int(answer[2]), int(answer[3])
    print(f"import: {events} VEVENTs ({feed.stat().st_size / 1048576:.1f} MB), 90-day window -> {busy} busy "
          f"periods in {elapsed:.2f} s (target ≤ 3 s); peak memory {peak:.0f} MB (target ≤ 300 MB)")


def bench_deadlines() -> None:
    from desktop_app.core.calendar.workdays import WorkingCalendar, deadline_for

    calendar = WorkingCalendar()
    rng = random.Random(3)
    starts = [dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365)) for _ in range(10_000)]
    started = time.perf_counter()
    for day in starts:
        deadline_for(day, None, calendar, rng.randrange(1, 21))
    elapsed = time.perf_counter() - started
    print(f"deadlines: 10,000 add-N-working-days in {elapsed:.3f} s (target ≤ 0.2 s; fresh calendar, cold cache)")


def bench_free_time(folder: Path) -> None:
    from desktop_app.core.calendar.availability import Availability
    from desktop_app.core.store.repository import Repository

    db_path = folder / "free.sqlite"
    prepare_database(db_path)
    db = open_database(db_path)
    rng = random.Random(5)
    with db.atomic():
        source_ids = {}
        for n in range(60):
            source_ids[n] = db["availability_sources"].insert({
                "department": f"D{n:02d}", "location": "x.ics", "content": b"", "fetched_at": "2026-11-27T00:00:00+08:00",
                "expanded_first": "2026-10-01", "expanded_last": "2027-06-01", "event_count": 0}).last_pk
        rows = []
        for n in range(60):
            for day in range(60):
                date = TODAY + dt.timedelta(days=day)
                for _ in range(3):
                    start = dt.datetime.combine(date, dt.time(8 + rng.randrange(9), rng.choice((0, 15, 30, 45))),
                                                dt.timezone(dt.timedelta(hours=8)))
                    end = start + dt.timedelta(minutes=rng.choice((30, 60, 90)))
                    rows.append({"source": source_ids[n], "department": f"D{n:02d}", "start": start.isoformat(),
                                 "end": end.isoformat(), "title": "会议", "all_day": 0})
        db["busy_events"].insert_all(rows, batch_size=5000)
    repo = Repository(db)
    last = TODAY + dt.timedelta(days=59)
    started = time.perf_counter()
    availability = Availability.from_repository(repo, TODAY, last)
    loaded = time.perf_counter()
    codes = [f"D{n:02d}" for n in range(60)]
    cells = sum(len(availability.common_free([code], TODAY, last, grain_minutes=30)) for code in codes)
    common = availability.common_free(codes[:8], TODAY, last, grain_minutes=30)
    elapsed = time.perf_counter() - started
    print(f"free time: 60 departments x 60 days ({len(rows)} busy events), 30-minute grain: {elapsed:.3f} s "
          f"(load {loaded - started:.3f} s) -> {cells} free intervals, {len(common)} common to 8 departments "
          f"(target ≤ 0.5 s)")
    db.close()


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--import-once":
        import_once(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    with tempfile.TemporaryDirectory() as folder:
        bench_import(Path(folder))
        bench_deadlines()
        bench_free_time(Path(folder))


if __name__ == "__main__":
    main()
