"""The append-only history of requests and visits (DESIGN §11): who changed what, when.

Triggers in the schema refuse UPDATE and DELETE on the table, so nothing edits history; a correction
(an undo, say) is a new entry. Callers append inside the transaction of the change they record, so a
change and its entry are committed together or not at all.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Iterable

from sqlite_utils import Database

from desktop_app.core.model.domain import HistoryEntry, Settings
from desktop_app.core.store.database import now_iso


def clerk_name(settings: Settings) -> str:
    """The clerk a change is recorded under: the name set in settings, else the computer's user."""
    if settings.clerk_name.strip():
        return settings.clerk_name.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):   # no user name on this system (a container, say)
        return "?"


def append(db: Database, clerk: str, project: str, event: str, detail: dict | None = None,
           visit: int | None = None, at: str | None = None) -> None:
    """Add one entry; ``event`` is a key of desktop_app.core.acceptance.history_text.EVENTS."""
    db.execute("INSERT INTO history (project, visit, at, clerk, event, detail) VALUES (?, ?, ?, ?, ?, ?)",
               [project, visit, at or now_iso(), clerk, event,
                json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)])


def append_many(db: Database, clerk: str, entries: Iterable[tuple[str, str, dict, int | None]]) -> None:
    """Add (project, event, detail, visit) entries stamped with one time."""
    at = now_iso()
    for project, event, detail, visit in entries:
        append(db, clerk, project, event, detail, visit, at)


def entries(db: Database, project: str) -> list[HistoryEntry]:
    """A request's history, oldest first."""
    rows = db.execute("SELECT id, project, visit, at, clerk, event, detail FROM history WHERE project = ? "
                      "ORDER BY id", [project]).fetchall()
    return [HistoryEntry(at=dt.datetime.fromisoformat(r[3]), clerk=r[4], project=r[1], event=r[5],
                         detail=json.loads(r[6]), visit=r[2], id=r[0]) for r in rows]
