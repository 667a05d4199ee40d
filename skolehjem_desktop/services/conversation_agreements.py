"""The agreements made in a conversation: what, who is responsible, by when, and done."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from skolehjem_desktop.domain.enums import Responsible
from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import Service, clean_text, get_or_404
from skolehjem_desktop.services.conversation_rows import AgreementInfo
from skolehjem_desktop.store.models import Agreement, Conversation


def agreement_info(a: Agreement) -> AgreementInfo:
    return AgreementInfo(a.id, a.conversation_id, a.text, a.responsible, a.due, a.done)


class ConversationAgreements(Service):
    """The agreements of a conversation (a part of :class:`ConversationService`)."""

    def add_agreement(
        self,
        conversation_id: int,
        text: str,
        responsible: Responsible,
        due: dt.date | None = None,
    ) -> AgreementInfo:
        text = clean_text(text, _("The agreement"), TEXT_MAX, required=True)
        with self.db.transaction() as s:
            get_or_404(s, Conversation, conversation_id, _("Conversation"))
            position = s.scalar(
                select(func.coalesce(func.max(Agreement.position), -1)).where(
                    Agreement.conversation_id == conversation_id
                )
            )
            agreement = Agreement(
                conversation_id=conversation_id,
                text=text,
                responsible=Responsible(responsible),
                due=due,
                done=False,
                position=int(position or 0) + 1,
            )
            s.add(agreement)
            s.flush()
            return agreement_info(agreement)

    def update_agreement(
        self,
        agreement_id: int,
        *,
        text: str | None = None,
        responsible: Responsible | None = None,
        due: dt.date | None = None,
        clear_due: bool = False,
        done: bool | None = None,
    ) -> AgreementInfo:
        with self.db.transaction() as s:
            agreement = get_or_404(s, Agreement, agreement_id, _("Agreement"))
            if text is not None:
                agreement.text = clean_text(text, _("The agreement"), TEXT_MAX, required=True)
            if responsible is not None:
                agreement.responsible = Responsible(responsible)
            if clear_due:
                agreement.due = None
            elif due is not None:
                agreement.due = due
            if done is not None:
                agreement.done = done
            s.flush()
            return agreement_info(agreement)

    def remove_agreement(self, agreement_id: int) -> None:
        with self.db.transaction() as s:
            s.delete(get_or_404(s, Agreement, agreement_id, _("Agreement")))

    def open_agreements(self, student_id: int) -> list[AgreementInfo]:
        """The pupil's agreements not yet done, the earliest due first."""
        with self.db.reading() as s:
            rows = s.scalars(
                select(Agreement)
                .join(Conversation, Conversation.id == Agreement.conversation_id)
                .where(Conversation.student_id == student_id, Agreement.done.is_(False))
                .order_by(Agreement.due.is_(None), Agreement.due, Agreement.id)
            ).all()
            return [agreement_info(a) for a in rows]
