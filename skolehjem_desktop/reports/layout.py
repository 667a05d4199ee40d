"""The page every document shares, and the one place documents import their parts from.

An A4 page with the school's name (and logo) at the top, the document's running
title under it, and at the foot the print date and "page x of y". The header and
footer are drawn once all pages are laid out, so the total is known; a file that
holds several documents (a class's summaries in one file) numbers each of them on
its own and heads each with its own title and language.

The margins, colours and paragraph styles live in :mod:`.styles`, the paragraphs,
tables and writing lines of the story in :mod:`.blocks`; both are re-exported here, so
a document module imports everything it lays out from ``reports.layout``.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreakIfNotEmpty,
    PageTemplate,
)

from skolehjem_desktop import __version__
from skolehjem_desktop.i18n import Translator
from skolehjem_desktop.reports.blocks import (
    FillWithLines,
    WritingLines,
    b,
    closing,
    esc,
    facts_table,
    grid_table,
    heading,
    join_names,
    markup,
    para,
    rich,
    signed_by,
    text_blocks,
    title_block,
)
from skolehjem_desktop.reports.data import Letterhead
from skolehjem_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts
from skolehjem_desktop.reports.styles import (
    ACCENT,
    BOTTOM,
    INK,
    LEFT,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
    RULE,
    SHADE,
    TOP,
    WARN,
    WIDTH,
    ZEBRA,
    Styles,
    styles,
)

__all__ = [
    "ACCENT",
    "BOTTOM",
    "INK",
    "LEFT",
    "MUTED",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "RIGHT",
    "RULE",
    "SHADE",
    "TOP",
    "WARN",
    "WIDTH",
    "ZEBRA",
    "FillWithLines",
    "Meta",
    "Part",
    "RenderedPdf",
    "Styles",
    "WritingLines",
    "b",
    "closing",
    "draw_later",
    "esc",
    "facts_table",
    "grid_table",
    "heading",
    "join_names",
    "markup",
    "para",
    "render",
    "rich",
    "signed_by",
    "styles",
    "text_blocks",
    "title_block",
]

LOGO_MAX_WIDTH = 42 * mm
LOGO_MAX_HEIGHT = 15 * mm

PDF_LANG = {"da": "da-DK", "en": "en-GB"}


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


def draw_later(canvas: Canvas, draw: Callable[[Canvas], None]) -> None:
    """Draw ``draw(canvas)`` on the current page when it is emitted, after its header.

    Form fields need this: a field names its page, and the pages are only made at the end.
    Coordinates are then absolute (the frame's translation is gone).
    """
    later = getattr(canvas, "_skolehjem_later", None)
    if later is None:  # a plain canvas: the page is the real one already
        draw(canvas)
    else:
        later.append(draw)


class _Canvas(Canvas):  # type: ignore[misc]
    """Keeps every page until the end, then draws headers and "page x of y"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._skolehjem_pages: list[dict[str, Any]] = []
        self._skolehjem_part: Part | None = None
        # What a page draws only once it is really emitted (form fields need their page).
        self._skolehjem_later: list[Callable[[Canvas], None]] = []

    def showPage(self) -> None:
        self._skolehjem_pages.append(dict(self.__dict__))
        self._startPage()
        self._skolehjem_later = []

    def save(self) -> None:
        pages = self._skolehjem_pages
        totals = Counter(id(state["_skolehjem_part"]) for state in pages)
        seen: Counter[int] = Counter()
        # Annotations are numbered across the file: a page's saved state has an old count.
        count = max(
            [int(self.__dict__["_annotationCount"]), *(st["_annotationCount"] for st in pages)]
        )
        for state in pages:
            self.__dict__.update(state)
            self.__dict__["_annotationCount"] = count
            part = state["_skolehjem_part"]
            seen[id(part)] += 1
            if part is not None:
                _decorate(self, part, seen[id(part)], totals[id(part)])
            for draw in state.get("_skolehjem_later", ()):
                draw(self)
            count = int(self.__dict__["_annotationCount"])
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
