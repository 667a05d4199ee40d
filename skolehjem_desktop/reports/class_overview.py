"""The class overview for the teacher: what is still owed per pupil this school year.

One row per pupil: the ordinary conversation (held, planned or missing), the focus
areas still without focus points, when the focus points were presented, and the
agreements and replies past their due date. Meant for the teacher's own desk, and
says so at the foot of every page.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from skolehjem_desktop.i18n import Translator, translator
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.reports.data import (
    ClassOverviewData,
    OrdinaryConversation,
    OverviewRow,
    school_year_label,
)
from skolehjem_desktop.reports.layout import (
    MUTED,
    WARN,
    WIDTH,
    Meta,
    Part,
    RenderedPdf,
    b,
    esc,
    facts_table,
    grid_table,
    join_names,
    para,
    render,
    rich,
    styles,
    title_block,
)

# One line per pupil in most rows, so a class of 25 fits on a page.
WIDTHS = [40 * mm, 36 * mm, 33 * mm, 24 * mm, 35 * mm]


DONE = colors.HexColor("#2E7D4F")


def title(tr: Translator) -> str:
    _ = tr.gettext
    return _("Class overview")


def _cell_style() -> ParagraphStyle:
    return ParagraphStyle("overview_cell", parent=styles().cell, fontSize=8.8, leading=11.6)


def _warn(text: str) -> str:
    return f'<font color="{WARN.hexval()}">{b(text)}</font>'


def _quiet(text: str) -> str:
    return f'<font color="{MUTED.hexval()}">{esc(text)}</font>'


def _ordinary(row: OverviewRow, tr: Translator, style: ParagraphStyle) -> Flowable:
    _ = tr.gettext
    when = tr.format_date(row.ordinary_at.date(), "short") if row.ordinary_at else ""
    if row.ordinary is OrdinaryConversation.HELD:
        return para(_("Held {date}").format(date=when), style)
    if row.ordinary is OrdinaryConversation.PLANNED:
        return para(_("Planned {date}").format(date=when), style)
    return rich(_warn(_("Missing")), style)


def _overdue(row: OverviewRow, tr: Translator, style: ParagraphStyle) -> Flowable:
    parts = []
    if row.agreements_overdue:
        parts.append(
            tr.ngettext("{n} agreement", "{n} agreements", row.agreements_overdue).format(
                n=row.agreements_overdue
            )
        )
    if row.replies_overdue:
        parts.append(
            tr.ngettext("{n} reply", "{n} replies", row.replies_overdue).format(
                n=row.replies_overdue
            )
        )
    if not parts:
        return rich(_quiet("–"), style)
    return rich(_warn(", ".join(parts)), style)


def _row(row: OverviewRow, tr: Translator, style: ParagraphStyle) -> list[str | Flowable]:
    _ = tr.gettext
    name = esc(row.name)
    missing = ", ".join(label(a, tr) for a in row.missing_areas)
    return [
        rich(f"{name} <font color='{DONE.hexval()}'>✓</font>" if row.complete else name, style),
        _ordinary(row, tr, style),
        para(missing, style) if missing else rich(_quiet("–"), style),
        para(tr.format_date(row.presented_on, "short"), style)
        if row.presented_on
        else rich(_warn(_("Not yet")), style),
        _overdue(row, tr, style),
    ]


def class_overview_part(data: ClassOverviewData) -> Part:
    tr = translator(data.lang)
    _ = tr.gettext
    st = styles()
    year = school_year_label(data.school_year)
    subtitle = _("{class_name} · {year} · as of {date}").format(
        class_name=data.class_name, year=year, date=tr.format_date(data.as_of)
    )
    done = sum(r.complete for r in data.rows)
    story: list[Flowable] = [
        *title_block(title(tr), subtitle),
        facts_table(
            [
                (_("Contact teachers"), join_names(data.contact_teachers, tr) or "–"),
                (
                    _("Pupils"),
                    tr.ngettext(
                        "{n} pupil, {done} with nothing owed (✓)",
                        "{n} pupils, {done} with nothing owed (✓)",
                        len(data.rows),
                    ).format(n=len(data.rows), done=done),
                ),
            ],
            space_after=8,
        ),
        para(
            _(
                "For each pupil this school year: at least one ordinary school–home "
                "conversation; focus points in every area the grade requires, presented to the "
                "parents; agreements and replies to the parents kept by their due date."
            ),
            st.muted,
        ),
        Spacer(1, 3),
    ]
    if data.rows:
        cell = _cell_style()
        story.append(
            grid_table(
                [
                    _("Pupil"),
                    _("Ordinary conversation"),
                    _("Focus points missing in"),
                    _("Presented"),
                    _("Overdue"),
                ],
                [_row(r, tr, cell) for r in data.rows],
                [w * WIDTH / sum(WIDTHS) for w in WIDTHS],
            )
        )
    else:
        story.append(para(_("The class has no pupils."), st.muted))
    return Part(
        tr=tr,
        letterhead=data.letterhead,
        running_title=f"{title(tr)} · {subtitle}",
        flowables=story,
        footer_note=_("For the teacher only: contains personal data about pupils"),
    )


def meta(data: ClassOverviewData) -> Meta:
    tr = translator(data.lang)
    _ = tr.gettext
    year = school_year_label(data.school_year)
    return Meta(
        title=f"{title(tr)} – {data.class_name} {year}",
        author=data.letterhead.teacher,
        subject=_("What is still owed in {class_name} in {year}").format(
            class_name=data.class_name, year=year
        ),
        lang=data.lang,
    )


def render_class_overview(data: ClassOverviewData) -> RenderedPdf:
    return render([class_overview_part(data)], meta(data))
