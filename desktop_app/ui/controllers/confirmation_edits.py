"""Departments' confirmations (回执) from the GUI: one click records an answer by hand, undoable; REPLY files and
the calendar server's answers are read in the background.

The confirmations log is append-only, so undo records the previous answer again (its partstat, reason, source
and time; "no answer" is recorded as 待确认) and redo records the clerk's answer again. Each step is a
compare-and-set: it runs only while the answer that counts is still the one the previous step left, so undo
never takes back an answer that arrived meanwhile (a REPLY import, the server, another clerk) — it is refused
with a message and the command dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop_app.core.acceptance.confirmations import HAND_ANSWERS, record_confirmation
from desktop_app.core.acceptance.replies import ImportedReplies, import_replies
from desktop_app.core.feeds.publishing import CalDAVTarget, caldav_password, fetch_confirmations
from desktop_app.core.model.domain import ConfirmationSource, Partstat
from desktop_app.core.model.errors import InputError
from desktop_app.core.store import confirmation_records as records
from desktop_app.core.store.confirmation_records import Answer
from desktop_app.core.store.database import open_database
from desktop_app.core.store.repository import Repository
from desktop_app.ui.controllers.jobs import Progress
from desktop_app.ui.controllers.workspace import PROJECTS, Workspace

translate = QCoreApplication.translate
# A decline is busy time and a conflict: the calendar, the dashboard and the requests page follow PROJECTS.
CONFIRMATIONS = PROJECTS
IMPORT_JOB, FETCH_JOB = "confirmations-import", "confirmations-fetch"


@dataclass(frozen=True)
class _Answer:
    """What one step records: an answer as the core takes it."""

    partstat: Partstat
    reason: str = ""
    source: ConfirmationSource = ConfirmationSource.HAND
    answered_at: object = None     # datetime | None: None = now, for an answer by hand


def _again(answer: Answer | None) -> _Answer:
    """The answer to record to restore ``answer`` (no answer: 待确认)."""
    if answer is None:
        return _Answer(Partstat.NEEDS_ACTION)
    return _Answer(answer.partstat, answer.reason, answer.source, answer.answered_at)


def _current(repo: Repository, visit_id: int, department: str) -> Answer | None:
    return records.current_answers(repo.db, [visit_id]).get((visit_id, department))


def record_answer(workspace: Workspace, visit_id: int, department: str, answer: str, reason: str = "") -> str | None:
    """Record ``answer`` ("confirmed", "declined", "pending": HAND_ANSWERS) of ``department`` to the visit by
    hand, as one undo step; the core's refusal message (nothing written), or None."""
    repo, today, clerk = workspace.repo, workspace.today(), workspace.clerk()
    chosen = _Answer(HAND_ANSWERS[answer], reason.strip() if answer == "declined" else "")
    ids: list[int | None] = [None]       # the id of the answer that counts after the last step

    def step(record: _Answer, expected: int | None, check: bool) -> None:
        with repo.db.atomic():
            current = _current(repo, visit_id, department)
            if check and (current.id if current else None) != expected:
                raise InputError(translate("ConfirmationEdits", "The confirmation of {department} for visit {id} "
                                                                "changed meanwhile; it was left as it is now.")
                                 .format(department=department, id=visit_id))
            record_confirmation(repo, visit_id, department, record.partstat, record.reason, record.source,
                                answered_at=record.answered_at, today=today, clerk=clerk)
            ids[0] = _current(repo, visit_id, department).id

    try:
        with repo.db.atomic():
            before = _again(_current(repo, visit_id, department))
            step(chosen, None, check=False)
    except InputError as error:
        return str(error)
    after_first = ids[0]
    expected = {"undo": after_first, "redo": None}

    def apply() -> None:
        step(chosen, expected["redo"], check=True)
        expected["undo"] = ids[0]

    def revert() -> None:
        step(before, expected["undo"], check=True)
        expected["redo"] = ids[0]

    name = workspace.repo.department(department)
    label = {"confirmed": translate("ConfirmationEdits", "confirmed"),
             "declined": translate("ConfirmationEdits", "declined"),
             "pending": translate("ConfirmationEdits", "back to awaiting confirmation")}[answer]
    text = translate("ConfirmationEdits", "Confirmation of visit {id}: {department} {answer}").format(
        id=visit_id, department=name.name if name else department, answer=label)
    workspace.record_done(text, CONFIRMATIONS, apply, revert)
    return None


# --- in the background: REPLY files, the calendar server -----------------------------------------------
def import_in_background(path: Path, files: list[str], job: Progress) -> ImportedReplies:
    """The work function of 导入回执文件: all files or none (core ``import_replies``), on its own connection."""
    job.check()
    db = open_database(path)
    try:
        return import_replies(Repository(db), files)
    finally:
        db.close()


@dataclass(frozen=True)
class FetchRequest:
    url: str
    username: str
    password: str | None      # None: the environment or the system keyring, as publishing finds it


def fetch_in_background(path: Path, request: FetchRequest, job: Progress) -> int:
    """The work function of 从日历服务器获取回执: the answers recorded (core ``fetch_confirmations``)."""
    db = open_database(path)
    try:
        password = request.password if request.password is not None else caldav_password(request.url,
                                                                                           request.username)
        target = CalDAVTarget(request.url, request.username, password)
        return fetch_confirmations(Repository(db), target, progress=lambda _: job.check())
    finally:
        db.close()


def fetch_target(workspace: Workspace) -> FetchRequest | None:
    """The publishing settings' server and account (None: no CalDAV server set)."""
    settings = workspace.repo.settings()
    if not settings.caldav_url.strip():
        return None
    return FetchRequest(settings.caldav_url.strip(), settings.caldav_username.strip(), None)
