"""The program's identity: its icon, and Help ▸ About with what an IT office asks for when something goes wrong.

The program's version, the database file in use, the Qt, PySide6, OR-Tools and Python versions
(with "Copy details" to paste them into a ticket) and the licence of the bundled font, which the
SIL Open Font License requires to travel with it.
"""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from desktop_app.paths import FONTS, ICONS
from desktop_app.ui.widgets.screen_fit import resize_within_screen
from desktop_app.version import app_version

translate = QCoreApplication.translate
FONT_FAMILY = "JAS Noto Sans SC"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
# The name of the .desktop entry the Linux packages install (packaging/linux/): Wayland docks and
# taskbars find the icon and the name through it.
DESKTOP_FILE = "joint-acceptance"


def app_icon() -> QIcon:
    """The window icon, from the PNGs rendered from resources/icons/joint-acceptance.svg (no SVG plugin needed)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(ICONS / f"joint-acceptance-{size}.png"))
    return icon


def library_version(distribution: str) -> str:
    """An installed package's version from its metadata, without importing it (OR-Tools takes a second)."""
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "—"


def details(database: Path) -> list[tuple[str, str]]:
    """The rows of the dialog, labels translated: also the text "Copy details" puts on the clipboard."""
    return [
        (translate("About", "Version"), app_version()),
        (translate("About", "Database"), str(database)),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("OR-Tools", library_version("ortools")),
        ("Python", platform.python_version()),
    ]


def font_licence() -> str:
    try:
        return (FONTS / "OFL.txt").read_text(encoding="utf-8")
    except OSError:
        return ""


class AboutDialog(QDialog):
    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("About", "About"))
        self.rows = details(database)

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(translate("About", "<b>Joint Acceptance Scheduler</b><br>one on-site visit by every "
                                          "department a finished construction project needs"))
        title.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        heading.addWidget(title, 1)

        form = QFormLayout()
        self.value_labels: dict[str, QLabel] = {}
        for label, value in self.rows:
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            self.value_labels[label] = field
            form.addRow(label, field)

        font_title = QLabel(translate("About", "The bundled font {family} is licensed under the SIL Open Font "
                                               "License, Version 1.1:").format(family=FONT_FAMILY))
        font_title.setWordWrap(True)
        self.licence = QPlainTextEdit(font_licence())
        self.licence.setReadOnly(True)
        self.licence.setMinimumHeight(160)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(translate("About", "Copy details"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(form)
        layout.addWidget(font_title)
        layout.addWidget(self.licence, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 620, 560)

    def details_text(self) -> str:
        return "\n".join(f"{label}: {value}" for label, value in self.rows)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
