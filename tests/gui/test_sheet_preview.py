"""Reading a filled-in preparation sheet in the window: the File menu or a dropped PDF, the
preview, Read, and the parents' input in the conversation editor."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.app.sheet_drop import SheetDrop
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs.sheet_preview import SheetPreviewDialog

ANSWER = "Ayşe Yılmaz og Nguyễn Thị Minh er Sørens bedste venner."


@pytest.fixture
def school(data_dir: Path, tmp_path: Path) -> tuple[int, int, Path]:
    services = Services(open_database(data_dir))
    year = services.classes.current_year()
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    klass = services.classes.create("5.A", year, contact_teacher_ids=(me.id,))
    pupil = services.students.add("Søren", "Ærø", klass.id).id
    services.students.add_guardian(pupil, "Anne Ærø")
    when = dt.datetime.combine(services.today() + dt.timedelta(days=7), dt.time(15))
    conversation = services.conversations.plan(pupil, Planning(starts_at=when)).id
    empty = tmp_path / "empty.pdf"
    services.pdfs.write_invitation(conversation, empty)
    services.db.close()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(empty.read_bytes())))
    for page in writer.pages:
        if page.get("/Annots"):
            writer.update_page_form_field_values(
                page,
                {"talk_about__1": ANSWER, "pupil_attends_no__1": "/Yes"},
                auto_regenerate=True,
            )
    filled = tmp_path / "skema.pdf"
    with filled.open("wb") as fh:
        writer.write(fh)
    return pupil, conversation, filled


@pytest.fixture
def window(qtbot, data_dir, school, tmp_path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _answer_preview(qtbot, *, replace: bool, read: bool, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SheetPreviewDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.text.toPlainText())
        try:
            if replace:
                dialog.replace.setFocus()
                qtbot.keyClick(dialog.replace, Qt.Key.Key_Space)
                assert dialog.replace.isChecked()
            if read:
                dialog.read_button.setFocus()
                qtbot.keyClick(dialog.read_button, Qt.Key.Key_Space)
            else:
                qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, answer)


def test_the_file_menu_reads_a_sheet_after_showing_it(qtbot, window, school) -> None:  # type: ignore[no-untyped-def]
    pupil, conversation, filled = school
    window.open_student(pupil)
    window.pupil_page.conversations.select(conversation)
    window.ctx.dialogs.files.append(filled)
    seen: list[str] = []
    _answer_preview(qtbot, replace=True, read=True, seen=seen)
    window.actions_by_name["read_sheet"].trigger()
    qtbot.waitUntil(lambda: "1 page of the sheet was read." in window.statusBar().currentMessage())
    assert "Søren Ærø" in seen[0] and ANSWER in seen[0]
    assert "(replaces what is there)" in seen[0]
    detail = window.services.conversations.get(conversation)
    assert ANSWER in detail.sections[SectionKind.PARENTS_INPUT].text
    assert detail.pupil_attends is False
    editor = window.pupil_page.conversations.editor
    qtbot.waitUntil(lambda: ANSWER in editor.section_edits[SectionKind.PARENTS_INPUT].toPlainText())
    assert window.ctx.dialogs.errors == []


def test_a_dropped_pdf_is_read_and_cancel_writes_nothing(qtbot, window, school) -> None:  # type: ignore[no-untyped-def]
    _pupil, conversation, filled = school
    seen: list[str] = []
    _answer_preview(qtbot, replace=False, read=False, seen=seen)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(filled))])
    drop = QDropEvent(
        QPointF(QPoint(200, 200)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()  # the window takes a PDF
    # Qt delivers a Drop only inside a real drag (its drag manager), so the drop goes to
    # the window's drop handler as Qt would hand it over.
    handler = window.findChild(SheetDrop)
    assert handler is not None and handler.eventFilter(window, drop)
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert ANSWER in seen[0]
    detail = window.services.conversations.get(conversation)
    assert SectionKind.PARENTS_INPUT not in detail.sections or (
        ANSWER not in detail.sections[SectionKind.PARENTS_INPUT].text
    )


def test_a_dropped_text_file_is_not_taken(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "noter.txt"))])
    enter = QDragEnterEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_a_file_that_is_no_sheet_says_why(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "noter.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing here")
    window.ctx.dialogs.files.append(bad)
    window.actions_by_name["read_sheet"].trigger()
    qtbot.waitUntil(lambda: len(window.ctx.dialogs.errors) == 1)
    assert "noter.pdf" in window.ctx.dialogs.errors[0]
