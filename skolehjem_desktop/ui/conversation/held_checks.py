"""Marking a conversation held when a guardian or a contact teacher is not taking part.

The service refuses it (:class:`HeldWithoutParticipants`) and says what is missing; the
teacher is asked whether it was held like that all the same, and if so it is stored as
an exception.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.conversations import ConversationDetail, HeldWithoutParticipants
from skolehjem_desktop.ui.common.context import UiContext

HeldAction = Callable[..., ConversationDetail]


def held_asking(
    ctx: UiContext, parent: QWidget, action: HeldAction, conversation_id: int
) -> ConversationDetail | None:
    """``action(conversation_id)``; if it lacks a guardian or a contact teacher, ask and
    then ``action(conversation_id, exception=True)``. None when the teacher declines."""
    try:
        return action(conversation_id)
    except HeldWithoutParticipants as refused:
        question = (
            str(refused)
            + "\n\n"
            + _("Was it held like this all the same? It is then noted as an exception.")
        )
        if not ctx.dialogs.confirm(parent, _("Mark as held"), question, _("&Held all the same")):
            return None
        return action(conversation_id, exception=True)
