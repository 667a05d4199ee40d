"""Render the program's icon (resources/icons/skolehjem.svg) for the installers.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Writes packaging/icons/skolehjem-256.png (the Linux desktop icon, with the SVG),
skolehjem.ico (Windows: 16–256 px) and skolehjem.icns (macOS). Run it again after
changing the SVG; the outputs are kept in the repository so a build needs no renderer.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "skolehjem.svg"
OUT = ROOT / "packaging" / "icons"


def render(size: int) -> Image.Image:
    renderer = QSvgRenderer(str(SVG))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> None:
    _app = QGuiApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    big = render(1024)
    render(256).save(OUT / "skolehjem-256.png")
    big.save(
        OUT / "skolehjem.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    big.save(OUT / "skolehjem.icns")
    print(f"icons written to {OUT}")


if __name__ == "__main__":
    main()
