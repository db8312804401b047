"""`visit record` as a user runs it: each --item / --attachment belongs to the --rectify given before it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from desktop_app.core.store import acceptance_records
from desktop_app.core.store.database import open_database

PROJECT = "XM2026-005"      # visited by D02 (fire, item I02), D04, D08, D12 and D14 (I13)
AFTER_THE_VISIT = "2026-12-02T12:30"


def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", "--lang", lang, *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def scheduled(tmp_path_factory):
    """The demo, scheduled: XM2026-005's visit (2026-12-02 10:00–12:00)."""
    db = tmp_path_factory.mktemp("scheduled") / "bureau.sqlite"
    assert run("demo", "--db", str(db), "--today", "2026-11-30").returncode == 0
    assert run("schedule", "--db", str(db), "--today", "2026-11-30", "--solver", "greedy").returncode == 0
    listed = run("visit", "list", "--db", str(db), "--project", PROJECT, "--json")
    (visit,) = json.loads(listed.stdout)
    assert {"D02", "D14"} <= set(visit["departments"])
    return db, visit["id"]


@pytest.fixture
def visit(scheduled, tmp_path):
    source, visit_id = scheduled
    db = tmp_path / "bureau.sqlite"
    shutil.copy(source, db)
    return db, visit_id


def record(db, visit_id: int, *options: str, lang: str = "en") -> subprocess.CompletedProcess:
    return run("visit", "record", str(visit_id), "--db", str(db), "--department", "D02", *options,
               "--at", AFTER_THE_VISIT, lang=lang)


def findings(db, visit_id: int) -> list[tuple[str, str | None, str]]:
    database = open_database(db)
    try:
        (result,) = acceptance_records.results(database, visit=visit_id)
        return [(f.text, f.item, f.attachment) for f in result.findings]
    finally:
        database.close()


def test_an_attachment_belongs_to_the_finding_before_it_not_the_first(visit):
    db, visit_id = visit
    done = record(db, visit_id, "--rectify", "消防车道被占用", "--rectify", "喷淋末端压力不足",
                  "--attachment", "/srv/photos/sprinkler.jpg")
    assert done.returncode == 0, done.stderr
    assert findings(db, visit_id) == [("消防车道被占用", None, ""),
                                      ("喷淋末端压力不足", None, "/srv/photos/sprinkler.jpg")]


def test_each_finding_followed_by_its_item_and_attachment_records_as_before(visit):
    db, visit_id = visit
    done = record(db, visit_id, "--rectify", "消防车道被占用", "--item", "I02", "--attachment", "a.jpg",
                  "--rectify", "喷淋末端压力不足", "--attachment", "b.pdf", "--item", "I02",
                  "--rectify", "灭火器过期")
    assert done.returncode == 0, done.stderr
    assert findings(db, visit_id) == [("消防车道被占用", "I02", "a.jpg"), ("喷淋末端压力不足", "I02", "b.pdf"),
                                      ("灭火器过期", None, "")]


@pytest.mark.parametrize(("options", "message"), [
    (("--attachment", "b.jpg", "--rectify", "消防车道被占用"),
     "--attachment 'b.jpg' comes before any --rectify: give it after the finding it belongs to"),
    (("--item", "I02", "--rectify", "消防车道被占用"), "--item 'I02' comes before any --rectify"),
    (("--rectify", "消防车道被占用", "--rectify", "喷淋末端压力不足", "--attachment", "a.jpg", "--attachment", "b.jpg"),
     "The finding '喷淋末端压力不足' has 2 --attachment options; give at most one --item and one --attachment "
     "after each --rectify."),
    (("--rectify", "消防车道被占用", "--item", "I02", "--item", "I13"), "The finding '消防车道被占用' has 2 --item options"),
], ids=["attachment-first", "item-first", "two-attachments", "two-items"])
def test_an_option_without_its_finding_is_a_usage_error_and_records_nothing(visit, options, message):
    db, visit_id = visit
    before = db.read_bytes()
    refused = record(db, visit_id, *options)
    assert refused.returncode == 2
    assert message in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert refused.stdout == "" and "Traceback" not in refused.stderr
    assert db.read_bytes() == before


def test_the_usage_error_in_chinese(visit):
    db, visit_id = visit
    refused = record(db, visit_id, "--attachment", "b.jpg", "--rectify", "消防车道被占用", lang="zh_CN")
    assert refused.returncode == 2
    assert refused.stderr.strip() == ("--attachment“b.jpg”写在了所有 --rectify 之前：请写在它所属的整改意见之后"
                                      "（--rectify 整改意见 --item 事项 --attachment 文件）。")


def test_help_states_the_rule():
    shown = run("visit", "--help")
    assert shown.returncode == 0
    text = " ".join(shown.stdout.split())
    assert "--item and --attachment belong to the --rectify given just before them, at most one of each per " \
           "finding" in text
