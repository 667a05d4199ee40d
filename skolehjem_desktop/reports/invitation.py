"""The invitation and preparation sheet for the parents, sent before a conversation.

Page one is the letter: when and where, who will be there, whether the pupil takes
part, and what the conversation is for, in the words of the school's principles
(prepared by both sides, an individual dialogue between the parents and at least
the contact teacher, whose purpose is to evaluate the pupil's schooling). Then the
preparation sheet, a form to fill in (:mod:`.preparation_form`).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Spacer

from skolehjem_desktop.i18n import Translator, translator
from skolehjem_desktop.reports.data import GuideData, InvitationData
from skolehjem_desktop.reports.layout import (
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
    title_block,
)
from skolehjem_desktop.reports.preparation_form import preparation_sheet
from skolehjem_desktop.reports.summary import (
    kind_text,
    pupil_line,
    pupil_text,
    when_text,
)


def invitation_part(data: InvitationData) -> Part:
    tr = translator(data.lang)
    _ = tr.gettext
    c = data.conversation
    title = _("Invitation to a school–home conversation")
    story: list[Flowable] = [
        *_letter(data, title, tr),
        PageBreak(),
        *preparation_sheet(data, tr),
    ]
    return Part(
        tr=tr,
        letterhead=data.letterhead,
        running_title=f"{title} · {pupil_line(c)}",
        flowables=story,
    )


def _letter(data: InvitationData, title: str, tr: Translator) -> list[Flowable]:
    """Page one: to whom, when and where, who takes part, and what the conversation is for."""
    _ = tr.gettext
    st = styles()
    c = data.conversation
    name = c.student_first_name
    names = join_names([g.name for g in c.guardians], tr)
    return [
        *title_block(title, pupil_line(c)),
        para(_("Dear {names},").format(names=names) if names else _("Dear parents,"), st.body),
        para(
            _("We invite you to a school–home conversation about {name}.").format(
                name=c.student_name
            )
        ),
        Spacer(1, 2),
        facts_table(
            [
                (_("When"), when_text(c, tr)),
                (_("Where"), c.place or _("We will let you know")),
                (_("Type"), kind_text(c, tr)),
                (_("From the school"), join_names(c.teachers, tr) or "–"),
                (_("The pupil"), pupil_text(c, tr, held=False)),
            ]
        ),
        *heading(_("What the conversation is for")),
        para(
            _(
                "A school–home conversation is an individual dialogue between you as parents "
                "and the school, where at least the class's contact teacher takes part. Its "
                "purpose is to evaluate {name}'s schooling together with you: how things are "
                "going, academically and socially, what {name} is especially good at, and "
                "where there is room to develop. We will tell you about everything that "
                "matters for the schooling, including any difficulties."
            ).format(name=name)
        ),
        para(
            _(
                "The conversation is prepared by both sides. We prepare at school, and we ask "
                "you to prepare as well: talk with {name} about how school is going, and use "
                "the questions on the preparation sheet. You can fill it in on a computer or "
                "tablet and send it back to us on Aula, or write on it by hand and bring it "
                "along."
            ).format(name=name)
        ),
        para(
            _(
                "If you would like another of {name}'s teachers to take part, or if the time "
                "does not suit you, please write to me on Aula as soon as possible."
            ).format(name=name)
        ),
        Spacer(1, 6),
        closing(
            "",
            _("Kind regards"),
            *signed_by(data.signature, data.letterhead.teacher or join_names(c.teachers, tr), tr),
        ),
    ]


def meta(data: InvitationData) -> Meta:
    tr = translator(data.lang)
    _ = tr.gettext
    c = data.conversation
    return Meta(
        title=_("Invitation to a school–home conversation") + f" – {c.student_name}",
        author=data.letterhead.teacher,
        subject=_("School–home conversation on {date}").format(
            date=tr.format_date(c.starts_at.date())
        ),
        lang=data.lang,
    )


def render_invitation(data: InvitationData, guide: GuideData | None = None) -> RenderedPdf:
    """The invitation, and the guide for the parents after it when ``guide`` is given."""
    parts = [invitation_part(data)]
    if guide is not None:
        from skolehjem_desktop.reports.guidelines import guide_part

        parts.append(guide_part(guide))
    return render(parts, meta(data))
