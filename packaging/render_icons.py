"""Render resources/icons/fsa-desk.svg to the PNG sizes and the Windows .ico (run after editing it).

QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> None:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "fsa-desk.svg"))
    for size in SIZES:
        render(renderer, size).save(str(ICONS / f"fsa-desk-{size}.png"))
    render(renderer, 256).save(str(ICONS / "fsa-desk.ico"))  # Qt writes single-size .ico
    render(renderer, 256).save(str(ICONS / "fsa-desk.png"))


if __name__ == "__main__":
    main()
