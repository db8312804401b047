"""What the installable build relies on (packaging/): resources found when frozen, the desktop entry,
the start-up check the build times, and the constraints file that pins the oldest supported versions."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def test_a_frozen_bundle_finds_resources_and_the_demo_under_its_data_folder(tmp_path):
    script = (
        "import sys\n"
        f"sys.frozen, sys._MEIPASS = True, {str(tmp_path)!r}\n"
        "from desktop_app import paths\n"
        "print(paths.FONTS, paths.I18N, paths.ICONS, paths.DEMO_DATASET, sep='\\n')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == [str(tmp_path / "resources" / "fonts"), str(tmp_path / "resources" / "i18n"),
                                     str(tmp_path / "resources" / "icons"), str(tmp_path / "seeds" / "demo")]


def test_the_editable_install_finds_them_in_the_repository():
    from desktop_app import paths

    assert not paths.FROZEN
    assert (paths.FONTS / "OFL.txt").is_file() and (paths.DEMO_DATASET / "projects.csv").is_file()
    assert (paths.ICONS / "joint-acceptance-256.png").is_file()


def test_the_desktop_entry_names_the_program_in_chinese_under_office():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "packaging" / "linux" / "joint-acceptance.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name[zh_CN]"] == "联合验收排期"
    assert desktop["Categories"].split(";")[0] == "Office"
    assert desktop["Exec"] == "/opt/joint-acceptance/joint-acceptance-app"
    assert desktop["Icon"] == "joint-acceptance"
    # X11 window managers match the window to the entry by WM_CLASS, whose class Qt takes from the
    # application name; on Wayland by the desktop file name the window announces.
    from desktop_app.ui.app import APPLICATION
    from desktop_app.ui.dialogs.about_dialog import DESKTOP_FILE

    assert desktop["StartupWMClass"] == APPLICATION
    assert (ROOT / "packaging" / "linux" / f"{DESKTOP_FILE}.desktop").is_file()
    for size in (16, 32, 48, 256):
        assert (ROOT / "resources" / "icons" / f"joint-acceptance-{size}.png").is_file()


def _inno_section(name: str) -> list[str]:
    """The entries of one [Section] of the Windows installer script (comments and blank lines left out)."""
    text = (ROOT / "packaging" / "windows" / "joint-acceptance.iss").read_text(encoding="utf-8-sig")
    header = "[" + name + "]\n"
    lines = text.split(header, 1)[1].split("\n[", 1)[0].splitlines() if header in text else []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith(";")]


def test_a_windows_upgrade_removes_the_old_bundles_libraries_but_never_the_databases():
    """Inno Setup only overwrites files: a library an older bundle had and a newer one dropped would stay in
    _internal and could be loaded by the new program. The databases live in %LOCALAPPDATA%, not under {app}."""
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in _inno_section("InstallDelete")
    assert all("{localappdata}" not in entry.lower() and "{userappdata}" not in entry.lower()
               for entry in _inno_section("InstallDelete") + _inno_section("UninstallDelete"))


def test_the_startup_check_quits_once_the_window_is_painted(tmp_path):
    environment = {**os.environ, "JOINT_ACCEPTANCE_STARTUP_CHECK": "1", "QT_QPA_PLATFORM": "offscreen",
                   "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(tmp_path / "bureau.sqlite")],
                            env=environment, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "bureau.sqlite").is_file()


def _requirements() -> list[Requirement]:
    with open(ROOT / "pyproject.toml", "rb") as file:
        project = tomllib.load(file)["project"]
    return [Requirement(text) for text in project["dependencies"] + project["optional-dependencies"]["test"]]


def test_the_oldest_constraints_pin_every_dependency_at_its_lower_bound():
    """constraints/oldest.txt (CI's second run) must test exactly the lower bounds pyproject.toml promises."""
    pins = {}
    for line in (ROOT / "constraints" / "oldest.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip().lower()] = version.strip()
    for requirement in _requirements():
        lower = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        assert lower, f"{requirement} has no lower bound"
        name = requirement.name.lower()
        assert name in pins, f"{requirement.name} is not pinned in constraints/oldest.txt"
        assert requirement.specifier.contains(pins[name]), f"{requirement.name}=={pins[name]} is outside {requirement}"
        pinned, bound = Version(pins[name]), Version(lower[0])
        assert pinned.release[:len(bound.release)] == bound.release and pinned.post == bound.post, \
            f"{requirement.name}=={pins[name]} is not the lower bound {lower[0]}"
