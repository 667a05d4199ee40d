"""The conversation evening's schedule: for the door of each room and for the staff room.

Per evening, first an overview (the times down, the rooms — or the teachers, when no
room is set — across), then one page per room in large type to hang on its door:
time, pupil and class. Only names and times: nothing of any preparation is here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from skolehjem_desktop.i18n import Translator, translator
from skolehjem_desktop.reports.data import Letterhead
from skolehjem_desktop.reports.fonts import FONT_BOLD
from skolehjem_desktop.reports.layout import (
    ACCENT,
    SHADE,
    WIDTH,
    Meta,
    Part,
    RenderedPdf,
    grid_table,
    para,
    render,
    styles,
    title_block,
)


@dataclass(frozen=True)
class ScheduleSlot:
    start: dt.time
    end: dt.time
    pupil: str
    class_name: str
    teachers: str


@dataclass(frozen=True)
class ScheduleColumn:
    """A room (or a teacher) and its conversations in time order."""

    title: str
    teachers: str
    slots: tuple[ScheduleSlot, ...]


@dataclass(frozen=True)
class ScheduleEvening:
    date: dt.date
    start: dt.time
    end: dt.time
    breaks: tuple[tuple[dt.time, dt.time], ...]
    columns: tuple[ScheduleColumn, ...]


@dataclass(frozen=True)
class ScheduleData:
    letterhead: Letterhead
    class_name: str
    lang: str
    evenings: tuple[ScheduleEvening, ...]


def _hm(t: dt.time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def title(tr: Translator) -> str:
    return tr.gettext("Conversation evening")


def _big(size: float, bold: bool = False) -> ParagraphStyle:
    base = styles().cell_bold if bold else styles().cell
    return ParagraphStyle(f"schedule_{size}_{bold}", parent=base, fontSize=size, leading=size * 1.3)


def _overview(evening: ScheduleEvening, tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    starts = sorted(
        {(s.start, s.end) for c in evening.columns for s in c.slots}
        | {(b[0], b[1]) for b in evening.breaks}
    )
    cell = _big(10.5)
    bold = _big(10.5, bold=True)
    header = [_("Time")] + [
        f"{c.title} ({c.teachers})" if c.teachers and c.teachers != c.title else c.title
        for c in evening.columns
    ]
    rows: list[list[str | Flowable]] = []
    for start, end in starts:
        if (start, end) in evening.breaks:
            rows.append(
                [para(f"{_hm(start)}–{_hm(end)}", bold)]
                + [para(_("Break"), _big(10.5)) for _c in evening.columns]
            )
            continue
        row: list[str | Flowable] = [para(f"{_hm(start)}–{_hm(end)}", bold)]
        for c in evening.columns:
            slot = next((s for s in c.slots if s.start == start), None)
            row.append(para(f"{slot.pupil} ({slot.class_name})", cell) if slot else "")
        rows.append(row)
    time_width = 32 * mm
    rest = (WIDTH - time_width) / max(1, len(evening.columns))
    return [grid_table(header, rows, [time_width] + [rest] * len(evening.columns))]


def _door(evening: ScheduleEvening, column: ScheduleColumn, tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    big = _big(15)
    bold = _big(15, bold=True)
    rows: list[list[str | Flowable]] = []
    items: list[tuple[dt.time, dt.time, ScheduleSlot | None]] = [
        (s.start, s.end, s) for s in column.slots
    ]
    items += [(b[0], b[1], None) for b in evening.breaks]
    for start, end, slot in sorted(items, key=lambda x: (x[0], x[1])):
        when = para(f"{_hm(start)}–{_hm(end)}", bold)
        if slot is None:
            rows.append([when, para(_("Break"), big), ""])
        else:
            rows.append([when, para(slot.pupil, big), para(slot.class_name, big)])
    heading = ParagraphStyle(
        "door_heading", parent=styles().title, fontName=FONT_BOLD, fontSize=26, leading=32
    )
    sub = ParagraphStyle("door_sub", parent=styles().subtitle, fontSize=14, leading=18)
    return [
        para(column.title, heading),
        para(
            "{date} · {teachers}".format(
                date=tr.format_date(evening.date, "full"), teachers=column.teachers
            ),
            sub,
        ),
        grid_table(
            [_("Time"), _("Pupil"), _("Class")],
            rows,
            [50 * mm, WIDTH - 50 * mm - 28 * mm, 28 * mm],
            extra=[("BACKGROUND", (0, 0), (-1, 0), SHADE), ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT)],
        ),
    ]


def schedule_part(data: ScheduleData) -> Part:
    tr = translator(data.lang)
    _ = tr.gettext
    story: list[Flowable] = []
    for i, evening in enumerate(data.evenings):
        if i:
            story.append(PageBreak())
        subtitle = _("{class_name} · {date}, {start}–{end}").format(
            class_name=data.class_name,
            date=tr.format_date(evening.date, "full"),
            start=_hm(evening.start),
            end=_hm(evening.end),
        )
        story += title_block(title(tr), subtitle)
        if not any(c.slots for c in evening.columns):
            story.append(para(_("No conversations on this evening."), styles().muted))
            continue
        story += _overview(evening, tr)
        for column in evening.columns:
            if column.slots:
                story += [PageBreak(), *_door(evening, column, tr)]
    if not data.evenings:
        story += title_block(title(tr), data.class_name)
        story.append(para(_("No conversations on this evening."), styles().muted))
    story.append(Spacer(1, 4))
    return Part(
        tr=tr,
        letterhead=data.letterhead,
        running_title=f"{title(tr)} · {data.class_name}",
        flowables=story,
        footer_note=_("Names and times only"),
    )


def render_schedule(data: ScheduleData) -> RenderedPdf:
    tr = translator(data.lang)
    _ = tr.gettext
    meta = Meta(
        title=f"{title(tr)} – {data.class_name}",
        author=data.letterhead.teacher,
        subject=_("The schedule of the conversation evening"),
        lang=data.lang,
    )
    return render([schedule_part(data)], meta)
