"""The page every document shares, and the building blocks of its story.

An A4 page with the school's name (and logo) at the top, the document's running
title under it, and at the foot the print date and "page x of y". The header and
footer are drawn once all pages are laid out, so the total is known; a file that
holds several documents (a class's summaries in one file) numbers each of them on
its own and heads each with its own title and language.

Text the teacher typed is escaped before it reaches ReportLab's paragraph markup,
keeps its line breaks, wraps, and breaks across pages; tables repeat their header row.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreakIfNotEmpty,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from skolehjem_desktop import __version__
from skolehjem_desktop.i18n import Translator
from skolehjem_desktop.reports.data import Letterhead
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

LOGO_MAX_WIDTH = 42 * mm
LOGO_MAX_HEIGHT = 15 * mm

PDF_LANG = {"da": "da-DK", "en": "en-GB"}


# --- styles -------------------------------------------------------------------------------


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


# --- text ---------------------------------------------------------------------------------


def markup(text: str) -> str:
    """Typed text as paragraph markup: escaped, line breaks kept."""
    lines = [escape(line.rstrip()) for line in text.strip().splitlines()]
    return "<br/>".join(lines)


def para(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """One paragraph of plain (typed or translated) text."""
    return Paragraph(markup(text), style or styles().body)


def rich(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph whose text is already markup (built here from escaped parts)."""
    return Paragraph(text, style or styles().body)


def esc(text: str) -> str:
    """Plain text made safe for paragraph markup."""
    return escape(text)


def b(text: str) -> str:
    """Bold markup around escaped text."""
    return f"<b>{escape(text)}</b>"


def text_blocks(text: str, style: ParagraphStyle | None = None) -> list[Flowable]:
    """Typed text as paragraphs: a blank line starts a new one, a line break is kept."""
    blocks: list[list[str]] = [[]]
    for line in text.strip().splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [para("\n".join(block), style) for block in blocks if block]


def heading(text: str, room: float = 30 * mm) -> list[Flowable]:
    """A section heading, on a new page unless ``room`` is left below it for its start.

    (Not ``keepWithNext``: that moves a heading and a whole long table or text to the
    next page, leaving half a page empty.)
    """
    return [CondPageBreak(room), para(text, styles().heading)]


def title_block(title: str, subtitle: str) -> list[Flowable]:
    return [para(title, styles().title), para(subtitle, styles().subtitle)]


def join_names(names: Sequence[str], tr: Translator) -> str:
    """ "Anne, Bo og Carl" / "Anne, Bo and Carl" in the document's language."""
    from babel.lists import format_list

    items = [n for n in names if n]
    return format_list(items, locale=tr.babel_locale) if items else ""


# --- tables -------------------------------------------------------------------------------


def facts_table(
    rows: Sequence[tuple[str, str | Flowable]],
    label_width: float = 38 * mm,
    space_after: float = 0,
) -> Table:
    """Label/value pairs in two columns: when, where, who."""
    st = styles()
    data = [
        [para(label, st.label), para(value, st.cell) if isinstance(value, str) else value]
        for label, value in rows
    ]
    table = Table(
        data, colWidths=[label_width, WIDTH - label_width], hAlign="LEFT", spaceAfter=space_after
    )
    table.setStyle(
        TableStyle(
            [
                # Every table names the font, or ReportLab sets Helvetica for each cell.
                ("FONT", (0, 0), (-1, -1), FONT, 9.2),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
                ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
            ]
        )
    )
    return table


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Flowable]],
    widths: Sequence[float],
    *,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A table with a shaded header row that repeats on every page it runs over."""
    st = styles()
    data: list[list[Any]] = [[para(h, st.header_cell) for h in header]]
    for row in rows:
        data.append([para(c, st.cell) if isinstance(c, str) else c for c in row])
    table = Table(
        data,
        colWidths=list(widths),
        repeatRows=1,
        hAlign="LEFT",
        splitByRow=1,
        # A row taller than what is left of the page is split rather than pushed whole.
        splitInRow=40,
    )
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 9.2),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.6),
    ]
    commands.extend(("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(data), 2))
    commands.extend(extra)
    table.setStyle(TableStyle(commands))
    return table


class WritingLines(Flowable):  # type: ignore[misc]
    """Ruled lines to write on by hand."""

    def __init__(self, count: int, gap: float = 8.5 * mm, width: float = WIDTH) -> None:
        super().__init__()
        self.count = count
        self.gap = gap
        self.line_width = width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.line_width, self.count * self.gap

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        for i in range(self.count):
            y = (self.count - i - 1) * self.gap
            canvas.line(0, y, self.line_width, y)
        canvas.restoreState()


class FillWithLines(Flowable):  # type: ignore[misc]
    """A heading and writing lines filling what is left of the page; nothing if too little.

    For the notes at the end of a preparation sheet: a page holding only them would
    look like a mistake, so they take the room there is and otherwise stay out.
    """

    def __init__(self, title: Paragraph, min_lines: int = 2, gap: float = 8.5 * mm) -> None:
        super().__init__()
        self.title = title
        self.min_lines = min_lines
        self.gap = gap
        self.lines = 0
        self.title_height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _w, self.title_height = self.title.wrap(avail_width, avail_height)
        self.title_height += 1 * mm
        self.lines = int((avail_height - self.title_height - 1) // self.gap)
        if self.lines < self.min_lines:
            self.lines = 0
            return 0, 0
        self.width = avail_width
        return avail_width, self.title_height + self.lines * self.gap

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        if not self.lines:
            return
        body = self.lines * self.gap
        self.title.drawOn(self.canv, 0, body + 1 * mm)
        WritingLines(self.lines, self.gap, self.width).drawOn(self.canv, 0, 0)


def closing(text: str, regards: str, name: str, role: str) -> KeepTogether:
    """The letter's last words and the teacher's name, kept together on one page."""
    st = styles()
    items: list[Flowable] = []
    if text:
        items.append(para(text, st.body))
    items.append(para(regards, st.tight))
    if name:
        items.append(para(name, st.signature))
    if role:
        items.append(para(role, st.signature_role))
    # One flat KeepTogether: a nested one reports an endless height and breaks the page.
    return KeepTogether(items)


# --- the page -----------------------------------------------------------------------------


@dataclass
class Part:
    """One document inside a PDF file: its own header, numbering and language."""

    tr: Translator
    letterhead: Letterhead
    running_title: str
    flowables: list[Flowable]
    footer_note: str = ""
    logo: ImageReader | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.logo = _logo(self.letterhead.logo)


@dataclass(frozen=True)
class Meta:
    """The PDF's document information and language."""

    title: str
    author: str
    subject: str
    lang: str  # "da" or "en"


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def _logo(data: bytes | None) -> ImageReader | None:
    """The school's logo, or None when there is none or it cannot be read."""
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except Exception:  # a damaged picture must not stop the letter
        return None
    return reader if width > 0 and height > 0 else None


class _PartStart(Flowable):  # type: ignore[misc]
    """Marks where a part begins, so its pages get its header and numbering."""

    def __init__(self, part: Part) -> None:
        super().__init__()
        self.part = part

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._skolehjem_part = self.part


class _Canvas(Canvas):  # type: ignore[misc]
    """Keeps every page until the end, then draws headers and "page x of y"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._skolehjem_pages: list[dict[str, Any]] = []
        self._skolehjem_part: Part | None = None

    def showPage(self) -> None:
        self._skolehjem_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        pages = self._skolehjem_pages
        totals = Counter(id(state["_skolehjem_part"]) for state in pages)
        seen: Counter[int] = Counter()
        for state in pages:
            self.__dict__.update(state)
            part = state["_skolehjem_part"]
            seen[id(part)] += 1
            if part is not None:
                _decorate(self, part, seen[id(part)], totals[id(part)])
            Canvas.showPage(self)
        self.page_count = len(pages)
        Canvas.save(self)


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _decorate(canvas: Canvas, part: Part, page: int, pages: int) -> None:
    """The header and footer of one page."""
    _ = part.tr.gettext
    canvas.saveState()
    right = PAGE_WIDTH - RIGHT
    text_width = WIDTH
    if part.logo is not None:
        width, height = part.logo.getSize()
        scale = min(LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height)
        w, h = width * scale, height * scale
        top = PAGE_HEIGHT - 10 * mm
        canvas.drawImage(part.logo, right - w, top - h, w, h, mask="auto")
        text_width = WIDTH - w - 6 * mm
    school = part.letterhead.school_name.strip()
    y = PAGE_HEIGHT - 17 * mm
    if school:
        canvas.setFont(FONT_BOLD, 13)
        canvas.setFillColor(ACCENT)
        canvas.drawString(LEFT, y, _fit(school, FONT_BOLD, 13, text_width))
        y -= 5.5 * mm
    if page > 1 or not school:
        # The first page carries the title in full; the next ones say what they belong to.
        canvas.setFont(FONT, 8.8)
        canvas.setFillColor(MUTED)
        canvas.drawString(LEFT, y, _fit(part.running_title, FONT, 8.8, text_width))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.7)
    canvas.line(LEFT, PAGE_HEIGHT - 28 * mm, right, PAGE_HEIGHT - 28 * mm)

    canvas.line(LEFT, 15 * mm, right, 15 * mm)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    printed = _("Printed {date}").format(date=part.tr.format_date(part.letterhead.printed_on))
    numbering = _("Page {page} of {pages}").format(page=page, pages=pages)
    canvas.drawString(LEFT, 10.5 * mm, printed)
    canvas.drawRightString(right, 10.5 * mm, numbering)
    if part.footer_note:
        # Centred in the room between the print date and the page number.
        start = LEFT + stringWidth(printed, FONT, 8) + 6 * mm
        end = right - stringWidth(numbering, FONT, 8) - 6 * mm
        note = _fit(part.footer_note, FONT, 8, end - start)
        canvas.drawCentredString((start + end) / 2, 10.5 * mm, note)
    canvas.restoreState()


def render(parts: Sequence[Part], meta: Meta) -> RenderedPdf:
    """Lay out the parts on A4 pages, one after the other; the PDF's bytes."""
    if not parts:
        raise ValueError("A PDF needs at least one document.")
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        creator=f"Skolehjem {__version__}",
        keywords=[],
        lang=PDF_LANG.get(meta.lang, meta.lang),
        displayDocTitle=True,
        initialFontName=FONT,
        initialFontSize=10,
        initialLeading=14,
    )
    frame = Frame(
        LEFT,
        BOTTOM,
        WIDTH,
        PAGE_HEIGHT - TOP - BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story: list[Flowable] = []
    for i, part in enumerate(parts):
        if i:
            story.append(PageBreakIfNotEmpty())
        story.append(_PartStart(part))
        story.extend(part.flowables)
    canvases: list[_Canvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> _Canvas:
        canvas = _Canvas(*args, **kwargs)
        canvases.append(canvas)
        return canvas

    doc.build(story, canvasmaker=make_canvas)
    return RenderedPdf(buffer.getvalue(), getattr(canvases[-1], "page_count", 0))
