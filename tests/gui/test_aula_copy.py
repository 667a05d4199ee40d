"""Copy as Aula message, driven as a teacher: in the conversation editor and in the contact
log. The clipboard holds the service's body, the copy is recorded, and the editor says so."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QPushButton

from skolehjem_desktop import i18n
from skolehjem_desktop.domain.enums import (
    AulaMessageKind,
    ContactChannel,
    ContactTopic,
    Responsible,
    SectionKind,
    StartedBy,
)
from skolehjem_desktop.file_names import safe_stem
from skolehjem_desktop.i18n import N_
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.ui.app.doc_language import document_name
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.conversation.editor import ConversationEditor
from skolehjem_desktop.ui.dialogs.aula_message_dialog import AulaMessageDialog
from skolehjem_desktop.ui.pupil.contacts_tab import ContactsTab

# The clock of the tests is Monday 23 November 2026, 10:00.
HELD_AT = dt.datetime(2026, 11, 17, 15, 30)
MENU = pytest.mark.qt_log_ignore(  # a menu opened offscreen
    "does not support raise", "does not support grabbing the keyboard"
)
COMING_AT = dt.datetime(2026, 12, 4, 10, 15)


@dataclass(frozen=True)
class School:
    pupil: int
    mother: int
    held: int
    planned: int


@pytest.fixture
def school(services) -> School:  # type: ignore[no-untyped-def]
    me = services.school.add_teacher("Mette Kjær", "MK", is_user=True)
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    pupil = services.students.add("Søren", "Ærø", klass.id).id
    mother = services.students.add_guardian(pupil, "Anne Ærø").id
    held = services.conversations.plan(pupil, Planning(starts_at=HELD_AT, place="Lokale 12")).id
    services.conversations.set_section(held, SectionKind.PRIVATE_PREPARATION, "PRIVATMARKØR")
    services.conversations.set_section(held, SectionKind.ACADEMIC, "Søren læser godt.")
    services.conversations.mark_held(held)
    planned = services.conversations.plan(
        pupil, Planning(starts_at=COMING_AT, place="Lokale 12")
    ).id
    return School(pupil, mother, held, planned)


@pytest.fixture
def ctx(services) -> UiContext:  # type: ignore[no-untyped-def]
    return UiContext(services, ScriptedDialogs())


@pytest.fixture
def editor(qtbot, ctx) -> ConversationEditor:  # type: ignore[no-untyped-def]
    widget = ConversationEditor(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def choose_from_menu(qtbot, button: QPushButton, action: QAction) -> None:  # type: ignore[no-untyped-def]
    """Click the button and pick ``action`` from its menu with the keyboard."""
    menu = button.menu()
    assert menu is not None

    def pick() -> None:
        if not menu.isVisible():
            QTimer.singleShot(10, pick)
            return
        menu.setActiveAction(action)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_dialog(qtbot, parent) -> AulaMessageDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: parent.findChild(AulaMessageDialog) is not None)
    dialog = parent.findChild(AulaMessageDialog)
    assert isinstance(dialog, AulaMessageDialog)
    qtbot.waitExposed(dialog)
    return dialog


@MENU
def test_copying_the_invitation_puts_its_text_on_the_clipboard_and_records_it(  # type: ignore[no-untyped-def]
    qtbot, editor, services, school
) -> None:
    editor.load(school.planned)
    aula = editor.aula
    assert aula.button.isEnabled()
    assert not aula.line.isVisible()
    aula.update_actions()
    assert aula.actions[AulaMessageKind.INVITATION].isVisible()
    assert not aula.actions[AulaMessageKind.SUMMARY].isVisible()

    choose_from_menu(qtbot, aula.button, aula.actions[AulaMessageKind.INVITATION])
    dialog = open_dialog(qtbot, editor)

    expected = services.aula_messages.invitation(school.planned)
    assert QGuiApplication.clipboard().text() == expected.body
    # The PDF to attach is named as the Print menu saves it.
    printed = (
        safe_stem(
            document_name("da", N_("Invitation {name} {date}"), name="Søren Ærø", date="2026-12-04")
        )
        + ".pdf"
    )
    assert expected.attachment_name == printed
    assert dialog.subject_edit.text() == expected.subject
    assert dialog.subject_edit.isReadOnly()
    assert dialog.body_edit.toPlainText() == expected.body
    assert printed in dialog.done_label.text()
    [recorded] = services.aula_messages.for_conversation(school.planned)
    assert recorded.kind is AulaMessageKind.INVITATION
    [logged] = services.contacts.all(school.pupil)
    assert (logged.id, logged.channel, logged.started_by) == (
        recorded.logged_contact_id,
        ContactChannel.AULA,
        StartedBy.SCHOOL,
    )
    assert aula.line.isVisible()
    assert aula.line.text() == "Copied for Aula: Invitation 23/11/2026 10:00"

    # The subject has its own button, for Aula's subject field.
    qtbot.mouseClick(dialog.copy_subject_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == expected.subject
    qtbot.mouseClick(dialog.copy_body_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == expected.body
    assert len(services.aula_messages.for_conversation(school.planned)) == 1  # copied again
    dialog.reject()
    qtbot.waitUntil(lambda: editor.findChild(AulaMessageDialog) is None)


@MENU
def test_a_held_conversation_offers_its_summary_and_a_reminder_when_agreements_are_due(  # type: ignore[no-untyped-def]
    qtbot, editor, services, school
) -> None:
    editor.load(school.held)
    aula = editor.aula
    aula.update_actions()
    assert not aula.actions[AulaMessageKind.INVITATION].isVisible()
    assert aula.actions[AulaMessageKind.SUMMARY].isVisible()
    assert not aula.actions[AulaMessageKind.REMINDER].isEnabled()  # no agreement due
    services.conversations.add_agreement(
        school.held, "Søren læser hver dag", Responsible.HOME, dt.date(2026, 11, 25)
    )
    aula.update_actions()
    assert aula.actions[AulaMessageKind.REMINDER].isEnabled()

    choose_from_menu(qtbot, aula.button, aula.actions[AulaMessageKind.SUMMARY])
    dialog = open_dialog(qtbot, editor)
    expected = services.aula_messages.summary(school.held)
    assert QGuiApplication.clipboard().text() == expected.body
    assert "Søren læser godt." in expected.body
    assert "PRIVATMARKØR" not in QGuiApplication.clipboard().text()
    dialog.reject()

    choose_from_menu(qtbot, aula.button, aula.actions[AulaMessageKind.REMINDER])
    qtbot.waitUntil(lambda: len(services.aula_messages.for_conversation(school.held)) == 2)
    assert QGuiApplication.clipboard().text() == services.aula_messages.reminder(school.held).body
    assert aula.line.text() == (
        "Copied for Aula: Conversation summary 23/11/2026 10:00 · "
        "Reminder of agreements 23/11/2026 10:00"
    )


def test_the_summary_has_what_was_typed_a_moment_ago(qtbot, editor, services, school) -> None:  # type: ignore[no-untyped-def]
    editor.load(school.held)
    edit = editor.section_edits[SectionKind.SUMMARY]
    editor.tabs.setCurrentIndex(2)
    edit.setFocus()
    qtbot.keyClicks(edit, "Et godt møde")
    editor.aula.copy(AulaMessageKind.SUMMARY)  # no pause for the autosave: the copy flushes
    open_dialog(qtbot, editor)
    assert "Et godt møde" in QGuiApplication.clipboard().text()


def test_a_cancelled_conversation_has_nothing_to_copy(qtbot, editor, services, school) -> None:  # type: ignore[no-untyped-def]
    services.conversations.mark_cancelled(school.planned)
    editor.load(school.planned)
    assert not editor.aula.button.isEnabled()
    editor.clear()
    assert not editor.aula.button.isEnabled()


def test_in_danish_the_editor_says_what_was_copied_for_aula(  # type: ignore[no-untyped-def]
    qtbot, ctx, services, school
) -> None:
    i18n.activate("da")
    widget = ConversationEditor(ctx)
    qtbot.addWidget(widget)
    widget.load(school.held)
    widget.show()
    assert widget.aula.button.text() == "Kopiér som Aula-besked"
    widget.aula.copy(AulaMessageKind.SUMMARY)
    dialog = open_dialog(qtbot, widget)
    assert dialog.done_label.text() == (
        "Teksten er kopieret. Sæt den ind i Aula, og vedhæft Referat Søren Ærø 2026-11-17.pdf."
    )
    assert widget.aula.line.text() == "Kopieret til Aula: Referat 23.11.2026 kl. 10.00"
    dialog.reject()


# --- a reply from the contact log -----------------------------------------------------------


def test_copying_a_reply_answers_the_parents_contact(qtbot, ctx, services, school) -> None:  # type: ignore[no-untyped-def]
    ours = services.contacts.add(
        school.pupil,
        channel=ContactChannel.PHONE,
        started_by=StartedBy.SCHOOL,
        occurred_at=dt.datetime(2026, 11, 19, 9, 0),
    )
    theirs = services.contacts.add(
        school.pupil,
        channel=ContactChannel.AULA,
        started_by=StartedBy.PARENT,
        topic=ContactTopic.WELLBEING,
        summary="Søren er ked af det.",
        occurred_at=dt.datetime(2026, 11, 18, 9, 0),
        guardian_id=school.mother,
    )
    assert theirs.overdue(services.today())
    tab = ContactsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1000, 500)
    tab.set_student(school.pupil, 2026)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.reply_button.isVisible()
    tab.reload(ours.id)
    assert not tab.reply_button.isEnabled()  # the school's own contact: no reply
    tab.reload(theirs.id)
    assert tab.reply_button.isEnabled()

    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.reply_button, Qt.MouseButton.LeftButton)
    dialog = open_dialog(qtbot, tab)
    expected = services.aula_messages.reply(theirs.id)
    assert QGuiApplication.clipboard().text() == expected.body
    assert expected.body.startswith("Kære Anne\n\nTak for din besked den 18.11.2026.")
    assert dialog.done_label.text() == "The text is copied. Paste it in Aula."
    rows = services.contacts.all(school.pupil)
    assert [r.id for r in rows if r.done] == [theirs.id]
    assert tab.model.rowCount() == 3
    assert not any(tab.model.overdue(row) for row in range(3))
    assert "⚠" not in tab.summary_label.text()
    [recorded] = services.aula_messages.for_student(school.pupil)
    assert recorded.answers_contact_id == theirs.id
    dialog.reject()
