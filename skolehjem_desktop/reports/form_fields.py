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

from collections.abc import Mapping, Sequence
from typing import Any, Final

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.acroform import PDFFromString
from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.reports.fonts import FONT, FONT_BOLD
from skolehjem_desktop.reports.layout import draw_later
from skolehjem_desktop.reports.styles import INK, MUTED, RULE

FIELD_FONT: Final = "Helvetica"  # the only kind ReportLab's forms take; see the docstring
BOX: Final = 4.2 * mm  # the side of a check box
LABEL_SIZE: Final = 10


_later = draw_later  # one mechanism for everything drawn when its page is written


def _need_appearances(canvas: Canvas) -> None:
    canvas.acroForm.extras["NeedAppearances"] = PDFFromString("true")


def add_text_field(
    canvas: Canvas,
    name: str,
    rect: tuple[float, float, float, float],
    *,
    tooltip: str = "",
    multiline: bool = True,
    value: str = "",
    maxlen: int = TEXT_MAX,
) -> None:
    """A text field at ``rect`` (x, y, width, height on the page; no border: the page has one)."""
    x, y, width, height = rect

    def draw(c: Canvas) -> None:
        _need_appearances(c)
        c.acroForm.textfield(
            name=name,
            tooltip=tooltip or None,
            value=value,
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
            maxlen=maxlen,
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

    def __init__(self, values: Mapping[str, str] | Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.values = tuple(values.items()) if isinstance(values, Mapping) else tuple(values)

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


CAPTION_SIZE: Final = 10
HINT_SIZE: Final = 8.5


class CaptionedBox(Flowable):  # type: ignore[misc]
    """A caption (and a hint beside it) over a bordered, fillable text field."""

    def __init__(
        self,
        name: str,
        caption: str,
        box_height: float,
        *,
        hint: str = "",
        value: str = "",
        multiline: bool = False,
        maxlen: int = 0,
        width: float | None = None,
    ) -> None:
        super().__init__()
        self.name = name
        self.caption = caption
        self.hint = hint
        self.value = value
        self.box_height = box_height
        self.multiline = multiline
        self.maxlen = maxlen
        self.fixed_width = width
        self.caption_height = CAPTION_SIZE + 2.5 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = self.fixed_width or avail_width
        self.height = self.caption_height + self.box_height
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(INK)
        canvas.setFont(FONT_BOLD, CAPTION_SIZE)
        top = self.box_height + 1.6 * mm
        canvas.drawString(0, top, self.caption)
        if self.hint:
            canvas.setFillColor(MUTED)
            canvas.setFont(FONT, HINT_SIZE)
            from reportlab.pdfbase.pdfmetrics import stringWidth

            start = stringWidth(self.caption, FONT_BOLD, CAPTION_SIZE) + 3 * mm
            canvas.drawString(start, top, self.hint)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.8)
        canvas.rect(0, 0, self.width, self.box_height, stroke=1, fill=0)
        canvas.restoreState()
        x, y = canvas.absolutePosition(0, 0)
        inset = 0.8
        add_text_field(
            canvas,
            self.name,
            (x + inset, y + inset, self.width - 2 * inset, self.box_height - 2 * inset),
            tooltip=self.caption,
            multiline=self.multiline,
            value=self.value,
            maxlen=self.maxlen or TEXT_MAX,
        )
