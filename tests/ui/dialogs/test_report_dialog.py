"""文件 ▸ 导出月度报表: the monthly report's workbook written from the window in the background, the same as
`joint-acceptance report month`; a report that cannot be written says why in a message box and writes nothing."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.model.domain import DepartmentResult, Opinion
from desktop_app.ui.controllers.result_edits import record_results


def test_the_monthly_report_action_writes_the_workbook_of_the_current_month(window, past_visit, qtbot, tmp_path):
    assert record_results(window.workspace, past_visit.id,
                          [DepartmentResult(d, Opinion.PASSED) for d in past_visit.departments]) is None
    dialog = window.monthly_report()                   # 文件 ▸ 导出月度报表…
    assert window.report_action.text() == "Export monthly report…"
    assert dialog.chosen_month() == (2026, 11)          # the current month by default
    assert dialog.path.text().endswith("Joint acceptance monthly report 2026-11.xlsx")
    dialog.month.setDate(QDate(2026, 10, 1))
    assert dialog.path.text().endswith("2026-10.xlsx")  # the suggested name follows the month
    dialog.month.setDate(QDate(2026, 12, 1))
    assert dialog.chosen_month() == (2026, 11)          # no month that has not begun
    out = tmp_path / "report.xlsx"
    dialog.path.setText(str(out))

    with qtbot.waitSignal(dialog.written, timeout=60_000) as written:
        assert dialog.export()

    assert written.args == [out] and out.is_file()
    assert "report.xlsx" in dialog.status.text()
    assert "report.xlsx" in window.statusBar().currentMessage()
    book = load_workbook(out)
    assert book.sheetnames == ["月度汇总", "部门", "事项", "说明"]
    summary = book["月度汇总"]
    assert "2026年11月" in summary["A1"].value and summary._charts
    rows = {row[0]: row for row in summary.iter_rows(values_only=True) if row and row[0]}
    header = rows["月份"]
    november = dict(zip(header, rows["11月"]))
    assert (november["现场验收（场）"], november["通过（件）"], november["一次性通过率"]) == (1, 1, 1)


def test_a_report_that_cannot_be_written_says_why_and_writes_nothing(window, qtbot, tmp_path):
    dialog = window.monthly_report()
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "missing" / "report.xlsx"
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.failed, timeout=60_000) as failed:
        dialog.export()
    assert "does not exist" in failed.args[0] and str(out.parent) in failed.args[0]
    assert isinstance(dialog.error_box, QMessageBox) and dialog.error_box.text() == failed.args[0]
    assert dialog.export_button.isEnabled() and not out.parent.exists()
    dialog.path.setText(str(folder / "report.txt"))
    with qtbot.waitSignal(dialog.failed, timeout=60_000) as failed:
        dialog.export()
    assert ".xlsx" in failed.args[0] and list(folder.iterdir()) == []
