"""Window sizes that respect the screen: a dialog designed for 1440×900 must still fit on a laptop
at 150 % scaling (960×600 logical pixels), title bar and buttons included."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SCREEN_SHARE_WIDTH = 0.94
SCREEN_SHARE_HEIGHT = 0.88     # the window manager's title bar and the taskbar take the rest


def available_size(widget: QWidget) -> tuple[int, int] | None:
    """The logical size of the screen the widget (or its parent) is on, less the taskbar."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return None
    area = screen.availableGeometry()
    return area.width(), area.height()


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to the preferred size, shrunk to what the screen can show (and no smaller than the
    widget's own minimum, which the layout needs)."""
    area = available_size(widget)
    if area is not None:
        width = min(width, int(area[0] * SCREEN_SHARE_WIDTH))
        height = min(height, int(area[1] * SCREEN_SHARE_HEIGHT))
    hint = widget.minimumSizeHint()
    widget.resize(max(width, hint.width()), max(height, hint.height()))
