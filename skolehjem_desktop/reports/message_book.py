"""The message book (meddelelsesbog) for a pupil and school year.

The focus points by area, each with its goal, actions, status and evaluation, and
when they were presented to the parents. Every area the pupil's grade requires is
printed, so an area without focus points shows as such. In grades 7–9 the pupil's own
thoughts on further education follow that area's focus points; for a pupil who needs
them, the interventions and their follow-up come after the areas (the 2022 rules).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from skolehjem_desktop.domain.enums import FocusArea
from skolehjem_desktop.i18n import Translator, translator
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.reports.data import FocusLine, MessageBookData, school_year_label
from skolehjem_desktop.reports.fonts import FONT
from skolehjem_desktop.reports.layout import (
    ACCENT,
    RULE,
    SHADE,
    WIDTH,
    Meta,
    Part,
    RenderedPdf,
    closing,
    facts_table,
    heading,
    join_names,
    para,
    render,
    signed_by,
    styles,
    text_blocks,
    title_block,
)
from skolehjem_desktop.reports.summary import area_name

LABEL_WIDTH = 34 * mm


def title(tr: Translator) -> str:
    _ = tr.gettext
    return _("Message book")


Rows = list[list[Flowable | list[Flowable]]]


def focus_block(point: FocusLine, tr: Translator) -> Table:
    """One focus point as a framed block: goal, actions, status, evaluation."""
    _ = tr.gettext
    st = styles()
    rows: Rows = [
        [para(_("Goal"), st.label), text_blocks(point.goal, st.cell_bold)],
    ]
    if point.actions.strip():
        rows.append([para(_("How we work on it"), st.label), text_blocks(point.actions, st.cell)])
    rows.append([para(_("Status"), st.label), para(label(point.status, tr), st.cell)])
    if point.evaluation.strip():
        rows.append([para(_("Evaluation"), st.label), text_blocks(point.evaluation, st.cell)])
    return framed(rows)


def texts_block(texts: list[tuple[str, str]]) -> Table | None:
    """Labelled texts as a framed block like a focus point's; None when all are empty."""
    st = styles()
    rows: Rows = [
        [para(name, st.label), text_blocks(text, st.cell)] for name, text in texts if text.strip()
    ]
    return framed(rows, shade_first=False) if rows else None


def framed(rows: Rows, *, shade_first: bool = True) -> Table:
    """Label/text rows in a frame with the accent line on the left."""
    table = Table(
        rows,
        colWidths=[LABEL_WIDTH, WIDTH - LABEL_WIDTH],
        hAlign="LEFT",
        splitByRow=1,
        splitInRow=40,
        spaceAfter=6,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9.2),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *([("BACKGROUND", (0, 0), (-1, 0), SHADE)] if shade_first else []),
                ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def presented_text(data: MessageBookData, tr: Translator) -> str:
    """When the focus points were presented to the parents this year, and how."""
    _ = tr.gettext
    if not data.presentations:
        return _("Not yet this school year")
    lines = []
    for p in data.presentations:
        how = label(p.via, tr)
        lines.append(f"{tr.format_date(p.presented_on)}, {how[:1].lower()}{how[1:]}")
    return "\n".join(lines)


def _further_education(
    data: MessageBookData, tr: Translator, *, under_area: bool
) -> list[Flowable]:
    """The pupil's own thoughts on further education (grades 7–9), if written.

    Under the area's heading when the message book has one; else under a heading of
    its own.
    """
    _ = tr.gettext
    block = texts_block([(_("The pupil's own thoughts"), data.further_education)])
    if block is None:
        return []
    if under_area:
        return [block]
    return [*heading(label(FocusArea.FURTHER_EDUCATION, tr), room=40 * mm), block]


def message_book_part(data: MessageBookData) -> Part:
    tr = translator(data.lang)
    _ = tr.gettext
    st = styles()
    year = school_year_label(data.school_year)
    subtitle = " · ".join(
        [data.student_name, *([data.class_name] if data.class_name else []), year]
    )
    story: list[Flowable] = [
        *title_block(title(tr), subtitle),
        facts_table(
            [
                (
                    _("Contact teachers")
                    if len(data.contact_teachers) > 1
                    else _("Contact teacher"),
                    join_names(data.contact_teachers, tr) or "–",
                ),
                (_("Presented to you"), presented_text(data, tr)),
            ],
            space_after=8,
        ),
        para(
            _(
                "The message book has replaced the pupil plan. It holds a few focus points "
                "for {name} in Danish, maths and all-round development, which we present to "
                "you at least once a year."
            ).format(name=data.student_first_name)
        ),
    ]
    by_area: dict[tuple[FocusArea, str], list[FocusLine]] = {}
    for point in data.focus_points:
        by_area.setdefault((point.area, point.subject), []).append(point)
    for area in data.areas:
        groups = [(key, points) for key, points in by_area.items() if key[0] is area]
        if not groups:
            story.extend(heading(label(area, tr), room=22 * mm))
            story.append(para(_("No focus points in this area yet."), st.muted))
        for _key, points in groups:
            story.extend(heading(area_name(points[0], tr), room=40 * mm))
            story.extend(focus_block(p, tr) for p in points)
        if area is FocusArea.FURTHER_EDUCATION:
            story.extend(_further_education(data, tr, under_area=True))
    if FocusArea.FURTHER_EDUCATION not in data.areas:
        story.extend(_further_education(data, tr, under_area=False))
    support = texts_block(
        [(_("Interventions"), data.interventions), (_("Follow-up"), data.follow_up)]
    )
    if support is not None:
        story.extend(heading(_("Interventions and follow-up"), room=40 * mm))
        story.append(support)

    story.append(Spacer(1, 4))
    story.append(
        closing(
            _("Questions about the focus points? Please write to me on Aula."),
            _("Kind regards"),
            *signed_by(
                data.signature,
                data.letterhead.teacher or join_names(data.contact_teachers, tr),
                tr,
            ),
        )
    )
    return Part(
        tr=tr,
        letterhead=data.letterhead,
        running_title=f"{title(tr)} · {subtitle}",
        flowables=story,
    )


def meta(data: MessageBookData) -> Meta:
    tr = translator(data.lang)
    _ = tr.gettext
    year = school_year_label(data.school_year)
    return Meta(
        title=f"{title(tr)} {year} – {data.student_name}",
        author=data.letterhead.teacher,
        subject=_("Focus points for the school year {year}").format(year=year),
        lang=data.lang,
    )


def render_message_book(data: MessageBookData) -> RenderedPdf:
    return render([message_book_part(data)], meta(data))
