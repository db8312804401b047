"""Lock, cancel and publish visits: the same core calls from the GUI and the `visit` command."""

import datetime as dt
import json
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

from desktop_app.core.planning import visit_actions
from desktop_app.core.model.domain import RequestStatus, Visit, VisitStatus
from desktop_app.core.store.database import open_database

ZONE = ZoneInfo("Asia/Shanghai")


def _visit(repo, project="XM2026-001", hour=9) -> Visit:
    start = dt.datetime(2026, 12, 2, hour, tzinfo=ZONE)
    visit_id = repo.insert_visit(Visit(None, project, start, start + dt.timedelta(hours=2), "P03", ("D01",), ("I01",)))
    repo.set_project_status(project, RequestStatus.SCHEDULED)
    return repo.visit(visit_id)


def test_cancel_sends_the_request_back_to_waiting(demo_repo):
    visit = _visit(demo_repo)
    (cancelled,) = visit_actions.cancel_visits(demo_repo, [visit])
    assert cancelled.status is VisitStatus.CANCELLED
    assert demo_repo.project("XM2026-001").status is RequestStatus.PENDING
    assert demo_repo.visits(project="XM2026-001") == []


def test_lock_and_publish(demo_repo):
    visit = _visit(demo_repo)
    (locked,) = visit_actions.set_locked(demo_repo, [visit], True)
    assert locked.locked and demo_repo.visit(visit.id).locked
    (published,) = visit_actions.mark_published(demo_repo, [locked])
    assert published.status is VisitStatus.PUBLISHED
    assert visit_actions.mark_published(demo_repo, [published]) == []     # already published: nothing to do


def test_a_visit_changed_meanwhile_is_refused_and_nothing_written(demo_repo):
    first, second = _visit(demo_repo), _visit(demo_repo, "XM2026-002", 14)
    visit_actions.set_locked(demo_repo, [second], True)                   # another window locks the second
    with pytest.raises(visit_actions.VisitChangedError):
        visit_actions.cancel_visits(demo_repo, [first, second])
    assert demo_repo.visit(first.id).status is VisitStatus.PLANNED        # the first was rolled back too


def test_unknown_visit_is_bad_input(demo_repo):
    with pytest.raises(visit_actions.UnknownVisitError, match="no visit 4711"):
        visit_actions.load_visits(demo_repo, [4711])


def _cli(db_path, *args):
    return subprocess.run([sys.executable, "-m", "desktop_app", "--lang", "en", "visit", *args, "--db", str(db_path)],
                          capture_output=True, text=True, timeout=120)


def test_visit_command(demo_db, db_path):
    from desktop_app.core.store.repository import Repository

    visit = _visit(Repository(demo_db))
    demo_db.close()
    assert _cli(db_path, "lock", str(visit.id)).stdout.strip() == "1 visit(s) locked."
    listed = json.loads(_cli(db_path, "list", "--json").stdout)
    assert [(v["id"], v["locked"], v["status"]) for v in listed] == [(visit.id, True, "planned")]
    assert _cli(db_path, "publish", str(visit.id)).returncode == 0
    assert _cli(db_path, "cancel", str(visit.id)).stdout.strip() == "1 visit(s) cancelled."
    assert json.loads(_cli(db_path, "list", "--json").stdout) == []
    refused = _cli(db_path, "lock")
    assert refused.returncode == 2 and "VISIT_ID" in refused.stderr
    after = open_database(db_path)
    assert Repository(after).visit(visit.id).status is VisitStatus.CANCELLED
