"""Departments' confirmations from the command line (issue 15 item 5): `visit confirm`, `visit confirmations`,
`confirmations import FILE...` with Thunderbird's and Outlook's REPLY files and the bad inputs — real CLI runs
on a real database file (the demo, scheduled and published; visit 3 is XM2026-003 on 2026-12-03 10:00)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.calendar.availability import store_calendar_bytes
from desktop_app.core.dataset.demo import ANCHOR_MONDAY, load_demo
from desktop_app.core.planning.scheduler import run_schedule
from desktop_app.core.planning.visit_actions import mark_published
from desktop_app.core.store.database import open_database
from desktop_app.core.store.repository import Repository
from desktop_app.core.store.uid_tokens import UID_TOKEN_KEY

REPLIES = Path(__file__).parents[1] / "fixtures" / "ics" / "replies"
TOKEN = "5f2c9a1e7b3d4c60"       # the fixtures' UIDs: visit-3@5f2c9a1e7b3d4c60.joint-acceptance
TODAY = "2026-11-30"


def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", "--lang", lang, *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def bureau(tmp_path) -> Path:
    path = tmp_path / "bureau.sqlite"
    db = open_database(path)
    load_demo(db, today=ANCHOR_MONDAY, availability_writer=store_calendar_bytes)
    repo = Repository(db)
    db["settings"].insert({"key": UID_TOKEN_KEY, "value": json.dumps(TOKEN)}, pk="key", replace=True)
    run_schedule(repo, ANCHOR_MONDAY, solver="greedy")
    mark_published(repo, repo.visits())
    visit = repo.visit(3)
    assert (visit.project, str(visit.start)) == ("XM2026-003", "2026-12-03 10:00:00+08:00")
    db.close()
    return path


def _dump(path: Path) -> bytes:
    db = open_database(path)
    try:
        return "\n".join(db.conn.iterdump()).encode()
    finally:
        db.close()


def _states(path: Path, visit: int = 3) -> dict[str, dict]:
    result = run("visit", "confirmations", "--json", "--db", str(path), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    item = next(i for i in json.loads(result.stdout) if i["visit"] == visit)
    return {d["department"]: d for d in item["departments"]}


def test_thunderbird_and_outlook_replies_are_recorded_with_the_departments_words(bureau):
    result = run("confirmations", "import", str(REPLIES / "thunderbird_declined.ics"),
                 str(REPLIES / "outlook_declined.ics"), str(REPLIES / "outlook_accepted.ics"), "--db", str(bureau))
    assert result.returncode == 0, result.stderr
    assert "3 answer(s) recorded" in result.stdout
    states = _states(bureau)
    assert (states["D01"]["state"], states["D01"]["source"], states["D01"]["reason"]) == \
        ("declined", "reply", "当天上午另有市级规划核实，建议改到下午或次日")     # Thunderbird: X-RESPONSE-COMMENT
    assert (states["D04"]["state"], states["D04"]["reason"]) == \
        ("declined", "档案馆当天全员参加业务培训，请改期。")                   # Outlook: COMMENT, MAILTO: folded
    assert states["D03"]["state"] == "confirmed"                               # Outlook: upper-case MAILTO:
    assert states["D04"]["answered_at"] == "2026-11-30T11:15:44+08:00"       # the reply's DTSTAMP, bureau time
    assert {states[d]["state"] for d in ("D08", "D09", "D10")} == {"pending"}
    # The declines are conflicts in the departments' words.
    conflicts = run("conflicts", "--db", str(bureau), "--today", TODAY, lang="zh_CN")
    assert "济宁市自然资源和规划局 已拒绝：当天上午另有市级规划核实" in conflicts.stdout
    assert "济宁市城建档案馆 已拒绝：档案馆当天全员参加业务培训" in conflicts.stdout
    # Importing the same replies again records nothing new.
    again = run("confirmations", "import", str(REPLIES / "outlook_declined.ics"), "--db", str(bureau))
    assert again.returncode == 0 and "0 answer(s) recorded, 1 already recorded" in again.stdout


def _variant(tmp_path: Path, name: str, old: str, new: str, source: str = "thunderbird_declined.ics") -> Path:
    data = (REPLIES / source).read_bytes()
    assert old.encode() in data
    path = tmp_path / name
    path.write_bytes(data.replace(old.encode(), new.encode()))
    return path


@pytest.mark.parametrize("case, expected", [
    ("not ical", "not iCalendar data"),
    ("request", "METHOD is REQUEST, not REPLY"),
    ("foreign uid", "visit-3@0000000000000000.joint-acceptance, attendee guihua@jining.example.cn: not a visit of "
                    "this database"),
    ("unknown visit", "visit-999@5f2c9a1e7b3d4c60.joint-acceptance, attendee guihua@jining.example.cn: not a visit"),
    ("uninvited", "attendee stranger@example.com: an attendee that was not invited to visit 3"),
    ("old sequence", "the answer is for an earlier time of this visit"),
    ("no partstat", "PARTSTAT '' is missing or unknown"),
    ("cancelled", "visit 3 of XM2026-003 was cancelled"),
    ("planned", "Visit 3 is not published yet"),
    ("too large", "more than the 1,048,576 bytes"),
])
def test_bad_replies_are_refused_naming_file_uid_and_attendee_and_nothing_is_recorded(bureau, tmp_path, case,
                                                                                        expected):
    good = REPLIES / "outlook_accepted.ics"       # imported together: all or nothing
    bad = {
        "not ical": lambda: _write(tmp_path / "mail.ics", b"From: guihua@jining.example.cn\r\nSubject: OK\r\n"),
        "request": lambda: _variant(tmp_path, "request.ics", "METHOD:REPLY", "METHOD:REQUEST"),
        "foreign uid": lambda: _variant(tmp_path, "foreign.ics", TOKEN, "0000000000000000"),
        "unknown visit": lambda: _variant(tmp_path, "unknown.ics", "UID:visit-3@", "UID:visit-999@"),
        "uninvited": lambda: _variant(tmp_path, "uninvited.ics", "guihua@jining.example.cn",
                                      "stranger@example.com"),
        "old sequence": lambda: _moved_then(bureau, REPLIES / "thunderbird_declined.ics"),
        "no partstat": lambda: _variant(tmp_path, "nopartstat.ics", "PARTSTAT=DECLINED;", ""),
        "cancelled": lambda: _cancelled_then(bureau, REPLIES / "thunderbird_declined.ics"),
        "planned": lambda: _planned_then(bureau, REPLIES / "thunderbird_declined.ics"),
        "too large": lambda: _write(tmp_path / "big.ics", (REPLIES / "thunderbird_declined.ics").read_bytes()
                                    .replace(b"SEQUENCE:0\r\n", b"SEQUENCE:0\r\n" + b"X-PAD:" + b"x" * 70 + b"\r\n")
                                    * 1),
    }[case]()
    if case == "too large":
        bad.write_bytes(bad.read_bytes() + b" " * (1024 * 1024))
    before = _dump(bureau)
    # A change of visit 3 itself spoils the good file too; otherwise the good file comes first.
    files = [bad] if case in ("old sequence", "cancelled", "planned") else [good, bad]
    result = run("confirmations", "import", *map(str, files), "--db", str(bureau))
    assert result.returncode == 2, result.stderr
    message = result.stderr.strip()
    assert "\n" not in message and str(bad) in message and expected in message, message
    assert _dump(bureau) == before, "nothing recorded, not even the good file's answer"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _moved_then(path: Path, reply: Path) -> Path:
    db = open_database(path)
    repo = Repository(db)
    visit = repo.visit(3)
    moved = repo.update_visit(dataclasses.replace(visit, start=visit.start + dt.timedelta(hours=5),
                                                  end=visit.end + dt.timedelta(hours=5)))
    assert moved.sequence == 1
    db.close()
    return reply


def _cancelled_then(path: Path, reply: Path) -> Path:
    assert run("visit", "cancel", "3", "--db", str(path)).returncode == 0
    return reply


def _planned_then(path: Path, reply: Path) -> Path:
    db = open_database(path)
    with db.atomic():
        db.execute("UPDATE visits SET status = 'planned' WHERE id = 3")
    db.close()
    return reply


def test_visit_confirm_by_hand_and_its_refusals(bureau):
    ok = run("visit", "confirm", "3", "D01", "declined", "--reason", "人员外出", "--db", str(bureau),
             "--today", TODAY, lang="zh_CN")
    assert ok.returncode == 0 and ok.stdout.strip() == "验收 3，D01：已拒绝（人员外出）", ok.stdout
    assert _states(bureau)["D01"]["source"] == "hand"
    assert run("visit", "confirm", "3", "D01", "confirmed", "--db", str(bureau)).returncode == 0
    assert _states(bureau)["D01"]["state"] == "confirmed"
    before = _dump(bureau)
    for args, expected in ((("3", "D07", "confirmed"), "Department D07 is not at visit 3"),
                           (("99", "D01", "confirmed"), "There is no visit 99."),
                           (("3", "D01", "maybe"), "`visit confirm` takes VISIT_ID DEPARTMENT")):
        result = run("visit", "confirm", *args, "--db", str(bureau))
        assert result.returncode == 2 and expected in result.stderr and result.stderr.count("\n") == 1
    assert _dump(bureau) == before


def test_visit_confirmations_text_lists_chinese_states(bureau):
    run("visit", "confirm", "3", "D01", "declined", "--reason", "人员外出", "--db", str(bureau))
    result = run("visit", "confirmations", "--from", "2026-12-03", "--to", "2026-12-03", "--db", str(bureau),
                 "--today", TODAY, lang="zh_CN")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("3  XM2026-003  2026-12-03 10:00-12:00")
    assert any("D01 济宁市自然资源和规划局  已拒绝  人员外出  人工登记" in line for line in lines)
    assert any("D08" in line and "待确认" in line for line in lines)


def test_the_listing_starts_today_unless_asked_for_earlier_visits(bureau):
    """A visit already held waits for its results, not for answers: the default listing leaves it out."""
    listed = lambda *extra: {i["visit"] for i in json.loads(run(  # noqa: E731
        "visit", "confirmations", "--json", "--db", str(bureau), *extra).stdout)}
    later = listed("--today", "2026-12-04")
    assert 3 not in later                                       # 2026-12-03 is past by then
    assert 3 in listed("--today", "2026-12-04", "--from", "2026-12-01")
    assert 3 in listed("--today", TODAY)
