"""The rows of departments' confirmations (回执): an append-only log, one row per answer received.

Plain reads and writes; the state rule (待确认 / 已确认 / 已拒绝 / 未答复) is in
desktop_app.core.acceptance.confirmations. "The answer that counts" is defined here once, in SQL,
because availability (below acceptance) needs the current declines too: the latest row of a
department of a *published* visit whose sequence is the visit's current SEQUENCE.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from desktop_app.core.model.domain import ConfirmationSource, Partstat
from desktop_app.core.store.database import now_iso

_PARTSTAT = {p.value: p for p in Partstat}
_SOURCE = {s.value: s for s in ConfirmationSource}


@dataclass(frozen=True)
class Answer:
    """One stored answer of a department to one visit at one SEQUENCE."""

    id: int
    visit: int
    department: str
    sequence: int
    partstat: Partstat
    reason: str
    source: ConfirmationSource
    answered_at: dt.datetime | None
    recorded_at: dt.datetime


_COLUMNS = "c.id, c.visit, c.department, c.sequence, c.partstat, c.reason, c.source, c.answered_at, c.recorded_at"

# The latest answer of each (visit, department) for the visit's current SEQUENCE, of published visits, for
# departments still at the visit. ``{where}`` narrows the visits (alias v).
_CURRENT = f"""
    SELECT {_COLUMNS}, v.start, v.end FROM confirmations c
    JOIN visits v ON v.id = c.visit AND c.sequence = v.sequence
    JOIN visit_departments vd ON vd.visit = c.visit AND vd.department = c.department
    WHERE v.status = 'published' AND {{where}}
      AND c.id = (SELECT max(c2.id) FROM confirmations c2
                  WHERE c2.visit = c.visit AND c2.department = c.department AND c2.sequence = c.sequence)
"""


def _answer(row) -> Answer:
    return Answer(id=row[0], visit=row[1], department=row[2], sequence=row[3], partstat=_PARTSTAT[row[4]],
                  reason=row[5], source=_SOURCE[row[6]],
                  answered_at=dt.datetime.fromisoformat(row[7]) if row[7] else None,
                  recorded_at=dt.datetime.fromisoformat(row[8]))


def insert_answer(db: Database, visit: int, department: str, sequence: int, partstat: Partstat, reason: str,
                  source: ConfirmationSource, answered_at: dt.datetime | None = None) -> int:
    """Append one answer (the caller holds the transaction and has checked it); returns its id."""
    return db.execute(
        "INSERT INTO confirmations (visit, department, sequence, partstat, reason, source, answered_at, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [visit, department, sequence, str(partstat), reason, str(source),
         answered_at.isoformat() if answered_at else None, now_iso()]).lastrowid


def current_answers(db: Database, visit_ids: Iterable[int] | None = None) -> dict[tuple[int, str], Answer]:
    """The answer that counts per (visit, department); ``visit_ids`` narrows (None: every published visit)."""
    if visit_ids is None:
        rows = db.execute(_CURRENT.format(where="1")).fetchall()
    else:
        rows = db.execute(_CURRENT.format(where="v.id IN (SELECT value FROM json_each(?))"),
                          [json.dumps(list(visit_ids))]).fetchall()
    return {(row[1], row[2]): _answer(row) for row in rows}


@dataclass(frozen=True)
class Decline:
    """A department declined a published visit at its current time: it is busy then (its own words)."""

    visit: int
    department: str
    start: dt.datetime
    end: dt.datetime
    reason: str


def current_declines(db: Database, low: dt.datetime, high: dt.datetime) -> list[Decline]:
    """Current declines of visits that overlap [low, high) (compared as stored text with a day's margin)."""
    rows = db.execute(_CURRENT.format(where="v.start < ? AND v.end > ?") + " AND c.partstat = 'DECLINED'",
                      [(high + dt.timedelta(days=1)).isoformat(), (low - dt.timedelta(days=1)).isoformat()])
    found = []
    for row in rows:
        start, end = dt.datetime.fromisoformat(row[9]), dt.datetime.fromisoformat(row[10])
        if start < high and end > low:
            found.append(Decline(row[1], row[2], start, end, row[5]))
    return found


def latest_from(db: Database, visit: int, department: str, sequence: int,
                source: ConfirmationSource) -> Answer | None:
    """The latest answer from one source for one visit, department and SEQUENCE (None: none yet)."""
    row = db.execute(f"SELECT {_COLUMNS} FROM confirmations c WHERE c.visit = ? AND c.department = ? "
                     "AND c.sequence = ? AND c.source = ? ORDER BY c.id DESC LIMIT 1",
                     [visit, department, sequence, str(source)]).fetchone()
    return _answer(row) if row else None


def answers(db: Database, visit: int) -> list[Answer]:
    """Every answer ever received for a visit (every SEQUENCE), in the order recorded: its history."""
    return [_answer(row) for row in db.execute(
        f"SELECT {_COLUMNS} FROM confirmations c WHERE c.visit = ? ORDER BY c.id", [visit])]
