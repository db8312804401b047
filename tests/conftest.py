"""Shared fixtures: real SQLite files in a temporary folder, the demo data at a fixed 'today'."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.model import messages  # noqa: E402
from desktop_app.core.calendar.availability import store_calendar_bytes  # noqa: E402
from desktop_app.core.dataset.demo import ANCHOR_MONDAY, load_demo  # noqa: E402
from desktop_app.core.store.repository import Repository  # noqa: E402
from desktop_app.core.store.database import open_database  # noqa: E402
from tests.disk_full import small_disk_at  # noqa: E402
from tests.radicale_server import RadicaleServer  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
# The demo's anchor week, so tests see the demo's dates exactly as written in seeds/demo.
DEMO_TODAY = ANCHOR_MONDAY


@pytest.fixture(autouse=True)
def _english_messages_by_default():
    """Core messages in English for assertions; tests of the Chinese text switch explicitly."""
    messages.set_language("en")
    yield
    messages.set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "bureau.sqlite"


@pytest.fixture
def db(db_path: Path):
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def repo(db) -> Repository:
    return Repository(db)


@pytest.fixture
def demo_db(db):
    """A database holding the demo dataset, dated as in seeds/demo (today = 2026-11-30)."""
    load_demo(db, today=DEMO_TODAY, availability_writer=store_calendar_bytes)
    return db


@pytest.fixture
def demo_repo(demo_db) -> Repository:
    return Repository(demo_db)


@pytest.fixture
def demo_today() -> dt.date:
    return DEMO_TODAY


def _set_immutable(folder: Path, on: bool) -> None:
    if shutil.which("chattr"):
        subprocess.run(["chattr", "+i" if on else "-i", str(folder)], capture_output=True)


@pytest.fixture
def read_only_folder(tmp_path: Path):
    """A folder nobody can write to, root included (immutable flag where the file system has it)."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    _set_immutable(folder, True)
    try:
        (folder / "probe").touch()
    except OSError:
        pass
    else:
        (folder / "probe").unlink()
        _set_immutable(folder, False)
        folder.chmod(0o755)
        pytest.skip("this file system cannot make a folder read-only for this user")
    yield folder
    _set_immutable(folder, False)
    folder.chmod(0o755)


@pytest.fixture
def make_read_only():
    """Make files read-only for everyone, root included (immutable flag where there is one)."""
    made: list[Path] = []

    def make(path: Path) -> Path:
        path.chmod(0o444)
        _set_immutable(path, True)
        made.append(path)
        if os.access(path, os.W_OK):
            pytest.skip("this file system cannot make a file read-only for this user")
        return path

    yield make
    for path in made:
        _set_immutable(path, False)
        path.chmod(0o644)


@pytest.fixture
def memory_keyring():
    """A working system keyring that lives in memory (the test machine has none: keyring's fail backend)."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self) -> None:
            super().__init__()
            self.passwords: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.passwords.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.passwords[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.passwords.pop((service, username), None)

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real, nearly empty 512 KiB file system (tmpfs), for disk-full tests; needs root to mount."""
    with small_disk_at(tmp_path / "small-disk") as folder:
        yield folder


@pytest.fixture
def radicale(tmp_path):
    server = RadicaleServer(tmp_path / "radicale")
    yield server
    server.stop()


@pytest.fixture
def radicale_with_password(tmp_path):
    server = RadicaleServer(tmp_path / "radicale", users={"bureau": "秘密-s3cret"})
    yield server
    server.stop()
