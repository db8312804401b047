"""The bundled CJK font, registered once and used for every printed page.

Printing with our own "JAS Noto Sans SC" subset (resources/fonts) makes pages identical on
every machine and keeps PDF text searchable: its cmap leaves out the CJK radical blocks, so
Qt's PDF writer records 民 as 民, not as the radical ⺠ (DESIGN §7).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.paths import FONTS

FAMILY = "JAS Noto Sans SC"
FONT_SUFFIXES = (".otf", ".ttf")

_registered: list[str] = []


def ensure_gui_application() -> QGuiApplication:
    """A QGuiApplication for the fonts and the PDF writer; headless unless one already runs.

    The command line needs no window, so it uses the offscreen platform (works over SSH and in
    CI); the GUI creates its own QApplication first and this returns it.
    """
    app = QCoreApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    if not isinstance(app, QGuiApplication):
        raise TypeError("printing needs a QGuiApplication, but a QCoreApplication is running")
    return app


def register_fonts() -> str:
    """Register every bundled font file once; returns the family to print with."""
    ensure_gui_application()
    if _registered:
        return FAMILY
    files = sorted(p for p in FONTS.iterdir() if p.suffix.lower() in FONT_SUFFIXES) if FONTS.is_dir() else []
    families: set[str] = set()
    for path in files:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise InputError(tr("The bundled font {path} cannot be loaded; reinstall the program.", path=path))
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FAMILY not in families:
        raise InputError(tr("The bundled font {family} is missing from {folder}; reinstall the program.",
                            family=FAMILY, folder=FONTS))
    _registered.extend(str(p) for p in files)
    return FAMILY


def document_font(point_size: float = 10.5) -> QFont:
    font = QFont(register_fonts())
    font.setPointSizeF(point_size)
    return font
