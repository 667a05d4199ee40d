"""The main window's menus, toolbar and shortcuts: which action is where, and its key.

Each action is a line of :data:`ACTIONS` (its name, text, what it does to the
:class:`~skolehjem_desktop.ui.common.host.Host`, its shortcut); :data:`MENUS` places
them. What an action does is in :mod:`.actions` and :mod:`.printing`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.ui.app import actions, doc_language, printing

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar

    from skolehjem_desktop.ui.common.host import Host

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None
Key = QKeySequence.StandardKey

# name (also the QAction's object name, unless given), text, what it does, shortcut
ACTIONS: tuple[tuple[str, str, Callable[[Host], object], Shortcut, str], ...] = (
    ("import", N_("&Import class list…"), actions.import_list, "Ctrl+I", "import"),
    ("read_sheet", N_("&Read a filled-in sheet…"), actions.read_sheet, None, "read_sheet"),
    ("hand_on_class", N_("&Hand the class on…"), actions.hand_on_class, None, "hand_on_class"),
    ("receive_class", N_("Recei&ve a class…"), actions.receive_class, None, "receive_class"),
    (
        "class_choices",
        N_("&Choose between versions…"),
        actions.class_choices,
        None,
        "class_choices",
    ),
    ("settings", N_("&Settings…"), actions.settings, QKeySequence("Ctrl+,"), "settings"),
    ("quit", N_("&Quit"), lambda h: h.widget().close(), Key.Quit, "quit"),
    ("new_class", N_("&New class…"), actions.new_class, None, "new_class"),
    ("edit_class", N_("&Edit class…"), actions.edit_class, None, "rename"),
    ("archive_class", N_("&Archive class"), actions.archive_class, None, "archive"),
    ("new_year", N_("New school &year…"), actions.new_year, None, "new_year"),
    ("class_records", N_("Class &records…"), actions.class_records, None, "class_records"),
    (
        "plan_evening",
        N_("&Plan conversation evening…"),
        actions.plan_evening,
        None,
        "plan_evening",
    ),
    ("new_pupil", N_("New &pupil…"), actions.new_pupil, "Ctrl+Shift+P", "new_pupil"),
    ("edit_pupil", N_("&Edit pupil…"), actions.edit_pupil, None, "edit_pupil"),
    ("move_pupil", N_("&Move to another class…"), actions.move_pupil, None, "move"),
    ("left_pupil", N_("Mark as &left…"), actions.left_pupil, None, "left"),
    ("delete_pupil", N_("&Delete pupil…"), actions.delete_pupil, None, "delete"),
    (
        "new_conversation",
        N_("New &conversation"),
        actions.new_conversation,
        Key.New,
        "new_conversation",
    ),
    (
        "held_conversation",
        N_("Conversation &held today"),
        actions.held_conversation,
        "Ctrl+Shift+H",
        "held_conversation",
    ),
    ("new_contact", N_("New con&tact…"), actions.new_contact, "Ctrl+Shift+N", "new_contact"),
    ("overview", N_("Class &overview"), lambda h: h.show_overview(), "Ctrl+Home", "overview"),
    ("find", N_("&Find pupil"), actions.find, Key.Find, "find"),
    (
        "getting_started",
        N_("&Getting started"),
        actions.getting_started,
        Key.HelpContents,
        "getting_started",
    ),
    ("shortcuts", N_("&Keyboard shortcuts"), actions.keyboard_shortcuts, None, "shortcuts"),
    ("waiting", N_("&Waiting for me…"), actions.waiting, "Ctrl+Shift+W", "waiting"),
    ("about", N_("&About Skolehjem"), actions.about, None, "about"),
    ("protect", N_("&Passphrase protection…"), actions.protect, None, "protect"),
    ("print_summary", N_("Conversation &summary"), printing.summary, Key.Print, "print_summary"),
    (
        "save_summary",
        N_("Save conversation summary as…"),
        lambda h: printing.summary(h, save=True),
        None,
        "save_summary",
    ),
    (
        "print_invitation",
        N_("&Invitation and preparation sheet"),
        printing.invitation,
        None,
        "print_invitation",
    ),
    (
        "save_invitation",
        N_("Save invitation as…"),
        lambda h: printing.invitation(h, save=True),
        None,
        "save_invitation",
    ),
    ("print_focus", N_("&Message book"), printing.message_book, None, "print_focus"),
    (
        "save_focus",
        N_("Save message book as…"),
        lambda h: printing.message_book(h, save=True),
        None,
        "save_focus",
    ),
    ("print_class", N_("Class &overview"), printing.class_overview, None, "print_class"),
    (
        "save_class",
        N_("Save class overview as…"),
        lambda h: printing.class_overview(h, save=True),
        None,
        "save_class",
    ),
    ("print_guide", N_("&Guide for the parents…"), printing.guide, None, "print_guide"),
    (
        "print_colleague_sheet",
        N_("Sheet for the subject &teachers…"),
        printing.colleague_sheet,
        None,
        "print_colleague_sheet",
    ),
    (
        "print_all",
        N_("&All summaries of the class…"),
        printing.class_summaries,
        None,
        "print_all",
    ),
)

# menu title, the names of its actions in order (None: a separator)
MENUS: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    (
        N_("&File"),
        (
            "import",
            "read_sheet",
            None,
            "hand_on_class",
            "receive_class",
            "class_choices",
            None,
            "backup",
            "restore",
            None,
            "settings",
            "protect",
            None,
            "quit",
        ),
    ),
    (
        N_("&Class"),
        (
            "overview",
            "waiting",
            None,
            "new_class",
            "edit_class",
            "archive_class",
            None,
            "class_records",
            "plan_evening",
            None,
            "new_year",
        ),
    ),
    (
        N_("&Pupil"),
        (
            "find",
            None,
            "new_pupil",
            "edit_pupil",
            "move_pupil",
            "left_pupil",
            "delete_pupil",
            None,
            "export_student",
            "purge_left",
            None,
            "new_conversation",
            "held_conversation",
            "new_contact",
        ),
    ),
    (
        N_("P&rint"),
        (
            "print_summary",
            "save_summary",
            None,
            "print_invitation",
            "save_invitation",
            None,
            "print_focus",
            "save_focus",
            None,
            "print_class",
            "save_class",
            None,
            "print_all",
            None,
            "print_colleague_sheet",
            None,
            "print_guide",
        ),
    ),
    (N_("&Help"), ("getting_started", "shortcuts", None, "about")),
)
# a menu's submenu after its actions (a separator before it), and what builds it
SUBMENUS: dict[str, Callable[[Host, QMenu], list[QAction]]] = {
    N_("P&rint"): doc_language.add_menu,
}
# actions that need a chosen class: disabled in a menu while none is chosen
NEEDS_CLASS = ("hand_on_class",)
TOOLBAR = ("overview", "waiting", "new_conversation", "new_contact", "print_summary", "import")


def build_frame(bar: QMenuBar, toolbar: QToolBar) -> None:
    """The menus and toolbar as they will be, disabled: the frame shown before the data."""
    for title, _names in MENUS:
        bar.addMenu(_(title)).setEnabled(False)
    texts = {key: text for key, text, *_rest in ACTIONS}
    for key in TOOLBAR:
        toolbar.addAction(_(texts[key])).setEnabled(False)


def _action(
    host: Host, text: str, slot: Callable[[Host], object], shortcut: Shortcut, name: str
) -> QAction:
    window = host.widget()
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot(host))
    action.setObjectName(name)
    window.addAction(action)
    return action


def _enable_with_class(host: Host, menu: QMenu, needing: list[QAction]) -> None:
    """``needing`` enabled only while a class is chosen: checked when the window says the
    choice changed (its ``selection_changed``), and again as the menu opens."""

    def update() -> None:
        for action in needing:
            action.setEnabled(host.class_id is not None)

    if needing:
        menu.aboutToShow.connect(update)
        changed = getattr(host.widget(), "selection_changed", None)
        if changed is not None:
            changed.connect(update)
        update()


def build(host: Host, toolbar: QToolBar) -> dict[str, QAction]:
    """Create every action of the window with its menus and toolbar; returns them by name."""
    from skolehjem_desktop.ui.dialogs import backup_dialogs, privacy_dialogs

    made = {
        key: _action(host, _(text), slot, shortcut, name)
        for key, text, slot, shortcut, name in ACTIONS
    }
    for action in (*backup_dialogs.add_actions(host), *privacy_dialogs.add_actions(host)):
        made[action.objectName()] = action
    bar = host.widget().menuBar()
    for title, names in MENUS:
        menu = bar.addMenu(_(title))
        for entry in names:
            if entry is None:
                menu.addSeparator()
            else:
                menu.addAction(made[entry])
        _enable_with_class(host, menu, [made[n] for n in NEEDS_CLASS if n in names])
        if title in SUBMENUS:
            menu.addSeparator()
            for action in SUBMENUS[title](host, menu):
                made[action.objectName()] = action
    for entry in TOOLBAR:
        toolbar.addAction(made[entry])
    return made
