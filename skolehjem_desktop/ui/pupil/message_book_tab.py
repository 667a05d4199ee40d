"""The pupil page's message book (meddelelsesbogen): focus points per area, and presentations.

The school's principles: a few focus points in Danish, maths and the pupil's
all-round development (language and maths awareness in grade 0, thoughts on
further education in grades 7–9), presented to the parents at least once per
school year. The tab shows the areas the pupil's grade requires, each with its
focus points; an area without one is marked as missing (text and icon). The
chosen focus point is edited beside the list and saved as the teacher types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import (
    ConversationStatus,
    FocusArea,
    FocusStatus,
    PresentationVia,
)
from skolehjem_desktop.errors import NotFoundError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.focus import FocusPointInfo, PresentationInfo
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.common.autosave import Autosave
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.formatting import date_text, pydate, qdate
from skolehjem_desktop.ui.common.table_model import bold_font, set_bold

AREA_ROLE = Qt.ItemDataRole.UserRole
POINT_ROLE = Qt.ItemDataRole.UserRole + 1

STATUS_MARK = {
    FocusStatus.NOT_STARTED: "○",
    FocusStatus.IN_PROGRESS: "◐",
    FocusStatus.ACHIEVED: "✓",
    FocusStatus.DISCONTINUED: "–",
}


def status_text(status: FocusStatus) -> str:
    """``◐ In progress``: a mark and the word, so the status never rests on colour."""
    return f"{STATUS_MARK[status]} {label(status)}"


def point_title(point: FocusPointInfo) -> str:
    """The goal's first line, with the subject in front for an other subject."""
    goal = point.goal.splitlines()[0] if point.goal else ""
    if point.area is FocusArea.OTHER_SUBJECT and point.subject:
        return f"{point.subject}: {goal}"
    return goal


def _text_box(lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    line = box.fontMetrics().lineSpacing()
    box.setMinimumHeight(line * lines + 12)
    return box


# --- dialogs --------------------------------------------------------------------------------


class NewFocusPointDialog(QDialog):
    """Add a focus point: area (and subject for an other subject), goal, actions."""

    def __init__(
        self,
        ctx: UiContext,
        student_id: int,
        school_year: int,
        areas: Sequence[FocusArea],
        area: FocusArea,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.student_id = student_id
        self.school_year = school_year
        self.created: FocusPointInfo | None = None
        self.setWindowTitle(_("New focus point"))

        self.area_combo = QComboBox()
        for value in areas:
            self.area_combo.addItem(label(value), value)
        self.area_combo.setCurrentIndex(max(0, self.area_combo.findData(area)))
        self.subject_edit = QLineEdit()
        self.subject_edit.setPlaceholderText(_("e.g. English"))
        self.goal_edit = _text_box(2)
        self.goal_edit.setPlaceholderText(_("What the pupil works towards"))
        self.goal_edit.setMaximumHeight(self.goal_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.actions_edit = _text_box(3)
        self.actions_edit.setMaximumHeight(self.actions_edit.fontMetrics().lineSpacing() * 8 + 12)
        self.actions_edit.setPlaceholderText(_("What the school and the home do about it"))

        form = QFormLayout()
        area_label = QLabel(_("&Area:"))
        area_label.setBuddy(self.area_combo)
        form.addRow(area_label, self.area_combo)
        subject_label = QLabel(_("Su&bject:"))
        subject_label.setBuddy(self.subject_edit)
        form.addRow(subject_label, self.subject_edit)
        goal_label = QLabel(_("&Goal:"))
        goal_label.setBuddy(self.goal_edit)
        form.addRow(goal_label, self.goal_edit)
        actions_label = QLabel(_("Ac&tions:"))
        actions_label.setBuddy(self.actions_edit)
        form.addRow(actions_label, self.actions_edit)
        self._form = form

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

        self.area_combo.currentIndexChanged.connect(self._area_changed)
        self._area_changed()
        (self.subject_edit if self._is_other() else self.goal_edit).setFocus()

    def _is_other(self) -> bool:
        return bool(self.area_combo.currentData() == FocusArea.OTHER_SUBJECT)

    def _area_changed(self) -> None:
        self._form.setRowVisible(self.subject_edit, self._is_other())

    def accept(self) -> None:
        area = FocusArea(self.area_combo.currentData())
        created = self.ctx.attempt(
            self,
            self.ctx.services.focus.add,
            self.student_id,
            self.school_year,
            area,
            self.goal_edit.toPlainText(),
            actions=self.actions_edit.toPlainText(),
            subject=self.subject_edit.text() if area is FocusArea.OTHER_SUBJECT else "",
        )
        if created is None:
            return
        self.created = created
        super().accept()


class PresentationDialog(QDialog):
    """Record that the focus points were presented to the parents: when, how, a note."""

    def __init__(
        self, ctx: UiContext, student_id: int, school_year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.student_id = student_id
        self.recorded: PresentationInfo | None = None
        self.setWindowTitle(_("Record presentation to the parents"))
        year = SchoolYear(school_year)
        today = ctx.services.today()
        last = min(year.last_day, today)

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDateRange(qdate(year.first_day), qdate(max(last, year.first_day)))
        self.date_edit.setDate(qdate(last))
        self.via_combo = QComboBox()
        for via in PresentationVia:
            self.via_combo.addItem(label(via), via)
        self.conversation_combo = QComboBox()
        self.conversation_combo.addItem(_("None"), None)
        self._conversation_days: dict[int, dt.date] = {}
        for row in ctx.services.conversations.all(student_id=student_id, school_year=school_year):
            if row.status is ConversationStatus.CANCELLED:
                continue
            text = f"{date_text(row.starts_at.date())} – {label(row.kind)} ({label(row.status)})"
            self.conversation_combo.addItem(text, row.id)
            self._conversation_days[row.id] = row.starts_at.date()
        self.note_edit = QLineEdit()

        form = QFormLayout()
        for text, widget in (
            (_("&Date:"), self.date_edit),
            (_("&How:"), self.via_combo),
            (_("&Conversation:"), self.conversation_combo),
            (_("&Note:"), self.note_edit),
        ):
            row_label = QLabel(text)
            row_label.setBuddy(widget)
            form.addRow(row_label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Record"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())
        self.conversation_combo.activated.connect(self._conversation_chosen)

    def _conversation_chosen(self) -> None:
        """Presented at a conversation: take its day and say so."""
        conversation_id = self.conversation_combo.currentData()
        day = self._conversation_days.get(conversation_id) if conversation_id else None
        if day is None:
            return
        self.via_combo.setCurrentIndex(self.via_combo.findData(PresentationVia.CONVERSATION))
        if pydate(self.date_edit.minimumDate()) <= day <= pydate(self.date_edit.maximumDate()):
            self.date_edit.setDate(qdate(day))

    def accept(self) -> None:
        presented_on = pydate(self.date_edit.date())
        recorded = self.ctx.attempt(
            self,
            self.ctx.services.focus.record_presentation,
            self.student_id,
            presented_on,
            PresentationVia(self.via_combo.currentData()),
            conversation_id=self.conversation_combo.currentData(),
            note=self.note_edit.text(),
        )
        if recorded is None:
            return
        self.recorded = recorded
        super().accept()


# --- the tab --------------------------------------------------------------------------------


class MessageBookTab(QWidget):
    """The pupil's message book for one school year."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.student_id: int | None = None
        self.school_year = ctx.services.classes.current_year()
        self._grade_areas: tuple[FocusArea, ...] = ()
        self._classes: dict[int, str] = {}
        self._points: dict[int, FocusPointInfo] = {}
        self._presentations: list[PresentationInfo] = []
        self._editing_id: int | None = None
        self._loading = False
        self._autosave = Autosave(self._save, self)
        self._autosave.saved.connect(self._saved)
        self._autosave.failed.connect(self._save_failed)
        self._build()
        self._connect()
        self._show_nothing()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        style = self.style()
        self._warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._ok_icon = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)

        self.year_combo = QComboBox()
        year_label = QLabel(_("&School year:"))
        year_label.setBuddy(self.year_combo)
        self.class_label = QLabel()
        self.class_label.setTextFormat(Qt.TextFormat.PlainText)
        # Long area lists (and longer languages) wrap instead of widening the window.
        self.class_label.setWordWrap(True)
        self.class_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.carry_button = QPushButton(_("Carry last year's open focus points for&ward"))
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year_combo)
        top.addSpacing(12)
        top.addWidget(self.class_label, 1)
        top.addWidget(self.carry_button)

        self.areas_icon = QLabel()
        self.areas_label = QLabel()
        self.areas_label.setTextFormat(Qt.TextFormat.PlainText)
        self.areas_label.setWordWrap(True)
        areas_row = QHBoxLayout()
        areas_row.addWidget(self.areas_icon)
        areas_row.addWidget(self.areas_label, 1)

        # Left: the areas and their focus points.
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([_("Area and focus point"), _("Status")])
        self.tree.setAccessibleName(_("Focus points by area"))
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton(_("&New focus point…"))
        self.up_button = QPushButton(_("Move up"))
        self.up_button.setToolTip(_("Move the focus point up (Ctrl+Up)"))
        self.down_button = QPushButton(_("Move down"))
        self.down_button.setToolTip(_("Move the focus point down (Ctrl+Down)"))
        self.remove_button = QPushButton(_("&Remove…"))
        self.remove_button.setToolTip(_("Remove the focus point (Delete)"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(buttons)

        # Right: the chosen focus point, saved as the teacher types.
        self.editor = QGroupBox(_("Focus point"))
        self.area_value = QLabel()
        self.area_value.setTextFormat(Qt.TextFormat.PlainText)
        set_bold(self.area_value)
        self.subject_edit = QLineEdit()
        self.goal_edit = _text_box(3)
        self.goal_edit.setMaximumHeight(self.goal_edit.fontMetrics().lineSpacing() * 5 + 12)
        self.actions_edit = _text_box(3)
        self.status_combo = QComboBox()
        for status in FocusStatus:
            self.status_combo.addItem(status_text(status), status)
        self.evaluation_edit = _text_box(3)
        self.save_state = QLabel()
        self.save_state.setTextFormat(Qt.TextFormat.PlainText)
        self.save_state.setWordWrap(True)
        form = QFormLayout(self.editor)
        form.addRow(_("Area:"), self.area_value)
        for text, widget in (
            (_("Su&bject:"), self.subject_edit),
            (_("Th&e goal:"), self.goal_edit),
            (_("Act&ions:"), self.actions_edit),
            (_("Stat&us:"), self.status_combo),
            (_("E&valuation:"), self.evaluation_edit),
        ):
            row_label = QLabel(text)
            row_label.setBuddy(widget)
            form.addRow(row_label, widget)
        form.addRow(self.save_state)
        self._form = form
        self.hint = QLabel(_("Choose a focus point on the left to edit it, or add one."))
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.editor, 1)
        right_layout.addWidget(self.hint, 1)

        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        right.setMinimumWidth(right.fontMetrics().averageCharWidth() * 55)

        # Bottom: presentations to the parents this school year.
        self.presented_box = QGroupBox(_("Presented to the parents"))
        self.presented_icon = QLabel()
        self.presented_label = QLabel()
        self.presented_label.setTextFormat(Qt.TextFormat.PlainText)
        self.presented_label.setWordWrap(True)
        self.presented_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.presentation_list = QListWidget()
        self.presentation_list.setAccessibleName(_("Presentations this school year"))
        line = self.presentation_list.fontMetrics().lineSpacing()
        self.presentation_list.setMaximumHeight(line * 3 + 12)
        self.record_button = QPushButton(_("Recor&d presentation to the parents…"))
        self.remove_presentation_button = QPushButton(_("Remove presentation…"))
        status_row = QHBoxLayout()
        status_row.addWidget(self.presented_icon)
        status_row.addWidget(self.presented_label, 1)
        status_row.addWidget(self.record_button)
        status_row.addWidget(self.remove_presentation_button)
        presented_layout = QVBoxLayout(self.presented_box)
        presented_layout.addLayout(status_row)
        presented_layout.addWidget(self.presentation_list)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(areas_row)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.presented_box)

        order: list[QWidget] = [
            self.year_combo,
            self.carry_button,
            self.tree,
            self.add_button,
            self.up_button,
            self.down_button,
            self.remove_button,
            self.subject_edit,
            self.goal_edit,
            self.actions_edit,
            self.status_combo,
            self.evaluation_edit,
            self.record_button,
            self.presentation_list,
            self.remove_presentation_button,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        for keys, slot in (
            (QKeySequence("Ctrl+Up"), lambda: self._move(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self._move(1)),
            (QKeySequence(QKeySequence.StandardKey.Delete), self._remove_point),
            (QKeySequence("Insert"), self._add_point),
        ):
            shortcut = QShortcut(keys, self.tree)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    def _connect(self) -> None:
        self.year_combo.activated.connect(self._year_chosen)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(self._item_activated)
        self.add_button.clicked.connect(self._add_point)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove_point)
        self.carry_button.clicked.connect(self._carry_forward)
        self.record_button.clicked.connect(self._record_presentation)
        self.remove_presentation_button.clicked.connect(self._remove_presentation)
        self.presentation_list.currentRowChanged.connect(self._update_buttons)
        self.goal_edit.textChanged.connect(self._edited)
        self.actions_edit.textChanged.connect(self._edited)
        self.evaluation_edit.textChanged.connect(self._edited)
        self.subject_edit.textChanged.connect(self._edited)
        self.status_combo.activated.connect(self._status_chosen)
        for widget in (self.goal_edit, self.actions_edit, self.evaluation_edit, self.subject_edit):
            widget.installEventFilter(self)

    # --- public -----------------------------------------------------------------------------

    def set_student(self, student_id: int | None, school_year: int) -> None:
        """Show a pupil's message book for a school year (None: no pupil).

        The pupil page calls this only after everything pending was saved.
        """
        self._autosave.flush()
        self._autosave.discard()
        same = student_id == self.student_id and school_year == self.school_year
        keep = self._editing_id if same else None
        self.student_id = student_id
        self.school_year = school_year
        if student_id is None:
            self._show_nothing()
            return
        self._load_years()
        self._reload(select_point=keep)

    def flush(self) -> bool:
        """Save what was typed now; False if it could not be saved (the text stays)."""
        return self._autosave.flush()

    def reload(self) -> None:
        """Read everything again (after a change elsewhere in the window)."""
        if self.student_id is not None:
            self._autosave.flush()
            self._reload(self._editing_id)

    # --- loading ----------------------------------------------------------------------------

    def _show_nothing(self) -> None:
        self._loading = True
        self.year_combo.clear()
        self.tree.clear()
        self.presentation_list.clear()
        self._points = {}
        self._editing_id = None
        self._loading = False
        self.class_label.setText(_("No pupil chosen."))
        self.areas_label.clear()
        self.areas_icon.clear()
        self.presented_label.clear()
        self.presented_icon.clear()
        self._show_editor(None)
        for widget in (
            self.year_combo,
            self.carry_button,
            self.tree,
            self.add_button,
            self.record_button,
            self.presentation_list,
        ):
            widget.setEnabled(False)
        self._update_buttons()

    def _load_years(self) -> None:
        assert self.student_id is not None
        detail = self.ctx.services.students.get(self.student_id)
        classes = {year: name for year, _cid, name in detail.classes}
        years = sorted(set(classes) | {self.school_year}, reverse=True)
        self.year_combo.clear()
        for year in years:
            text = SchoolYear(year).label
            if year in classes:
                text = f"{text}  ({classes[year]})"
            self.year_combo.addItem(text, year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(self.school_year))
        self._classes = classes

    def _year_chosen(self) -> None:
        year = self.year_combo.currentData()
        if year is None or year == self.school_year:
            return
        if not self._autosave.flush():
            # The refused text stays; so does the year it belongs to.
            self.year_combo.blockSignals(True)
            self.year_combo.setCurrentIndex(self.year_combo.findData(self.school_year))
            self.year_combo.blockSignals(False)
            return
        self.school_year = int(year)
        self._reload()

    def _reload(
        self, select_point: int | None = None, select_area: FocusArea | None = None
    ) -> None:
        assert self.student_id is not None
        services = self.ctx.services
        student_id, year = self.student_id, self.school_year
        self._grade_areas = services.focus.required_areas_for(student_id, year)
        points = services.focus.all(student_id, year)
        self._points = {p.id: p for p in points}
        self._presentations = services.focus.presentations(student_id, year)
        for widget in (self.year_combo, self.carry_button, self.tree, self.add_button):
            widget.setEnabled(True)

        class_name = self._classes.get(year)
        areas = ", ".join(label(a) for a in self._grade_areas)
        if class_name:
            self.class_label.setText(
                _("Required in {name}: {areas}").format(name=class_name, areas=areas)
            )
        else:
            self.class_label.setText(
                _("No class in {year}; required: {areas}").format(
                    year=SchoolYear(year).label, areas=areas
                )
            )
        self._fill_tree(points, select_point, select_area)
        self._show_missing(points)
        self._show_presentations()
        candidates = services.focus.carry_forward_candidates(student_id, year)
        self.carry_button.setToolTip(
            ngettext(
                "{n} open focus point from {year} is not carried forward yet.",
                "{n} open focus points from {year} are not carried forward yet.",
                len(candidates),
            ).format(n=len(candidates), year=SchoolYear(year - 1).label)
        )

    def _shown_areas(self, points: Sequence[FocusPointInfo]) -> list[FocusArea]:
        used = {p.area for p in points}
        wanted = set(self._grade_areas) | used | {FocusArea.OTHER_SUBJECT}
        return [area for area in FocusArea if area in wanted]

    def _fill_tree(
        self,
        points: Sequence[FocusPointInfo],
        select_point: int | None,
        select_area: FocusArea | None,
    ) -> None:
        self._loading = True
        self.tree.clear()
        selected: QTreeWidgetItem | None = None
        for area in self._shown_areas(points):
            mine = [p for p in points if p.area is area]
            item = QTreeWidgetItem([label(area), ""])
            item.setData(0, AREA_ROLE, area.value)
            font = bold_font(item.font(0))
            item.setFont(0, font)
            if mine:
                item.setText(
                    1,
                    ngettext("{n} focus point", "{n} focus points", len(mine)).format(n=len(mine)),
                )
            elif area in self._grade_areas:
                item.setIcon(0, self._warning_icon)
                item.setText(1, "✗ " + _("Missing: no focus point yet"))
                item.setFont(1, font)
                item.setToolTip(
                    0,
                    _("The message book must have a focus point in {area}.").format(
                        area=label(area)
                    ),
                )
            else:
                item.setText(1, _("Optional"))
            self.tree.addTopLevelItem(item)
            if area is select_area:
                selected = item
            for point in mine:
                child = QTreeWidgetItem()
                child.setData(0, POINT_ROLE, point.id)
                self._fill_point_item(child, point)
                item.addChild(child)
                if point.id == select_point:
                    selected = child
            item.setExpanded(True)
        self._loading = False
        self._editing_id = None
        if selected is not None:
            self.tree.setCurrentItem(selected)
        else:
            self._show_editor(None)
        self._update_buttons()

    def _fill_point_item(self, item: QTreeWidgetItem, point: FocusPointInfo) -> None:
        item.setText(0, point_title(point))
        item.setText(1, status_text(point.status))
        tip = [point.goal]
        if point.actions:
            tip.append(_("Actions: {text}").format(text=point.actions))
        if point.evaluation:
            tip.append(_("Evaluation: {text}").format(text=point.evaluation))
        if point.carried_from_id is not None:
            tip.append(_("Carried forward from last school year."))
        item.setToolTip(0, "\n".join(tip))

    def _show_missing(self, points: Sequence[FocusPointInfo]) -> None:
        used = {p.area for p in points}
        missing = [a for a in self._grade_areas if a not in used]
        size = self.areas_label.fontMetrics().height()
        if missing:
            self.areas_icon.setPixmap(self._warning_icon.pixmap(size, size))
            self.areas_label.setText(
                ngettext(
                    "{n} of {total} areas has no focus point yet: {areas}",
                    "{n} of {total} areas have no focus point yet: {areas}",
                    len(missing),
                ).format(
                    n=len(missing),
                    total=len(self._grade_areas),
                    areas=", ".join(label(a) for a in missing),
                )
            )
            set_bold(self.areas_label)
        else:
            self.areas_icon.setPixmap(self._ok_icon.pixmap(size, size))
            self.areas_label.setText(_("Every required area has a focus point."))
            set_bold(self.areas_label, bold=False)

    def _show_presentations(self) -> None:
        self.presentation_list.clear()
        for p in self._presentations:
            text = f"{date_text(p.presented_on)} – {label(p.via)}"
            if p.note:
                text += f" – {p.note}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.presentation_list.addItem(item)
        if self._presentations:
            self.presentation_list.setCurrentRow(len(self._presentations) - 1)
        size = self.presented_label.fontMetrics().height()
        year = SchoolYear(self.school_year).label
        if self._presentations:
            last = self._presentations[-1]
            self.presented_icon.setPixmap(self._ok_icon.pixmap(size, size))
            self.presented_label.setText(
                _("Presented to the parents in {year}, latest on {date}.").format(
                    year=year, date=date_text(last.presented_on)
                )
            )
        else:
            self.presented_icon.setPixmap(self._warning_icon.pixmap(size, size))
            self.presented_label.setText(
                _("Not yet presented to the parents this school year ({year}).").format(year=year)
            )
        set_bold(self.presented_label, not self._presentations)
        self.presentation_list.setVisible(bool(self._presentations))
        self.remove_presentation_button.setVisible(bool(self._presentations))
        future = SchoolYear(self.school_year).first_day > self.ctx.services.today()
        self.record_button.setEnabled(not future)
        self.record_button.setToolTip(
            _("A presentation cannot be recorded for a school year to come.") if future else ""
        )
        self._update_buttons()

    # --- selection and the editor -----------------------------------------------------------

    def _current_point(self) -> FocusPointInfo | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        point_id = item.data(0, POINT_ROLE)
        return self._points.get(int(point_id)) if point_id is not None else None

    def _current_area(self) -> FocusArea | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        point = self._current_point()
        if point is not None:
            return point.area
        area = item.data(0, AREA_ROLE)
        return FocusArea(area) if area else None

    def _current_changed(
        self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None
    ) -> None:
        if self._loading:
            return
        if not self._autosave.flush():
            # What was typed cannot be saved (an empty goal): stay with it.
            if previous is not None:
                self.tree.blockSignals(True)
                self.tree.setCurrentItem(previous)
                self.tree.blockSignals(False)
            return
        self._show_editor(self._current_point())
        self._update_buttons()

    def _item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, POINT_ROLE) is not None:
            self.goal_edit.setFocus()
        else:
            self._add_point()

    def _show_editor(self, point: FocusPointInfo | None) -> None:
        self._loading = True
        self._editing_id = point.id if point is not None else None
        self.editor.setVisible(point is not None)
        self.hint.setVisible(point is None)
        if point is None:
            for box in (self.goal_edit, self.actions_edit, self.evaluation_edit):
                box.clear()
            self.subject_edit.clear()
        else:
            self.area_value.setText(label(point.area))
            self._form.setRowVisible(self.subject_edit, point.area is FocusArea.OTHER_SUBJECT)
            self.subject_edit.setText(point.subject)
            self.goal_edit.setPlainText(point.goal)
            self.actions_edit.setPlainText(point.actions)
            self.status_combo.setCurrentIndex(self.status_combo.findData(point.status))
            self.evaluation_edit.setPlainText(point.evaluation)
            if point.carried_from_id is not None:
                self.save_state.setText(_("Carried forward from last school year."))
            else:
                self.save_state.clear()
        self._loading = False

    def _edited(self) -> None:
        if not self._loading and self._editing_id is not None:
            self._autosave.touch()

    def _status_chosen(self) -> None:
        if not self._loading and self._editing_id is not None:
            self._autosave.touch()
            self._autosave.flush()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._autosave.dirty:
            self._autosave.flush()
        return super().eventFilter(watched, event)

    def _save(self) -> None:
        point = self._points.get(self._editing_id) if self._editing_id is not None else None
        if point is None:
            return
        other = point.area is FocusArea.OTHER_SUBJECT
        try:
            saved = self.ctx.services.focus.update(
                point.id,
                goal=self.goal_edit.toPlainText(),
                actions=self.actions_edit.toPlainText(),
                status=FocusStatus(self.status_combo.currentData()),
                evaluation=self.evaluation_edit.toPlainText(),
                subject=self.subject_edit.text() if other else None,
            )
        except NotFoundError as exc:
            # Removed elsewhere meanwhile: say so and show what is there now, rather
            # than holding the teacher on a focus point that cannot be saved.
            self._editing_id = None
            self.ctx.dialogs.error(self, exc.message)
            QTimer.singleShot(0, self.reload)
            return
        self._points[saved.id] = saved
        item = self._item_for(saved.id)
        if item is not None:
            self._fill_point_item(item, saved)

    def _saved(self) -> None:
        self.save_state.setText(
            "✓ " + _("Saved {time}").format(time=self.ctx.services.clock().strftime("%H:%M"))
        )
        set_bold(self.save_state, bold=False)
        self.changed.emit()

    def _save_failed(self, message: str) -> None:
        self.save_state.setText("⚠ " + _("Not saved: {reason}").format(reason=message))
        set_bold(self.save_state)

    def _item_for(self, point_id: int) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            area_item = self.tree.topLevelItem(i)
            for j in range(area_item.childCount() if area_item is not None else 0):
                child = area_item.child(j) if area_item is not None else None
                if child is not None and child.data(0, POINT_ROLE) == point_id:
                    return child
        return None

    def _update_buttons(self) -> None:
        point = self._current_point()
        has_pupil = self.student_id is not None
        self.remove_button.setEnabled(point is not None)
        siblings = self._siblings(point) if point is not None else []
        index = siblings.index(point.id) if point is not None else -1
        self.up_button.setEnabled(point is not None and index > 0)
        self.down_button.setEnabled(point is not None and 0 <= index < len(siblings) - 1)
        self.remove_presentation_button.setEnabled(
            has_pupil and self.presentation_list.currentRow() >= 0 and bool(self._presentations)
        )

    def _siblings(self, point: FocusPointInfo) -> list[int]:
        return [p.id for p in self._points.values() if p.area is point.area]

    # --- actions ----------------------------------------------------------------------------

    def _addable_areas(self) -> list[FocusArea]:
        return [
            area
            for area in FocusArea
            if area in self._grade_areas
            or area is FocusArea.OTHER_SUBJECT
            or any(p.area is area for p in self._points.values())
        ]

    def _add_point(self) -> None:
        if self.student_id is None or not self._autosave.flush():
            return
        areas = self._addable_areas()
        used = {p.area for p in self._points.values()}
        area = self._current_area() or next(
            (a for a in self._grade_areas if a not in used), areas[0]
        )
        dialog = NewFocusPointDialog(
            self.ctx, self.student_id, self.school_year, areas, area, parent=self
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created is None:
            return
        self._reload(select_point=dialog.created.id)
        self.changed.emit()
        self.goal_edit.setFocus()

    def _move(self, delta: int) -> None:
        point = self._current_point()
        if point is None or not self._autosave.flush():
            return
        order = self._siblings(point)
        index = order.index(point.id)
        target = index + delta
        if not 0 <= target < len(order):
            return
        order[index], order[target] = order[target], order[index]
        self.ctx.attempt(self, self.ctx.services.focus.reorder, order)
        self._reload(select_point=point.id)
        self.changed.emit()
        self.tree.setFocus()

    def _remove_point(self) -> None:
        point = self._current_point()
        if point is None:
            return
        if not self.ctx.dialogs.confirm(
            self,
            _("Remove focus point"),
            _("Remove the focus point “{goal}” ({area})? This cannot be undone.").format(
                goal=point_title(point), area=label(point.area)
            ),
            _("Remove"),
        ):
            return
        self._autosave.discard()
        self.ctx.attempt(self, self.ctx.services.focus.remove, point.id)
        self._reload(select_area=point.area)
        self.changed.emit()
        self.tree.setFocus()

    def _carry_forward(self) -> None:
        if self.student_id is None or not self._autosave.flush():
            return
        carried = self.ctx.attempt(
            self, self.ctx.services.focus.carry_forward, self.student_id, self.school_year
        )
        if carried is None:
            return
        last_year = SchoolYear(self.school_year - 1).label
        if carried:
            self._reload(select_point=carried[0].id)
            self.changed.emit()
            self.ctx.dialogs.info(
                self,
                ngettext(
                    "{n} open focus point from {year} was carried forward.",
                    "{n} open focus points from {year} were carried forward.",
                    len(carried),
                ).format(n=len(carried), year=last_year),
            )
        else:
            self.ctx.dialogs.info(
                self,
                _("There were no open focus points from {year} left to carry forward.").format(
                    year=last_year
                ),
            )

    def _record_presentation(self) -> None:
        if self.student_id is None or not self._autosave.flush():
            return
        dialog = PresentationDialog(self.ctx, self.student_id, self.school_year, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.recorded is None:
            return
        self._reload(self._editing_id)
        self.changed.emit()

    def _remove_presentation(self) -> None:
        item = self.presentation_list.currentItem()
        if item is None:
            return
        presentation_id = int(item.data(Qt.ItemDataRole.UserRole))
        found = next((p for p in self._presentations if p.id == presentation_id), None)
        if found is None:
            return
        if not self.ctx.dialogs.confirm(
            self,
            _("Remove presentation"),
            _("Remove the presentation to the parents on {date}?").format(
                date=date_text(found.presented_on)
            ),
            _("Remove"),
        ):
            return
        self.ctx.attempt(self, self.ctx.services.focus.remove_presentation, presentation_id)
        self._reload(self._editing_id)
        self.changed.emit()
