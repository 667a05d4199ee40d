"""A conversation's text sections: what is written before, during and after it.

Each section is shared with the parents or not; the teacher's private preparation never
is. The autosave path writes one section at a time; the next conversation's note and
copying the agenda of the pupil's last conversation live here too.
"""

from __future__ import annotations

from sqlalchemy import func, select

from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import Service, clean_text, get_or_404
from skolehjem_desktop.services.conversation_rows import SectionInfo, default_shared
from skolehjem_desktop.store.models import Conversation, ConversationSection


class ConversationSections(Service):
    """The text sections of a conversation (a part of :class:`ConversationService`)."""

    def set_section(
        self, conversation_id: int, kind: SectionKind, text: str, shared: bool | None = None
    ) -> SectionInfo:
        """Save one text section (the autosave path). ``shared=None`` keeps the current flag."""
        kind = SectionKind(kind)
        if kind is SectionKind.PRIVATE_PREPARATION and shared:
            raise ValidationError(_("The private preparation is never shared with the parents."))
        text = clean_text(text, _("The text"), TEXT_MAX)
        with self.db.transaction() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            section = s.scalars(
                select(ConversationSection).where(
                    ConversationSection.conversation_id == conversation_id,
                    ConversationSection.kind == kind,
                )
            ).first()
            if section is None:
                section = ConversationSection(
                    conversation_id=conversation_id,
                    kind=kind,
                    shared=default_shared(kind) if shared is None else shared,
                )
                s.add(section)
            elif shared is not None:
                section.shared = shared
            section.text = text
            conversation.updated_at = self.clock()
            return SectionInfo(kind, section.text, section.shared)

    def set_section_shared(
        self, conversation_id: int, kind: SectionKind, shared: bool
    ) -> SectionInfo:
        """Share a section with the parents or not, keeping its text (the switch beside it)."""
        kind = SectionKind(kind)
        if kind is SectionKind.PRIVATE_PREPARATION and shared:
            raise ValidationError(_("The private preparation is never shared with the parents."))
        with self.db.transaction() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            section = s.scalars(
                select(ConversationSection).where(
                    ConversationSection.conversation_id == conversation_id,
                    ConversationSection.kind == kind,
                )
            ).first()
            if section is None:
                section = ConversationSection(
                    conversation_id=conversation_id, kind=kind, text="", shared=shared
                )
                s.add(section)
            section.shared = shared
            conversation.updated_at = self.clock()
            return SectionInfo(kind, section.text, section.shared)

    def set_next_conversation(self, conversation_id: int, text: str) -> None:
        text = clean_text(text, _("Next conversation"), TEXT_MAX)
        with self.db.transaction() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            conversation.next_conversation = text
            conversation.updated_at = self.clock()

    def last_agenda(self, conversation_id: int) -> str:
        """The pupil's most recent earlier agenda; a message when there is none."""
        with self.db.reading() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            text = s.scalars(
                select(ConversationSection.text)
                .join(Conversation, Conversation.id == ConversationSection.conversation_id)
                .where(
                    Conversation.student_id == conversation.student_id,
                    Conversation.id != conversation_id,
                    Conversation.starts_at <= conversation.starts_at,
                    ConversationSection.kind == SectionKind.AGENDA,
                    func.length(func.trim(ConversationSection.text)) > 0,
                )
                .order_by(Conversation.starts_at.desc(), Conversation.id.desc())
            ).first()
        if text is None:
            raise ValidationError(_("The pupil has no earlier conversation with an agenda."))
        return str(text)

    def copy_last_agenda(self, conversation_id: int) -> str:
        """Start this conversation's agenda from the pupil's most recent earlier one."""
        text = self.last_agenda(conversation_id)
        self.set_section(conversation_id, SectionKind.AGENDA, text)
        return text
