"""The departments' iCal feeds and invitations (issue 5, DESIGN §6).

Every file is read back by icalendar and by an independent parser, Mozilla's ical.js (the
engine of Thunderbird) under Node, so "it looks right in the departments' calendars" is
checked by a client that did not write it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.store.uid_tokens import uid_token, visit_uid
from desktop_app.core.feeds.ical_export import (
    ExportError, build_feeds, escape_text, event_lines, fold, invitation, load_feed_source,
)
from desktop_app.core.dataset.demo import load_demo
from desktop_app.core.model.domain import Visit, VisitStatus
from desktop_app.core.feeds.publishing import publish_folder
from desktop_app.core.store.repository import Repository
from desktop_app.core.store.database import open_database

SHANGHAI = ZoneInfo("Asia/Shanghai")
ICALJS = Path(__file__).resolve().parents[2] / "tools" / "icaljs"


# --- helpers shared with test_publishing ------------------------------------------------------
def add_visit(repo: Repository, project_code: str, day: dt.date, hour: int, minute: int = 0, *,
              minutes: int = 120, status: VisitStatus = VisitStatus.PUBLISHED,
              items: tuple[str, ...] | None = None) -> Visit:
    """A visit of ``project_code`` by the departments of its items (or of ``items``)."""
    project = repo.project(project_code)
    by_code = {item.code: item for item in repo.items()}
    chosen = tuple(items if items is not None else project.items)
    start = dt.datetime.combine(day, dt.time(hour, minute), SHANGHAI)
    visit = Visit(None, project_code, start, start + dt.timedelta(minutes=minutes), project.place,
                  tuple(sorted({by_code[i].department for i in chosen})), chosen, status=status)
    return repo.visit(repo.insert_visit(visit))


def move_visit(repo: Repository, visit: Visit, new_start: dt.datetime) -> Visit:
    length = visit.end - visit.start
    return repo.update_visit(dataclasses.replace(repo.visit(visit.id), start=new_start, end=new_start + length))


def cancel_visit(repo: Repository, visit: Visit) -> Visit:
    return repo.update_visit(dataclasses.replace(repo.visit(visit.id), status=VisitStatus.CANCELLED))


def ical_js(*paths: Path) -> list[dict]:
    """What ical.js reads from ``paths`` (see tests/tools/icaljs/parse.mjs)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for the independent parser (apt-get install nodejs)")
    if not (ICALJS / "node_modules" / "ical.js").is_dir():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail(f"npm is needed to install ical.js: npm ci --prefix {ICALJS}")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(ICALJS)], check=True,
                       capture_output=True)
    # TZ=UTC: if a TZID were not resolved, ical.js would fall back to the process's zone and
    # 09:00 would come out as 09:00Z instead of 01:00Z.
    completed = subprocess.run([node, str(ICALJS / "parse.mjs"), *map(str, paths)], check=False,
                               capture_output=True, text=True, env={**os.environ, "TZ": "UTC"})
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def physical_lines(content: bytes) -> list[bytes]:
    assert content.endswith(b"\r\n")
    return content[:-2].split(b"\r\n")


# --- fixtures -----------------------------------------------------------------------------------
@pytest.fixture
def visits(demo_repo, demo_today):
    """Three visits in the demo's first week: published, planned, and one cancelled."""
    tuesday = demo_today + dt.timedelta(days=1)
    published = add_visit(demo_repo, "XM2026-001", tuesday, 9)
    planned = add_visit(demo_repo, "XM2026-004", tuesday, 14, status=VisitStatus.PLANNED)
    doomed = add_visit(demo_repo, "XM2026-002", tuesday + dt.timedelta(days=1), 9)
    cancel_visit(demo_repo, doomed)
    return {"published": demo_repo.visit(published.id), "planned": demo_repo.visit(planned.id),
            "cancelled": demo_repo.visit(doomed.id)}


@pytest.fixture
def exported(demo_repo, visits, tmp_path) -> Path:
    out = tmp_path / "out"
    publish_folder(demo_repo, out)
    return out


def _events_by_uid(parsed: dict) -> dict[str, dict]:
    return {event["uid"]: event for event in parsed["events"]}


# --- the independent parser ----------------------------------------------------------------------
def test_ical_js_reads_the_demo_feeds_at_the_right_local_time(demo_repo, visits, exported):
    token = uid_token(demo_repo)
    shared, = ical_js(exported / "joint-acceptance.ics")
    assert shared["method"] == "PUBLISH"
    assert shared["calname"] == "联合验收 — 济宁经济技术开发区行政审批局"
    assert shared["timezone"] == "Asia/Shanghai" and shared["refresh"] == "PT1H"
    events = _events_by_uid(shared)
    published = events[visit_uid(visits["published"].id, token)]
    assert published["dtstart"] == {"tzid": "Asia/Shanghai", "local": "2026-12-01T09:00:00",
                                    "utc": "2026-12-01T01:00:00.000Z", "zone": "Asia/Shanghai"}
    assert published["dtend"]["utc"] == "2026-12-01T03:00:00.000Z"
    assert published["status"] == "CONFIRMED"
    assert published["summary"] == "联合验收：电子信息产业园标准化厂房工程1号厂房"
    assert published["location"].startswith("电子信息产业园A区1号厂房，电子信息产业园，山东省济宁市")
    assert published["organizer"] == "mailto:spj@jnjkq.example.cn"
    assert published["organizer_cn"] == "济宁经济技术开发区行政审批局"
    assert published["attendees"] == []                # RFC 5546: no ATTENDEE in a PUBLISH feed
    assert "济宁市住房和城乡建设局（建设工程消防验收）（陈科长 0537-2316202）" in published["description"]
    assert "消防验收：建设工程消防验收申请表；消防设计审查意见书" in published["description"]
    assert "联合验收专班 0537-0000000" in published["description"]
    assert "济宁市人民防空办公室" in published["categories"] and "电子信息产业园" in published["categories"]
    planned = events[visit_uid(visits["planned"].id, token)]
    assert planned["status"] == "TENTATIVE" and planned["dtstart"]["utc"] == "2026-12-01T06:00:00.000Z"
    assert visit_uid(visits["cancelled"].id, token) not in events
    assert published["alarms"] == []                     # reminders belong to the departments' feeds


def test_department_feeds_hold_exactly_their_visits_with_a_reminder(demo_repo, visits, exported):
    token = uid_token(demo_repo)
    active = [visits["published"], visits["planned"]]
    departments = demo_repo.departments()
    feeds = ical_js(*(exported / "departments" / f"{d.code}.ics" for d in departments))
    for department, parsed in zip(departments, feeds, strict=True):
        expected = {visit_uid(v.id, token) for v in active if department.code in v.departments}
        assert set(_events_by_uid(parsed)) == expected, department.code
        assert parsed["calname"] == f"联合验收 — {department.name}"
        assert all(event["alarms"] == ["-P1D"] for event in parsed["events"])


def test_project_files_hold_the_projects_visits(demo_repo, visits, exported):
    token = uid_token(demo_repo)
    first, cancelled_only = ical_js(exported / "projects" / "XM2026-001.ics", exported / "projects" / "XM2026-002.ics")
    assert [e["uid"] for e in first["events"]] == [visit_uid(visits["published"].id, token)]
    assert first["calname"] == "联合验收 — 电子信息产业园标准化厂房工程1号厂房"
    assert cancelled_only["events"] == []
    assert len(list((exported / "projects").glob("*.ics"))) == len(demo_repo.projects())


def test_a_zone_with_daylight_saving_gets_a_correct_vtimezone(demo_repo, demo_today, tmp_path):
    """The VTIMEZONE is generated from zoneinfo, not hard-coded for China."""
    demo_repo.save_settings(dataclasses.replace(demo_repo.settings(), timezone="Europe/Berlin"))
    berlin = ZoneInfo("Europe/Berlin")
    summer = demo_repo.insert_visit(Visit(None, "XM2026-001", dt.datetime(2027, 7, 1, 9, tzinfo=berlin),
                                          dt.datetime(2027, 7, 1, 10, tzinfo=berlin), "P03", ("D01",), ("I01",)))
    winter = demo_repo.insert_visit(Visit(None, "XM2026-001", dt.datetime(2027, 1, 5, 9, tzinfo=berlin),
                                          dt.datetime(2027, 1, 5, 10, tzinfo=berlin), "P03", ("D01",), ("I01",)))
    publish_folder(demo_repo, tmp_path / "out")
    events = _events_by_uid(ical_js(tmp_path / "out" / "joint-acceptance.ics")[0])
    token = uid_token(demo_repo)
    assert events[visit_uid(summer, token)]["dtstart"]["utc"] == "2027-07-01T07:00:00.000Z"
    assert events[visit_uid(winter, token)]["dtstart"]["utc"] == "2027-01-05T08:00:00.000Z"


# --- RFC 5545 form -------------------------------------------------------------------------------
def test_every_file_is_well_formed(exported):
    files = sorted(exported.rglob("*.ics"))
    assert len(files) > 40
    ical_js(*files)   # every file parses with the independent parser
    for path in files:
        content = path.read_bytes()
        assert b"\n" not in content.replace(b"\r\n", b""), f"{path}: bare LF"
        for line in physical_lines(content):
            assert len(line) <= 75, f"{path}: {len(line)} octets"
            line.decode("utf-8")  # a folded line never splits a UTF-8 character
        calendar = icalendar.Calendar.from_ical(content)
        zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
        assert zones == {"Asia/Shanghai"}
        for event in calendar.walk("VEVENT"):
            for name in ("DTSTART", "DTEND"):
                assert event[name].params["TZID"] in zones, f"{path}: {name} without a known TZID"
                assert event[name].dt.tzinfo is not None, f"{path}: floating {name}"
            for name in ("DTSTAMP", "LAST-MODIFIED"):
                assert event[name].to_ical().endswith(b"Z")
            assert "ATTENDEE" not in event


def test_fold_never_splits_a_character_and_unfolds_to_the_original():
    for text in ("联合验收：" * 40, "a" + "验" * 100, "x" * 200, "🏗" * 30 + "a"):
        folded = fold("DESCRIPTION:" + text)
        lines = physical_lines(folded)
        assert all(len(line) <= 75 for line in lines)
        assert all(line.startswith(b" ") for line in lines[1:])
        assert b"".join([lines[0]] + [line[1:] for line in lines[1:]]).decode("utf-8") == "DESCRIPTION:" + text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=400))
@settings(max_examples=300, deadline=None)
def test_fold_fills_each_line_and_keeps_every_character(text):
    lines = physical_lines(fold("DESCRIPTION:" + text))
    assert all(len(line) <= 75 for line in lines) and all(line.startswith(b" ") for line in lines[1:])
    contents = [lines[0]] + [line[1:] for line in lines[1:]]
    assert b"".join(contents).decode("utf-8") == "DESCRIPTION:" + text          # no character split or lost
    for line, following in zip(lines, contents[1:]):                            # as full as the limit allows
        next_character = following.decode("utf-8")[0].encode("utf-8")
        assert len(line) + len(next_character) > 75


def test_event_text_is_escaped_exactly_as_a_whole(demo_repo, demo_today):
    """The shared pieces are escaped once per export; the result must equal escaping the whole text."""
    from desktop_app.core.feeds.ical_export import _escaped_description, description

    demo_repo.save_project(dataclasses.replace(demo_repo.project("XM2026-001"), owner="甲,乙;丙\\丁\r\n戊\x07",
                                               contact="王玥\n", phone="0537;1"))
    demo_repo.db["departments"].update("D02", {"name": "消防,防火科;\\值班\r室", "contact": "张\n三"})
    demo_repo.db["items"].update("I01", {"name": "规划;核实", "materials": json.dumps(["图,纸", "报告\\一"])})
    demo_repo.db["places"].update("P03", {"name": "园区,A;区", "address": "路\n1号"})
    visit = add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    source = load_feed_source(demo_repo)
    visit = next(v for v in source.visits if v.id == visit.id)
    assert _escaped_description(source, visit) == escape_text(description(source, visit))
    categories = next(line for line in event_lines(source, visit) if line.startswith("CATEGORIES:"))
    assert "消防\\,防火科\\;\\\\值班\\n室" in categories and categories.endswith(",园区\\,A\\;区")


def test_names_that_need_escaping_round_trip_exactly(demo_repo, demo_today, tmp_path):
    awkward_project = "东区,二期;C\\座\n厂房「联合」"
    awkward_department = "市消防救援支队,防火科;值班室"
    project = demo_repo.project("XM2026-001")
    demo_repo.save_project(dataclasses.replace(project, name=awkward_project))
    demo_repo.db["departments"].update("D02", {"name": awkward_department})
    visit = add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    publish_folder(demo_repo, tmp_path / "out")
    path = tmp_path / "out" / "departments" / "D02.ics"
    token = uid_token(demo_repo)

    parsed, = ical_js(path)
    event = _events_by_uid(parsed)[visit_uid(visit.id, token)]
    # calendar names avoid escapes, which clients read inconsistently: full-width punctuation instead
    assert parsed["calname"] == "联合验收 — 市消防救援支队，防火科；值班室"
    assert event["summary"] == f"联合验收：{awkward_project}"
    assert awkward_department in event["categories"]
    assert f"· {awkward_department}（" in event["description"]

    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "联合验收 — 市消防救援支队，防火科；值班室"
    ievent, = calendar.walk("VEVENT")
    assert str(ievent["SUMMARY"]) == f"联合验收：{awkward_project}"
    assert awkward_department in [str(c) for c in ievent["CATEGORIES"].cats]


def test_escape_text():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


# --- identity and stability ----------------------------------------------------------------------
def test_reexport_without_change_is_byte_identical_and_rewrites_nothing(demo_repo, visits, exported, db_path):
    before = {p: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in exported.rglob("*.ics")}
    result = publish_folder(demo_repo, exported)
    assert result.written == [] and result.removed == [] and len(result.unchanged) == len(before)
    after = {p: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in exported.rglob("*.ics")}
    assert after == before
    # a fresh export elsewhere, from a reopened database, gives the same bytes
    publish_folder(Repository(open_database(db_path)), exported.parent / "again")
    for path, (content, _, _) in before.items():
        assert (exported.parent / "again" / path.relative_to(exported)).read_bytes() == content


def test_a_move_raises_sequence_and_rewrites_only_the_affected_files(demo_repo, visits, exported):
    moved = visits["published"]
    new_start = dt.datetime(2026, 12, 3, 14, 0, tzinfo=SHANGHAI)
    move_visit(demo_repo, moved, new_start)
    result = publish_folder(demo_repo, exported)
    expected = {"joint-acceptance.ics", "projects/XM2026-001.ics"} | {f"departments/{d}.ics" for d in moved.departments}
    assert set(result.written) == expected

    event = _events_by_uid(ical_js(exported / "joint-acceptance.ics")[0])[visit_uid(moved.id, uid_token(demo_repo))]
    assert event["sequence"] == 1
    assert event["dtstart"]["utc"] == "2026-12-03T06:00:00.000Z"
    assert "【时间已调整】原定 2026-12-01 09:00" in event["description"]


def test_a_cancelled_visit_leaves_every_feed(demo_repo, visits, exported):
    gone = visits["published"]
    cancel_visit(demo_repo, gone)
    publish_folder(demo_repo, exported)
    uid = visit_uid(gone.id, uid_token(demo_repo)).encode()
    assert not [p for p in exported.rglob("*.ics") if uid in p.read_bytes()]


def test_uids_are_stable_per_database_and_never_reused(demo_repo, demo_today, db_path):
    first = add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    token = uid_token(demo_repo)
    demo_repo.db.execute("DELETE FROM visits WHERE id = ?", [first.id])
    second = add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    assert second.id != first.id
    reopened = Repository(open_database(db_path))
    assert uid_token(reopened) == token
    assert visit_uid(second.id, uid_token(reopened)) != visit_uid(first.id, token)
    assert reopened.settings() == demo_repo.settings()   # the token lives beside the settings, not in them


def test_reminder_is_configurable(demo_repo, visits, tmp_path):
    demo_repo.save_settings(dataclasses.replace(demo_repo.settings(), reminder_minutes=90))
    publish_folder(demo_repo, tmp_path / "a")
    department = visits["published"].departments[0]
    assert ical_js(tmp_path / "a" / "departments" / f"{department}.ics")[0]["events"][0]["alarms"] == ["-PT90M"]
    demo_repo.save_settings(dataclasses.replace(demo_repo.settings(), reminder_minutes=0))
    publish_folder(demo_repo, tmp_path / "b")
    assert b"VALARM" not in (tmp_path / "b" / "departments" / f"{department}.ics").read_bytes()


def test_unknown_time_zone_is_refused_with_its_name(demo_repo, visits, tmp_path):
    demo_repo.save_settings(dataclasses.replace(demo_repo.settings(), timezone="Asia/Jining"))
    with pytest.raises(ExportError, match="Asia/Jining"):
        publish_folder(demo_repo, tmp_path / "out")
    assert not (tmp_path / "out" / "joint-acceptance.ics").exists()


# --- invitations ---------------------------------------------------------------------------------
def test_invitations_request_then_cancel(demo_repo, visits, tmp_path):
    out = tmp_path / "out"
    publish_folder(demo_repo, out, invitations=True)
    published = visits["published"]
    request_path = out / "invitations" / f"visit-{published.id}.ics"
    # planned visits are not sent yet; a visit cancelled before it was invited gets nothing
    assert sorted(p.name for p in (out / "invitations").iterdir()) == [request_path.name]

    request, = ical_js(request_path)
    assert request["method"] == "REQUEST"
    event, = request["events"]
    assert event["organizer"] == "mailto:spj@jnjkq.example.cn"
    departments = {d.code: d for d in demo_repo.departments()}
    assert sorted(a["value"] for a in event["attendees"]) == sorted(
        f"mailto:{departments[code].email}" for code in published.departments)
    assert all(a["role"] == "REQ-PARTICIPANT" and a["rsvp"] == "TRUE" for a in event["attendees"])
    assert {a["cn"] for a in event["attendees"]} == {departments[c].name for c in published.departments}
    assert event["dtstart"]["utc"] == "2026-12-01T01:00:00.000Z" and event["sequence"] == 0

    cancel_visit(demo_repo, published)
    publish_folder(demo_repo, out, invitations=True)
    cancel, = ical_js(request_path)
    assert cancel["method"] == "CANCEL"
    event, = cancel["events"]
    assert event["status"] == "CANCELLED" and event["sequence"] == 1
    assert len(event["attendees"]) == len(published.departments)


def test_invitation_needs_department_email(demo_repo, visits):
    demo_repo.db["departments"].update(visits["published"].departments[0], {"email": ""})
    source = load_feed_source(demo_repo)
    visit = next(v for v in source.visits if v.id == visits["published"].id)
    with pytest.raises(ExportError, match="no e-mail address"):
        invitation(source, visit, "REQUEST")


def test_build_feeds_is_deterministic(demo_repo, visits):
    assert build_feeds(load_feed_source(demo_repo)) == build_feeds(load_feed_source(demo_repo))


# --- round trip ----------------------------------------------------------------------------------
def test_a_department_feed_imports_back_as_busy_time(demo_repo, demo_today, tmp_path):
    """A city department serves several bureaus: another bureau's visits in its calendar make it busy."""
    from desktop_app.core.calendar.availability import Availability, import_calendar_bytes
    from desktop_app.core.calendar.ical_reader import busy_periods, parse_feed
    from desktop_app.core.calendar.availability import store_calendar_bytes

    other = Repository(open_database(tmp_path / "other-bureau.sqlite"))
    load_demo(other.db, today=demo_today, availability_writer=store_calendar_bytes)
    tuesday = demo_today + dt.timedelta(days=1)
    published = add_visit(other, "XM2026-001", tuesday, 9)
    planned = add_visit(other, "XM2026-003", tuesday, 14, status=VisitStatus.PLANNED)
    assert "D03" in published.departments and "D03" in planned.departments
    publish_folder(other, tmp_path / "other")
    data = (tmp_path / "other" / "departments" / "D03.ics").read_bytes()
    window = (demo_today, demo_today + dt.timedelta(days=30))

    periods = sorted(busy_periods(parse_feed(data, "D03.ics", "Asia/Shanghai"), *window, "Asia/Shanghai"))
    assert [(p.start, p.end, p.title, p.all_day) for p in periods] == [
        (published.start, published.end, "联合验收：电子信息产业园标准化厂房工程1号厂房", False),
        (planned.start, planned.end, "联合验收：电子信息产业园标准化厂房工程3号厂房", False),
    ]

    assert Availability.from_repository(demo_repo, *window).is_free("D03", published.start, published.end)
    result = import_calendar_bytes(demo_repo.db, "D03", "https://other.example.cn/feeds/D03.ics", data,
                                   window=window)
    assert (result.busy_count, result.own_visits) == (2, 0)
    availability = Availability.from_repository(demo_repo, *window)
    assert not availability.is_free("D03", published.start, published.end)
    assert not availability.is_free("D03", planned.start, planned.end)
    assert availability.is_free("D03", published.end, published.end + dt.timedelta(minutes=60))


def test_our_own_visits_echoed_back_are_not_busy_time(demo_repo, demo_today, tmp_path):
    """A department that subscribes to our feed and publishes its calendar back: no visit collides with itself."""
    from desktop_app.core.calendar.availability import Availability, import_calendar_bytes, load_busy_events
    from desktop_app.core.planning.conflicts import find_conflicts

    tuesday = demo_today + dt.timedelta(days=1)
    visit = add_visit(demo_repo, "XM2026-001", tuesday, 9)
    publish_folder(demo_repo, tmp_path / "out")
    echoed = (tmp_path / "out" / "departments" / "D03.ics").read_bytes()
    # The department's own calendar: its meeting plus our visit, as a calendar program publishes it.
    meeting = (b"BEGIN:VEVENT\r\nUID:meeting-1@d03.example.cn\r\nDTSTAMP:20261101T000000Z\r\n"
               b"DTSTART;TZID=Asia/Shanghai:20261202T090000\r\nDTEND;TZID=Asia/Shanghai:20261202T120000\r\n"
               b"SUMMARY:\xe5\x85\x9a\xe7\xbb\x84\xe4\xbc\x9a\r\nEND:VEVENT\r\n")
    data = echoed.replace(b"END:VCALENDAR\r\n", meeting + b"END:VCALENDAR\r\n")
    window = (demo_today, demo_today + dt.timedelta(days=30))

    result = import_calendar_bytes(demo_repo.db, "D03", "https://d03.example.cn/calendar.ics", data, window=window)
    assert (result.event_count, result.busy_count, result.own_visits) == (2, 1, 1)
    assert "1 of them our own visits" in result.message()
    availability = Availability.from_repository(demo_repo, *window)
    assert availability.is_free("D03", visit.start, visit.end)
    assert not availability.is_free("D03", dt.datetime(2026, 12, 2, 9, tzinfo=SHANGHAI),
                                    dt.datetime(2026, 12, 2, 10, tzinfo=SHANGHAI))
    assert not find_conflicts(demo_repo, *window)

    # Moved since the department last published: the stale echo at the old time blocks nothing either,
    # also when the stored copy is expanded again for a window the import did not cover.
    moved = move_visit(demo_repo, visit, dt.datetime(2026, 12, 4, 9, tzinfo=SHANGHAI))
    later = (demo_today - dt.timedelta(days=3), demo_today + dt.timedelta(days=40))
    assert not [e for e in load_busy_events(demo_repo.db, *later)["D03"] if e.start == visit.start]
    assert Availability.from_repository(demo_repo, *later).is_free("D03", visit.start, visit.end)
    assert moved.sequence == 1
    assert not [c for found in find_conflicts(demo_repo, *window).values() for c in found if c.department == "D03"]


