"""The embedded font: DejaVu Sans, shipped in ``resources/fonts/`` with its licence.

Every name prints right with it (Søren Ærø, Łukasz Ćwikła, Ayşe Yılmaz, Nguyễn Thị
Minh), where ReportLab's built-in Helvetica prints black boxes for Ł ć ş ı ễ ị. The
documents set it as the canvas's initial font too, so Helvetica is never referenced.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Final

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.resources import resources_dir

FONT: Final = "DejaVuSans"
FONT_BOLD: Final = "DejaVuSans-Bold"
FONT_ITALIC: Final = "DejaVuSans-Oblique"

FILES: Final = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}

_lock = threading.Lock()
_registered: set[str] = set()  # the faces registered with ReportLab in this process


class FontMissing(UserError):
    """The program's own font file is not where it was installed."""


def font_dir() -> Path:
    return resources_dir() / "fonts"


def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique) and its family with ReportLab, once."""
    with _lock:
        if _registered:
            return
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, filename in FILES.items():
            path = font_dir() / filename
            if not path.is_file():
                raise FontMissing(
                    _("The font {path} for the PDFs is missing; reinstall the program.").format(
                        path=path
                    )
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # <b> and <i> in a paragraph pick the family's faces; bold italic falls back to bold.
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
        )
        _registered.update(FILES)
