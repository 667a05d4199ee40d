"""Settings that travel with the data: the school's name and logo, the teacher's own name
and initials, the program's language, the questions on the parents' preparation sheet and
whether the guide for the parents is sent with every invitation (the first tab), and the
school's principles (the second, :mod:`.principles_page`)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.school import QUESTIONS_MAX, check_logo
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.dialogs.principles_page import PrinciplesPage
from skolehjem_desktop.ui.pupil.student_dialogs import FormDialog, buddy_label, hint_label

THUMBNAIL = 96


class SettingsDialog(FormDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, _("Settings"))
        self.logo: bytes | None = ctx.services.school.logo()
        school_box = self._school_box()
        teacher_box = self._teacher_box()
        language_box = self._language_box()
        questions_box = self._questions_box()

        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(school_box)
        left.addWidget(teacher_box)
        left.addWidget(language_box)
        left.addStretch(1)
        top.addLayout(left, 2)
        top.addWidget(questions_box, 3)
        body = QWidget()
        body.setLayout(top)
        self.principles_page = PrinciplesPage(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(body, _("G&eneral"))
        self.tabs.addTab(self.principles_page, _("The school's &principles"))
        self.add_expanding(self.tabs)

        self.logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(self.remove_logo)
        self.defaults_button.clicked.connect(self.restore_defaults)
        for first, second in (
            (self.school_edit, self.logo_button),
            (self.logo_button, self.remove_logo_button),
            (self.remove_logo_button, self.teacher_edit),
            (self.teacher_edit, self.initials_edit),
            (self.initials_edit, self.language_combo),
            (self.language_combo, self.questions_edit),
            (self.questions_edit, self.defaults_button),
            (self.defaults_button, self.guide_check),
        ):
            self.setTabOrder(first, second)
        self._show_logo()
        self.school_edit.setFocus()
        self.resize(1180, 660)

    # --- the group boxes -----------------------------------------------------------------

    def _school_box(self) -> QGroupBox:
        """The school's name, and its logo with the buttons to choose or remove it."""
        self.school_edit = QLineEdit(self.ctx.services.school.school_name())
        self.school_edit.setPlaceholderText(_("e.g. Den lille Skole"))
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(THUMBNAIL, THUMBNAIL)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.logo_preview.setAccessibleName(_("The school's logo"))
        self.logo_button = QPushButton(_("Choose &logo…"))
        self.remove_logo_button = QPushButton(_("Remo&ve logo"))
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addWidget(hint_label(_("PNG or JPEG, at most 1 MB. Printed on the PDFs.")))
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(logo_buttons, 1)
        school_box = QGroupBox(_("School"))
        school_layout = QVBoxLayout(school_box)
        school_layout.addWidget(buddy_label(_("School &name:"), self.school_edit))
        school_layout.addWidget(self.school_edit)
        school_layout.addWidget(QLabel(_("Logo:")))
        school_layout.addLayout(logo_row)
        return school_box

    def _teacher_box(self) -> QGroupBox:
        """The teacher's own name and initials."""
        user = self.ctx.services.school.user()
        self.teacher_edit = QLineEdit(user.name if user else "")
        self.teacher_edit.setPlaceholderText(_("e.g. Mette Kjær Hansen"))
        self.initials_edit = QLineEdit(user.initials if user else "")
        self.initials_edit.setMaxLength(8)
        self.initials_edit.setPlaceholderText(_("e.g. MKH"))
        teacher_box = QGroupBox(_("You"))
        teacher_layout = QHBoxLayout(teacher_box)
        name_col = QVBoxLayout()
        name_col.addWidget(buddy_label(_("Your na&me:"), self.teacher_edit))
        name_col.addWidget(self.teacher_edit)
        initials_col = QVBoxLayout()
        initials_col.addWidget(buddy_label(_("&Initials:"), self.initials_edit))
        initials_col.addWidget(self.initials_edit)
        teacher_layout.addLayout(name_col, 3)
        teacher_layout.addLayout(initials_col, 1)
        return teacher_box

    def _language_box(self) -> QGroupBox:
        """The program's language: the system's, Danish or English."""
        self.language_combo = QComboBox()
        self.language_combo.addItem(_("System default"), "")
        self.language_combo.addItem("Dansk", "da")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(self.ctx.services.school.language() or ""))
        )
        self.language_hint = hint_label(_("The language changes when the program is restarted."))
        language_box = QGroupBox(_("Language"))
        language_layout = QVBoxLayout(language_box)
        language_layout.addWidget(buddy_label(_("Lan&guage of the program:"), self.language_combo))
        language_layout.addWidget(self.language_combo)
        language_layout.addWidget(self.language_hint)
        return language_box

    def _questions_box(self) -> QGroupBox:
        """The questions on the parents' preparation sheet, and a button for the defaults."""
        self.questions_edit = QPlainTextEdit()
        self.questions_edit.setPlainText(
            "\n".join(self.ctx.services.school.preparation_questions())
        )
        self.questions_edit.setTabChangesFocus(True)
        self.questions_edit.setMinimumHeight(120)
        self.defaults_button = QPushButton(_("&Restore defaults"))
        questions_box = QGroupBox(_("The parents' preparation sheet"))
        questions_layout = QVBoxLayout(questions_box)
        questions_layout.addWidget(
            buddy_label(_("&Questions for the parents, one per line:"), self.questions_edit)
        )
        questions_layout.addWidget(self.questions_edit, 1)
        defaults_row = QHBoxLayout()
        defaults_row.addWidget(
            hint_label(
                _("At most {limit} questions. They are printed on the invitation.").format(
                    limit=QUESTIONS_MAX
                )
            ),
            1,
        )
        defaults_row.addWidget(self.defaults_button)
        questions_layout.addLayout(defaults_row)
        self.guide_check = QCheckBox(_("Send the guide &with every invitation"))
        self.guide_check.setChecked(self.ctx.services.school.guide_with_invitations())
        self.guide_check.setToolTip(
            _(
                "The guide for the parents, written from the school's principles, is "
                "printed after the invitation and preparation sheet."
            )
        )
        questions_layout.addWidget(self.guide_check)
        return questions_box

    # --- the logo ------------------------------------------------------------------------

    def choose_logo(self) -> None:
        path = self.ctx.dialogs.open_file(
            self, _("Choose the school's logo"), _("Pictures (*.png *.jpg *.jpeg)")
        )
        if path is None:
            return
        try:
            data = check_logo(path.read_bytes())
        except OSError as exc:
            self.ctx.dialogs.error(
                self,
                _("The file {path} cannot be read ({error}).").format(
                    path=path, error=exc.strerror
                ),
            )
            return
        except ValidationError as exc:
            self.ctx.dialogs.error(self, exc.message)
            return
        if QImage.fromData(QByteArray(data)).isNull():
            self.ctx.dialogs.error(
                self, _("The picture {name} cannot be read.").format(name=path.name)
            )
            return
        self.logo = data
        self._show_logo()

    def remove_logo(self) -> None:
        self.logo = None
        self._show_logo()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo is not None and pixmap.loadFromData(QByteArray(self.logo)):
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    THUMBNAIL - 8,
                    THUMBNAIL - 8,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("No logo"))
        self.remove_logo_button.setEnabled(self.logo is not None)

    # --- questions -----------------------------------------------------------------------

    def restore_defaults(self) -> None:
        defaults = self.ctx.services.school.default_preparation_questions()
        self.questions_edit.setPlainText("\n".join(defaults))

    def questions(self) -> list[str]:
        return [
            line.strip() for line in self.questions_edit.toPlainText().splitlines() if line.strip()
        ]

    # --- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        school = self.ctx.services.school
        self.principles_page.check()  # a refusal stores nothing of the dialog
        name, initials = self.teacher_edit.text().strip(), self.initials_edit.text().strip()
        if name or initials or school.user() is not None:
            if not name:
                raise ValidationError(_("Write your name as well as your initials."))
            if not initials:
                raise ValidationError(_("Write your initials as well as your name, e.g. MKH."))
        questions = self.questions()
        # The defaults are saved as "no own questions", so they follow the language.
        if questions == school.default_preparation_questions():
            questions = []
        school.set_preparation_questions(questions)
        school.set_school_name(self.school_edit.text())
        if self.logo != school.logo():
            school.set_logo(self.logo)
        if name:
            school.save_user(name, initials)
        school.set_language(self.language_combo.currentData() or None)
        if self.guide_check.isChecked() != school.guide_with_invitations():
            school.set_guide_with_invitations(self.guide_check.isChecked())
        self.principles_page.save()
        return True


def edit_settings(ctx: UiContext, parent: QWidget | None) -> bool:
    """Show the settings; True if the teacher saved them."""
    dialog = SettingsDialog(ctx, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
