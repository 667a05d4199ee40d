"""After a conversation is marked held: offer to record the message book's presentation
when the conversation went through the focus points (services.focus_review)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from skolehjem_desktop.i18n import _
from skolehjem_desktop.ui.common.context import UiContext


def offer_presentation(ctx: UiContext, parent: QWidget, conversation_id: int) -> bool:
    """Ask whether to record the presentation with the conversation; True when recorded."""
    review = ctx.services.focus_review
    offer = ctx.attempt(parent, review.offer_after_held, conversation_id)
    if offer is None:
        return False
    if not ctx.dialogs.confirm(
        parent,
        _("Record presentation to the parents"),
        _("The focus points were gone through. Record that the message book was presented?"),
        _("Record"),
    ):
        return False
    return ctx.attempt(parent, review.record, offer) is not None
