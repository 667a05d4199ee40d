"""What each of the window's actions does, acting on a :class:`~..common.host.Host`.

The menus, toolbar and shortcuts that trigger them are built in :mod:`.menus`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skolehjem_desktop.i18n import _

if TYPE_CHECKING:
    from skolehjem_desktop.ui.common.host import Host


def _pupil(w: Host) -> int | None:
    if not w.can_leave():
        return None
    student_id = w.student_id
    if student_id is None:
        w.ctx.dialogs.info(w.widget(), _("Choose a pupil first."))
    return student_id


def _class(w: Host) -> int | None:
    if not w.can_leave():
        return None
    if w.class_id is None:
        w.ctx.dialogs.info(w.widget(), _("Choose a class first."))
    return w.class_id


def class_records(w: Host) -> None:
    """The class's parent meetings and parent council."""
    from skolehjem_desktop.ui.classes.class_records import open_class_records

    class_id = _class(w)
    if class_id is not None and open_class_records(w.ctx, w.widget(), class_id):
        w.refresh_overview()


def plan_evening(w: Host) -> None:
    """Plan the class's conversation evening (skole/hjemsamtaler)."""
    from skolehjem_desktop.ui.classes.evening_planner import open_evening_planner

    class_id = _class(w)
    if class_id is not None and open_evening_planner(w.ctx, w.widget(), class_id):
        w.refresh_overview()


def waiting(w: Host) -> None:
    """The replies and agreements overdue or due soon in all the teacher's classes."""
    from skolehjem_desktop.ui.dialogs.waiting_dialog import show_waiting

    show_waiting(w)


def find(w: Host) -> None:
    w.focus_search()


def import_list(w: Host) -> None:
    from skolehjem_desktop.ui.dialogs.import_wizard import run_import_wizard

    if not w.can_leave():
        return

    if run_import_wizard(w.ctx, w.widget(), w.school_year, w.class_id):
        w.reload()
        w.show_status(_("Class list imported."))


def read_sheet(w: Host) -> None:
    """Read a sheet the parents (or a colleague) filled in: preview, then write."""
    from skolehjem_desktop.ui.dialogs.sheet_preview import read_sheet_file

    read_sheet_file(w)


def hand_on_class(w: Host) -> None:
    """The chosen class in an encrypted class file for a colleague."""
    from skolehjem_desktop.ui.dialogs.class_export_dialog import hand_on_class as dialog

    class_id = _class(w)
    if class_id is None:
        return
    summary = dialog(w.ctx, w.widget(), class_id)
    if summary is not None:
        w.show_status(_("Class file written: {path}").format(path=summary.path))


def receive_class(w: Host) -> None:
    """A colleague's class file: the passphrase, a preview, then the import."""
    from skolehjem_desktop.ui.dialogs.class_receive import receive_class as receive

    receive(w)


def class_choices(w: Host) -> None:
    """What both the teacher and a colleague changed: keep mine, or use theirs."""
    from skolehjem_desktop.ui.dialogs.class_choices_dialog import show_choices

    if w.can_leave() and show_choices(w.ctx, w.widget()):
        w.reload()


def settings(w: Host) -> None:
    from skolehjem_desktop import i18n
    from skolehjem_desktop.ui.dialogs.settings_dialog import edit_settings

    if not w.can_leave():
        return
    before = w.services.school.language()
    if not edit_settings(w.ctx, w.widget()):
        return
    school = w.services.school.school_name()
    w.widget().setWindowTitle(f"Skolehjem – {school}" if school else "Skolehjem")
    w.reload()
    after = w.services.school.language()
    if after != before and (after or i18n.system_language()) != i18n.active().lang:
        restart = w.ctx.dialogs.confirm(
            w.widget(),
            _("Language"),
            _("The new language is used from the next start. Restart Skolehjem now?"),
            _("Restart now"),
            harmless=True,
        )
        if restart:
            w.restart()


def new_class(w: Host) -> None:
    from skolehjem_desktop.ui.classes.class_dialogs import new_class as dialog

    if not w.can_leave():
        return

    class_id = dialog(w.ctx, w.widget(), w.school_year)
    if class_id is not None:
        w.reload(class_id=class_id)


def edit_class(w: Host) -> None:
    from skolehjem_desktop.ui.classes.class_edit import edit_class as dialog

    class_id = _class(w)
    if class_id is not None and dialog(w.ctx, w.widget(), class_id):
        w.reload(class_id=class_id)


def archive_class(w: Host) -> None:
    from skolehjem_desktop.ui.classes.class_dialogs import archive_class as dialog

    class_id = _class(w)
    if class_id is not None and dialog(w.ctx, w.widget(), class_id):
        w.reload()


def new_year(w: Host) -> None:
    from skolehjem_desktop.ui.classes.class_dialogs import new_school_year

    if not w.can_leave():
        return

    if new_school_year(w.ctx, w.widget(), w.school_year):
        w.reload(year=w.school_year + 1)


def new_pupil(w: Host) -> None:
    from skolehjem_desktop.ui.pupil.student_dialogs import add_student

    class_id = _class(w)
    if class_id is None:
        return
    student_id = add_student(w.ctx, w.widget(), class_id)
    if student_id is not None:
        w.reload(class_id=class_id)
        w.open_student(student_id)


def edit_pupil(w: Host) -> None:
    from skolehjem_desktop.ui.pupil.student_dialogs import edit_student

    student_id = _pupil(w)
    if student_id is not None and edit_student(w.ctx, w.widget(), student_id):
        w.reload()


def move_pupil(w: Host) -> None:
    from skolehjem_desktop.ui.pupil.student_dialogs import move_student

    student_id = _pupil(w)
    if student_id is not None and move_student(w.ctx, w.widget(), student_id, w.school_year):
        w.reload()


def left_pupil(w: Host) -> None:
    from skolehjem_desktop.ui.pupil.student_dialogs import mark_left

    student_id = _pupil(w)
    if student_id is not None and mark_left(w.ctx, w.widget(), student_id):
        w.reload()


def delete_pupil(w: Host) -> None:
    from skolehjem_desktop.ui.pupil.student_dialogs import delete_student

    student_id = _pupil(w)
    if student_id is not None and delete_student(w.ctx, w.widget(), student_id):
        w.show_overview()
        w.reload()


def new_conversation(w: Host) -> None:
    if _pupil(w) is None:
        return
    w.start_new_conversation()


def held_conversation(w: Host) -> None:
    if _pupil(w) is None:
        return
    w.start_held_conversation()


def new_contact(w: Host) -> None:
    from skolehjem_desktop.ui.pupil.contact_dialog import add_contact

    student_id = _pupil(w)
    if student_id is not None and add_contact(w.ctx, w.widget(), student_id) is not None:
        w.refresh_contacts(student_id)
        w.record_saved()


def protect(w: Host) -> None:
    from skolehjem_desktop.ui.dialogs.crypto_dialogs import protect_dialog

    if w.can_leave():
        protect_dialog(w.ctx, w.widget())


def about(w: Host) -> None:
    from skolehjem_desktop.ui.dialogs.about_dialog import show_about

    show_about(w.ctx, w.widget())


def getting_started(w: Host) -> None:
    """Help › Getting started: the first steps, on one page."""
    from skolehjem_desktop.ui.app.help import GettingStartedDialog

    dialog = GettingStartedDialog(w.widget())
    dialog.exec()
    dialog.deleteLater()


def keyboard_shortcuts(w: Host) -> None:
    """Help › Keyboard shortcuts: every key of the menus, the lists and the search."""
    from skolehjem_desktop.ui.app.help import ShortcutsDialog

    dialog = ShortcutsDialog(w.widget())
    dialog.exec()
    dialog.deleteLater()
