"""工作台: the bureau's figures (DESIGN §5 metrics, the seed article's KPIs, and after the visit §11's lifecycle
figures), charts and conflicts.

The figures are ``database_stats`` — exactly what `joint-acceptance stats --json` prints for the
same database; the charts come from ``core.workload`` and the conflicts from ``core.conflicts``.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.acceptance.confirmations import VisitConfirmations, unconfirmed_soon
from desktop_app.core.acceptance.tracking import DueVisit, results_due
from desktop_app.core.model.domain import ConfirmationState
from desktop_app.core.planning.conflicts import Conflict, grouped_lines, upcoming_conflicts
from desktop_app.core.reports.metrics import database_stats
from desktop_app.core.model.domain import Project, Visit
from desktop_app.core.reports.workload import (
    late_visit_ids,
    load_per_department,
    monday_of,
    requests_by_place,
    visits_per_week,
)
from desktop_app.ui.pages import dashboard_charts as charts
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.controllers.workspace import Workspace

translate = QCoreApplication.translate
WEEKS_BEFORE, WEEKS_AFTER, LOAD_WEEKS = 2, 7, 4


class _Figure(QFrame):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.setObjectName("figure")
        self.setStyleSheet("#figure { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }")
        self.value = QLabel()
        self.value.setStyleSheet("font-size: 26px; font-weight: 600;")
        self.caption = QLabel(title, wordWrap=True)
        self.caption.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


NONE_YET = "—"     # a rate or mean with nothing to divide by (no visit held, no request decided yet)


def _rate(value: float, whole: int) -> str:
    return f"{value:.0%}" if whole else NONE_YET


def lifecycle_values(stats: dict) -> dict[str, str]:
    """The figures after the visit (``stats["lifecycle"]``, DESIGN §11), over the whole history except the month's."""
    life = stats["lifecycle"]
    return {
        "accepted_month": str(life["accepted_this_month"]),
        "one_pass": _rate(life["one_pass_rate"], life["decided"]),
        "rectification_rate": _rate(life["rectification_rate"], life["visits_held"]),
        "days_to_opinion": f"{life['mean_working_days_to_opinion']:.1f}" if life["accepted"] else NONE_YET,
        "reinspections": str(life["reinspections_held"]),
        "overdue": str(life["results_overdue"]["count"]),
    }


def figure_values(stats: dict, conflicts: int) -> dict[str, str]:
    """The figures as shown, from ``database_stats`` (the same numbers as `stats --json`)."""
    metrics = stats["metrics"]
    return {
        "waiting": str(stats["requests_waiting"]),
        "scheduled": str(stats["requests_by_status"]["scheduled"]),
        "visits_week": str(stats["visits_this_week"]),
        "joint_rate": f"{metrics['joint_rate']:.0%}",
        "trips_saved": f"{metrics['trips_saved_pct']:.0f}%",
        "on_time": f"{metrics['on_time_rate']:.0%}",
        "wait": f"{metrics['mean_wait_working_days']:.1f}",
        "department_trips": str(metrics["department_trips"]),
        "late": str(metrics["late"]),
        "conflicts": str(conflicts),
    }


class DashboardPage(QWidget):
    KINDS = None   # every change moves some figure
    visitActivated = Signal(int)    # a conflict's link was clicked: show that visit in the calendar

    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.stats: dict = {}
        self.conflicts: dict[int, list[Conflict]] = {}
        self.results_due: list[DueVisit] = []
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.figures = {
            "waiting": _Figure(translate("Dashboard", "Requests waiting for a visit")),
            "scheduled": _Figure(translate("Dashboard", "Requests scheduled")),
            "visits_week": _Figure(translate("Dashboard", "Visits this week")),
            "joint_rate": _Figure(translate("Dashboard", "Joint acceptance rate")),
            "trips_saved": _Figure(translate("Dashboard", "Fewer trips for the projects")),
            "on_time": _Figure(translate("Dashboard", "On time")),
            "wait": _Figure(translate("Dashboard", "Mean wait (working days)")),
            "department_trips": _Figure(translate("Dashboard", "Department trips")),
            "late": _Figure(translate("Dashboard", "Requests late")),
            "conflicts": _Figure(translate("Dashboard", "Visits with conflicts")),
        }
        grid = QGridLayout()
        for index, figure in enumerate(self.figures.values()):
            grid.addWidget(figure, index // 5, index % 5)
        self.lifecycle_figures = {
            "accepted_month": _Figure(translate("Dashboard", "Accepted this month")),
            "one_pass": _Figure(translate("Dashboard", "Accepted at the first visit (one-pass rate)")),
            "rectification_rate": _Figure(translate("Dashboard", "Visits that found something to fix")),
            "days_to_opinion": _Figure(translate("Dashboard", "Working days from application to opinion (mean)")),
            "reinspections": _Figure(translate("Dashboard", "Re-inspections held")),
            "overdue": _Figure(translate("Dashboard", "Visits with results overdue")),
        }
        self.figures.update(self.lifecycle_figures)
        self.lifecycle_title = QLabel(translate("Dashboard", "After the visit"))
        self.lifecycle_title.setStyleSheet("font-weight: 600;")
        lifecycle_grid = QGridLayout()
        for index, figure in enumerate(self.lifecycle_figures.values()):
            lifecycle_grid.addWidget(figure, 0, index)
        self.week_chart = charts.new_chart_view()
        self.department_chart = charts.new_chart_view(320)   # twelve names need the height to all show
        self.place_chart = charts.new_chart_view()
        chart_row = QHBoxLayout()
        # The department chart gets more width: its names are the longest labels on the page.
        for view, stretch in ((self.week_chart, 5), (self.department_chart, 6), (self.place_chart, 5)):
            chart_row.addWidget(view, stretch)
        self.rectification_chart = charts.new_chart_view(220)
        self.findings_chart = charts.new_chart_view(220)
        lifecycle_charts = QHBoxLayout()
        for view in (self.rectification_chart, self.findings_chart):
            lifecycle_charts.addWidget(view, 1)
        self.unconfirmed: list[VisitConfirmations] = []
        self.unconfirmed_title = QLabel()
        self.unconfirmed_title.setStyleSheet("font-weight: 600;")
        self.unconfirmed_list = QTreeWidget()
        self.unconfirmed_list.setHeaderLabels([translate("Dashboard", "When"), translate("Dashboard", "Request"),
                                               translate("Dashboard", "Confirmation")])
        self.unconfirmed_list.setRootIsDecorated(False)
        self.unconfirmed_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unconfirmed_list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.unconfirmed_list.header().setStretchLastSection(True)
        self.unconfirmed_list.setToolTip(translate("Dashboard", "Double-click to open the visit in the calendar"))
        self.unconfirmed_list.itemActivated.connect(self._open_unconfirmed)   # double-click or Enter
        self.all_confirmed = QLabel(wordWrap=True)
        self.all_confirmed.setStyleSheet("color: #15803d;")
        self.conflict_title = QLabel()
        self.conflict_title.setStyleSheet("font-weight: 600;")
        self.conflict_list = QTextBrowser()
        self.conflict_list.setOpenLinks(False)
        self.conflict_list.setMaximumHeight(170)
        self.conflict_list.anchorClicked.connect(self._open_link)
        self.due_title = QLabel()
        self.due_title.setStyleSheet("font-weight: 600;")
        self.due_list = QTextBrowser()
        self.due_list.setOpenLinks(False)
        self.due_list.anchorClicked.connect(self._open_link)
        self.counts = QLabel(wordWrap=True)
        self.warning = QLabel(wordWrap=True)
        self.warning.setStyleSheet("color: #b45309;")
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.lifecycle_title)
        layout.addLayout(lifecycle_grid)
        layout.addLayout(chart_row, 1)
        layout.addLayout(lifecycle_charts)
        layout.addWidget(self.unconfirmed_title)
        layout.addWidget(self.unconfirmed_list)
        layout.addWidget(self.all_confirmed)
        layout.addWidget(self.conflict_title)
        layout.addWidget(self.conflict_list)
        layout.addWidget(self.due_title)
        layout.addWidget(self.due_list)
        layout.addWidget(self.counts)
        layout.addWidget(self.warning)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.reload()

    def reload(self) -> None:
        ws = self.workspace
        repo, today = ws.repo, ws.today()
        projects, visits = repo.projects(), repo.visits()
        self.stats = database_stats(repo, today, projects=projects, visits=visits)
        self.conflicts = upcoming_conflicts(repo, today)
        self.results_due = results_due(repo, ws.now(), visits)
        self.unconfirmed = unconfirmed_soon(repo, today)
        settings = repo.settings()
        self.title.setText(translate("Dashboard", "{bureau} — {date}").format(
            bureau=settings.bureau_name, date=fmt.long_date(today)))
        for key, value in {**figure_values(self.stats, len(self.conflicts)), **lifecycle_values(self.stats)}.items():
            self.figures[key].value.setText(value)
        self._explain_lifecycle()
        metrics = self.stats["metrics"]
        self.figures["trips_saved"].setToolTip(translate(
            "Dashboard", "{joint} visits instead of {separate} separate ones").format(
            joint=metrics["trips_joint"], separate=metrics["trips_separate"]))
        self.figures["conflicts"].value.setStyleSheet(
            "font-size: 26px; font-weight: 600;" + (" color: #dc2626;" if self.conflicts else ""))
        self._show_charts(today, projects, visits)
        self._show_unconfirmed()
        self._show_conflicts()
        self._show_results_due()
        self.counts.setText(translate(
            "Dashboard", "{departments} departments, {items} acceptance items, {places} places, "
            "{overrides} holiday overrides.").format(
            departments=self.stats["departments"], items=self.stats["items"], places=self.stats["places"],
            overrides=self.stats["holiday_overrides"]))
        self.warning.setText(self.stats["calendar"]["warning"])
        self.warning.setVisible(bool(self.stats["calendar"]["warning"]))

    def _explain_lifecycle(self) -> None:
        """What each figure after the visit counts, in its tooltip; the overdue count red while there is one."""
        life = self.stats["lifecycle"]
        tips = {
            "accepted_month": translate("Dashboard", "Requests accepted (every department passed) in {month}").format(
                month=life["month"]),
            "one_pass": translate("Dashboard", "{first} of {decided} decided requests were accepted without any "
                                               "rectification or failure at their first visit").format(
                first=life["accepted_first_round"], decided=life["decided"]),
            "rectification_rate": translate("Dashboard", "{found} of {held} visits held asked for rectification "
                                                         "({findings} findings)").format(
                found=life["visits_with_findings"], held=life["visits_held"], findings=life["findings"]),
            "days_to_opinion": translate("Dashboard", "From the application to the decision, over {accepted} "
                                                      "accepted request(s), in the bureau's working days").format(
                accepted=life["accepted"]),
            "reinspections": translate("Dashboard", "Visits of a re-inspection round (复验) that took place"),
            "overdue": translate("Dashboard", "Visits that ended before today without every department's result"),
        }
        for key, tip in tips.items():
            self.figures[key].setToolTip(tip)
        self.figures["overdue"].value.setStyleSheet(
            "font-size: 26px; font-weight: 600;" + (" color: #c2410c;" if life["results_overdue"]["count"] else ""))

    def _show_charts(self, today: dt.date, projects: list[Project], visits: list[Visit]) -> None:
        repo = self.workspace.repo
        this_monday = monday_of(today)
        late = late_visit_ids(visits, projects, self.workspace.calendar(), repo.settings().deadline_working_days)
        self.week_counts = visits_per_week(visits, this_monday - dt.timedelta(weeks=WEEKS_BEFORE),
                                           WEEKS_BEFORE + WEEKS_AFTER, late)
        self.department_loads = load_per_department(visits, repo.departments(), this_monday,
                                                    this_monday + dt.timedelta(weeks=LOAD_WEEKS, days=-1))
        self.place_requests = requests_by_place(projects, repo.places())
        charts.fill_visits_per_week(self.week_chart, self.week_counts, this_monday)
        charts.fill_department_load(self.department_chart, self.department_loads)
        charts.fill_requests_by_place(self.place_chart, self.place_requests)
        life = self.stats["lifecycle"]
        charts.fill_rectification_by_department(self.rectification_chart, life["rectification_by_department"])
        charts.fill_findings_by_item(self.findings_chart, life["findings_by_item"])

    def _show_unconfirmed(self) -> None:
        """两个工作日内未确认的验收: one row per visit, one line per department that has not confirmed."""
        items = self.unconfirmed
        self.unconfirmed_title.setText(translate("Dashboard", "Visits within 2 working days not confirmed by every "
                                                              "department ({count})").format(count=len(items)))
        self.unconfirmed_list.clear()
        self.unconfirmed_list.setVisible(bool(items))
        self.all_confirmed.setVisible(not items)
        if not items:
            self.all_confirmed.setText(translate("Dashboard", "All confirmed: every department of the visits in "
                                                              "the next 2 working days has confirmed."))
            return
        names = self.workspace.repo.department_names()
        projects = self.workspace.repo.project_names()
        for entry in items:
            visit = entry.visit
            missing = entry.with_state(ConfirmationState.DECLINED, ConfirmationState.NO_REPLY,
                                       ConfirmationState.PENDING)
            parent = QTreeWidgetItem(self.unconfirmed_list, [
                fmt.date_time(visit.start), f"{visit.project} {projects.get(visit.project, '')}".strip(),
                translate("Dashboard", "{count} of {total} department(s) not confirmed").format(
                    count=len(missing), total=len(entry.confirmations))])
            parent.setData(0, Qt.ItemDataRole.UserRole, visit.id)
            font = parent.font(1)
            font.setBold(True)
            parent.setFont(1, font)
            for confirmation in missing:
                state = fmt.confirmation_text(confirmation)
                child = QTreeWidgetItem(parent, ["", names.get(confirmation.department, confirmation.department),
                                                 state])
                child.setData(0, Qt.ItemDataRole.UserRole, visit.id)
                colour = "#dc2626" if confirmation.state is ConfirmationState.DECLINED else "#b45309"
                child.setForeground(2, QBrush(QColor(colour)))
        self.unconfirmed_list.expandAll()
        rows = sum(1 + len(entry.with_state(ConfirmationState.DECLINED, ConfirmationState.NO_REPLY,
                                            ConfirmationState.PENDING)) for entry in items)
        row_height = self.unconfirmed_list.sizeHintForRow(0) or 22
        self.unconfirmed_list.setFixedHeight(min(260, self.unconfirmed_list.header().sizeHint().height()
                                                 + rows * row_height + 6))

    def _open_unconfirmed(self, item: QTreeWidgetItem, column: int = 0) -> None:
        visit_id = item.data(0, Qt.ItemDataRole.UserRole)
        if visit_id is not None:
            self.visitActivated.emit(int(visit_id))

    def _show_conflicts(self) -> None:
        count = len(self.conflicts)
        self.conflict_title.setText(translate("Dashboard", "Conflicts: visits whose departments are no longer "
                                                           "all free ({count})").format(count=count))
        names = self.workspace.repo.department_names()
        projects = self.workspace.repo.project_names()
        rows = []
        for visit_id in sorted(self.conflicts, key=lambda v: (self.conflicts[v][0].start, v)):
            found = self.conflicts[visit_id]
            first = found[0]
            reasons = "<br>".join(html.escape(line) for line in grouped_lines(found, names))
            rows.append(f"<li><a href='visit:{visit_id}'>{html.escape(fmt.long_date(first.start.date()))} "
                        f"{html.escape(projects.get(first.project, first.project))}</a><br>"
                        f"<span style='color:#b91c1c'>{reasons}</span></li>")
        _show_list(self.conflict_list, rows, translate(
            "Dashboard", "None: every planned or published visit still fits its departments' time."))

    def _show_results_due(self) -> None:
        due = self.results_due
        self.due_title.setText(translate("Dashboard", "Results due: visits that have ended without every "
                                                      "department's result ({count})").format(count=len(due)))
        names = self.workspace.repo.department_names()
        projects = self.workspace.repo.project_names()
        rows = []
        for entry in due:
            visit = entry.visit
            missing = translate("Dashboard", "No result yet from {names}").format(
                names="、".join(names.get(code, code) for code in entry.missing))
            rows.append(f"<li><a href='visit:{visit.id}'>{html.escape(fmt.date_time(visit.start))} "
                        f"{html.escape(projects.get(visit.project, visit.project))}</a><br>"
                        f"<span style='color:#c2410c'>{html.escape(missing)}</span></li>")
        _show_list(self.due_list, rows, translate("Dashboard", "None: every visit that has ended has its results."))

    def _open_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("visit:"):
            self.visitActivated.emit(int(text.split(":", 1)[1]))


def _show_list(browser, rows: list[str], empty: str) -> None:
    """A dashboard list of visits: the <li> rows (links to the calendar), or one green line when there are none."""
    if not rows:
        browser.setHtml("<p style='color:#15803d'>" + html.escape(empty) + "</p>")
        browser.setMaximumHeight(48)
        return
    browser.setMaximumHeight(170)
    browser.setHtml(f"<ul>{''.join(rows)}</ul>")
