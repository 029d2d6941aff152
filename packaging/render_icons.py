"""Render resources/icons/penholder.svg to the PNG sizes desktops expect (run when the SVG changes)."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def main() -> int:
    """Write penholder-<size>.png next to the SVG; return the exit code."""
    app = QGuiApplication(sys.argv)  # noqa: F841 (QPainter needs an application)
    renderer = QSvgRenderer(str(ICONS / "penholder.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"penholder-{size}.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
