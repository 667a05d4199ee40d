"""Fillable form fields for the sheets, as flowables that stand where they are laid out.

A :class:`TextBox` is a caption and a bordered box with a text field in it: the box is
ordinary drawing (it prints, empty, for handwriting), the field lies on top of it for
typing. :class:`HiddenFields` holds the sheet's ids (read-only, never shown or printed).

ReportLab writes a form field's appearance only in one of the 14 standard fonts, which
cannot show Ł, ş or ễ; the form therefore asks the viewer to draw the fields itself
(``NeedAppearances``), which every current viewer does with a font of its own.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.colors import Color, white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from skolehjem_desktop.reports.fonts import FONT, FONT_BOLD
from skolehjem_desktop.reports.layout import INK, MUTED, RULE, draw_later

FIELD_FONT = "Helvetica"  # what ReportLab allows for a field; the viewer redraws it
FIELD_FONT_SIZE = 10
CAPTION_SIZE = 10
HINT_SIZE = 8.5


def need_appearances(canvas: Canvas) -> None:
    """Ask the viewer to draw the fields (with a font that has every letter)."""
    canvas.acroForm.extras["NeedAppearances"] = "true"  # written as is: a PDF boolean


class TextBox(Flowable):  # type: ignore[misc]
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
        draw_later(canvas, lambda c: self._field(c, x, y))

    def _field(self, canvas: Canvas, x: float, y: float) -> None:
        need_appearances(canvas)
        inset = 0.8
        canvas.acroForm.textfield(
            name=self.name,
            tooltip=self.caption,
            value=self.value,
            x=x + inset,
            y=y + inset,
            width=self.width - 2 * inset,
            height=self.box_height - 2 * inset,
            fontName=FIELD_FONT,
            fontSize=FIELD_FONT_SIZE,
            textColor=Color(0.1, 0.1, 0.1),
            fillColor=None,
            borderColor=None,
            borderWidth=0,
            fieldFlags="multiline" if self.multiline else "",
            maxlen=self.maxlen,
            annotationFlags="print",
        )


class HiddenFields(Flowable):  # type: ignore[misc]
    """The sheet's ids as read-only fields that are neither shown nor printed."""

    def __init__(self, values: Mapping[str, str]) -> None:
        super().__init__()
        self.values = dict(values)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        draw_later(self.canv, lambda c: self._fields(c, x, y))

    def _fields(self, canvas: Canvas, x: float, y: float) -> None:
        need_appearances(canvas)
        for name, value in self.values.items():
            canvas.acroForm.textfield(
                name=name,
                value=value,
                x=x,
                y=y,
                width=1,
                height=1,
                fontName=FIELD_FONT,
                fontSize=1,
                textColor=white,
                fillColor=None,
                borderColor=None,
                borderWidth=0,
                fieldFlags="readOnly",
                annotationFlags="hidden",
                maxlen=0,
            )
