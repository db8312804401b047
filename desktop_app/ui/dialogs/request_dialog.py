"""The request editor: fields, the item checklist by level and department, live deadline, the project's
details the joint acceptance opinion prints (项目统一代码, 建筑面积, 层数, 施工/监理/勘察/设计单位), and the
request's history as a read-only timeline (time, clerk, what happened)."""

from __future__ import annotations

import dataclasses
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QSpinBox, QStyle, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from desktop_app.core.acceptance.history_text import describe
from desktop_app.core.acceptance.opinion import opinion_document
from desktop_app.core.model.domain import (
    MAX_PRIORITY, RESULT_STATUSES, HalfDay, HistoryEntry, Level, Project, ProjectDetails, RequestStatus,
)
from desktop_app.core.model.project_details import (
    DETAIL_FIELDS, MAX_FLOORS, UNIFIED_CODE_EXAMPLE, DetailProblem, details_texts, parse_details,
)
from desktop_app.core.calendar.workdays import request_deadline
from desktop_app.core.store import history
from desktop_app.core.store.acceptance_records import OpinionNumber, opinion_number
from desktop_app.printing.verification import content_digest
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.controllers.workspace import Workspace
from desktop_app.ui.widgets.screen_fit import resize_within_screen
from desktop_app.ui.widgets.table_model import Column, RecordTableModel, record_table

translate = QCoreApplication.translate


def detail_labels() -> dict[str, str]:
    """The form's labels of the opinion's details, by field."""
    return {"unified_code": translate("RequestDialog", "Unified project code"),
            "floor_area": translate("RequestDialog", "Floor area"),
            "floors": translate("RequestDialog", "Floors"),
            "builder": translate("RequestDialog", "Builder"),
            "supervisor": translate("RequestDialog", "Supervisor"),
            "surveyor": translate("RequestDialog", "Surveyor"),
            "designer": translate("RequestDialog", "Designer")}


def history_columns(zone: ZoneInfo) -> list[Column]:
    return [
        Column(lambda: translate("RequestDialog", "Time"),
               lambda e: f"{e.at.astimezone(zone):%Y-%m-%d %H:%M}", sort_key=lambda e: (e.at, e.id or 0)),
        Column(lambda: translate("RequestDialog", "Clerk"), lambda e: e.clerk),
        Column(lambda: translate("RequestDialog", "What happened"), describe, tooltip=describe),
    ]


class RequestDialog(QDialog):
    """Edits one request; OK writes it through the workspace (one undoable transaction)."""

    def __init__(self, workspace: Workspace, project: Project | None, *, new: bool, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.original = None if new else project
        self.new = new
        repo = workspace.repo
        today = workspace.today()
        self.setWindowTitle(translate("RequestDialog", "New request") if new
                            else translate("RequestDialog", "Edit request {code}").format(code=project.code))

        self.code = QLineEdit(project.code if project else "")
        self.code.setReadOnly(not new)   # the code is the request's identity in feeds and notices
        self.name = QLineEdit(project.name if project else "")
        self.owner = QLineEdit(project.owner if project else "")
        self.contact = QLineEdit(project.contact if project else "")
        self.phone = QLineEdit(project.phone if project else "")
        self.place = QComboBox()
        for place in repo.places():
            self.place.addItem(f"{place.name}（{place.code}）" if fmt.chinese() else f"{place.name} ({place.code})",
                               place.code)
        if project:
            self.place.setCurrentIndex(max(self.place.findData(project.place), 0))
        self.address = QLineEdit(project.address if project else "")
        self.applied_on = fmt.date_edit(project.applied_on if project else today)
        self.ready_on = fmt.date_edit(project.ready_on if project else today)
        self.has_deadline = QCheckBox(translate("RequestDialog", "Explicit deadline"))
        self.has_deadline.setChecked(bool(project and project.deadline))
        self.deadline_edit = fmt.date_edit(project.deadline if project and project.deadline else today)
        self.deadline_edit.setEnabled(self.has_deadline.isChecked())
        self.priority = QSpinBox(minimum=0, maximum=MAX_PRIORITY, value=project.priority if project else 0)
        self.preferred = QComboBox()
        for value in HalfDay:
            self.preferred.addItem(fmt.half_day_name(str(value)), str(value))
        self.preferred.setCurrentIndex(self.preferred.findData(str(project.preferred if project else HalfDay.ANY)))
        self.status = self._status_box(project.status if project else RequestStatus.PENDING)

        self.items = QTreeWidget()
        self.items.setHeaderLabels([translate("RequestDialog", "Acceptance item"),
                                    translate("RequestDialog", "Duration")])
        self.items.setColumnWidth(0, 330)
        self._fill_items(set(project.items) if project else set())

        self.departments_label = QLabel(wordWrap=True)
        self.deadline_label = QLabel(wordWrap=True)
        self.warning_label = QLabel(wordWrap=True)
        self.warning_label.setStyleSheet("color: #b45309;")
        self.problems_label = QLabel(wordWrap=True)
        self.problems_label.setStyleSheet("color: #b91c1c;")

        # A duplicate is another project: its details (the unified code above all) are not copied.
        self.details_tab = self._details_tab(project.details if project and not new else ProjectDetails())
        # An opinion numbered for the request: saving stays allowed, the dialog says what a reprint shows.
        self.issued: OpinionNumber | None = None if new else opinion_number(repo.db, project.code)
        self.opinion_label = QLabel(wordWrap=True)
        self.opinion_label.setStyleSheet("color: #b45309;")
        self.opinion_label.setVisible(self.issued is not None)
        # The issued opinion's hash as saved, and the last edited one by what it covers (the code is fixed
        # here): refresh() runs on every keystroke, and each digest reads the request's results.
        self._issued_digest = None if self.issued is None else self._opinion_digest(project)
        self._edited_digest: tuple[tuple[str, str, tuple[str, ...]], str] | None = None

        form = QFormLayout()
        form.addRow(translate("RequestDialog", "Code"), self.code)
        form.addRow(translate("RequestDialog", "Project"), self.name)
        form.addRow(translate("RequestDialog", "Owner"), self.owner)
        form.addRow(translate("RequestDialog", "Contact"), self.contact)
        form.addRow(translate("RequestDialog", "Phone"), self.phone)
        form.addRow(translate("RequestDialog", "Place"), self.place)
        form.addRow(translate("RequestDialog", "Address"), self.address)
        form.addRow(translate("RequestDialog", "Applied on"), self.applied_on)
        form.addRow(translate("RequestDialog", "Ready on"), self.ready_on)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.has_deadline)
        deadline_row.addWidget(self.deadline_edit, 1)
        form.addRow(translate("RequestDialog", "Deadline"), deadline_row)
        form.addRow(translate("RequestDialog", "Priority"), self.priority)
        form.addRow(translate("RequestDialog", "Preferred time"), self.preferred)
        form.addRow(translate("RequestDialog", "Status"), self.status)

        summary = QGroupBox(translate("RequestDialog", "Computed"))
        summary_layout = QVBoxLayout(summary)
        summary_layout.addWidget(self.departments_label)
        summary_layout.addWidget(self.deadline_label)
        summary_layout.addWidget(self.warning_label)

        right = QVBoxLayout()
        right.addWidget(QLabel(translate("RequestDialog", "Acceptance items (by level and department)")))
        right.addWidget(self.items, 1)
        right.addWidget(summary)

        grid = QGridLayout()
        left_widget = QWidget()
        left_widget.setLayout(form)
        grid.addWidget(left_widget, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(1, 1)
        request_tab = QWidget()
        request_tab.setLayout(grid)
        self.history: list[HistoryEntry] = [] if new else history.entries(repo.db, project.code)
        self.history_model = RecordTableModel(history_columns(ZoneInfo(repo.settings().timezone)), self)
        self.history_model.set_records(self.history)
        self.history_table = record_table(self.history_model)
        self.history_table.setWordWrap(True)
        self.history_table.setColumnWidth(0, 140)
        self.history_table.setColumnWidth(1, 110)
        # Long lines (every finding of a result) wrap; the rows follow the description column's width.
        self.history_table.horizontalHeader().sectionResized.connect(
            lambda *_: self.history_table.resizeRowsToContents())
        self.history_table.setToolTip(translate("RequestDialog", "Every change of this request and its visits, "
                                                                 "oldest first. History is never edited: a "
                                                                 "correction is a new entry."))
        self.tabs = QTabWidget()
        self.tabs.addTab(request_tab, translate("RequestDialog", "Request"))
        self.details_index = self.tabs.addTab(self.details_tab, translate("RequestDialog", "Opinion details"))
        history_title = translate("RequestDialog", "History ({count})").format(count=len(self.history))
        self.history_index = self.tabs.addTab(self.history_table, history_title)
        self.tabs.setTabEnabled(self.history_index, not new)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.opinion_label)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)
        resize_within_screen(self, 980, 640)

        for signal in (self.code.textChanged, self.name.textChanged, self.owner.textChanged,
                       self.place.currentIndexChanged, self.applied_on.dateChanged, self.ready_on.dateChanged,
                       self.deadline_edit.dateChanged, self.items.itemChanged,
                       *(edit.textChanged for edit in self.detail_edits.values())):
            signal.connect(self.refresh)
        self.has_deadline.toggled.connect(self.deadline_edit.setEnabled)
        self.has_deadline.toggled.connect(self.refresh)
        self.refresh()

    def _details_tab(self, details: ProjectDetails) -> QWidget:
        """One line edit per detail with its message under it; typed text is checked by the core's rules
        (model.project_details, as the dataset import checks the same columns)."""
        texts = details_texts(details)
        labels = detail_labels()
        placeholders = {"unified_code": UNIFIED_CODE_EXAMPLE, "floor_area": "12850.5",
                        "floors": translate("RequestDialog", "1 to {maximum}").format(maximum=MAX_FLOORS)}
        self.detail_edits: dict[str, QLineEdit] = {}
        self.detail_messages: dict[str, QLabel] = {}
        form = QFormLayout()
        for name in DETAIL_FIELDS:
            edit = QLineEdit(texts[name], placeholderText=placeholders.get(name, ""))
            message = QLabel(wordWrap=True, visible=False)
            message.setStyleSheet("color: #b91c1c;")
            cell = QVBoxLayout()
            cell.setSpacing(2)
            if name == "floor_area":
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                row.addWidget(QLabel(translate("RequestDialog", "m²")))
                cell.addLayout(row)
            else:
                cell.addWidget(edit)
            cell.addWidget(message)
            form.addRow(labels[name], cell)
            self.detail_edits[name], self.detail_messages[name] = edit, message
        note = QLabel(translate("RequestDialog", "Printed on the joint acceptance opinion (联合验收意见书). All "
                                                 "optional; a dataset import with these columns replaces them."),
                      wordWrap=True)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addStretch(1)
        return tab

    def _parsed_details(self) -> tuple[ProjectDetails, list[DetailProblem]]:
        return parse_details({name: edit.text() for name, edit in self.detail_edits.items()})

    def detail_problems(self) -> list[DetailProblem]:
        return self._parsed_details()[1]

    @staticmethod
    def _status_box(current: RequestStatus) -> QComboBox:
        """The statuses a clerk may choose; 整改中 and 未通过 only follow from recorded results
        (core.acceptance.standing.decided_status), so a request in one of them shows it read-only."""
        box = QComboBox()
        derived = current in RESULT_STATUSES
        for value in RequestStatus:
            if value not in RESULT_STATUSES or value is current:
                box.addItem(fmt.status_name(str(value)), str(value))
        box.setCurrentIndex(box.findData(str(current)))
        if derived:
            box.setEnabled(False)
            box.setToolTip(translate("RequestDialog", "The recorded results decide this status; it cannot be "
                                                      "changed by hand."))
        else:
            box.setToolTip(translate("RequestDialog", "Rectifying and Not passed are not chosen here: the "
                                                      "recorded results decide them."))
        return box

    def _fill_items(self, checked: set[str]) -> None:
        repo = self.workspace.repo
        by_department: dict[str, list] = {}
        for item in repo.items():
            by_department.setdefault(item.department, []).append(item)
        self.items.blockSignals(True)
        for level in (Level.CITY, Level.DISTRICT):
            level_node = QTreeWidgetItem(self.items, [fmt.level_name(str(level))])
            level_node.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for department in repo.departments():
                if department.level is not level or department.code not in by_department:
                    continue
                department_node = QTreeWidgetItem(level_node, [department.name])
                department_node.setFlags(Qt.ItemFlag.ItemIsEnabled)
                for item in by_department[department.code]:
                    node = QTreeWidgetItem(department_node, [item.name, translate("RequestDialog", "{minutes} min")
                                                             .format(minutes=item.duration_minutes)])
                    node.setData(0, Qt.ItemDataRole.UserRole, item.code)
                    node.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                    node.setCheckState(0, Qt.CheckState.Checked if item.code in checked else Qt.CheckState.Unchecked)
                    node.setToolTip(0, "；".join(item.materials))
        self.items.expandAll()
        self.items.blockSignals(False)

    def checked_items(self) -> tuple[str, ...]:
        codes = []
        for level_index in range(self.items.topLevelItemCount()):
            level_node = self.items.topLevelItem(level_index)
            for d in range(level_node.childCount()):
                department_node = level_node.child(d)
                for i in range(department_node.childCount()):
                    node = department_node.child(i)
                    if node.checkState(0) == Qt.CheckState.Checked:
                        codes.append(node.data(0, Qt.ItemDataRole.UserRole))
        return tuple(sorted(codes))

    def set_item_checked(self, code: str, checked: bool) -> None:
        for node in self._item_nodes():
            if node.data(0, Qt.ItemDataRole.UserRole) == code:
                node.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _item_nodes(self):
        for level_index in range(self.items.topLevelItemCount()):
            level_node = self.items.topLevelItem(level_index)
            for d in range(level_node.childCount()):
                department_node = level_node.child(d)
                for i in range(department_node.childCount()):
                    yield department_node.child(i)

    def project(self, details: ProjectDetails | None = None) -> Project:
        """The request as entered; a detail with a problem is left out (detail_problems() says why).
        ``details``: the details already parsed from the form."""
        if details is None:
            details = self._parsed_details()[0]
        edited = Project(
            code=self.code.text().strip(), name=self.name.text().strip(), owner=self.owner.text().strip(),
            place=self.place.currentData() or "", items=self.checked_items(),
            applied_on=fmt.from_qdate(self.applied_on.date()), ready_on=fmt.from_qdate(self.ready_on.date()),
            contact=self.contact.text().strip(), phone=self.phone.text().strip(), address=self.address.text().strip(),
            deadline=fmt.from_qdate(self.deadline_edit.date()) if self.has_deadline.isChecked() else None,
            priority=self.priority.value(), preferred=HalfDay(self.preferred.currentData()),
            status=RequestStatus(self.status.currentData()), details=details,
        )
        if self.original is None:
            return edited
        # Where the request stands in its lifecycle (round, re-inspection dates, decision) is not edited
        # here: keep it, or saving a re-inspection would start it over.
        return dataclasses.replace(edited, round=self.original.round, round_ready_on=self.original.round_ready_on,
                                   round_deadline=self.original.round_deadline,
                                   decided_on=self.original.decided_on)

    def problems(self, project: Project | None = None,
                 detail_problems: list[DetailProblem] | None = None) -> list[str]:
        """What keeps the request from being saved; ``project`` and ``detail_problems``: the form already read."""
        if project is None or detail_problems is None:
            details, detail_problems = self._parsed_details()
            project = self.project(details)
        labels = detail_labels()
        return self.workspace.repo.project_problems(project, new=self.new) + [
            translate("RequestDialog", "{field}: {problem}").format(field=labels[p.field], problem=p.message)
            for p in detail_problems]

    def _show_detail_problems(self, problems: list[DetailProblem]) -> None:
        by_field = {p.field: p.message for p in problems}
        for name, label in self.detail_messages.items():
            label.setText(by_field.get(name, ""))
            label.setVisible(name in by_field)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.tabs.setTabIcon(self.details_index, warning if by_field else QIcon())

    def _show_issued_opinion(self, project: Project) -> None:
        """What saving does to an opinion already numbered: a reprint keeps the number and issue date and
        prints what is saved; the QR code's hash changes only if what it covers does (name, owner, the
        opinions' rows — not the details)."""
        if self.issued is None:
            return
        covered = (project.name, project.owner, project.items)
        if self._edited_digest is None or self._edited_digest[0] != covered:
            self._edited_digest = (covered, self._opinion_digest(project))
        before, after = self._issued_digest, self._edited_digest[1]
        # Whole sentences per case: Chinese joins sentences without the space English puts between them.
        if before != after:
            text = translate("RequestDialog", "Opinion {number} has been issued for this request. Saving is allowed: "
                                              "a reprint keeps that number and issue date and prints what you save "
                                              "here, and these changes give its QR code a new content hash: copies "
                                              "already handed out no longer match the reprint.")
        else:
            text = translate("RequestDialog", "Opinion {number} has been issued for this request. Saving is allowed: "
                                              "a reprint keeps that number and issue date and prints what you save "
                                              "here. The QR code's content hash covers the name, the owner and the "
                                              "opinions, not these details: it stays the same.")
        text = text.format(number=self.issued.number)
        self.opinion_label.setText(text)

    def _opinion_digest(self, project: Project) -> str:
        return content_digest(opinion_document(self.workspace.repo, project, self.issued))

    def refresh(self) -> None:
        details, detail_problems = self._parsed_details()
        project = self.project(details)
        repo = self.workspace.repo
        items = {i.code: i for i in repo.items()}
        departments = {d.code: d for d in repo.departments()}
        needed = sorted({items[c].department for c in project.items if c in items})
        names = "、".join(departments[d].name if d in departments else d for d in needed)
        self.departments_label.setText(translate("RequestDialog", "Departments needed ({count}): {names}").format(
            count=len(needed), names=names or "—"))
        calendar = self.workspace.calendar()
        working_days = repo.settings().deadline_working_days
        deadline = request_deadline(project, calendar, working_days)
        if project.deadline is None:
            text = translate("RequestDialog", "Deadline: {date} ({days} working days after the application)").format(
                date=fmt.long_date(deadline), days=working_days)
        else:
            text = translate("RequestDialog", "Deadline: {date} (explicit)").format(date=fmt.long_date(deadline))
        self.deadline_label.setText(text)
        self.warning_label.setText(calendar.coverage_warning([project.applied_on, deadline]))
        self._show_detail_problems(detail_problems)
        self._show_issued_opinion(project)
        problems = self.problems(project, detail_problems)
        self.problems_label.setText("\n".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def accept(self) -> None:
        if self.problems():
            return
        if self.workspace.save_project(self.original, self.project()):
            super().accept()
