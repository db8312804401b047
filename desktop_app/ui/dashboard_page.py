"""工作台: the bureau's figures (DESIGN §5 metrics, the seed article's KPIs) for the open database."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.metrics import database_stats
from desktop_app.ui import formatting as fmt
from desktop_app.ui.workspace import Workspace

translate = QCoreApplication.translate


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


class DashboardPage(QWidget):
    KINDS = None   # every change moves some figure
    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.figures = {
            "waiting": _Figure(translate("Dashboard", "Requests waiting for a visit")),
            "scheduled": _Figure(translate("Dashboard", "Requests scheduled")),
            "visits_week": _Figure(translate("Dashboard", "Visits this week")),
            "joint_rate": _Figure(translate("Dashboard", "Joint acceptance rate")),
            "trips_saved": _Figure(translate("Dashboard", "Fewer trips for the projects")),
            "department_trips": _Figure(translate("Dashboard", "Department trips")),
            "on_time": _Figure(translate("Dashboard", "On time")),
            "wait": _Figure(translate("Dashboard", "Mean wait (working days)")),
        }
        grid = QGridLayout()
        for index, figure in enumerate(self.figures.values()):
            grid.addWidget(figure, index // 4, index % 4)
        self.counts = QLabel(wordWrap=True)
        self.warning = QLabel(wordWrap=True)
        self.warning.setStyleSheet("color: #b45309;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.counts)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self.reload()

    def reload(self) -> None:
        stats = database_stats(self.workspace.repo, self.workspace.today())
        metrics = stats["metrics"]
        settings = self.workspace.repo.settings()
        self.title.setText(translate("Dashboard", "{bureau} — {date}").format(
            bureau=settings.bureau_name, date=fmt.long_date(self.workspace.today())))
        values = {
            "waiting": str(stats["requests_by_status"]["pending"]),
            "scheduled": str(stats["requests_by_status"]["scheduled"]),
            "visits_week": str(stats["visits_this_week"]),
            "joint_rate": f"{metrics['joint_rate']:.0%}",
            "trips_saved": f"{metrics['trips_saved_pct']:.0f}%",
            "department_trips": str(metrics["department_trips"]),
            "on_time": f"{metrics['on_time_rate']:.0%}",
            "wait": f"{metrics['mean_wait_working_days']:.1f}",
        }
        for key, value in values.items():
            self.figures[key].value.setText(value)
        self.figures["trips_saved"].setToolTip(translate(
            "Dashboard", "{joint} visits instead of {separate} separate ones").format(
            joint=metrics["trips_joint"], separate=metrics["trips_separate"]))
        self.counts.setText(translate(
            "Dashboard", "{departments} departments, {items} acceptance items, {places} places, "
            "{overrides} holiday overrides.").format(
            departments=stats["departments"], items=stats["items"], places=stats["places"],
            overrides=stats["holiday_overrides"]))
        self.warning.setText(stats["calendar"]["warning"])
        self.warning.setVisible(bool(stats["calendar"]["warning"]))
