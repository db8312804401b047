"""`joint-acceptance print ...` end to end, in a fresh process as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop_app.cli import main
from tests.printing.conftest import add_visit, at, page_count, pdf_text


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": ""}     # the command must choose a headless platform itself
    env.pop("QT_QPA_PLATFORM")
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], check=False, capture_output=True, text=True,
                          env=env, timeout=120)


def test_print_notice_from_the_command_line_without_widgets(demo_repo, db_path, tmp_path):
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    out = tmp_path / "notice.pdf"
    script = ("import sys; from desktop_app.cli import main\n"
              f"code = main(['print', 'notice', 'XM2026-005', '--db', {str(db_path)!r}, '--out', {str(out)!r},"
              " '--today', '2026-11-30'])\n"
              "from PySide6.QtCore import QCoreApplication\n"
              "assert type(QCoreApplication.instance()).__name__ == 'QGuiApplication'\n"
              "sys.exit(code)\n")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, env=env, timeout=120)

    assert result.returncode == 0, result.stderr
    assert "2026年12月3日 星期四" in pdf_text(out)
    assert "1" in result.stdout and str(out) in result.stdout


def test_the_printing_package_uses_no_widgets():
    import ast
    from pathlib import Path

    import desktop_app.printing

    for path in Path(desktop_app.printing.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            assert not any("QtWidgets" in name for name in names), path


def test_print_notice_of_a_project_without_visit_exits_2_with_one_message(demo_repo, db_path, tmp_path):
    out = tmp_path / "out" / "notice.pdf"
    out.parent.mkdir()
    result = _cli("--lang", "zh_CN", "print", "notice", "XM2026-005", "--db", str(db_path), "--out", str(out))
    assert result.returncode == 2
    assert "XM2026-005" in result.stderr and "尚未安排现场验收" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(out.parent.iterdir()) == []


def test_print_into_a_missing_folder_exits_2_naming_it(demo_repo, db_path, tmp_path):
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    missing = tmp_path / "missing"
    assert main(["--lang", "en", "print", "notice", "XM2026-005", "--db", str(db_path),
                 "--out", str(missing / "n.pdf")]) == 2
    assert not missing.exists()


def test_print_range_day_and_week_from_the_command_line(demo_repo, db_path, tmp_path, capsys):
    add_visit(demo_repo, "XM2026-001", at("2026-12-01", "09:00"))
    add_visit(demo_repo, "XM2026-004", at("2026-12-02", "14:00"))
    common = ["--db", str(db_path), "--today", "2026-11-30"]

    assert main(["print", "notice", "--from", "2026-11-30", "--to", "2026-12-06", "--out",
                 str(tmp_path / "all.pdf"), *common]) == 0
    assert "XM2026-001" in pdf_text(tmp_path / "all.pdf") and "XM2026-004" in pdf_text(tmp_path / "all.pdf")
    folder = tmp_path / "each"
    folder.mkdir()
    assert main(["print", "notice", "--from", "2026-11-30", "--to", "2026-12-06", "--out-dir", str(folder),
                 *common]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["XM2026-001.pdf", "XM2026-004.pdf"]
    assert main(["print", "day", "2026-12-02", "--department", "D02", "--out", str(tmp_path / "d.pdf"), *common]) == 0
    assert "XM2026-004" in pdf_text(tmp_path / "d.pdf")
    assert main(["print", "week", "2026-12-02", "--out", str(tmp_path / "w.pdf"), *common]) == 0
    assert page_count(tmp_path / "w.pdf") >= 1


def test_print_notice_usage_errors_exit_2(demo_repo, db_path, tmp_path):
    out = str(tmp_path / "n.pdf")
    assert main(["print", "notice", "--db", str(db_path), "--out", out]) == 2                  # neither
    assert main(["print", "notice", "XM2026-001", "--from", "2026-12-01", "--to", "2026-12-02",
                 "--db", str(db_path), "--out", out]) == 2                                     # both
    assert main(["print", "notice", "--from", "2026-12-01", "--db", str(db_path), "--out", out]) == 2
    assert main(["print", "notice", "XM2026-001", "--db", str(db_path), "--out-dir", str(tmp_path)]) == 2
    assert main(["print", "day", "2026-13-01", "--db", str(db_path), "--out", out]) == 2
    assert not (tmp_path / "n.pdf").exists()
