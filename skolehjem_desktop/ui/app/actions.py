"""The main window's menus, toolbar and shortcuts, and what each action does."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from skolehjem_desktop.i18n import _
from skolehjem_desktop.ui.app import printing

if TYPE_CHECKING:
    from skolehjem_desktop.ui.app.main_window import MainWindow


def _action(
    window: MainWindow,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    name: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    if name:
        action.setObjectName(name)
    window.addAction(action)
    return action


def build(w: MainWindow) -> None:
    """Create every action of the window, with menus and a toolbar."""
    a = {
        "import": _action(w, _("&Import class list…"), lambda: import_list(w), "Ctrl+I", "import"),
        "settings": _action(
            w, _("&Settings…"), lambda: settings(w), QKeySequence("Ctrl+,"), "settings"
        ),
        "quit": _action(w, _("&Quit"), w.close, QKeySequence.StandardKey.Quit, "quit"),
        "new_class": _action(w, _("&New class…"), lambda: new_class(w), None, "new_class"),
        "rename_class": _action(w, _("&Rename class…"), lambda: rename_class(w), None, "rename"),
        "archive_class": _action(w, _("&Archive class"), lambda: archive_class(w), None, "archive"),
        "new_year": _action(w, _("New school &year…"), lambda: new_year(w), None, "new_year"),
        "class_records": _action(
            w, _("Class &records…"), lambda: class_records(w), None, "class_records"
        ),
        "plan_evening": _action(
            w, _("&Plan conversation evening…"), lambda: plan_evening(w), None, "plan_evening"
        ),
        "new_pupil": _action(
            w, _("New &pupil…"), lambda: new_pupil(w), "Ctrl+Shift+P", "new_pupil"
        ),
        "edit_pupil": _action(w, _("&Edit pupil…"), lambda: edit_pupil(w), None, "edit_pupil"),
        "move_pupil": _action(w, _("&Move to another class…"), lambda: move_pupil(w), None, "move"),
        "left_pupil": _action(w, _("Mark as &left…"), lambda: left_pupil(w), None, "left"),
        "delete_pupil": _action(w, _("&Delete pupil…"), lambda: delete_pupil(w), None, "delete"),
        "new_conversation": _action(
            w,
            _("New &conversation"),
            lambda: new_conversation(w),
            QKeySequence.StandardKey.New,
            "new_conversation",
        ),
        "new_contact": _action(
            w, _("New con&tact…"), lambda: new_contact(w), "Ctrl+Shift+N", "new_contact"
        ),
        "overview": _action(w, _("Class &overview"), w.show_overview, "Ctrl+Home", "overview"),
        "find": _action(
            w, _("&Find pupil"), lambda: find(w), QKeySequence.StandardKey.Find, "find"
        ),
        "about": _action(w, _("&About Skolehjem"), w.about, None, "about"),
        "protect": _action(w, _("&Passphrase protection…"), lambda: protect(w), None, "protect"),
        "print_summary": _action(
            w,
            _("Conversation &summary"),
            lambda: printing.summary(w),
            QKeySequence.StandardKey.Print,
            "print_summary",
        ),
        "save_summary": _action(
            w,
            _("Save conversation summary as…"),
            lambda: printing.summary(w, save=True),
            None,
            "save_summary",
        ),
        "print_invitation": _action(
            w,
            _("&Invitation and preparation sheet"),
            lambda: printing.invitation(w),
            None,
            "print_invitation",
        ),
        "save_invitation": _action(
            w,
            _("Save invitation as…"),
            lambda: printing.invitation(w, save=True),
            None,
            "save_invitation",
        ),
        "print_focus": _action(
            w, _("&Message book"), lambda: printing.message_book(w), None, "print_focus"
        ),
        "save_focus": _action(
            w,
            _("Save message book as…"),
            lambda: printing.message_book(w, save=True),
            None,
            "save_focus",
        ),
        "print_class": _action(
            w, _("Class &overview"), lambda: printing.class_overview(w), None, "print_class"
        ),
        "save_class": _action(
            w,
            _("Save class overview as…"),
            lambda: printing.class_overview(w, save=True),
            None,
            "save_class",
        ),
        "print_all": _action(
            w,
            _("&All summaries of the class…"),
            lambda: printing.class_summaries(w),
            None,
            "print_all",
        ),
    }
    from skolehjem_desktop.ui.dialogs import backup_dialogs, privacy_dialogs

    for action in (*backup_dialogs.add_actions(w), *privacy_dialogs.add_actions(w)):
        a[action.objectName()] = action
    w.actions_by_name = a
    bar = w.menuBar()
    menus: dict[str, list[str | None]] = {
        _("&File"): [
            "import",
            None,
            "backup",
            "restore",
            None,
            "settings",
            "protect",
            None,
            "quit",
        ],
        _("&Class"): [
            "overview",
            None,
            "new_class",
            "rename_class",
            "archive_class",
            None,
            "class_records",
            "plan_evening",
            None,
            "new_year",
        ],
        _("&Pupil"): [
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
            "new_contact",
        ],
        _("P&rint"): [
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
        ],
        _("&Help"): ["about"],
    }
    for title, names in menus.items():
        menu = bar.addMenu(title)
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(a[name])
    w.class_items.open_records.connect(lambda: class_records(w))
    toolbar = w.toolbar()
    for name in ("overview", "new_conversation", "new_contact", "print_summary", "import"):
        toolbar.addAction(a[name])


def _pupil(w: MainWindow) -> int | None:
    if not w.can_leave():
        return None
    student_id = w.student_id
    if student_id is None:
        w.ctx.dialogs.info(w, _("Choose a pupil first."))
    return student_id


def _class(w: MainWindow) -> int | None:
    if not w.can_leave():
        return None
    if w.class_id is None:
        w.ctx.dialogs.info(w, _("Choose a class first."))
    return w.class_id


def class_records(w: MainWindow) -> None:
    """The class's parent meetings and parent council."""
    from skolehjem_desktop.ui.classes.class_records import open_class_records

    class_id = _class(w)
    if class_id is not None and open_class_records(w.ctx, w, class_id):
        w.refresh_overview()


def plan_evening(w: MainWindow) -> None:
    """Plan the class's conversation evening (skole/hjemsamtaler)."""
    from skolehjem_desktop.ui.classes.evening_planner import open_evening_planner

    class_id = _class(w)
    if class_id is not None and open_evening_planner(w.ctx, w, class_id):
        w.refresh_overview()


def find(w: MainWindow) -> None:
    w.filter_edit.setFocus()
    w.filter_edit.selectAll()


def import_list(w: MainWindow) -> None:
    from skolehjem_desktop.ui.dialogs.import_wizard import run_import_wizard

    if not w.can_leave():
        return

    if run_import_wizard(w.ctx, w, w.school_year, w.class_id):
        w.reload()
        w.statusBar().showMessage(_("Class list imported."))


def settings(w: MainWindow) -> None:
    from skolehjem_desktop import i18n
    from skolehjem_desktop.ui.dialogs.settings_dialog import edit_settings

    if not w.can_leave():
        return
    before = w.services.school.language()
    if not edit_settings(w.ctx, w):
        return
    school = w.services.school.school_name()
    w.setWindowTitle(f"Skolehjem – {school}" if school else "Skolehjem")
    w.reload()
    after = w.services.school.language()
    if after != before and (after or i18n.system_language()) != i18n.active().lang:
        restart = w.ctx.dialogs.confirm(
            w,
            _("Language"),
            _("The new language is used from the next start. Restart Skolehjem now?"),
            _("Restart now"),
        )
        if restart:
            w.restart()


def new_class(w: MainWindow) -> None:
    from skolehjem_desktop.ui.classes.class_dialogs import new_class as dialog

    if not w.can_leave():
        return

    class_id = dialog(w.ctx, w, w.school_year)
    if class_id is not None:
        w.reload(class_id=class_id)


def rename_class(w: MainWindow) -> None:
    from skolehjem_desktop.ui.classes.class_dialogs import rename_class as dialog

    class_id = _class(w)
    if class_id is not None and dialog(w.ctx, w, class_id):
        w.reload(class_id=class_id)


def archive_class(w: MainWindow) -> None:
    from skolehjem_desktop.ui.classes.class_dialogs import archive_class as dialog

    class_id = _class(w)
    if class_id is not None and dialog(w.ctx, w, class_id):
        w.reload()


def new_year(w: MainWindow) -> None:
    from skolehjem_desktop.ui.classes.class_dialogs import new_school_year

    if not w.can_leave():
        return

    if new_school_year(w.ctx, w, w.school_year):
        w.reload(year=w.school_year + 1)


def new_pupil(w: MainWindow) -> None:
    from skolehjem_desktop.ui.pupil.student_dialogs import add_student

    class_id = _class(w)
    if class_id is None:
        return
    student_id = add_student(w.ctx, w, class_id)
    if student_id is not None:
        w.reload(class_id=class_id)
        w.open_student(student_id)


def edit_pupil(w: MainWindow) -> None:
    from skolehjem_desktop.ui.pupil.student_dialogs import edit_student

    student_id = _pupil(w)
    if student_id is not None and edit_student(w.ctx, w, student_id):
        w.reload()


def move_pupil(w: MainWindow) -> None:
    from skolehjem_desktop.ui.pupil.student_dialogs import move_student

    student_id = _pupil(w)
    if student_id is not None and move_student(w.ctx, w, student_id, w.school_year):
        w.reload()


def left_pupil(w: MainWindow) -> None:
    from skolehjem_desktop.ui.pupil.student_dialogs import mark_left

    student_id = _pupil(w)
    if student_id is not None and mark_left(w.ctx, w, student_id):
        w.reload()


def delete_pupil(w: MainWindow) -> None:
    from skolehjem_desktop.ui.pupil.student_dialogs import delete_student

    student_id = _pupil(w)
    if student_id is not None and delete_student(w.ctx, w, student_id):
        w.show_overview()
        w.reload()


def new_conversation(w: MainWindow) -> None:
    if _pupil(w) is None:
        return
    w.pupil_page.tabs.setCurrentWidget(w.pupil_page.conversations)
    w.pupil_page.conversations.new_conversation()


def new_contact(w: MainWindow) -> None:
    from skolehjem_desktop.ui.pupil.contact_dialog import add_contact

    student_id = _pupil(w)
    if student_id is not None and add_contact(w.ctx, w, student_id) is not None:
        w.pupil_page.contacts.set_student(student_id, w.school_year)
        w.record_saved()


def protect(w: MainWindow) -> None:
    from skolehjem_desktop.ui.dialogs.crypto_dialogs import protect_dialog

    if w.can_leave():
        protect_dialog(w.ctx, w)
