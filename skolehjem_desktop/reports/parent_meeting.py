"""The class parent meeting (forældremøde): the invitation with its agenda, and the minutes.

Both are for all the parents of the class, in their language. The invitation says
when and where, who called the meeting and which teachers will be there, and the
agenda. The minutes say when and where it was, who called it, the teachers present,
how many families came, what was written in the minutes, and the class parent
council with its contact parent. Nothing about a single pupil is in either.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable, Spacer

from skolehjem_desktop.domain.enums import CalledBy
from skolehjem_desktop.i18n import Translator, translator
from skolehjem_desktop.reports.data import UNSIGNED, Letterhead, Signature, school_year_label
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
    text_blocks,
    title_block,
)


@dataclass(frozen=True)
class ParentMeetingData:
    """What a parent meeting's documents print; filled by ``services/report_data.py``."""

    lang: str
    letterhead: Letterhead
    class_name: str
    school_year: int
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    called_by: CalledBy
    agenda: str
    minutes: str
    teachers: tuple[str, ...]
    families_present: int | None
    families_in_class: int
    council: tuple[str, ...]
    contact_parent: str | None
    signature: Signature = UNSIGNED


def class_line(d: ParentMeetingData) -> str:
    return f"{d.class_name} · {school_year_label(d.school_year)}"


def when_text(d: ParentMeetingData, tr: Translator) -> str:
    _ = tr.gettext
    date = tr.format_date(d.starts_at.date(), "full")
    if d.ends_at is None:
        return _("{date} at {start}").format(date=date, start=tr.format_time(d.starts_at))
    return _("{date}, {start}–{end}").format(
        date=date, start=tr.format_time(d.starts_at), end=tr.format_time(d.ends_at)
    )


def called_by_text(d: ParentMeetingData, tr: Translator) -> str:
    _ = tr.gettext
    if d.called_by is CalledBy.COUNCIL:
        return _("The class parent council")
    return _("The class's teachers")


def families_text(d: ParentMeetingData, tr: Translator) -> str:
    if d.families_present is None:
        return "–"
    if d.families_in_class:
        return tr.ngettext(
            "{n} of {total} family", "{n} of {total} families", d.families_in_class
        ).format(n=d.families_present, total=d.families_in_class)
    return tr.ngettext("{n} family", "{n} families", d.families_present).format(
        n=d.families_present
    )


def _signature(d: ParentMeetingData, tr: Translator) -> tuple[str, str]:
    _ = tr.gettext
    if d.called_by is CalledBy.COUNCIL:
        return _("The class parent council"), d.class_name
    return signed_by(d.signature, d.letterhead.teacher or join_names(d.teachers, tr), tr)


def invitation_part(d: ParentMeetingData) -> Part:
    tr = translator(d.lang)
    _ = tr.gettext
    st = styles()
    title = _("Invitation to a parent meeting")
    story: list[Flowable] = [
        *title_block(title, class_line(d)),
        para(_("Dear parents in {class_name},").format(class_name=d.class_name), st.body),
        para(
            _("We invite you to a parent meeting for {class_name}.").format(class_name=d.class_name)
        ),
        Spacer(1, 2),
        facts_table(
            [
                (_("When"), when_text(d, tr)),
                (_("Where"), d.place or _("We will let you know")),
                (_("Called by"), called_by_text(d, tr)),
                (_("From the school"), join_names(d.teachers, tr) or "–"),
            ]
        ),
        *heading(_("Agenda")),
    ]
    if d.agenda.strip():
        story.extend(text_blocks(d.agenda))
    else:
        story.append(para(_("The agenda will follow."), st.muted))
    story.extend(
        [
            *heading(_("Why we meet")),
            para(
                _(
                    "Parent meetings, with the class's parents and teachers, are together with "
                    "the ongoing contact on Aula the basis of the cooperation between the homes "
                    "and the class. At the meeting at the start of the school year the teachers "
                    "tell about the subjects and other things that matter, we agree on how we "
                    "will work together, and the class elects its class parent council, which "
                    "can choose a contact parent."
                )
            ),
            para(
                _(
                    "The school expects the parents to give the parent meetings priority. If you "
                    "cannot come, please let us know on Aula."
                )
            ),
            Spacer(1, 6),
            closing("", _("Kind regards"), *_signature(d, tr)),
        ]
    )
    return Part(
        tr=tr,
        letterhead=d.letterhead,
        running_title=f"{title} · {class_line(d)}",
        flowables=story,
    )


def minutes_part(d: ParentMeetingData) -> Part:
    tr = translator(d.lang)
    _ = tr.gettext
    st = styles()
    title = _("Minutes of the parent meeting")
    story: list[Flowable] = [
        *title_block(title, class_line(d)),
        facts_table(
            [
                (_("Date"), when_text(d, tr)),
                (_("Place"), d.place or "–"),
                (_("Called by"), called_by_text(d, tr)),
                (_("Teachers present"), join_names(d.teachers, tr) or "–"),
                (_("Families present"), families_text(d, tr)),
            ]
        ),
    ]
    if d.agenda.strip():
        story.extend([*heading(_("Agenda")), *text_blocks(d.agenda)])
    story.extend(heading(_("Minutes")))
    if d.minutes.strip():
        story.extend(text_blocks(d.minutes))
    else:
        story.append(para(_("No minutes were written."), st.muted))
    story.extend(heading(_("The class parent council")))
    if d.council:
        story.append(
            facts_table(
                [
                    (_("Members"), join_names(d.council, tr)),
                    (_("Contact parent"), d.contact_parent or _("Not chosen")),
                ]
            )
        )
    else:
        story.append(para(_("No class parent council has been elected yet."), st.muted))
    story.extend([Spacer(1, 6), closing("", _("Kind regards"), *_signature(d, tr))])
    return Part(
        tr=tr,
        letterhead=d.letterhead,
        running_title=f"{title} · {class_line(d)}",
        flowables=story,
    )


def _meta(d: ParentMeetingData, title: str) -> Meta:
    tr = translator(d.lang)
    _ = tr.gettext
    return Meta(
        title=f"{title} – {d.class_name}",
        author=d.letterhead.teacher,
        subject=_("Parent meeting on {date}").format(date=tr.format_date(d.starts_at.date())),
        lang=d.lang,
    )


def render_meeting_invitation(d: ParentMeetingData) -> RenderedPdf:
    tr = translator(d.lang)
    return render([invitation_part(d)], _meta(d, tr.gettext("Invitation to a parent meeting")))


def render_meeting_minutes(d: ParentMeetingData) -> RenderedPdf:
    tr = translator(d.lang)
    return render([minutes_part(d)], _meta(d, tr.gettext("Minutes of the parent meeting")))
