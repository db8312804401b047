"""The core must work without Qt (DESIGN §3): import every core module with PySide6 unimportable."""

import pkgutil
import subprocess
import sys

import desktop_app.core


def _runs_cleanly(script: str) -> None:
    """Run ``script`` in a fresh interpreter (nothing imported yet) and fail with its error output."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_core_module_imports_without_qt():
    modules = [m.name for m in pkgutil.walk_packages(desktop_app.core.__path__, "desktop_app.core.")]
    assert "desktop_app.core.storage" in modules
    script = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6' or name.startswith('PySide6.'):\n"
        "            raise ImportError('Qt is forbidden in desktop_app.core: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    _runs_cleanly(script)


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
        "import desktop_app.core.metrics, desktop_app.core.ical_export, desktop_app.core.dataset\n"
        "assert 'pandas' not in sys.modules and 'numpy' not in sys.modules\n"
        "import sqlite_utils\n"
        "db = sqlite_utils.Database(memory=True)\n"
        "db['t'].insert({'a': 1})\n"
        "assert db['t'].count == 1\n"
    )
    _runs_cleanly(script)
