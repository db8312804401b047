"""The move dialog: every time a visit may move to, best first, and why tempting times are refused.

The list is the scheduler's ``feasible_slots`` against the stored schedule: each row breaks no
hard rule (office hours, busy time, holidays, capacity, travel, notice). Below it, earlier
times that look free on the calendar but are not, each with the reason. "Move here" writes the
move as one undoable step; the changed notice (变更通知) can be printed right after.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QSplitter, QTableWidget, QTableWidgetItem,
    QTextBrowser, QVBoxLayout, QWidget,
)

from desktop_app.core.acceptance.confirmations import confirmations_of
from desktop_app.core.calendar.availability import BlockKind
from desktop_app.core.model.domain import ConfirmationState
from desktop_app.core.planning.conflicts import conflict_line
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.controllers.move_edits import MoveOptions, VisitEdits
from desktop_app.ui.controllers.workspace import Workspace
from desktop_app.ui.widgets.screen_fit import resize_within_screen

translate = QCoreApplication.translate
LATE = QColor("#b45309")


class MoveDialog(QDialog):
    movedTo = Signal(int, object)     # visit id, new start

    def __init__(self, workspace: Workspace, edits: VisitEdits, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.edits, self.visit_id = workspace, edits, visit_id
        self.options: MoveOptions | None = None
        self.setWindowTitle(translate("Move", "Move a visit"))
        resize_within_screen(self, 980, 640)
        self.heading = QLabel(wordWrap=True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.declined = QLabel(wordWrap=True)      # why the visit must move: departments that declined it (回执)
        self.declined.setStyleSheet("color: #dc2626; font-weight: 600;")
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([
            translate("Move", "Date"), translate("Move", "Time"), translate("Move", "Waiting (working days)"),
            translate("Move", "Extra department trips"), translate("Move", "Notes")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _: self.move_selected())
        self.refused = QTextBrowser()
        self.refused.setOpenLinks(False)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_title = QLabel()
        list_layout.addWidget(self.list_title)
        list_layout.addWidget(self.table)
        refused_box = QWidget()
        refused_layout = QVBoxLayout(refused_box)
        refused_layout.setContentsMargins(0, 0, 0, 0)
        refused_layout.addWidget(QLabel(translate("Move", "Earlier times that are not possible, and why:")))
        refused_layout.addWidget(self.refused)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(list_box)
        splitter.addWidget(refused_box)
        splitter.setSizes([420, 160])
        self.buttons = QDialogButtonBox()
        self.move_button = self.buttons.addButton(translate("Move", "Move here"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.move_button.clicked.connect(self.move_selected)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.declined)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.reload()

    def reload(self) -> None:
        self.options = self.edits.options(self.visit_id)
        if self.options is None:
            self.reject()
            return
        options = self.options
        self.heading.setText(self._heading_html(options))
        self.declined.setText(self._declines(options))
        self.declined.setVisible(bool(self.declined.text()))
        self.message.setText(options.refusal)
        self.message.setVisible(bool(options.refusal))
        self._fill_table(options)
        self._fill_refused(options)
        self._selection_changed()

    def _heading_html(self, options: MoveOptions) -> str:
        visit, repo = options.visit, self.workspace.repo
        project = repo.project(visit.project)
        place = repo.place(visit.place)
        names = repo.department_names()
        e = html.escape
        title = f"{e(visit.project)} {e(project.name) if project else ''}"
        now = translate("Move", "Now: {when}, {place}").format(
            when=f"{fmt.long_date(visit.start.date())} {visit.start:%H:%M}–{visit.end:%H:%M}",
            place=place.name if place else visit.place)
        departments = "、".join(names.get(c, c) for c in visit.departments)
        return f"<p style='font-size:15px'><b>{title}</b><br>{e(now)}<br>" \
               f"<span style='color:#4b5563'>{e(departments)}</span></p>"

    def _declines(self, options: MoveOptions) -> str:
        """"<department> declined: <its words> (HH:MM–HH:MM)", one line per department that declined this time;
        the times below leave that department's declined time out (core move_options)."""
        visit, repo = options.visit, self.workspace.repo
        found = confirmations_of(repo, [visit], self.workspace.today(), self.workspace.calendar())
        if not found:
            return ""
        names = repo.department_names()
        return "\n".join(conflict_line(names.get(c.department, c.department), BlockKind.DECLINED, c.reason,
                                        visit.start, visit.end)
                         for c in found[0].with_state(ConfirmationState.DECLINED))

    def _fill_table(self, options: MoveOptions) -> None:
        self.table.setRowCount(0)
        ranked = options.slots
        self.list_title.setText(translate("Move", "{count} possible times, best first (shortest wait, fewest extra "
                                                  "trips):").format(count=len(ranked)) if not options.refusal else "")
        for row, choice in enumerate(ranked):
            slot = choice.slot
            notes = []
            if row == 0:
                notes.append(translate("Move", "recommended"))
            if slot.late:
                notes.append(translate("Move", "after the deadline"))
            if choice.new_trips == 0:
                notes.append(translate("Move", "every department is already there that day"))
            if not choice.preference_met:
                notes.append(translate("Move", "not the owner's preferred half-day"))
            values = [fmt.long_date(slot.day), f"{slot.start_at:%H:%M}–{slot.end_at:%H:%M}", str(slot.wait),
                      str(choice.new_trips), fmt.list_separator().join(notes)]
            self.table.insertRow(row)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, slot.start_at)
                if slot.late:
                    item.setForeground(QBrush(LATE))
                self.table.setItem(row, column, item)
        if ranked:
            self.table.selectRow(0)

    def _fill_refused(self, options: MoveOptions) -> None:
        if not options.rejected:
            none = translate("Move", "None: no earlier time is taken by other visits.")
            self.refused.setHtml(f"<p style='color:#6b7280'>{html.escape(none)}</p>")
            return
        rows = []
        for refused in options.rejected:
            slot = refused.slot
            when = f"{fmt.long_date(slot.day)} {slot.start_at:%H:%M}–{slot.end_at:%H:%M}"
            reasons = "".join(f"<li>{html.escape(r)}</li>" for r in refused.reasons)
            rows.append(f"<p><b>{html.escape(when)}</b></p><ul>{reasons}</ul>")
        self.refused.setHtml("".join(rows))

    def selected_start(self):
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def _selection_changed(self) -> None:
        self.move_button.setEnabled(self.selected_start() is not None)

    def move_selected(self) -> bool:
        start = self.selected_start()
        if start is None:
            return False
        check = self.edits.move(self.visit_id, start, self.options.visit if self.options is not None else None)
        if not check.ok:
            self.reload()     # the alternatives as they are now; then say why (reload clears the message)
            self.message.setText(translate("Move", "Not moved: {reason}").format(reason=fmt.list_separator().join(check.reasons)))
            self.message.show()
            return False
        self.movedTo.emit(self.visit_id, start)
        self.accept()
        return True
