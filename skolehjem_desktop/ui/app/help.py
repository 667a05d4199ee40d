"""The Help menu's two pages: the first steps, and every keyboard shortcut.

Both are written from the menus' own data (:data:`.menus.ACTIONS` and
:data:`.menus.MENUS`): a menu entry named in the first steps is shown as the menu
shows it, in the language shown, and the shortcut list is every action's key as the
window has it, so neither goes stale when an entry or a key changes.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.i18n import _
from skolehjem_desktop.ui.app import menus
from skolehjem_desktop.ui.common.sizing import resize_to_fit


def plain(text: str) -> str:
    """A caption without its mnemonic ampersand ("&&" stays one "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def key_text(shortcut: menus.Shortcut) -> str:
    """A shortcut as the menus show it ("Ctrl+F"), or "" for none."""
    if shortcut is None:
        return ""
    return QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)


def menu_path(name: str) -> str:
    """Where an action is: "File › Import class list… (Ctrl+I)", in the language shown."""
    text, shortcut = next((t, s) for key, t, _slot, s, _n in menus.ACTIONS if key == name)
    title = next(t for t, names in menus.MENUS if name in names)
    menu, entry = plain(_(title)), plain(_(text))
    path = f"{menu} › {entry}"
    keys = key_text(shortcut)
    return f"{path} ({keys})" if keys else path


def menu_shortcuts() -> Iterator[tuple[str, str, str]]:
    """(menu, action, keys) for every action of the menus that has a shortcut, menu by menu."""
    actions = {key: (text, shortcut) for key, text, _slot, shortcut, _n in menus.ACTIONS}
    for title, names in menus.MENUS:
        for name in names:
            if name is None or name not in actions:
                continue
            text, shortcut = actions[name]
            keys = key_text(shortcut)
            if keys:  # a standard key the platform has no binding for has none (Quit)
                yield plain(_(title)), plain(_(text)), keys


def list_rules() -> list[tuple[str, str]]:
    """(keys, what they do) in the lists and the search field, which are not menu entries."""
    key = key_text
    return [
        (key(QKeySequence.StandardKey.Find), _("Go to the search field above the pupils.")),
        (key("Down"), _("In the search field: go to the pupils found, the first highlighted.")),
        (key("Return"), _("In the search field: open the first pupil found.")),
        (key("Escape"), _("In the search field or the list of pupils: clear the search.")),
        (key("Escape"), _("In the empty search field: go back to where you were.")),
        (f"{key('Up')}, {key('Down')}", _("In a list: highlight the row above or below.")),
        (key("Return"), _("In a list: open the pupil, parent or contact highlighted.")),
        (key("Tab"), _("Go to the next field, list or button.")),
        (_("Alt+underlined letter"), _("Go to that field, tab or button, or open that menu.")),
        (key("Ctrl+Return"), _("In the contact dialog: save the contact.")),
        (key("Ins"), _("In the message book: add a focus point.")),
        (
            f"{key('Ctrl+Up')}, {key('Ctrl+Down')}",
            _("In the message book: move the focus point up or down."),
        ),
        (key("Del"), _("In the message book or the contacts: remove the one chosen.")),
    ]


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _fill(template: str, **references: str) -> str:
    """``template`` as HTML with each reference to the window (a menu entry, a tab) in bold."""
    bold = {key: f"<b>{html.escape(value)}</b>" for key, value in references.items()}
    return html.escape(template, quote=False).format(**bold)


def _step(title: str, template: str, **references: str) -> str:
    return f"<li><p><b>{html.escape(title)}</b><br>{_fill(template, **references)}</p></li>"


def _steps() -> list[str]:
    """The first steps: import, a conversation, its summary, the message book, a parent's
    call, the overview."""
    tab = plain
    return [
        _step(
            _("Import your class list"),
            _(
                "Choose {import_list} and pick the class list from the school's "
                "administration system (Excel or CSV). Check the pupils and parents it "
                "found, then import: the class is on the left with its pupils. "
                "{new_pupil} adds a pupil by hand."
            ),
            import_list=menu_path("import"),
            new_pupil=menu_path("new_pupil"),
        ),
        _step(
            _("Plan and hold a conversation"),
            _(
                "Click a pupil, or find one with {find}. {new_conversation} plans a "
                "school–home conversation: its time and who takes part on {planning}, "
                "your own notes and the agenda on {preparation}, what was said and agreed "
                "on {record}. Afterwards press {held}."
            ),
            find=menu_path("find"),
            new_conversation=menu_path("new_conversation"),
            planning=tab(_("Plann&ing")),
            preparation=tab(_("Pr&eparation")),
            record=tab(_("&Record")),
            held=tab(_("Mar&k as held")),
        ),
        _step(
            _("Print the summary"),
            _(
                "With the conversation chosen, {print_summary} opens the summary for the "
                "parents as a PDF, and {save_summary} saves it for Aula. Your own notes and "
                "the sections not shared with the parents are never in it."
            ),
            print_summary=menu_path("print_summary"),
            save_summary=menu_path("save_summary"),
        ),
        _step(
            _("Keep the message book"),
            _(
                "On the pupil's {message_book} tab, write a few focus points in Danish, "
                "maths and all-round development. When you have gone through them with the "
                "parents, record it with {record_presentation}. {print_focus} prints them."
            ),
            message_book=tab(_("&Message book")),
            record_presentation=tab(_("Recor&d presentation to the parents…")),
            print_focus=menu_path("print_focus"),
        ),
        _step(
            _("Log a parent's call"),
            _(
                "When a parent calls or writes, {new_contact} logs what it was about. If "
                "you owe a reply, it gets a date within the working days, and the pupil's "
                "{contacts} tab and the class overview show it until it is done."
            ),
            new_contact=menu_path("new_contact"),
            contacts=tab(_("Con&tacts")),
        ),
        _step(
            _("See what is still owed"),
            _(
                "{overview} shows the class: who has had no ordinary conversation this "
                "school year, whose focus points have not been gone through with the "
                "parents, and which agreements and replies are overdue. Press Enter or "
                "double-click a pupil to open the pupil's page."
            ),
            overview=menu_path("overview"),
        ),
    ]


def getting_started_html() -> str:
    """The first steps, on one page."""
    intro = _(
        "Everything you type is saved as you go, and a backup is made every day the "
        "program starts. These are the first steps:"
    )
    outro = _fill(
        _("Every keyboard shortcut is listed under {shortcuts}."),
        shortcuts=menu_path("shortcuts"),
    )
    return f"<p>{html.escape(intro)}</p><ol>{''.join(_steps())}</ol><p>{outro}</p>"


class GettingStartedDialog(QDialog):
    """Help › Getting started: the first hour with the program, on one page."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Getting started with Skolehjem"))
        self.text = QTextBrowser()
        self.text.setObjectName("getting_started_text")
        self.text.setOpenLinks(False)
        self.text.setHtml(getting_started_html())
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(_close_buttons(self))
        resize_to_fit(self, 680, 580)


class ShortcutsDialog(QDialog):
    """Help › Keyboard shortcuts: the menus' keys, then the keys of the lists and fields."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcuts_tree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([_("What"), _("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName(_("Keyboard shortcuts"))
        groups: dict[str, QTreeWidgetItem] = {}
        for menu, action, keys in menu_shortcuts():
            if menu not in groups:
                groups[menu] = QTreeWidgetItem(self.tree, [_("{menu} menu").format(menu=menu)])
            QTreeWidgetItem(groups[menu], [action, keys])
        lists = QTreeWidgetItem(self.tree, [_("Lists, search and fields")])
        for keys, what in list_rules():
            QTreeWidgetItem(lists, [what, keys])
        for item in (*groups.values(), lists):
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setFirstColumnSpanned(True)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        self.tree.expandAll()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(_close_buttons(self))
        resize_to_fit(self, 680, 640)

    def rows(self) -> list[tuple[str, str]]:
        """(what, keys) of every line under the headings, in order."""
        found = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            lines = [group.child(i) for i in range(group.childCount())] if group else []
            found += [(line.text(0), line.text(1)) for line in lines if line is not None]
        return found
