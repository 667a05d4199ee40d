"""The pupil page's message book (meddelelsesbogen): focus points per area, and presentations.

The school's principles: a few focus points in Danish, maths and the pupil's all-round
development (language and maths awareness in grade 0, thoughts on further education in
grades 7–9), presented to the parents at least once per school year. The tab shows the areas
the pupil's grade requires, each with its focus points (:class:`FocusTreeModel` in a tree
view); an area without one is marked as missing. The chosen one is edited beside the tree
(:class:`FocusPointEditor`); the colleagues' suggestions (:class:`SuggestionsBox`) are under
it; the year (:class:`MessageBookYearBox`) and presentations (:class:`PresentationsBox`) below.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.enums import FocusArea
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.focus import FocusPointInfo
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.formatting import date_text
from skolehjem_desktop.ui.common.table_model import set_bold
from skolehjem_desktop.ui.pupil.message_book.editor import FocusPointEditor
from skolehjem_desktop.ui.pupil.message_book.focus_dialog import NewFocusPointDialog
from skolehjem_desktop.ui.pupil.message_book.model import FocusTreeModel, point_title
from skolehjem_desktop.ui.pupil.message_book.presentation_dialog import PresentationDialog
from skolehjem_desktop.ui.pupil.message_book.presentations import PresentationsBox
from skolehjem_desktop.ui.pupil.message_book.suggestions import Suggestion, SuggestionsBox
from skolehjem_desktop.ui.pupil.message_book.summary import (
    candidates_text,
    carried_text,
    crowded_text,
    missing_text,
    required_text,
)
from skolehjem_desktop.ui.pupil.message_book.year_box import MessageBookYearBox

# The class the pupil was in, on each item of the school year chooser.
CLASS_ROLE = Qt.ItemDataRole.UserRole + 1


class MessageBookTab(QWidget):
    """The pupil's message book for one school year."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.student_id: int | None = None
        self.school_year = ctx.services.classes.current_year()
        self._loading = False
        style = self.style()
        self._warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._ok_icon = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        self.model = FocusTreeModel(self, self._warning_icon)
        self.editor = FocusPointEditor(ctx)
        self.presentations = PresentationsBox()
        self.year_box = MessageBookYearBox(ctx)
        self.suggestions = SuggestionsBox()
        self._build()
        self._connect()
        self._show_nothing()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_tree())
        right = QWidget()
        self.hint = QLabel(_("Choose a focus point on the left to edit it, or add one."))
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.editor, 1)
        right_layout.addWidget(self.hint, 1)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        right.setMinimumWidth(right.fontMetrics().averageCharWidth() * 55)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_top())
        layout.addLayout(self._build_areas_row())
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.year_box)
        layout.addWidget(self.presentations)
        order: list[QWidget] = [
            self.year_combo,
            self.carry_button,
            self.tree,
            self.add_button,
            self.up_button,
            self.down_button,
            self.remove_button,
            *self.suggestions.fields(),
            *self.editor.fields(),
            *self.year_box.fields(),
            self.presentations.record_button,
            self.presentations.list_view,
            self.presentations.remove_button,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _build_top(self) -> QHBoxLayout:
        """The school year chooser, the class and its required areas, carrying forward."""
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
        return top

    def _build_areas_row(self) -> QHBoxLayout:
        """Whether every required area has a focus point (icon and text)."""
        self.areas_icon = QLabel()
        self.areas_label = QLabel()
        self.areas_label.setTextFormat(Qt.TextFormat.PlainText)
        self.areas_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.areas_icon)
        row.addWidget(self.areas_label, 1)
        return row

    def _build_tree(self) -> QWidget:
        """The areas and their focus points, with the buttons below them."""
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(_("Focus points by area"))
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(FocusTreeModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FocusTreeModel.STATUS, QHeaderView.ResizeMode.ResizeToContents)
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
        left_layout.addWidget(self.suggestions)
        for keys, slot in (
            (QKeySequence("Ctrl+Up"), lambda: self._move(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self._move(1)),
            (QKeySequence(QKeySequence.StandardKey.Delete), self._remove_point),
            (QKeySequence("Insert"), self._add_point),
        ):
            shortcut = QShortcut(keys, self.tree)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        return left

    def _connect(self) -> None:
        self.year_combo.activated.connect(self._year_chosen)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._activated)
        self.add_button.clicked.connect(self._add_point)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove_point)
        self.carry_button.clicked.connect(self._carry_forward)
        self.suggestions.use.connect(lambda chosen: self._add_point(suggestion=chosen))
        self.editor.point_saved.connect(self.model.replace_point)
        self.editor.changed.connect(self.changed)
        self.editor.vanished.connect(lambda: QTimer.singleShot(0, self.reload))
        self.year_box.changed.connect(self.changed)
        box = self.presentations
        box.record_button.clicked.connect(self._record_presentation)
        box.remove_button.clicked.connect(self._remove_presentation)
        box.list_view.selectionModel().currentRowChanged.connect(self._update_buttons)

    # --- public -----------------------------------------------------------------------------

    def set_student(self, student_id: int | None, school_year: int) -> None:
        """Show a pupil's message book for a school year (None: no pupil).

        The pupil page calls this only after everything pending was saved.
        """
        self.editor.flush()
        self.editor.discard()
        self.year_box.flush()
        self.year_box.discard()
        same = student_id == self.student_id and school_year == self.school_year
        keep = self.editor.point_id if same else None
        self.student_id = student_id
        self.school_year = school_year
        if student_id is None:
            self._show_nothing()
            return
        self._load_years()
        self._reload(select_point=keep)

    def flush(self) -> bool:
        """Save what was typed now; False if it could not be saved (the text stays)."""
        return all([self.editor.flush(), self.year_box.flush()])

    def reload(self) -> None:
        """Read everything again (after a change elsewhere in the window)."""
        if self.student_id is not None:
            self.flush()
            self._reload(self.editor.point_id)

    # --- loading ----------------------------------------------------------------------------

    def _show_nothing(self) -> None:
        self._loading = True
        self.year_combo.clear()
        self.model.clear()
        self.presentations.clear()
        self.editor.forget()
        self.year_box.show_year(None)
        self.suggestions.load(())
        self._loading = False
        self.class_label.setText(_("No pupil chosen."))
        self.areas_label.clear()
        self.areas_icon.clear()
        self._show_editor(None)
        for widget in (
            self.year_combo,
            self.carry_button,
            self.tree,
            self.add_button,
            self.presentations.record_button,
            self.presentations.list_view,
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
            self.year_combo.setItemData(self.year_combo.count() - 1, classes.get(year), CLASS_ROLE)
        self.year_combo.setCurrentIndex(self.year_combo.findData(self.school_year))

    def _year_chosen(self) -> None:
        year = self.year_combo.currentData()
        if year is None or year == self.school_year:
            return
        if not self.flush():
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
        focus = self.ctx.services.focus
        student_id, year = self.student_id, self.school_year
        required = focus.required_areas_for(student_id, year)
        points = focus.all(student_id, year)
        presentations = focus.presentations(student_id, year)
        for widget in (
            self.year_combo,
            self.carry_button,
            self.tree,
            self.add_button,
            self.presentations.list_view,
        ):
            widget.setEnabled(True)
        class_name = self.year_combo.currentData(CLASS_ROLE)  # the year chooser knows it
        self.class_label.setText(required_text(class_name, year, required))
        self._fill_tree(required, points, select_point, select_area)
        self._show_missing()
        self.presentations.show_rows(presentations, year, self.ctx.services.today())
        self.suggestions.load(self.ctx.services.colleague_inputs.for_student(student_id, year))
        if not self.year_box.holds_unsaved(student_id, year):  # a refused text stays
            self.year_box.load(student_id, year)
        self._update_buttons()
        candidates = focus.carry_forward_candidates(student_id, year)
        self.carry_button.setToolTip(candidates_text(len(candidates), year))

    def _fill_tree(
        self,
        required: tuple[FocusArea, ...],
        points: list[FocusPointInfo],
        select_point: int | None,
        select_area: FocusArea | None,
    ) -> None:
        self._loading = True
        self.model.set_rows(required, points)
        self.tree.expandAll()
        self._loading = False
        self.editor.forget()
        selected = QModelIndex()
        if select_point is not None:
            selected = self.model.index_of_point(select_point)
        if not selected.isValid() and select_area is not None:
            selected = self.model.index_of_area(select_area)
        if selected.isValid():
            self.tree.setCurrentIndex(selected)
        else:
            self._show_editor(None)
        self._update_buttons()

    def _show_missing(self) -> None:
        missing = self.model.missing_areas()
        icon = self._warning_icon if missing else self._ok_icon
        size = self.areas_label.fontMetrics().height()
        self.areas_icon.setPixmap(icon.pixmap(size, size))
        most = self.ctx.services.principles.active().max_focus_points_per_area
        crowded = crowded_text([p.area for p in self.model.points()], most)
        text = missing_text(missing, len(self.model.required_areas))
        self.areas_label.setText(f"{text}  ⚠ {crowded}" if crowded else text)
        set_bold(self.areas_label, bool(missing or crowded))

    # --- selection and the editor -----------------------------------------------------------

    def _current_point(self) -> FocusPointInfo | None:
        return self.model.point_at(self.tree.currentIndex())

    def _current_area(self) -> FocusArea | None:
        return self.model.area_at(self.tree.currentIndex())

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._loading:
            return
        if not self.editor.flush():
            # What was typed cannot be saved (an empty goal): stay with it.
            if previous.isValid():
                self._loading = True
                self.tree.setCurrentIndex(previous)
                self._loading = False
            return
        self._show_editor(self.model.point_at(current))
        self._update_buttons()

    def _activated(self, index: QModelIndex) -> None:
        if self.model.point_at(index) is not None:
            self.editor.goal_edit.setFocus()
        else:
            self._add_point()

    def _show_editor(self, point: FocusPointInfo | None) -> None:
        self.editor.setVisible(point is not None)
        self.hint.setVisible(point is None)
        self.editor.show_point(point)

    def _update_buttons(self) -> None:
        point = self._current_point()
        siblings = self.model.sibling_ids(point) if point is not None else []
        index = siblings.index(point.id) if point is not None else -1
        self.remove_button.setEnabled(point is not None)
        self.up_button.setEnabled(point is not None and index > 0)
        self.down_button.setEnabled(point is not None and 0 <= index < len(siblings) - 1)
        self.presentations.remove_button.setEnabled(
            self.student_id is not None and self.presentations.current() is not None
        )

    # --- actions ----------------------------------------------------------------------------

    def _add_point(self, *_checked: object, suggestion: Suggestion | None = None) -> None:
        if self.student_id is None or not self.editor.flush():
            return
        areas = self.model.addable_areas()
        # An area heading chosen in the tree is the teacher's choice; otherwise (on a
        # focus point, or nothing chosen) the next area still missing one.
        heading = self._current_area() if self._current_point() is None else None
        area = heading or next(iter(self.model.missing_areas()), self._current_area() or areas[0])
        area = (suggestion.area_in(areas) if suggestion else None) or area
        dialog = NewFocusPointDialog(
            self.ctx, self.student_id, self.school_year, areas, area, parent=self
        )
        if suggestion is not None:
            dialog.prefill(suggestion.text, suggestion.subject)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created is None:
            return
        self._reload(select_point=dialog.created.id)
        self.changed.emit()
        self.editor.goal_edit.setFocus()

    def _move(self, delta: int) -> None:
        point = self._current_point()
        if point is None or not self.editor.flush():
            return
        order = self.model.sibling_ids(point)
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
        self.editor.discard()
        self.ctx.attempt(self, self.ctx.services.focus.remove, point.id)
        self._reload(select_area=point.area)
        self.changed.emit()
        self.tree.setFocus()

    def _carry_forward(self) -> None:
        if self.student_id is None or not self.editor.flush():
            return
        carried = self.ctx.attempt(
            self, self.ctx.services.focus.carry_forward, self.student_id, self.school_year
        )
        if carried is None:
            return
        if carried:
            self._reload(select_point=carried[0].id)
            self.changed.emit()
        self.ctx.dialogs.info(self, carried_text(len(carried), self.school_year))

    def _record_presentation(self) -> None:
        if self.student_id is None or not self.editor.flush():
            return
        dialog = PresentationDialog(self.ctx, self.student_id, self.school_year, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.recorded is None:
            return
        self._reload(self.editor.point_id)
        self.changed.emit()

    def _remove_presentation(self) -> None:
        found = self.presentations.current()
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
        self.ctx.attempt(self, self.ctx.services.focus.remove_presentation, found.id)
        self._reload(self.editor.point_id)
        self.changed.emit()
