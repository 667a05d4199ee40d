"""The look every document shares: the A4 page's margins, the colours, the paragraph styles.

The measures here are the page's: the body frame between the margins is ``WIDTH`` wide,
and the header and footer (:mod:`.layout`) are drawn in the margins above and below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from skolehjem_desktop.reports.fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 22 * mm
RIGHT = 20 * mm
TOP = 33 * mm
BOTTOM = 21 * mm
WIDTH = PAGE_WIDTH - LEFT - RIGHT

INK = colors.HexColor("#1E2329")
ACCENT = colors.HexColor("#1F3A5F")
MUTED = colors.HexColor("#5A6472")
RULE = colors.HexColor("#B9C2CE")
SHADE = colors.HexColor("#EDF1F5")
ZEBRA = colors.HexColor("#F7F9FB")
WARN = colors.HexColor("#9A2A1B")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    note: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    tight: ParagraphStyle
    signature: ParagraphStyle
    signature_role: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    header_cell: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=10,
        leading=13.8,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=5,
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=9.2, leading=12.4, spaceAfter=0)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.8, leading=12),
        muted=ParagraphStyle("muted", parent=body, textColor=MUTED),
        note=ParagraphStyle("note", parent=body, fontName=FONT_ITALIC, textColor=MUTED),
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=17,
            leading=21,
            textColor=ACCENT,
            spaceAfter=2,
        ),
        subtitle=ParagraphStyle(
            "subtitle", parent=body, fontSize=11.5, leading=15, textColor=MUTED, spaceAfter=10
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            textColor=ACCENT,
            spaceBefore=9,
            spaceAfter=3,
        ),
        subheading=ParagraphStyle(
            "subheading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=14,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        ),
        tight=ParagraphStyle("tight", parent=body, spaceAfter=0),
        signature=ParagraphStyle(
            "signature", parent=body, fontName=FONT_BOLD, spaceBefore=2, spaceAfter=0
        ),
        signature_role=ParagraphStyle("signature_role", parent=body, textColor=MUTED, spaceAfter=0),
        label=ParagraphStyle("label", parent=cell, textColor=MUTED),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
        header_cell=ParagraphStyle(
            "header_cell", parent=cell, fontName=FONT_BOLD, fontSize=8.4, textColor=ACCENT
        ),
    )
