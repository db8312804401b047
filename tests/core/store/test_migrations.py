"""Every schema version ever shipped opens and migrates: one real fixture database per version.

When you add a migration, first copy a database written by the previous release into
tests/fixtures/schema_v<N>.sqlite (N = its number of migrations), so the new migration is
tested against a real old file (TagStudio's practice).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from desktop_app.core.store.repository import Repository
from desktop_app.core.store.database import (
    APPLICATION_ID, MIGRATION_SET, known_migration_names, open_database, schema_version,
)

FIXTURES = Path(__file__).parents[2] / "fixtures"
VERSIONED = sorted(FIXTURES.glob("schema_v*.sqlite"))


def test_there_is_a_fixture_for_every_schema_version():
    versions = {int(re.search(r"schema_v(\d+)", p.name).group(1)) for p in VERSIONED}
    assert versions == set(range(1, schema_version() + 1))


@pytest.mark.parametrize("fixture", VERSIONED, ids=lambda p: p.stem)
def test_old_database_opens_migrates_and_keeps_its_data(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    version = int(re.search(r"schema_v(\d+)", fixture.name).group(1))
    db = open_database(path)
    applied = [r[0] for r in db.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET])]
    assert applied == known_migration_names()
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID, "marked as ours once migrated"
    repo = Repository(db)
    assert len(repo.projects()) == 30
    assert len(repo.departments()) == 14
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    backups = list(tmp_path.glob(f"{path.stem}.v{version}.*.backup.sqlite"))
    if version < schema_version():
        assert len(backups) == 1
        assert open_database(backups[0]) is not None
    else:
        assert backups == []
