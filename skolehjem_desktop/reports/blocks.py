"""The building blocks of a document's story: paragraphs, headings, tables, lines to write on.

Text the teacher typed is escaped before it reaches ReportLab's paragraph markup,
keeps its line breaks, wraps, and breaks across pages; tables repeat their header row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Table,
    TableStyle,
)

from skolehjem_desktop.i18n import Translator
from skolehjem_desktop.reports.data import ClassRole, Signature
from skolehjem_desktop.reports.fonts import FONT
from skolehjem_desktop.reports.styles import ACCENT, RULE, SHADE, WIDTH, ZEBRA, styles

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


def signed_by(signature: Signature, fallback: str, tr: Translator) -> tuple[str, str]:
    """The name(s) under a letter and the role they have in the class, in words.

    ``fallback`` signs a letter whose signature names no one, with no role.
    """
    _ = tr.gettext
    names = join_names(signature.names, tr)
    if not names:
        return fallback, ""
    klass, many = signature.class_name, len(signature.names) > 1
    if signature.role is ClassRole.CONTACT_TEACHER:
        if klass:
            if many:
                return names, _("Contact teachers, {class_name}").format(class_name=klass)
            return names, _("Contact teacher, {class_name}").format(class_name=klass)
        return names, _("Contact teachers") if many else _("Contact teacher")
    if signature.role is ClassRole.TEACHER:
        if klass:
            return names, _("Teacher, {class_name}").format(class_name=klass)
        return names, _("Teacher")
    return names, ""


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
