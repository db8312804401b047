"""Publishing the feeds to a folder and to a real CalDAV server (Radicale on 127.0.0.1)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import os
import socket
import threading
import time
from pathlib import Path

import caldav
import pytest

from desktop_app import cli
from desktop_app.core.feeds import publishing
from desktop_app.core.store import secrets
from desktop_app.core.feeds.ical_export import load_feed_source
from desktop_app.core.store import files
from desktop_app.core.store.uid_tokens import uid_token, visit_uid
from desktop_app.core.model.domain import VisitStatus
from desktop_app.core.store.repository import Repository
from desktop_app.core.feeds.publishing import (
    PASSWORD_VARIABLE, CalDAVTarget, PublishError, calendar_id, publish_caldav, publish_folder, write_atomically,
)
from tests.disk_full import fill_up
from tests.radicale_server import free_port as _free_port, read_back as _read_back
from tests.core.feeds.test_ical_export import SHANGHAI, add_visit, cancel_visit, ical_js, move_visit


def _expected_mirror(repo) -> dict[str, set[str]]:
    source = load_feed_source(repo)
    mirror = {calendar_id(None): {visit_uid(v.id, source.uid_token) for v in source.visits}}
    for code in source.departments:
        mirror[calendar_id(code)] = {visit_uid(v.id, source.uid_token) for v in source.visits if code in v.departments}
    return mirror


def _database_dump(repo) -> list[str]:
    return list(repo.db.conn.iterdump())


# --- CalDAV --------------------------------------------------------------------------------------
def test_caldav_mirrors_create_move_and_cancel(demo_repo, demo_today, radicale):
    tuesday = demo_today + dt.timedelta(days=1)
    first = add_visit(demo_repo, "XM2026-001", tuesday, 9)
    second = add_visit(demo_repo, "XM2026-004", tuesday, 14, status=VisitStatus.PLANNED)
    target = CalDAVTarget(radicale.url, "bureau")

    result = publish_caldav(demo_repo, target)
    assert len(result.calendars_created) == 1 + len(demo_repo.departments())
    seen = _read_back(radicale.url)
    assert {name: set(events) for name, events in seen.items()} == _expected_mirror(demo_repo)
    token = uid_token(demo_repo)
    event = seen["joint-acceptance"][visit_uid(first.id, token)]
    assert event["DTSTART"].dt == dt.datetime(2026, 12, 1, 9, tzinfo=SHANGHAI)
    assert event["DTSTART"].dt.utcoffset() == dt.timedelta(hours=8)
    assert str(event["SUMMARY"]) == "联合验收：电子信息产业园标准化厂房工程1号厂房"
    assert str(seen["joint-acceptance"][visit_uid(second.id, token)]["STATUS"]) == "TENTATIVE"
    department_event = seen[calendar_id(first.departments[0])][visit_uid(first.id, token)]
    assert department_event.walk("VALARM"), "department calendars carry the reminder"

    again = publish_caldav(demo_repo, target)
    assert (again.created, again.updated, again.removed, again.calendars_created) == (0, 0, 0, [])

    move_visit(demo_repo, first, dt.datetime(2026, 12, 2, 14, 30, tzinfo=SHANGHAI))
    moved = publish_caldav(demo_repo, target)
    assert moved.updated == 1 + len(first.departments) and moved.created == moved.removed == 0
    event = _read_back(radicale.url)["joint-acceptance"][visit_uid(first.id, token)]
    assert event["DTSTART"].dt == dt.datetime(2026, 12, 2, 14, 30, tzinfo=SHANGHAI)
    assert int(event["SEQUENCE"]) == 1

    cancel_visit(demo_repo, first)
    cancelled = publish_caldav(demo_repo, target)
    assert cancelled.removed == 1 + len(first.departments)
    seen = _read_back(radicale.url)
    assert {name: set(events) for name, events in seen.items()} == _expected_mirror(demo_repo)
    assert all(visit_uid(first.id, token) not in events for events in seen.values())


def test_department_tags_stay_whole_when_a_place_name_reads_like_a_component_line(demo_repo, demo_today, radicale,
                                                                                   tmp_path):
    """The tags are rendered as event lines, not spliced in at the first text 'BEGIN:VALARM' (which a place
    name ending the CATEGORIES line can be)."""
    place = demo_repo.place("P03")
    demo_repo.replace_place(place, dataclasses.replace(place, name="园区BEGIN:VALARM"))
    visit = add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    assert visit.place == "P03"
    publish_caldav(demo_repo, CalDAVTarget(radicale.url, "bureau"))
    event = _read_back(radicale.url)[calendar_id(visit.departments[0])][visit_uid(visit.id, uid_token(demo_repo))]
    assert str(event["X-JOINT-ACCEPTANCE-PLACE-NAME"]) == "园区BEGIN:VALARM"
    assert str(event["X-JOINT-ACCEPTANCE-PROJECT"]) == "XM2026-001"
    assert event.walk("VALARM")
    # The CATEGORIES line itself in what we send, as Thunderbird's engine reads it (the server's copy is the
    # server's own rendering: Radicale 3.2's vobject cuts such a value at its colon).
    events = next(e for (cal_id, _), e in publishing._desired(load_feed_source(demo_repo)).items()
                  if cal_id == calendar_id(visit.departments[0]))
    stored = tmp_path / "event.ics"
    stored.write_bytes(events[visit_uid(visit.id, uid_token(demo_repo))])
    [read] = ical_js(stored)
    assert "园区BEGIN:VALARM" in read["events"][0]["categories"]


def test_the_calendar_of_a_department_that_is_gone_is_emptied(demo_repo, demo_today, radicale):
    visit = add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    target = CalDAVTarget(radicale.url, "bureau")
    publish_caldav(demo_repo, target)
    # What an earlier publish left for a department since removed: its calendar with a visit in it.
    principal = caldav.DAVClient(url=radicale.url, username="bureau", password="").principal()
    gone = principal.make_calendar(name="联合验收 — 已撤销的部门", cal_id=calendar_id("D99"))
    shared = next(c for c in principal.calendars() if str(c.url).rstrip("/").endswith("/joint-acceptance"))
    gone.save_event(shared.events()[0].data)
    stranger = principal.make_calendar(name="Someone else's", cal_id="holidays")
    stranger.save_event(shared.events()[0].data)

    result = publish_caldav(demo_repo, target)
    assert result.removed == 1 and result.created == result.updated == 0
    seen = _read_back(radicale.url)
    assert seen[calendar_id("D99")] == {}                        # still there, so subscriptions keep working
    assert visit_uid(visit.id, uid_token(demo_repo)) in seen["holidays"]   # not ours: untouched


def test_events_that_are_not_ours_are_never_touched(demo_repo, demo_today, radicale):
    """A department's own entry (or another bureau's visit) in our calendar survives every publish."""
    visit = add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    target = CalDAVTarget(radicale.url, "bureau")
    publish_caldav(demo_repo, target)
    principal = caldav.DAVClient(url=radicale.url, username="bureau", password="").principal()
    department = next(c for c in principal.calendars()
                      if str(c.url).rstrip("/").endswith("/" + calendar_id(visit.departments[0])))
    department.save_event("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Hand//EN\r\nBEGIN:VEVENT\r\n"
                          "UID:meeting-42@d01.example.cn\r\nDTSTAMP:20261130T010000Z\r\n"
                          "DTSTART:20261202T010000Z\r\nDTEND:20261202T020000Z\r\nSUMMARY:科室例会\r\n"
                          "END:VEVENT\r\nEND:VCALENDAR\r\n")
    again = publish_caldav(demo_repo, target)
    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    cancel_visit(demo_repo, visit)
    emptied = publish_caldav(demo_repo, target)
    assert emptied.removed == 1 + len(visit.departments)
    left = _read_back(radicale.url)[calendar_id(visit.departments[0])]
    assert set(left) == {"meeting-42@d01.example.cn"}


def test_a_cancelled_publish_stops_as_cancelled_and_the_next_one_completes(demo_repo, demo_today, radicale):
    for day in range(1, 4):
        add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=day), 9)
    target = CalDAVTarget(radicale.url, "bureau")

    class Cancelled(Exception):
        pass

    calls = []

    def cancel_after_a_few(text: str) -> None:
        calls.append(text)
        if len(calls) > 20:
            raise Cancelled()

    with pytest.raises(Cancelled):            # not dressed up as a server error
        publish_caldav(demo_repo, target, progress=cancel_after_a_few)
    result = publish_caldav(demo_repo, target)
    assert result.created > 0
    seen = _read_back(radicale.url)
    assert {name: set(events) for name, events in seen.items()} == _expected_mirror(demo_repo)


def test_caldav_password_from_environment_and_refused_credentials(demo_repo, demo_today, db_path,
                                                                   radicale_with_password, monkeypatch, capsys):
    add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    url = radicale_with_password.url
    uid_token(demo_repo)      # the one write an export ever makes, done before taking the snapshot
    before = _database_dump(demo_repo)

    monkeypatch.setenv(PASSWORD_VARIABLE, "wrong")
    with pytest.raises(PublishError, match="refused the user name or password"):
        publish_caldav(demo_repo, CalDAVTarget(url, "bureau", publishing.caldav_password(url, "bureau")))
    assert _database_dump(demo_repo) == before

    monkeypatch.setenv(PASSWORD_VARIABLE, "秘密-s3cret")
    demo_repo.db.close()
    status = cli.main(["publish", "--caldav", url, "--caldav-user", "bureau", "--db", str(db_path)])
    output = capsys.readouterr()
    assert status == 0, output.err
    assert "秘密-s3cret" not in output.out + output.err
    assert "秘密-s3cret".encode() not in db_path.read_bytes()
    seen = _read_back(url, password="秘密-s3cret")
    assert len(seen["joint-acceptance"]) == 1


def test_caldav_server_down_gives_a_clear_message_and_leaves_the_database(demo_repo, demo_today):
    add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    uid_token(demo_repo)
    before = _database_dump(demo_repo)
    url = f"http://127.0.0.1:{_free_port()}/"     # nothing listens there
    with pytest.raises(PublishError, match=r"Cannot reach the CalDAV server .*\(Connection refused\)"):
        publish_caldav(demo_repo, CalDAVTarget(url, "bureau", timeout=5))
    assert _database_dump(demo_repo) == before


def test_caldav_timeout_gives_a_clear_message(demo_repo, demo_today):
    """A server that accepts the connection and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        started = time.monotonic()
        with pytest.raises(PublishError, match="did not answer within 1 seconds"):
            publish_caldav(demo_repo, CalDAVTarget(url, "bureau", timeout=1))
        assert time.monotonic() - started < 30
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


def test_an_interrupted_publish_is_completed_by_the_next(demo_repo, demo_today, radicale, monkeypatch):
    tuesday = demo_today + dt.timedelta(days=1)
    for hour, code in ((9, "XM2026-001"), (14, "XM2026-003")):
        add_visit(demo_repo, code, tuesday, hour)
    original = caldav.Calendar.save_event
    calls = {"n": 0}

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise ConnectionError("connection reset by peer")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(caldav.Calendar, "save_event", flaky)
    with pytest.raises(PublishError, match="Publish again later"):
        publish_caldav(demo_repo, CalDAVTarget(radicale.url, "bureau"))
    monkeypatch.setattr(caldav.Calendar, "save_event", original)

    publish_caldav(demo_repo, CalDAVTarget(radicale.url, "bureau"))
    seen = _read_back(radicale.url)
    assert {name: set(events) for name, events in seen.items()} == _expected_mirror(demo_repo)


def test_caldav_address_must_be_http(demo_repo):
    with pytest.raises(PublishError, match="must start with http"):
        publish_caldav(demo_repo, CalDAVTarget("webcal://example.cn/", "bureau"))


def test_password_comes_from_the_environment_first():
    assert publishing.caldav_password("http://x/", "u", {PASSWORD_VARIABLE: "p"}) == "p"


def test_a_remembered_password_comes_from_the_system_keyring(memory_keyring):
    url = "https://calendar.example.cn/dav/"
    assert secrets.keyring_available()
    assert publishing.caldav_password(url, "bureau", {}) is None
    publishing.remember_caldav_password(url, "bureau", "秘密")
    assert publishing.caldav_password(url, "bureau", {}) == "秘密"
    assert publishing.caldav_password(url, "other", {}) is None              # per user and server
    assert publishing.caldav_password(url, "bureau", {PASSWORD_VARIABLE: "env"}) == "env"


def test_without_a_keyring_remembering_says_so_and_nothing_breaks():
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert not secrets.keyring_available()
        assert publishing.caldav_password("http://x/", "u", {}) is None
        with pytest.raises(PublishError, match="No system keyring") as caught:
            publishing.remember_caldav_password("http://x/", "u", "secret")
        assert "secret" not in str(caught.value) and PASSWORD_VARIABLE in str(caught.value)
    finally:
        keyring.set_keyring(previous)


def test_cli_asks_for_the_password_and_remembers_it_once_accepted(demo_repo, demo_today, db_path, memory_keyring,
                                                                  radicale_with_password, monkeypatch, capsys):
    add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    demo_repo.db.close()
    url = radicale_with_password.url
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    typed = iter(["wrong", "秘密-s3cret"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    arguments = ["publish", "--caldav", url, "--caldav-user", "bureau", "--ask-password", "--remember-password",
                 "--db", str(db_path)]

    assert cli.main(arguments) == 2                      # refused: nothing remembered
    assert "拒绝了用户名或密码" in capsys.readouterr().err
    assert not memory_keyring.passwords
    assert cli.main(arguments) == 0
    output = capsys.readouterr()
    assert "密码已保存到系统密钥环" in output.out and "秘密-s3cret" not in output.out + output.err
    assert publishing.caldav_password(url, "bureau") == "秘密-s3cret"
    assert "秘密-s3cret".encode() not in db_path.read_bytes()
    assert len(_read_back(url, password="秘密-s3cret")["joint-acceptance"]) == 1


def _publish_then_move_a_visit(repo, today, out) -> bytes:
    """Publish one visit into ``out``, then move it to 2026-12-03 09:00; returns the shared feed as published."""
    visit = add_visit(repo, "XM2026-001", today + dt.timedelta(days=1), 9)
    publish_folder(repo, out)
    old = (out / "joint-acceptance.ics").read_bytes()
    move_visit(repo, visit, dt.datetime(2026, 12, 3, 9, tzinfo=SHANGHAI))
    return old


# --- folder --------------------------------------------------------------------------------------
def test_folder_whose_parent_is_missing_is_refused(demo_repo, tmp_path):
    with pytest.raises(PublishError, match="does not exist"):
        publish_folder(demo_repo, tmp_path / "no-such-share" / "feeds")
    assert not (tmp_path / "no-such-share").exists()
    created = publish_folder(demo_repo, tmp_path / "feeds")      # only the last part missing: created
    assert (created.folder / "joint-acceptance.ics").is_file()


def test_a_300_byte_project_code_gets_a_capped_feed_file_name(demo_repo, demo_today, tmp_path):
    """It used to fail with "File name too long"; the printed notices use the same names."""
    from desktop_app.core.model.file_names import safe_file_stem

    code = "长" * 100
    demo_repo.save_project(dataclasses.replace(demo_repo.project("XM2026-001"), code=code))
    add_visit(demo_repo, code, demo_today + dt.timedelta(days=1), 9)
    result = publish_folder(demo_repo, tmp_path / "out")
    assert f"projects/{safe_file_stem(code)}.ics" in result.written
    feed = (tmp_path / "out" / "projects" / f"{safe_file_stem(code)}.ics").read_bytes()
    assert code in feed.decode("utf-8").replace("\r\n ", "")          # unfolded


def test_a_file_where_the_folder_should_be_is_refused(demo_repo, tmp_path):
    (tmp_path / "feeds").write_text("not a folder")
    with pytest.raises(PublishError, match="is a file"):
        publish_folder(demo_repo, tmp_path / "feeds")


def test_disk_full_keeps_the_old_file_and_leaves_no_temporary(demo_repo, demo_today, tmp_path, monkeypatch):
    out = tmp_path / "out"
    old = _publish_then_move_a_visit(demo_repo, demo_today, out)

    real_write = os.write

    def half_then_full(descriptor, data):
        """Writes half of a temporary file's bytes, then the disk is full; other writes pass."""
        if not os.readlink(f"/proc/self/fd/{descriptor}").endswith(".tmp"):
            return real_write(descriptor, data)
        real_write(descriptor, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(publishing.os, "write", half_then_full)
    with pytest.raises(PublishError) as caught:
        publish_folder(demo_repo, out)
    message = str(caught.value)
    assert "the disk is full" in message and "the previous file was kept" in message
    assert "departments" in message or "joint-acceptance.ics" in message     # names the file
    assert (out / "joint-acceptance.ics").read_bytes() == old
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    monkeypatch.undo()

    result = publish_folder(demo_repo, out)           # space freed: the next export completes
    assert "joint-acceptance.ics" in result.written
    assert b"20261203T090000" in (out / "joint-acceptance.ics").read_bytes()


def test_a_really_full_disk_keeps_every_old_file_and_the_database(demo_repo, demo_today, small_disk):
    out = small_disk / "feeds"
    visit = add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    publish_folder(demo_repo, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    move_visit(demo_repo, visit, dt.datetime(2026, 12, 3, 9, tzinfo=SHANGHAI))
    database = _database_dump(demo_repo)
    ballast = fill_up(small_disk)                        # up to the last block

    with pytest.raises(PublishError, match="the disk is full") as caught:
        publish_folder(demo_repo, out)
    assert str(out) in str(caught.value)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before   # nothing half-written
    assert _database_dump(demo_repo) == database

    ballast.unlink()
    result = publish_folder(demo_repo, out)
    assert "joint-acceptance.ics" in result.written
    assert b"20261203T090000" in (out / "joint-acceptance.ics").read_bytes()


def _leave_temporaries(out: Path, pid: int, age_seconds: float = 0) -> list[Path]:
    """Temporaries as an export with process id ``pid`` writes them, ``age_seconds`` old."""
    paths = [out / f".joint-acceptance.ics.{pid}-0.tmp", out / "projects" / f".XM2026-001.ics.{pid}-1.tmp",
             out / "departments" / f".D01.ics.{pid}-0.tmp", out / f"..joint-acceptance-export.json.{pid}-0.tmp"]
    moment = time.time() - age_seconds
    for path in paths:
        path.write_bytes(b"BEGIN:VCALENDAR\r\n")          # cut off by the kill
        os.utime(path, (moment, moment))
    return paths


@contextlib.contextmanager
def _export_running(folder: Path):
    """Another export, in another process, holding the folder's lock until the block ends."""
    import subprocess
    import sys

    script = ("import sys\nfrom pathlib import Path\nfrom desktop_app.core.store.folder_lock import folder_lock\n"
              "with folder_lock(Path(sys.argv[1]), 0) as held:\n"
              "    print('held' if held else 'no locks', flush=True)\n    sys.stdin.read()\n")
    process = subprocess.Popen([sys.executable, "-c", script, str(folder)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "held"
        yield process
    finally:
        process.stdin.close()
        process.wait(timeout=60)


def test_temporaries_of_a_killed_export_are_removed_by_the_next_export(demo_repo, demo_today, tmp_path):
    out = tmp_path / "out"
    add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    publish_folder(demo_repo, out)
    killed = _leave_temporaries(out, 4242)                 # a second ago: no export holds the folder
    hour_ago = time.time() - 2 * 3600
    mine = [out / "notes.tmp", out / ".backup.2024-01.tmp"]  # not our pattern: never touched
    for path in mine:
        path.write_text("x")
        os.utime(path, (hour_ago, hour_ago))

    publish_folder(demo_repo, out)
    assert not any(path.exists() for path in killed)
    assert all(path.exists() for path in mine)


def test_an_export_still_running_keeps_its_temporaries_and_a_second_one_is_refused(
        demo_repo, demo_today, db_path, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    old = _publish_then_move_a_visit(demo_repo, demo_today, out)
    monkeypatch.setattr(publishing, "LOCK_WAIT_SECONDS", 0.3)
    with _export_running(out):
        running = _leave_temporaries(out, 777)
        with pytest.raises(PublishError, match="Another export is writing to .*nothing was changed"):
            publish_folder(demo_repo, out)
        assert cli.main(["--lang", "en", "export", str(out), "--db", str(db_path)]) == 2
        assert str(out) in capsys.readouterr().err
        assert all(path.exists() for path in running)
        assert (out / "joint-acceptance.ics").read_bytes() == old

    result = publish_folder(demo_repo, out)                 # the other export has ended
    assert "joint-acceptance.ics" in result.written
    assert not any(path.exists() for path in running)


def test_a_second_export_waits_for_the_first_to_finish(demo_repo, demo_today, tmp_path):
    out = tmp_path / "out"
    _publish_then_move_a_visit(demo_repo, demo_today, out)
    with _export_running(out) as other:
        threading.Timer(0.5, other.stdin.close).start()      # the other export finishes a moment later
        result = publish_folder(demo_repo, out)
    assert "joint-acceptance.ics" in result.written


def test_two_exports_in_one_process_take_turns(demo_repo, demo_today, tmp_path, monkeypatch):
    """POSIX locks belong to a process: the GUI's own threads must still not write at once."""
    from desktop_app.core.store.folder_lock import folder_lock

    out = tmp_path / "out"
    _publish_then_move_a_visit(demo_repo, demo_today, out)
    monkeypatch.setattr(publishing, "LOCK_WAIT_SECONDS", 0.2)
    with folder_lock(out, 0):
        with pytest.raises(PublishError, match="Another export"):
            publish_folder(demo_repo, out)
    assert "joint-acceptance.ics" in publish_folder(demo_repo, out).written


def test_without_file_locks_only_old_temporaries_are_removed(demo_repo, demo_today, tmp_path, monkeypatch):
    """A share that cannot lock (some NAS): a young temporary may be another computer's running export."""
    from desktop_app.core.store import folder_lock

    def no_locks(descriptor):
        raise OSError(errno.ENOLCK, "No locks available")

    out = tmp_path / "out"
    add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    publish_folder(demo_repo, out)
    monkeypatch.setattr(folder_lock, "_try_lock", no_locks)
    killed = _leave_temporaries(out, 4242, age_seconds=2 * 3600)
    running = _leave_temporaries(out, 777)
    publish_folder(demo_repo, out)
    assert not any(path.exists() for path in killed)
    assert all(path.exists() for path in running)


def test_an_export_killed_mid_way_leaves_only_whole_files(tmp_path):
    """SIGKILL while the temporaries are being written: every feed is the old one or the new one, never half."""
    import signal
    import subprocess
    import sys

    from desktop_app.core.dataset.dataset_import import import_dataset
    from desktop_app.core.feeds.ical_export import build_feeds
    from desktop_app.core.store.database import open_database
    from tests.benchmarks.bench_ical import add_visits
    from tests.benchmarks.generate import generate

    db_path = tmp_path / "big.sqlite"
    import_dataset(generate(tmp_path / "dataset", projects=3000, departments=20, items=30), open_database(db_path))
    add_visits(db_path, 3000)
    out = tmp_path / "feeds"
    export = [sys.executable, "-m", "desktop_app", "export", str(out), "--db", str(db_path)]
    subprocess.run(export, check=True, capture_output=True)
    old = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.ics")}
    db = open_database(db_path)
    with db.atomic():     # every visit an hour later: every file changes
        db.execute("UPDATE visits SET start = datetime(start, '+1 hour') || '+08:00', "
                   "end = datetime(end, '+1 hour') || '+08:00', sequence = sequence + 1, "
                   "modified_at = '2026-11-28T09:00:00+08:00'")
    new = {Path(f.path): f.content for f in build_feeds(load_feed_source(Repository(db)))}
    db.close()
    assert set(new) == set(old) and all(new[path] != old[path] for path in new)

    process = subprocess.Popen(export, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(name.endswith(".tmp") for _, _, names in os.walk(out) for name in names):
        assert process.poll() is None, "the export ended before it could be interrupted"
        assert time.monotonic() < deadline
    process.send_signal(signal.SIGKILL)
    process.wait()

    seen = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.ics") if not p.name.startswith(".")}
    assert set(seen) == set(old)
    assert all(seen[path] in (old[path], new[path]) for path in seen)
    assert [p for p in out.rglob("*.tmp")], "the kill left no temporary: nothing to clean up"
    subprocess.run(export, check=True, capture_output=True)      # the next export completes the job
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*.ics") if not p.name.startswith(".")} == new
    assert not [p for p in out.rglob("*.tmp")]                    # ... and removes what the kill left


def test_a_feed_held_open_by_another_program_is_replaced_once_it_lets_go(demo_repo, demo_today, tmp_path,
                                                                        monkeypatch):
    out = tmp_path / "out"
    _publish_then_move_a_visit(demo_repo, demo_today, out)
    real_replace, refusals = os.replace, []

    def held_open_twice(source, target):
        """What Windows does while a subscriber's web server still reads the old file."""
        if str(target).endswith("joint-acceptance.ics") and len(refusals) < 2:
            refusals.append(target)
            error = PermissionError(errno.EACCES, "The process cannot access the file")
            error.winerror = 32
            raise error
        return real_replace(source, target)

    monkeypatch.setattr(publishing.os, "replace", held_open_twice)
    result = publish_folder(demo_repo, out)
    assert len(refusals) == 2 and "joint-acceptance.ics" in result.written
    assert b"20261203T090000" in (out / "joint-acceptance.ics").read_bytes()


def test_a_feed_that_stays_open_is_named_with_the_reason(demo_repo, demo_today, tmp_path, monkeypatch):
    out = tmp_path / "out"
    old = _publish_then_move_a_visit(demo_repo, demo_today, out)
    real_replace = os.replace

    def always_open(source, target):
        if str(target).endswith("joint-acceptance.ics"):
            error = PermissionError(errno.EACCES, "The process cannot access the file")
            error.winerror = 32
            raise error
        return real_replace(source, target)

    monkeypatch.setattr(publishing.os, "replace", always_open)
    monkeypatch.setattr(files, "REPLACE_RETRY_SECONDS", (0.01, 0.01))
    with pytest.raises(PublishError, match="open in another program") as caught:
        publish_folder(demo_repo, out)
    assert "joint-acceptance.ics" in str(caught.value)
    assert (out / "joint-acceptance.ics").read_bytes() == old
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_read_only_folder_gives_a_clear_message(demo_repo, tmp_path, monkeypatch):
    out = tmp_path / "out"
    publish_folder(demo_repo, out)
    before = {p: p.read_bytes() for p in out.rglob("*.ics")}
    add_visit(demo_repo, "XM2026-001", dt.date(2026, 12, 1), 9)

    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise PermissionError(errno.EROFS, "Read-only file system", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(publishing.os, "open", read_only)
    with pytest.raises(PublishError, match=r"Cannot write .*: permission denied \(the folder is read-only\)"):
        publish_folder(demo_repo, out)
    assert {p: p.read_bytes() for p in out.rglob("*.ics")} == before


def test_read_only_folder_for_real(demo_repo, read_only_folder):
    with pytest.raises(PublishError, match=r"Cannot write .*(permission denied|not permitted)"):
        publish_folder(demo_repo, read_only_folder)
    assert list(read_only_folder.iterdir()) == []


def test_reexport_notices_a_file_changed_or_removed_behind_its_back(demo_repo, demo_today, tmp_path):
    out = tmp_path / "out"
    add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    first = publish_folder(demo_repo, out)
    shared = out / "joint-acceptance.ics"
    original = shared.read_bytes()
    shared.unlink()
    (out / "departments" / "D01.ics").write_bytes(b"edited by hand")
    repaired = publish_folder(demo_repo, out)
    assert sorted(repaired.written) == ["departments/D01.ics", "joint-acceptance.ics"]
    assert shared.read_bytes() == original
    # without the record of the last export, the files are compared byte by byte: nothing to write
    (out / publishing.MANIFEST).unlink()
    again = publish_folder(demo_repo, out)
    assert again.written == [] and sorted(again.unchanged) == sorted(first.written)


def test_feeds_are_readable_by_others(demo_repo, tmp_path):
    """Subscribers fetch the files through a web server or a share running as another user."""
    publish_folder(demo_repo, tmp_path / "out")
    umask = os.umask(0)
    os.umask(umask)
    for path in (tmp_path / "out").rglob("*.ics"):
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path


def test_write_atomically_skips_identical_bytes(tmp_path):
    path = tmp_path / "a.ics"
    assert write_atomically(path, b"x") is True
    stamp = path.stat().st_mtime_ns, path.stat().st_ino
    assert write_atomically(path, b"x") is False
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == stamp
    assert write_atomically(path, b"y") is True and path.read_bytes() == b"y"


def test_feeds_of_removed_projects_are_removed_but_other_files_are_kept(demo_repo, tmp_path):
    out = tmp_path / "out"
    publish_folder(demo_repo, out)
    (out / "projects" / "notes.ics").write_bytes(b"BEGIN:VCALENDAR\r\nPRODID:-//someone else//EN\r\nEND:VCALENDAR\r\n")
    (out / "readme.txt").write_text("keep me")
    demo_repo.delete_project("XM2026-030")
    result = publish_folder(demo_repo, out)
    assert result.removed == ["projects/XM2026-030.ics"]
    assert (out / "projects" / "notes.ics").exists() and (out / "readme.txt").exists()


# --- the command line ----------------------------------------------------------------------------
def test_cli_export_on_the_demo_gives_feeds_ical_js_reads(demo_repo, demo_today, db_path, tmp_path, capsys):
    visit = add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=1), 9)
    token = uid_token(demo_repo)
    demo_repo.db.close()
    out = tmp_path / "out"
    assert cli.main(["--lang", "en", "export", str(out), "--db", str(db_path)]) == 0
    assert "file(s) written" in capsys.readouterr().out
    shared, = ical_js(out / "joint-acceptance.ics")
    event, = [e for e in shared["events"] if e["uid"] == visit_uid(visit.id, token)]
    assert event["dtstart"]["local"] == "2026-12-01T09:00:00"
    assert event["dtstart"]["utc"] == "2026-12-01T01:00:00.000Z"

    assert cli.main(["--lang", "en", "export", str(tmp_path / "missing" / "out"), "--db", str(db_path)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert cli.main(["--lang", "en", "publish", "--db", str(db_path)]) == 2
    assert "Nothing to publish to" in capsys.readouterr().err
    assert cli.main(["--lang", "en", "publish", "--folder", str(out), "--db", str(db_path)]) == 0
    assert "0 file(s) written" in capsys.readouterr().out


def test_cli_publish_uses_the_configured_targets_when_none_is_given(demo_repo, db_path, tmp_path, capsys):
    configured = tmp_path / "share"
    demo_repo.save_settings(dataclasses.replace(demo_repo.settings(), export_folder=str(configured)))
    demo_repo.db.close()
    assert cli.main(["--lang", "en", "publish", "--db", str(db_path)]) == 0
    assert (configured / "joint-acceptance.ics").is_file()
    elsewhere = tmp_path / "elsewhere"
    assert cli.main(["--lang", "en", "publish", "--folder", str(elsewhere), "--db", str(db_path)]) == 0
    assert (elsewhere / "joint-acceptance.ics").is_file()
    assert "file(s) written" in capsys.readouterr().out
