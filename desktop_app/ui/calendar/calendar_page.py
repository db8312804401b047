"""排期日历: the shared inspection calendar, by day, week (department lanes) or month.

The page owns the period on show and the filters; the views only paint what it hands them.
A drag in the lanes is passed on as ``visitMoveRequested(visit_id, new_start)``; whoever
decides on moves answers through ``accept_move`` or ``refuse_move`` (the block slides back).
"""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import quote, unquote

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.acceptance.confirmations import VisitConfirmations, confirmations_of, source_label, state_label
from desktop_app.core.acceptance.results import opinion_label
from desktop_app.core.model.domain import ConfirmationState, DepartmentResult, Partstat, VisitStatus
from desktop_app.core.planning.conflicts import grouped_lines
from desktop_app.core.store import acceptance_records as records
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.calendar.calendar_data import (
    CalendarPeriod,
    CalendarSource,
    Filters,
    VisitInfo,
)
from desktop_app.ui.calendar.calendar_view import (
    LaneView,
    MonthView,
    RESULTS_DUE,
    due_text,
    late_text,
    place_colour,
    status_text,
    time_range,
)
from desktop_app.ui.controllers.workspace import Workspace

translate = QCoreApplication.translate
ONE_DAY = dt.timedelta(days=1)
DETAILS_KEY = "calendar/details_visible"
DETAILS_WIDTH = 250
DETAILS_MIN_WIDTH = 200
DAY, WEEK, MONTH = "day", "week", "month"


def month_range(anchor: dt.date) -> tuple[dt.date, dt.date]:
    """Whole weeks (Monday–Sunday) covering the anchor's month."""
    first_of_month = anchor.replace(day=1)
    next_month = (first_of_month + dt.timedelta(days=32)).replace(day=1)
    first = first_of_month - dt.timedelta(days=first_of_month.weekday())
    last_of_month = next_month - ONE_DAY
    last = last_of_month + dt.timedelta(days=6 - last_of_month.weekday())
    return first, last


class CalendarPage(QWidget):
    KINDS = None    # visits, departments, holidays, busy time: nearly every change shows here
    visitMoveRequested = Signal(int, object)    # visit id, new start (aware datetime)
    recordResultsRequested = Signal(int)        # visit id: open the results dialog
    moveDialogRequested = Signal(int)           # visit id: open the move dialog
    # visit id, department, "confirmed" / "declined" / "pending": a department's answer by hand (回执)
    confirmationRequested = Signal(int, str, str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.mode = WEEK
        self.anchor = workspace.today()
        self.filters = Filters()
        self.period: CalendarPeriod | None = None
        self.source = CalendarSource(workspace.repo, workspace.calendar(), workspace.now)
        self._build()
        self._fill_filters()
        self.show_period()

    # --- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.today_button = QPushButton(translate("Calendar", "Today"))
        self.previous_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(36)
        self.previous_button.setToolTip(translate("Calendar", "Previous"))
        self.next_button.setToolTip(translate("Calendar", "Next"))
        self.today_button.clicked.connect(self.go_today)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.range_label = QLabel()
        self.range_label.setStyleSheet("font-size: 16px; font-weight: 600; padding: 0 8px;")
        self.range_label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)   # never cut
        self.mode_buttons = QButtonGroup(self)
        modes = QHBoxLayout()
        modes.setSpacing(0)
        for key, title in ((DAY, translate("Calendar", "Day")), (WEEK, translate("Calendar", "Week")),
                           (MONTH, translate("Calendar", "Month"))):
            button = QPushButton(title)
            button.setCheckable(True)
            button.setProperty("mode", key)
            button.setChecked(key == self.mode)
            self.mode_buttons.addButton(button)
            modes.addWidget(button)
        self.mode_buttons.buttonClicked.connect(lambda button: self.set_mode(button.property("mode")))
        # Buttons as wide as their words (the style's 80-pixel minimum would crowd out the date range
        # on a laptop at 150 % scaling).
        compact = [*self.mode_buttons.buttons(), self.today_button]
        width = max(button.fontMetrics().horizontalAdvance(button.text()) for button in compact) + 28
        for button in compact:
            button.setFixedWidth(max(width, 48))
        self.level_filter = QComboBox()
        self.department_filter = QComboBox()
        self.place_filter = QComboBox()
        for combo, letters in ((self.level_filter, 6), (self.department_filter, 12), (self.place_filter, 9)):
            # Long department names would otherwise widen the page past a laptop screen.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(letters)
        for combo in (self.level_filter, self.department_filter, self.place_filter):
            combo.currentIndexChanged.connect(self._filters_changed)
        bar = QHBoxLayout()
        for widget in (self.today_button, self.previous_button, self.next_button, self.range_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addLayout(modes)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(translate("Calendar", "Show:")))
        for widget in (self.level_filter, self.department_filter, self.place_filter):
            filters.addWidget(widget)
        filters.addStretch(1)

        self.legend = QLabel(wordWrap=True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QLabel(wordWrap=True)
        self.summary.setStyleSheet("color: palette(placeholder-text);")

        self.lanes = LaneView()
        self.lanes.visitSelected.connect(self.show_details)
        self.lanes.visitMoveRequested.connect(self.visitMoveRequested)
        self.lanes.dayActivated.connect(self.open_day)
        self.lanes.visitActivated.connect(lambda _: self.set_details_visible(True))
        self.month_view = MonthView()
        self.month_view.visitSelected.connect(self.show_details)
        self.month_view.dayActivated.connect(self.open_day)
        for view in (self.lanes, self.month_view):
            view.visitMenuRequested.connect(self.show_visit_menu)
        self.views = QStackedWidget()
        self.views.addWidget(self.lanes)
        self.views.addWidget(self.month_view)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        # The visit the details panel shows and its confirmations: the context menu opened on it reuses them.
        self._shown_confirmations: tuple[int, VisitConfirmations | None] = (0, None)
        self.details.anchorClicked.connect(self._details_link)
        self.results_button = QPushButton(translate("Calendar", "Record results…"))
        self.results_button.setToolTip(translate("Calendar", "What each department found at this visit"))
        self.results_button.clicked.connect(self._record_selected)
        self.details_panel = QWidget()
        self.details_panel.setMinimumWidth(DETAILS_MIN_WIDTH)
        panel = QVBoxLayout(self.details_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.details, 1)
        panel.addWidget(self.results_button)
        self.splitter = splitter = QSplitter()
        splitter.addWidget(self.views)
        splitter.addWidget(self.details_panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([1000, DETAILS_WIDTH])
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, True)     # dragged shut = hidden, like the button
        splitter.splitterMoved.connect(lambda *_: self._details_dragged())
        # The week gets the width; the details panel is there when wanted (its state is remembered).
        self.details_button = QPushButton(translate("Calendar", "Details"))
        self.details_button.setCheckable(True)
        self.details_button.setToolTip(translate("Calendar", "Show or hide the details of the selected visit"))
        self.details_button.toggled.connect(self.set_details_visible)
        bar.addSpacing(8)
        bar.addWidget(self.details_button)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.legend)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        shown = QSettings().value(DETAILS_KEY, True)
        self.details_button.setChecked(shown not in (False, "false", "0", 0))
        self.set_details_visible(self.details_button.isChecked())

    def set_details_visible(self, visible: bool) -> None:
        """Open or close the details panel; the lanes take the width it leaves."""
        if self.details_button.isChecked() != visible:
            self.details_button.setChecked(visible)    # comes back here through toggled
            return
        self.details_panel.setVisible(visible)
        if visible and self.splitter.sizes()[1] < DETAILS_MIN_WIDTH:
            total = sum(self.splitter.sizes()) or 1000 + DETAILS_WIDTH
            self.splitter.setSizes([max(1, total - DETAILS_WIDTH), DETAILS_WIDTH])
        QSettings().setValue(DETAILS_KEY, visible)

    def details_visible(self) -> bool:
        return self.details.isVisible() if self.isVisible() else self.details_button.isChecked()

    def _details_dragged(self) -> None:
        closed = self.splitter.sizes()[1] == 0
        if closed and self.details_button.isChecked():
            self.details_button.setChecked(False)

    def _fill_filters(self) -> None:
        """(Re)fill the filter lists from the data, keeping what was chosen when it still exists."""
        source = self.source
        choices = (
            (self.level_filter, [("", translate("Calendar", "Both levels")), ("city", fmt.level_name("city")),
                                 ("district", fmt.level_name("district"))], self.filters.level),
            (self.department_filter, [("", translate("Calendar", "All departments"))]
             + [(d.code, d.name) for d in sorted(source.departments.values(), key=lambda d: d.code)],
             self.filters.department),
            (self.place_filter, [("", translate("Calendar", "All places"))]
             + [(p.code, p.name) for p in source.places.values()], self.filters.place),
        )
        for combo, entries, current in choices:
            combo.blockSignals(True)
            combo.clear()
            for code, name in entries:
                combo.addItem(name, code)
            index = combo.findData(current)
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
        self.filters = self._chosen_filters()

    def _chosen_filters(self) -> Filters:
        return Filters(department=self.department_filter.currentData() or "",
                       level=self.level_filter.currentData() or "", place=self.place_filter.currentData() or "")

    def _filters_changed(self) -> None:
        self.filters = self._chosen_filters()
        self.show_period()

    # --- navigation -------------------------------------------------------------------------
    def current_range(self) -> tuple[dt.date, dt.date]:
        if self.mode == DAY:
            return self.anchor, self.anchor
        if self.mode == WEEK:
            monday = self.anchor - dt.timedelta(days=self.anchor.weekday())
            return monday, monday + dt.timedelta(days=6)
        return month_range(self.anchor)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        for button in self.mode_buttons.buttons():
            button.setChecked(button.property("mode") == mode)
        self.show_period()

    def go_today(self) -> None:
        self.anchor = self.workspace.today()
        self.show_period()

    def go_to(self, day: dt.date) -> None:
        self.anchor = day
        self.show_period()

    def step(self, direction: int) -> None:
        """One day, week or month back (-1) or forward (+1), whichever is on show."""
        if self.mode == DAY:
            self.anchor += direction * ONE_DAY
        elif self.mode == WEEK:
            self.anchor += direction * dt.timedelta(days=7)
        else:
            month = self.anchor.month - 1 + direction
            self.anchor = dt.date(self.anchor.year + month // 12, month % 12 + 1, 1)
        self.show_period()

    def open_day(self, day: dt.date) -> None:
        self.anchor = day
        self.set_mode(DAY)

    # --- showing ----------------------------------------------------------------------------
    def reload(self) -> None:
        """The data changed: re-read the slow-changing parts, then the period on show."""
        self.source.refresh(self.workspace.calendar())
        self._fill_filters()
        self.show_period()

    def show_period(self) -> None:
        first, last = self.current_range()
        self.period = self.source.period(first, last, self.filters)
        today = self.workspace.today()
        if self.mode == MONTH:
            self.month_view.set_period(self.period, (self.anchor.year, self.anchor.month), today)
            self.views.setCurrentWidget(self.month_view)
        else:
            self.lanes.set_period(self.period, today, self.source.settings.grain_minutes)
            self.views.setCurrentWidget(self.lanes)
        self.range_label.setText(self._range_text(first, last))
        self._show_legend()
        self._show_summary()
        selected = self.selected_visit()
        self.show_details(selected.id if selected else 0)

    def _range_text(self, first: dt.date, last: dt.date) -> str:
        if self.mode == DAY:
            return fmt.long_date(first)
        if self.mode == MONTH:
            return translate("Calendar", "{year}-{month:02d}").format(year=self.anchor.year, month=self.anchor.month)
        last_text = fmt.short_date(last)
        if fmt.chinese() and last.year == first.year:
            last_text = last_text.split("年", 1)[1]     # 2026年11月30日 – 12月6日
        return translate("Calendar", "{first} – {last} · week {week}").format(
            first=fmt.short_date(first), last=last_text, week=first.isocalendar()[1])

    def _show_legend(self) -> None:
        codes = sorted(self.source.places)
        shown = sorted({v.visit.place for v in self.period.visits}) if self.period else []
        chips = [f"<span style='background:{place_colour(codes, code).name()}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;"
                 f"{html.escape(self.source.places[code].name if code in self.source.places else code)}"
                 for code in shown]
        keys = translate("Calendar", "Dashed outline: planned, not yet published · Red outline: a department is no "
                                     "longer free · Red corner: after the deadline · Hatched: busy · Grey: outside "
                                     "office hours")
        due = translate("Calendar", "Orange outline and corner: results due · Grey-green: took place")
        self.legend.setText("&nbsp;&nbsp; ".join(chips) + ("<br>" if chips else "")
                            + f"<span style='color:#4b5563'>{html.escape(keys)}</span>"
                            + f" · <span style='color:{RESULTS_DUE.name()}'>{html.escape(due)}</span>")

    def _show_summary(self) -> None:
        visits = self.period.visits
        self.summary.setText(translate(
            "Calendar", "{visits} visits, {planned} not yet published, {late} late, {conflicts} with conflicts, "
                        "{due} with results due; {lanes} departments shown. Drag a visit along its lane to propose "
                        "a new time.").format(
            visits=len(visits), planned=sum(v.planned for v in visits), late=sum(v.late for v in visits),
            conflicts=sum(bool(v.conflicts) for v in visits), due=sum(v.due for v in visits),
            lanes=len(self.period.lanes)))

    def show_visit(self, visit_id: int) -> bool:
        """Bring a visit into view (its week, its first lane) and select it; False if it does not exist."""
        visit = self.workspace.repo.visit(visit_id)
        if visit is None:
            return False
        self.anchor = visit.start.astimezone(self.source.zone).date()
        if self.mode == MONTH:
            self.mode = WEEK
        self.set_mode(self.mode)
        self.select_visit(visit_id)
        self.set_details_visible(True)     # asked for this visit by name: show what is known about it
        if visit.departments:
            self.lanes.scroll_to_lane(visit.departments[0])
        return True

    def selected_visit(self) -> VisitInfo | None:
        view = self.month_view if self.mode == MONTH else self.lanes
        return self.period.visit(view.selected) if self.period and view.selected else None

    def select_visit(self, visit_id: int) -> None:
        self.lanes.select(visit_id)
        self.month_view.selected = visit_id
        self.month_view.update()
        self.show_details(visit_id)

    def show_details(self, visit_id: int) -> None:
        info = self.period.visit(visit_id) if self.period and visit_id else None
        self.results_button.setEnabled(info is not None and self.can_record(info))
        if info is None:
            hint = translate("Calendar", "Select a visit to see its project, departments, items and status.")
            self.details.setHtml(f"<p style='color:#6b7280'>{html.escape(hint)}</p>")
            return
        results = records.results(self.workspace.db, visit=info.id)
        confirmations = self.confirmations(info)
        self._shown_confirmations = (info.id, confirmations)
        self.details.setHtml(details_html(info, self.period, results, confirmations))

    def confirmations(self, info: VisitInfo) -> VisitConfirmations | None:
        """The departments' confirmations of a published visit (None for any other)."""
        found = confirmations_of(self.workspace.repo, [info.visit], self.workspace.today(), self.workspace.calendar())
        return found[0] if found else None

    def _details_link(self, url) -> None:
        kind, _, rest = url.toString().partition(":")
        if kind == CONFIRM_LINK:
            visit_id, department, answer = rest.split(":")
            self.confirmationRequested.emit(int(visit_id), unquote(department), answer)

    # --- after the visit ------------------------------------------------------------------------
    def can_record(self, info: VisitInfo) -> bool:
        """Results can be recorded once the visit has begun, unless it was cancelled."""
        return info.visit.status is not VisitStatus.CANCELLED and info.visit.start <= self.workspace.now()

    def _record_selected(self) -> None:
        info = self.selected_visit()
        if info is not None:
            self.recordResultsRequested.emit(info.id)

    def visit_menu(self, visit_id: int, *, details_shown: bool = False) -> QMenu:
        """The context menu of a visit: record its results, move it, show its details.
        ``details_shown``: the details panel shows this visit now, so its confirmations are current."""
        info = self.period.visit(visit_id) if self.period else None
        menu = QMenu(self)
        record = menu.addAction(translate("Calendar", "Record results…"),
                                lambda: self.recordResultsRequested.emit(visit_id))
        record.setEnabled(info is not None and self.can_record(info))
        move = menu.addAction(translate("Calendar", "Move visit…"), lambda: self.moveDialogRequested.emit(visit_id))
        move.setEnabled(info is not None and info.visit.status not in (VisitStatus.DONE, VisitStatus.CANCELLED))
        shown_id, shown = self._shown_confirmations
        found = shown if details_shown and info is not None and shown_id == info.id else (
            self.confirmations(info) if info is not None else None)
        self._confirmation_menu(menu, info, found)
        menu.addAction(translate("Calendar", "Details"), lambda: self.set_details_visible(True))
        return menu

    def _confirmation_menu(self, menu: QMenu, info: VisitInfo | None, found: VisitConfirmations | None) -> None:
        """回执: per department, what it answered on the phone (published visits only)."""
        submenu = menu.addMenu(translate("Calendar", "Confirmation (by phone)"))
        submenu.setEnabled(found is not None)
        if found is None:
            return
        for confirmation in found.confirmations:
            code = confirmation.department
            name = _department_name(self.period, code) or code
            entry = submenu.addMenu(f"{name}（{state_label(confirmation.state)}）")
            for answer, text in _answer_choices():
                action = entry.addAction(text, lambda code=code, answer=answer:
                                         self.confirmationRequested.emit(info.id, code, answer))
                action.setEnabled(answer != _current_answer(confirmation))

    def show_visit_menu(self, visit_id: int, point) -> None:
        # Both views select the visit before asking for its menu, and their visitSelected showed its details.
        menu = self.visit_menu(visit_id, details_shown=True)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(point)

    # --- the answer to a move request ---------------------------------------------------------------
    def accept_move(self, visit_id: int) -> None:
        self.lanes.accept_move(visit_id)

    def refuse_move(self, visit_id: int, reason: str) -> None:
        self.lanes.refuse_move(visit_id, reason)
        self.summary.setText(translate("Calendar", "Move refused: {reason}").format(reason=reason))


def details_html(info: VisitInfo, period: CalendarPeriod, results: list[DepartmentResult] = (),
                 confirmations: VisitConfirmations | None = None) -> str:
    """The details panel: project, time, place, departments with contacts and results, confirmations (回执),
    items, status."""
    visit, project = info.visit, info.project
    e = html.escape
    place = period.places.get(visit.place)
    head = [translate("Calendar", "Request {code}").format(code=visit.project)]
    if project is not None:
        head.append(translate("Calendar", "Owner: {owner}").format(owner=project.owner))
        if project.contact or project.phone:
            head.append(translate("Calendar", "Contact: {name} {phone}").format(name=project.contact,
                                                                                  phone=project.phone))
    where = [place.name if place else visit.place]
    address = (project.address if project else "") or (place.address if place else "")
    parts = [f"<h3>{e(info.title)}</h3>", "<p>" + "<br>".join(e(line) for line in head) + "</p>",
             f"<p><b>{e(fmt.long_date(visit.start.date()))} {e(time_range(visit))}</b><br>{e(where[0])}"
             + (f"<br><span style='color:#4b5563'>{e(address)}</span>" if address else "") + "</p>"]
    status = [status_text(info)]
    if visit.sequence:
        status.append(translate("Calendar", "Changed {count} time(s) since first published (SEQUENCE {count})")
                      .format(count=visit.sequence))
        if visit.previous_start:
            status.append(translate("Calendar", "Previously: {when}").format(
                when=fmt.date_time(visit.previous_start.astimezone(period.zone))))
    if not visit.joint:
        status.append(translate("Calendar", "Separate visit (split off from the joint visit)"))
    parts.append("<p>" + "<br>".join(e(line) for line in status) + "</p>")
    if info.deadline is not None:
        text = late_text(info) if info.late else translate("Calendar", "Deadline: {date}").format(
            date=fmt.short_date(info.deadline))
        parts.append(f"<p style='color:{'#b91c1c' if info.late else '#374151'}'>{e(text)}</p>")
    if info.conflicts:
        title = translate("Calendar", "Conflict: the visit no longer fits")
        names = {code: department.name for code, department in period.departments.items()}
        rows = "".join(f"<li>{e(line)}</li>" for line in grouped_lines(info.conflicts, names))
        parts.append(f"<p style='color:#dc2626'><b>{e(title)}</b></p><ul style='color:#dc2626'>{rows}</ul>")
    if info.due:
        names = [_department_name(period, code) or code for code in info.results_due]
        parts.append(f"<p style='color:#c2410c'><b>{e(due_text(info, names))}</b></p>")
    if confirmations is not None:     # before the contacts: the clerk phones the departments that did not answer
        parts.append(confirmations_html(confirmations, period))
    recorded = {r.department: r for r in results}
    department_rows = []
    for code in visit.departments:
        department = period.departments.get(code)
        contact = " ".join(x for x in (department.contact, department.phone) if x) if department else ""
        result = recorded.get(code)
        outcome = ""
        if result is not None:
            remarks = fmt.list_separator().join(f.text for f in result.findings) or result.reason
            outcome = f"<br><b>{e(opinion_label(result.opinion))}</b>" + (f"：{e(remarks)}" if remarks else "")
        department_rows.append(f"<li>{e(_department_name(period, code) or code)}{outcome}"
                               + (f"<br><span style='color:#4b5563'>{e(contact)}</span>" if contact else "") + "</li>")
    title = translate("Calendar", "Departments ({count})").format(count=len(visit.departments))
    parts.append(f"<p><b>{e(title)}</b></p><ul>{''.join(department_rows)}</ul>")
    item_rows = "".join(f"<li>{e(period.items[c].name if c in period.items else c)}</li>" for c in visit.items)
    title = translate("Calendar", "Acceptance items ({count})").format(count=len(visit.items))
    parts.append(f"<p><b>{e(title)}</b></p><ul>{item_rows}</ul>")
    return "".join(parts)


def _department_name(period: CalendarPeriod, code: str) -> str | None:
    department = period.departments.get(code)
    return department.name if department else None


# --- 回执 in the details panel ------------------------------------------------------------------------
CONFIRM_LINK = "confirm"
STATE_COLOURS = {ConfirmationState.CONFIRMED: "#15803d", ConfirmationState.DECLINED: "#dc2626",
                 ConfirmationState.NO_REPLY: "#b45309", ConfirmationState.PENDING: "#4b5563"}


def _answer_choices() -> list[tuple[str, str]]:
    """The clerk's three answers by hand (core HAND_ANSWERS' keys) and their words."""
    return [("confirmed", translate("Calendar", "Confirmed")), ("declined", translate("Calendar", "Declined…")),
            ("pending", translate("Calendar", "Back to awaiting confirmation"))]


def _current_answer(confirmation) -> str:
    """Which hand answer would change nothing (its link is left out)."""
    if confirmation.state is ConfirmationState.CONFIRMED:
        return "confirmed"
    if confirmation.state is ConfirmationState.DECLINED:
        return ""        # declined again, with other words, is a change
    return "pending" if confirmation.partstat in (None, Partstat.NEEDS_ACTION) else ""


def confirmations_html(item: VisitConfirmations, period: CalendarPeriod) -> str:
    """Each department's answer (state, reason, source, when) with the one-click answers by hand."""
    e = html.escape
    rows = []
    for confirmation in item.confirmations:
        code = confirmation.department
        colour = STATE_COLOURS[confirmation.state]
        state = fmt.confirmation_text(confirmation)
        source = []
        if confirmation.source is not None:
            source.append(source_label(confirmation.source))
        if confirmation.answered_at is not None:
            source.append(fmt.date_time(confirmation.answered_at.astimezone(period.zone)))
        links = " · ".join(f"<a href='{CONFIRM_LINK}:{item.visit.id}:{quote(code, safe='')}:{answer}'>{e(text)}</a>"
                           for answer, text in _answer_choices() if answer != _current_answer(confirmation))
        rows.append(f"<li>{e(_department_name(period, code) or code)}：<b style='color:{colour}'>{e(state)}</b>"
                    + (f"<br><span style='color:#4b5563'>{e(' '.join(source))}</span>" if source else "")
                    + f"<br><small>{links}</small></li>")
    counts = {state: len(item.with_state(state)) for state in ConfirmationState}
    title = translate("Calendar", "Confirmations: {confirmed} of {count} confirmed").format(
        confirmed=counts[ConfirmationState.CONFIRMED], count=len(item.confirmations))
    return f"<p><b>{e(title)}</b></p><ul>{''.join(rows)}</ul>"
