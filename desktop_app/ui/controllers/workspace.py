"""The controller of one open database: edits with undo/redo, change signals, background jobs.

Views never write to the database themselves; they ask the workspace, which calls the core
repository and tells every view what changed (``changed(kind)``) so each redraws only its part.
Every edit is written at once in one transaction (no Save button to forget) and pushed on the
undo stack as a compare-and-set pair, so undo never overwrites a change made by another window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop_app.core.model.errors import InputError
from desktop_app.core.calendar.workdays import calendar_for
from desktop_app.core.model.domain import (
    Department, HolidayOverride, Item, Place, Project, Settings, Travel,
)
from desktop_app.core.store.history import clerk_name
from desktop_app.core.store.repository import Repository
from desktop_app.core.calendar.workdays import WorkingCalendar
from desktop_app.ui.controllers.jobs import JobRunner

translate = QCoreApplication.translate

# Kinds of data a change touches; views subscribe to the ones they show.
PROJECTS, DEPARTMENTS, ITEMS, PLACES, TRAVEL, HOLIDAYS, SETTINGS, ALL = (
    "projects", "departments", "items", "places", "travel", "holidays", "settings", "all")


class _EditCommand(QUndoCommand):
    """One applied edit; undo and redo each run one compare-and-set transaction."""

    def __init__(self, workspace: "Workspace", text: str, kind: str,
                 apply: Callable[[], None], revert: Callable[[], None]) -> None:
        super().__init__(text)
        self.workspace, self.kind, self.apply, self.revert = workspace, kind, apply, revert
        self._first = True   # pushed after the change was already written

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[], None]) -> None:
        if not self.workspace.run_step(step, self.kind):
            # The database moved on (another window): this command can no longer be replayed.
            self.setObsolete(True)


class Workspace(QObject):
    changed = Signal(str)     # one of the kinds above
    failed = Signal(str)      # a message for the user: nothing was changed
    saved = Signal(object)    # datetime of the last write

    def __init__(self, db, path: Path, today: dt.date | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.path = Path(path)
        self.repo = Repository(db)
        self.undo_stack = QUndoStack(self)
        self.jobs = JobRunner(self)
        self._today = today
        self.last_saved: dt.datetime | None = None
        self._calendar: WorkingCalendar | None = None
        self._zone: ZoneInfo | None = None      # the settings' time zone: now() runs for every view's today()
        self.changed.connect(self._forget_calendar)

    # --- facts the views share ----------------------------------------------------------
    def today(self) -> dt.date:
        """The bureau's date (its time zone, as the command line has it), unless fixed."""
        return self._today or self.now().date()

    def now(self) -> dt.datetime:
        """The bureau's present moment; with a fixed ``today`` (tests, demos) that day's noon, so that
        what counts as "has taken place" does not depend on the clock."""
        if self._zone is None:
            self._zone = ZoneInfo(self.repo.settings().timezone)
        zone = self._zone
        if self._today is None:
            return dt.datetime.now(zone)
        return dt.datetime.combine(self._today, dt.time(12), zone)

    def clerk(self) -> str:
        """The name the history records changes under (settings, else the computer's user)."""
        return clerk_name(self.repo.settings())

    def calendar(self) -> WorkingCalendar:
        if self._calendar is None:
            self._calendar = calendar_for(self.repo)
        return self._calendar

    def _forget_calendar(self, kind: str) -> None:
        if kind in (HOLIDAYS, SETTINGS, ALL):
            self._calendar = None
        if kind in (SETTINGS, ALL):
            self._zone = None

    def close(self) -> None:
        self.jobs.cancel()
        self.jobs.wait()
        self.db.close()

    # --- edits --------------------------------------------------------------------------
    def run_step(self, step: Callable[[], None], kind: str) -> bool:
        try:
            step()
        except InputError as error:
            self.failed.emit(str(error))
            self.changed.emit(kind)    # show what the database holds now
            return False
        self.last_saved = dt.datetime.now()
        self.saved.emit(self.last_saved)
        self.changed.emit(kind)
        return True

    def edit(self, text: str, kind: str, apply: Callable[[], None], revert: Callable[[], None]) -> bool:
        """Write ``apply`` now; push it on the undo stack with ``revert`` as its undo."""
        if not self.run_step(apply, kind):
            return False
        self.undo_stack.push(_EditCommand(self, text, kind, apply, revert))
        return True

    def record_done(self, text: str, kind: str, apply: Callable[[], None], revert: Callable[[], None]) -> None:
        """Push an edit a background job already wrote (e.g. an imported calendar) so it can be undone."""
        self.last_saved = dt.datetime.now()
        self.saved.emit(self.last_saved)
        self.changed.emit(kind)
        self.undo_stack.push(_EditCommand(self, text, kind, apply, revert))

    def written(self, kind: str) -> None:
        """Something was written that is not undone: an opinion's number, which is never given out again."""
        self.last_saved = dt.datetime.now()
        self.saved.emit(self.last_saved)
        self.changed.emit(kind)

    def _swap(self, text: str, kind: str, replace: Callable, before, after) -> bool:
        """An undoable edit that replaces ``before`` by ``after``; undo replaces them the other way round."""
        return self.edit(text, kind, lambda: replace(before, after), lambda: replace(after, before))

    def save_project(self, before: Project | None, after: Project | None) -> bool:
        code = (after or before).code
        if after is None:
            text = translate("Workspace", "Delete request {code}").format(code=code)
        elif before is None:
            text = translate("Workspace", "New request {code}").format(code=code)
        else:
            text = translate("Workspace", "Edit request {code}").format(code=code)
        return self._swap(text, PROJECTS, self.repo.replace_project, before, after)

    def save_department(self, before: Department | None, after: Department | None) -> bool:
        code = (after or before).code
        text = translate("Workspace", "Change department {code}").format(code=code)
        return self._swap(text, DEPARTMENTS, self.repo.replace_department, before, after)

    def save_item(self, before: Item | None, after: Item | None) -> bool:
        code = (after or before).code
        text = translate("Workspace", "Change item {code}").format(code=code)
        return self._swap(text, ITEMS, self.repo.replace_item, before, after)

    def save_place(self, before: Place | None, after: Place | None) -> bool:
        code = (after or before).code
        text = translate("Workspace", "Change place {code}").format(code=code)
        travel: list[Travel] = self.repo.travel_of(code) if after is None and before is not None else []
        # Undoing a deletion brings the place's travel times back in the same transaction.
        return self.edit(text, PLACES, lambda: self.repo.replace_place(before, after),
                         lambda: self.repo.replace_place(after, before, travel))

    def save_travel(self, first: str, second: str, before: int | None, after: int | None) -> bool:
        text = translate("Workspace", "Travel {first} – {second}").format(first=first, second=second)
        return self.edit(text, TRAVEL, lambda: self.repo.replace_travel(first, second, before, after),
                         lambda: self.repo.replace_travel(first, second, after, before))

    def save_holiday(self, before: HolidayOverride | None, after: HolidayOverride | None) -> bool:
        day = (after or before).date
        text = translate("Workspace", "Calendar {date}").format(date=day.isoformat())
        return self.edit(text, HOLIDAYS, lambda: self.repo.replace_holiday_override(before, after),
                         lambda: self.repo.replace_holiday_override(after, before))

    def save_settings(self, before: Settings, after: Settings) -> bool:
        # Settings hold the confirmed years and the deadline rule, so the calendar is redrawn too.
        return self.edit(translate("Workspace", "Change settings"), SETTINGS,
                         lambda: self.repo.replace_settings(before, after),
                         lambda: self.repo.replace_settings(after, before))

    def reload(self) -> None:
        self.changed.emit(ALL)
