"""The change preview of an auto-schedule run: what would change, in the clerk's words.

Groups, most important first: visits that would move (old → new time, and why when their
old time no longer works), new visits, requests that cannot be scheduled (with the scheduler's
explanations), visits that would be cancelled, notes (locked visits in conflict, calendar
warnings), and the unchanged visits (collapsed).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop_app.core.planning.scheduler import PlannedVisit
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.controllers.schedule_run import SchedulePlan

translate = QCoreApplication.translate
LATE = QColor("#b45309")
REASON = QColor("#4b5563")
PROBLEM = QColor("#b91c1c")
# group keys, for tests and for keeping the expanded state
MOVED, NEW, UNSCHEDULED, CANCELLED, NOTES, UNCHANGED = "moved", "new", "unscheduled", "cancelled", "notes", "unchanged"


def when_text(start, end) -> str:
    return f"{fmt.date_time(start)}–{end:%H:%M}"


class PreviewTree(QTreeWidget):
    """A read-only tree of the plan's changes; ``groups`` maps group keys to their top items."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(5)
        self.setHeaderLabels([translate("Schedule", "Project"), translate("Schedule", "New time"),
                              translate("Schedule", "Previously"), translate("Schedule", "Place"),
                              translate("Schedule", "Departments")])
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        header = self.header()
        header.setStretchLastSection(True)
        for column, width in ((0, 260), (1, 190), (2, 190), (3, 130)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.groups: dict[str, QTreeWidgetItem] = {}

    def show_plan(self, plan: SchedulePlan) -> None:
        self.clear()
        self.groups = {}
        result = plan.result
        moved = sorted(result.moved, key=lambda v: (v.start, v.project))
        new = sorted(result.new, key=lambda v: (v.start, v.project))
        unchanged = sorted(result.unchanged, key=lambda v: (v.start, v.project))
        cancelled = [v for v in result.cancelled if not v.locked]
        group = self._group(MOVED, translate("Schedule", "Visits that move ({count})").format(count=len(moved)))
        for planned in moved:
            self._visit_row(group, plan, planned)
        group = self._group(NEW, translate("Schedule", "New visits ({count})").format(count=len(new)))
        for planned in new:
            self._visit_row(group, plan, planned)
        group = self._group(UNSCHEDULED, translate("Schedule", "Requests that cannot be scheduled ({count})").format(
            count=len(result.unscheduled)))
        for item in result.unscheduled:
            row = self._row(group, [self._project(plan, item.project),
                                    translate("Schedule", "not scheduled"), "", "", ""], colour=PROBLEM)
            for reason in item.reasons:
                self._reason(row, reason)
        group = self._group(CANCELLED, translate("Schedule", "Visits that would be cancelled ({count})").format(
            count=len(cancelled)))
        for visit in cancelled:
            row = self._row(group, [self._project(plan, visit.project), translate("Schedule", "cancelled"),
                                    when_text(visit.start, visit.end), plan.place_names.get(visit.place, visit.place),
                                    self._departments(plan, visit.departments)], colour=PROBLEM)
            for reason in plan.conflict_reasons.get(visit.id, []):
                self._reason(row, translate("Schedule", "Its time no longer works: {reason}").format(reason=reason))
        notes = [*result.conflicts, *result.warnings]
        group = self._group(NOTES, translate("Schedule", "Notes ({count})").format(count=len(notes)))
        for note in notes:
            self._reason(group, note)
        group = self._group(UNCHANGED, translate("Schedule", "Unchanged visits ({count})").format(
            count=len(unchanged)))
        for planned in unchanged:
            self._visit_row(group, plan, planned)
        for key, item in self.groups.items():
            item.setExpanded(key != UNCHANGED and item.childCount() > 0)
            if key in (MOVED, UNSCHEDULED, CANCELLED):
                # Why a visit moves or a request waits is the point of the preview: show it, not a ▸.
                for index in range(item.childCount()):
                    item.child(index).setExpanded(True)
            item.setHidden(item.childCount() == 0 and key in (NOTES, CANCELLED))

    # --- rows -----------------------------------------------------------------------------
    def _group(self, key: str, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [title])
        item.setFirstColumnSpanned(True)
        font = item.font(0)
        font.setWeight(QFont.Weight.DemiBold)
        item.setFont(0, font)
        item.setData(0, Qt.ItemDataRole.UserRole, key)
        self.groups[key] = item
        return item

    def _row(self, parent: QTreeWidgetItem, texts: list[str], colour: QColor | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, texts)
        for column, text in enumerate(texts):
            item.setToolTip(column, text)
            if colour is not None:
                item.setForeground(column, QBrush(colour))
        return item

    def _reason(self, parent: QTreeWidgetItem, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, ["· " + text])
        item.setFirstColumnSpanned(True)
        item.setForeground(0, QBrush(REASON))
        item.setToolTip(0, text)
        return item

    @staticmethod
    def _project(plan: SchedulePlan, code: str) -> str:
        name = plan.project_names.get(code)
        return f"{code} {name}" if name else code

    @staticmethod
    def _departments(plan: SchedulePlan, codes) -> str:
        return "、".join(plan.department_names.get(c, c) for c in codes)

    def _visit_row(self, group: QTreeWidgetItem, plan: SchedulePlan, planned: PlannedVisit) -> QTreeWidgetItem:
        previous = planned.previous
        before = when_text(previous.start, previous.end) if previous is not None else ""
        if previous is not None and previous.place != planned.place:
            before += " " + plan.place_names.get(previous.place, previous.place)
        new_time = when_text(planned.start, planned.end)
        if planned.late:
            new_time += " " + translate("Schedule", "(late)")
        if not planned.joint:
            new_time += " " + translate("Schedule", "(separate visit)")
        row = self._row(group, [self._project(plan, planned.project), new_time, before,
                                plan.place_names.get(planned.place, planned.place),
                                self._departments(plan, planned.departments)],
                        colour=LATE if planned.late else None)
        if previous is not None and previous.status.value == "published" and planned.change == "moved":
            self._reason(row, translate("Schedule", "Already published: the departments will receive the change."))
        if previous is not None:
            for reason in plan.conflict_reasons.get(previous.id, []):
                self._reason(row, translate("Schedule", "Its time no longer works: {reason}").format(reason=reason))
        if planned.late:
            for reason in plan.result.late_reasons.get(planned.project, []):
                self._reason(row, reason)
        return row
