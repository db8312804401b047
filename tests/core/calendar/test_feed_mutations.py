"""Property test (issue 13): valid feeds mutated as broken producers and attackers do — a property
given twice, an END line lost, a value of the wrong type, a huge COUNT or no end at every FREQ —
are imported or refused with an InputError (exit 0 or 2, never 1), within a time bound per example,
and a refusal leaves the database as it was."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.calendar.availability import import_calendar_bytes
from desktop_app.core.calendar.ical_reader import busy_periods, parse_feed
from desktop_app.core.model.errors import InputError

ICS = Path(__file__).parents[2] / "fixtures" / "ics"
ROOT = Path(__file__).parents[3]
WINDOW = (dt.date(2026, 11, 1), dt.date(2027, 1, 31))
BASES = [(ICS / name).read_bytes() for name in (
    "windows_zone.ics", "recurrence_overrides.ics", "xwr_timezone_only.ics", "freebusy.ics", "endless_rrule.ics",
    "floating_and_utc.ics", "hostile/duplicate_dtstart.ics", "hostile/tzid_alias_of.ics",
    "hostile/skipped_events.ics", "hostile/rdate_value_period.ics")]
FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")
RULES = [f"FREQ={freq}{extra}" for freq in FREQUENCIES for extra in (
    "", ";COUNT=10000000", ";COUNT=0", ";INTERVAL=3", ";BYSETPOS=2", ";UNTIL=20991231T000000Z",
    ";BYMONTH=2;BYMONTHDAY=30", ";BYDAY=MO,2TU,-1FR", ";INTERVAL=0", ";BYHOUR=25", ";UNTIL=20261205")]
VALUES = ["20261201", "20261201T090000", "20261201T010000Z", "20261301T090000", "PT1H", "-PT1H", "P1D", "P",
          "20261201T010000Z/PT1H", "20261201T010000Z/20261130T010000Z", "110000", "tomorrow", "", "OPAQUE",
          "TRANSPARENT", "CANCELLED", "1", "99999999999999999999", "\\", ";;;", ":", "会议", "a,b,,c",
          "20261201T090000,20261202,junk", *RULES[::5]]
PARAMS = ["", ";VALUE=DATE", ";VALUE=DATE-TIME", ";VALUE=TIME", ";VALUE=PERIOD", ";VALUE=BINARY",
          ";TZID=Asia/Shanghai", ";TZID=Nowhere/Else", ';TZID="a;b:c"', ";RANGE=THISANDFUTURE", ";X-Y=z",
          ";TZID=America/New_York", ";FBTYPE=FREE", ";=", ";TZID"]
NAMES = ["DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "UID", "SUMMARY", "STATUS",
         "TRANSP", "SEQUENCE", "EXRULE", "CATEGORIES", "FREEBUSY", "TZID", "TZOFFSETTO", "TZOFFSETFROM", "DTSTAMP",
         "X-FOO", "TZID-ALIAS-OF", "TZUNTIL", "CALSCALE", "X-WR-TIMEZONE"]


@st.composite
def mutated_feeds(draw) -> bytes:
    lines = draw(st.sampled_from(BASES)).decode().replace("\r\n", "\n").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(("duplicate", "drop", "value", "params", "insert", "rule", "fold")))
        # Dropping may hit any line (an END line lost); the others change property lines, so that most
        # examples get past the structure check into the events.
        properties = [i for i, text in enumerate(lines) if text and not text.upper().startswith(("BEGIN:", "END:"))]
        where = draw(st.integers(0, max(0, len(lines) - 1)) if action == "drop" or not properties
                     else st.sampled_from(properties))
        line = lines[where]
        name, _, value = line.partition(":")
        if action == "duplicate":                       # a property given twice, next to it or further on
            lines.insert(draw(st.integers(where, max(where, len(lines) - 2))), line)
        elif action == "drop":                          # an END line lost, or any other
            del lines[where]
        elif action == "value":                         # a value of another type
            lines[where] = f"{name}:{draw(st.sampled_from(VALUES))}"
        elif action == "params":
            lines[where] = f"{name.split(';')[0]}{draw(st.sampled_from(PARAMS))}:{value}"
        elif action == "insert":
            lines.insert(where, f"{draw(st.sampled_from(NAMES))}{draw(st.sampled_from(PARAMS))}:"
                                f"{draw(st.sampled_from(VALUES))}")
        elif action == "rule":                          # a huge COUNT or no end, at every FREQ
            begins = [i for i, text in enumerate(lines) if text.upper() == "BEGIN:VEVENT"] or [where]
            lines.insert(draw(st.sampled_from(begins)) + 1, f"RRULE:{draw(st.sampled_from(RULES))}")
        elif len(line) > 2:                             # a fold anywhere, even inside a character
            cut = draw(st.integers(1, len(line) - 1))
            lines[where] = line[:cut] + "\r\n " + line[cut:]
    return "\r\n".join(lines).encode()


def snapshot(db) -> tuple:
    return (list(db.query("SELECT * FROM availability_sources ORDER BY id")),
            list(db.query("SELECT * FROM busy_events ORDER BY id")))


@settings(max_examples=70, deadline=dt.timedelta(seconds=15),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=mutated_feeds())
def test_a_mutated_feed_is_imported_or_refused_and_a_refusal_changes_nothing(demo_repo, data):
    db = demo_repo.db
    before = snapshot(db)
    try:
        result = import_calendar_bytes(db, "D05", "mutated.ics", data, window=WINDOW)
    except InputError as error:
        assert str(error).startswith("mutated.ics")
        assert snapshot(db) == before
    else:
        assert result.message().startswith("D05")
    try:      # the same file with every event through icalendar and recurring-ical-events
        list(busy_periods(parse_feed(data, "mutated.ics", fast=False), *WINDOW))
    except InputError:
        pass


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated_feeds())
def test_a_mutated_feed_through_the_cli_exits_0_or_2(demo_db, db_path, tmp_path, data):
    feed = tmp_path / "mutated.ics"
    feed.write_bytes(data)
    demo_db.close()
    with sqlite3.connect(db_path) as connection:      # the last good import in the file itself, none pending
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = db_path.read_bytes()
    done = subprocess.run([sys.executable, "-m", "desktop_app", "availability", "D05", str(feed), "--db",
                           str(db_path), "--today", "2026-11-30"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode in (0, 2), done.stderr
    if done.returncode == 2:
        assert len(done.stderr.strip().splitlines()) == 1 and str(feed) in done.stderr
        assert db_path.read_bytes() == before
    else:
        assert done.stderr == ""
