"""`stats` with the lifecycle's figures and `report month` as a user runs them: real subprocesses and files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.core.reports.small_history import build_small_history


def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", "--lang", lang, *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def history_db(tmp_path_factory) -> Path:
    return build_small_history(tmp_path_factory.mktemp("history"))


def test_stats_json_carries_the_lifecycle_figures(history_db):
    result = run("stats", "--db", str(history_db), "--json", "--today", "2026-11-30")
    assert result.returncode == 0, result.stderr
    life = json.loads(result.stdout)["lifecycle"]
    assert (life["accepted_this_month"], life["one_pass_rate"], life["reinspections_held"]) == (3, 0.6, 1)
    assert life["mean_working_days_to_opinion"] == 3.0 and life["results_overdue"]["count"] == 1
    assert [d["department"] for d in life["rectification_by_department"]] == ["D04", "D02", "D01"]


def test_stats_text_shows_the_lifecycle_in_chinese(history_db):
    result = run("stats", "--db", str(history_db), "--today", "2026-11-30", lang="zh_CN")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "验收申请：7 件（待排期 0，已排期 1，整改中 1，已通过 4，未通过 1，已撤回 0）" in out
    assert "本月（2026-11）通过 3 件；累计通过 4 件、未通过 1 件；一次性通过率 60%（办结 5 件中 3 件）" in out
    assert "已举行现场验收 8 场，其中 2 场提出整改（整改率 25%）；复验 1 场；整改意见 3 条" in out
    assert "申请至出具联合验收意见平均 3.0 个工作日" in out
    assert "逾期未录入结果的现场验收：1 场（" in out
    assert "各部门需整改率：济宁市城建档案馆 17%（6 场中 1 场）" in out
    assert "整改意见最多的验收事项：消防验收 1；城建档案验收 1；（未指明事项） 1" in out


def test_report_month_writes_the_workbook(history_db, tmp_path):
    out = tmp_path / "report.xlsx"
    before = history_db.read_bytes()
    result = run("report", "month", "2026-11", "--out", str(out), "--db", str(history_db), "--today", "2026-11-30")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout and "2026-11" in result.stdout
    book = load_workbook(out)
    assert book.sheetnames == ["月度汇总", "部门", "事项", "说明"] and len(book["月度汇总"]._charts) == 1
    assert book["月度汇总"]["A15"].value == "11月" and book["月度汇总"]["D15"].value == 3
    assert history_db.read_bytes() == before


@pytest.mark.parametrize("month, out, message", [
    ("2026-13", "report.xlsx", "Bad month '2026-13'"),
    ("November", "report.xlsx", "Bad month 'November'"),
    ("2026-12", "report.xlsx", "2026-12 has not begun yet"),
    ("2026-11", "missing/report.xlsx", "does not exist"),
    ("2026-11", "report.pdf", "name the file .xlsx"),
])
def test_report_month_bad_input_exits_2_with_one_message_and_writes_nothing(history_db, tmp_path, month, out, message):
    before = history_db.read_bytes()
    result = run("report", "month", month, "--out", str(tmp_path / out), "--db", str(history_db),
                 "--today", "2026-11-30")
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == [] and history_db.read_bytes() == before


def test_report_month_to_a_read_only_folder_exits_2(history_db, read_only_folder):
    result = run("report", "month", "2026-11", "--out", str(read_only_folder / "report.xlsx"), "--db",
                 str(history_db), "--today", "2026-11-30")
    assert result.returncode == 2 and "Cannot write to the folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and list(read_only_folder.iterdir()) == []


def test_report_month_message_in_chinese(history_db, tmp_path):
    result = run("report", "month", "2026/11", "--out", str(tmp_path / "r.xlsx"), "--db", str(history_db),
                 lang="zh_CN")
    assert result.returncode == 2 and "月份“2026/11”有误：请写作 YYYY-MM" in result.stderr
