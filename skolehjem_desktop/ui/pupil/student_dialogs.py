"""Pupils: add, edit, move to another class, mark as left (or back), delete.

Each public function opens a small dialog and returns what was done. The dialogs
save through the services when the teacher presses OK; a refusal (an impossible
birth date, an empty first name) is shown as a message and the dialog stays open
with everything that was typed.

:class:`FormDialog` and :func:`buddy_label` are shared by the other dialogs of
pupils, guardians, classes and settings.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.privacy import delete_student_completely
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.services.students import DeletionSummary, parse_birth_date
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.date_fields import DateField, commit_all
from skolehjem_desktop.ui.common.formatting import date_text


def plain(text: str) -> str:
    """A label's text without its mnemonic marker and colon: "&First name:" → "First name"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(": ")


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label with a mnemonic that gives ``buddy`` the focus, and names it for screen readers."""
    label = QLabel(text)
    label.setBuddy(buddy)
    if not buddy.accessibleName():
        buddy.setAccessibleName(plain(text))
    return label


def hint_label(text: str = "") -> QLabel:
    """A small explanatory text under a field."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


class FormDialog(QDialog):
    """A dialog with a form and OK/Cancel; OK saves through :meth:`save`.

    ``save`` returns what was saved (never None); a :class:`UserError` is shown as a
    message and the dialog stays open. What was saved is in :attr:`saved`.
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: Any = None
        self.setWindowTitle(title)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setContentsMargins(0, 0, 0, 6)
        self.intro.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.intro)
        self.layout_.addLayout(self.form)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(420)

    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def add_expanding(self, widget: QWidget) -> None:
        """Put ``widget`` under the form; it takes the room the dialog has to spare."""
        index = self.layout_.indexOf(self.buttons)
        stretch = self.layout_.itemAt(index - 1)
        if stretch is not None and stretch.spacerItem() is not None:
            self.layout_.takeAt(index - 1)
            index -= 1
        self.layout_.insertWidget(index, widget, 1)

    def add_row(self, text: str, field: QWidget) -> QLabel:
        label = buddy_label(text, field)
        self.form.addRow(label, field)
        return label

    def save(self) -> Any:  # pragma: no cover - every dialog defines its own
        raise NotImplementedError

    def accept(self) -> None:
        saved = self.ctx.attempt(self, self.save)
        if saved is None:
            return  # the message was shown; everything typed is still there
        self.saved = saved
        super().accept()


# --- add and edit ------------------------------------------------------------------------


class BirthDateEdit(QWidget):
    """A birth date typed as dd-mm-yyyy, or left empty when it is not known.

    Under the field it says how the date was read ("5 March 2016") or what is wrong
    with it, as the teacher types.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(_("dd-mm-yyyy, or empty if not known"))
        self.edit.setMaxLength(20)
        self.hint = hint_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._explain)
        self._explain("")

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def set_date(self, value: dt.date | None) -> None:
        self.edit.setText(value.strftime("%d-%m-%Y") if value else "")

    def date(self) -> dt.date | None:
        """The date typed; :class:`ValidationError` when it is not a date."""
        return parse_birth_date(self.edit.text())

    def _explain(self, text: str) -> None:
        try:
            value = parse_birth_date(text)
        except ValidationError as exc:
            self.hint.setText("⚠ " + exc.message)
            return
        self.hint.setText(date_text(value, "long") if value else _("Birth date not known."))


class StudentDialog(FormDialog):
    """First name, last name and birth date of a new pupil (``class_id``) or of one stored."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        class_id: int | None = None,
        student_id: int | None = None,
    ) -> None:
        if (class_id is None) == (student_id is None):
            raise ValueError("give a class for a new pupil or the pupil to edit")
        title = _("New pupil") if student_id is None else _("Edit pupil")
        super().__init__(ctx, parent, title)
        self.class_id = class_id
        self.student_id = student_id
        self.first_edit = QLineEdit()
        self.last_edit = QLineEdit()
        self.birth = BirthDateEdit()
        self.add_row(_("&First name:"), self.first_edit)
        self.add_row(_("&Last name:"), self.last_edit)
        self.add_row(_("&Birth date:"), self.birth)
        self.setTabOrder(self.first_edit, self.last_edit)
        self.setTabOrder(self.last_edit, self.birth.edit)
        if student_id is not None:
            detail = ctx.services.students.get(student_id)
            self.first_edit.setText(detail.first_name)
            self.last_edit.setText(detail.last_name)
            self.birth.set_date(detail.birth_date)
            self.ok_button.setText(_("&Save"))
        else:
            assert class_id is not None
            info = ctx.services.classes.get(class_id)
            self.set_intro(
                _("The pupil is added to class {name} ({year}).").format(
                    name=info.name, year=info.year_label
                )
            )
            self.ok_button.setText(_("&Add pupil"))
        self.first_edit.setFocus()
        self.setMinimumWidth(420)

    def save(self) -> int:
        birth = self.birth.date()
        students = self.ctx.services.students
        if self.student_id is None:
            assert self.class_id is not None
            row = students.add(self.first_edit.text(), self.last_edit.text(), self.class_id, birth)
            return row.id
        students.edit(
            self.student_id,
            first_name=self.first_edit.text(),
            last_name=self.last_edit.text(),
            birth_date=birth,
            clear_birth_date=birth is None,
        )
        return self.student_id


def add_student(ctx: UiContext, parent: QWidget | None, class_id: int) -> int | None:
    """Ask for a new pupil in the class; the new pupil's id, or None if cancelled."""
    dialog = StudentDialog(ctx, parent, class_id=class_id)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return int(dialog.saved)
    return None


def edit_student(ctx: UiContext, parent: QWidget | None, student_id: int) -> bool:
    """Change a pupil's names and birth date; True if saved."""
    dialog = StudentDialog(ctx, parent, student_id=student_id)
    return dialog.exec() == QDialog.DialogCode.Accepted


# --- move --------------------------------------------------------------------------------


class MoveDialog(FormDialog):
    """Choose another class of the school year for the pupil."""

    def __init__(
        self, ctx: UiContext, parent: QWidget | None, student_id: int, school_year: int
    ) -> None:
        super().__init__(ctx, parent, _("Move pupil to another class"))
        self.student_id = student_id
        detail = ctx.services.students.get(student_id)
        current = detail.class_in(school_year)
        year = SchoolYear(school_year).label
        if current is None:
            self.set_intro(
                _("{name} has no class in {year} yet. Choose one:").format(
                    name=detail.full_name, year=year
                )
            )
        else:
            self.set_intro(
                _("{name} is in class {old} in {year}. Move the pupil to:").format(
                    name=detail.full_name, old=current[1], year=year
                )
            )
        self.class_combo = QComboBox()
        for info in ctx.services.classes.all(school_year=school_year):
            if current is None or info.id != current[0]:
                self.class_combo.addItem(info.name, info.id)
        self.add_row(_("&Class:"), self.class_combo)
        self.note = hint_label(
            _(
                "The pupil's conversations, message book and contacts go with them. "
                "Earlier school years stay as they were."
            )
        )
        self.form.addRow(self.note)
        self.ok_button.setText(_("&Move"))

    def has_choices(self) -> bool:
        return self.class_combo.count() > 0

    def save(self) -> bool:
        class_id = self.class_combo.currentData()
        if class_id is None:
            raise ValidationError(_("Choose the class to move the pupil to."))
        self.ctx.services.students.move(self.student_id, int(class_id))
        return True


def move_student(ctx: UiContext, parent: QWidget | None, student_id: int, school_year: int) -> bool:
    """Move the pupil to another class of ``school_year``; True if moved."""
    dialog = MoveDialog(ctx, parent, student_id, school_year)
    if not dialog.has_choices():
        ctx.dialogs.info(
            parent,
            _(
                "There is no other class in {year} to move the pupil to. Add the class first."
            ).format(year=SchoolYear(school_year).label),
        )
        return False
    return dialog.exec() == QDialog.DialogCode.Accepted


# --- left the school ----------------------------------------------------------------------


class LeftDialog(FormDialog):
    """When the pupil left the school; for a pupil who had left, also "has come back"."""

    RETURNED = "returned"

    def __init__(self, ctx: UiContext, parent: QWidget | None, student_id: int) -> None:
        super().__init__(ctx, parent, _("Pupil has left the school"))
        self.student_id = student_id
        detail = ctx.services.students.get(student_id)
        self.already_left = detail.left_on
        self.date_edit = DateField(ctx.services.today, detail.left_on or ctx.services.today())
        self.date_edit.setAccessibleName(_("Left on"))
        self.add_row(_("&Left on:"), self.date_edit)
        self.returned_button: QPushButton | None = None
        if detail.left_on is None:
            self.set_intro(
                _(
                    "Mark {name} as having left the school. The pupil leaves the class "
                    "lists and what is owed; their records stay until you delete them."
                ).format(name=detail.full_name)
            )
            self.ok_button.setText(_("&Mark as left"))
        else:
            self.set_intro(
                _(
                    "{name} left the school on {date}. Change the date, or mark the "
                    "pupil as back at the school."
                ).format(name=detail.full_name, date=date_text(detail.left_on, "long"))
            )
            self.ok_button.setText(_("&Change date"))
            self.returned_button = self.buttons.addButton(
                _("&Back at the school"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.returned_button.clicked.connect(self._returned)

    def accept(self) -> None:
        if commit_all(self.date_edit):
            super().accept()

    def save(self) -> str:
        day = self.date_edit.date()
        assert day is not None  # given one when made
        self.ctx.services.students.mark_left(self.student_id, day)
        return "left"

    def _returned(self) -> None:
        if self.ctx.attempt(self, self._mark_returned) is not None:
            self.saved = self.RETURNED
            QDialog.accept(self)

    def _mark_returned(self) -> str:
        self.ctx.services.students.mark_returned(self.student_id)
        return self.RETURNED


def mark_left(ctx: UiContext, parent: QWidget | None, student_id: int) -> bool:
    """Mark the pupil as left (or change the date, or mark them back); True if changed."""
    dialog = LeftDialog(ctx, parent, student_id)
    return dialog.exec() == QDialog.DialogCode.Accepted


# --- delete -------------------------------------------------------------------------------


def deletion_text(summary: DeletionSummary) -> str:
    """The confirmation: the pupil's name and exactly what goes with them."""
    lines = [
        _("Delete {name} and everything recorded about the pupil? This cannot be undone.").format(
            name=summary.full_name
        ),
        "",
        _("This deletes:"),
    ]
    conversations = ngettext(
        "{n} school–home conversation",
        "{n} school–home conversations",
        summary.conversations,
    ).format(n=summary.conversations)
    if summary.agreements:
        conversations += " " + ngettext(
            "(with {n} agreement)", "(with {n} agreements)", summary.agreements
        ).format(n=summary.agreements)
    lines.append("• " + conversations)
    focus = ngettext(
        "{n} focus point in the message book",
        "{n} focus points in the message book",
        summary.focus_points,
    ).format(n=summary.focus_points)
    if summary.presentations:
        focus += " " + ngettext(
            "(and {n} presentation to the parents)",
            "(and {n} presentations to the parents)",
            summary.presentations,
        ).format(n=summary.presentations)
    lines.append("• " + focus)
    lines.append(
        "• "
        + ngettext(
            "{n} contact in the contact log",
            "{n} contacts in the contact log",
            summary.contacts,
        ).format(n=summary.contacts)
    )
    guardians = ngettext(
        "{n} parent or guardian who has no other child at the school",
        "{n} parents or guardians who have no other child at the school",
        len(summary.guardians_deleted),
    ).format(n=len(summary.guardians_deleted))
    if summary.guardians_deleted:
        guardians += ": " + ", ".join(summary.guardians_deleted)
    lines.append("• " + guardians)
    if summary.guardians_kept:
        lines += [
            "",
            _("Kept, as they are the parents or guardians of another pupil too: {names}.").format(
                names=", ".join(summary.guardians_kept)
            ),
        ]
    return "\n".join(lines)


def delete_student(ctx: UiContext, parent: QWidget | None, student_id: int) -> bool:
    """Delete the pupil after a confirmation that names what goes; True if deleted."""
    summary = ctx.attempt(parent, ctx.services.students.deletion_summary, student_id)
    if summary is None:
        return False
    if not ctx.dialogs.confirm(
        parent,
        _("Delete pupil"),
        deletion_text(summary),
        _("&Delete {name}").format(name=summary.full_name),
    ):
        return False
    done = ctx.attempt(parent, _delete, ctx, student_id)
    return bool(done)


def _delete(ctx: UiContext, student_id: int) -> bool:
    # Deleted, and the file vacuumed so no trace of the pupil's text stays in free pages.
    delete_student_completely(ctx.services, student_id)
    return True
