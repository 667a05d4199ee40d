"""The contact log's "Copy reply as Aula message": the start of a reply to a parent.

For a contact the home started, the button copies a short greeting and a first line
for the teacher to finish in Aula (:func:`~skolehjem_desktop.ui.dialogs.
aula_message_dialog.copy_for_aula`). The copy is logged as the school's Aula message
and the parent's contact is marked as done: the school has replied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton

from skolehjem_desktop.domain.enums import AulaMessageKind, StartedBy
from skolehjem_desktop.i18n import _
from skolehjem_desktop.ui.dialogs.aula_message_dialog import AulaMessageDialog, copy_for_aula

if TYPE_CHECKING:
    from skolehjem_desktop.services.contacts import ContactInfo
    from skolehjem_desktop.ui.pupil.contacts_tab import ContactsTab


def reply_button() -> QPushButton:
    button = QPushButton(_("Copy reply as Aula message"))
    button.setObjectName("aula_reply_button")
    button.setToolTip(
        _(
            "Put the start of a reply on the clipboard, ready to paste in Aula. "
            "The contact is then marked as answered."
        )
    )
    return button


def can_reply(contact: ContactInfo | None) -> bool:
    return contact is not None and contact.started_by is StartedBy.PARENT


def copy_reply(tab: ContactsTab, contact: ContactInfo | None) -> AulaMessageDialog | None:
    """Copy the reply to ``contact``; the log then shows the school's message, the
    parent's contact done."""
    if not can_reply(contact) or contact is None:
        return None
    dialog = copy_for_aula(tab.ctx, tab, AulaMessageKind.REPLY, contact.id)
    if dialog is not None:
        tab.reload(contact.id)
        tab.changed.emit()
    return dialog
