"""A database on a network share (SMB/CIFS, NFS): rollback journal instead of WAL, and two clerks' runs at
once are refused, never lost. The share is simulated: the mount type the program reads is faked."""

from __future__ import annotations

import subprocess
import sys

from desktop_app.core.store import file_system
from desktop_app.core.store.database import open_database
from tests.cli.test_concurrency import TODAY, assert_no_double_booking

FAKE_SHARE = "import desktop_app.core.store.file_system as fs; fs.mount_type = lambda path, mounts=None: 'cifs'; "


def test_the_mount_type_is_read_from_the_mount_table(tmp_path):
    mounts = ("/dev/vda / ext4 rw 0 0\n"
              "//nas/审批 /mnt/share cifs rw,vers=3.0 0 0\n"
              "server:/export /mnt/share/nfs nfs4 rw 0 0\n")
    assert file_system.mount_type(tmp_path / "x.sqlite", mounts) == "ext4"
    assert file_system.mount_type(file_system.Path("/mnt/share/bureau.sqlite"), mounts) == "cifs"
    assert file_system.mount_type(file_system.Path("/mnt/share/nfs/a/bureau.sqlite"), mounts) == "nfs4"
    assert file_system.mount_type(file_system.Path("/mnt/shared/bureau.sqlite"), mounts) == "ext4"


def test_a_database_on_a_share_uses_a_rollback_journal(tmp_path, monkeypatch):
    monkeypatch.setattr(file_system, "mount_type", lambda path, mounts=None: "cifs")
    db = open_database(tmp_path / "bureau.sqlite")
    try:
        assert db.network
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        db["settings"].insert({"key": "x", "value": "1"})
        assert not (tmp_path / "bureau.sqlite-wal").exists()
    finally:
        db.close()
    monkeypatch.undo()
    local = open_database(tmp_path / "local.sqlite")
    assert not local.network and local.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    local.close()


def test_two_clerks_scheduling_at_once_on_a_share_never_both_save(tmp_path):
    path = tmp_path / "bureau.sqlite"
    def run(*args: str) -> list[str]:
        return [sys.executable, "-c", FAKE_SHARE + "import sys; from desktop_app.cli import main; "
                "sys.exit(main(sys.argv[1:]))", "--lang", "en", *args, "--db", str(path)]
    created = subprocess.run(run("demo", "--today", TODAY), capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    clerks = [subprocess.Popen(run("schedule", "--today", TODAY, "--solver", "cpsat", "--time-limit", "2"),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [clerk.communicate(timeout=180) for clerk in clerks]
    codes = [clerk.returncode for clerk in clerks]
    assert set(codes) <= {0, 2} and 0 in codes, outputs
    for code, (_, stderr) in zip(codes, outputs):
        if code == 2:
            assert "changed while planning" in stderr or "is writing to the database" in stderr, stderr
    assert not path.with_name(path.name + "-wal").exists()
    assert_no_double_booking(path)
