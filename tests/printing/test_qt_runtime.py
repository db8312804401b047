"""Guard against the PySide6 release whose void calls leak away references to None.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call that returns nothing
(QFont.setPointSizeF, QPainter.save …); after a few thousand calls Python aborts with
"none_dealloc" — a 500-notice batch or a long GUI session. pyproject.toml excludes it; this
test fails if such a build is installed anyway.
"""

import sys

from PySide6.QtGui import QFont, QGuiApplication


def test_void_qt_calls_keep_none_alive():
    _app = QGuiApplication.instance() or QGuiApplication([])
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(2000):
        font.setPointSizeF(10.0)
    assert sys.getrefcount(None) >= before - 50
