"""Help ▸ About and the window icon: what the IT office asks for, in the user's language."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import QSize, QTimer, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop_app.ui.app import set_language
from desktop_app.ui.dialogs.about_dialog import AboutDialog

ROOT = Path(__file__).resolve().parents[3]


def pyproject_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def shown_values(dialog: AboutDialog) -> dict[str, str]:
    return {label: field.text() for label, field in dialog.value_labels.items()}


def test_about_names_version_database_libraries_and_the_fonts_licence(qtbot, db_path):
    dialog = AboutDialog(db_path)
    qtbot.addWidget(dialog)
    values = shown_values(dialog)
    assert values["Version"] == pyproject_version()
    assert values["Database"] == str(db_path)
    assert values["Qt"] == qVersion()
    assert values["PySide6"] == PySide6.__version__
    assert values["OR-Tools"] == metadata.version("ortools")
    licence = dialog.licence.toPlainText()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "JAS Noto Sans SC" in licence

    dialog.copy_details()
    copied = QGuiApplication.clipboard().text()
    assert f"Database: {db_path}" in copied and f"Qt: {qVersion()}" in copied


def test_about_in_chinese(qtbot, qapp, db_path):
    set_language(qapp, "zh_CN")
    dialog = AboutDialog(db_path)
    qtbot.addWidget(dialog)
    values = shown_values(dialog)
    assert values["版本"] == pyproject_version()
    assert values["数据库"] == str(db_path)


def test_help_about_opens_from_the_window_which_has_the_icon(window, qtbot):
    for size in (16, 32, 48, 256):
        assert window.windowIcon().actualSize(QSize(size, size)) == QSize(size, size)
    assert not QApplication.instance().windowIcon().isNull()

    # Keep the menu bar's action referenced: PySide6 6.8.0 deletes the menu that QAction.menu() returned
    # once the action's Python wrapper is collected.
    help_action = next(a for a in window.menuBar().actions() if a.text() == "&Help")
    about = next(a for a in help_action.menu().actions() if a.text() == "About")
    seen: list[dict[str, str]] = []

    def close_it():
        dialog = QApplication.activeModalWidget()
        seen.append(shown_values(dialog))
        dialog.reject()

    QTimer.singleShot(0, close_it)
    about.trigger()
    assert seen and seen[0]["Database"] == str(window.workspace.path)
