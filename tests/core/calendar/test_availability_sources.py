"""URL sources against a real HTTP server on 127.0.0.1: fetch, refresh, failures keep the last good copy."""

from __future__ import annotations

import datetime as dt
import gzip
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.calendar.availability import import_source, load_busy_events, refresh_sources, sources
from desktop_app.core.model.errors import InputError

ICS = Path(__file__).parents[2] / "fixtures" / "ics"
WINDOW = (dt.date(2026, 11, 1), dt.date(2027, 1, 31))


class FeedServer:
    """Serves path -> (status, content type, body, delay seconds); the test changes ``routes`` as it goes."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes, float]] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                status, content_type, body, delay = routes.get(self.path, (404, "text/plain", b"not found", 0))
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.server.server_port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def server():
    feed_server = FeedServer()
    yield feed_server
    feed_server.close()


def ics(name: str) -> bytes:
    return (ICS / name).read_bytes()


def busy_titles(db) -> set[str]:
    return {e.title for e in load_busy_events(db, dt.date(2026, 11, 30), dt.date(2026, 12, 31)).get("D03", [])}


def test_url_and_webcal_sources_are_fetched_and_remembered(demo_repo, server):
    server.routes["/d03.ics"] = (200, "text/calendar; charset=utf-8", ics("windows_zone.ics"), 0)
    result = import_source(demo_repo.db, "D03", server.url("/d03.ics"), window=WINDOW)
    assert result.event_count == 1 and busy_titles(demo_repo.db) == {"Outlook 会议"}
    import_source(demo_repo.db, "D04", server.url("/d03.ics", "webcal"), window=WINDOW)
    [source] = sources(demo_repo.db, "D04")
    assert source.location.startswith("webcal://") and source.is_url and source.fetched_at


@pytest.mark.parametrize(("route", "message"), [
    ((404, "text/html", b"<html>gone</html>", 0), "the server answered 404"),
    ((200, "text/html; charset=utf-8", b"<!DOCTYPE html><html><body>login</body></html>", 0),
     "web page (HTML), not an iCalendar feed"),
    ((200, "text/calendar", ics("truncated.ics"), 0), "truncated"),
    ((200, "text/calendar", ics("windows_zone.ics"), 2.0), "no answer within 0.5 seconds"),
])
def test_failed_refresh_keeps_the_last_good_copy_and_says_how_old(demo_repo, server, route, message):
    db = demo_repo.db
    server.routes["/d03.ics"] = (200, "text/calendar", ics("windows_zone.ics"), 0)
    import_source(db, "D03", server.url("/d03.ics"), window=WINDOW)
    events_before = list(db.query("SELECT * FROM busy_events WHERE department = 'D03' ORDER BY id"))
    [good] = sources(db, "D03")
    server.routes["/d03.ics"] = route
    with pytest.raises(InputError, match=re.escape(message)) as error:
        import_source(db, "D03", server.url("/d03.ics"), window=WINDOW, timeout=0.5)
    assert "last good copy" in str(error.value) and "old" in str(error.value)
    assert list(db.query("SELECT * FROM busy_events WHERE department = 'D03' ORDER BY id")) == events_before
    [after] = sources(db, "D03")
    assert after.fetched_at == good.fetched_at and after.event_count == good.event_count
    assert message.split()[0] in after.last_error and after.attempted_at >= good.attempted_at
    # A later good fetch clears the error.
    server.routes["/d03.ics"] = (200, "text/calendar", ics("freebusy.ics"), 0)
    import_source(db, "D03", server.url("/d03.ics"), window=WINDOW)
    assert sources(db, "D03")[0].last_error == "" and busy_titles(db) == {"busy"}


def test_new_url_that_fails_stores_nothing(demo_repo, server):
    with pytest.raises(InputError, match="404"):
        import_source(demo_repo.db, "D03", server.url("/missing.ics"))
    assert sources(demo_repo.db, "D03") == []


def test_oversized_answer_is_refused_by_its_length(server):
    from desktop_app.core.calendar.ical_reader import fetch_feed

    body = ics("windows_zone.ics")
    server.routes["/big.ics"] = (200, "text/calendar", body, 0)
    with pytest.raises(InputError, match=re.escape(f"the file is {len(body):,} bytes (0.0 MB), more than the "
                                                  f"{len(body) - 1:,} bytes (0.0 MB) a calendar may have")):
        fetch_feed(server.url("/big.ics"), limit=len(body) - 1)
    assert fetch_feed(server.url("/big.ics"), limit=len(body)) == body


def test_refresh_updates_each_source_and_reports_failures(demo_repo, server):
    db = demo_repo.db
    server.routes["/a.ics"] = (200, "text/calendar", ics("windows_zone.ics"), 0)
    server.routes["/b.ics"] = (200, "text/calendar", ics("windows_zone.ics"), 0)
    import_source(db, "D03", server.url("/a.ics"), window=WINDOW)
    import_source(db, "D04", server.url("/b.ics"), window=WINDOW)
    server.routes["/a.ics"] = (200, "text/calendar", ics("freebusy.ics"), 0)
    del server.routes["/b.ics"]
    outcomes = {o.source.department: o for o in refresh_sources(db, window=WINDOW) if o.source.is_url}
    assert outcomes["D03"].result is not None and busy_titles(db) == {"busy"}
    assert outcomes["D04"].result is None and "404" in outcomes["D04"].error
    # The demo's dataset files are re-expanded from their stored copies.
    assert all(o.result is not None for o in refresh_sources(db, "D01", window=WINDOW))


def test_cli_availability_then_stats(demo_db, db_path, server, capsys):
    server.routes["/d03.ics"] = (200, "text/calendar", ics("recurrence_overrides.ics"), 0)
    assert main(["--lang", "en", "availability", "D03", server.url("/d03.ics"), "--db", str(db_path)]) == 0
    assert "D03: 7 events read from" in capsys.readouterr().out
    assert main(["--lang", "en", "stats", "--db", str(db_path), "--today", "2026-11-30"]) == 0
    out = capsys.readouterr().out
    assert f"Busy time of D03: {server.url('/d03.ics')}, 7 events, refreshed 20" in out
    # A bad feed: exit 2, one message, the old busy time intact.
    before = list(demo_db.query("SELECT * FROM busy_events ORDER BY id"))
    bad = ICS / "bad_dtstart.ics"
    assert main(["--lang", "en", "availability", "D03", str(bad), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert "bad_dtstart.ics" in err and "DTSTART" in err
    assert list(demo_db.query("SELECT * FROM busy_events ORDER BY id")) == before
    assert main(["--lang", "en", "availability", "--refresh", "D03", "--db", str(db_path)]) == 0
    assert main(["--lang", "en", "availability", "D03", "--db", str(db_path)]) == 0
    assert "7 events, refreshed" in capsys.readouterr().out


def test_cli_holiday_calendar(db_path, capsys):
    assert main(["--lang", "en", "availability", "--holidays", str(ICS / "holidays_2027.ics"),
                 "--complete-year", "2027", "--db", str(db_path)]) == 0
    assert "6 holiday overrides stored" in capsys.readouterr().out
    assert main(["--lang", "en", "availability", "--holidays", str(ICS / "holidays_conflict.ics"),
                 "--db", str(db_path)]) == 2
    assert "given twice with different kinds" in capsys.readouterr().err


# --- issue 13: a deadline on the whole download, gzip answers -------------------------------------------
class TrickleServer:
    """Answers with headers at once, then one byte of the body every ``pause`` seconds (or gzip at once)."""

    def __init__(self, body: bytes, pause: float = 0.0, gzip_it: bool = False) -> None:
        self.requests: list[dict[str, str]] = []
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                requests.append(dict(self.headers))
                payload = gzip.compress(body) if gzip_it else body
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/calendar")
                    self.send_header("Content-Length", str(len(payload)))
                    if gzip_it:
                        self.send_header("Content-Encoding", "gzip")
                    self.end_headers()
                    for index in range(len(payload)):
                        self.wfile.write(payload[index:index + 1] if pause else payload[index:])
                        self.wfile.flush()
                        if not pause:
                            break
                        time.sleep(pause)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/feed.ics"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_server_that_sends_a_byte_now_and_then_is_cut_at_the_deadline(demo_repo):
    # Each byte comes well within the timeout, so a timeout per read would wait for all of them (minutes).
    server = TrickleServer(ics("windows_zone.ics"), pause=0.4)
    try:
        before = list(demo_repo.db.query("SELECT * FROM availability_sources"))
        with pytest.raises(InputError, match=re.escape(f"{server.url}: no answer within 1.5 seconds")):
            import_source(demo_repo.db, "D03", server.url, window=WINDOW, timeout=1.5)
        assert list(demo_repo.db.query("SELECT * FROM availability_sources")) == before
    finally:
        server.close()


def test_a_gzip_answer_is_asked_for_and_unpacked(demo_repo):
    server = TrickleServer(ics("freebusy.ics"), gzip_it=True)
    try:
        result = import_source(demo_repo.db, "D03", server.url, window=WINDOW)
        assert (result.event_count, busy_titles(demo_repo.db)) == (4, {"busy"})
        assert "gzip" in server.requests[0].get("Accept-Encoding", "")
    finally:
        server.close()


def test_the_download_deadline_through_the_cli(demo_db, db_path):
    import subprocess
    import sys

    server = TrickleServer(ics("windows_zone.ics"), pause=0.4)
    try:
        demo_db.close()
        done = subprocess.run([sys.executable, "-m", "desktop_app", "--lang", "en", "availability", "D03", server.url,
                               "--timeout", "1", "--db", str(db_path), "--today", "2026-11-30"],
                              cwd=Path(__file__).parents[3], capture_output=True, text=True, timeout=60)
        assert (done.returncode, done.stderr.strip()) == (2, f"{server.url}: no answer within 1 seconds")
    finally:
        server.close()


def test_a_refresh_that_finds_nothing_new_does_not_spoil_a_plan_in_progress(demo_repo, server):
    """The background refresh runs every few minutes: an unchanged feed must not raise data_version
    (a schedule being planned would be refused as 'changed meanwhile'), only note when it was fetched."""
    from desktop_app.core.store.database import data_version

    db = demo_repo.db
    server.routes["/d03.ics"] = (200, "text/calendar", ics("windows_zone.ics"), 0)
    import_source(db, "D03", server.url("/d03.ics"), window=WINDOW)
    [first] = sources(db, "D03")
    events = list(db.query("SELECT * FROM busy_events WHERE department = 'D03' ORDER BY id"))
    version = data_version(db)
    import_source(db, "D03", server.url("/d03.ics"), window=WINDOW)
    [again] = sources(db, "D03")
    assert data_version(db) == version
    assert list(db.query("SELECT * FROM busy_events WHERE department = 'D03' ORDER BY id")) == events
    assert again.fetched_at >= first.fetched_at and again.last_error == ""
    # A changed feed is stored and does raise it.
    server.routes["/d03.ics"] = (200, "text/calendar", ics("freebusy.ics"), 0)
    import_source(db, "D03", server.url("/d03.ics"), window=WINDOW)
    assert data_version(db) > version and busy_titles(db) == {"busy"}


def test_a_taken_source_is_restored_whole_even_when_its_ids_were_reused(demo_repo, tmp_path):
    from desktop_app.core.calendar.availability import AvailabilityError, restore_source, take_source

    db = demo_repo.db
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    first.write_bytes((ICS / "endless_rrule.ics").read_bytes())
    second.write_bytes(first.read_bytes())
    import_source(db, "D03", str(first), window=WINDOW)
    db.execute("UPDATE availability_sources SET username = 'clerk', bureau = '高新区', sync_token = 'tok-1' "
               "WHERE department = 'D03'")

    def state(location: str) -> tuple:
        row = db.execute("SELECT * FROM availability_sources WHERE location = ?", [location]).fetchone()
        events = db.execute("SELECT department, start, end, title, all_day FROM busy_events WHERE source = ? "
                            "ORDER BY start", [row[0]]).fetchall()
        return row[1:], events

    before = state(str(first))
    assert before[1]
    taken = take_source(db, "D03", str(first))
    assert sources(db, "D03") == [] and take_source(db, "D03", str(first)) is None
    import_source(db, "D03", str(second), window=WINDOW)      # takes the freed ids
    restore_source(db, taken)
    assert state(str(first)) == before                         # another id, the same source
    with pytest.raises(AvailabilityError, match="already has the source"):
        restore_source(db, taken)
