"""Fillable form fields that flow in a story like any paragraph: boxes, ticks, hidden values.

Each flowable draws its visible frame on the page (so the sheet prints well empty, with
room to write by hand) and adds a PDF form field at the same spot. The field is added
when the page is really written (:class:`reports.layout._Canvas` keeps every page until
the end, and a field names its page), at the position the flowable was drawn at.

ReportLab's form fields can only use the standard PDF fonts, so the fields use Helvetica
and the form says ``NeedAppearances``: viewers (Adobe Reader, browsers, the iPad) draw the
typed text themselves, in a font that has every letter (Ł, ş, ễ). What is printed on the
page itself stays DejaVu Sans.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.acroform import PDFFromString
from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.reports.fonts import FONT
from skolehjem_desktop.reports.styles import INK, RULE

FIELD_FONT: Final = "Helvetica"  # the only kind ReportLab's forms take; see the docstring
BOX: Final = 4.2 * mm  # the side of a check box
LABEL_SIZE: Final = 10


def _later(canvas: Canvas, draw: Callable[[Canvas], None]) -> None:
    """Add a field when the page is written (or now, on a plain canvas)."""
    pending = getattr(canvas, "_skolehjem_fields", None)
    if pending is None:
        draw(canvas)
    else:
        pending.append(draw)


def _need_appearances(canvas: Canvas) -> None:
    canvas.acroForm.extras["NeedAppearances"] = PDFFromString("true")


def add_text_field(
    canvas: Canvas,
    name: str,
    rect: tuple[float, float, float, float],
    *,
    tooltip: str = "",
    multiline: bool = True,
) -> None:
    """A text field at ``rect`` (x, y, width, height on the page; no border: the page has one)."""
    x, y, width, height = rect

    def draw(c: Canvas) -> None:
        _need_appearances(c)
        c.acroForm.textfield(
            name=name,
            tooltip=tooltip or None,
            x=x,
            y=y,
            width=width,
            height=height,
            fontName=FIELD_FONT,
            fontSize=10,
            borderWidth=0,
            fillColor=None,
            textColor=INK,
            fieldFlags="multiline doNotScroll" if multiline else "",
            maxlen=TEXT_MAX,
        )

    _later(canvas, draw)


def add_check_box(canvas: Canvas, name: str, x: float, y: float, *, tooltip: str = "") -> None:
    def draw(c: Canvas) -> None:
        _need_appearances(c)
        c.acroForm.checkbox(
            name=name,
            tooltip=tooltip or None,
            x=x,
            y=y,
            size=BOX,
            buttonStyle="cross",
            borderWidth=0.8,
            borderColor=INK,
            fillColor=colors.white,
            textColor=INK,
            fieldFlags="",
        )

    _later(canvas, draw)


class TextBox(Flowable):  # type: ignore[misc]
    """A framed box to write in, on the screen or by hand."""

    def __init__(self, name: str, height: float, tooltip: str = "") -> None:
        super().__init__()
        self.name = name
        self.box_height = height
        self.tooltip = tooltip
        self.box_width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.box_width = avail_width
        return avail_width, self.box_height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.8)
        c.roundRect(0, 0, self.box_width, self.box_height, 1.5 * mm, stroke=1, fill=0)
        c.restoreState()
        x, y = c.absolutePosition(0, 0)
        add_text_field(
            c,
            self.name,
            (x + 1, y + 1, self.box_width - 2, self.box_height - 2),
            tooltip=self.tooltip,
            multiline=self.box_height > 10 * mm,
        )


def draw_tick(
    canvas: Canvas, name: str, x: float, y: float, *, label: str = "", tooltip: str = ""
) -> float:
    """A check box with its label at ``x``, ``y`` (relative); the width both take."""
    canvas.saveState()
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.8)
    canvas.rect(x, y, BOX, BOX, stroke=1, fill=0)
    canvas.setFont(FONT, LABEL_SIZE)
    canvas.setFillColor(INK)
    if label:
        canvas.drawString(x + BOX + 2 * mm, y + 1, label)
    canvas.restoreState()
    ax, ay = canvas.absolutePosition(x, y)
    add_check_box(canvas, name, ax, ay, tooltip=tooltip or label)
    return float(BOX + 2 * mm + canvas.stringWidth(label, FONT, LABEL_SIZE))


class Ticks(Flowable):  # type: ignore[misc]
    """Check boxes side by side in one line, each with its label, after a caption."""

    def __init__(self, ticks: Sequence[tuple[str, str]], caption: str = "") -> None:
        super().__init__()
        self.ticks = tuple(ticks)
        self.caption = caption

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, BOX + 2 * mm

    def draw(self) -> None:
        c = self.canv
        x = 0.0
        if self.caption:
            c.saveState()
            c.setFont(FONT, LABEL_SIZE)
            c.setFillColor(INK)
            c.drawString(0, 1 * mm + 1, self.caption)
            c.restoreState()
            x = c.stringWidth(self.caption, FONT, LABEL_SIZE) + 5 * mm
        for name, label in self.ticks:
            x += draw_tick(c, name, x, 1 * mm, label=label) + 8 * mm


class HiddenFields(Flowable):  # type: ignore[misc]
    """Read-only fields no one sees or prints: which sheet, school and pupil this is."""

    def __init__(self, values: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.values = tuple(values)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        c = self.canv
        x, y = c.absolutePosition(0, 0)
        values = self.values

        def draw(canvas: Canvas) -> None:
            form: Any = canvas.acroForm
            for name, value in values:
                form.textfield(
                    name=name,
                    value="",
                    x=x,
                    y=y,
                    width=1,
                    height=1,
                    fontName=FIELD_FONT,
                    borderWidth=0,
                    fillColor=None,
                    annotationFlags="hidden",
                    fieldFlags="readOnly",
                    maxlen=0,
                )
                # The value goes in afterwards: ReportLab draws a field's value in its
                # appearance with Helvetica, which has no ş or ễ (the field is never seen).
                field = canvas._doc.idToObject[form.fields[-1].name]
                field.dict["V"] = field.dict["DV"] = PDFString(value)

        _later(c, draw)
