"""`department` and `settings`: what the GUI's department and settings pages edit, from the command line."""

import json
import subprocess
import sys

import pytest


@pytest.fixture
def demo_path(demo_db, db_path):
    demo_db.close()
    return db_path


def run(db_path, *args):
    return subprocess.run([sys.executable, "-m", "desktop_app", "--lang", "en", *args, "--db", str(db_path)],
                          capture_output=True, text=True, timeout=120)


def test_blocked_dates_and_seasonal_hours(demo_path):
    assert run(demo_path, "department", "block", "D01", "2026-12-10", "2026-12-11", "省厅业务培训").returncode == 0
    assert run(demo_path, "department", "hours", "D02", "2027-05-01", "MO-FR 08:00-12:00,14:30-18:00").returncode == 0
    shown = json.loads(run(demo_path, "department", "show", "D01", "--json").stdout)
    assert {"first_day": "2026-12-10", "last_day": "2026-12-11", "reason": "省厅业务培训"} in shown["blocked"]
    hours = json.loads(run(demo_path, "department", "show", "D02", "--json").stdout)["seasonal_hours"]
    assert hours == [{"starts_on": "2027-05-01", "office_hours": "MO-FR 08:00-12:00,14:30-18:00"}]
    assert run(demo_path, "department", "unblock", "D01", "2026-12-10").returncode == 0
    assert {"first_day": "2026-12-10", "last_day": "2026-12-11", "reason": "省厅业务培训"} not in json.loads(
        run(demo_path, "department", "show", "D01", "--json").stdout)["blocked"]


def test_bad_department_input_changes_nothing(demo_path):
    bad_hours = run(demo_path, "department", "hours", "D02", "2027-05-01", "MO-FR 14:00-08:30")
    assert bad_hours.returncode == 2 and "ends before it starts" in bad_hours.stderr
    reversed_range = run(demo_path, "department", "block", "D01", "2026-12-11", "2026-12-10")
    assert reversed_range.returncode == 2 and "ends before it starts" in reversed_range.stderr
    unknown = run(demo_path, "department", "block", "D99", "2026-12-11")
    assert unknown.returncode == 2
    assert json.loads(run(demo_path, "department", "show", "D02", "--json").stdout)["seasonal_hours"] == []


def test_settings_show_and_change(demo_path):
    assert run(demo_path, "settings", "bureau_name", "某某区行政审批局").returncode == 0
    assert run(demo_path, "settings", "allow_split", "true").returncode == 0
    settings = json.loads(run(demo_path, "settings", "--json").stdout)
    assert settings["bureau_name"] == "某某区行政审批局" and settings["allow_split"] is True
    for key, value in (("grain_minutes", "0"), ("grain_minutes", "half an hour"), ("timezone", "Mars/Base"),
                       ("no_such_setting", "1")):
        result = run(demo_path, "settings", key, value)
        assert result.returncode == 2, (key, value)
    assert json.loads(run(demo_path, "settings", "--json").stdout)["grain_minutes"] == 30


def test_remove_is_refused_while_in_use_and_works_otherwise(demo_path):
    in_use = run(demo_path, "remove", "department", "D01")
    assert in_use.returncode == 2 and "cannot be deleted" in in_use.stderr
    assert run(demo_path, "remove", "request", "XM2026-030").returncode == 0
    assert run(demo_path, "remove", "request", "XM2026-030").returncode == 2      # gone now
    stats = json.loads(run(demo_path, "stats", "--json").stdout)
    assert stats["requests_waiting"] == 29


@pytest.mark.parametrize(("pattern", "reason"), [
    ("济经开联验〔{year}〕第 号", "must contain {number}"),
    ("{{number}}", "must contain {number}"),                 # a literal "{number}": every opinion one number
    ("{number}-{serial}", "Only {year} and {number}"),
    ("{number}}", "Only {year} and {number}"),
    ("{number:03d}", "Only {year} and {number}"),           # the preview puts text in its place
])
def test_a_bad_opinion_number_pattern_is_refused_and_nothing_is_saved(demo_path, pattern, reason):
    before = demo_path.read_bytes()
    result = run(demo_path, "settings", "opinion_number_pattern", pattern)
    assert result.returncode == 2 and result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and "opinion_number_pattern" in message and reason in message, message
    assert demo_path.read_bytes() == before


def test_a_good_opinion_number_pattern_is_saved_and_the_refusal_reads_in_chinese(demo_path):
    assert run(demo_path, "settings", "opinion_number_pattern", "经开联验〔{year}〕{number}号").returncode == 0
    assert run(demo_path, "settings", "opinion_number_pattern").stdout.strip() == "经开联验〔{year}〕{number}号"
    chinese = subprocess.run([sys.executable, "-m", "desktop_app", "settings", "opinion_number_pattern", "第 号",
                              "--db", str(demo_path)], capture_output=True, text=True, timeout=120)
    assert chinese.returncode == 2 and "opinion_number_pattern" in chinese.stderr and "必须包含 {number}" in chinese.stderr
