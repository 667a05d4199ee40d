"""The conversation editor: plan, prepare and write up one school–home conversation.

Three pages: Planning (when, where, who), Preparation (the teacher's private notes,
the parents' input, the agenda) and Record (what was said, section by section, each
with its own "shared with the parents" switch; the agreements; the next conversation).

Everything saves as the teacher types: a text field about a second after the last
key and at once when the focus leaves it; a choice (a combo box, a check box) at
once. There is never a "save changes?" question. A save the service refuses (a text
over the limit) keeps the text in the field, says why once, and tries again on the
next edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from itertools import pairwise
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QObject,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import (
    ConversationKind,
    ConversationStatus,
    RequestedBy,
    Responsible,
    SectionKind,
)
from skolehjem_desktop.i18n import N_, _, active
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.conversations import (
    MAX_DURATION,
    MIN_DURATION,
    PLACE_MAX,
    AgreementInfo,
    ConversationDetail,
    Planning,
)
from skolehjem_desktop.ui.common.autosave import Autosave
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.formatting import date_text, pydate, pydatetime, qdate, qdatetime
from skolehjem_desktop.ui.common.table_model import Index, RowTableModel, set_bold
from skolehjem_desktop.ui.conversation.status import STATUS_COLOURS, STATUS_MARKS, when_text

ID_ROLE = Qt.ItemDataRole.UserRole

# The sections written during the conversation, in the order they are printed.
RECORD_SECTIONS = (
    SectionKind.ACADEMIC,
    SectionKind.SOCIAL_WELLBEING,
    SectionKind.STRENGTHS_DEVELOPMENT,
    SectionKind.CONCERNS,
    SectionKind.SUMMARY,
)
# Field labels with their keyboard mnemonics (the section names themselves have none).
SECTION_LABELS: dict[SectionKind, str] = {
    SectionKind.PRIVATE_PREPARATION: N_("My private preparation"),
    SectionKind.PARENTS_INPUT: N_("The parents' inp&ut"),
    SectionKind.AGENDA: N_("Agen&da"),
    SectionKind.ACADEMIC: N_("Academic &development"),
    SectionKind.SOCIAL_WELLBEING: N_("&Social development and wellbeing"),
    SectionKind.STRENGTHS_DEVELOPMENT: N_("Strengths and possibilities to develop"),
    SectionKind.CONCERNS: N_("Concerns and pro&blems"),
    SectionKind.SUMMARY: N_("S&ummary"),
}
SECTION_HINTS: dict[SectionKind, str] = {
    SectionKind.PRIVATE_PREPARATION: N_("Your own notes before the conversation…"),
    SectionKind.PARENTS_INPUT: N_("What the parents wrote on the preparation sheet…"),
    SectionKind.AGENDA: N_("What you will talk about…"),
    SectionKind.ACADEMIC: N_("How the pupil is doing in the subjects…"),
    SectionKind.SOCIAL_WELLBEING: N_("Friends, the class, how the pupil thrives…"),
    SectionKind.STRENGTHS_DEVELOPMENT: N_("Special competences and what can be developed…"),
    SectionKind.CONCERNS: N_("Problems the parents should know about…"),
    SectionKind.SUMMARY: N_("The main points, as the parents will read them…"),
}
PRIVATE_TINT = QColor(255, 190, 40)
DUE_IN_DAYS = 14


def lock_pixmap(colour: QColor, size: int = 16, ratio: float = 1.0) -> QPixmap:
    """A small padlock, drawn so it needs no icon file and follows the palette."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    pen = QPen(colour, s * 0.13)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(s * 0.28, s * 0.08, s * 0.44, s * 0.5), 0, 180 * 16)
    painter.drawLine(QPointF(s * 0.28, s * 0.33), QPointF(s * 0.28, s * 0.45))
    painter.drawLine(QPointF(s * 0.72, s * 0.33), QPointF(s * 0.72, s * 0.45))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(s * 0.15, s * 0.45, s * 0.7, s * 0.5), s * 0.08, s * 0.08)
    painter.end()
    return pixmap


def tinted(base: QColor, tint: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` of the way towards ``tint`` (works on light and dark)."""
    return QColor(
        round(base.red() + (tint.red() - base.red()) * amount),
        round(base.green() + (tint.green() - base.green()) * amount),
        round(base.blue() + (tint.blue() - base.blue()) * amount),
    )


class _Saver(Autosave):
    """An autosave that remembers whether its last save was refused, and where to say so."""

    def __init__(
        self, save: Callable[[], None], what: str, notice: QLabel, parent: QObject
    ) -> None:
        super().__init__(save, parent)
        self.what = what
        self.notice = notice
        self.refused = False


def _notice_label() -> QLabel:
    notice = QLabel()
    notice.setWordWrap(True)
    notice.setTextFormat(Qt.TextFormat.PlainText)
    notice.setStyleSheet("color: #b00020;")
    notice.setVisible(False)
    return notice


def _text_edit(accessible: str, hint: str, minimum_height: int = 90) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(hint)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(minimum_height)
    return edit


# --- agreements -----------------------------------------------------------------------------


class AgreementsModel(RowTableModel[AgreementInfo]):
    """The conversation's agreements, fed rows; an edit in the table goes to ``update``."""

    HEADERS: ClassVar[list[str]] = [
        N_("What was agreed"),
        N_("Responsible"),
        N_("Due"),
        N_("Done"),
    ]
    TEXT, RESPONSIBLE, DUE, DONE = range(4)

    def __init__(
        self,
        update: Callable[..., AgreementInfo | None],
        today: Callable[[], dt.date],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._update = update
        self._today = today

    def rows(self) -> list[AgreementInfo]:
        return list(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.DONE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        overdue = row.overdue(self._today())
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TEXT:
                return row.text
            if column == self.RESPONSIBLE:
                return label(row.responsible)
            if column == self.DUE:
                if row.due is None:
                    return "–"
                text = date_text(row.due)
                return "⚠ " + _("{date} (overdue)").format(date=text) if overdue else text
            return _("Done") if row.done else ""
        if role == Qt.ItemDataRole.EditRole:
            if column == self.TEXT:
                return row.text
            if column == self.RESPONSIBLE:
                return row.responsible.value
            if column == self.DUE:
                return row.due
            return row.done
        if role == Qt.ItemDataRole.CheckStateRole and column == self.DONE:
            return Qt.CheckState.Checked if row.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and column == self.DUE and overdue:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TEXT:
            return row.text
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row = self._rows[index.row()]
        column = index.column()
        result: AgreementInfo | None
        if column == self.DONE and role == Qt.ItemDataRole.CheckStateRole:
            done = Qt.CheckState(value) == Qt.CheckState.Checked
            result = self._update(row.id, done=done)
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column == self.TEXT:
            if str(value).strip() == row.text:
                return False
            result = self._update(row.id, text=str(value))
        elif column == self.RESPONSIBLE:
            result = self._update(row.id, responsible=Responsible(value))
        elif column == self.DUE:
            if value is None:
                result = self._update(row.id, clear_due=True)
            else:
                result = self._update(row.id, due=value)
        else:
            return False
        if result is None:
            return False
        self._rows[index.row()] = result
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.DONE))
        return True


class ResponsibleDelegate(QStyledItemDelegate):
    """Who is responsible, chosen from a list."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(_("Responsible"))
        for value in Responsible:
            combo.addItem(label(value), value.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DueDelegate(QStyledItemDelegate):
    """The due date, with a calendar."""

    def __init__(self, today: Callable[[], dt.date], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        edit = QDateEdit(parent)
        edit.setCalendarPopup(True)
        edit.setAccessibleName(_("Due"))
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QDateEdit)
        due = index.data(Qt.ItemDataRole.EditRole)
        if not isinstance(due, dt.date):
            due = self._today() + dt.timedelta(days=DUE_IN_DAYS)
        editor.setDate(qdate(due))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QDateEdit)
        model.setData(index, pydate(editor.date()), Qt.ItemDataRole.EditRole)


# --- the editor -----------------------------------------------------------------------------


class ConversationEditor(QWidget):
    """One conversation, edited in place and saved as the teacher types."""

    changed = Signal()  # after every successful save
    closed = Signal()  # the conversation is no longer shown

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._id: int | None = None
        self._status: ConversationStatus | None = None
        self._loading = False
        self._savers: list[_Saver] = []
        self._focus_savers: dict[QObject, _Saver] = {}
        self.section_edits: dict[SectionKind, QPlainTextEdit] = {}
        self.shared_checks: dict[SectionKind, QCheckBox] = {}
        self.section_savers: dict[SectionKind, _Saver] = {}

        self._build_header()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_planning(), _("Plann&ing"))
        self.tabs.addTab(self._build_preparation(), _("Pr&eparation"))
        self.tabs.addTab(self._build_record(), _("&Record"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.header)
        layout.addWidget(self.tabs, 1)
        self._set_tab_order()
        self.setEnabled(False)

    # --- building -----------------------------------------------------------------------

    def _build_header(self) -> None:
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        set_bold(self.title)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setAccessibleName(_("Status"))
        self.status_label.setAutoFillBackground(True)
        self.status_label.setContentsMargins(8, 2, 8, 2)
        self.held_button = QPushButton(_("Mar&k as held"))
        self.held_button.setToolTip(_("The conversation took place."))
        self.cancel_button = QPushButton(_("Cancel con&versation"))
        self.cancel_button.setToolTip(_("The conversation will not take place."))
        self.reopen_button = QPushButton(_("Reope&n"))
        self.reopen_button.setToolTip(_("Make the conversation planned again."))
        self.held_button.clicked.connect(self.mark_held)
        self.cancel_button.clicked.connect(self.mark_cancelled)
        self.reopen_button.clicked.connect(self.mark_planned)
        self.header = QHBoxLayout()
        self.header.addWidget(self.title, 1)
        self.header.addWidget(self.status_label)
        self.header.addWidget(self.held_button)
        self.header.addWidget(self.cancel_button)
        self.header.addWidget(self.reopen_button)

    def _saver(self, save: Callable[[], None], what: str, notice: QLabel) -> _Saver:
        saver = _Saver(save, what, notice, self)
        saver.failed.connect(lambda message, s=saver: self._save_refused(s, message))
        saver.saved.connect(lambda s=saver: self._save_done(s))
        self._savers.append(saver)
        return saver

    def _watch_text(self, edit: QPlainTextEdit, saver: _Saver) -> None:
        """Save ``edit`` about a second after each change and as soon as it loses focus."""
        edit.textChanged.connect(lambda s=saver: self._edited(s))
        edit.installEventFilter(self)
        self._focus_savers[edit] = saver

    def _build_planning(self) -> QWidget:
        page = QWidget()
        self.planning_notice = _notice_label()
        self.planning_saver = self._saver(
            self._save_planning, _("The planning"), self.planning_notice
        )

        self.kind_combo = QComboBox()
        for kind in ConversationKind:
            self.kind_combo.addItem(label(kind), kind.value)
        self.kind_combo.setAccessibleName(_("Kind of conversation"))
        self.requested_combo = QComboBox()
        for who in RequestedBy:
            self.requested_combo.addItem(label(who), who.value)
        self.requested_combo.setAccessibleName(_("Requested by"))
        self.starts_edit = QDateTimeEdit()
        self.starts_edit.setCalendarPopup(True)
        self.starts_edit.setAccessibleName(_("Date and time"))
        self.weekday_label = QLabel()
        self.weekday_label.setTextFormat(Qt.TextFormat.PlainText)
        self.duration_spin = QSpinBox()
        self.duration_spin.setRange(MIN_DURATION, MAX_DURATION)
        self.duration_spin.setSingleStep(5)
        self.duration_spin.setSuffix(" " + _("min"))
        self.duration_spin.setAccessibleName(_("Duration in minutes"))
        self.place_edit = QLineEdit()
        self.place_edit.setMaxLength(PLACE_MAX)
        self.place_edit.setPlaceholderText(_("e.g. the classroom, room 12"))
        self.place_edit.setAccessibleName(_("Place"))
        self.attends_check = QCheckBox(_("The pupil take&s part"))
        self.attends_note = QLineEdit()
        self.attends_note.setMaxLength(PLACE_MAX)
        self.attends_note.setPlaceholderText(_("e.g. joins for the last quarter of an hour"))
        self.attends_note.setAccessibleName(_("Note on the pupil taking part"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        when = QHBoxLayout()
        when.addWidget(self.starts_edit)
        when.addWidget(self.weekday_label, 1)
        self._form_row(form, _("Kind"), self.kind_combo)
        self._form_row(form, _("Re&quested by"), self.requested_combo)
        self._form_row(form, _("&Date and time"), self.starts_edit, when)
        self._form_row(form, _("D&uration"), self.duration_spin)
        self._form_row(form, _("Place"), self.place_edit)
        attends = QVBoxLayout()
        attends.addWidget(self.attends_check)
        attends.addWidget(self.attends_note)
        note_label = QLabel(_("The pupil"))
        note_label.setBuddy(self.attends_check)
        form.addRow(note_label, attends)

        self.teachers_list = QListWidget()
        self.teachers_list.setAccessibleName(_("Teachers who join"))
        self.wishes_edit = _text_edit(
            _("The parents' wishes about who joins"),
            _("e.g. the parents would like the maths teacher to join"),
            minimum_height=50,
        )
        self.guardians_list = QListWidget()
        self.guardians_list.setAccessibleName(_("Parents and guardians who take part"))
        teachers_label = QLabel(_("Teachers who &join"))
        teachers_label.setBuddy(self.teachers_list)
        wishes_label = QLabel(_("The parents' wishes a&bout that"))
        wishes_label.setBuddy(self.wishes_edit)
        guardians_label = QLabel(_("Parents and guardians who take part"))
        guardians_label.setBuddy(self.guardians_list)
        people = QGridLayout()
        people.addWidget(teachers_label, 0, 0)
        people.addWidget(guardians_label, 0, 1)
        people.addWidget(self.teachers_list, 1, 0)
        people.addWidget(self.guardians_list, 1, 1)
        people.addWidget(wishes_label, 2, 0, 1, 2)
        people.addWidget(self.wishes_edit, 3, 0, 1, 2)
        people.setRowStretch(1, 2)
        people.setRowStretch(3, 1)

        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addSpacing(12)
        columns.addLayout(people, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(columns, 1)
        layout.addWidget(self.planning_notice)

        # A choice saves at once; typing saves after a pause and when the field is left.
        self.kind_combo.currentIndexChanged.connect(self._planning_chosen)
        self.requested_combo.currentIndexChanged.connect(self._planning_chosen)
        self.attends_check.toggled.connect(self._planning_chosen)
        self.attends_check.toggled.connect(self._attends_toggled)
        self.teachers_list.itemChanged.connect(self._planning_chosen)
        self.guardians_list.itemChanged.connect(self._planning_chosen)
        self.starts_edit.dateTimeChanged.connect(self._planning_typed)
        self.starts_edit.dateTimeChanged.connect(self._show_weekday)
        self.starts_edit.editingFinished.connect(self.planning_saver.flush)
        self.duration_spin.valueChanged.connect(self._planning_typed)
        self.duration_spin.editingFinished.connect(self.planning_saver.flush)
        for edit in (self.place_edit, self.attends_note):
            edit.textEdited.connect(self._planning_typed)
            edit.editingFinished.connect(self.planning_saver.flush)
        self._watch_text(self.wishes_edit, self.planning_saver)
        return page

    @staticmethod
    def _form_row(
        form: QFormLayout, text: str, buddy: QWidget, field: QWidget | QHBoxLayout | None = None
    ) -> None:
        caption = QLabel(text)
        caption.setBuddy(buddy)
        if isinstance(field, QHBoxLayout):
            form.addRow(caption, field)
        else:
            form.addRow(caption, field or buddy)

    def _section_block(
        self, kind: SectionKind, extra: QWidget | None = None, minimum_height: int = 90
    ) -> QWidget:
        """A labelled text section with its shared switch (never for the private one)."""
        block = QWidget()
        edit = _text_edit(label(kind), _(SECTION_HINTS[kind]), minimum_height)
        caption = QLabel(_(SECTION_LABELS[kind]))
        caption.setBuddy(edit)
        set_bold(caption)
        notice = _notice_label()
        saver = self._saver(partial(self._save_section, kind), label(kind), notice)
        self.section_edits[kind] = edit
        self.section_savers[kind] = saver
        self._watch_text(edit, saver)
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addStretch(1)
        if extra is not None:
            top.addWidget(extra)
        if kind is not SectionKind.PRIVATE_PREPARATION:
            check = QCheckBox(_("Shared with the parents"))
            check.setAccessibleName(
                _("{section}: shared with the parents").format(section=label(kind))
            )
            check.setToolTip(_("Shared sections are printed on the summary the parents receive."))
            check.toggled.connect(lambda on, k=kind: self._shared_toggled(k, on))
            self.shared_checks[kind] = check
            top.addWidget(check)
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(edit, 1)
        layout.addWidget(notice)
        return block

    def _build_preparation(self) -> QWidget:
        page = QWidget()
        private = QFrame()
        private.setFrameShape(QFrame.Shape.StyledPanel)
        private.setAutoFillBackground(True)
        palette = private.palette()
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        palette.setColor(QPalette.ColorRole.Window, tinted(window, PRIVATE_TINT, 0.22))
        palette.setColor(QPalette.ColorRole.Base, tinted(base, PRIVATE_TINT, 0.12))
        private.setPalette(palette)
        lock = QLabel()
        lock.setPixmap(
            lock_pixmap(palette.color(QPalette.ColorRole.WindowText), 16, self.devicePixelRatioF())
        )
        lock.setAccessibleName(_("Private"))
        self.private_banner = QLabel(_("Private – never shared with the parents"))
        set_bold(self.private_banner)
        banner = QHBoxLayout()
        banner.addWidget(lock)
        banner.addWidget(self.private_banner, 1)
        private_layout = QVBoxLayout(private)
        private_layout.addLayout(banner)
        private_layout.addWidget(self._section_block(SectionKind.PRIVATE_PREPARATION), 1)
        explain = QLabel(_("Only you see this. It is never printed or exported for the parents."))
        explain.setWordWrap(True)
        private_layout.addWidget(explain)
        private_edit = self.section_edits[SectionKind.PRIVATE_PREPARATION]
        private_edit.setAccessibleDescription(_("Private – never shared with the parents"))

        self.copy_agenda_button = QPushButton(_("&Start from the last agenda"))
        self.copy_agenda_button.setToolTip(
            _("Copy the agenda of the pupil's previous conversation.")
        )
        self.copy_agenda_button.clicked.connect(self.copy_last_agenda)
        right = QVBoxLayout()
        right.addWidget(self._section_block(SectionKind.PARENTS_INPUT), 1)
        right.addSpacing(6)
        right.addWidget(self._section_block(SectionKind.AGENDA, self.copy_agenda_button), 1)

        layout = QHBoxLayout(page)
        layout.addWidget(private, 1)
        layout.addSpacing(6)
        layout.addLayout(right, 1)
        return page

    def _build_record(self) -> QWidget:
        sections = QWidget()
        sections_layout = QVBoxLayout(sections)
        sections_layout.setContentsMargins(0, 0, 6, 0)
        for kind in RECORD_SECTIONS:
            sections_layout.addWidget(self._section_block(kind, minimum_height=90), 1)
            sections_layout.addSpacing(6)
        self.record_scroll = QScrollArea()
        self.record_scroll.setWidgetResizable(True)
        self.record_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.record_scroll.setWidget(sections)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.record_scroll)
        splitter.addWidget(self._build_agreements())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.record_splitter = splitter
        return splitter

    def _build_agreements(self) -> QWidget:
        today = self.ctx.services.today
        self.agreements = AgreementsModel(self._update_agreement, today, self)
        self.agreements_view = QTableView()
        self.agreements_view.setModel(self.agreements)
        self.agreements_view.setAccessibleName(_("Agreements"))
        self.agreements_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agreements_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agreements_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.agreements_view.setWordWrap(True)
        self.agreements_view.verticalHeader().setVisible(False)
        self.agreements_view.setTabKeyNavigation(False)
        header = self.agreements_view.horizontalHeader()
        header.setSectionResizeMode(AgreementsModel.TEXT, QHeaderView.ResizeMode.Stretch)
        for column in (AgreementsModel.RESPONSIBLE, AgreementsModel.DUE, AgreementsModel.DONE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.agreements_view.setItemDelegateForColumn(
            AgreementsModel.RESPONSIBLE, ResponsibleDelegate(self.agreements_view)
        )
        self.agreements_view.setItemDelegateForColumn(
            AgreementsModel.DUE, DueDelegate(today, self.agreements_view)
        )

        self.new_agreement_edit = QLineEdit()
        self.new_agreement_edit.setPlaceholderText(_("What was agreed…"))
        self.new_agreement_edit.setAccessibleName(_("New agreement"))
        self.new_agreement_edit.returnPressed.connect(self.add_agreement)
        self.new_responsible = QComboBox()
        self.new_responsible.setAccessibleName(_("Responsible for the new agreement"))
        for value in Responsible:
            self.new_responsible.addItem(label(value), value.value)
        self.new_due_check = QCheckBox(_("Due"))
        self.new_due_check.setAccessibleName(_("The new agreement has a due date"))
        self.new_due_edit = QDateEdit()
        self.new_due_edit.setCalendarPopup(True)
        self.new_due_edit.setAccessibleName(_("Due date of the new agreement"))
        self.new_due_edit.setEnabled(False)
        self.new_due_check.toggled.connect(self.new_due_edit.setEnabled)
        self.add_agreement_button = QPushButton(_("Add"))
        self.add_agreement_button.clicked.connect(self.add_agreement)
        self.remove_agreement_button = QPushButton(_("Remove…"))
        self.remove_agreement_button.clicked.connect(self.remove_agreement)
        self.clear_due_button = QPushButton(_("No due date"))
        self.clear_due_button.setToolTip(_("Take the due date off the chosen agreement."))
        self.clear_due_button.clicked.connect(self.clear_due_date)

        new_label = QLabel(_("New agreement"))
        new_label.setBuddy(self.new_agreement_edit)
        add_row = QGridLayout()
        add_row.addWidget(new_label, 0, 0)
        add_row.addWidget(self.new_agreement_edit, 0, 1, 1, 4)
        add_row.addWidget(self.new_responsible, 1, 1)
        add_row.addWidget(self.new_due_check, 1, 2)
        add_row.addWidget(self.new_due_edit, 1, 3)
        add_row.addWidget(self.add_agreement_button, 1, 4)
        add_row.setColumnStretch(1, 1)
        row_buttons = QHBoxLayout()
        row_buttons.addStretch(1)
        row_buttons.addWidget(self.clear_due_button)
        row_buttons.addWidget(self.remove_agreement_button)

        group = QGroupBox(_("Agreements"))
        group_layout = QVBoxLayout(group)
        group_layout.addLayout(add_row)
        group_layout.addWidget(self.agreements_view, 1)
        group_layout.addLayout(row_buttons)

        self.next_notice = _notice_label()
        self.next_saver = self._saver(self._save_next, _("Next conversation"), self.next_notice)
        self.next_edit = _text_edit(
            _("Next conversation"),
            _("When and about what the next conversation is…"),
            minimum_height=60,
        )
        self._watch_text(self.next_edit, self.next_saver)
        next_label = QLabel(_("Ne&xt conversation"))
        next_label.setBuddy(self.next_edit)
        set_bold(next_label)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        side_layout.addWidget(group, 3)
        side_layout.addWidget(next_label)
        side_layout.addWidget(self.next_edit, 1)
        side_layout.addWidget(self.next_notice)
        self.agreements_view.selectionModel().currentRowChanged.connect(self._agreement_chosen)
        self._agreement_chosen()
        return side

    def _set_tab_order(self) -> None:
        """Tab moves through the fields in the order they are seen."""
        chain: list[QWidget] = [
            self.held_button,
            self.cancel_button,
            self.reopen_button,
            self.tabs.tabBar(),
            # Planning
            self.kind_combo,
            self.requested_combo,
            self.starts_edit,
            self.duration_spin,
            self.place_edit,
            self.attends_check,
            self.attends_note,
            self.teachers_list,
            self.guardians_list,
            self.wishes_edit,
            # Preparation
            self.section_edits[SectionKind.PRIVATE_PREPARATION],
            self.shared_checks[SectionKind.PARENTS_INPUT],
            self.section_edits[SectionKind.PARENTS_INPUT],
            self.copy_agenda_button,
            self.shared_checks[SectionKind.AGENDA],
            self.section_edits[SectionKind.AGENDA],
        ]
        for kind in RECORD_SECTIONS:
            chain += [self.shared_checks[kind], self.section_edits[kind]]
        chain += [
            self.new_agreement_edit,
            self.new_responsible,
            self.new_due_check,
            self.new_due_edit,
            self.add_agreement_button,
            self.agreements_view,
            self.clear_due_button,
            self.remove_agreement_button,
            self.next_edit,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- loading ------------------------------------------------------------------------

    @property
    def conversation_id(self) -> int | None:
        return self._id

    @property
    def status(self) -> ConversationStatus | None:
        """The shown conversation's status as last stored."""
        return self._status

    def load(self, conversation_id: int) -> None:
        """Show a conversation; whatever was being typed in the previous one is saved first."""
        self.flush()
        detail = self.ctx.attempt(self, self.ctx.services.conversations.get, conversation_id)
        if detail is None:
            self.clear()
            return
        teachers = self.ctx.services.school.teachers()
        guardians = self.ctx.services.students.guardians(detail.student_id)
        for saver in self._savers:
            saver.discard()
            self._clear_refusal(saver)
        self._id = detail.id
        self._loading = True
        try:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(detail.kind.value))
            self.requested_combo.setCurrentIndex(
                self.requested_combo.findData(detail.requested_by.value)
            )
            self.starts_edit.setDateTime(qdatetime(detail.starts_at))
            self.duration_spin.setValue(detail.duration_minutes)
            self.place_edit.setText(detail.place)
            self.attends_check.setChecked(detail.pupil_attends)
            self.attends_note.setText(detail.pupil_attends_note)
            self.wishes_edit.setPlainText(detail.parents_wishes)
            joining = {teacher_id for teacher_id, _name in detail.teachers}
            self.teachers_list.clear()
            for teacher in teachers:
                text = f"{teacher.name} ({teacher.initials})"
                self._add_check_item(self.teachers_list, text, teacher.id, teacher.id in joining)
            taking_part = {guardian_id for guardian_id, _name in detail.guardians}
            self.guardians_list.clear()
            for guardian in guardians:
                text = f"{guardian.name} ({label(guardian.relation).lower()})"
                if not guardian.has_custody:
                    text += " – " + _("no custody")
                self._add_check_item(
                    self.guardians_list, text, guardian.id, guardian.id in taking_part
                )
            for kind, edit in self.section_edits.items():
                section = detail.section(kind)
                edit.setPlainText(section.text)
                if kind in self.shared_checks:
                    self.shared_checks[kind].setChecked(section.shared)
            self.agreements.set_rows(detail.agreements)
            self.new_due_check.setChecked(False)
            self.new_due_edit.setDate(
                qdate(self.ctx.services.today() + dt.timedelta(days=DUE_IN_DAYS))
            )
            self.next_edit.setPlainText(detail.next_conversation)
        finally:
            self._loading = False
        for saver in self._savers:
            saver.discard()
        self._attends_toggled(detail.pupil_attends)
        self._show_weekday()
        self._show_state(detail)
        self._agreement_chosen()
        self.setEnabled(True)

    @staticmethod
    def _add_check_item(widget: QListWidget, text: str, ident: int, checked: bool) -> None:
        item = QListWidgetItem(text)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        item.setData(ID_ROLE, ident)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        widget.addItem(item)

    def clear(self) -> None:
        """Show no conversation (pending edits are saved first)."""
        self.flush()
        self.discard()

    def discard(self) -> None:
        """Show no conversation and forget pending edits (the conversation was deleted)."""
        for saver in self._savers:
            saver.discard()
            self._clear_refusal(saver)
        had = self._id is not None
        self._id = None
        self._status = None
        self._loading = True
        try:
            for edit in (*self.section_edits.values(), self.wishes_edit, self.next_edit):
                edit.clear()
            for line in (self.place_edit, self.attends_note, self.new_agreement_edit):
                line.clear()
            self.teachers_list.clear()
            self.guardians_list.clear()
            self.agreements.set_rows([])
        finally:
            self._loading = False
        self.title.clear()
        self.status_label.clear()
        self.setEnabled(False)
        if had:
            self.closed.emit()

    def _show_state(self, detail: ConversationDetail) -> None:
        self._status = detail.status
        kind = label(detail.kind)
        self.title.setText(
            _("{when} · {kind}").format(
                when=when_text(detail.starts_at, detail.duration_minutes), kind=kind
            )
        )
        status = detail.status
        self.status_label.setText(f"{STATUS_MARKS[status]} {label(status)}")
        palette = self.status_label.palette()
        palette.setColor(QPalette.ColorRole.Window, STATUS_COLOURS[status])
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#1d1d1d"))
        self.status_label.setPalette(palette)
        planned = status is ConversationStatus.PLANNED
        self.held_button.setVisible(planned)
        self.cancel_button.setVisible(planned)
        self.reopen_button.setVisible(not planned)

    def _show_weekday(self) -> None:
        starts = pydatetime(self.starts_edit.dateTime())
        self.weekday_label.setText(active().format_date(starts.date(), "full"))

    def _attends_toggled(self, on: bool) -> None:
        self.attends_note.setPlaceholderText(
            _("e.g. joins for the last quarter of an hour")
            if on
            else _("e.g. the parents want to talk without the pupil first")
        )

    # --- saving -------------------------------------------------------------------------

    def flush(self) -> bool:
        """Save every pending edit now; True when everything is stored."""
        self._commit_open_cell()
        ok = True
        for saver in self._savers:
            ok = saver.flush() and ok
        return ok

    def _commit_open_cell(self) -> None:
        """An agreement cell being edited is stored too, not dropped."""
        view = self.agreements_view
        if view.state() != QAbstractItemView.State.EditingState:
            return
        index = view.currentIndex()
        cell_editor = view.indexWidget(index)
        if cell_editor is None:
            return
        delegate = view.itemDelegateForIndex(index)
        delegate.commitData.emit(cell_editor)
        delegate.closeEditor.emit(cell_editor, QStyledItemDelegate.EndEditHint.NoHint)

    @property
    def dirty(self) -> bool:
        return any(saver.dirty for saver in self._savers)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self._focus_savers:
            self._focus_savers[watched].flush()
        return super().eventFilter(watched, event)

    def _edited(self, saver: _Saver) -> None:
        if not self._loading and self._id is not None:
            saver.touch()

    def _planning_typed(self) -> None:
        self._edited(self.planning_saver)

    def _planning_chosen(self) -> None:
        if not self._loading and self._id is not None:
            self.planning_saver.touch()
            self.planning_saver.flush()

    def _save_refused(self, saver: _Saver, message: str) -> None:
        saver.notice.setText("⚠ " + message)
        saver.notice.setVisible(True)
        if saver.refused:
            return  # said once already; the notice under the field stays
        saver.refused = True
        self.ctx.dialogs.error(
            self,
            _("“{what}” could not be saved.").format(what=saver.what)
            + "\n"
            + message
            + "\n\n"
            + _("What you typed is kept in the field; it is saved as soon as it fits."),
        )

    def _save_done(self, saver: _Saver) -> None:
        self._clear_refusal(saver)
        self.changed.emit()

    @staticmethod
    def _clear_refusal(saver: _Saver) -> None:
        saver.refused = False
        saver.notice.setVisible(False)
        saver.notice.clear()

    def _require_id(self) -> int:
        if self._id is None:  # pragma: no cover - a saver runs only while one is shown
            raise RuntimeError("no conversation")
        return self._id

    def _save_planning(self) -> None:
        teacher_ids = self._checked_ids(self.teachers_list)
        guardian_ids = self._checked_ids(self.guardians_list)
        planning = Planning(
            starts_at=pydatetime(self.starts_edit.dateTime()),
            kind=ConversationKind(self.kind_combo.currentData()),
            requested_by=RequestedBy(self.requested_combo.currentData()),
            duration_minutes=self.duration_spin.value(),
            place=self.place_edit.text(),
            pupil_attends=self.attends_check.isChecked(),
            pupil_attends_note=self.attends_note.text(),
            parents_wishes=self.wishes_edit.toPlainText(),
            teacher_ids=teacher_ids,
            guardian_ids=guardian_ids,
        )
        detail = self.ctx.services.conversations.update_planning(self._require_id(), planning)
        self._show_state(detail)

    @staticmethod
    def _checked_ids(widget: QListWidget) -> tuple[int, ...]:
        return tuple(
            int(widget.item(row).data(ID_ROLE))
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        )

    def _save_section(self, kind: SectionKind) -> None:
        check = self.shared_checks.get(kind)
        self.ctx.services.conversations.set_section(
            self._require_id(),
            kind,
            self.section_edits[kind].toPlainText(),
            shared=check.isChecked() if check is not None else None,
        )

    def _save_next(self) -> None:
        self.ctx.services.conversations.set_next_conversation(
            self._require_id(), self.next_edit.toPlainText()
        )

    def _shared_toggled(self, kind: SectionKind, on: bool) -> None:
        if self._loading or self._id is None:
            return
        result = self.ctx.attempt(
            self, self.ctx.services.conversations.set_section_shared, self._id, kind, on
        )
        if result is not None:
            self.changed.emit()

    # --- status -------------------------------------------------------------------------

    def mark_held(self) -> None:
        self._change_status(self.ctx.services.conversations.mark_held)

    def mark_cancelled(self) -> None:
        self._change_status(self.ctx.services.conversations.mark_cancelled)

    def mark_planned(self) -> None:
        self._change_status(self.ctx.services.conversations.mark_planned)

    def _change_status(self, action: Callable[[int], ConversationDetail]) -> None:
        if self._id is None:
            return
        self.flush()
        detail = self.ctx.attempt(self, action, self._id)
        if detail is not None:
            self._show_state(detail)
            self.changed.emit()

    # --- agenda -------------------------------------------------------------------------

    def copy_last_agenda(self) -> None:
        if self._id is None:
            return
        agenda = self.section_edits[SectionKind.AGENDA]
        if agenda.toPlainText().strip() and not self.ctx.dialogs.confirm(
            self,
            _("Start from the last agenda"),
            _("Replace the agenda you have written with the last conversation's agenda?"),
            _("Replace"),
        ):
            return
        self.section_savers[SectionKind.AGENDA].discard()
        text = self.ctx.attempt(self, self.ctx.services.conversations.copy_last_agenda, self._id)
        if text is None:
            return
        self._loading = True
        try:
            agenda.setPlainText(text)
        finally:
            self._loading = False
        self._clear_refusal(self.section_savers[SectionKind.AGENDA])
        self.changed.emit()

    # --- agreements ---------------------------------------------------------------------

    def _update_agreement(self, agreement_id: int, **changes: Any) -> AgreementInfo | None:
        result = self.ctx.attempt(
            self, self.ctx.services.conversations.update_agreement, agreement_id, **changes
        )
        if result is not None:
            self.changed.emit()
        return result

    def add_agreement(self) -> None:
        if self._id is None:
            return
        text = self.new_agreement_edit.text()
        if not text.strip():
            self.new_agreement_edit.setFocus()
            return
        due = pydate(self.new_due_edit.date()) if self.new_due_check.isChecked() else None
        added = self.ctx.attempt(
            self,
            self.ctx.services.conversations.add_agreement,
            self._id,
            text,
            Responsible(self.new_responsible.currentData()),
            due,
        )
        if added is None:
            return
        self.agreements.set_rows([*self.agreements.rows(), added])
        self.new_agreement_edit.clear()
        self.new_due_check.setChecked(False)
        self.agreements_view.setCurrentIndex(
            self.agreements.index(self.agreements.rowCount() - 1, 0)
        )
        self.new_agreement_edit.setFocus()
        self.changed.emit()

    def _chosen_agreement(self) -> AgreementInfo | None:
        index = self.agreements_view.currentIndex()
        return self.agreements.row_at(index.row()) if index.isValid() else None

    def _agreement_chosen(self, *_args: object) -> None:
        chosen = self._chosen_agreement()
        self.remove_agreement_button.setEnabled(chosen is not None)
        self.clear_due_button.setEnabled(chosen is not None and chosen.due is not None)

    def remove_agreement(self) -> None:
        chosen = self._chosen_agreement()
        if chosen is None:
            return
        if not self.ctx.dialogs.confirm(
            self,
            _("Remove agreement"),
            _("Remove the agreement “{text}”?").format(text=chosen.text),
            _("Remove"),
        ):
            return
        if not self.ctx.attempt(self, self._remove_agreement, chosen.id):
            return
        self.agreements.set_rows([a for a in self.agreements.rows() if a.id != chosen.id])
        self._agreement_chosen()
        self.changed.emit()

    def _remove_agreement(self, agreement_id: int) -> bool:
        self.ctx.services.conversations.remove_agreement(agreement_id)
        return True

    def clear_due_date(self) -> None:
        index = self.agreements_view.currentIndex()
        if not index.isValid():
            return
        self.agreements.setData(
            self.agreements.index(index.row(), AgreementsModel.DUE), None, Qt.ItemDataRole.EditRole
        )
        self._agreement_chosen()

    # --- for the caller -----------------------------------------------------------------

    def show_planning(self) -> None:
        """Open the planning page with the date chosen, for a conversation just planned."""
        self.tabs.setCurrentIndex(0)
        self.starts_edit.setFocus()
