"""The layers of DESIGN §3, as import-linter contracts in pyproject.toml (napari's contract test).

`lint-imports` checks the whole import graph: the core imports no Qt, printing, UI or CLI; printing no
UI or CLI; the UI no CLI (nor any module of the cli package); the command groups of desktop_app/cli share
only common.py; the core's parts in the order model ← store ← calendar ← acceptance ← planning | feeds |
dataset ← reports. The runtime checks below keep the command line's start-up light.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports(project: Path) -> subprocess.CompletedProcess:
    """Run import-linter on ``project`` (a folder holding pyproject.toml and desktop_app/)."""
    return subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                           "lint_imports_command()", "--no-cache"],
                          cwd=project, capture_output=True, text=True, env={"PYTHONPATH": str(project),
                                                                            "PATH": "/usr/bin:/bin"})


def _copy_project(destination: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", destination)
    shutil.copytree(ROOT / "desktop_app", destination / "desktop_app",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def test_the_layer_contracts_hold():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_qt_import_in_the_core_breaks_a_contract(tmp_path):
    project = _copy_project(tmp_path)
    module = project / "desktop_app" / "core" / "store" / "repository.py"
    module.write_text("import PySide6.QtCore\n" + module.read_text(encoding="utf-8"), encoding="utf-8")
    result = _lint_imports(project)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and "desktop_app.core.store.repository -> PySide6" in result.stdout


def test_an_upward_import_between_core_parts_breaks_a_contract(tmp_path):
    project = _copy_project(tmp_path)
    module = project / "desktop_app" / "core" / "calendar" / "workdays.py"
    module.write_text(module.read_text(encoding="utf-8") + "\nfrom desktop_app.core.planning import scheduler\n",
                      encoding="utf-8")
    result = _lint_imports(project)
    assert result.returncode != 0
    assert "The core's parts stand in layers BROKEN" in result.stdout


def test_a_window_importing_any_module_of_the_cli_package_breaks_a_contract(tmp_path):
    """The contracts name the package desktop_app.cli: each of its modules is out of the window's reach."""
    project = _copy_project(tmp_path)
    module = project / "desktop_app" / "ui" / "main_window.py"
    module.write_text(module.read_text(encoding="utf-8") + "\nfrom desktop_app.cli.common import UsageError\n",
                      encoding="utf-8")
    result = _lint_imports(project)
    assert result.returncode != 0
    assert "The window never imports the command line BROKEN" in result.stdout
    assert "desktop_app.ui.main_window -> desktop_app.cli.common" in result.stdout


def test_one_command_group_importing_another_breaks_a_contract(tmp_path):
    """The command groups share only cli/common.py (the settings command stays a module of its own)."""
    project = _copy_project(tmp_path)
    module = project / "desktop_app" / "cli" / "settings_commands.py"
    module.write_text(module.read_text(encoding="utf-8") + "\nfrom desktop_app.cli.publish_commands import "
                      "run_publish\n", encoding="utf-8")
    result = _lint_imports(project)
    assert result.returncode != 0
    assert "The command line's modules stand in layers BROKEN" in result.stdout


def _runs_cleanly(script: str) -> None:
    """Run ``script`` in a fresh interpreter (nothing imported yet) and fail with its error output."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_cli_help_imports_neither_qt_nor_ortools():
    script = (
        "import sys\n"
        "from desktop_app.cli import build_parser\n"
        "try:\n"
        "    build_parser().parse_args(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in sys.modules if m.startswith(('PySide6', 'ortools', 'icalendar'))]\n"
        "assert not heavy, heavy\n"
    )
    _runs_cleanly(script)


def test_core_start_up_does_not_load_pandas():
    """sqlite-utils would pull in pandas (a third of a command's start-up); the core keeps it out."""
    script = (
        "import sys\n"
        "import desktop_app.core.reports.metrics, desktop_app.core.feeds.ical_export, desktop_app.core.dataset.dataset_import\n"
        "assert 'pandas' not in sys.modules and 'numpy' not in sys.modules\n"
        "import sqlite_utils\n"
        "db = sqlite_utils.Database(memory=True)\n"
        "db['t'].insert({'a': 1})\n"
        "assert db['t'].count == 1\n"
    )
    _runs_cleanly(script)
