"""Render the app icon's PNG sizes and the Windows .ico from joint-acceptance.svg.

    python resources/icons/render_icons.py

Run it after changing the SVG and commit the outputs: the window icon, the .desktop entry (hicolor
sizes) and the Windows build use the PNGs/.ico, so neither the app nor a build needs an SVG renderer.
Uses Qt's own SVG renderer (PySide6.QtSvg, part of PySide6-Essentials) on the offscreen platform.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "joint-acceptance.svg"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)      # the hicolor theme's usual sizes
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)       # what Windows picks from for the taskbar, Explorer, Start


def png_path(size: int) -> Path:
    return HERE / f"joint-acceptance-{size}.png"


def render_pngs() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs one)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        png_path(size).write_bytes(bytes(data))


def write_ico(target: Path) -> None:
    """An .ico holding PNG images (understood since Windows Vista): header, directory, then the PNGs."""
    images = [png_path(size).read_bytes() for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    directory = b""
    for size, data in zip(ICO_SIZES, images):
        edge = 0 if size >= 256 else size       # 0 means 256 in an ICO directory entry
        directory += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    target.write_bytes(header + directory + b"".join(images))


if __name__ == "__main__":
    render_pngs()
    write_ico(HERE / "joint-acceptance.ico")
    print(f"rendered {len(SIZES)} PNGs and joint-acceptance.ico into {HERE}")
