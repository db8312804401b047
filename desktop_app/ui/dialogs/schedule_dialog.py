"""Auto-schedule (F5): options, a background run with live figures and cancel, a preview, one Apply.

The run happens on the workspace's executor; the dialog shows the best solution so far
(scheduled, late, department trips, distance from the optimum) and lets the clerk cancel.
A cancelled or superseded run never delivers its result. The preview shows what would change;
Apply writes it in one transaction as one undo step (Ctrl+Z restores the visits exactly). If the
database changed while the plan was computed or shown (another run, window or command), Apply is
refused: the preview says so and offers to plan again; a stale plan is never applied.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QProgressBar, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from desktop_app.core.model.errors import InputError
from desktop_app.core.store.repository import StaleEditError
from desktop_app.ui.controllers.move_edits import VISITS
from desktop_app.ui.dialogs.schedule_preview import PreviewTree
from desktop_app.ui.controllers.schedule_run import (
    JOB_KIND, LiveFigures, ScheduleOptions, SchedulePlan, apply_plan, plan_in_background, undoable,
)
from desktop_app.ui.controllers.workspace import Workspace
from desktop_app.ui.widgets.screen_fit import resize_within_screen

translate = QCoreApplication.translate
IDLE, RUNNING, READY, APPLIED, CANCELLED, FAILED, STALE = (
    "idle", "running", "ready", "applied", "cancelled", "failed", "stale")


class ScheduleDialog(QDialog):
    resultReady = Signal(object)     # SchedulePlan of the run just finished (never of a cancelled one)
    applied = Signal(dict)           # counts: new, moved, unchanged, cancelled

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.state = IDLE
        self.plan: SchedulePlan | None = None
        self._stop: threading.Event | None = None
        self._live: LiveFigures | None = None
        self._started = 0.0
        self._run_id = 0
        self.setWindowTitle(translate("Schedule", "Auto-schedule"))
        resize_within_screen(self, 1100, 720)
        self._build(ScheduleOptions.from_settings(workspace.repo.settings()))
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._show_live)
        self._set_state(IDLE)

    # --- layout ---------------------------------------------------------------------------
    def _build(self, options: ScheduleOptions) -> None:
        self.horizon = QSpinBox()
        self.horizon.setRange(0, 120)
        self.horizon.setValue(options.late_search_working_days)
        self.horizon.setSuffix(translate("Schedule", " working days"))
        self.horizon.setToolTip(translate("Schedule", "How far past a request's deadline to look for a (late) visit."))
        self.keep_published = QCheckBox(translate("Schedule", "Keep published visits where possible"))
        self.keep_published.setChecked(options.keep_published)
        self.keep_published.setToolTip(translate(
            "Schedule", "A visit the departments already received moves only when a request could otherwise "
                        "not be scheduled or would be late. Locked visits never move."))
        self.time_limit = QDoubleSpinBox()
        self.time_limit.setRange(1, 600)
        self.time_limit.setDecimals(0)
        self.time_limit.setValue(options.time_limit)
        self.time_limit.setSuffix(translate("Schedule", " s"))
        self.solver = QComboBox()
        self.solver.addItem(translate("Schedule", "Best plan (optimising solver)"), "cpsat")
        self.solver.addItem(translate("Schedule", "Quick plan (earliest free time)"), "greedy")
        form = QFormLayout()
        form.addRow(translate("Schedule", "Search past the deadline"), self.horizon)
        form.addRow("", self.keep_published)
        form.addRow(translate("Schedule", "Time limit"), self.time_limit)
        form.addRow(translate("Schedule", "Method"), self.solver)
        options_box = QGroupBox(translate("Schedule", "Options"))
        options_box.setLayout(form)

        self.run_button = QPushButton(translate("Schedule", "Run"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(translate("Schedule", "Cancel run"))
        self.cancel_button.clicked.connect(self.cancel_run)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.figures = QLabel()
        self.figures.setStyleSheet("font-size: 14px;")
        self.status = QLabel(wordWrap=True)
        run_row = QHBoxLayout()
        run_row.addWidget(self.run_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress, 1)
        run_box = QVBoxLayout()
        run_box.addLayout(run_row)
        run_box.addWidget(self.figures)
        run_box.addWidget(self.status)
        top = QHBoxLayout()
        top.addWidget(options_box)
        top.addLayout(run_box, 1)

        self.summary = QLabel(wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        # Shown over the preview when Apply was refused because the data changed meanwhile.
        self.stale_message = QLabel(wordWrap=True)
        self.stale_message.setStyleSheet("color: #b91c1c; font-weight: 600;")
        self.replan_button = QPushButton(translate("Schedule", "Plan again"))
        self.replan_button.clicked.connect(self.start)
        self.stale_box = QWidget()
        stale_row = QHBoxLayout(self.stale_box)
        stale_row.setContentsMargins(0, 0, 0, 0)
        stale_row.addWidget(self.stale_message, 1)
        stale_row.addWidget(self.replan_button)
        self.stale_box.hide()
        self.preview = PreviewTree()
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(translate("Schedule", "Apply these changes"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.apply_button.clicked.connect(self.apply)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.stale_box)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

    def options(self) -> ScheduleOptions:
        return ScheduleOptions(late_search_working_days=self.horizon.value(),
                               keep_published=self.keep_published.isChecked(),
                               time_limit=float(self.time_limit.value()), solver=self.solver.currentData())

    def _set_state(self, state: str) -> None:
        self.state = state
        running = state == RUNNING
        self.run_button.setEnabled(not running)
        finished = state in (READY, APPLIED, CANCELLED, FAILED, STALE)
        self.run_button.setText(translate("Schedule", "Run again") if finished else translate("Schedule", "Run"))
        self.cancel_button.setEnabled(running)
        for widget in (self.horizon, self.keep_published, self.time_limit, self.solver):
            widget.setEnabled(not running)
        self.apply_button.setEnabled(state == READY and self.plan is not None and self.plan.has_changes)
        self.preview.setEnabled(state in (READY, APPLIED))

    # --- the run --------------------------------------------------------------------------
    def start(self) -> None:
        """Start a run in the background (a run still going is cancelled and never delivers)."""
        self.cancel_run(quiet=True)
        options = self.options()
        self.plan = None
        self.stale_box.hide()
        self.preview.clear()
        self.summary.clear()
        self._run_id += 1
        run_id = self._run_id
        stop, live = threading.Event(), LiveFigures()
        self._stop, self._live = stop, live
        path, today = self.workspace.path, self.workspace.today()
        self._started = time.monotonic()
        self.progress.setRange(0, int(options.time_limit * 1000))
        self.progress.setValue(0)
        self.figures.setText(translate("Schedule", "Looking for a first plan…"))
        self.status.setText("")
        self._set_state(RUNNING)
        self._timer.start()
        self.workspace.jobs.submit(
            JOB_KIND, translate("Schedule", "Auto-schedule"),
            lambda job: plan_in_background(path, today, options, live, stop, job),
            lambda plan: self._finished(run_id, plan), lambda error: self._failed(run_id, error))

    def cancel_run(self, quiet: bool = False) -> None:
        """Stop the run: its result, whenever the solver returns, is thrown away."""
        if self.state != RUNNING:
            return
        self._run_id += 1
        if self._stop is not None:
            self._stop.set()
        self.workspace.jobs.cancel(JOB_KIND)
        self._timer.stop()
        if not quiet:
            self.figures.setText("")
            self.status.setText(translate("Schedule", "Cancelled; nothing was changed."))
            self.progress.setValue(0)
            self._set_state(CANCELLED)

    def _show_live(self) -> None:
        elapsed = time.monotonic() - self._started
        self.progress.setValue(min(int(elapsed * 1000), self.progress.maximum()))
        latest = self._live.latest if self._live is not None else None
        if latest is None:
            self.figures.setText(translate("Schedule", "Looking for a first plan… {seconds:.0f} s").format(
                seconds=elapsed))
            return
        self.figures.setText(translate(
            "Schedule", "Best plan so far: {scheduled} scheduled, {late} late, {trips} department trips; "
                        "at most {gap:.1%} from the best possible — {seconds:.0f} s").format(
            scheduled=latest.scheduled, late=latest.late, trips=latest.trips, gap=latest.gap, seconds=elapsed))

    def _finished(self, run_id: int, plan: SchedulePlan) -> None:
        if run_id != self._run_id:
            return   # a run the clerk cancelled or replaced: never shown, never applied
        self._timer.stop()
        self.plan = plan
        self.progress.setValue(self.progress.maximum())
        self.figures.setText("")
        self.preview.show_plan(plan)
        self.summary.setText(self._summary_html(plan))
        self.status.setText(translate("Schedule", "Nothing is changed until you press “Apply these changes”.")
                            if plan.has_changes else translate("Schedule", "The schedule is already the best "
                                                                           "found; there is nothing to change."))
        self._set_state(READY)
        self.resultReady.emit(plan)

    def _failed(self, run_id: int, error: Exception) -> None:
        if run_id != self._run_id:
            return
        self._timer.stop()
        self.figures.setText("")
        text = str(error) if isinstance(error, InputError) else translate(
            "Schedule", "The auto-schedule failed: {error}").format(error=error)
        self.status.setText(text)
        self._set_state(FAILED)

    def _summary_html(self, plan: SchedulePlan) -> str:
        result, m = plan.result, plan.result.metrics
        quality = {"optimal": translate("Schedule", "the best possible plan"),
                   "feasible": translate("Schedule", "the best plan found within the time limit"),
                   "feasible_greedy": translate("Schedule", "a quick plan (the solver found nothing better in time)"),
                   "no_requests": translate("Schedule", "no requests are waiting")}.get(result.status, result.status)
        head = translate("Schedule", "<b>{new}</b> new, <b>{moved}</b> moved, {unchanged} unchanged, "
                                     "<b>{unscheduled}</b> cannot be scheduled, <b>{late}</b> late — {quality}.").format(
            new=len(result.new), moved=len(result.moved), unchanged=len(result.unchanged),
            unscheduled=len(result.unscheduled), late=len(result.late_reasons), quality=quality)
        after = translate("Schedule", "After applying: joint acceptance rate {joint:.0%}; the projects receive {joint_trips} "
                                      "visits instead of {separate} ({saved:.0f}% fewer); {trips} department trips; "
                                      "mean wait {wait:.1f} working days.").format(
            joint=m.joint_rate, joint_trips=m.trips_joint, separate=m.trips_separate, saved=m.trips_saved_pct,
            trips=m.department_trips, wait=m.mean_wait_working_days)
        return f"{head}<br>{after}"

    # --- apply ----------------------------------------------------------------------------
    def apply(self) -> bool:
        """Write the previewed plan as one undoable step."""
        if self.state != READY or self.plan is None:
            return False
        repo = self.workspace.repo
        try:
            before, after, counts = apply_plan(repo, self.plan.result)
        except StaleEditError as error:
            self._show_stale(str(error))
            return False
        except InputError as error:
            self.status.setText(str(error))
            self.workspace.changed.emit(VISITS)
            self._set_state(FAILED)
            return False
        redo, undo = undoable(repo, before, after)
        self.workspace.record_done(translate("Schedule", "Auto-schedule: {new} new, {moved} moved").format(
            new=counts["new"], moved=counts["moved"]), VISITS, redo, undo)
        self.status.setText(translate("Schedule", "Applied: {new} new, {moved} moved, {cancelled} cancelled. "
                                                  "Undo (Ctrl+Z) restores the previous schedule.").format(**counts))
        self._set_state(APPLIED)
        self.applied.emit(counts)
        return True

    def _show_stale(self, message: str) -> None:
        """The plan was computed from data that changed since: say so over the preview, offer a new run."""
        self.stale_message.setText(message)
        self.stale_box.show()
        self.status.setText(message)
        self.workspace.changed.emit(VISITS)
        self._set_state(STALE)
        self.replan_button.setFocus()

    def done(self, result: int) -> None:
        self.cancel_run(quiet=True)
        self._timer.stop()
        super().done(result)
