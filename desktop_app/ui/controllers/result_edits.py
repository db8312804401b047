"""Undoable lifecycle edits: recording a visit's results and the owner's rectification report.

Each is written at once by the core (``record_results`` / ``report_rectified``, one transaction with
its history entries) and pushed on the workspace's undo stack. Undo is the core's exact inverse
(``undo_results`` / ``undo_rectified``), refused — and the command dropped — once the request has
moved on; redo records the same thing again, which appends new history entries (history is never
edited). A refusal comes back as the core's message so a dialog can show it and stay open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from desktop_app.core.acceptance import rectification, results
from desktop_app.core.model.domain import DepartmentResult
from desktop_app.core.model.errors import InputError
from desktop_app.ui.controllers.workspace import PROJECTS, Workspace

translate = QCoreApplication.translate
# Results change requests and visits: the requests, calendar, dashboard and 整改跟踪 pages follow PROJECTS.
RESULTS = PROJECTS


def record_results(workspace: Workspace, visit_id: int, entries: Sequence[DepartmentResult]) -> str | None:
    """Record the departments' opinions at a visit as one undo step; the refusal's message, or None."""
    repo, clerk, now = workspace.repo, workspace.clerk(), workspace.now()
    entries = tuple(entries)
    try:
        done = [results.record_results(repo, visit_id, entries, now=now, clerk=clerk)]
    except InputError as error:
        return str(error)

    def apply() -> None:
        done[0] = results.record_results(repo, visit_id, entries, now=now, clerk=clerk)

    def revert() -> None:
        results.undo_results(repo, done[0], clerk=clerk)

    text = translate("ResultEdits", "Record results of {project} ({count} department(s))").format(
        project=done[0].project_after.code, count=len(entries))
    workspace.record_done(text, RESULTS, apply, revert)
    return None


def report_rectified(workspace: Workspace, code: str, reported_on: dt.date) -> str | None:
    """The owner reported the findings fixed on ``reported_on``: opens the re-inspection; one undo step."""
    repo, clerk, today = workspace.repo, workspace.clerk(), workspace.today()
    try:
        done = [rectification.report_rectified(repo, code, reported_on, today=today, clerk=clerk)]
    except InputError as error:
        return str(error)

    def apply() -> None:
        done[0] = rectification.report_rectified(repo, code, reported_on, today=today, clerk=clerk)

    def revert() -> None:
        rectification.undo_rectified(repo, done[0], clerk=clerk)

    text = translate("ResultEdits", "Rectification of {project} reported on {date}").format(
        project=code, date=reported_on.isoformat())
    workspace.record_done(text, RESULTS, apply, revert)
    return None
