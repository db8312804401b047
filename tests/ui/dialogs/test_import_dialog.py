"""Import through the dialog: a bad file shows every bad row and writes nothing; a good one previews first."""

from __future__ import annotations

import hashlib

from desktop_app.core.store.repository import Repository

HEADER = "code,name,owner,contact,phone,place,address,items,applied_on,ready_on,deadline,priority,preferred\n"


def _table_snapshot(db) -> str:
    rows = [tuple(r) for r in db.execute("SELECT * FROM projects ORDER BY code")]
    rows += [tuple(r) for r in db.execute("SELECT * FROM project_items ORDER BY project, item")]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_bad_csv_lists_per_row_errors_and_changes_nothing(window, demo_db, tmp_path, qtbot):
    bad = tmp_path / "projects.csv"
    bad.write_text(HEADER
                   + "XM2027-001,新厂房,某公司,,,P01,,I01;I02,2026-12-01,,,0,any\n"
                   + "XM2027-002,另一厂房,某公司,,,P99,,I01,2026-12-01,,,0,any\n"
                   + "XM2027-003,第三厂房,某公司,,,P01,,I01,2026-13-01,,,0,any\n", encoding="utf-8")
    before = _table_snapshot(demo_db)
    dialog = window.import_data(bad)
    qtbot.waitUntil(lambda: dialog.details.count() > 0, timeout=10000)
    problems = [dialog.details.item(i).text() for i in range(dialog.details.count())]
    assert any("row 3" in p and "P99" in p for p in problems), problems
    assert any("row 4" in p and "applied_on" in p for p in problems), problems
    assert "2 problem(s)" in dialog.status.text()
    assert not dialog.import_button.isEnabled()
    assert _table_snapshot(demo_db) == before


def test_good_csv_is_previewed_then_imported_in_the_background(window, demo_db, tmp_path, qtbot):
    good = tmp_path / "projects.csv"
    good.write_text(HEADER + "XM2027-001,新厂房,某公司,,,P01,,I01;I02,2026-12-01,,,0,any\n"
                    + "XM2026-001,电子信息产业园标准化厂房工程1号厂房（改）,济宁经开产业园区建设发展有限公司,周立群,"
                      "138-0537-0101,P03,电子信息产业园A区1号厂房,I01;I02,2026-11-18,2026-11-27,2026-12-04,1,any\n",
                    encoding="utf-8")
    dialog = window.import_data(good)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10000)
    rows = {dialog.summary.item(r, 0).text(): (dialog.summary.item(r, 1).text(), dialog.summary.item(r, 2).text())
            for r in range(dialog.summary.rowCount())}
    assert rows["Requests"] == ("1", "1")
    assert Repository(demo_db).project("XM2027-001") is None     # nothing written before Import
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.import_button.click()
    assert Repository(demo_db).project("XM2027-001") is not None
    assert window.pages["requests"].model.rowCount() == 31
