"""Undoable availability edits: blocked dates, seasonal office hours, busy-time sources.

Each edit runs through ``Workspace.edit`` (one core call = one transaction) and is undone by the
inverse core call. Undo checks the database still holds what the edit left (compare-and-set),
so it never overwrites a change made meanwhile by another window: such a command turns obsolete.
Fetching a source is background work (``availability_jobs``); only its stored result is undoable.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

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
# A source is removed and stored again whole (av.SourceSnapshot): its copy and busy time, and since m005
# its user name, bureau, sync token and CalDAV resources too, so an undone removal needs no fresh download.
StoredCopy = av.SourceSnapshot


def stored_copy(workspace: Workspace, department: str, location: str) -> StoredCopy | None:
    """The source as stored now (None: there is none)."""
    return av.source_snapshot(workspace.db, department, location)


def _store(workspace: Workspace, copy: StoredCopy) -> None:
    if stored_copy(workspace, copy.department, copy.location) is not None:
        raise _changed_elsewhere()
    av.restore_source(workspace.db, copy)


def _take(workspace: Workspace, copy: StoredCopy) -> StoredCopy:
    """Remove the source if it still holds the copy this command knows; what it stored, for putting back."""
    current = stored_copy(workspace, copy.department, copy.location)
    if current is None or current.content != copy.content:
        raise _changed_elsewhere()
    return av.take_source(workspace.db, copy.department, copy.location) or current


def _source_edit(workspace: Workspace, text: str, copy: StoredCopy, *, added: bool) -> bool:
    """Undoable removal (``added`` False: removed now) or addition (already stored by a background job).

    Each removal keeps what it took: a refresh between redo and undo (new sync token, same content)
    is what the next undo brings back."""
    latest = [copy]

    def take() -> None:
        latest[0] = _take(workspace, latest[0])

    def put_back() -> None:
        _store(workspace, latest[0])

    if added:
        workspace.record_done(text, AVAILABILITY, put_back, take)
        return True
    return workspace.edit(text, AVAILABILITY, take, put_back)


def record_source_added(workspace: Workspace, copy: StoredCopy) -> None:
    """A background import stored a new source: make it undoable (undo forgets it again)."""
    text = translate("AvailabilityEdits", "Add busy-time source for {department}").format(department=copy.department)
    _source_edit(workspace, text, copy, added=True)


def remove_source(workspace: Workspace, source: av.AvailabilitySource) -> bool:
    copy = stored_copy(workspace, source.department, source.location)
    if copy is None:   # gone already (another window): nothing to remove or to bring back
        workspace.changed.emit(AVAILABILITY)
        return False
    text = translate("AvailabilityEdits", "Remove busy-time source for {department}").format(
        department=source.department)
    return _source_edit(workspace, text, copy, added=False)
