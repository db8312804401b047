"""`joint-acceptance --version`: the version IT staff and bug reports quote, printed without loading Qt."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from desktop_app import version

ROOT = Path(__file__).resolve().parents[2]


def pyproject_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def test_version_prints_the_programs_version_and_exits_0():
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--version"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"joint-acceptance {pyproject_version()}\n"
    assert result.stderr == ""


def test_version_loads_neither_qt_nor_ortools():
    script = (
        "import sys\n"
        "from desktop_app.cli import main\n"
        "assert main(['--version']) == 0\n"
        "heavy = [m for m in sys.modules if m.startswith(('PySide6', 'ortools', 'icalendar', 'sqlite_utils'))]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_without_installed_metadata_the_version_comes_from_pyproject(monkeypatch):
    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert version.app_version() == pyproject_version()
