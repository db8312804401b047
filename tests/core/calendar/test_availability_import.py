"""Busy time from iCalendar files: every feature the departments' feeds use, and every bad input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop_app.core.calendar.availability import (
    Availability, BlockKind, import_calendar_bytes, import_source, load_busy_events, sources,
)
from desktop_app.core.calendar.ical_reader import MAX_FEED_BYTES, busy_periods, parse_feed, read_feed_file
from desktop_app.core.model.errors import InputError

ICS = Path(__file__).parents[2] / "fixtures" / "ics"
TZ = ZoneInfo("Asia/Shanghai")
WINDOW = (dt.date(2026, 11, 1), dt.date(2027, 1, 31))


def at(day: str, time: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time.fromisoformat(time), TZ)


def periods(name: str, first=dt.date(2026, 11, 30), last=dt.date(2026, 12, 31)):
    feed = parse_feed((ICS / name).read_bytes(), name)
    return sorted(busy_periods(feed, first, last))


def snapshot(db) -> tuple:
    return (list(db.query("SELECT department, location, content, fetched_at, event_count FROM availability_sources "
                          "ORDER BY id")),
            list(db.query("SELECT source, department, start, end, title, all_day FROM busy_events ORDER BY id")))


# --- features ---------------------------------------------------------------------------------
def test_exdate_rdate_recurrence_id_all_day_transparent_cancelled_and_duration():
    found = [(p.start, p.end, p.title, p.all_day) for p in periods("recurrence_overrides.ics")]
    titles_by_day = {}
    for start, _, title, _ in found:
        titles_by_day.setdefault(start.date(), []).append(title)
    assert titles_by_day[dt.date(2026, 11, 30)] == ["晨会"]
    assert dt.date(2026, 12, 2) not in titles_by_day                          # EXDATE
    assert titles_by_day[dt.date(2026, 12, 3)] == ["晨会（改到下午）"]           # RECURRENCE-ID moved it
    assert (at("2026-12-03", "15:00"), at("2026-12-03", "16:00"), "晨会（改到下午）", False) in found
    assert dt.date(2026, 12, 4) not in titles_by_day                          # cancelled occurrence
    assert titles_by_day[dt.date(2026, 12, 5)] == ["晨会"]                    # RDATE
    assert (at("2026-12-07", "00:00"), at("2026-12-09", "00:00"), "外出培训两天", True) in found
    assert "仅提醒" not in titles_by_day.get(dt.date(2026, 12, 10), [])       # TRANSP:TRANSPARENT
    assert "已取消" not in titles_by_day.get(dt.date(2026, 12, 10), [])       # STATUS:CANCELLED
    assert (at("2026-12-11", "14:00"), at("2026-12-11", "15:30"), "按时长的会", False) in found
    assert dt.date(2026, 12, 14) not in titles_by_day                         # after UNTIL


def test_rrule_without_end_is_expanded_only_over_the_window():
    # Every 30 minutes since 2020, forever: bounded by the window, so it finishes at once.
    found = periods("endless_rrule.ics", dt.date(2026, 12, 1), dt.date(2026, 12, 1))
    half_hours = [p for p in found if p.title == "每半小时值守"]
    assert len(half_hours) == 48
    assert all(p.start.date() == dt.date(2026, 12, 1) for p in found)


def test_x_wr_timezone_only_feed_and_floating_time():
    found = periods("xwr_timezone_only.ics")
    weekly = [p for p in found if p.title == "UTC 周会"]
    assert [p.start for p in weekly] == [at("2026-12-01", "09:00"), at("2026-12-08", "09:00"), at("2026-12-15", "09:00")]
    [floating] = [p for p in found if p.title == "浮动时间会议"]
    assert floating.start == at("2026-12-02", "14:00")


def test_windows_zone_name():
    [event] = periods("windows_zone.ics")
    assert (event.start, event.end) == (at("2026-12-01", "09:00"), at("2026-12-01", "10:30"))


def test_floating_utc_and_foreign_zones_end_up_in_the_bureau_zone():
    found = {p.title: p for p in periods("floating_and_utc.ics")}
    assert found["浮动时间"].start == at("2026-12-01", "09:00")
    assert found["UTC 时间"].start == at("2026-12-01", "14:00")
    assert found["柏林时间"].start == at("2026-12-01", "16:00")
    assert all(p.start.tzinfo == TZ for p in found.values())


def test_vfreebusy_busy_periods():
    found = periods("freebusy.ics")
    assert [(p.start, p.end) for p in found] == [
        (at("2026-12-01", "09:00"), at("2026-12-01", "11:00")),
        (at("2026-12-02", "14:00"), at("2026-12-02", "16:00")),
        (at("2026-12-04", "09:00"), at("2026-12-04", "10:00"))]        # FREE is skipped, TENTATIVE blocks


def test_line_folded_inside_a_chinese_character():
    [event] = periods("folded_multibyte.ics")
    assert event.title == "全市消防安全大检查暨冬季火灾防控专项行动部署会议"


def test_import_stores_source_and_events_and_explanations_name_them(demo_repo, demo_today):
    db = demo_repo.db
    result = import_calendar_bytes(db, "D03", "folded.ics", (ICS / "folded_multibyte.ics").read_bytes(), window=WINDOW)
    assert (result.event_count, result.busy_count) == (1, 1)
    [source] = sources(db, "D03")
    assert source.fetched_at is not None and source.event_count == 1 and source.last_error == ""
    availability = Availability.from_repository(demo_repo, demo_today, demo_today + dt.timedelta(days=10))
    [stretch] = availability.unavailable("D03", at("2026-12-03", "09:00"), at("2026-12-03", "10:00"))
    assert (stretch.kind, stretch.reason) == (BlockKind.BUSY_EVENT, "全市消防安全大检查暨冬季火灾防控专项行动部署会议")


def test_reimport_replaces_the_previous_events_of_that_source_only(demo_repo):
    db = demo_repo.db
    import_calendar_bytes(db, "D03", "a.ics", (ICS / "recurrence_overrides.ics").read_bytes(), window=WINDOW)
    import_calendar_bytes(db, "D03", "b.ics", (ICS / "windows_zone.ics").read_bytes(), window=WINDOW)
    import_calendar_bytes(db, "D03", "a.ics", (ICS / "freebusy.ics").read_bytes(), window=WINDOW)
    titles = {e.title for e in load_busy_events(db, dt.date(2026, 11, 30), dt.date(2026, 12, 31))["D03"]}
    assert "晨会" not in titles and "Outlook 会议" in titles and "busy" in titles
    assert [s.location for s in sources(db, "D03")] == ["a.ics", "b.ics"]


def test_events_file_with_zero_events_is_accepted_and_says_so(demo_repo):
    db = demo_repo.db
    import_calendar_bytes(db, "D03", "cal.ics", (ICS / "windows_zone.ics").read_bytes(), window=WINDOW)
    result = import_calendar_bytes(db, "D03", "cal.ics", (ICS / "no_events.ics").read_bytes(), window=WINDOW)
    assert result.event_count == 0
    assert "contains no events" in result.message()
    assert "D03" not in load_busy_events(db, dt.date(2026, 11, 30), dt.date(2026, 12, 31))


def test_import_source_reads_a_file_and_remembers_its_path(demo_repo, tmp_path):
    feed = tmp_path / "消防.ics"
    feed.write_bytes((ICS / "windows_zone.ics").read_bytes())
    result = import_source(demo_repo.db, "D03", str(feed), window=WINDOW)
    assert result.location == str(feed.resolve())
    assert "1 events read" in result.message()


def test_demo_busy_events_are_stored_with_their_window(demo_repo):
    stored = sources(demo_repo.db)
    assert [s.department for s in stored] == ["D01", "D02", "D05", "D12"]
    assert all(s.expanded_first and s.expanded_last and s.expanded_first < s.expanded_last for s in stored)


# --- bad input ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("fixture", "message"), [
    ("not_calendar.ics", "not an iCalendar file"),
    ("html_page.ics", "web page (HTML), not an iCalendar file"),
    ("truncated.ics", "truncated: BEGIN:VEVENT (line"),
    ("bad_dtstart.ics", "VEVENT '局务会' (UID b1): property DTSTART cannot be read: 'tomorrow morning' is not "
                        "a date or date-time such as 20261201 or 20261201T090000"),
    ("unknown_tzid.ics", "unknown time zone TZID='Jining Standard Time' in DTSTART"),
    ("bad_rrule.ics", "VEVENT '周例会' (UID r1): property RRULE cannot be read: 'EVERY-OTHER-DAY' is not a "
                      "recurrence rule"),
])
def test_bad_feed_is_refused_and_the_old_availability_stays(demo_repo, fixture, message):
    db = demo_repo.db
    import_calendar_bytes(db, "D02", "feed.ics", (ICS / "windows_zone.ics").read_bytes(), window=WINDOW)
    before = snapshot(db)
    with pytest.raises(InputError, match=re.escape(message)) as error:
        import_calendar_bytes(db, "D02", "feed.ics", (ICS / fixture).read_bytes(), window=WINDOW)
    assert "feed.ics" in str(error.value)
    assert snapshot(db) == before


def test_the_reason_a_value_cannot_be_read_is_in_chinese(demo_repo, monkeypatch):
    from desktop_app.core.model import messages

    monkeypatch.setattr(messages, "_language", "zh_CN")
    with pytest.raises(InputError) as error:
        import_calendar_bytes(demo_repo.db, "D02", "feed.ics", (ICS / "bad_dtstart.ics").read_bytes(), window=WINDOW)
    assert "无法读取属性 DTSTART：“tomorrow morning”不是有效的日期或日期时间" in str(error.value)
    assert "Expected" not in str(error.value)


def test_oversized_file_is_refused_before_reading(demo_repo, tmp_path):
    huge = tmp_path / "huge.ics"
    with huge.open("wb") as handle:          # a sparse 200 MB file: nothing is really written
        handle.truncate(200 * 1024 * 1024)
    before = snapshot(demo_repo.db)
    with pytest.raises(InputError, match=re.escape("the file is 209,715,200 bytes (200.0 MB), more than the "
                                                  "33,554,432 bytes (32 MB) a calendar may have")):
        import_source(demo_repo.db, "D02", str(huge))
    assert snapshot(demo_repo.db) == before
    assert os.path.getsize(huge) > MAX_FEED_BYTES


def test_missing_file_and_unknown_department(demo_repo, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_feed_file(tmp_path / "nothing.ics")
    with pytest.raises(InputError, match="unknown department 'D99'"):
        import_calendar_bytes(demo_repo.db, "D99", "x.ics", (ICS / "windows_zone.ics").read_bytes())


def test_dataset_import_validates_calendars_before_writing(db, tmp_path):
    import shutil

    from desktop_app.core.dataset.dataset_import import DatasetError, import_dataset
    from desktop_app.core.calendar.availability import store_calendar_bytes
    from desktop_app.paths import DEMO_DATASET

    dataset = tmp_path / "dataset"
    shutil.copytree(DEMO_DATASET, dataset)
    (dataset / "availability" / "D02.ics").write_bytes((ICS / "bad_rrule.ics").read_bytes())
    with pytest.raises(DatasetError) as error:
        import_dataset(dataset, db, store_calendar_bytes)
    assert "availability/D02.ics" in str(error.value) and "RRULE" in str(error.value)
    assert db["departments"].count == 0 and db["availability_sources"].count == 0


@pytest.mark.parametrize("fixture", [
    "recurrence_overrides.ics", "xwr_timezone_only.ics", "windows_zone.ics", "floating_and_utc.ics",
    "freebusy.ics", "folded_multibyte.ics", "endless_rrule.ics",
])
def test_direct_reading_of_one_off_events_agrees_with_the_library(fixture):
    data = (ICS / fixture).read_bytes()
    fast, full = parse_feed(data, fixture), parse_feed(data, fixture, fast=False)
    assert fast.event_count == full.event_count
    first, last = dt.date(2026, 11, 30), dt.date(2026, 12, 20)
    assert sorted(busy_periods(fast, first, last)) == sorted(busy_periods(full, first, last))


def test_direct_reading_unescapes_titles_and_skips_what_does_not_block():
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//ZH\r\n"
            b"BEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=Asia/Shanghai:20261201T090000\r\n"
            b"DTEND;TZID=Asia/Shanghai:20261201T100000\r\nSUMMARY:\xe4\xbc\x9a\\, \xe8\xae\xae\\; \\\\x\r\n"
            b"BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:x\r\nEND:VALARM\r\nEND:VEVENT\r\n"
            b"BEGIN:VEVENT\r\nUID:2\r\nDTSTART:20261201T020000Z\r\nDTEND:20261201T030000Z\r\nTRANSP:TRANSPARENT\r\n"
            b"SUMMARY:t\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    feed = parse_feed(data, "x.ics")
    assert [p.title for p in busy_periods(feed, dt.date(2026, 12, 1), dt.date(2026, 12, 1))] == ["会, 议; \\x"]
    assert feed.event_count == 2 and len(feed.simple) == 1


def test_another_bureaus_visit_at_a_place_whose_name_has_an_escaped_backslash_is_matched(demo_repo):
    """RFC 5545 escapes '\\' as '\\\\': r'C:\\\\new\\, plant' is the name 'C:\\new, plant', not 'C:\\ ew, plant'."""
    place = demo_repo.place("P03")
    demo_repo.replace_place(place, dataclasses.replace(place, name="C:\\new, plant"))
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//ZH\r\n"
            b"BEGIN:VEVENT\r\nUID:theirs-1\r\nDTSTART;TZID=Asia/Shanghai:20261203T090000\r\n"
            b"DTEND;TZID=Asia/Shanghai:20261203T100000\r\nSUMMARY:\xe9\xaa\x8c\xe6\x94\xb6\r\n"
            b"X-JOINT-ACCEPTANCE-PROJECT:GX2026-017\r\nX-JOINT-ACCEPTANCE-BUREAU:\xe9\xab\x98\xe6\x96\xb0\xe5\x8c\xba\r\n"
            b"X-JOINT-ACCEPTANCE-PLACE:Q09\r\nX-JOINT-ACCEPTANCE-PLACE-NAME:C:\\\\new\\, plant\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    import_calendar_bytes(demo_repo.db, "D01", "https://city.example/b/D01/", data)
    rows = demo_repo.db.execute("SELECT project, place FROM foreign_visits WHERE uid = 'theirs-1'").fetchall()
    assert rows == [("GX2026-017", "P03")]
