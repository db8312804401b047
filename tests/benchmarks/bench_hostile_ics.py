"""Hostile calendars against `joint-acceptance availability` (issue 13, items 9-14). Run:

    python tests/benchmarks/bench_hostile_ics.py [SHAPE ...]

Each shape is written to a file (at most 32 MB, the import's limit) and imported by the real CLI
into a copy of the demo database, in a fresh process: the figures are that process's wall time, its
CPU time (user + system: what the wall time would be on an idle machine, interpreter start-up
included), its peak resident memory (ru_maxrss), its exit status (0 imported, 2 refused; 1 would be
a crash) and the first lines it printed. Target: every shape imports or is refused in ≤ 10 s and
≤ 500 MB.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-30"
LIMIT = 32 * 1024 * 1024
HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//hostile//EN\r\n"
TAIL = "END:VCALENDAR\r\n"


def event(uid: str, *lines: str) -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n{body}END:VEVENT\r\n"


def calendar(*parts: str) -> bytes:
    return (HEAD + "".join(parts) + TAIL).encode()


def fill(make: Callable[[int], str], budget: int = LIMIT - 1024) -> bytes:
    """As many components as fit in ``budget`` bytes."""
    parts, size, number = [], len(HEAD) + len(TAIL), 0
    while True:
        part = make(number)
        if size + len(part.encode()) > budget:
            break
        parts.append(part)
        size += len(part.encode())
        number += 1
    return calendar(*parts)


def secondly_endless() -> bytes:
    return calendar(event("s", "DTSTART:20200101T000000Z", "DTEND:20200101T000001Z", "RRULE:FREQ=SECONDLY",
                          "SUMMARY:every second since 2020"))


def minutely_count() -> bytes:
    return calendar(event("m", "DTSTART:20261201T000000Z", "DTEND:20261201T000100Z",
                          "RRULE:FREQ=MINUTELY;COUNT=10000000", "SUMMARY:ten million minutes"))


def huge_count_every_freq() -> bytes:
    return calendar(*(event(f"c{freq}", "DTSTART:19700101T090000Z", "DTEND:19700101T090001Z",
                            f"RRULE:FREQ={freq};COUNT=1000000000", f"SUMMARY:{freq}")
                      for freq in ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")))


def endless_every_freq() -> bytes:
    return calendar(*(event(f"e{freq}", "DTSTART:19700101T090000Z", "DTEND:19700101T090001Z",
                            f"RRULE:FREQ={freq};BYDAY=MO,TU,WE,TH,FR", f"SUMMARY:{freq}")
                      for freq in ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")))


def one_offs_32mb() -> bytes:
    start = dt.datetime(2026, 1, 1, 8)

    def make(number: int) -> str:
        begin = start + dt.timedelta(minutes=37 * number)
        return event(f"o{number}@bench", f"DTSTART;TZID=Asia/Shanghai:{begin:%Y%m%dT%H%M%S}",
                     f"DTEND;TZID=Asia/Shanghai:{begin + dt.timedelta(minutes=30):%Y%m%dT%H%M%S}",
                     f"SUMMARY:现场检查 {number}", "LOCATION:济宁经济技术开发区", "TRANSP:OPAQUE")
    return fill(make)


def series_32mb() -> bytes:
    return fill(lambda n: event(f"w{n}@bench", f"DTSTART;TZID=Asia/Shanghai:2026{1 + n % 12:02d}05T090000",
                                "DURATION:PT1H", "RRULE:FREQ=WEEKLY", f"SUMMARY:例会 {n}"))


def series_20000() -> bytes:
    """As many series as the import reads (MAX_LIBRARY_EVENTS), three dates each in the window."""
    months = ("202611", "202612", "202701", "202702", "202703", "202704")
    return calendar(*(event(f"w{n}@bench", f"DTSTART;TZID=Asia/Shanghai:{months[n % 6]}05T{8 + n % 9:02d}0000",
                            "DURATION:PT1H", f"RRULE:FREQ=WEEKLY;INTERVAL={1 + n % 3};COUNT=4",
                            f"EXDATE;TZID=Asia/Shanghai:{months[n % 6]}12T{8 + n % 9:02d}0000",
                            f"SUMMARY:例会 {n}") for n in range(20_000)))


def deep_rdate() -> bytes:
    head = event("r", "DTSTART:20261201T090000Z", "DTEND:20261201T100000Z", "SUMMARY:deep RDATE", "RDATE:X")
    room = LIMIT - 1024 - len(HEAD) - len(TAIL) - len(head)
    start = dt.datetime(2026, 12, 1, 9)
    values = [f"{start + dt.timedelta(minutes=n):%Y%m%dT%H%M%SZ}" for n in range(room // 17)]
    return calendar(head.replace("RDATE:X", "RDATE:" + ",".join(values)))


def deep_exdate_lines() -> bytes:
    head = event("x", "DTSTART:20261201T090000Z", "DTEND:20261201T100000Z", "RRULE:FREQ=MINUTELY",
                 "SUMMARY:many EXDATE lines", "EXDATE:X")
    room = LIMIT - 1024 - len(HEAD) - len(TAIL) - len(head)
    start = dt.datetime(2026, 12, 1, 9)
    lines = [f"EXDATE:{start + dt.timedelta(minutes=2 * n):%Y%m%dT%H%M%SZ}" for n in range(room // 26)]
    return calendar(head.replace("EXDATE:X", "\r\n".join(lines)))


def never_matching_rules() -> bytes:
    rules = ("FREQ=SECONDLY;BYSETPOS=2", "FREQ=DAILY;BYHOUR=9;BYSETPOS=2", "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30",
             "FREQ=HOURLY;INTERVAL=168;BYDAY=TU", "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2")
    return calendar(*(event(f"n{n}", "DTSTART;TZID=Asia/Shanghai:20260101T090000", "DURATION:PT1H",
                            f"RRULE:{rules[n % len(rules)]}", "SUMMARY:never") for n in range(2000)))


def many_zones() -> bytes:
    def make(number: int) -> str:
        tzid = f"/bench/zone-{number}"
        return (f"BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\nTZID-ALIAS-OF:Asia/Shanghai\r\nTZUNTIL:20300101T000000Z\r\n"
                "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\n"
                "TZNAME:CST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
                + event(f"z{number}", f"DTSTART;TZID={tzid}:20261201T090000", "DURATION:PT1H", "SUMMARY:zone"))
    return fill(make)


def unused_zones_32mb() -> bytes:
    return fill(lambda n: (f"BEGIN:VTIMEZONE\r\nTZID:/bench/unused-{n}\r\nX-LIC-LOCATION:Asia/Shanghai\r\n"
                           "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\n"
                           "END:STANDARD\r\nEND:VTIMEZONE\r\n"))


def huge_line() -> bytes:
    room = LIMIT - 1024 - 400
    return calendar(event("h", "DTSTART:20261201T090000Z", "DTEND:20261201T100000Z", "SUMMARY:" + "长" * (room // 3)))


def nested_components() -> bytes:
    depth = 200_000
    return calendar("BEGIN:X-DEEP\r\n" * depth + "END:X-DEEP\r\n" * depth,
                    event("n", "DTSTART:20261201T090000Z", "DTEND:20261201T100000Z", "SUMMARY:after the nest"))


def gzip_bomb() -> bytes:
    body = calendar(event("g", "DTSTART:20261201T090000Z", "DTEND:20261201T100000Z",
                          "DESCRIPTION:" + "A" * (1024 * 1024 * 1024)))
    return gzip.compress(body, compresslevel=9)


def many_overrides() -> bytes:
    start = dt.datetime(2026, 12, 1, 9)
    overrides = (event("o", f"RECURRENCE-ID:{start + dt.timedelta(minutes=n):%Y%m%dT%H%M%SZ}",
                       f"DTSTART:{start + dt.timedelta(minutes=n, seconds=30):%Y%m%dT%H%M%SZ}",
                       f"DTEND:{start + dt.timedelta(minutes=n, seconds=50):%Y%m%dT%H%M%SZ}", "SUMMARY:moved")
                 for n in range(9_999))
    return calendar(event("o", f"DTSTART:{start:%Y%m%dT%H%M%SZ}", "DURATION:PT20S", "RRULE:FREQ=MINUTELY",
                          "SUMMARY:every minute"), *overrides)


def duplicated_properties() -> bytes:
    def make(number: int) -> str:
        begin = dt.datetime(2026, 12, 1, 8) + dt.timedelta(hours=number)
        stamp = f"{begin:%Y%m%dT%H%M%S}Z"
        return event(f"d{number}", *(f"DTSTART:{stamp}" for _ in range(20)),
                     *(f"SUMMARY:dup {number}" for _ in range(20)), "DURATION:PT1H", "DURATION:PT2H", "RDATE;VALUE=TIME:110000", "RRULE:FREQ=DAILY;COUNT=2")
    return fill(make, 8 * 1024 * 1024)


SHAPES: dict[str, Callable[[], bytes]] = {
    "secondly endless (since 2020)": secondly_endless,
    "minutely COUNT=10,000,000": minutely_count,
    "COUNT=10^9 at every FREQ (since 1970)": huge_count_every_freq,
    "no end at every FREQ (since 1970)": endless_every_freq,
    "32 MB of one-off events": one_offs_32mb,
    "32 MB of weekly series": series_32mb,
    "20,000 weekly series": series_20000,
    "RDATE with 1.9 million dates": deep_rdate,
    "1.2 million EXDATE lines": deep_exdate_lines,
    "2,000 rules that never match": never_matching_rules,
    "events in 100,000 own time zones": many_zones,
    "32 MB of unused VTIMEZONEs": unused_zones_32mb,
    "one 32 MB SUMMARY line": huge_line,
    "200,000 nested components": nested_components,
    "gzip bomb (1 GB inside)": gzip_bomb,
    "9,999 overrides of one series": many_overrides,
    "8 MB of duplicated properties": duplicated_properties,
}


def run(shape: str, feed: Path, database: Path, folder: Path) -> str:
    """Import ``feed`` with the CLI in a fresh process and report that process's own figures."""
    copy = folder / "run.sqlite"
    shutil.copyfile(database, copy)
    out, err = folder / "out.txt", folder / "err.txt"
    begin = time.perf_counter()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "desktop_app", "--lang", "en", "availability", "D01",
                                    str(feed), "--db", str(copy), "--today", TODAY], cwd=ROOT, stdout=stdout,
                                   stderr=stderr, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        killer = threading.Timer(300, process.kill)
        killer.start()
        _, status, usage = os.wait4(process.pid, 0)      # this child's own rusage (not the high-water of others)
        killer.cancel()
    wall = time.perf_counter() - begin
    process.returncode = code = os.waitstatus_to_exitcode(status)
    peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    said = (out.read_bytes() or err.read_bytes()).decode(errors="replace").strip().splitlines()
    verdict = "ok" if wall <= 10 and peak <= 500 and code in (0, 2) else "OVER TARGET"
    lines = [f"{shape:40s} {feed.stat().st_size / 1048576:5.1f} MB  {wall:5.2f} s ({cpu:5.2f} s CPU)  {peak:4.0f} MB  "
             f"exit {code}  {verdict}"]
    lines += [f"{'':6s}{line[:120]}" for line in said[:2]]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--write"]:                  # a shape's file, written by a process of its own
        Path(argv[2]).write_bytes(SHAPES[argv[1]]())
        return
    chosen = [name for name in SHAPES if not argv or any(a.lower() in name.lower() for a in argv)]
    print(f"{'shape':42s} file      wall (CPU time)       peak   outcome  [target ≤ 10 s, ≤ 500 MB]")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        demo = folder / "demo.sqlite"
        subprocess.run([sys.executable, "-m", "desktop_app", "demo", "--db", str(demo), "--today", TODAY],
                       cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True, capture_output=True)
        feed = folder / "feed.ics"
        for shape in chosen:
            subprocess.run([sys.executable, __file__, "--write", shape, str(feed)], check=True)
            print(run(shape, feed, demo, folder), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
