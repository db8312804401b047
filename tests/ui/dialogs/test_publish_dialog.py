"""Publish from the GUI: the folder and a real Radicale on 127.0.0.1, in the background, with a clear result."""

from __future__ import annotations

import pytest

from desktop_app.core.model.domain import VisitStatus
from desktop_app.core.planning.scheduler import run_schedule
from tests.radicale_server import read_back as _read_back


@pytest.fixture
def scheduled(window, demo_today):
    run_schedule(window.workspace.repo, demo_today, solver="greedy")
    window.workspace.reload()
    return window


def test_publish_marks_planned_visits_and_mirrors_folder_and_caldav(scheduled, qtbot, tmp_path, radicale):
    window, repo = scheduled, scheduled.workspace.repo
    dialog = window.schedule_actions.publish()
    assert dialog.mark.isChecked() and "30" in dialog.mark.text()
    dialog.folder.setText(str(tmp_path / "feeds"))
    dialog.caldav.setText(radicale.url)
    dialog.username.setText("bureau")
    with qtbot.waitSignal(dialog.finished_publishing, timeout=120_000) as signal:
        assert dialog.publish()
    outcome = signal.args[0]
    assert not outcome.errors, outcome.errors
    assert {v.status for v in repo.visits()} == {VisitStatus.PUBLISHED}
    assert (tmp_path / "feeds" / "joint-acceptance.ics").exists()
    assert outcome.caldav.created > 0 and len(_read_back(radicale.url, "bureau")["joint-acceptance"]) == 30
    assert "CalDAV" in dialog.result.text() and "Failed" not in dialog.result.text()
    settings = repo.settings()
    assert (settings.export_folder, settings.caldav_url) == (str(tmp_path / "feeds"), radicale.url)
    # Publishing again writes nothing new: every file and event is unchanged.
    with qtbot.waitSignal(dialog.finished_publishing, timeout=120_000) as signal:
        dialog.publish()
    again = signal.args[0]
    assert again.folder.written == [] and again.caldav.created == again.caldav.updated == 0


def test_a_typed_password_is_used_and_remembered_in_the_keyring_not_the_database(
        scheduled, qtbot, radicale_with_password, memory_keyring, monkeypatch):
    monkeypatch.delenv("JOINT_ACCEPTANCE_CALDAV_PASSWORD", raising=False)
    window, url = scheduled, radicale_with_password.url
    dialog = window.schedule_actions.publish()
    dialog.mark.setChecked(False)
    dialog.folder.setText("")
    dialog.caldav.setText(url)
    dialog.username.setText("bureau")
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password and dialog.remember.isEnabled()
    dialog.password.setText("秘密-s3cret")
    dialog.remember.setChecked(True)
    with qtbot.waitSignal(dialog.finished_publishing, timeout=120_000) as signal:
        assert dialog.publish()
    outcome = signal.args[0]
    assert not outcome.errors and outcome.password_remembered
    assert "keyring" in dialog.result.text()
    assert memory_keyring.passwords == {("joint-acceptance-caldav", f"bureau@{url}"): "秘密-s3cret"}
    assert window.workspace.repo.settings().caldav_username == "bureau"
    assert "秘密-s3cret".encode() not in window.workspace.path.read_bytes()

    dialog.password.clear()            # next time the keyring answers
    with qtbot.waitSignal(dialog.finished_publishing, timeout=120_000) as signal:
        dialog.publish()
    assert not signal.args[0].errors and signal.args[0].caldav.unchanged > 0


def test_invitations_for_e_mail_are_written_when_asked(scheduled, qtbot, tmp_path):
    dialog = scheduled.schedule_actions.publish()
    dialog.folder.setText(str(tmp_path / "feeds"))
    dialog.caldav.setText("")
    assert not dialog.invitations.isChecked()          # only for bureaus that e-mail them
    dialog.invitations.setChecked(True)
    with qtbot.waitSignal(dialog.finished_publishing, timeout=120_000) as signal:
        dialog.publish()
    assert not signal.args[0].errors
    invitations = sorted((tmp_path / "feeds" / "invitations").glob("visit-*.ics"))
    assert len(invitations) == 30
    assert all(b"METHOD:REQUEST" in path.read_bytes() and b"ATTENDEE" in path.read_bytes() for path in invitations)


def test_a_server_that_is_down_is_named_and_the_folder_still_gets_its_feeds(scheduled, qtbot, tmp_path):
    window = scheduled
    dialog = window.schedule_actions.publish()
    dialog.mark.setChecked(False)
    dialog.folder.setText(str(tmp_path / "feeds"))
    dialog.caldav.setText("http://127.0.0.1:9/")
    with qtbot.waitSignal(dialog.finished_publishing, timeout=120_000) as signal:
        dialog.publish()
    outcome = signal.args[0]
    assert outcome.folder is not None and outcome.folder.written
    assert len(outcome.errors) == 1 and "127.0.0.1:9" in outcome.errors[0]
    assert "Failed" in dialog.result.text()
    assert {v.status for v in window.workspace.repo.visits()} == {VisitStatus.PLANNED}
