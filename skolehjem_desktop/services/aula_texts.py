"""The words of a message for Aula: a subject and a plain-text body in the parents' language.

Aula's editor takes plain text: no markdown, no HTML. Paragraphs are separated by a
blank line, and Aula wraps the lines. Each builder gets plain data (the documents' own,
:mod:`skolehjem_desktop.reports.data`, or the few facts a reminder or a reply needs) and
a language; what is not in the data cannot reach a message. A summary's data holds the
shared sections only (see :func:`skolehjem_desktop.services.report_data.shared_sections`).

Dates are written as the date fields show them (``03.12.2026`` / ``03/12/2026``), times
as ``kl. 14.00`` / ``14:00``. A letter is signed as the PDFs sign it: by the class's
contact teachers, or by the user with the role they really have.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from skolehjem_desktop.domain.enums import ContactChannel, Responsible
from skolehjem_desktop.file_names import INVITATION_FILE, SUMMARY_FILE, safe_stem
from skolehjem_desktop.i18n import Translator, translator
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.reports.data import (
    AgreementLine,
    ClassRole,
    ConversationFacts,
    InvitationData,
    Signature,
    SummaryData,
)

# The names the Print menu gives these documents (ui/app/printing.py), so the message
# names the very file the teacher saves and attaches.


@dataclass(frozen=True)
class AulaMessageText:
    """A message ready for Aula: its subject, its body, the PDF to attach (if any)."""

    subject: str
    body: str
    attachment_name: str | None
    language: str

    @property
    def text(self) -> str:
        """Subject, a blank line, the body: what the command line prints."""
        return f"{self.subject}\n\n{self.body}"


@dataclass(frozen=True)
class DueAgreement:
    """An open agreement a reminder names, and whether its day has passed."""

    text: str
    responsible: Responsible
    due: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class ReminderFacts:
    lang: str
    student_first_name: str
    held_on: dt.date
    guardians: tuple[str, ...]
    agreements: tuple[DueAgreement, ...]
    signature: Signature
    fallback_signer: str


@dataclass(frozen=True)
class ReplyFacts:
    """A parent's contact to answer: who wrote (none: the parents), how and when."""

    lang: str
    student_first_name: str
    guardian: str | None
    guardians: tuple[str, ...]
    channel: ContactChannel
    occurred_on: dt.date
    signature: Signature
    fallback_signer: str


# --- small words ----------------------------------------------------------------------------


def document_file(lang: str, message: str, student_name: str, day: dt.date) -> str:
    """``Referat Søren Ærø 2026-12-12.pdf``: the file the Print menu saves, in ``lang``."""
    name = (
        translator(lang)
        .gettext(message)
        .format(name=unicodedata.normalize("NFC", student_name), date=day.isoformat())
    )
    return f"{safe_stem(name)}.pdf"


def join_names(names: Sequence[str], tr: Translator) -> str:
    """ "Anne, Bo og Carl" / "Anne, Bo and Carl"."""
    from babel.lists import format_list

    items = [n for n in names if n]
    return format_list(items, locale=tr.babel_locale) if items else ""


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def greeting(names: Sequence[str], tr: Translator) -> str:
    """ "Kære Anne og Bo" / "Dear Anne and Bo," (first names), or to the parents."""
    _ = tr.gettext
    joined = join_names([first_name(n) for n in names], tr)
    return _("Dear {names},").format(names=joined) if joined else _("Dear parents,")


def when_text(c: ConversationFacts, tr: Translator) -> str:
    """ "04.12.2026 kl. 10.15–10.45" / "04/12/2026, 10:15–10:45"."""
    _ = tr.gettext
    return _("{date}, {start}–{end}").format(
        date=tr.short_date(c.starts_at.date()), start=tr.clock(c.starts_at), end=tr.clock(c.ends_at)
    )


def signed_by(signature: Signature, fallback: str, tr: Translator) -> list[str]:
    """The closing lines under a message: the names, then their role in the class.

    The same words as the PDFs' :func:`skolehjem_desktop.reports.blocks.signed_by`.
    """
    _ = tr.gettext
    names = join_names(signature.names, tr)
    if not names:
        return [fallback] if fallback else []
    klass, many = signature.class_name, len(signature.names) > 1
    role = ""
    if signature.role is ClassRole.CONTACT_TEACHER:
        if klass:
            role = (
                _("Contact teachers, {class_name}") if many else _("Contact teacher, {class_name}")
            ).format(class_name=klass)
        else:
            role = _("Contact teachers") if many else _("Contact teacher")
    elif signature.role is ClassRole.TEACHER:
        role = _("Teacher, {class_name}").format(class_name=klass) if klass else _("Teacher")
    return [names, role] if role else [names]


def closing(signature: Signature, fallback: str, tr: Translator) -> str:
    return "\n".join([tr.gettext("Kind regards"), *signed_by(signature, fallback, tr)])


def paragraphs(*blocks: str) -> str:
    """The blocks with a blank line between them; blank blocks left out, no trailing space."""
    cleaned = [_tidy(b) for b in blocks]
    return "\n\n".join(b for b in cleaned if b)


_BLANK_LINES = re.compile(r"\n\s*\n+")


def _tidy(text: str) -> str:
    """Text the teacher typed: trailing spaces off, runs of blank lines made one."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def agreement_line(number: int, a: AgreementLine | DueAgreement, tr: Translator) -> str:
    """ "1. Søren læser hver dag (ansvarlig: hjemmet, frist 15.01.2027)"."""
    _ = tr.gettext
    who = label(a.responsible, tr).lower()
    text = " ".join(a.text.split())
    if a.due is None:
        line = _("{number}. {text} (responsible: {responsible})").format(
            number=number, text=text, responsible=who
        )
    elif isinstance(a, DueAgreement) and a.overdue:
        line = _("{number}. {text} (responsible: {responsible}, it was due {date})").format(
            number=number, text=text, responsible=who, date=tr.short_date(a.due)
        )
    else:
        line = _("{number}. {text} (responsible: {responsible}, due {date})").format(
            number=number, text=text, responsible=who, date=tr.short_date(a.due)
        )
    if isinstance(a, AgreementLine) and a.done:
        line = _("{line} – done").format(line=line)
    return line


# --- the four messages ----------------------------------------------------------------------


def invitation_text(data: InvitationData) -> AulaMessageText:
    """When and where, who takes part, what to bring; the invitation PDF attached."""
    tr = translator(data.lang)
    _ = tr.gettext
    c = data.conversation
    attachment = document_file(data.lang, INVITATION_FILE, c.student_name, c.starts_at.date())
    pupil = (
        _("{name} takes part in the conversation.")
        if c.pupil_attends
        else _("{name} does not take part in this conversation.")
    ).format(name=c.student_first_name)
    note = " ".join(c.pupil_attends_note.split())
    facts = [
        _("When: {when}").format(when=when_text(c, tr)),
        _("Where: {place}").format(place=c.place.strip() or _("We will let you know")),
        _("From the school: {names}").format(names=join_names(c.teachers, tr) or "–"),
        f"{pupil} {note}" if note else pupil,
    ]
    body = paragraphs(
        greeting([g.name for g in c.guardians], tr),
        _("We invite you to a school–home conversation about {name}.").format(name=c.student_name),
        "\n".join(facts),
        _(
            "The conversation is prepared by both sides. Please talk with {name} about how "
            "school is going, jot down a few words on the preparation sheet, and bring it "
            "to the conversation."
        ).format(name=c.student_first_name),
        _("The invitation and the preparation sheet are attached as a PDF ({file}).").format(
            file=attachment
        ),
        _("If the time does not suit you, please write to me here on Aula."),
        closing(data.signature, data.letterhead.teacher or join_names(c.teachers, tr), tr),
    )
    subject = _("Invitation to a school–home conversation about {name}").format(
        name=c.student_first_name
    )
    return AulaMessageText(subject, body, attachment, data.lang)


def summary_text(data: SummaryData) -> AulaMessageText:
    """The shared sections and the agreements of a held conversation; its PDF attached."""
    tr = translator(data.lang)
    _ = tr.gettext
    c = data.conversation
    attachment = document_file(data.lang, SUMMARY_FILE, c.student_name, c.starts_at.date())
    sections = [f"{label(s.kind, tr)}\n{_tidy(s.text)}" for s in data.sections if _tidy(s.text)]
    if data.agreements:
        lines = [agreement_line(n, a, tr) for n, a in enumerate(data.agreements, start=1)]
        agreements = "\n".join([_("Agreements"), *lines])
    else:
        agreements = _("No agreements were made at this conversation.")
    body = paragraphs(
        greeting([g.name for g in c.guardians], tr),
        _(
            "Thank you for the conversation about {name} on {date}. Here is what we talked about."
        ).format(name=c.student_first_name, date=tr.short_date(c.starts_at.date())),
        *sections,
        agreements,
        _("The summary is attached as a PDF ({file}).").format(file=attachment),
        _("Questions or corrections to this summary? Please write to me on Aula."),
        closing(data.signature, data.letterhead.teacher or join_names(c.teachers, tr), tr),
    )
    subject = _("Summary of the school–home conversation about {name}").format(
        name=c.student_first_name
    )
    return AulaMessageText(subject, body, attachment, data.lang)


def reminder_text(facts: ReminderFacts) -> AulaMessageText:
    """The open agreements due soon or overdue: what, who is responsible, by when."""
    tr = translator(facts.lang)
    _ = tr.gettext
    lines = [agreement_line(n, a, tr) for n, a in enumerate(facts.agreements, start=1)]
    body = paragraphs(
        greeting(facts.guardians, tr),
        _(
            "At our conversation on {date} we agreed on a few things about {name}. "
            "A small reminder of those that are due soon:"
        ).format(date=tr.short_date(facts.held_on), name=facts.student_first_name),
        "\n".join(lines),
        _("Please write to me if something is difficult, or if you need our help."),
        closing(facts.signature, facts.fallback_signer, tr),
    )
    subject = _("Reminder of our agreements about {name}").format(name=facts.student_first_name)
    return AulaMessageText(subject, body, None, facts.lang)


def _thanks(facts: ReplyFacts, tr: Translator) -> str:
    """The first line of a reply: thanks for the contact, in its own words."""
    _ = tr.gettext
    date = tr.short_date(facts.occurred_on)
    if facts.channel in (ContactChannel.MEETING, ContactChannel.AD_HOC):
        return _("Thank you for our talk on {date}.").format(date=date)
    if facts.guardian is None:
        return _("Thank you for getting in touch on {date}.").format(date=date)
    if facts.channel is ContactChannel.PHONE:
        return _("Thank you for your call on {date}.").format(date=date)
    return _("Thank you for your message of {date}.").format(date=date)


def reply_text(facts: ReplyFacts) -> AulaMessageText:
    """A short greeting and a start the teacher completes in Aula, then the signature."""
    tr = translator(facts.lang)
    _ = tr.gettext
    names = (facts.guardian,) if facts.guardian is not None else facts.guardians
    body = paragraphs(
        greeting(names, tr),
        _thanks(facts, tr),
        closing(facts.signature, facts.fallback_signer, tr),
    )
    subject = _("Reply about {name}").format(name=facts.student_first_name)
    return AulaMessageText(subject, body, None, facts.lang)
