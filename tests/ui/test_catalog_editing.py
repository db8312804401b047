"""Departments, items, places, travel, holidays and settings: edited in the window, undoable."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.core.model.domain import HolidayKind
from desktop_app.core.model.office_hours import WeeklyHours


def test_department_office_hours_grid_and_undo(window, demo_repo):
    before = demo_repo.department("D03")
    dialog = window.pages["departments"].edit(before)
    from desktop_app.ui.pages.departments_page import WeeklyHoursGrid
    grid = dialog.findChild(WeeklyHoursGrid)
    grid.item(5, 0).setText("09:00-11:30")            # Saturday morning
    grid.item(2, 0).setText("08:30-12:00, 11:00-17:30")  # overlapping: refused inline
    assert not dialog.check() and "overlap" in dialog.problem.text()
    grid.item(2, 0).setText("08:30-12:00,14:00-17:30")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    after = demo_repo.department("D03")
    assert after.office_hours == WeeklyHours.parse("MO-FR 08:30-12:00,14:00-17:30; SA 09:00-11:30")
    window.workspace.undo_stack.undo()
    assert demo_repo.department("D03") == before


def test_deleting_a_department_in_use_is_refused_clearly(window, demo_repo, qtbot):
    department = demo_repo.department("D01")
    with qtbot.waitSignal(window.workspace.failed) as failure:
        assert not window.workspace.save_department(department, None)
    assert "cannot be deleted" in failure.args[0]
    assert demo_repo.department("D01") == department


def test_place_delete_and_undo_brings_travel_back(window, demo_repo):
    place = demo_repo.place("P02")
    assert place is not None
    new = dataclasses.replace(place, code="P77", name="新园区")
    assert window.workspace.save_place(None, new)
    assert window.workspace.save_travel("P77", "P01", None, 12)
    travel = demo_repo.travel_of("P77")
    assert window.workspace.save_place(new, None)
    assert demo_repo.place("P77") is None and demo_repo.travel_minutes("P77", "P01") is None
    window.workspace.undo_stack.undo()
    assert demo_repo.place("P77") == new and demo_repo.travel_of("P77") == travel


def test_travel_matrix_cell_edit_is_saved_symmetrically_and_undoable(window, demo_repo):
    matrix = window.pages["places"].matrix
    first, second = matrix.codes.index("P01"), matrix.codes.index("P02")
    before = demo_repo.travel_minutes("P01", "P02")
    matrix.item(first, second).setText("44")
    assert demo_repo.travel_minutes("P02", "P01") == 44
    window.show_page("places")
    assert matrix.item(second, first).text() == "44"
    window.workspace.undo_stack.undo()
    assert demo_repo.travel_minutes("P01", "P02") == before


def test_holiday_override_from_the_year_view(window, demo_repo):
    page = window.pages["holidays"]
    day = dt.date(2026, 12, 31)   # a Thursday
    assert window.workspace.calendar().is_working_day(day)
    page.select_day(day)
    page.override_name.setText("跨年调休")
    page.make_holiday.click()
    assert demo_repo.holiday_override(day).kind is HolidayKind.HOLIDAY
    assert not window.workspace.calendar().is_working_day(day)
    window.undo_action.trigger()
    assert demo_repo.holiday_override(day) is None
    assert window.workspace.calendar().is_working_day(day)


def test_settings_field_saves_on_leaving_and_changes_deadlines(window, demo_repo):
    page = window.pages["settings"]
    spin = page.fields["deadline_working_days"]
    deadline_before = window.pages["requests"].model.records[1].deadline
    spin.setValue(10)
    spin.editingFinished.emit()
    assert demo_repo.settings().deadline_working_days == 10
    window.show_page("requests")
    assert window.pages["requests"].model.records[1].deadline > deadline_before
    window.workspace.undo_stack.undo()
    assert demo_repo.settings().deadline_working_days == 5


def test_window_state_is_remembered(qtbot, demo_db, db_path, demo_today):
    from desktop_app.ui.main_window import MainWindow

    first = MainWindow(demo_db, db_path, today=demo_today)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(761, 541)   # within the offscreen screen (800×600)
    first.show_page("holidays")
    first.close()
    second = MainWindow(demo_db, db_path, today=demo_today)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.current_page_key() == "holidays"
    assert (second.size().width(), second.size().height()) == (761, 541)


def test_department_editor_keeps_capacity_0_and_any_value_the_import_takes(window, demo_repo):
    """0 means "takes no visits"; 50 is the import's bound: neither may be clipped by opening the editor."""
    from PySide6.QtWidgets import QSpinBox

    for capacity in (0, 50):
        before = demo_repo.department("D03")
        demo_repo.replace_department(before, dataclasses.replace(before, daily_capacity=capacity))
        dialog = window.pages["departments"].edit(demo_repo.department("D03"))
        spin = dialog.findChild(QSpinBox)
        assert (spin.minimum(), spin.maximum(), spin.value()) == (0, 50, capacity)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert demo_repo.department("D03").daily_capacity == capacity


def test_travel_cell_past_a_day_is_refused_not_a_crash(window, demo_repo, qtbot):
    matrix = window.pages["places"].matrix
    first, second = matrix.codes.index("P01"), matrix.codes.index("P02")
    before = demo_repo.travel_minutes("P01", "P02")
    with qtbot.waitSignal(window.workspace.failed) as failure:
        matrix.item(first, second).setText("99999999999999999999999")
    assert "out of range" in failure.args[0] and "1440" in failure.args[0]
    assert demo_repo.travel_minutes("P01", "P02") == before
