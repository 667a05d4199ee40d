"""A new class, and editing one ("Edit class…"): its name, grade and contact teachers.

The teachers of the school are listed with a tick for each contact teacher of the
class; a teacher not yet in the program is added from the same dialog. Nothing is
stored until the teacher saves, and then all of it at once or, on a problem, nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QWidget,
)

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.classes import ClassTeacherInfo
from skolehjem_desktop.services.grades import grade_from_name
from skolehjem_desktop.services.school import NewTeacher, TeacherInfo
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.pupil.student_dialogs import FormDialog, hint_label

ID_ROLE = Qt.ItemDataRole.UserRole  # a stored teacher's id
NEW_ROLE = Qt.ItemDataRole.UserRole + 1  # a teacher added here: (name, initials)
INITIALS_ROLE = Qt.ItemDataRole.UserRole + 2
NO_GRADE = -1


class ClassDialog(FormDialog):
    """Name, grade and contact teachers of a new class (``school_year``) or of one stored."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        school_year: int | None = None,
        class_id: int | None = None,
    ) -> None:
        if (school_year is None) == (class_id is None):
            raise ValueError("give the school year of a new class or the class to change")
        info = ctx.services.classes.get(class_id) if class_id is not None else None
        super().__init__(ctx, parent, _("New class") if info is None else _("Edit class"))
        self.class_id = class_id
        self.school_year = info.school_year if info else school_year
        assert self.school_year is not None
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("e.g. 5.A"))
        self.name_edit.setMaxLength(32)
        self.grade_spin = QSpinBox()
        self.grade_spin.setRange(NO_GRADE, 10)
        self.grade_spin.setSpecialValueText(_("No grade"))
        self.grade_spin.setValue(NO_GRADE)
        self.teacher_list = QListWidget()
        self.teacher_list.setMaximumHeight(140)
        self._grade_follows_name = True

        self.add_row(_("Class &name:"), self.name_edit)
        self.add_row(_("&Grade:"), self.grade_spin)
        self.form.addRow(hint_label(_("Read from the name as you type; 0 is børnehaveklasse.")))
        self.add_row(_("&Contact teachers:"), self.teacher_list)
        self._fill_teachers(class_id)
        self._add_teacher_row()

        year = SchoolYear(self.school_year).label
        if info is None:
            self.set_intro(_("A new class in the school year {year}.").format(year=year))
            self.ok_button.setText(_("Crea&te class"))
        else:
            self.set_intro(
                _("Class {name} in the school year {year}.").format(name=info.name, year=year)
            )
            self.name_edit.setText(info.name)
            self.grade_spin.setValue(NO_GRADE if info.grade is None else info.grade)
            self._grade_follows_name = info.grade == grade_from_name(info.name)
            self.ok_button.setText(_("&Save"))
        self.name_edit.textEdited.connect(self._name_edited)
        self.grade_spin.valueChanged.connect(self._grade_edited)
        self.setTabOrder(self.name_edit, self.grade_spin)
        self.setTabOrder(self.grade_spin, self.teacher_list)
        self.setTabOrder(self.teacher_list, self.new_name_edit)
        self.setTabOrder(self.new_name_edit, self.new_initials_edit)
        self.setTabOrder(self.new_initials_edit, self.add_teacher_button)
        self.name_edit.setFocus()
        self.setMinimumWidth(460)

    def _fill_teachers(self, class_id: int | None) -> None:
        """Every teacher of the school, the class's contact teachers ticked (for a new
        class: the user, who makes it)."""
        user = self.ctx.services.school.user()
        of_class: dict[int, ClassTeacherInfo] = {}
        if class_id is not None:
            of_class = {t.id: t for t in self.ctx.services.classes.teachers(class_id)}
        teachers = self.ctx.services.school.teachers()

        def place(teacher: TeacherInfo) -> int:
            """The class's contact teachers first, then its other teachers, then the rest."""
            link = of_class.get(teacher.id)
            if link is None:
                return 0 if class_id is None and user is not None and teacher.id == user.id else 2
            return 0 if link.is_contact_teacher else 1

        for teacher in sorted(teachers, key=place):  # stable: by name within each group
            link = of_class.get(teacher.id)
            text = f"{teacher.name} ({teacher.initials})"
            if link is not None and not link.is_contact_teacher:
                text = _("{teacher}, teaches the class").format(teacher=text)
            if class_id is None:
                chosen = user is not None and teacher.id == user.id
            else:
                chosen = link is not None and link.is_contact_teacher
            self._add_item(text, teacher.initials, chosen, teacher_id=teacher.id)
        self.no_teachers_hint = hint_label(
            _("No teachers yet: add your own name in Settings to be one.")
        )
        self.form.addRow(self.no_teachers_hint)
        self._show_list(bool(teachers))

    def _add_teacher_row(self) -> None:
        self.new_name_edit = QLineEdit()
        self.new_name_edit.setPlaceholderText(_("Name"))
        self.new_name_edit.setAccessibleName(_("The new teacher's name"))
        self.new_initials_edit = QLineEdit()
        self.new_initials_edit.setPlaceholderText(_("Initials"))
        self.new_initials_edit.setAccessibleName(_("The new teacher's initials"))
        self.new_initials_edit.setMaxLength(8)
        self.new_initials_edit.setMaximumWidth(90)
        self.add_teacher_button = QPushButton(_("A&dd teacher"))
        self.add_teacher_button.setAutoDefault(False)
        self.add_teacher_button.clicked.connect(self.add_teacher)
        # Enter in the new teacher's fields adds the teacher typed; it does not save.
        self.new_name_edit.installEventFilter(self)
        self.new_initials_edit.installEventFilter(self)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_name_edit, 3)
        layout.addWidget(self.new_initials_edit, 1)
        layout.addWidget(self.add_teacher_button)
        self.add_row(_("Ne&w teacher:"), row).setBuddy(self.new_name_edit)
        self.form.addRow(
            hint_label(_("A teacher not in the list yet: added as a contact teacher on saving."))
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched in (self.new_name_edit, self.new_initials_edit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and (self.new_name_edit.text().strip() or self.new_initials_edit.text().strip())
        ):
            self.add_teacher()
            return True
        return super().eventFilter(watched, event)

    def _show_list(self, shown: bool) -> None:
        self.teacher_list.setVisible(shown)
        label = self.form.labelForField(self.teacher_list)
        if label is not None:
            label.setVisible(shown)
        self.no_teachers_hint.setVisible(not shown)

    def _add_item(
        self, text: str, initials: str, checked: bool, *, teacher_id: int | None = None
    ) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, teacher_id)
        item.setData(INITIALS_ROLE, initials)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.teacher_list.addItem(item)
        return item

    def add_teacher(self) -> None:
        """Put the teacher typed under the list into it, ticked; stored on saving."""
        from skolehjem_desktop.domain.limits import NAME_MAX
        from skolehjem_desktop.services.base import clean_text

        try:
            name = clean_text(self.new_name_edit.text(), _("Name"), NAME_MAX, required=True)
            initials = clean_text(
                self.new_initials_edit.text(), _("Initials"), 8, required=True
            ).upper()
        except UserError as exc:
            self.ctx.dialogs.error(self, exc.message)
            return
        items = (self.teacher_list.item(row) for row in range(self.teacher_list.count()))
        if initials in {i.data(INITIALS_ROLE) for i in items if i is not None}:
            self.ctx.dialogs.error(
                self,
                _("A teacher with the initials {initials} already exists.").format(
                    initials=initials
                ),
            )
            return
        item = self._add_item(f"{name} ({initials})", initials, True)
        item.setData(NEW_ROLE, (name, initials))
        self._show_list(True)
        self.teacher_list.setCurrentItem(item)
        self.new_name_edit.clear()
        self.new_initials_edit.clear()
        self.new_name_edit.setFocus()

    def _name_edited(self, text: str) -> None:
        if self._grade_follows_name:
            grade = grade_from_name(text)
            self.grade_spin.blockSignals(True)
            self.grade_spin.setValue(NO_GRADE if grade is None else grade)
            self.grade_spin.blockSignals(False)

    def _grade_edited(self, _value: int) -> None:
        self._grade_follows_name = False

    def grade(self) -> int | None:
        value = self.grade_spin.value()
        return None if value == NO_GRADE else value

    def _ticked(self) -> list[QListWidgetItem]:
        items = (self.teacher_list.item(row) for row in range(self.teacher_list.count()))
        return [i for i in items if i is not None and i.checkState() == Qt.CheckState.Checked]

    def teacher_ids(self) -> tuple[int, ...]:
        """The stored teachers ticked as contact teachers."""
        return tuple(int(i.data(ID_ROLE)) for i in self._ticked() if i.data(ID_ROLE) is not None)

    def new_teachers(self) -> tuple[NewTeacher, ...]:
        """The teachers added here and ticked: they are stored on saving."""
        return tuple(NewTeacher(*i.data(NEW_ROLE)) for i in self._ticked() if i.data(NEW_ROLE))

    def save(self) -> int:
        classes = self.ctx.services.classes
        if self.class_id is None:
            return classes.create(
                self.name_edit.text(),
                self.school_year,
                grade=self.grade(),
                contact_teacher_ids=self.teacher_ids(),
                new_contact_teachers=self.new_teachers(),
            ).id
        classes.edit(
            self.class_id,
            self.name_edit.text(),
            self.grade(),
            self.teacher_ids(),
            self.new_teachers(),
        )
        return self.class_id


def new_class(ctx: UiContext, parent: QWidget | None, school_year: int) -> int | None:
    """Create a class in ``school_year``; its id, or None if cancelled."""
    dialog = ClassDialog(ctx, parent, school_year=school_year)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return int(dialog.saved)
    return None


def edit_class(ctx: UiContext, parent: QWidget | None, class_id: int) -> bool:
    """Edit the class's name, grade and contact teachers; True if saved."""
    dialog = ClassDialog(ctx, parent, class_id=class_id)
    return dialog.exec() == QDialog.DialogCode.Accepted


rename_class = edit_class  # the name it had when it could only rename
