"""A city of bureaus on one CalDAV server (issue 15, DESIGN §12): real Radicale, two real databases."""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.server
import json
import subprocess
import sys
import threading
import time

import pytest

from desktop_app.core.calendar import city
from desktop_app.core.calendar.availability import AvailabilityError, sources, store_calendar_bytes
from desktop_app.core.calendar.city_events import UNKNOWN_PLACE_PREFIX
from desktop_app.core.calendar.ical_normalise import CalendarFeedError
from desktop_app.core.dataset.demo import ANCHOR_MONDAY, load_demo
from desktop_app.core.feeds.publishing import CalDAVTarget, PublishError, publish_caldav
from desktop_app.core.planning.candidates import load_problem
from desktop_app.core.planning.conflicts import find_conflicts
from desktop_app.core.planning.scheduler import check_move, feasible_slots, plan_schedule
from desktop_app.core.store.database import open_database
from desktop_app.core.store.repository import Repository
from tests.core.feeds.test_ical_export import SHANGHAI, add_visit
from tests.radicale_server import RadicaleServer, read_back

WINDOW = (ANCHOR_MONDAY - dt.timedelta(days=30), ANCHOR_MONDAY + dt.timedelta(days=180))
DAY = ANCHOR_MONDAY + dt.timedelta(days=3)          # Thursday 2026-12-03: D01 is otherwise free
A_NAME, B_NAME = "经开区行政审批局", "高新区行政审批局"


@pytest.fixture
def city_server(tmp_path):
    server = RadicaleServer(tmp_path / "radicale", rights="owner_write")
    yield server
    server.stop()


def _bureau(tmp_path, server_url: str, user: str, name: str) -> Repository:
    db = open_database(tmp_path / f"{user}.sqlite")
    load_demo(db, today=ANCHOR_MONDAY, availability_writer=store_calendar_bytes)
    repo = Repository(db)
    repo.save_settings(dataclasses.replace(repo.settings(), bureau_name=name, caldav_url=server_url,
                                           caldav_username=user))
    return repo


@pytest.fixture
def bureaus(tmp_path, city_server):
    return (_bureau(tmp_path, city_server.url, "a", A_NAME), _bureau(tmp_path, city_server.url, "b", B_NAME))


def _publish(repo: Repository, server) -> object:
    return publish_caldav(repo, CalDAVTarget(server.url, repo.settings().caldav_username))


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True,
                          timeout=120, env=env)


# --- discovery ----------------------------------------------------------------------------------------
def test_discover_attaches_other_bureaus_city_calendars_by_code(bureaus, city_server, tmp_path):
    a, b = bureaus
    add_visit(a, "XM2026-001", DAY, 9)
    _publish(a, city_server)
    run = _cli("--lang", "en", "availability", "--discover", "--json", "--db", str(tmp_path / "b.sqlite"), "--today",
               ANCHOR_MONDAY.isoformat())
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert {c["bureau"] for c in found} == {A_NAME}          # never our own calendars
    attached = {c["department"] for c in found if c["attached"]}
    city_codes = {d.code for d in b.departments() if d.level == "city"}
    assert attached == city_codes                              # district codes belong to another district
    assert all(c["url"].startswith(city_server.url + "a/") for c in found)
    rows = b.db.execute("SELECT department, bureau, project, place FROM foreign_visits ORDER BY department").fetchall()
    visit_departments = {d for d in a.visits()[0].departments if d in city_codes}
    assert {r[0] for r in rows} == visit_departments
    assert {(r[1], r[2], r[3]) for r in rows} == {(A_NAME, "XM2026-001", "P03")}
    # Our own bureau's calendars are not listed to us.
    own = city.discover(a.db, attach=False, window=WINDOW)
    assert {c.bureau for c in own} == {B_NAME} or own == []


# --- capacity, travel, explanations, conflicts --------------------------------------------------------
def _two_bookings_of_a(a: Repository, server) -> None:
    add_visit(a, "XM2026-001", DAY, 9)
    add_visit(a, "XM2026-004", DAY, 14, minutes=90)
    _publish(a, server)


def test_capacity_is_counted_across_bureaus(bureaus, city_server):
    a, b = bureaus
    _two_bookings_of_a(a, city_server)
    city.discover(b.db, window=WINDOW)
    mine = add_visit(b, "XM2026-002", DAY + dt.timedelta(days=1), 9)
    check = check_move(b, mine.id, dt.datetime.combine(DAY, dt.time(10, 30), SHANGHAI), today=ANCHOR_MONDAY)
    assert not check.ok
    assert (f"济宁市自然资源和规划局 already attends 2 visit(s) on 12-03, its daily limit: "
            f"{A_NAME} XM2026-001、{A_NAME} XM2026-004") in check.reasons
    # The move dialog offers no time that day, and neither solver plans a D01 visit there.
    problem = load_problem(b, ANCHOR_MONDAY)
    assert all(r.slot.day != DAY for r in feasible_slots(problem, "XM2026-002").slots)
    for solver in ("greedy", "cpsat"):
        result = plan_schedule(problem, solver=solver, time_limit=5)
        on_day = [v for v in result.visits if v.start.date() == DAY and "D01" in v.departments]
        assert on_day == [], solver
        assert all(v.project in {p.code for p in b.projects()} for v in result.fixed)   # theirs are not ours


def test_explanation_marks_our_own_and_other_bureaus_visits(bureaus, city_server):
    a, b = bureaus
    add_visit(a, "XM2026-001", DAY, 9)
    _publish(a, city_server)
    city.discover(b.db, window=WINDOW)
    add_visit(b, "XM2026-004", DAY, 14, minutes=90)
    mine = add_visit(b, "XM2026-002", DAY + dt.timedelta(days=1), 9)
    check = check_move(b, mine.id, dt.datetime.combine(DAY, dt.time(11, 0), SHANGHAI), today=ANCHOR_MONDAY)
    assert (f"济宁市自然资源和规划局 already attends 2 visit(s) on 12-03, its daily limit: "
            f"this bureau XM2026-004、{A_NAME} XM2026-001") in check.reasons


def test_travel_to_another_bureaus_unknown_place_is_counted(bureaus, city_server):
    a, b = bureaus
    a.replace_place(a.place("P03"), dataclasses.replace(a.place("P03"), name="高新区某园区"))
    add_visit(a, "XM2026-001", DAY, 9, minutes=90, items=("I01",))      # D01 only, 09:00-10:30, a place B lacks
    _publish(a, city_server)
    city.discover(b.db, window=WINDOW)
    (place,) = {r[0] for r in b.db.execute("SELECT place FROM foreign_visits")}
    assert place.startswith(UNKNOWN_PLACE_PREFIX)
    mine = add_visit(b, "XM2026-002", DAY + dt.timedelta(days=1), 9, items=("I01",))
    too_soon = check_move(b, mine.id, dt.datetime.combine(DAY, dt.time(11, 0), SHANGHAI), today=ANCHOR_MONDAY)
    assert any("needs 60 minutes to travel" in r and f"{A_NAME} XM2026-001" in r for r in too_soon.reasons)
    assert check_move(b, mine.id, dt.datetime.combine(DAY, dt.time(15, 0), SHANGHAI), today=ANCHOR_MONDAY).ok


def test_conflict_check_names_the_other_bureaus_visit(bureaus, city_server):
    a, b = bureaus
    add_visit(a, "XM2026-001", DAY, 9)
    _publish(a, city_server)
    mine = add_visit(b, "XM2026-004", DAY, 9, minutes=90)         # planned before B saw A's visit
    city.discover(b.db, window=WINDOW)
    conflicts = find_conflicts(b, DAY, DAY)[mine.id]
    assert any(f"is at {A_NAME}'s visit XM2026-001 (12-03 09:00-11:00)" in c.describe() for c in conflicts)


# --- publishing: the first to publish wins ----------------------------------------------------------------
def test_first_to_publish_wins_the_second_sees_the_conflict(bureaus, city_server, tmp_path):
    a, b = bureaus
    # Both discovered each other before either planned anything for that morning.
    city.discover(a.db, window=WINDOW)
    city.discover(b.db, window=WINDOW)
    theirs = add_visit(a, "XM2026-001", DAY, 9)
    mine = add_visit(b, "XM2026-003", DAY, 9)                      # the same slot, same city departments
    other = add_visit(b, "XM2026-002", DAY + dt.timedelta(days=2), 9)
    _publish(a, city_server)                                        # A first
    run = _cli("--lang", "en", "publish", "--caldav", city_server.url, "--caldav-user", "b", "--db", str(tmp_path / "b.sqlite"))
    assert run.returncode == 0, run.stderr
    assert "1 visit(s) not published" in run.stdout
    assert f"visit {mine.id} of XM2026-003" in run.stdout and f"{A_NAME}'s visit XM2026-001" in run.stdout
    seen = read_back(city_server.url, "b")
    b_uids = {uid for uid in seen["joint-acceptance"]}
    assert any(uid.startswith(f"visit-{other.id}@") for uid in b_uids)
    assert not any(uid.startswith(f"visit-{mine.id}@") for uid in b_uids)
    # A publishes again: its visit stays, nothing of B's in the way.
    assert _publish(a, city_server).withheld == []
    assert any(uid.startswith(f"visit-{theirs.id}@") for uid in read_back(city_server.url, "a")["joint-acceptance"])
    # Independently from the server's data: D01 has one visit at 09:00 that day, A's.
    _assert_no_double_booking(city_server, ("a", "b"))


def _assert_no_double_booking(server, users) -> None:
    bookings: dict[tuple[str, dt.date], list[tuple[dt.datetime, dt.datetime]]] = {}
    for user in users:
        for name, events in read_back(server.url, user).items():
            if not name.startswith("joint-acceptance-d0"):
                continue
            for event in events.values():
                start, end = event["DTSTART"].dt, event["DTEND"].dt
                bookings.setdefault((name, start.date()), []).append((start, end))
    for (name, day), spans in bookings.items():
        assert len(spans) <= 3 if name == "joint-acceptance-d04" else len(spans) <= 2, (name, day, spans)
        spans.sort()
        assert all(first[1] <= second[0] for first, second in zip(spans, spans[1:])), (name, day, spans)


def test_incremental_refresh_uses_the_sync_token(bureaus, city_server):
    a, b = bureaus
    first = add_visit(a, "XM2026-001", DAY, 9)
    _publish(a, city_server)
    city.discover(b.db, window=WINDOW)
    token = b.db.execute("SELECT sync_token FROM availability_sources WHERE department = 'D01' AND bureau != ''").fetchone()[0]
    assert token
    add_visit(a, "XM2026-004", DAY + dt.timedelta(days=1), 14, minutes=90)
    a.update_visit(dataclasses.replace(a.visit(first.id), status=first.status.CANCELLED))
    _publish(a, city_server)
    city.refresh_city_sources(b.db, window=WINDOW)
    after = b.db.execute("SELECT sync_token FROM availability_sources WHERE department = 'D01' AND bureau != ''").fetchone()[0]
    assert after and after != token
    projects = {r[0] for r in b.db.execute("SELECT project FROM foreign_visits WHERE department = 'D01'")}
    assert projects == {"XM2026-004"}


# --- bad inputs ---------------------------------------------------------------------------------------------
def test_refused_credentials_keep_the_last_good_copy(tmp_path):
    server = RadicaleServer(tmp_path / "locked", users={"a": "pa", "b": "pb"}, rights="owner_write")
    try:
        a = _bureau(tmp_path, server.url, "a", A_NAME)
        b = _bureau(tmp_path, server.url, "b", B_NAME)
        add_visit(a, "XM2026-001", DAY, 9)
        publish_caldav(a, CalDAVTarget(server.url, "a", "pa"))
        city.discover(b.db, password="pb", window=WINDOW)
        before = b.db.execute("SELECT count(*) FROM foreign_visits").fetchone()[0]
        assert before
        with pytest.raises(CalendarFeedError) as refused:
            city.refresh_city_sources(b.db, password="wrong", window=WINDOW)
        assert server.url.split("//")[1] + "a/joint-acceptance-d0" in str(refused.value)
        assert "refused the user name or password" in str(refused.value)
        assert "last good copy" in str(refused.value)
        assert b.db.execute("SELECT count(*) FROM foreign_visits").fetchone()[0] == before
        # Publishing refuses as a whole: nothing is sent while the other bureaus cannot be read.
        with pytest.raises(PublishError, match="Nothing was published"):
            publish_caldav(b, CalDAVTarget(server.url, "b", "wrong"))
    finally:
        server.stop()


class _StubDav(http.server.BaseHTTPRequestHandler):
    """A CalDAV server that misbehaves on purpose: 5xx, an HTML page, silence; or serves ``body``."""

    state = {"mode": "ok", "body": b""}

    def log_message(self, *args) -> None:
        pass

    def _answer(self, status: int, body: bytes, kind: str = "application/xml") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PROPFIND(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        mode = self.state["mode"]
        if mode == "5xx":
            return self._answer(503, b"busy", "text/plain")
        if mode == "html":
            return self._answer(200, b"<html><body>login</body></html>", "text/html")
        if mode == "slow":
            time.sleep(3)
        self._answer(207, b'<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/cal/</d:href>'
                          b'<d:propstat><d:prop><d:sync-token>t1</d:sync-token></d:prop>'
                          b'<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>')

    def do_REPORT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer(207, self.state["body"])


def _stub(body: bytes):
    handler = type("Handler", (_StubDav,), {"state": {"mode": "ok", "body": body}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler.state, f"caldav://127.0.0.1:{server.server_address[1]}/cal/"


def _multistatus(calendars: list[str]) -> bytes:
    from xml.sax.saxutils import escape

    parts = [f'<d:response><d:href>/cal/{i}.ics</d:href><d:propstat><d:prop><d:getetag>"{i}"</d:getetag>'
             f'<c:calendar-data>{escape(text)}</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status>'
             f'</d:propstat></d:response>' for i, text in enumerate(calendars)]
    return ('<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
            + "".join(parts) + "</d:multistatus>").encode("utf-8")


def _event(uid: str, start: str, end: str, extra: str = "") -> str:
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n"
            f"DTSTAMP:20261101T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:busy\r\n{extra}"
            f"END:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.mark.parametrize("mode, words", [("5xx", "503"), ("html", "web page (HTML)"),
                                         ("slow", "no answer within 1 seconds")])
def test_server_faults_are_named_and_keep_the_last_good_copy(demo_db, mode, words):
    from desktop_app.core.calendar.availability import import_source

    server, state, location = _stub(_multistatus([_event("x1", "20261202T010000Z", "20261202T020000Z")]))
    try:
        city.import_caldav(demo_db, "D01", location, window=WINDOW, timeout=1)
        stored = demo_db.execute("SELECT count(*) FROM busy_events WHERE department = 'D01'").fetchone()[0]
        demo_db.execute("UPDATE availability_sources SET sync_token = '' WHERE location = ?", [location])
        state["mode"] = mode
        with pytest.raises(CalendarFeedError) as failed:
            import_source(demo_db, "D01", location, window=WINDOW, timeout=1)
    finally:
        server.shutdown()
    assert location in str(failed.value) and words in str(failed.value)
    assert "last good copy" in str(failed.value)
    assert demo_db.execute("SELECT count(*) FROM busy_events WHERE department = 'D01'").fetchone()[0] == stored
    assert [s.last_error for s in sources(demo_db, "D01") if s.location == location][0]


def test_a_calendar_that_is_not_icalendar_is_refused(demo_db):
    server, _, location = _stub(_multistatus(["this is not a calendar"]))
    try:
        with pytest.raises(CalendarFeedError, match="/cal/0.ics is not iCalendar data"):
            city.import_caldav(demo_db, "D01", location, window=WINDOW)
    finally:
        server.shutdown()
    assert not [s for s in sources(demo_db, "D01") if s.location == location]


def test_a_resource_that_is_not_icalendar_is_refused_on_a_sync_too(demo_db):
    """A changed resource read by multiget on a sync gets the same check as a full query (not dropped silently)."""
    server, state, location = _stub(_multistatus([_event("x1", "20261202T010000Z", "20261202T020000Z")]))
    try:
        city.import_caldav(demo_db, "D01", location, window=WINDOW)
        stored = demo_db.execute("SELECT count(*) FROM busy_events WHERE department = 'D01'").fetchone()[0]
        state["body"] = _multistatus([_event("x1", "20261202T010000Z", "20261202T020000Z"), "this is not a calendar"])
        with pytest.raises(CalendarFeedError, match="/cal/1.ics is not iCalendar data"):
            city.import_caldav(demo_db, "D01", location, window=WINDOW)
    finally:
        server.shutdown()
    assert demo_db.execute("SELECT count(*) FROM busy_events WHERE department = 'D01'").fetchone()[0] == stored
    assert not demo_db.execute("SELECT count(*) FROM caldav_resources WHERE href = '/cal/1.ics'").fetchone()[0]


def test_ten_thousand_events_and_unbounded_recurrences_stay_bounded(demo_db):
    tag = "X-JOINT-ACCEPTANCE-PROJECT:GX-{i}\r\nX-JOINT-ACCEPTANCE-BUREAU:高新区\r\n"
    calendars = [_event(f"e{i}", f"2026{12 if i % 2 else 11}{1 + i % 28:02d}T0{i % 8}0000Z",
                        f"2026{12 if i % 2 else 11}{1 + i % 28:02d}T0{i % 8}3000Z", tag.format(i=i))
                 for i in range(10_000)]
    calendars.append(_event("forever", "20261201T010000Z", "20261201T013000Z", "RRULE:FREQ=MINUTELY\r\n"))
    server, _, location = _stub(_multistatus(calendars))
    try:
        result = city.import_caldav(demo_db, "D03", location, window=WINDOW)
    finally:
        server.shutdown()
    assert result.event_count == 10_001
    visits = demo_db.execute("SELECT count(*) FROM foreign_visits WHERE department = 'D03'").fetchone()[0]
    assert visits == 10_000
    busy = demo_db.execute("SELECT count(*) FROM busy_events WHERE department = 'D03'").fetchone()[0]
    assert 0 < busy <= Repository(demo_db).settings().calendar_occurrence_limit


def test_discover_without_a_server_is_a_clear_usage_error(demo_db):
    with pytest.raises(AvailabilityError, match="No city CalDAV server"):
        city.discover(demo_db)
