"""Class records in the window: meetings and the parent council, driven as a teacher would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from skolehjem_desktop.domain.enums import CalledBy
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.class_records import MeetingInput
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.classes.class_records import ClassRecordsDialog, MeetingDialog
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs


@pytest.fixture
def ctx(services) -> UiContext:  # type: ignore[no-untyped-def]
    return UiContext(services, ScriptedDialogs())


@pytest.fixture
def klass(services):  # type: ignore[no-untyped-def]
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    services.school.add_teacher("Ole Berg", "OB")
    c = services.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    guardians = {}
    for first, last, parent in (
        ("Søren", "Ærø", "Anne Ærø"),
        ("Ayşe", "Yılmaz", "Elif Yılmaz"),
        ("Minh", "Nguyen", "Lan Nguyen"),
    ):
        pupil = services.students.add(first, last, c.id)
        guardians[parent] = services.students.add_guardian(pupil.id, parent).id
    return c.id, guardians


def on_dialog(action: Callable[[QWidget], None]) -> None:
    """Act on the modal dialog that is about to open (then close it if still open)."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None, "no dialog opened"
        try:
            action(dialog)
        finally:
            if dialog.isVisible():
                QDialog.reject(dialog)  # past any "discard?" question

    QTimer.singleShot(0, run)


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def show(qtbot, dialog):  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_new_meeting_is_typed_and_stored(qtbot, ctx, klass, type_in) -> None:  # type: ignore[no-untyped-def]
    class_id, _g = klass
    dialog = show(qtbot, ClassRecordsDialog(ctx, None, class_id))
    assert dialog.meeting_list.count() == 0
    assert "No parent meetings yet" in dialog.details.toPlainText()
    assert not dialog.minutes_button.isEnabled()
    seen: list[MeetingDialog] = []

    def fill(editor: QWidget) -> None:
        assert isinstance(editor, MeetingDialog)
        seen.append(editor)
        # The class's contact teacher is ticked; Ole is not one of the class's teachers.
        assert editor.teacher_list.item(0).checkState() == Qt.CheckState.Checked
        assert "not the class's" in editor.teacher_list.item(1).text()
        type_in(editor.date_edit, "27.8.2026")
        type_in(editor.start_edit, "19")
        type_in(editor.end_edit, "21.00")
        qtbot.keyClicks(editor.place_edit, "Klasselokalet")
        editor.called_by_combo.setCurrentIndex(editor.called_by_combo.findData("teachers"))
        editor.teacher_list.item(1).setCheckState(Qt.CheckState.Checked)
        editor.families_spin.setValue(2)
        qtbot.keyClicks(editor.agenda_edit, "Velkommen")
        qtbot.keyClicks(editor.minutes_edit, "Council elected.")
        click(qtbot, editor.ok_button)

    on_dialog(fill)
    click(qtbot, dialog.new_button)
    assert seen and not seen[0].isVisible()
    (meeting,) = ctx.services.class_records.meetings(class_id)
    assert meeting.starts_at == dt.datetime(2026, 8, 27, 19, 0)
    assert meeting.ends_at == dt.datetime(2026, 8, 27, 21, 0)
    assert meeting.place == "Klasselokalet"
    assert meeting.called_by is CalledBy.TEACHERS
    assert [name for _id, name in meeting.teachers] == ["Mette Kjær", "Ole Berg"]
    assert (meeting.families_present, meeting.agenda, meeting.minutes) == (
        2,
        "Velkommen",
        "Council elected.",
    )
    assert dialog.meeting_list.count() == 1
    assert "Klasselokalet" in dialog.meeting_list.item(0).text()
    assert "Council elected." in dialog.details.toPlainText()
    assert "2 of 3" in dialog.details.toPlainText()
    assert "saved" in dialog.status.text()


def test_a_refused_text_stays_in_its_field_until_corrected(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    class_id, _g = klass
    start = dt.datetime(2026, 9, 3, 19, 0)
    ctx.services.class_records.create_meeting(
        class_id, MeetingInput(starts_at=start, minutes="Short.")
    )
    dialog = show(qtbot, ClassRecordsDialog(ctx, None, class_id))
    too_long = "x" * 20_001
    states: list[tuple[bool, str, str]] = []

    def refuse_then_fix(editor: QWidget) -> None:
        assert isinstance(editor, MeetingDialog)
        editor.minutes_edit.setPlainText(too_long)
        click(qtbot, editor.ok_button)
        states.append((editor.isVisible(), editor.minutes_edit.toPlainText(), editor.notice.text()))
        editor.minutes_edit.setPlainText("Fixed minutes.")
        click(qtbot, editor.ok_button)
        states.append((editor.isVisible(), editor.minutes_edit.toPlainText(), ""))

    on_dialog(refuse_then_fix)
    click(qtbot, dialog.edit_button)
    visible, text, notice = states[0]
    assert visible and text == too_long and "Minutes is too long" in notice
    assert ctx.dialogs.errors and "too long" in ctx.dialogs.errors[0]  # type: ignore[attr-defined]
    assert states[1][0] is False
    assert ctx.services.class_records.meetings(class_id)[0].minutes == "Fixed minutes."


def test_cancel_keeps_the_stored_meeting_and_delete_asks_first(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    class_id, _g = klass
    ctx.services.class_records.create_meeting(
        class_id, MeetingInput(starts_at=dt.datetime(2026, 9, 3, 19, 0), place="Aulaen")
    )
    dialog = show(qtbot, ClassRecordsDialog(ctx, None, class_id))

    def type_and_cancel(editor: QWidget) -> None:
        assert isinstance(editor, MeetingDialog)
        editor.place_edit.setText("Somewhere else")
        ctx.dialogs.confirms.append(False)  # asked, and the teacher keeps what they typed
        editor.reject()
        assert editor.isVisible() and editor.place_edit.text() == "Somewhere else"
        assert "not saved" in ctx.dialogs.asked[-1]
        ctx.dialogs.confirms.append(True)  # asked again: discard
        editor.reject()
        assert not editor.isVisible()

    on_dialog(type_and_cancel)
    click(qtbot, dialog.edit_button)
    assert ctx.services.class_records.meetings(class_id)[0].place == "Aulaen"

    ctx.dialogs.confirms.extend([False, True])  # type: ignore[attr-defined]
    click(qtbot, dialog.delete_button)
    assert len(ctx.services.class_records.meetings(class_id)) == 1
    click(qtbot, dialog.delete_button)
    assert ctx.services.class_records.meetings(class_id) == []
    assert dialog.meeting_list.count() == 0
    assert "3 September 2026" in ctx.dialogs.asked[-1]  # type: ignore[attr-defined]


def test_print_the_invitation_and_save_the_minutes(qtbot, ctx, klass, tmp_path) -> None:  # type: ignore[no-untyped-def]
    class_id, _g = klass
    ctx.services.class_records.create_meeting(
        class_id,
        MeetingInput(
            starts_at=dt.datetime(2026, 9, 3, 19, 0),
            place="Aulaen",
            agenda="Valg af klasseforældreråd",
            minutes="Referatet.",
        ),
    )
    dialog = show(qtbot, ClassRecordsDialog(ctx, None, class_id))
    click(qtbot, dialog.invitation_button)
    (opened,) = ctx.dialogs.opened  # type: ignore[attr-defined]
    assert opened.parent.name == "previews"
    text = "\n".join(p.extract_text() for p in PdfReader(str(opened)).pages)
    assert "Invitation til forældremøde" in text and "Valg af klasseforældreråd" in text
    target = tmp_path / "referat"
    ctx.dialogs.files.append(target)  # type: ignore[attr-defined]
    click(qtbot, dialog.save_minutes_button)
    saved = target.with_suffix(".pdf")
    assert saved.exists()
    assert "Referatet." in "\n".join(p.extract_text() for p in PdfReader(str(saved)).pages)
    assert "written" in dialog.status.text()


def test_the_meetings_papers_follow_the_document_language(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    class_id, _g = klass
    ctx.services.class_records.create_meeting(
        class_id, MeetingInput(starts_at=dt.datetime(2026, 9, 3, 19, 0), agenda="Lejrskole")
    )
    dialog = show(qtbot, ClassRecordsDialog(ctx, None, class_id))
    click(qtbot, dialog.invitation_button)
    ctx.document_language = "en"  # Print › Document language › English
    click(qtbot, dialog.invitation_button)
    danish, english = ctx.dialogs.opened  # type: ignore[attr-defined]
    assert not danish.name.startswith("Parent meeting")
    assert english.name.startswith("Parent meeting invitation 5.A 2026-09-03")
    text = "\n".join(p.extract_text() for p in PdfReader(str(english)).pages)
    assert "Invitation to a parent meeting" in text and "Lejrskole" in text


def test_the_council_and_the_contact_parent_are_stored_at_once(qtbot, ctx, klass) -> None:  # type: ignore[no-untyped-def]
    class_id, guardians = klass
    dialog = show(qtbot, ClassRecordsDialog(ctx, None, class_id))
    dialog.tabs.setCurrentIndex(1)
    assert dialog.council_list.count() == 3
    assert not dialog.contact_combo.isEnabled()
    changes: list[bool] = []
    dialog.changed.connect(lambda: changes.append(True))

    def row_of(name: str) -> int:
        return next(
            i
            for i in range(dialog.council_list.count())
            if name in dialog.council_list.item(i).text()
        )

    dialog.council_list.item(row_of("Anne Ærø")).setCheckState(Qt.CheckState.Checked)
    dialog.council_list.item(row_of("Elif Yılmaz")).setCheckState(Qt.CheckState.Checked)
    council = ctx.services.class_records.council(class_id)
    assert {m.name for m in council.members} == {"Anne Ærø", "Elif Yılmaz"}
    assert "Søren Ærø" in dialog.council_list.item(row_of("Anne Ærø")).text()
    assert dialog.contact_combo.isEnabled() and dialog.contact_combo.count() == 3

    dialog.contact_combo.setCurrentIndex(dialog.contact_combo.findText("Elif Yılmaz"))
    dialog.contact_combo.activated.emit(dialog.contact_combo.currentIndex())
    contact = ctx.services.class_records.council(class_id).contact_parent
    assert contact is not None and contact.guardian_id == guardians["Elif Yılmaz"]

    dialog.council_list.item(row_of("Elif Yılmaz")).setCheckState(Qt.CheckState.Unchecked)
    council = ctx.services.class_records.council(class_id)
    assert [m.name for m in council.members] == ["Anne Ærø"] and council.contact_parent is None
    assert dialog.contact_combo.currentIndex() == 0
    assert "1 member" in dialog.council_summary.text()
    assert len(changes) == 4


# --- in the main window ------------------------------------------------------------------


@pytest.fixture
def school(data_dir):  # type: ignore[no-untyped-def]
    services = Services(open_database(data_dir))
    year = services.classes.current_year()
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    c = services.classes.create("5.A", year, contact_teacher_ids=(me.id,))
    pupil = services.students.add("Søren", "Ærø", c.id)
    services.students.add_guardian(pupil.id, "Anne Ærø")
    # A school whose principles ask for a council and a contact parent in every class.
    services.principles.use("skoledistrikt-vest")
    services.principles.set("contact_parent_required", "yes")
    services.db.close()


@pytest.fixture
def window(qtbot, data_dir, school, tmp_path):  # type: ignore[no-untyped-def]
    from skolehjem_desktop.app import create_main_window

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_overview_shows_the_class_items_and_opens_the_records(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    lines = window.class_items.texts()
    assert [line.split(" ", 1)[0] for line in lines] in (["✗"] * 3, ["•"] * 3)
    assert lines[0].split(" ", 1)[1].startswith("Parent meeting: ")
    assert "Class parent council: not elected" in lines[1]
    assert "Contact parent: not chosen" in lines[2]
    assert "class_records" in window.actions_by_name
    today = window.services.today()

    def record(dialog: QWidget) -> None:
        assert isinstance(dialog, ClassRecordsDialog)
        first = dialog.council_list.item(0)
        first.setCheckState(Qt.CheckState.Checked)
        dialog.contact_combo.setCurrentIndex(1)
        dialog.contact_combo.activated.emit(1)
        window.services.class_records.create_meeting(
            dialog.class_id,
            MeetingInput(
                starts_at=dt.datetime.combine(today, dt.time(0, 0)),
                teacher_ids=tuple(t.id for t in window.services.school.teachers()[:1]),
            ),
        )
        dialog.accept()

    on_dialog(record)
    click(qtbot, window.class_items.button)
    lines = window.class_items.texts()
    assert [line.split(" ", 1)[0] for line in lines] == ["✓", "✓", "✓"]
    assert "Contact parent: chosen (Anne Ærø)" in lines[2]


def test_the_class_menu_has_class_records(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    opened: list[bool] = []

    def look(dialog: QWidget) -> None:
        opened.append(isinstance(dialog, ClassRecordsDialog))

    on_dialog(look)
    window.actions_by_name["class_records"].trigger()
    assert opened == [True]
