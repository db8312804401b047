"""The city in the GUI (issue 15): the discovery dialog on a real Radicale, and the timer-driven refresh."""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.server
import threading

import pytest

from desktop_app.core.calendar import availability as av
from desktop_app.core.feeds.publishing import CalDAVTarget, publish_caldav
from desktop_app.core.store.repository import Repository
from desktop_app.ui.controllers.availability_edits import AVAILABILITY
from desktop_app.ui.controllers.background_refresh import JOB_KIND, failure_status
from tests.core.feeds.test_city import A_NAME, DAY, _bureau
from tests.core.feeds.test_ical_export import add_visit
from tests.radicale_server import RadicaleServer

B_NAME = "高新区行政审批局"


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch):
    """Never touch the computer's own keyring; passwords come from the dialog or the environment."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("JOINT_ACCEPTANCE_CALDAV_PASSWORD", raising=False)
    monkeypatch.delenv("JOINT_ACCEPTANCE_SOURCE_PASSWORD", raising=False)


@pytest.fixture
def city(tmp_path, window):
    """A Radicale with two bureau accounts; bureau A published a visit; the window is bureau B."""
    server = RadicaleServer(tmp_path / "radicale", users={"a": "pa", "b": "pb"}, rights="owner_write")
    try:
        a = _bureau(tmp_path, server.url, "a", A_NAME)
        add_visit(a, "XM2026-001", DAY, 9)
        publish_caldav(a, CalDAVTarget(server.url, "a", "pa"))
        repo = window.workspace.repo
        repo.save_settings(dataclasses.replace(repo.settings(), bureau_name=B_NAME, city_server_url=server.url,
                                               city_username="b"))
        window.workspace.reload()
        yield server
        a.db.close()
    finally:
        server.stop()


def _dump(db) -> list[tuple]:
    return [*db.execute("SELECT department, location, fetched_at, event_count, last_error FROM availability_sources "
                        "ORDER BY id"),
            *db.execute("SELECT department, uid, project FROM foreign_visits ORDER BY id")]


def _discovery(window, qtbot, password: str):
    """Open the dialog from the departments page; it searches at once (with the typed password)."""
    from desktop_app.ui.dialogs.discovery_dialog import DiscoveryDialog

    window.show_page("departments")
    page = window.pages["departments"]
    opened: list[DiscoveryDialog] = []
    original = DiscoveryDialog.open

    def open_with_password(self):
        self.remember.setChecked(False)
        self.password.setText(password)
        opened.append(self)
        original(self)

    DiscoveryDialog.open = open_with_password
    try:
        with qtbot.waitSignal(window.workspace.jobs.idle, timeout=30000):
            page.discover_button.click()
    finally:
        DiscoveryDialog.open = original
    (dialog,) = opened
    qtbot.waitUntil(lambda: dialog._job is None, timeout=30000)
    return page, dialog


def test_dialog_lists_another_bureaus_calendars_and_attaches_them(window, city, qtbot, demo_db):
    page, dialog = _discovery(window, qtbot, "pb")
    city_codes = {d.code for d in window.workspace.repo.departments() if d.level == "city"}
    listed = {found.calendar.department: found for found in dialog.calendars}
    assert {found.calendar.bureau for found in dialog.calendars} == {A_NAME}
    assert {code for code, found in listed.items() if found.attachable} == city_codes
    # New city calendars are ticked; another district's office with our code cannot be ticked.
    assert {u for u in dialog.checked_urls()} == {f.calendar.url for f in listed.values() if f.attachable}
    district = next(f for f in dialog.calendars if not f.attachable)
    row = dialog.calendars.index(district)
    assert "district department here" in dialog.table.item(row, 4).text()
    assert not dialog.table.item(row, 0).flags() & dialog.table.item(row, 0).flags().ItemIsEnabled
    assert "found" in dialog.message.text()
    assert av.sources(demo_db, "D01") == [] or all(not s.location.startswith("caldav") for s in av.sources(demo_db))

    # The clerk unticks D02 (its calendar is not wanted): only the ticked ones are attached.
    from PySide6.QtCore import Qt

    d02 = next(row for row, f in enumerate(dialog.calendars) if f.calendar.department == "D02")
    dialog.table.item(d02, 0).setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(dialog.finished_job, timeout=30000) as done:
        dialog.attach()
    assert "attached" in done.args[0]
    attached = [s for s in av.sources(demo_db) if s.location.startswith("caldav://")]
    assert {s.department for s in attached} == city_codes - {"D02"}
    assert all(f"/a/" in s.location for s in attached)
    assert demo_db.execute("SELECT count(*) FROM foreign_visits WHERE project = 'XM2026-001'").fetchone()[0]
    assert {f.calendar.department for f in dialog.calendars if f.attached} == city_codes - {"D02"}
    # The departments page shows the new source of D01 without being reloaded by hand.
    page.select("D01")
    assert any(s.location.startswith("caldav://") and "/a/" in s.location for s in page.sources.model.records)


def test_a_refused_password_shows_the_message_and_changes_nothing(window, city, qtbot, demo_db):
    before = _dump(demo_db)
    page, dialog = _discovery(window, qtbot, "wrong")
    text = dialog.message.text()
    assert city.url.split("//")[1] in text and "refused the user name or password" in text
    assert dialog.calendars == [] and not dialog.attach_button.isEnabled()
    assert _dump(demo_db) == before
    # Listed with the right password, then attached with a wrong one: refused, nothing attached.
    dialog.password.setText("pb")
    with qtbot.waitSignal(dialog.finished_job, timeout=30000):
        dialog.search()
    assert dialog.checked_urls()
    dialog.password.setText("wrong")
    with qtbot.waitSignal(dialog.finished_job, timeout=30000) as done:
        dialog.attach()
    assert "refused the user name or password" in done.args[0]
    assert _dump(demo_db) == before


def test_without_a_city_server_the_dialog_offers_the_settings(window, qtbot):
    repo = window.workspace.repo
    assert not repo.settings().city_server_url and not repo.settings().caldav_url
    window.show_page("departments")
    dialog = window.pages["departments"].open_discovery()
    assert dialog.not_configured.isVisibleTo(dialog) and not dialog.table.isVisibleTo(dialog)
    assert not window.workspace.jobs.busy() and not dialog.attach_button.isEnabled()
    dialog.open_settings.click()
    assert window.current_page_key() == "settings"


# --- the background refresh ------------------------------------------------------------------------
def _feed(summary: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//feed//ZH\r\nBEGIN:VEVENT\r\nUID:f1\r\n"
            "DTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:20261201T100000\r\n"
            f"DTEND;TZID=Asia/Shanghai:20261201T113000\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            ).encode()


@pytest.fixture
def feeds():
    """Two busy-time feeds on 127.0.0.1; ``state`` says what each path serves and counts the requests."""
    state = {"bodies": {"/d01.ics": _feed("外出检查"), "/d02.ics": _feed("培训")}, "status": {}, "requests": [],
             "gate": threading.Event()}
    state["gate"].set()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            state["gate"].wait(20)
            state["requests"].append(self.path)
            status = state["status"].get(self.path, 200)
            body = state["bodies"][self.path] if status == 200 else b"down"
            self.send_response(status)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state["url"] = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    state["gate"].set()
    server.shutdown()


def _sources(window, feeds) -> tuple[av.AvailabilitySource, av.AvailabilitySource]:
    """D01's feed was last tried two hours ago (due: an hour is the default), D02's just now (not due)."""
    db = window.workspace.db
    window_days = av.planning_window(window.workspace.today())
    av.import_source(db, "D01", feeds["url"] + "/d01.ics", window=window_days)
    av.import_source(db, "D02", feeds["url"] + "/d02.ics", window=window_days)
    two_hours_ago = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=2)).isoformat(timespec="seconds")
    db.execute("UPDATE availability_sources SET attempted_at = ?, fetched_at = ? WHERE department = 'D01' "
               "AND location LIKE 'http%'", [two_hours_ago, two_hours_ago])
    feeds["requests"].clear()
    window.workspace.reload()
    (d01,) = [s for s in av.sources(db, "D01") if s.is_url]
    (d02,) = [s for s in av.sources(db, "D02") if s.is_url]
    return d01, d02


def test_the_timer_refreshes_only_the_due_sources_and_the_pages_reload(window, feeds, qtbot):
    d01, d02 = _sources(window, feeds)
    refresh = window.background_refresh
    assert refresh.timer.isActive()
    feeds["bodies"]["/d01.ics"] = _feed("现场踏勘")           # the department changed its calendar
    window.show_page("departments")
    page = window.pages["departments"]
    page.select("D01")
    with qtbot.waitSignal(refresh.finished, timeout=30000) as finished, \
            qtbot.waitSignal(window.workspace.changed, timeout=30000,
                             check_params_cb=lambda kind: kind == AVAILABILITY):
        assert refresh.tick() is not None
    report = finished.args[0]
    assert report.source_ids == (d01.id,) and report.failed == 0 and report.changed
    assert feeds["requests"] == ["/d01.ics"]                    # D02 was not due
    titles = [e.title for d in page.preview.strip.days if d.day == dt.date(2026, 12, 1) for e in d.busy]
    assert "现场踏勘" in titles and "外出检查" not in titles
    # Now nothing is due: the next tick does nothing at all.
    assert refresh.tick() is None and not window.workspace.jobs.busy()
    assert feeds["requests"] == ["/d01.ics"]


def test_the_timer_never_runs_twice_at_once_and_waits_for_other_jobs(window, feeds, qtbot):
    _sources(window, feeds)
    refresh = window.background_refresh
    feeds["gate"].clear()                                      # the first refresh hangs on the server
    first = refresh.tick()
    assert first is not None and refresh.running()
    assert refresh.tick() is None                              # still running: not started again
    with qtbot.waitSignal(refresh.finished, timeout=30000):
        feeds["gate"].set()
    assert feeds["requests"] == ["/d01.ics"] and not refresh.running()

    # A job the clerk starts while it runs goes first: the refresh is cancelled between two calendars.
    window.workspace.db.execute("UPDATE availability_sources SET attempted_at = '2026-01-01T00:00:00+00:00'")
    feeds["gate"].clear()
    assert refresh.tick() is not None
    with qtbot.waitSignal(window.workspace.jobs.idle, timeout=30000), \
            qtbot.waitSignal(window.workspace.changed, timeout=30000):
        window.workspace.jobs.submit("publish", "Publishing", lambda job: "done", lambda _: None)
        feeds["gate"].set()
    assert not refresh.running() and "/d02.ics" not in feeds["requests"]    # the second feed was never asked

    # A publish in progress (any job on the executor): skipped; the auto-schedule dialog open: skipped.
    window.workspace.db.execute("UPDATE availability_sources SET attempted_at = '2026-01-01T00:00:00+00:00'")
    release = threading.Event()
    with qtbot.waitSignal(window.workspace.jobs.idle, timeout=30000):
        window.workspace.jobs.submit("publish", "Publishing", lambda job: release.wait(20), lambda _: None)
        assert refresh.tick() is None
        release.set()
    dialog = window.schedule_actions.auto_schedule()
    assert refresh.tick() is None
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # Turned off in the settings: skipped; on again: it runs.
    repo = window.workspace.repo
    repo.save_settings(dataclasses.replace(repo.settings(), background_refresh=False))
    assert refresh.tick() is None
    repo.save_settings(dataclasses.replace(repo.settings(), background_refresh=True))
    with qtbot.waitSignal(refresh.finished, timeout=30000) as finished:
        assert refresh.tick() is not None
    assert len(finished.args[0].source_ids) == 2


def test_a_failing_source_keeps_its_copy_and_says_so_in_the_status_bar(window, feeds, qtbot, qapp):
    d01, _ = _sources(window, feeds)
    db = window.workspace.db
    stored = db.execute("SELECT title, start FROM busy_events WHERE source = ?", [d01.id]).fetchall()
    assert stored
    feeds["status"]["/d01.ics"] = 503
    with qtbot.waitSignal(window.background_refresh.finished, timeout=30000) as finished:
        window.background_refresh.tick()
    assert finished.args[0].failed == 1
    assert db.execute("SELECT title, start FROM busy_events WHERE source = ?", [d01.id]).fetchall() == stored
    name = window.workspace.repo.department("D01").name
    text = window.refresh_label.text()
    assert text.startswith(f"{name} calendar updated 2 hours ago; refresh failed: ") and "503" in text
    assert "last good copy" in window.refresh_label.toolTip()
    # In Chinese, as the clerk reads it.
    from desktop_app.core.model import messages
    from desktop_app.ui.app import set_language

    set_language(qapp, "zh_CN")
    messages.set_language("zh_CN")
    assert failure_status(db).text.startswith(f"{name} 日历 2 小时前更新；刷新失败：")
    # The next good refresh clears it.
    feeds["status"].clear()
    db.execute("UPDATE availability_sources SET attempted_at = '2026-01-01T00:00:00+00:00' WHERE id = ?", [d01.id])
    with qtbot.waitSignal(window.background_refresh.finished, timeout=30000):
        window.background_refresh.tick()
    assert window.refresh_label.text() == ""


def test_background_refresh_setting_is_on_the_settings_page(window):
    window.show_page("settings")
    page = window.pages["settings"]
    box = page.fields["background_refresh"]
    assert box.isChecked()
    box.setChecked(False)
    assert window.workspace.repo.settings().background_refresh is False
    window.workspace.undo_stack.undo()
    assert window.workspace.repo.settings().background_refresh is True and box.isChecked()
    assert JOB_KIND not in window.workspace.jobs.running_kinds()


# --- removing a CalDAV source, and undoing it ------------------------------------------------------
def _source_state(db, department: str, location: str) -> dict[str, list[tuple]]:
    """The source's row (every column: user name, bureau, sync token…) and every row that belongs to it."""
    rows = db.execute("SELECT * FROM availability_sources WHERE department = ? AND location = ?",
                      [department, location]).fetchall()
    state = {"availability_sources": rows}
    for table in ("busy_events", "foreign_visits", "caldav_resources"):
        state[table] = db.execute(f"SELECT * FROM {table} WHERE source IN (SELECT id FROM availability_sources "
                                  "WHERE department = ? AND location = ?) ORDER BY rowid",
                                  [department, location]).fetchall()
    return state


def test_undoing_the_removal_of_a_caldav_source_brings_it_back_exactly(window, city, qtbot, demo_db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core.calendar import city as city_sources

    city_sources.discover(demo_db, password="pb")
    window.workspace.reload()
    source = max((s for s in av.sources(demo_db) if s.location.startswith("caldav://")),
                 key=lambda s: len(_source_state(demo_db, s.department, s.location)["foreign_visits"]))
    before = _source_state(demo_db, source.department, source.location)
    (row,) = before["availability_sources"]
    columns = [c[1] for c in demo_db.execute("PRAGMA table_info(availability_sources)")]
    stored = dict(zip(columns, row))
    assert stored["username"] == "b" and stored["bureau"] == A_NAME and stored["sync_token"]
    assert before["foreign_visits"] and before["caldav_resources"]

    window.show_page("departments")
    page = window.pages["departments"]
    page.select(source.department)
    page.sources.table.selectRow([s.location for s in page.sources.model.records].index(source.location))
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    page.sources.remove_selected()
    assert all(rows == [] for rows in _source_state(demo_db, source.department, source.location).values())
    assert source.location not in [s.location for s in page.sources.model.records]

    window.workspace.undo_stack.undo()
    assert _source_state(demo_db, source.department, source.location) == before
    assert source.location in [s.location for s in page.sources.model.records]
    window.workspace.undo_stack.redo()
    assert _source_state(demo_db, source.department, source.location)["availability_sources"] == []
    window.workspace.undo_stack.undo()
    assert _source_state(demo_db, source.department, source.location) == before

    # The next refresh goes on from the sync token: nothing changed on the server, so nothing is read again
    # and the copy keeps its time (a source without its token would be read whole).
    city_sources.import_caldav(demo_db, source.department, source.location, username="b", password="pb")
    after = _source_state(demo_db, source.department, source.location)
    assert dict(zip(columns, after["availability_sources"][0]))["fetched_at"] == stored["fetched_at"]
    assert {k: v for k, v in after.items() if k != "availability_sources"} == \
        {k: v for k, v in before.items() if k != "availability_sources"}


def test_the_sources_hint_names_caldav_in_both_languages(window, qapp):
    from PySide6.QtWidgets import QLabel

    from desktop_app.ui.app import set_language

    def hint() -> str:
        window.show_page("departments")
        panel = window.pages["departments"].sources
        return next(label.text() for label in panel.findChildren(QLabel) if "iCalendar" in label.text())

    assert "CalDAV" in hint() and "caldav://" in hint()
    set_language(qapp, "zh_CN")
    window.rebuild()
    assert "CalDAV 日历" in hint() and "发现其他分局日历" in hint()
