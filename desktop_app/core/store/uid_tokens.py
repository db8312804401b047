"""The database's identity in exported UIDs: a random token created once and never changed.

Feeds write it into every UID; the calendar import uses it to recognise our own visits coming back
in a department's calendar (the round trip), so it lives with the store both of them read.
"""

from __future__ import annotations

import json
import uuid

from desktop_app.core.store.repository import Repository

UID_TOKEN_KEY = "ical_uid_token"


def uid_token(repo: Repository) -> str:
    """The database's own random token for UIDs, created on first use and never changed."""
    table = repo.db["settings"]
    rows = list(table.rows_where("key = ?", [UID_TOKEN_KEY]))
    if not rows:
        # Stored JSON-encoded like every settings value; ignore=True keeps a token another process won the race for.
        with repo.db.atomic():
            table.insert({"key": UID_TOKEN_KEY, "value": json.dumps(uuid.uuid4().hex[:16])}, pk="key", ignore=True)
        rows = list(table.rows_where("key = ?", [UID_TOKEN_KEY]))
    return json.loads(rows[0]["value"])


def visit_uid(visit_id: int, token: str) -> str:
    """A visit's UID: its database id (never reused) at this database's token."""
    return f"visit-{visit_id}{own_uid_suffix(token)}"


def own_uid_suffix(token: str) -> str:
    """How every UID this database ever exported ends; another bureau's token differs."""
    return f"@{token}.joint-acceptance"


def stored_uid_token(db) -> str | None:
    """The database's UID token if it has exported anything, without creating one."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [UID_TOKEN_KEY]).fetchone()
    return json.loads(row[0]) if row else None
