"""Every window and dialog, in each language, shows no text of the other language.

The test opens the real main window over a demo school in Danish and in English, opens
a pupil with overdue agreements and replies, focus points, a presentation, contacts and
parents, then builds every dialog on real ids (without running it modally), walks the
import wizard through all its pages (a faulty list and a good one, imported), opens the
pupil the import made (a page with nothing recorded yet) and an empty school, and asks
the questions the window asks (deleting, removing, printing, restarting for a new
language) through recording dialogs that answer "no". Every text the teacher can see or
hear is collected: labels, buttons, group boxes, placeholders, tooltips, accessible
names, window titles, combo box items, tab texts, menu and toolbar actions, wizard
titles and buttons, message boxes, and the headers and cells of every item model shown.

The other language is read from the catalogues (and Qt's Danish translation):

* a text, a line of it or a part of it (between " · ", " – ", wide spaces, HTML tags) that
  is a message of the other language: for Danish an English message id whose Danish
  differs, for English such a Danish translation; words that are the same in both
  languages are allowed. What stands in parentheses is compared the same way;
* a formatted message, ``{placeholders}`` filled in, whose fixed words are foreign;
* a short phrase of the other language's words only, at least two of them not words of
  the language shown: a message that never reached the catalogue.

Data is not UI text: what the teacher typed in a field is not read (only what the
program fills in), and names and demo notes are never equal to a message.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QProgressDialog,
    QSpinBox,
    QStatusBar,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QWidget,
    QWizard,
)

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.domain.enums import FocusArea
from skolehjem_desktop.i18n.catalogues import read_catalogue
from skolehjem_desktop.services.demo import generate_demo
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.classes.class_dialogs import ClassDialog, NewSchoolYearDialog
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs.import_wizard import ImportWizard
from skolehjem_desktop.ui.dialogs.settings_dialog import SettingsDialog
from skolehjem_desktop.ui.pupil.contact_dialog import ContactDialog
from skolehjem_desktop.ui.pupil.guardians_tab import GuardianDialog, LinkGuardianDialog
from skolehjem_desktop.ui.pupil.message_book.focus_dialog import NewFocusPointDialog
from skolehjem_desktop.ui.pupil.message_book.presentation_dialog import PresentationDialog
from skolehjem_desktop.ui.pupil.student_dialogs import LeftDialog, MoveDialog, StudentDialog

LANGUAGES = ("da", "en")
MIN_LENGTH = 3
# The program's language is chosen by its own name: "Dansk" and "English" in both windows.
ENDONYMS = (
    ("Dansk", "SettingsDialog.language_combo"),
    ("English", "SettingsDialog.language_combo"),
)
# Fields the program fills in the teacher's language (the text in other fields is data: the
# teacher's own words, demo notes).
PROGRAM_FILLED = frozenset({"SettingsDialog.questions_edit"})
# A phrase not in the catalogue: at most MAX_WORDS words, all of the other language's
# messages, at least MIN_WORDS of them not words of the language shown (3 letters or more).
MIN_WORDS, MAX_WORDS = 2, 8
MAX_ROWS = 400  # of one item model; the demo's longest list is a class's pupils
# Marks and punctuation around a text that do not make it another text: "✗ Overdue:" is
# "Overdue", "(left)" is "left", "Remove…" is "Remove".
AROUND = " \t\r\n✓✗•⚠○◐→★·–—-…:;,.!?()[]<>⟦⟧\"'“”"
# Qt's own button texts (context, English). With Qt's Danish translation installed, none
# that Danish writes otherwise may show in the Danish window, nor its Danish in English.
QT_TEXTS = (
    *(
        ("QPlatformTheme", text)
        for text in (
            "OK",
            "Cancel",
            "Close",
            "Save",
            "Apply",
            "Reset",
            "Help",
            "Discard",
            "Open",
            "Yes to &All",
            "N&o to All",
            "Abort",
            "Retry",
            "Ignore",
            "Restore Defaults",
            "Save All",
        )
    ),
    *(
        ("QWizard", text)
        for text in ("&Next >", "< &Back", "&Finish", "Commit", "Cancel", "&Help", "Continue")
    ),
    ("QMessageBox", "Show Details..."),
    ("QMessageBox", "Hide Details..."),
)


# --- the forbidden texts ------------------------------------------------------------------


def norm(text: str) -> str:
    """The words of a text as compared: no mnemonic, no marks around, case folded."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split()).strip(AROUND).casefold()


def _forms(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [v for v in value if v]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text.casefold()))


PLACEHOLDER = re.compile(r"\{[^{}]*\}")
EMAIL = re.compile(r"\S+@\S+")


@dataclass(frozen=True)
class Forbidden:
    """The texts of the other language for one language shown."""

    lang: str
    texts: frozenset[str]  # normalized
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, message it came from)
    foreign_words: frozenset[str]  # the other language's words (of its messages)
    own_words: frozenset[str]  # the shown language's words

    def offends(self, piece: str) -> str | None:
        """What of the other language this normalized piece of text is, or None."""
        if piece in self.texts:
            return repr(piece)
        phrase = EMAIL.sub(" ", piece)  # an address is data, whatever its words
        words = [w for w in re.findall(r"[^\W\d_]+", phrase) if len(w) >= MIN_LENGTH]
        foreign = [w for w in words if w not in self.own_words]
        if (
            len(words) <= MAX_WORDS
            and len(foreign) >= MIN_WORDS
            and all(w in self.foreign_words for w in words)
        ):
            # Not a message of the catalogue (one that escaped extraction), but a phrase
            # of the other language's words only.
            return f"words {' '.join(foreign)!r}"
        for pattern, message in self.patterns:
            if pattern.fullmatch(piece):
                return repr(message)
        return None


def _qt_pairs() -> list[tuple[str, str]]:
    """(English, Danish) of Qt's own buttons, from Qt's Danish translation."""
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_da", folder):
        return []
    pairs = [(text, translator.translate(context, text)) for context, text in QT_TEXTS]
    return [(english, danish) for english, danish in pairs if danish]


# Placeholders that stand for a number: they match digits only, so "{n} minutter" is not
# found in a teacher's sentence that ends "i 15–20 minutter."
NUMBER_PLACEHOLDERS = frozenset(
    {"n", "k", "total", "limit", "done", "count", "length", "number", "pages", "size", "line",
     "column", "columns", "high", "low", "times", "slots", "year"}
)  # fmt: skip


# A formatted message with fewer fixed characters than this is not looked for.
MIN_FIXED = 6


def _placeholder_regex(name: str) -> str:
    return r"([\d.,/–-]+)" if name in NUMBER_PLACEHOLDERS else "(.+?)"


@cache
def forbidden(lang: str) -> Forbidden:
    """What may not show in ``lang``: the other language's messages, from the catalogues."""
    da = read_catalogue("da")
    en = read_catalogue("en")
    pairs: list[tuple[str, str]] = []  # (English, Danish)
    for message in da:
        if not message.id:
            continue
        english = _forms(message.id)
        danish = _forms(message.string)
        pairs += list(zip(english, danish, strict=False))
        if len(english) == 2 and len(danish) > 2:  # a language with more plural forms
            pairs += [(english[1], d) for d in danish[2:]]
    english_texts = {t for m in en if m.id for t in _forms(m.id) + _forms(m.string)}
    danish_texts = {d for _english, d in pairs}
    if lang == "da":
        foreign_pairs = pairs + _qt_pairs()
        allowed = danish_texts
    else:  # Qt's Danish too: its translation must not stay behind in an English window
        foreign_pairs = [(d, e) for e, d in pairs + _qt_pairs()]
        allowed = english_texts
    allowed_norm = {norm(t) for t in allowed}
    vocabulary = set().union(*(_words(PLACEHOLDER.sub(" ", t)) for t in allowed))
    foreign_words = set().union(*(_words(PLACEHOLDER.sub(" ", f)) for f, _own in foreign_pairs))

    texts: set[str] = set()
    patterns: dict[str, re.Pattern[str]] = {}
    for foreign, own in foreign_pairs:
        key = norm(foreign)
        if key == norm(own) or key in allowed_norm or len(key) < MIN_LENGTH:
            continue
        if "{" not in foreign:
            texts.add(key)
            continue
        literal = PLACEHOLDER.sub(" ", foreign)
        if len(" ".join(literal.split())) < MIN_FIXED:
            continue  # "{first} til {last}": too little of its own to tell it from a pupil's notes
        if not any(len(w) >= MIN_LENGTH and w not in vocabulary for w in _words(literal)):
            continue  # its fixed words are words of the shown language too
        regex = "".join(
            re.escape(part) if i % 2 == 0 else _placeholder_regex(part)
            for i, part in enumerate(re.split(r"\{([^{}]*)\}", key))
        )
        patterns.setdefault(foreign, re.compile(regex, re.DOTALL))
    return Forbidden(
        lang,
        frozenset(texts),
        tuple((p, m) for m, p in sorted(patterns.items())),
        frozenset(foreign_words),
        frozenset(vocabulary),
    )


# --- collecting what is shown -------------------------------------------------------------

TAG = re.compile(r"<[^>]+>")
WIZARD_BUTTONS = (
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.CommitButton,
    QWizard.WizardButton.FinishButton,
    QWizard.WizardButton.CancelButton,
    QWizard.WizardButton.HelpButton,
)


def pieces(text: str, *, data: bool = False) -> set[str]:
    """The text, its lines and its parts (between " · ", "  ", " – "), normalized.

    A field's content (``data``) is checked whole and by lines only: its parts are the
    teacher's words, not the program's.
    """
    if TAG.search(text):
        text = html.unescape(TAG.sub("\n", text))
    found = {norm(text)}
    for line in text.splitlines():
        found.add(norm(line))
        if not data:
            found |= {norm(p) for p in re.split(r" · |\s{2,}| – ", line)}
    return {p for p in found if len(p) >= MIN_LENGTH}


# Keys named after a tooltip, "(Delete)", "(Ctrl+Up)": the names printed on the keys.
KEYS = frozenset({"delete", "del", "insert", "enter", "return", "home", "end", "esc", "tab"})
PARENTHESES = re.compile(r"\(([^()]*)\)")


def fragments(text: str) -> set[str]:
    """What stands in parentheses, normalized: "(overdue)" after a date is a word of its own.

    Only compared with the other language's messages as they are (no patterns, no words):
    data in parentheses, "(telefon efter aftale)" in a demo note, is a phrase of its own.
    """
    found = {norm(f) for f in PARENTHESES.findall(html.unescape(TAG.sub("\n", text)))}
    return {f for f in found if len(f) >= MIN_LENGTH and f not in KEYS and "+" not in f}


@dataclass(frozen=True)
class Seen:
    text: str
    where: str
    data: bool = False


@dataclass
class Collector:
    """Every text a window shows, with where it was found."""

    seen: list[Seen] = field(default_factory=list)
    widgets: int = 0
    models: int = 0

    def add(self, text: object, where: str, *, data: bool = False) -> None:
        if isinstance(text, str) and text.strip():
            self.seen.append(Seen(text, where, data))

    def walk(self, root: QWidget, context: str) -> None:
        """``root`` and every widget in it, shown or hidden."""
        names = _attribute_names(root)
        for widget in [root, *root.findChildren(QWidget)]:
            if _inside_combo_box(widget):
                continue  # a combo box's list: its items are read from the combo box
            self.widgets += 1
            attribute = names.get(id(widget), "")
            self._widget(widget, f"{context}: {_describe(widget, attribute)}", attribute)

    def _widget(self, w: QWidget, where: str, attribute: str) -> None:
        add = self.add
        filled_in = attribute in PROGRAM_FILLED  # a field the program fills, not the teacher
        add(w.windowTitle(), f"{where} [window title]")
        add(w.toolTip(), f"{where} [tooltip]")
        add(w.statusTip(), f"{where} [status tip]")
        add(w.whatsThis(), f"{where} [what's this]")
        add(w.accessibleName(), f"{where} [accessible name]")
        add(w.accessibleDescription(), f"{where} [accessible description]")
        if isinstance(w, QLabel | QAbstractButton):
            add(w.text(), where)
        elif isinstance(w, QGroupBox):
            add(w.title(), f"{where} [title]")
        elif isinstance(w, QLineEdit):
            add(w.placeholderText(), f"{where} [placeholder]")
            if w.isReadOnly() or filled_in:
                add(w.text(), f"{where} [content]", data=True)
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            add(w.placeholderText(), f"{where} [placeholder]")
            if w.isReadOnly() or filled_in:
                add(w.toPlainText(), f"{where} [content]", data=True)
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w.itemText(i), f"{where} [item {i}]")
                add(w.itemData(i, Qt.ItemDataRole.ToolTipRole), f"{where} [item {i} tooltip]")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(w.tabText(i), f"{where} [tab {i}]")
                add(w.tabToolTip(i), f"{where} [tab {i} tooltip]")
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView):
            self._model(w.model(), where)
        elif isinstance(w, QStatusBar):
            add(w.currentMessage(), f"{where} [message]")
        elif isinstance(w, QProgressDialog):
            add(w.labelText(), f"{where} [label]")
        if isinstance(w, QAbstractSpinBox):
            add(w.specialValueText(), f"{where} [special value]")
        if isinstance(w, QSpinBox | QDoubleSpinBox):
            add(w.prefix(), f"{where} [prefix]")
            add(w.suffix(), f"{where} [suffix]")
        if isinstance(w, QMenu):
            add(w.title(), f"{where} [menu title]")
        if isinstance(w, QWizard):
            for page_id in w.pageIds():
                page = w.page(page_id)
                add(page.title(), f"{where} [page {page_id} title]")
                add(page.subTitle(), f"{where} [page {page_id} subtitle]")
            for button in WIZARD_BUTTONS:
                add(w.buttonText(button), f"{where} [{button.name}]")
        for action in w.actions():
            label = action.objectName() or action.text()
            for kind, text in (
                ("text", action.text()),
                ("tooltip", action.toolTip()),
                ("status tip", action.statusTip()),
                ("icon text", action.iconText()),
            ):
                add(text, f"{where} › action {label!r} [{kind}]")

    def _model(self, model: QAbstractItemModel | None, where: str) -> None:
        if model is None:
            return
        self.models += 1
        display, tip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
        for column in range(_columns(model, QModelIndex())):
            for role in (display, tip):
                self.add(
                    model.headerData(column, Qt.Orientation.Horizontal, role),
                    f"{where} [header {column}]",
                )
        for index in _indexes(model, QModelIndex()):
            cell = f"{where} [row {index.row()}, column {index.column()}]"
            self.add(model.data(index, display), cell)
            self.add(model.data(index, tip), f"{cell} tooltip")

    def offences(self, rules: Forbidden) -> list[str]:
        found: dict[tuple[str, str], list[str]] = {}
        for seen in self.seen:
            if any(seen.text == text and place in seen.where for text, place in ENDONYMS):
                continue
            for piece in pieces(seen.text, data=seen.data):
                message = rules.offends(piece)
                if message is not None:
                    found.setdefault((seen.text, seen.where), []).append(message)
            if not seen.data:
                for fragment in fragments(seen.text) & rules.texts:
                    found.setdefault((seen.text, seen.where), []).append(repr(fragment))
        return [
            f"{where}: {_short(text)} — the {_other(rules.lang)} "
            + ", ".join(sorted(set(messages)))
            for (text, where), messages in sorted(found.items(), key=lambda f: f[0][::-1])
        ]

    def texts(self) -> set[str]:
        return {s.text for s in self.seen}


def _short(text: str, limit: int = 90) -> str:
    line = " ".join(text.split())
    return repr(line if len(line) <= limit else line[: limit - 1] + "…")


def _other(lang: str) -> str:
    return "English" if lang == "da" else "Danish"


def _indexes(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[QModelIndex]:
    for row in range(min(model.rowCount(parent), MAX_ROWS)):
        for column in range(_columns(model, parent)):
            index = model.index(row, column, parent)
            yield index
            if column == 0 and model.rowCount(index) > 0:  # a tree's branch
                yield from _indexes(model, index)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    """A list model (a QListWidget's) has one column and hides ``columnCount``."""
    if isinstance(model, QAbstractListModel):
        return 1
    return model.columnCount(parent)


def _attribute_names(root: QWidget) -> dict[int, str]:
    """``ConversationEditor.held_button`` for a widget kept in an attribute of another."""
    names: dict[int, str] = {}
    ancestors = []
    parent = root.parentWidget()
    while parent is not None:
        ancestors.append(parent)
        parent = parent.parentWidget()
    for owner in [root, *root.findChildren(QObject), *ancestors]:
        try:
            attributes = vars(owner)
        except TypeError:
            continue
        for attribute, value in attributes.items():
            if not isinstance(value, QWidget) or value is root or value is owner:
                continue
            if isinstance(owner, QWidget) and value.isAncestorOf(owner):
                continue  # a reference back, like a wizard page's ``wiz``
            names.setdefault(id(value), f"{type(owner).__name__}.{attribute}")
    return names


def _inside_combo_box(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def _describe(widget: QWidget, attribute: str) -> str:
    kind = type(widget).__name__
    name = widget.objectName()
    text = f"{kind}#{name}" if name and not name.startswith("qt_") else kind
    return f"{attribute} ({text})" if attribute else text


# --- the message boxes, recorded ------------------------------------------------------------


@dataclass
class RecordingDialogs(ScriptedDialogs):
    """Scripted dialogs that also keep every title, text and button the window asks with."""

    shown: list[tuple[str, str]] = field(default_factory=list)

    def confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        action: str,
        *,
        harmless: bool = False,
    ) -> bool:
        self.shown += [(title, "confirm [title]"), (text, "confirm"), (action, "confirm [button]")]
        return super().confirm(parent, title, text, action, harmless=harmless)

    def error(self, parent: QWidget | None, text: str) -> None:
        self.shown.append((text, "error message"))
        super().error(parent, text)

    def info(self, parent: QWidget | None, text: str) -> None:
        self.shown.append((text, "information message"))
        super().info(parent, text)

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        self.shown += [(title, "open file [title]"), (filters, "open file [filters]")]
        return super().open_file(parent, title, filters)

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        self.shown += [
            (title, "save file [title]"),
            (suggested, "save file [name]"),
            (filters, "save file [filters]"),
        ]
        return super().save_file(parent, title, suggested, filters)

    def choose_folder(self, parent: QWidget | None, title: str) -> Path | None:
        self.shown.append((title, "choose folder [title]"))
        return super().choose_folder(parent, title)

    def choose(
        self, parent: QWidget | None, title: str, text: str, options: list[str]
    ) -> int | None:
        self.shown += [(title, "choice [title]"), (text, "choice")]
        self.shown += [(o, f"choice [button {i}]") for i, o in enumerate(options)]
        return super().choose(parent, title, text, options)


def answered_no(dialogs: ScriptedDialogs, question: str, ask: Callable[[], object]) -> None:
    """Run ``ask``, which asks one ``question`` ("confirm", "choose" or "file"); the answer is no.

    A "no" is False to a confirmation and a cancel (None) to a choice or a file chooser.
    """
    scripts = {"confirm": dialogs.confirms, "choose": dialogs.choices, "file": dialogs.files}
    script = scripts[question]
    script.append(False if question == "confirm" else None)  # type: ignore[arg-type]
    ask()
    assert not script, f"{ask!r} did not ask its {question} question"


# --- the school -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo school, made once; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    db = open_database(folder)
    try:
        generate_demo(db, seed=1, today=dt.date.today())
    finally:
        db.close()
    return folder


@pytest.fixture
def data_dir(demo_folder: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)
    return folder


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def _qt_language_restored() -> Iterator[None]:
    """The window installs Qt's own translation and locale; later tests get theirs back."""
    locale = QLocale()
    yield
    app = QApplication.instance()
    if app is not None:
        for old in app.findChildren(QTranslator, "skolehjem-qtbase"):
            QCoreApplication.removeTranslator(old)
            old.deleteLater()
    QLocale.setDefault(locale)


def open_window(qtbot, data_dir: Path, lang: str, settings: QSettings):  # type: ignore[no-untyped-def]
    window = create_main_window(data_dir, lang, dialogs=RecordingDialogs(), settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@dataclass(frozen=True)
class Pupil:
    """The demo pupil with the most to show, and the ids its dialogs are opened on."""

    id: int
    class_id: int
    conversation: int


def _rank(detail, year: int, today: dt.date) -> tuple[bool, bool, int]:  # type: ignore[no-untyped-def]
    """A conversation with an overdue agreement, of this school year, with many agreements."""
    overdue = any(a.overdue(today) for a in detail.agreements)
    return (overdue, detail.school_year == year, len(detail.agreements))


def richest_pupil(services, year: int) -> Pupil:  # type: ignore[no-untyped-def]
    """A pupil with much to show: overdue agreements and replies, a presentation, focus points.

    Their conversation shown is one with an overdue agreement, if any.
    """
    rows = [
        r for c in services.classes.all(school_year=year) for r in services.owed.for_class(c.id)
    ]
    rows.sort(
        key=lambda r: (
            r.agreements_overdue > 0,
            r.replies_overdue > 0,
            r.presented_on is not None,
            len(r.required_areas) - len(r.missing_areas),
        ),
        reverse=True,
    )
    today = services.today()
    for row in rows:
        conversations = services.conversations.all(student_id=row.student_id)  # newest first
        if conversations and services.students.guardians(row.student_id):
            details = [services.conversations.get(c.id) for c in conversations[:8]]
            chosen = max(details, key=lambda d: _rank(d, year, today))
            return Pupil(row.student_id, row.class_id, chosen.id)
    raise AssertionError("the demo school has no pupil with a conversation and a parent")


def write_class_lists(folder: Path, lang: str) -> tuple[Path, Path]:
    """A good and a faulty class list with headers in the language shown (headers are data)."""
    if lang == "da":
        header = "Fornavn;Efternavn;Fødselsdato;Forælder 1;Forælder 1 e-mail;Bemærkning"
    else:
        header = "First name;Last name;Birth date;Parent 1;Parent 1 e-mail;Remark"
    good = folder / f"good_{lang}.csv"
    good.write_text(
        f"{header}\n"
        "Asta;Holm;03-04-2016;Rikke Holm;rikke@example.dk;\n"
        "Bilal;Aziz;12-11-2015;Nadia Aziz;nadia@example.dk;\n",
        encoding="utf-8",
    )
    bad = folder / f"bad_{lang}.csv"
    bad.write_text(
        f"{header}\n"
        "Carl;Berg;31-02-2016;;;\n"
        ";Lund;01-01-2015;;;\n"
        "Dina;Juul;01-01-2015;Eva Juul;eva(at)example.dk;\n",
        encoding="utf-8",
    )
    return good, bad


# --- walking --------------------------------------------------------------------------------


def while_modal(qtbot, open_it: Callable[[], object], act: Callable[[QWidget], None]) -> None:  # type: ignore[no-untyped-def]
    """Run ``open_it``, which shows a modal box; act on the box, then close it."""
    done: list[bool] = []

    def run() -> None:
        box = QApplication.activeModalWidget()
        try:
            assert box is not None, "no modal box opened"
            act(box)
        finally:
            if box is not None:
                box.close()
            done.append(True)

    QTimer.singleShot(0, run)
    open_it()
    qtbot.waitUntil(lambda: bool(done))


def walk_dialog(collector: Collector, dialog: QDialog, context: str) -> None:
    collector.walk(dialog, context)
    dialog.reject()
    dialog.deleteLater()


def walk_import_wizard(  # type: ignore[no-untyped-def]
    qtbot, collector: Collector, window, good: Path, bad: Path
) -> None:
    """Both ways through the wizard: a faulty list's problems, and a good list imported."""
    next_button = QWizard.WizardButton.NextButton
    commit_button = QWizard.WizardButton.CommitButton

    faulty = ImportWizard(window.ctx, window, window.school_year, window.class_id)
    qtbot.addWidget(faulty)
    faulty.show()
    qtbot.waitExposed(faulty)
    collector.walk(faulty, "import wizard, file page")
    # the file chooser's title and filters
    answered_no(window.ctx.dialogs, "file", faulty.file_page.browse)
    faulty.file_page.path_edit.setText(str(bad))
    faulty.button(next_button).click()
    qtbot.waitUntil(faulty.preview_page.problems.isVisible)
    collector.walk(faulty, "import wizard, problems")
    faulty.reject()

    wizard = ImportWizard(window.ctx, window, window.school_year, None)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    page = wizard.file_page
    page.path_edit.setText(str(good))
    page.new_radio.setChecked(True)
    page.new_edit.setText("9.Z")
    wizard.button(next_button).click()
    qtbot.waitUntil(wizard.preview_page.pupils.isVisible)
    collector.walk(wizard, "import wizard, preview")
    wizard.button(next_button).click()
    assert wizard.currentPage() is wizard.confirm_page
    collector.walk(wizard, "import wizard, confirmation")
    wizard.button(commit_button).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page)
    collector.walk(wizard, "import wizard, done")
    wizard.accept()


def choose_class(window, class_id: int) -> None:  # type: ignore[no-untyped-def]
    rows = range(window.class_list.count())
    ids = [window.class_list.item(r).data(Qt.ItemDataRole.UserRole) for r in rows]
    window.class_list.setCurrentRow(ids.index(class_id))


def walk_pupil_page(qtbot, collector: Collector, window, context: str) -> None:  # type: ignore[no-untyped-def]
    """Each tab of the pupil page shown in turn, and each page of the conversation."""
    page = window.pupil_page
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        # Delete the widgets on their way out (deleteLater: the frame's toolbar buttons the
        # data replaced, the import's progress dialog), so no walk reads what is not shown.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        collector.walk(page.tabs.widget(index), f"{context}, tab {page.tabs.tabText(index)!r}")
    editor = page.conversations.editor
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        collector.walk(editor.tabs.widget(index), f"{context}, conversation page {index}")
    page.tabs.setCurrentWidget(page.conversations)


def ask_every_question(window) -> None:  # type: ignore[no-untyped-def]
    """Everything that asks before it deletes or writes; the teacher says no to each."""
    dialogs = window.ctx.dialogs
    page = window.pupil_page
    editor = page.conversations.editor
    book = page.message_book
    if editor.agreements.rowCount():
        editor.agreements_view.setCurrentIndex(editor.agreements.index(0, 0))
        answered_no(dialogs, "confirm", editor.remove_agreement_button.click)
    answered_no(dialogs, "confirm", page.conversations.delete_button.click)
    for button in (
        book.remove_button,
        book.presentations.remove_button,
        page.contacts.remove_button,
        page.guardians.remove_button,
    ):
        if button.isEnabled():
            answered_no(dialogs, "confirm", button.click)
    for name, question in (
        ("delete_pupil", "confirm"),
        ("archive_class", "confirm"),
        ("print_all", "choose"),
        ("save_summary", "file"),
    ):
        answered_no(dialogs, question, window.actions_by_name[name].trigger)
    window.actions_by_name["print_summary"].trigger()  # asks nothing: it opens the PDF


def walk_dialogs(collector: Collector, window, pupil: Pupil) -> None:  # type: ignore[no-untyped-def]
    """Every dialog of pupils, parents, classes, contacts, the message book and settings."""
    ctx, services = window.ctx, window.services
    year = window.school_year
    guardians = services.students.guardians(pupil.id)
    contacts = services.contacts.all(pupil.id)
    walk_dialog(collector, StudentDialog(ctx, window, class_id=pupil.class_id), "new pupil")
    walk_dialog(collector, StudentDialog(ctx, window, student_id=pupil.id), "edit pupil")
    walk_dialog(collector, MoveDialog(ctx, window, pupil.id, year), "move pupil")
    walk_dialog(collector, LeftDialog(ctx, window, pupil.id), "pupil has left")
    other = next(
        r.id
        for r in services.students.all(class_id=pupil.class_id, include_left=False)
        if r.id != pupil.id
    )
    services.students.mark_left(other, services.today())
    walk_dialog(collector, LeftDialog(ctx, window, other), "pupil had left")
    walk_dialog(collector, GuardianDialog(ctx, window, pupil.id), "new parent")
    if guardians:
        shared = max(guardians, key=lambda g: len(g.other_children))
        walk_dialog(collector, GuardianDialog(ctx, window, pupil.id, shared), "edit parent")
    walk_dialog(collector, LinkGuardianDialog(ctx, window, pupil.id), "sibling's parent")
    walk_dialog(collector, ClassDialog(ctx, window, school_year=year), "new class")
    walk_dialog(collector, ClassDialog(ctx, window, class_id=pupil.class_id), "edit class")
    walk_dialog(collector, NewSchoolYearDialog(ctx, window, year), "new school year")
    settings_dialog = SettingsDialog(ctx, window)
    # the file chooser's title and filters
    answered_no(ctx.dialogs, "file", settings_dialog.choose_logo)
    walk_dialog(collector, settings_dialog, "settings")
    walk_dialog(collector, ContactDialog(ctx, pupil.id, window), "new contact")
    if contacts:
        walk_dialog(collector, ContactDialog(ctx, pupil.id, window, contacts[0]), "edit contact")
    areas = list(FocusArea)
    for area in (FocusArea.DANISH, FocusArea.OTHER_SUBJECT):
        dialog = NewFocusPointDialog(ctx, pupil.id, year, areas, area, parent=window)
        walk_dialog(collector, dialog, f"new focus point ({area.name})")
    walk_dialog(collector, PresentationDialog(ctx, pupil.id, year, window), "presentation")


def ask_about_the_language(window, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Settings saved with the other language: the window offers a restart (declined)."""
    from skolehjem_desktop.ui.dialogs import settings_dialog

    def choose_the_other_language(ctx, parent) -> bool:  # type: ignore[no-untyped-def]
        ctx.services.school.set_language("en" if lang == "da" else "da")
        return True

    monkeypatch.setattr(settings_dialog, "edit_settings", choose_the_other_language)
    answered_no(window.ctx.dialogs, "confirm", window.actions_by_name["settings"].trigger)


def walk_everything(  # type: ignore[no-untyped-def]
    qtbot, data_dir: Path, lang: str, tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> Collector:
    collector = Collector()
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    window = open_window(qtbot, data_dir, lang, settings)
    services = window.services
    year = window.school_year

    # The class overview, the class and pupil lists, menus and toolbar.
    pupil = richest_pupil(services, year)
    choose_class(window, pupil.class_id)
    collector.walk(window, "main window, class overview")
    window.actions_by_name["edit_pupil"].trigger()  # "Choose a pupil first."
    window.all_classes.setChecked(True)
    collector.walk(window.student_list, "main window, pupils of all classes")
    window.all_classes.setChecked(False)

    # A pupil with much recorded: the pupil page, its questions, every dialog.
    assert window.open_student(pupil.id)
    page = window.pupil_page
    page.conversations.select(pupil.conversation)
    assert page.conversations.editor.conversation_id == pupil.conversation
    tree = page.message_book.tree
    book = tree.model()
    areas = [book.index(i, 0) for i in range(book.rowCount())]
    points = [book.index(0, 0, a) for a in areas if book.rowCount(a)]
    if points:  # a focus point chosen: its editor shows
        tree.setCurrentIndex(points[0])
    walk_pupil_page(qtbot, collector, window, "pupil page")
    ask_every_question(window)
    collector.walk(window, "main window, pupil page")
    walk_dialogs(collector, window, pupil)

    # The import wizard, and the pupil it made: a pupil page with nothing recorded yet.
    good, bad = write_class_lists(tmp, lang)
    walk_import_wizard(qtbot, collector, window, good, bad)
    window.reload()
    new_class = services.classes.find("9.Z", year)
    choose_class(window, new_class.id)
    assert window.open_student(services.students.all(class_id=new_class.id)[0].id)
    walk_pupil_page(qtbot, collector, window, "new pupil's page")

    ask_about_the_language(window, lang, monkeypatch)
    while_modal(qtbot, window.about, lambda box: collector.walk(box, "about"))
    for text, where in window.ctx.dialogs.shown:
        collector.add(text, f"message box: {where}")
    window.close()

    # A school with no classes yet, and what its actions say.
    empty = create_main_window(
        tmp / "empty",
        lang,
        dialogs=RecordingDialogs(),
        settings=QSettings(str(tmp / "empty.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(empty)
    collector.walk(empty, "main window of an empty school")
    for name in ("new_pupil", "print_summary", "print_all", "new_contact"):
        empty.actions_by_name[name].trigger()
    for text, where in empty.ctx.dialogs.shown:
        collector.add(text, f"message box of an empty school: {where}")
    empty.close()
    return collector


# --- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_window_and_dialog_speaks_one_language(  # type: ignore[no-untyped-def]
    qtbot, data_dir, tmp_path, monkeypatch, lang
) -> None:
    collector = walk_everything(qtbot, data_dir, lang, tmp_path, monkeypatch)
    rules = forbidden(lang)
    texts = collector.texts()
    print(  # shown with -s: how much was walked
        f"\n{lang}: {collector.widgets} widgets, {collector.models} item models, "
        f"{len(collector.seen)} texts ({len(texts)} different); "
        f"{len(rules.texts)} texts and {len(rules.patterns)} patterns of the other language"
    )
    # The walk reached the whole window, not a corner of it.
    assert collector.widgets > 1500
    assert len(texts) > 1000
    offences = collector.offences(rules)
    assert not offences, (
        f"{len(offences)} texts in the {_other(lang)} language in the {lang} window:\n"
        + "\n".join(offences)
    )


def _other_language(lang: str, english: str) -> str:
    """``english`` as the other language shows it (its Danish translation for "en")."""
    if lang == "da":
        return english
    message = read_catalogue("da").get(english)
    assert message is not None and message.string
    return str(message.string)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_walk_finds_text_of_the_other_language(  # type: ignore[no-untyped-def]
    qtbot, data_dir, settings, lang
) -> None:
    """Texts of the other language planted in the window are found, and say where."""
    window = open_window(qtbot, data_dir, lang, settings)
    planted = QLabel(_other_language(lang, "Choose a pupil first."), window.pupil_page)
    planted.setObjectName("planted_label")
    window.overview_button.setToolTip(_other_language(lang, "Mar&k as held"))
    window.year_combo.addItem("✗ " + _other_language(lang, "Reply overdue") + ":")
    formatted = _other_language(lang, "Class {name} in the school year {year}.")
    window.summary.setText(formatted.format(name="5.A", year="2026/27"))
    table = QTableWidget(1, 1, window.pupil_page)
    table.setObjectName("planted_table")
    table.setHorizontalHeaderLabels([_other_language(lang, "Phone")])
    table.setItem(0, 0, QTableWidgetItem(f"⚠ 12 Oct 2024 ({_other_language(lang, 'Overdue')})"))
    # Data is not UI text: a pupil's name, a Danish note in either window.
    window.heading.setText("Søren Ærø")
    window.filter_edit.setText("Mor ringer om trivsel i klassen")
    collector = Collector()
    collector.walk(window, "window")
    offences = collector.offences(forbidden(lang))
    joined = "\n".join(offences)
    for where in (
        ": QLabel#planted_label",
        "MainWindow.overview_button (QPushButton) [tooltip]",
        "MainWindow.year_combo (QComboBox) [item",
        "MainWindow.summary (QLabel)",
        ": QTableWidget#planted_table [header 0]",
        ": QTableWidget#planted_table [row 0, column 0]",
    ):
        assert sum(where in offence for offence in offences) == 1, joined
    assert "Søren" not in joined
    assert "trivsel" not in joined
    planted.deleteLater()
    table.deleteLater()


def test_the_other_language_is_what_is_forbidden() -> None:
    """A word of both languages is allowed; a message of one is forbidden in the other."""
    da, en = forbidden("da"), forbidden("en")
    assert da.offends(norm("Mar&k as held")) == repr("mark as held")
    assert en.offends(norm(_other_language("en", "Mar&k as held"))) is not None
    for same in ("Status", "E-mail", "Skolehjem", "OK"):
        assert da.offends(norm(same)) is None
        assert en.offends(norm(same)) is None
    assert da.offends(norm("Cancel")) is not None  # Qt's own, untranslated
    assert en.offends(norm("Cancel")) is None
    assert da.offends(norm("Søren Ærø")) is None
