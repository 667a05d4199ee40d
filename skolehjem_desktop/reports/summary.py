"""The conversation summary (referat) for the parents.

School and pupil, when and where, who took part, the sections the teacher shares
(and only those: the data holds nothing else), the agreements, the current focus
points and the next conversation, signed by the teacher.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from skolehjem_desktop.domain.enums import ConversationKind, FocusArea, RequestedBy
from skolehjem_desktop.i18n import Translator, translator
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.reports.data import (
    AgreementLine,
    ConversationFacts,
    FocusLine,
    Person,
    SummaryData,
    school_year_label,
)
from skolehjem_desktop.reports.layout import (
    WIDTH,
    Meta,
    Part,
    RenderedPdf,
    b,
    closing,
    esc,
    facts_table,
    grid_table,
    heading,
    join_names,
    para,
    render,
    rich,
    signed_by,
    styles,
    text_blocks,
    title_block,
)


def title(tr: Translator) -> str:
    _ = tr.gettext
    return _("Summary of the school–home conversation")


def pupil_line(c: ConversationFacts) -> str:
    parts = [c.student_name]
    if c.class_name:
        parts.append(c.class_name)
    parts.append(school_year_label(c.school_year))
    return " · ".join(parts)


def when_text(c: ConversationFacts, tr: Translator) -> str:
    _ = tr.gettext
    return _("{date}, {start}–{end}").format(
        date=tr.format_date(c.starts_at.date(), "full"),
        start=tr.format_time(c.starts_at),
        end=tr.format_time(c.ends_at),
    )


def guardian_names(guardians: Sequence[Person], tr: Translator) -> str:
    names = [
        f"{g.name} ({label(g.relation, tr).lower()})" if g.relation is not None else g.name
        for g in guardians
    ]
    return join_names(names, tr)


def kind_text(c: ConversationFacts, tr: Translator) -> str:
    _ = tr.gettext
    kinds = {
        ConversationKind.ORDINARY: _("Ordinary school–home conversation"),
        ConversationKind.AS_NEEDED: _("School–home conversation as needed"),
        ConversationKind.EXPECTATION: _("Conversation about expectations"),
        ConversationKind.WELLBEING: _("Conversation about wellbeing"),
    }
    kind = kinds.get(c.kind) or label(c.kind, tr)
    if c.requested_by is RequestedBy.PARENTS:
        return _("{kind}, at the parents' request").format(kind=kind)
    return kind


def pupil_text(c: ConversationFacts, tr: Translator, *, held: bool) -> str:
    _ = tr.gettext
    if held:
        text = (
            _("{name} took part.") if c.pupil_attends else _("{name} did not take part.")
        ).format(name=c.student_first_name)
    else:
        text = (
            _("{name} takes part in the conversation.")
            if c.pupil_attends
            else _("{name} does not take part in this conversation.")
        ).format(name=c.student_first_name)
    note = c.pupil_attends_note.strip()
    return f"{text} {note}" if note else text


def conversation_facts(
    c: ConversationFacts, tr: Translator, *, held: bool
) -> list[tuple[str, str]]:
    _ = tr.gettext
    return [
        (_("Date"), when_text(c, tr)),
        (_("Place"), c.place or "–"),
        (_("Type"), kind_text(c, tr)),
        (_("Parents"), guardian_names(c.guardians, tr) or "–"),
        (_("From the school"), join_names(c.teachers, tr) or "–"),
        (_("The pupil"), pupil_text(c, tr, held=held)),
    ]


def agreements_table(agreements: Sequence[AgreementLine], tr: Translator) -> Flowable:
    _ = tr.gettext
    st = styles()
    rows: list[list[str | Flowable]] = []
    for number, a in enumerate(agreements, start=1):
        due = tr.format_date(a.due) if a.due else _("No deadline")
        if a.done:
            due_cell: str | Flowable = rich(esc(due) + "<br/>" + b("✓ " + _("Done")), st.cell)
        else:
            due_cell = due
        rows.append([f"{number}.", a.text, label(a.responsible, tr), due_cell])
    return grid_table(
        ["#", _("What we agreed"), _("Responsible"), _("Due")],
        rows,
        [9 * mm, WIDTH - 9 * mm - 30 * mm - 36 * mm, 30 * mm, 36 * mm],
    )


def area_name(p: FocusLine, tr: Translator) -> str:
    """The area's name; a focus point in another subject is named by its subject."""
    if p.area is FocusArea.OTHER_SUBJECT and p.subject:
        return p.subject
    return label(p.area, tr)


def focus_table(points: Sequence[FocusLine], tr: Translator) -> Flowable:
    _ = tr.gettext
    rows: list[list[str | Flowable]] = [
        [area_name(p, tr), p.goal, label(p.status, tr)] for p in points
    ]
    return grid_table(
        [_("Area"), _("Goal"), _("Status")],
        rows,
        [40 * mm, WIDTH - 40 * mm - 30 * mm, 30 * mm],
    )


def summary_part(data: SummaryData) -> Part:
    tr = translator(data.lang)
    _ = tr.gettext
    c = data.conversation
    st = styles()
    story: list[Flowable] = [
        *title_block(title(tr), pupil_line(c)),
        facts_table(conversation_facts(c, tr, held=True)),
    ]
    for section in data.sections:
        blocks = text_blocks(section.text)
        if not blocks:
            continue
        story.extend(heading(label(section.kind, tr), room=24 * mm))
        story.extend(blocks)

    story.extend(heading(_("Agreements"), room=36 * mm))
    if data.agreements:
        story.append(agreements_table(data.agreements, tr))
    else:
        story.append(para(_("No agreements were made at this conversation."), st.muted))

    if data.focus_points:
        story.extend(
            heading(
                _("Focus points in the message book {year}").format(
                    year=school_year_label(c.school_year)
                ),
                room=36 * mm,
            )
        )
        story.append(focus_table(data.focus_points, tr))

    if data.next_conversation.strip():
        story.extend(heading(_("Next conversation"), room=18 * mm))
        story.extend(text_blocks(data.next_conversation))
    else:
        story.append(Spacer(1, 6))  # a table ends the text: room before the closing

    story.append(
        closing(
            _("Questions or corrections to this summary? Please write to me on Aula."),
            _("Kind regards"),
            *signed_by(data.signature, data.letterhead.teacher or join_names(c.teachers, tr), tr),
        )
    )
    return Part(
        tr=tr,
        letterhead=data.letterhead,
        running_title=f"{title(tr)} · {pupil_line(c)}",
        flowables=story,
    )


def meta(data: SummaryData) -> Meta:
    tr = translator(data.lang)
    _ = tr.gettext
    c = data.conversation
    return Meta(
        title=f"{title(tr)} – {c.student_name}",
        author=data.letterhead.teacher,
        subject=_("School–home conversation on {date}").format(
            date=tr.format_date(c.starts_at.date())
        ),
        lang=data.lang,
    )


def render_summary(data: SummaryData) -> RenderedPdf:
    return render([summary_part(data)], meta(data))


def render_summaries(
    items: Sequence[SummaryData], *, class_name: str, author: str, lang: str
) -> RenderedPdf:
    """Several summaries in one file (a class's), each numbered and headed on its own.

    Each keeps its own language; ``lang`` is the language of the file's metadata.
    """
    tr = translator(lang)
    _ = tr.gettext
    return render(
        [summary_part(d) for d in items],
        Meta(
            title=_("Summaries of school–home conversations") + f" – {class_name}",
            author=author,
            subject=_("Summaries of school–home conversations"),
            lang=lang,
        ),
    )
