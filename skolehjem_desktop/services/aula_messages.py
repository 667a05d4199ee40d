"""Messages ready for Aula: an invitation, a summary, a reminder of agreements, a reply.

Each is a subject and a plain-text body in the parents' language (that of the guardians
taking part, English when one of them prefers it; ``lang`` overrides), worded in
:mod:`.aula_texts`. A summary carries the shared sections of a held conversation and
its agreements, nothing else: never the teacher's private preparation, a section that
is not shared, or a colleague's input (the summary's data cannot hold them).

Making a text records nothing. When the teacher copies it for Aula, :meth:`record_copied`
stores the :class:`~skolehjem_desktop.store.models.AulaMessage` and logs it in the contact
log as the school's Aula message (no reply due), in one transaction. A reply also marks
the parent's contact it answers as done: the school has replied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from skolehjem_desktop.domain.enums import (
    AulaMessageKind,
    ContactChannel,
    ContactTopic,
    ConversationKind,
    ConversationStatus,
    Language,
    StartedBy,
)
from skolehjem_desktop.domain.limits import SHORT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, short_date
from skolehjem_desktop.services import report_data
from skolehjem_desktop.services.aula_texts import (
    AulaMessageText,
    DueAgreement,
    ReminderFacts,
    ReplyFacts,
    invitation_text,
    join_names,
    reminder_text,
    reply_text,
    summary_text,
)
from skolehjem_desktop.services.base import get_or_404
from skolehjem_desktop.services.conversations import ConversationDetail
from skolehjem_desktop.services.due import agreement_urgency
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.models import AulaMessage, ContactEntry, Guardian

if TYPE_CHECKING:
    from skolehjem_desktop.services import Services

__all__ = ["AulaMessageInfo", "AulaMessageService", "AulaMessageText", "DueAgreement"]


@dataclass(frozen=True)
class AulaMessageInfo:
    """A message the teacher copied for Aula, and the contact it was logged as."""

    id: int
    kind: AulaMessageKind
    student_id: int
    conversation_id: int | None
    answers_contact_id: int | None
    logged_contact_id: int | None
    language: Language
    subject: str
    copied_at: dt.datetime


@dataclass(frozen=True)
class _Target:
    """What a message is about, for recording it."""

    student_id: int
    conversation_id: int | None
    contact_id: int | None
    guardian_id: int | None
    topic: ContactTopic


def _info(m: AulaMessage) -> AulaMessageInfo:
    return AulaMessageInfo(
        m.id,
        m.kind,
        m.student_id,
        m.conversation_id,
        m.answers_contact_id,
        m.logged_contact_id,
        m.language,
        m.subject,
        m.copied_at,
    )


def _conversation_topic(kind: ConversationKind) -> ContactTopic:
    """A summary or reminder of a wellbeing conversation is about wellbeing; else schooling."""
    return ContactTopic.WELLBEING if kind is ConversationKind.WELLBEING else ContactTopic.ACADEMIC


class AulaMessageService:
    """The messages, as methods of the services: ``services.aula_messages.summary(...)``."""

    def __init__(self, services: Services) -> None:
        self.services = services

    # --- the texts (nothing is recorded) -------------------------------------------------

    def text(
        self, kind: AulaMessageKind, target_id: int, lang: str | None = None
    ) -> AulaMessageText:
        """The message of ``kind`` for a conversation (a reply: for a parent's contact)."""
        builders = {
            AulaMessageKind.INVITATION: self.invitation,
            AulaMessageKind.SUMMARY: self.summary,
            AulaMessageKind.REMINDER: self.reminder,
            AulaMessageKind.REPLY: self.reply,
        }
        return builders[AulaMessageKind(kind)](target_id, lang)

    def invitation(self, conversation_id: int, lang: str | None = None) -> AulaMessageText:
        """The invitation to a planned conversation, its PDF (with the preparation sheet)
        named as the attachment."""
        detail = self.services.conversations.get(conversation_id)
        if detail.status is ConversationStatus.HELD:
            date = short_date(detail.starts_at.date())
            raise ValidationError(
                _(
                    "The conversation on {date} has been held; there is nothing to invite to."
                ).format(date=date)
            )
        return invitation_text(report_data.invitation_data(self.services, conversation_id, lang))

    def summary(self, conversation_id: int, lang: str | None = None) -> AulaMessageText:
        """The summary of a held conversation: its shared sections and agreements only."""
        return summary_text(report_data.summary_data(self.services, conversation_id, lang))

    def due_agreements(self, conversation_id: int) -> tuple[DueAgreement, ...]:
        """The conversation's agreements not done that are overdue or due within a week."""
        detail = self.services.conversations.get(conversation_id)
        return self._due(detail)

    def _due(self, detail: ConversationDetail) -> tuple[DueAgreement, ...]:
        today = self.services.today()
        return tuple(
            DueAgreement(a.text, a.responsible, a.due, a.overdue(today))
            for a in detail.agreements
            if agreement_urgency(a.due, today, done=a.done) is not None
        )

    def reminder(self, conversation_id: int, lang: str | None = None) -> AulaMessageText:
        """A reminder of the held conversation's open agreements due soon or overdue."""
        services = self.services
        detail = services.conversations.get(conversation_id)
        date = short_date(detail.starts_at.date())
        if detail.status is not ConversationStatus.HELD:
            raise ValidationError(
                _(
                    "The conversation on {date} has not been held, so there are no agreements "
                    "to remind of."
                ).format(date=date)
            )
        due = self._due(detail)
        if not due:
            raise ValidationError(
                _(
                    "No open agreement of the conversation on {date} is overdue or due "
                    "within a week."
                ).format(date=date)
            )
        student = services.students.get(detail.student_id)
        guardians = report_data.addressees(
            student.guardians, (gid for gid, _name in detail.guardians)
        )
        chosen = report_data.check_language(lang) or report_data.language_of(guardians)
        facts = ReminderFacts(
            lang=chosen,
            student_first_name=student.first_name,
            held_on=detail.starts_at.date(),
            guardians=tuple(g.name for g in guardians),
            agreements=due,
            signature=report_data.signature(services, student.class_in(detail.school_year)),
            fallback_signer=self._signer(name for _id, name in detail.teachers),
        )
        return reminder_text(facts)

    def reply(self, contact_id: int, lang: str | None = None) -> AulaMessageText:
        """The start of a reply to a parent's contact; the teacher writes the rest in Aula."""
        services = self.services
        with services.db.reading() as s:
            entry = get_or_404(s, ContactEntry, contact_id, _("Contact"))
            if entry.started_by is not StartedBy.PARENT:
                raise ValidationError(
                    _("Only a contact the home started is answered: this one the school started.")
                )
            guardian = s.get(Guardian, entry.guardian_id) if entry.guardian_id else None
            student_id, channel = entry.student_id, entry.channel
            occurred_on = entry.occurred_at.date()
            guardian_name = guardian.name if guardian is not None else None
            guardian_language = guardian.preferred_language if guardian is not None else None
        student = services.students.get(student_id)
        addressed = report_data.addressees(student.guardians)
        chosen = report_data.check_language(lang) or (
            guardian_language.value
            if guardian_language is not None
            else report_data.language_of(addressed)
        )
        year = SchoolYear.of(services.today()).start_year
        facts = ReplyFacts(
            lang=chosen,
            student_first_name=student.first_name,
            guardian=guardian_name,
            guardians=tuple(g.name for g in addressed),
            channel=ContactChannel(channel),
            occurred_on=occurred_on,
            signature=report_data.signature(services, student.class_in(year)),
            fallback_signer=self._signer(()),
        )
        return reply_text(facts)

    def _signer(self, teachers: Iterable[str]) -> str:
        """Who signs when the signature names no one: the user, else the teachers."""
        from skolehjem_desktop.i18n import active

        user = self.services.school.user()
        return user.name if user is not None else join_names(list(teachers), active())

    # --- what was copied ------------------------------------------------------------------

    def record_copied(
        self, kind: AulaMessageKind, target_id: int, language: str | None = None
    ) -> AulaMessageInfo:
        """The message was copied for Aula: store it and log it as the school's contact.

        ``target_id`` is the conversation's (a reply: the parent's contact's). The logged
        contact is an Aula message the school started, its summary the subject, with no
        reply due; a reply marks the contact it answers as done. One transaction.
        """
        kind = AulaMessageKind(kind)
        message = self.text(kind, target_id, language)
        target = self._target(kind, target_id)
        now = self.services.clock().replace(microsecond=0)
        with self.services.db.transaction() as s:
            logged = ContactEntry(
                student_id=target.student_id,
                guardian_id=target.guardian_id,
                occurred_at=now,
                channel=ContactChannel.AULA,
                started_by=StartedBy.SCHOOL,
                topic=target.topic,
                summary=message.subject,
                reply_due=None,
                done=False,
                by_appointment=False,
            )
            s.add(logged)
            s.flush()
            if target.contact_id is not None:
                get_or_404(s, ContactEntry, target.contact_id, _("Contact")).done = True
            row = AulaMessage(
                kind=kind,
                student_id=target.student_id,
                conversation_id=target.conversation_id,
                answers_contact_id=target.contact_id,
                logged_contact_id=logged.id,
                language=Language(message.language),
                subject=message.subject[:SHORT_MAX],
                copied_at=now,
            )
            s.add(row)
            s.flush()
            return _info(row)

    def _target(self, kind: AulaMessageKind, target_id: int) -> _Target:
        if kind is AulaMessageKind.REPLY:
            with self.services.db.reading() as s:
                entry = get_or_404(s, ContactEntry, target_id, _("Contact"))
                return _Target(entry.student_id, None, entry.id, entry.guardian_id, entry.topic)
        detail = self.services.conversations.get(target_id)
        topic = (
            ContactTopic.PRACTICAL
            if kind is AulaMessageKind.INVITATION
            else _conversation_topic(detail.kind)
        )
        return _Target(detail.student_id, detail.id, None, None, topic)

    def for_conversation(self, conversation_id: int) -> list[AulaMessageInfo]:
        """What was copied for Aula about a conversation, the oldest first."""
        with self.services.db.reading() as s:
            rows = s.scalars(
                select(AulaMessage)
                .where(AulaMessage.conversation_id == conversation_id)
                .order_by(AulaMessage.copied_at, AulaMessage.id)
            ).all()
            return [_info(m) for m in rows]

    def for_student(self, student_id: int) -> list[AulaMessageInfo]:
        """What was copied for Aula about a pupil, the oldest first."""
        with self.services.db.reading() as s:
            rows = s.scalars(
                select(AulaMessage)
                .where(AulaMessage.student_id == student_id)
                .order_by(AulaMessage.copied_at, AulaMessage.id)
            ).all()
            return [_info(m) for m in rows]
