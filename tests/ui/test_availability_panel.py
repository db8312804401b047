"""Departments page: busy-time preview, busy-time sources (background), blocked dates, seasonal hours."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.core.calendar import availability as av
from desktop_app.core.model.office_hours import WeeklyHours
from desktop_app.ui.pages.busy_preview import DayKind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ics"


def _calendar(uid: str, start: str, end: str, summary: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//gui//ZH\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:{start}\r\n"
            f"DTEND;TZID=Asia/Shanghai:{end}\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


@pytest.fixture
def page(window):
    window.show_page("departments")
    departments = window.pages["departments"]
    return departments


def _titles(page, day: dt.date) -> list[str]:
    return [e.title for d in page.preview.strip.days if d.day == day for e in d.busy]


def _day(page, day: dt.date):
    return next(d for d in page.preview.strip.days if d.day == day)


def test_preview_shows_office_hours_busy_events_and_holidays(page, demo_today):
    page.select("D01")
    days = page.preview.strip.days
    assert [d.day for d in days] == [demo_today + dt.timedelta(days=n) for n in range(7)]
    monday = days[0]
    assert monday.kind is DayKind.WORKING
    assert [(s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in monday.office] == [
        ("08:30", "12:00"), ("14:00", "17:30")]
    assert [(e.title, f"{e.start:%H:%M}") for e in monday.timed_events] == [("局务会", "08:30")]
    assert [e.title for e in _day(page, dt.date(2026, 12, 2)).all_day_events] == ["全天业务培训"]
    assert days[5].kind is DayKind.WEEKEND and days[5].office == []
    # The National Day week: holidays by name, and the 调休 Saturday worked with Wednesday's hours.
    page.preview.show_week(dt.date(2026, 10, 7))
    national_day = _day(page, dt.date(2026, 10, 5))
    assert national_day.kind is DayKind.HOLIDAY and "国庆节" in national_day.note
    makeup = _day(page, dt.date(2026, 10, 10))
    assert makeup.kind is DayKind.MAKEUP and "Wed" in makeup.note and makeup.office
    page.preview.next.click()
    assert page.preview.monday == dt.date(2026, 10, 12)
    page.preview.strip.grab()    # paints every kind of day without error


def test_adding_a_file_source_runs_in_background_and_is_undoable(page, window, demo_db, qtbot, tmp_path):
    source = tmp_path / "d03-busy.ics"
    source.write_bytes(_calendar("x1", "20261201T100000", "20261201T113000", "外出检查"))
    page.select("D03")
    assert page.sources.model.rowCount() == 0 and _titles(page, dt.date(2026, 12, 1)) == []
    with qtbot.waitSignal(page.sources.finished, timeout=10000) as finished:
        page.sources.add_source(str(source))
        assert page.sources.progress.isVisibleTo(page.sources)   # the window keeps running meanwhile
    assert "1 events read" in finished.args[0]
    assert [s.location for s in page.sources.model.records] == [str(source.resolve())]
    assert _titles(page, dt.date(2026, 12, 1)) == ["外出检查"]
    window.workspace.undo_stack.undo()
    assert av.sources(demo_db, "D03") == [] and _titles(page, dt.date(2026, 12, 1)) == []
    window.workspace.undo_stack.redo()
    assert len(av.sources(demo_db, "D03")) == 1 and _titles(page, dt.date(2026, 12, 1)) == ["外出检查"]


def test_a_bad_file_shows_the_problem_and_keeps_the_previous_events(page, demo_db, qtbot, tmp_path):
    source = tmp_path / "d03.ics"
    source.write_bytes(_calendar("x1", "20261202T140000", "20261202T150000", "质量抽查"))
    page.select("D03")
    with qtbot.waitSignal(page.sources.finished, timeout=10000):
        page.sources.add_source(str(source))
    before = av.load_busy_events(demo_db, dt.date(2026, 12, 1), dt.date(2026, 12, 6))["D03"]
    source.write_bytes((FIXTURES / "bad_dtstart.ics").read_bytes())
    with qtbot.waitSignal(page.sources.finished, timeout=10000) as finished:
        page.sources.refresh.click()
    assert "DTSTART" in finished.args[0] and "0 source(s) refreshed, 1 failed" in finished.args[0]
    assert av.load_busy_events(demo_db, dt.date(2026, 12, 1), dt.date(2026, 12, 6))["D03"] == before
    assert _titles(page, dt.date(2026, 12, 2)) == ["质量抽查"]
    # Adding the bad file again names the problem and says which copy stays in use, and how old it is.
    with qtbot.waitSignal(page.sources.finished, timeout=10000) as finished:
        page.sources.add_source(str(source))
    assert "DTSTART" in finished.args[0] and "last good copy" in finished.args[0] and "old" in finished.args[0]
    assert "color: #b91c1c" in page.sources.message.styleSheet()
    # A bad new source adds nothing at all.
    page.select("D04")
    with qtbot.waitSignal(page.sources.finished, timeout=10000) as finished:
        page.sources.add_source(str(FIXTURES / "not_calendar.ics"))
    assert av.sources(demo_db, "D04") == [] and page.sources.model.rowCount() == 0


class _Feed(http.server.BaseHTTPRequestHandler):
    body = b""
    status = 200

    def do_GET(self):
        self.send_response(self.status)
        self.send_header("Content-Type", "text/calendar; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}/d06.ics"
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_a_feed_that_fails_keeps_the_last_good_copy_and_shows_its_age(page, demo_db, qtbot, feed_server):
    _server, url = feed_server
    _Feed.body, _Feed.status = _calendar("f1", "20261203T090000", "20261203T100000", "督查"), 200
    page.select("D06")
    with qtbot.waitSignal(page.sources.finished, timeout=10000):
        page.sources.add_source(url)
    assert _titles(page, dt.date(2026, 12, 3)) == ["督查"]
    _Feed.body, _Feed.status = b"Service Unavailable", 503
    with qtbot.waitSignal(page.sources.finished, timeout=15000) as finished:
        page.sources.refresh_all.click()
    assert "1 failed" in finished.args[0] and "last good copy" in finished.args[0]
    assert _titles(page, dt.date(2026, 12, 3)) == ["督查"]
    row = page.sources.model.records.index(next(s for s in page.sources.model.records if s.location == url))
    status = page.sources.model.index(row, 4).data()
    fetched = page.sources.model.index(row, 3).data()
    assert status.startswith("Failed") and "old)" in fetched


def test_refreshing_all_sources_runs_on_the_worker(page, window, qtbot, monkeypatch):
    import threading as threads

    from desktop_app.ui.pages import availability_panel

    gui_thread = threads.get_ident()
    worker_threads = []
    real = av.refresh_sources

    def spy(*args, **kwargs):
        worker_threads.append(threads.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(availability_panel.av, "refresh_sources", spy)
    page.select("D01")
    with qtbot.waitSignal(page.sources.finished, timeout=15000) as finished:
        page.sources.refresh_all.click()
        assert not page.sources.refresh_all.isEnabled() and page.sources.cancel.isVisibleTo(page.sources)
    assert finished.args[0].startswith("4 source(s) refreshed, 0 failed")
    assert worker_threads and gui_thread not in worker_threads
    assert page.sources.refresh_all.isEnabled()
    assert _titles(page, window.workspace.today()) == ["局务会"]


def test_blocked_period_add_undo_redo(page, window, demo_db):
    page.select("D02")
    blocked = page.blocked
    blocked.first.setDate(blocked.first.date().addDays(1))     # Tuesday 2026-12-01
    blocked.last.setDate(blocked.first.date().addDays(1))      # to Wednesday
    blocked.reason.setText("省厅业务培训")
    blocked.block.click()
    stored = [(p.first_day, p.last_day, p.reason) for p in av.blocked_periods(demo_db, "D02")]
    assert stored == [(dt.date(2026, 12, 1), dt.date(2026, 12, 2), "省厅业务培训")]
    tuesday = _day(page, dt.date(2026, 12, 1))
    assert tuesday.kind is DayKind.BLOCKED and tuesday.note == "省厅业务培训" and tuesday.office == []
    window.workspace.undo_stack.undo()
    assert av.blocked_periods(demo_db, "D02") == [] and _day(page, dt.date(2026, 12, 1)).kind is DayKind.WORKING
    window.workspace.undo_stack.redo()
    assert [(p.first_day, p.last_day, p.reason) for p in av.blocked_periods(demo_db, "D02")] == stored
    # Unblocking is undoable too, and undo brings back exactly the same days and reason.
    blocked.table.selectRow(0)
    blocked.unblock.click()
    assert av.blocked_periods(demo_db, "D02") == []
    window.workspace.undo_stack.undo()
    assert [(p.first_day, p.last_day, p.reason) for p in av.blocked_periods(demo_db, "D02")] == stored


def test_seasonal_hours_through_the_dialog_with_undo_redo(page, window, demo_db):
    from desktop_app.ui.pages.departments_page import WeeklyHoursGrid

    page.select("D03")
    dialog = page.seasonal.open_editor(None)
    starts = dialog.findChild(type(page.blocked.first))
    starts.setDate(starts.date().addDays(1))                   # from Tuesday 2026-12-01
    grid = dialog.findChild(WeeklyHoursGrid)
    for day in range(5):
        grid.item(day, 0).setText("09:00-12:00, 13:30-17:00")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    winter = WeeklyHours.parse("MO-FR 09:00-12:00,13:30-17:00")
    assert av.office_hours_variants(demo_db, "D03") == [("D03", dt.date(2026, 12, 1), winter)]
    assert [f"{s:%H:%M}" for s, _ in _day(page, dt.date(2026, 12, 1)).office] == ["09:00", "13:30"]
    assert [f"{s:%H:%M}" for s, _ in _day(page, dt.date(2026, 11, 30)).office] == ["08:30", "14:00"]
    window.workspace.undo_stack.undo()
    assert av.office_hours_variants(demo_db, "D03") == []
    assert [f"{s:%H:%M}" for s, _ in _day(page, dt.date(2026, 12, 1)).office] == ["08:30", "14:00"]
    window.workspace.undo_stack.redo()
    assert av.office_hours_variants(demo_db, "D03") == [("D03", dt.date(2026, 12, 1), winter)]
    # A bad interval is refused inline, and nothing is written.
    page.seasonal.table.selectRow(0)
    dialog = page.seasonal.open_editor(page.seasonal.model.record(0))
    dialog.findChild(WeeklyHoursGrid).item(0, 0).setText("09:00-12:00, 11:00-17:00")
    assert not dialog.check() and "overlap" in dialog.problem.text()
    dialog.reject()
    page.seasonal.delete.click()
    assert av.office_hours_variants(demo_db, "D03") == []
    window.workspace.undo_stack.undo()
    assert av.office_hours_variants(demo_db, "D03") == [("D03", dt.date(2026, 12, 1), winter)]


def test_undo_after_a_change_elsewhere_changes_nothing(page, window, demo_db, qtbot):
    page.select("D03")
    page.blocked.reason.setText("外出")
    page.blocked.block.click()
    period = av.blocked_periods(demo_db, "D03")[0]
    av.delete_blocked_period(demo_db, period.id)                # another window removed it meanwhile
    av.add_blocked_period(demo_db, "D03", dt.date(2027, 1, 4), dt.date(2027, 1, 4), "另一窗口")
    with qtbot.waitSignal(window.workspace.failed) as failure:
        window.workspace.undo_stack.undo()
    assert "changed meanwhile" in failure.args[0]
    assert [p.reason for p in av.blocked_periods(demo_db, "D03")] == ["另一窗口"]


def test_item_models_pass_qtmodeltester(page, qtmodeltester):
    page.select("D01")
    for model in (page.sources.model, page.blocked.model, page.seasonal.model, page.model):
        qtmodeltester.check(model)


def test_chinese_preview_names(window, qapp, qtbot):
    from desktop_app.ui.app import set_language

    set_language(qapp, "zh_CN")
    from desktop_app.ui.pages.departments_page import DepartmentsPage
    page = DepartmentsPage(window.workspace)
    qtbot.addWidget(page)
    page.select("D01")
    assert page.tabs.tabText(0) == "忙碌时间预览" and page.sources.add_file.text() == "添加文件…"
    page.preview.show_week(dt.date(2026, 10, 5))
    assert "调休上班" in _day(page, dt.date(2026, 10, 10)).note and "星期三" in _day(page, dt.date(2026, 10, 10)).note
    assert page.preview.title.text() == "2026年10月5日 – 2026年10月11日 当周"
