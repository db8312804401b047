"""The command line as a user runs it: exit status, one message on stderr, database unchanged."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from desktop_app.paths import DEMO_DATASET


def run(*args: str, env_lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", "--lang", env_lang, *args],
                          capture_output=True, text=True, timeout=120)


def test_demo_then_stats(tmp_path):
    db = tmp_path / "demo.sqlite"
    created = run("demo", "--db", str(db), "--today", "2026-11-30")
    assert created.returncode == 0, created.stderr
    stats = run("stats", "--db", str(db), "--json", "--today", "2026-11-30")
    assert stats.returncode == 0, stats.stderr
    data = json.loads(stats.stdout)
    assert data["requests_by_status"]["pending"] == 30
    assert data["requests_waiting"] == 30
    assert data["departments"] == 14
    assert 2026 in data["calendar"]["confirmed_years"]
    again = run("demo", "--db", str(db))
    assert again.returncode == 0 and "already holds data" in again.stderr


def test_stats_in_chinese(tmp_path):
    db = tmp_path / "demo.sqlite"
    run("demo", "--db", str(db), "--today", "2026-11-30")
    result = run("stats", "--db", str(db), "--today", "2026-11-30", env_lang="zh_CN")
    assert "验收申请：35 件" in result.stdout   # the 30 upcoming requests and the demo's past five


def test_bad_dataset_exits_2_with_one_message_and_changes_nothing(tmp_path):
    db = tmp_path / "bureau.sqlite"
    dataset = tmp_path / "dataset"
    shutil.copytree(DEMO_DATASET, dataset)
    assert run("import", str(dataset), "--db", str(db)).returncode == 0
    before = db.read_bytes()
    projects = dataset / "projects.csv"
    projects.write_text(projects.read_text(encoding="utf-8").replace("2026-11-18", "2026/13/40", 1), encoding="utf-8")
    result = run("import", str(dataset), "--db", str(db))
    assert result.returncode == 2
    assert "projects.csv, row 2, column applied_on: bad date '2026/13/40'" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert db.read_bytes() == before


def test_import_of_a_missing_path_is_bad_input(tmp_path):
    result = run("import", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.sqlite"))
    assert result.returncode == 2
    assert "neither a dataset folder nor an .xlsx workbook" in result.stderr


def test_not_a_database_is_bad_input(tmp_path):
    path = tmp_path / "photo.sqlite"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(4000))
    result = run("stats", "--db", str(path))
    assert result.returncode == 2
    assert "not a SQLite database" in result.stderr
    assert path.read_bytes() == b"\x89PNG\r\n\x1a\n" + bytes(4000)


def test_usage_errors_exit_2(tmp_path):
    assert run("stats", "--today", "2026-02-30", "--db", str(tmp_path / "x.sqlite")).returncode == 2
    assert run("no-such-command").returncode == 2


def test_help_exits_0():
    result = run("--help")
    assert result.returncode == 0
    assert "import" in result.stdout and "stats" in result.stdout


def test_output_cut_short_by_the_reader_is_not_an_error(tmp_path):
    """`joint-acceptance visit list | head -1`: the pipe closes early; no traceback, no error message."""
    db = tmp_path / "d.sqlite"
    assert run("demo", "--db", str(db), "--today", "2026-11-30").returncode == 0
    assert run("schedule", "--db", str(db), "--today", "2026-11-30").returncode == 0
    process = subprocess.Popen([sys.executable, "-m", "desktop_app", "visit", "list", "--db", str(db)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()                      # what `head -1` does after its line
    status = process.wait(timeout=60)
    assert first.strip() and status == 0
    assert process.stderr.read() == b""


def _fresh_user(tmp_path) -> dict[str, str]:
    """The environment of a user who has never run the program (the default database does not exist)."""
    import os

    return {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}


def test_the_default_database_holds_the_demo_from_the_first_command(tmp_path):
    env = _fresh_user(tmp_path)
    command = [sys.executable, "-m", "desktop_app", "--lang", "en", "stats", "--json"]
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "First run: the demo data was loaded into" in first.stderr
    assert json.loads(first.stdout)["requests_waiting"] == 30
    database = next((tmp_path / "data").rglob("joint-acceptance.sqlite"))
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert "First run" not in again.stderr and json.loads(again.stdout)["requests_waiting"] == 30
    assert database.is_file()


def test_a_first_import_into_the_default_database_brings_only_its_own_data(tmp_path):
    env = _fresh_user(tmp_path)
    dataset = tmp_path / "dataset"
    shutil.copytree(DEMO_DATASET, dataset)
    lines = (dataset / "projects.csv").read_text(encoding="utf-8").splitlines()
    (dataset / "projects.csv").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")   # two requests
    imported = subprocess.run([sys.executable, "-m", "desktop_app", "--lang", "en", "import", str(dataset)],
                              capture_output=True, text=True, env=env, timeout=120)
    assert imported.returncode == 0, imported.stderr
    assert "First run" not in imported.stderr
    stats = subprocess.run([sys.executable, "-m", "desktop_app", "stats", "--json"], capture_output=True,
                           text=True, env=env, timeout=120)
    assert json.loads(stats.stdout)["requests_waiting"] == 2


def test_today_is_the_bureaus_date_whatever_the_computers_time_zone(tmp_path):
    """A clerk's computer set to another zone (or to UTC) must not plan from yesterday: every command's
    "today" is the date in the bureau's time zone (Asia/Shanghai in the demo)."""
    import datetime as dt
    import os
    from zoneinfo import ZoneInfo

    shanghai = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    # Offsets span 26 hours, so some zone is on another date than Shanghai right now.
    other = next(zone for zone in (f"Etc/GMT{sign}{hours}" for sign in "+-" for hours in range(1, 13))
                 if dt.datetime.now(ZoneInfo(zone)).date() != shanghai)
    db = tmp_path / "demo.sqlite"
    env = {**os.environ, "TZ": other}
    assert subprocess.run([sys.executable, "-m", "desktop_app", "demo", "--db", str(db)], env=env,
                          capture_output=True).returncode == 0
    result = subprocess.run([sys.executable, "-m", "desktop_app", "conflicts", "--json", "--db", str(db)], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["today"] == shanghai.isoformat(), other
    # A printed document's date of issue is the bureau's date too, not the computer's.
    sheet = tmp_path / "day.pdf"
    printed = subprocess.run([sys.executable, "-m", "desktop_app", "print", "day", shanghai.isoformat(),
                              "--out", str(sheet), "--db", str(db)], env=env, capture_output=True, text=True)
    assert printed.returncode == 0, printed.stderr
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(sheet), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert f"打印日期：{shanghai.year}年{shanghai.month}月{shanghai.day}日" in "".join(text.split()), other
