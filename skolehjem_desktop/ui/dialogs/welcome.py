"""The first start of a fresh install: who the teacher is, the school, language, protection.

``welcome_if_fresh`` runs before the database is opened. When the data folder holds no
database yet it shows :class:`WelcomeDialog`; nothing is written until the teacher
presses *Start*, and *Cancel* leaves no database behind (the program then quits). The
dialog stores the teacher, the school and the language through the school service,
fills the demo school when asked, and protects the new database with a passphrase
through :mod:`skolehjem_desktop.services.protection` when asked. Once the main window
holds the data, ``skolehjem_desktop.app.after_ready`` opens the import wizard when the
teacher chose *Import a class list*.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop import i18n
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _

if TYPE_CHECKING:
    pass


BEGIN_IMPORT = "import"
BEGIN_DEMO = "demo"
BEGIN_EMPTY = "empty"
INITIALS_MAX = 8


@dataclass(frozen=True)
class FirstStart:
    """What the welcome decided. ``begin`` is None when the folder was not fresh."""

    cancelled: bool = False
    passphrase: str | None = None
    begin: str | None = None


def is_fresh(folder: Path) -> bool:
    """True when the data folder holds no database yet (a fresh install)."""
    from skolehjem_desktop.services.data_folder import DataFolder

    return DataFolder(folder).is_fresh()


def welcome_if_fresh(folder: Path, parent: QWidget | None = None) -> FirstStart:
    """Show the welcome on a fresh data folder; a folder with data passes straight on."""
    if not is_fresh(folder):
        return FirstStart()
    dialog = WelcomeDialog(folder, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.outcome is None:
        return FirstStart(cancelled=True)
    return dialog.outcome


def suggest_initials(name: str) -> str:
    """The first letter of each part of a name: "Mette Kjær Hansen" → "MKH"."""
    parts = name.replace("-", " ").split()
    return "".join(part[0] for part in parts if part[0].isalpha()).upper()[:INITIALS_MAX]


def friendly_path(path: Path) -> str:
    """A data folder as a teacher reads it: under the home folder with a tilde."""
    try:
        inside = path.expanduser().resolve().relative_to(Path.home().resolve())
    except ValueError:
        return str(path)
    return "~/" + inside.as_posix() if inside.parts else "~"


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setObjectName(name)
    return field


class WelcomeDialog(QDialog):
    """Who you are, your school, your language, protection, and how to begin."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.outcome: FirstStart | None = None
        layout = QVBoxLayout(self)

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(self.heading)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addLayout(self._identity_form())
        self.place = QLabel()
        self.place.setObjectName("place")
        self.place.setWordWrap(True)
        self.place.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.place)

        # Protection: the details show once the teacher ticks it.
        self.protect_check = QCheckBox()
        self.protect_check.setObjectName("protect")
        layout.addWidget(self.protect_check)
        layout.addWidget(self._protect_details())
        self.protect_check.toggled.connect(self._protect_toggled)

        layout.addWidget(self._begin_box())
        layout.addWidget(self._principles_box())
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(self._buttons())

        self.language_combo.currentIndexChanged.connect(self._language_changed)
        for edit in (
            self.name_edit,
            self.initials_edit,
            self.school_edit,
            self.passphrase_edit,
            self.repeat_edit,
        ):
            edit.textChanged.connect(self._recheck)
        self.protect_check.toggled.connect(self._recheck)
        self._install_qt_language()
        self._retranslate()
        self.name_edit.setFocus()
        self.setMinimumWidth(640)
        self._fit_height()

    # --- building (the texts are set by _retranslate) -------------------------------------

    def _identity_form(self) -> QFormLayout:
        """The teacher's name and initials, the school's name, the language."""
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("teacher_name")
        self.initials_edit = QLineEdit()
        self.initials_edit.setObjectName("initials")
        self.initials_edit.setMaxLength(INITIALS_MAX)
        self._suggested = ""
        self.name_edit.textChanged.connect(self._name_typed)
        self.school_edit = QLineEdit()
        self.school_edit.setObjectName("school_name")
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language")
        self.language_combo.addItem("Dansk", "da")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(i18n.active().lang))
        )
        form = QFormLayout()
        self.name_label = QLabel()
        self.initials_label = QLabel()
        self.school_label = QLabel()
        self.language_label = QLabel()
        for label, field in (
            (self.name_label, self.name_edit),
            (self.initials_label, self.initials_edit),
            (self.school_label, self.school_edit),
            (self.language_label, self.language_combo),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        return form

    def _protect_details(self) -> QWidget:
        """What protection means, the warning and the passphrase twice; hidden at first."""
        self.protect_details = QWidget()
        protect_layout = QVBoxLayout(self.protect_details)
        protect_layout.setContentsMargins(24, 0, 0, 0)
        self.protect_intro = QLabel()
        self.protect_intro.setWordWrap(True)
        protect_layout.addWidget(self.protect_intro)
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("font-weight: bold;")
        protect_layout.addWidget(self.warning)
        self.passphrase_edit = _password_field("passphrase")
        self.repeat_edit = _password_field("repeat")
        pass_form = QFormLayout()
        self.passphrase_label = QLabel()
        self.repeat_label = QLabel()
        self.passphrase_label.setBuddy(self.passphrase_edit)
        self.repeat_label.setBuddy(self.repeat_edit)
        pass_form.addRow(self.passphrase_label, self.passphrase_edit)
        pass_form.addRow(self.repeat_label, self.repeat_edit)
        protect_layout.addLayout(pass_form)
        self.protect_details.setVisible(False)
        return self.protect_details

    def _begin_box(self) -> QGroupBox:
        """How to begin: import a class list (chosen), the demo school, or empty."""
        self.begin_box = QGroupBox()
        begin_layout = QVBoxLayout(self.begin_box)
        self.begin_group = QButtonGroup(self)
        self.import_radio = QRadioButton()
        self.import_radio.setObjectName(BEGIN_IMPORT)
        self.demo_radio = QRadioButton()
        self.demo_radio.setObjectName(BEGIN_DEMO)
        self.empty_radio = QRadioButton()
        self.empty_radio.setObjectName(BEGIN_EMPTY)
        for radio in (self.import_radio, self.demo_radio, self.empty_radio):
            self.begin_group.addButton(radio)
            begin_layout.addWidget(radio)
        self.import_radio.setChecked(True)
        return self.begin_box

    def _principles_box(self) -> QGroupBox:
        """Which principles the school follows: a preset, or the law's defaults (chosen)."""
        from skolehjem_desktop.domain.principle_presets import PRESETS

        self.principles_box = QGroupBox()
        box_layout = QVBoxLayout(self.principles_box)
        self.principles_group = QButtonGroup(self)
        self.preset_radios: dict[str | None, QRadioButton] = {}
        mnemonics = {
            "skoledistrikt-vest": "Skoledist&rikt Vest",
            "den-lille-skole": "Den lille Sk&ole",
        }
        for preset in PRESETS.values():
            radio = QRadioButton(mnemonics.get(preset.name, preset.title))
            radio.setObjectName(f"principles_{preset.name}")
            self.preset_radios[preset.name] = radio
        self.law_radio = QRadioButton()
        self.law_radio.setObjectName("principles_law")
        self.preset_radios[None] = self.law_radio
        for radio in self.preset_radios.values():
            self.principles_group.addButton(radio)
            box_layout.addWidget(radio)
        self.law_radio.setChecked(True)
        return self.principles_box

    def principles(self) -> str | None:
        """The preset chosen, or None for the law's defaults."""
        return next(name for name, radio in self.preset_radios.items() if radio.isChecked())

    def _buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = QPushButton()
        self.start_button.setObjectName("start")
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        # Enter in any field starts; Cancel is never the default.
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    def _name_typed(self, name: str) -> None:
        """Initials follow the name until the teacher writes their own."""
        if self.initials_edit.text() in ("", self._suggested):
            self._suggested = suggest_initials(name)
            self.initials_edit.setText(self._suggested)

    # --- language ------------------------------------------------------------------------

    @property
    def language(self) -> str:
        return str(self.language_combo.currentData())

    def _language_changed(self) -> None:
        """The dialog speaks the chosen language at once, Qt's buttons included."""
        i18n.activate(self.language)
        self._install_qt_language()
        self._retranslate()

    def _install_qt_language(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            from skolehjem_desktop.ui.app.qt_language import install_qt_translations

            install_qt_translations(app, self.language)

    def _protect_toggled(self, on: bool) -> None:
        self.protect_details.setVisible(on)
        if on:
            self.passphrase_edit.setFocus()
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the wrapped texts need at the dialog's width, no taller."""
        layout = self.layout()
        assert layout is not None
        layout.activate()
        width = max(self.width(), self.minimumWidth())
        self.resize(width, layout.totalHeightForWidth(width))

    def _retranslate(self) -> None:
        from skolehjem_desktop.domain.limits import PASSPHRASE_MIN
        from skolehjem_desktop.ui.dialogs.crypto_dialogs import no_way_back

        self.setWindowTitle(_("Welcome to Skolehjem"))
        self.heading.setText(_("Welcome to Skolehjem"))
        self.intro.setText(
            _(
                "Tell the program who you are and where you teach. You can change all of it "
                "later in Settings."
            )
        )
        place = friendly_path(self.folder)
        if place.startswith("~"):
            self.place.setText(
                _("Your data is kept in your home folder: {path}").format(path=place)
            )
        else:
            self.place.setText(_("Your data is kept in the folder {path}").format(path=place))
        self.name_label.setText(_("Your &name:"))
        self.initials_label.setText(_("Your &initials:"))
        self.school_label.setText(_("The &school's name:"))
        self.language_label.setText(_("&Language:"))
        self.protect_check.setText(_("&Protect the data with a passphrase"))
        self.protect_intro.setText(
            _(
                "Recommended on a laptop: no one who gets hold of this computer can read "
                "the notes about the pupils. The passphrase is asked for at every start. "
                "At least {n} characters; a short sentence is easy to remember."
            ).format(n=PASSPHRASE_MIN)
        )
        self.warning.setText(no_way_back())
        self.passphrase_label.setText(_("Passphrase:"))
        self.repeat_label.setText(_("Passphrase again:"))
        self.begin_box.setTitle(_("How do you want to begin?"))
        self.import_radio.setText(_("Import a &class list (a CSV or Excel file from the school)"))
        self.demo_radio.setText(_("Open the &demo school (invented pupils, to try things out)"))
        self.empty_radio.setText(_("Start &empty"))
        self.principles_box.setTitle(_("Which principles does the school follow?"))
        self.law_radio.setText(_("The de&faults (can be changed later in Settings)"))
        self.start_button.setText(_("&Start"))

    # --- starting --------------------------------------------------------------------------

    def begin(self) -> str:
        if self.demo_radio.isChecked():
            return BEGIN_DEMO
        if self.empty_radio.isChecked():
            return BEGIN_EMPTY
        return BEGIN_IMPORT

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _recheck(self) -> None:
        """A message shown goes as soon as what it asked for is put right."""
        if self.error.isHidden():
            return
        problem = self._problem()
        if isinstance(problem, str):
            self.error.setText(problem)
        else:
            self.error.hide()
            self.error.clear()

    def _checked(self) -> tuple[str, str, str, str | None] | None:
        """The teacher's name, initials, the school and the passphrase, or None after a
        message. Checked before anything is written."""
        problem = self._problem()
        if isinstance(problem, str):
            self._fail(problem)
            return None
        return problem

    def _problem(self) -> tuple[str, str, str, str | None] | str:
        """What :meth:`_checked` returns, or the message saying what is wrong."""
        from skolehjem_desktop.domain.limits import NAME_MAX, SHORT_MAX
        from skolehjem_desktop.services.base import clean_text
        from skolehjem_desktop.services.protection import check_passphrase

        try:
            name = clean_text(self.name_edit.text(), _("Name"), NAME_MAX, required=True)
            initials = clean_text(
                self.initials_edit.text(), _("Initials"), INITIALS_MAX, required=True
            )
            school = clean_text(self.school_edit.text(), _("School name"), SHORT_MAX)
        except UserError as exc:
            return exc.message
        passphrase = None
        if self.protect_check.isChecked():
            passphrase = self.passphrase_edit.text()
            if passphrase != self.repeat_edit.text():
                return _("The two passphrases differ.")
            try:
                check_passphrase(passphrase)
            except UserError as exc:
                return exc.message
        return name, initials, school, passphrase

    def start(self) -> None:
        checked = self._checked()
        if checked is None:
            return
        name, initials, school, passphrase = checked
        begin = self.begin()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            create_data(
                self.folder,
                name=name,
                initials=initials,
                school=school,
                language=self.language,
                begin=begin,
                passphrase=passphrase,
                principles=self.principles(),
            )
        except UserError as exc:
            self._fail(exc.message)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.outcome = FirstStart(passphrase=passphrase, begin=begin)
        self.accept()


def create_data(
    folder: Path,
    *,
    name: str,
    initials: str,
    school: str,
    language: str,
    begin: str,
    passphrase: str | None,
    principles: str | None = None,
) -> None:
    """Make the database of a fresh folder with what the welcome asked; all or nothing."""
    from skolehjem_desktop.services.data_folder import DataFolder, Profile

    profile = Profile(
        name, initials, school, language, demo=begin == BEGIN_DEMO, principles=principles
    )
    DataFolder(folder).create(profile, passphrase)
