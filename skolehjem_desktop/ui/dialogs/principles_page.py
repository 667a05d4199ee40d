"""The settings page for the school's principles: a preset, and every rule in a field.

The page shows the preset the school follows and one row per rule of
:mod:`skolehjem_desktop.domain.principles`, each with a plain label, its explanation in
small grey text (and as the field's tooltip) and a mark when it differs from the preset.
Nothing is stored until the settings dialog's OK: :meth:`PrinciplesPage.check` refuses
a bad combination (a working day that ends before it starts) with nothing stored, and
:meth:`PrinciplesPage.save` stores the preset and every rule together.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain import principles as p
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, active, ngettext
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.dialogs.principle_fields import (
    BoolRuleField,
    RuleField,
    TimeRuleField,
    make_field,
)
from skolehjem_desktop.ui.pupil.student_dialogs import buddy_label, hint_label

HINT_STYLE = "color: #5f6368;"
CHANGED_STYLE = "color: #8a4b00; font-weight: bold;"


def rule_labels() -> dict[str, str]:
    """Each rule's label on the page, in the user's language (the working hours share
    one row, "Working hours:")."""
    return {
        "ordinary_conversations_per_year": _("Ordinary conversations per school year:"),
        "ordinary_conversation_by": _("The ordinary conversation is held by:"),
        "start_meeting_by": _("The start-of-year parent meeting is held by:"),
        "start_meeting_teachers_present": _(
            "The class's teachers take part in the start-of-year parent meeting"
        ),
        "parent_council_required": _("Each class elects a class parent council"),
        "contact_parent_required": _("The class parent council must choose a contact parent"),
        "presentations_per_year": _("Message book reviews with the parents per school year:"),
        "max_focus_points_per_area": _("Most focus points in one area:"),
        "reply_working_days": _("Reply to messages within (working days):"),
        "working_weekdays": _("Working days:"),
        "appointment_channels": _("Phone and text messages only by appointment:"),
        "no_contact_nudge_months": _("Reminder after (months without contact):"),
    }


def _groups() -> list[tuple[str, tuple[str, ...]]]:
    return [
        (
            _("Conversations and meetings"),
            (
                "ordinary_conversations_per_year",
                "ordinary_conversation_by",
                "start_meeting_by",
                "start_meeting_teachers_present",
                "parent_council_required",
                "contact_parent_required",
            ),
        ),
        (_("The message book"), ("presentations_per_year", "max_focus_points_per_area")),
        (
            _("Contact with the parents"),
            (
                "reply_working_days",
                "working_hours_start",
                "working_hours_end",
                "working_weekdays",
                "appointment_channels",
                "no_contact_nudge_months",
            ),
        ),
    ]


def shown_value(rule: p.Rule, value: p.Value) -> str:
    """A value as a teacher reads it: "3", "yes", "08.00", "1. oktober", "man, tir"."""
    from babel.dates import format_date, get_day_names

    lang = active()
    if rule.kind is p.Kind.BOOL:
        return _("yes") if value else _("no")
    if isinstance(value, dt.time):
        return lang.clock(value)
    if isinstance(value, p.MonthDay):
        pattern = "d. MMMM" if lang.lang == "da" else "d MMMM"
        return format_date(value.in_school_year(2027), pattern, locale=lang.babel_locale)
    if rule.kind is p.Kind.WEEKDAYS:
        assert isinstance(value, frozenset)
        names = get_day_names("abbreviated", locale=lang.babel_locale)
        days = sorted(int(d) for d in value)
        return ", ".join(str(names[d]).rstrip(".") for d in days) or _("none")
    if rule.kind is p.Kind.CHANNELS:
        assert isinstance(value, frozenset)
        words = {"phone": _("phone"), "sms": _("text message")}
        return ", ".join(words[c] for c in p.APPOINTMENT_CHANNELS if c in value) or _("none")
    if rule.key == "no_contact_nudge_months" and value == 0:
        return _("never")
    return str(value)


class PrinciplesPage(QWidget):
    """The preset and the rules; edited here, stored by the dialog's OK."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        service = ctx.services.principles
        principles = service.active()
        self.stored_preset: str | None = principles.preset
        self.preset = principles.preset
        self.fields: dict[str, RuleField] = {}
        self.labels: dict[str, QWidget] = {}
        self.marks: dict[str, QLabel] = {}

        layout = QVBoxLayout(self)
        layout.addLayout(self._preset_row())
        intro = hint_label(
            _(
                "The presets are written from two schools' principles for the cooperation "
                "between school and home. Choose the one closest to your school's, and "
                "change what is different. The program reminds you by these rules."
            )
        )
        intro.setStyleSheet(HINT_STYLE)
        layout.addWidget(intro)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self._rules())
        layout.addWidget(self.scroll_area, 1)

        for rule in p.RULES:
            self.fields[rule.key].set_value(principles.value(rule.key))
            self.fields[rule.key].edited.connect(self.show_changed)
        self.preset_combo.activated.connect(self.choose_preset)
        self.reset_button.clicked.connect(self.reset_to_preset)
        self._chain_tabs()
        self.show_changed()

    # --- building ------------------------------------------------------------------------

    def _preset_row(self) -> QHBoxLayout:
        self.preset_combo = QComboBox()
        for info in self.ctx.services.principles.presets():
            self.preset_combo.addItem(info.title, info.name)
        if self.preset is None:
            self.preset_combo.addItem(_("No preset (the defaults)"), None)
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(self.preset))
        self.reset_button = QPushButton(_("Reset &to the preset"))
        row = QHBoxLayout()
        row.addWidget(buddy_label(_("Pre&set:"), self.preset_combo))
        row.addWidget(self.preset_combo)
        row.addStretch(1)
        row.addWidget(self.reset_button)
        return row

    def _rules(self) -> QWidget:
        """The rules in three groups, the first in the left column, the others right."""
        labels = rule_labels()
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 6, 0)
        left, right = QVBoxLayout(), QVBoxLayout()
        for number, (title, keys) in enumerate(_groups()):
            box = QGroupBox(title)
            grid = QGridLayout(box)
            grid.setColumnStretch(1, 1)
            grid.setVerticalSpacing(2)
            for key in keys:
                if key == "working_hours_start":
                    self._add_hours(grid)
                elif key != "working_hours_end":
                    self._add_rule(grid, p.BY_KEY[key], labels[key])
            (left if number == 0 else right).addWidget(box)
        left.addStretch(1)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        return body

    def _add_rule(self, grid: QGridLayout, rule: p.Rule, label_text: str) -> None:
        """A row: the label, the field, the mark when changed; the explanation under it."""
        field = make_field(rule, label_text)
        explanation = _(rule.explanation)
        field.set_explanation(explanation)
        row = grid.rowCount()
        if isinstance(field, BoolRuleField):
            grid.addWidget(field, row, 0, 1, 2)
            label: QWidget = field.check
        else:
            label = self._label(label_text, field, explanation)
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1)
        self._finish_row(
            grid, row, keys=(rule.key,), label=label, explanations=[explanation],
            label_text=label_text, field_row=field.row,
        )  # fmt: skip
        self.fields[rule.key] = field

    def _add_hours(self, grid: QGridLayout) -> None:
        """The working day's start and end in one row: "Working hours: 08.00 to 16.00"."""
        start, end = p.BY_KEY["working_hours_start"], p.BY_KEY["working_hours_end"]
        text = _("Working hours:")
        explanations = [_(start.explanation), _(end.explanation)]
        for rule, explanation in zip((start, end), explanations, strict=True):
            self.fields[rule.key] = make_field(rule, text)
            self.fields[rule.key].set_explanation(explanation)
        first, last = self.fields[start.key], self.fields[end.key]
        first.setAccessibleName(_("The working day starts at"))
        last.setAccessibleName(_("The working day ends at"))
        both = QWidget()
        row_layout = QHBoxLayout(both)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(first)
        row_layout.addWidget(QLabel(_("to")))
        row_layout.addWidget(last)
        row_layout.addStretch(1)
        row = grid.rowCount()
        label = self._label(text, first, " ".join(explanations))
        grid.addWidget(label, row, 0)
        grid.addWidget(both, row, 1)
        self._finish_row(
            grid, row, keys=(start.key, end.key), label=label, explanations=explanations,
            label_text=text, field_row=row_layout,
        )  # fmt: skip

    def _label(self, text: str, field: RuleField, explanation: str) -> QLabel:
        label = buddy_label(text, field.tab_chain()[0])
        label.setWordWrap(True)
        label.setMinimumWidth(label.fontMetrics().averageCharWidth() * 30)
        label.setToolTip(explanation)
        if not field.accessibleName():
            field.setAccessibleName(label.text().rstrip(":"))
        return label

    def _finish_row(
        self,
        grid: QGridLayout,
        row: int,
        *,
        keys: tuple[str, ...],
        label: QWidget,
        explanations: list[str],
        label_text: str,
        field_row: QHBoxLayout,
    ) -> None:
        mark = QLabel()
        mark.setStyleSheet(CHANGED_STYLE)
        mark.setVisible(False)
        field_row.insertWidget(field_row.count() - 1, mark)  # after the field, before the stretch
        said = label_text.rstrip(":").casefold()
        shown = [e for e in explanations if e.rstrip(".").casefold() != said]
        if shown:  # a yes/no rule's check box may say all its explanation says
            hint = hint_label(" ".join(shown))
            hint.setStyleSheet(HINT_STYLE)
            hint.setContentsMargins(12, 0, 0, 6)
            grid.addWidget(hint, row + 1, 0, 1, 2)
        for key in keys:
            self.labels[key] = label
            self.marks[key] = mark

    def _chain_tabs(self) -> None:
        chain: list[QWidget] = [self.preset_combo, self.reset_button]
        for _title, keys in _groups():
            for key in keys:
                chain.extend(self.fields[key].tab_chain())
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- what differs from the preset ----------------------------------------------------

    def values(self) -> dict[str, p.Value]:
        return {key: field.value() for key, field in self.fields.items()}

    def changed(self) -> list[str]:
        """The rules whose value differs from the chosen preset's."""
        base = self.ctx.services.principles.preset_values(self.preset)
        return [key for key, value in self.values().items() if value != base[key]]

    def show_changed(self) -> None:
        """Bold labels and "changed" for the rules that differ from the preset."""
        base = self.ctx.services.principles.preset_values(self.preset)
        changed = set(self.changed())
        rows: dict[int, list[p.Rule]] = {}
        for rule in p.RULES:
            rows.setdefault(id(self.marks[rule.key]), []).append(rule)
        for rules in rows.values():
            label, mark = self.labels[rules[0].key], self.marks[rules[0].key]
            differs = any(rule.key in changed for rule in rules)
            font = label.font()
            font.setBold(differs)
            label.setFont(font)
            mark.setVisible(differs)
            said = "–".join(shown_value(rule, base[rule.key]) for rule in rules)
            if self.preset is None:
                mark.setText(_("changed (the default is {value})").format(value=said))
            else:
                mark.setText(_("changed (the preset says {value})").format(value=said))
        self.reset_button.setEnabled(bool(changed))
        self.reset_button.setText(
            _("Reset &to the preset") if self.preset else _("Reset &to the defaults")
        )

    def _show(self, values: dict[str, p.Value]) -> None:
        for key, value in values.items():
            self.fields[key].set_value(value)
        self.show_changed()

    # --- the preset ----------------------------------------------------------------------

    def _title(self, name: str | None) -> str:
        index = self.preset_combo.findData(name)
        return self.preset_combo.itemText(index)

    def choose_preset(self, index: int) -> None:
        """Take the preset chosen in the combo; the teacher's own changes go, after asking."""
        name = self.preset_combo.itemData(index)
        if name == self.preset:
            return
        count = len(self.changed())
        if count:
            question = _("Switch to the principles of {title}?").format(title=self._title(name))
            lost = ngettext(
                "Your own change of {n} rule is lost.",
                "Your own changes of {n} rules are lost.",
                count,
            ).format(n=count)
            if not self.ctx.dialogs.confirm(
                self, _("The school's principles"), f"{question} {lost}", _("&Switch")
            ):
                self.preset_combo.setCurrentIndex(self.preset_combo.findData(self.preset))
                return
        self.preset = name
        self._show(self.ctx.services.principles.preset_values(name))

    def reset_to_preset(self) -> None:
        """Every rule back to the preset's value (stored with OK), after asking."""
        count = len(self.changed())
        if not count:
            return
        if self.preset is None:
            question = _("Set every rule back to the defaults?")
        else:
            question = _("Set every rule back to the preset from {title}?").format(
                title=self._title(self.preset)
            )
        lost = ngettext(
            "Your own change of {n} rule is lost.",
            "Your own changes of {n} rules are lost.",
            count,
        ).format(n=count)
        if self.ctx.dialogs.confirm(
            self, _("The school's principles"), f"{question} {lost}", _("&Reset")
        ):
            self._show(self.ctx.services.principles.preset_values(self.preset))

    # --- storing -------------------------------------------------------------------------

    def texts(self) -> dict[str, str]:
        return {key: field.text() for key, field in self.fields.items()}

    def _preset_to_store(self) -> str | None:
        return self.preset if self.preset != self.stored_preset else None

    def check(self) -> None:
        """Refuse (a :class:`ValidationError`) what cannot be stored, storing nothing: a
        time typed that is no time, or rules that do not agree with each other."""
        for field in self.fields.values():
            if isinstance(field, TimeRuleField) and not field.field.commit():
                field.field.setFocus()
                raise ValidationError(field.field.hint)
        self.ctx.services.principles.check_all(self.texts(), self._preset_to_store())

    def save(self) -> None:
        self.ctx.services.principles.set_all(self.texts(), self._preset_to_store())
        self.stored_preset = self.preset
