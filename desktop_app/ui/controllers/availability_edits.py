"""Undoable availability edits: blocked dates, seasonal office hours, busy-time sources.

Each edit runs through ``Workspace.edit`` (one core call = one transaction) and is undone by the
inverse core call. Undo checks the database still holds what the edit left (compare-and-set),
so it never overwrites a change made meanwhile by another window: such a command turns obsolete.
Fetching a source is background work (``availability_jobs``); only its stored result is undoable.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop_app.core.calendar import availability as av
from desktop_app.core.model.errors import InputError
from desktop_app.core.model.office_hours import WeeklyHours
from desktop_app.ui.controllers.workspace import Workspace

translate = QCoreApplication.translate

# The change kind the departments page listens to (busy time, blocked dates, seasonal hours).
AVAILABILITY = "availability"


class ChangedElsewhere(InputError):
    """The database no longer holds what this undo/redo expects (another window changed it)."""


def _changed_elsewhere() -> ChangedElsewhere:
    return ChangedElsewhere(translate("AvailabilityEdits", "This was changed meanwhile (perhaps in another "
                                                           "window); nothing was undone or redone."))


# --- blocked dates ------------------------------------------------------------------------------
def _delete_exactly(workspace: Workspace, period: av.BlockedPeriod) -> None:
    """Delete the row only if it still holds these days and reason: SQLite reuses a deleted row's id."""
    if period not in av.blocked_periods(workspace.db, period.department):
        raise _changed_elsewhere()
    av.delete_blocked_period(workspace.db, period.id)


def add_blocked_period(workspace: Workspace, department: str, first: dt.date, last: dt.date, reason: str) -> bool:
    # Redo inserts a new row, so the row id is tracked across undo/redo.
    current: list[int | None] = [None]

    def apply() -> None:
        current[0] = av.add_blocked_period(workspace.db, department, first, last, reason)

    def revert() -> None:
        _delete_exactly(workspace, av.BlockedPeriod(current[0], department, first, last, reason.strip()))
        current[0] = None

    text = translate("AvailabilityEdits", "Block {department} {first} – {last}").format(
        department=department, first=first.isoformat(), last=last.isoformat())
    return workspace.edit(text, AVAILABILITY, apply, revert)


def delete_blocked_period(workspace: Workspace, period: av.BlockedPeriod) -> bool:
    current: list[int | None] = [period.id]

    def apply() -> None:
        _delete_exactly(workspace, dataclasses.replace(period, id=current[0]))
        current[0] = None

    def revert() -> None:
        current[0] = av.add_blocked_period(workspace.db, period.department, period.first_day, period.last_day,
                                           period.reason)

    text = translate("AvailabilityEdits", "Unblock {department} {first} – {last}").format(
        department=period.department, first=period.first_day.isoformat(), last=period.last_day.isoformat())
    return workspace.edit(text, AVAILABILITY, apply, revert)


# --- seasonal office hours ------------------------------------------------------------------------
def hours_variant(workspace: Workspace, department: str, starts_on: dt.date) -> WeeklyHours | None:
    for _, day, hours in av.office_hours_variants(workspace.db, department):
        if day == starts_on:
            return hours
    return None


def save_hours_variant(workspace: Workspace, department: str, starts_on: dt.date,
                       before: WeeklyHours | None, after: WeeklyHours | None) -> bool:
    """Add, change (``before`` → ``after``) or delete (``after`` None) the hours valid from ``starts_on``."""

    def replace(expected: WeeklyHours | None, wanted: WeeklyHours | None) -> None:
        if hours_variant(workspace, department, starts_on) != expected:
            raise _changed_elsewhere()
        if wanted is None:
            av.delete_office_hours_variant(workspace.db, department, starts_on)
        else:
            av.set_office_hours_variant(workspace.db, department, starts_on, wanted)

    if after is None:
        text = translate("AvailabilityEdits", "Delete {department} hours from {date}")
    else:
        text = translate("AvailabilityEdits", "{department} hours from {date}")
    return workspace.edit(text.format(department=department, date=starts_on.isoformat()), AVAILABILITY,
                          lambda: replace(before, after), lambda: replace(after, before))


# --- busy-time sources ------------------------------------------------------------------------
@dataclass(frozen=True)
class StoredCopy:
    """A source's last good copy, enough to store it again exactly (undoing its removal)."""

    department: str
    location: str
    content: bytes
    fetched_at: str | None


def stored_copy(workspace: Workspace, department: str, location: str) -> StoredCopy | None:
    row = workspace.db.execute("SELECT content, fetched_at FROM availability_sources "
                               "WHERE department = ? AND location = ?", [department, location]).fetchone()
    if row is None or row[0] is None:
        return None
    return StoredCopy(department, location, bytes(row[0]), row[1])


def _store(workspace: Workspace, copy: StoredCopy) -> None:
    if stored_copy(workspace, copy.department, copy.location) is not None:
        raise _changed_elsewhere()
    av.import_calendar_bytes(workspace.db, copy.department, copy.location, copy.content,
                             window=av.planning_window(workspace.today()), fetched_at=copy.fetched_at)


def _forget(workspace: Workspace, copy: StoredCopy) -> None:
    current = stored_copy(workspace, copy.department, copy.location)
    if current is None or current.content != copy.content:
        raise _changed_elsewhere()
    av.remove_source(workspace.db, copy.department, copy.location)


def record_source_added(workspace: Workspace, copy: StoredCopy) -> None:
    """A background import stored a new source: make it undoable (undo forgets it again)."""
    text = translate("AvailabilityEdits", "Add busy-time source for {department}").format(department=copy.department)
    workspace.record_done(text, AVAILABILITY, lambda: _store(workspace, copy), lambda: _forget(workspace, copy))


def remove_source(workspace: Workspace, source: av.AvailabilitySource) -> bool:
    copy = stored_copy(workspace, source.department, source.location)
    text = translate("AvailabilityEdits", "Remove busy-time source for {department}").format(
        department=source.department)
    if copy is None:   # nothing stored to bring back: removing it cannot be undone, but loses nothing
        return workspace.run_step(lambda: av.remove_source(workspace.db, source.department, source.location),
                                  AVAILABILITY)
    return workspace.edit(text, AVAILABILITY, lambda: _forget(workspace, copy), lambda: _store(workspace, copy))
