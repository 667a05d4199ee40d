"""The language of the documents for the parents (Print › Document language).

A summary, an invitation, a message book or a parent meeting's papers are written in
the guardians' language unless the teacher picks Danish or English for the session
(:attr:`UiContext.document_language`). The file's name is in the document's language
too: "Referat …" on Danish content, "Summary …" on English, whatever the window speaks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup

from skolehjem_desktop import i18n
from skolehjem_desktop.i18n import N_, _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from skolehjem_desktop.ui.common.context import UiContext
    from skolehjem_desktop.ui.common.host import Host

# the choice (None: the guardians'), its menu text (in the window's language, as the
# guardians' language is named everywhere else)
CHOICES: tuple[tuple[str | None, str], ...] = (
    (None, N_("The &guardians' language")),
    ("da", N_("&Danish")),
    ("en", N_("&English")),
)
MENU_TEXT = N_("Document &language")


def document_language(ctx: UiContext, default: Callable[[], str]) -> str:
    """The teacher's choice for the session, else ``default()`` (the guardians')."""
    return ctx.document_language or default()


def document_name(lang: str, message: str, **values: object) -> str:
    """A file name (``message`` marked with ``N_``) in the document's language."""
    return i18n.translator(lang).gettext(message).format(**values)


def _choose(host: Host, lang: str | None) -> None:
    host.ctx.document_language = lang
    texts = {
        None: _("Documents for the parents are written in the guardians' language."),
        "da": _("Documents for the parents are written in Danish."),
        "en": _("Documents for the parents are written in English."),
    }
    host.show_status(texts[lang])


def add_menu(host: Host, menu: QMenu) -> list[QAction]:
    """The submenu with the three choices, the current one checked; returns its actions
    (object names ``document_language_guardians``, ``…_da``, ``…_en``)."""
    sub = menu.addMenu(_(MENU_TEXT))
    sub.setObjectName("document_language")
    group = QActionGroup(sub)
    group.setExclusive(True)
    made = []
    for lang, text in CHOICES:
        action = QAction(_(text), sub)
        action.setCheckable(True)
        action.setChecked(host.ctx.document_language == lang)
        action.setObjectName(f"document_language_{lang or 'guardians'}")
        action.triggered.connect(lambda _checked=False, lang=lang: _choose(host, lang))
        group.addAction(action)
        sub.addAction(action)
        made.append(action)
    return made
