"""Layout a clerk notices at a glance: the sidebar, the settings form, the week that fits the window, the
office-hours grid, dialogs that fit the screen, column widths in both languages (issues 7 and 8)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage
from PySide6.QtWidgets import QSpinBox

from desktop_app.ui.app import set_language


@pytest.fixture(params=["en", "zh_CN"])
def language_window(request, qtbot, qapp, demo_db, db_path, demo_today):
    """The main window on the demo data, built in each language, at a 1440×900 screen's size."""
    from desktop_app.ui.main_window import MainWindow

    set_language(qapp, request.param)
    main = MainWindow(demo_db, db_path, today=demo_today)
    qtbot.addWidget(main)
    main.resize(1440, 860)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.workspace.jobs.cancel()
    main.workspace.jobs.wait()


@pytest.fixture
def shown(window, qtbot):
    window.resize(1440, 860)
    window.show()
    qtbot.waitExposed(window)
    return window


def add_visit(repo, day: dt.date) -> int:
    from desktop_app.core.model.domain import Visit

    start = dt.datetime.combine(day, dt.time(10), dt.timezone(dt.timedelta(hours=8)))
    return repo.insert_visit(Visit(None, "XM2026-004", start, start + dt.timedelta(hours=2), "P01",
                                   ("D01",), ("I01",)))


def test_sidebar_fits_its_longest_label_and_leaves_no_gap_before_the_pages(language_window):
    window = language_window
    sidebar = window.sidebar
    font = QFont(sidebar.font())
    font.setPixelSize(15)
    widest = max(QFontMetrics(font).horizontalAdvance(sidebar.item(row).text()) for row in range(sidebar.count()))
    assert widest + 28 <= sidebar.width() <= widest + 80
    # The highlighted item spans the whole column, and the pages start right after it.
    selected = sidebar.visualItemRect(sidebar.currentItem())
    assert selected.width() >= sidebar.viewport().width() - 1
    sidebar_right = sidebar.mapTo(window, QPoint(sidebar.width(), 0)).x()
    pages_left = window.stack.mapTo(window, QPoint(0, 0)).x()
    assert 0 <= pages_left - sidebar_right <= 2


def test_sidebar_width_does_not_change_when_the_window_grows(language_window, qtbot):
    before = language_window.sidebar.width()
    language_window.resize(1900, 1000)
    qtbot.waitUntil(lambda: language_window.stack.width() > 1500)
    assert language_window.sidebar.width() == before


def test_settings_numbers_are_narrow_and_the_fields_start_in_one_column(language_window, qtbot):
    window = language_window
    window.show_page("settings")
    page = window.pages["settings"]
    qtbot.waitUntil(page.isVisible)
    spins = [w for w in page.fields.values() if isinstance(w, QSpinBox)]
    assert spins and all(spin.width() <= 260 for spin in spins)
    assert page.timezone.width() <= 360 and page.language.width() <= 200
    lefts = {w.mapTo(page, QPoint(0, 0)).x() for w in [*page.fields.values(), page.timezone, page.language]}
    assert len(lefts) == 1, "every field starts where the others do"
    # Names and addresses stay wide enough to read a whole bureau address.
    assert page.fields["bureau_address"].width() >= 400
    assert page.fields["bureau_name"].width() >= 400


def test_week_fits_the_window_without_scrolling_sideways(language_window, qtbot):
    window = language_window
    window.show_page("calendar")
    page = window.pages["calendar"]
    page.set_details_visible(True)
    qtbot.waitUntil(lambda: page.lanes.isVisible() and page.details.isVisible())
    lanes = page.lanes
    qtbot.waitUntil(lambda: lanes.horizontalScrollBar().maximum() == 0)
    assert [c.info.day for c in lanes._columns][-1] == dt.date(2026, 12, 6)
    assert page.details.width() <= 300
    # Working days share the width; weekends stay narrow.
    widths = {c.info.day.weekday(): c.width for c in lanes._columns}
    assert widths[0] == widths[4] > 2 * widths[5]


def test_a_small_window_scrolls_the_week_and_hiding_the_details_gives_the_lanes_the_width(shown, qtbot):
    window = shown
    page = window.pages["calendar"]
    window.show_page("calendar")
    window.resize(900, 700)
    page.set_details_visible(True)
    qtbot.waitUntil(lambda: page.lanes.horizontalScrollBar().maximum() > 0)
    width_with_details = page.lanes.width()
    page.details_button.click()
    assert not page.details_button.isChecked()
    qtbot.waitUntil(lambda: page.lanes.width() > width_with_details + 150)
    assert not page.details.isVisible()


def test_details_panel_choice_is_remembered(window, qtbot):
    from desktop_app.ui.calendar.calendar_page import CalendarPage

    page = window.pages["calendar"]
    page.set_details_visible(False)
    again = CalendarPage(window.workspace)
    qtbot.addWidget(again)
    assert not again.details_button.isChecked()
    again.set_details_visible(True)
    third = CalendarPage(window.workspace)
    qtbot.addWidget(third)
    assert third.details_button.isChecked()


def test_double_clicking_a_visit_opens_the_details(shown, qtbot):
    window = shown
    visit_id = add_visit(window.workspace.repo, dt.date(2026, 12, 1))
    window.workspace.reload()
    window.show_page("calendar")
    page = window.pages["calendar"]
    page.set_details_visible(False)
    page.go_to(dt.date(2026, 12, 1))
    qtbot.waitUntil(lambda: bool(page.lanes.visit_rects(visit_id)))
    centre = page.lanes.visit_rects(visit_id)[0].center().toPoint()
    qtbot.mouseDClick(page.lanes.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(page.details.isVisible)
    assert "XM2026-004" in page.details.toPlainText()


def test_month_view_paints_days_without_visits_white(shown, qtbot):
    """A day after a day with visits kept the last visit's colour as its background."""
    window = shown
    add_visit(window.workspace.repo, dt.date(2026, 12, 1))
    window.workspace.reload()
    window.show_page("calendar")
    page = window.pages["calendar"]
    page.set_mode("month")
    page.go_to(dt.date(2026, 12, 1))
    view = page.month_view
    days = page.period.days
    index = next(i for i, info in enumerate(days) if info.day == dt.date(2026, 12, 1))
    following = days[index + 1]
    assert following.working and not [v for v in page.period.visits if v.visit.start.date() == following.day]
    image = QImage(view.size(), QImage.Format.Format_RGB32)
    view.render(image)
    cell = view._cell(index + 1)
    colour = QColor(image.pixel(int(cell.center().x()), int(cell.bottom() - 6)))
    assert colour.lightness() >= 250, f"{following.day} is painted {colour.name()}"


def test_office_hours_grid_shows_all_seven_days_unclipped(window, qtbot):
    page = window.pages["departments"]
    dialog = page.edit(window.workspace.repo.departments()[0])
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    from desktop_app.ui.pages.departments_page import WeeklyHoursGrid

    grid = dialog.findChild(WeeklyHoursGrid)
    rows = sum(grid.rowHeight(day) for day in range(7))
    assert grid.viewport().height() >= rows
    sunday = grid.visualItemRect(grid.item(6, 0))
    assert sunday.bottom() < grid.viewport().height()
    dialog.reject()


def test_dialogs_never_open_larger_than_the_screen(window, qtbot):
    from desktop_app.ui.widgets.screen_fit import available_size

    dialogs = [window.schedule_actions.auto_schedule(), window.edit_request(window.workspace.repo.projects()[0])]
    width, height = available_size(window)
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert dialog.width() <= width and dialog.height() <= height
        dialog.reject()


def test_requests_columns_fit_a_1440_window_and_show_their_headers(language_window, qtbot):
    window = language_window
    window.show_page("requests")
    page = window.pages["requests"]
    qtbot.waitUntil(page.table.isVisible)
    header = page.table.horizontalHeader()
    assert header.length() <= page.table.viewport().width()
    metrics = QFontMetrics(header.font())
    for column in range(header.count() - 1):
        text = page.proxy.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text), text


def test_items_table_headers_are_not_clipped(language_window, qtbot):
    window = language_window
    window.show_page("items")
    table = window.pages["items"].table
    qtbot.waitUntil(table.isVisible)
    metrics = QFontMetrics(table.horizontalHeader().font())
    for column in range(table.model().columnCount() - 1):
        text = table.model().headerData(column, Qt.Orientation.Horizontal)
        assert table.columnWidth(column) >= metrics.horizontalAdvance(text), text


def test_holiday_months_are_named(window, qapp):
    from PySide6.QtWidgets import QGroupBox

    titles = [box.title() for box in window.pages["holidays"].findChildren(QGroupBox)]
    assert titles[:2] == ["January", "February"]


def test_week_labels_turn_sideways_only_when_the_chart_is_narrow(shown, qtbot):
    from PySide6.QtCharts import QBarCategoryAxis

    window = shown
    window.show_page("dashboard")
    view = window.pages["dashboard"].week_chart
    axis = next(a for a in view.chart().axes() if isinstance(a, QBarCategoryAxis))
    view.resize(900, 400)
    qtbot.waitUntil(lambda: axis.labelsAngle() == 0)
    view.resize(200, 400)
    qtbot.waitUntil(lambda: axis.labelsAngle() == -60)



def test_print_dialog_dates_read_the_same_in_both_languages(window, qtbot, qapp):
    from desktop_app.ui.dialogs.print_dialog import PrintDialog

    dialog = PrintDialog(window.workspace, [], dt.date(2026, 11, 30), window)
    qtbot.addWidget(dialog)
    assert dialog.day.text() == dialog.week.text() == "2026-11-30"     # not the US locale's 11/30/26


def test_reasons_are_joined_the_way_each_language_writes_lists(qapp):
    from desktop_app.ui.widgets import formatting as fmt

    assert fmt.list_separator().join(["recommended", "after the deadline"]) == "recommended; after the deadline"
    set_language(qapp, "zh_CN")
    assert fmt.list_separator().join(["推荐", "超过验收期限"]) == "推荐；超过验收期限"


def test_the_status_bar_says_when_the_database_is_on_a_network_share(qtbot, tmp_path, monkeypatch, demo_today):
    from desktop_app.core.store import file_system
    from desktop_app.core.store.database import open_database
    from desktop_app.ui.main_window import MainWindow

    monkeypatch.setattr(file_system, "mount_type", lambda path, mounts=None: "nfs4")
    path = tmp_path / "shared.sqlite"
    db = open_database(path)
    window = MainWindow(db, path, today=demo_today)
    qtbot.addWidget(window)
    assert "network share" in window.path_label.text() and str(path) in window.path_label.text()
    window.workspace.jobs.cancel()
    window.workspace.jobs.wait()
