"""One field per kind of principle: a number, yes/no, a time, a day of the year, weekdays,
the channels that need an appointment.

Every field is a :class:`RuleField`: ``value()`` is the rule's value (a domain value, as
:mod:`skolehjem_desktop.domain.principles` has it), ``set_value`` shows one, and ``edited``
fires when the teacher changes it.
"""

from __future__ import annotations

import calendar
import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QSpinBox, QWidget

from skolehjem_desktop.domain import principles as p
from skolehjem_desktop.i18n import _, active
from skolehjem_desktop.ui.common.date_fields import TimeField


class RuleField(QWidget):
    """A rule's value, edited in the widgets this field holds."""

    edited = Signal()

    def __init__(self, rule: p.Rule, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule = rule
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def value(self) -> p.Value:
        raise NotImplementedError

    def set_value(self, value: p.Value) -> None:
        raise NotImplementedError

    def text(self) -> str:
        """The value as the service reads it."""
        return p.format_value(self.rule.key, self.value())

    def tab_chain(self) -> list[QWidget]:
        """The widgets Tab goes through, in order."""
        raise NotImplementedError

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        chain = self.tab_chain()
        if len(chain) == 1:
            chain[0].setAccessibleName(name)

    def set_explanation(self, text: str) -> None:
        for widget in self.tab_chain():
            widget.setToolTip(text)
            widget.setAccessibleDescription(text)


class IntRuleField(RuleField):
    def __init__(self, rule: p.Rule, parent: QWidget | None = None) -> None:
        super().__init__(rule, parent)
        self.spin = QSpinBox()
        self.spin.setRange(rule.minimum or 0, rule.maximum if rule.maximum is not None else 99)
        if rule.key == "no_contact_nudge_months":
            self.spin.setSpecialValueText(_("Never"))
        self.spin.setMinimumWidth(self.spin.fontMetrics().horizontalAdvance("0" * 10))
        self.spin.valueChanged.connect(self.edited)
        self.row.addWidget(self.spin)
        self.row.addStretch(1)
        self.setFocusProxy(self.spin)

    def value(self) -> p.Value:
        return self.spin.value()

    def set_value(self, value: p.Value) -> None:
        assert isinstance(value, int)
        self.spin.setValue(value)

    def tab_chain(self) -> list[QWidget]:
        return [self.spin]


class BoolRuleField(RuleField):
    """A check box whose text is the rule's label."""

    def __init__(self, rule: p.Rule, label: str, parent: QWidget | None = None) -> None:
        super().__init__(rule, parent)
        self.check = QCheckBox(label)
        self.check.toggled.connect(self.edited)
        self.row.addWidget(self.check)
        self.row.addStretch(1)
        self.setFocusProxy(self.check)

    def value(self) -> p.Value:
        return self.check.isChecked()

    def set_value(self, value: p.Value) -> None:
        self.check.setChecked(bool(value))

    def tab_chain(self) -> list[QWidget]:
        return [self.check]


class TimeRuleField(RuleField):
    def __init__(self, rule: p.Rule, parent: QWidget | None = None) -> None:
        super().__init__(rule, parent)
        assert isinstance(rule.default, dt.time)
        self.field = TimeField(rule.default)
        self.field.setMaximumWidth(self.field.minimumWidth())
        self.field.timeChanged.connect(self.edited)
        self.row.addWidget(self.field)
        self.row.addStretch(1)
        self.setFocusProxy(self.field)

    def value(self) -> p.Value:
        self.field.commit()
        moment = self.field.time()
        assert moment is not None  # it starts with a time and never loses it
        return moment

    def set_value(self, value: p.Value) -> None:
        assert isinstance(value, dt.time)
        self.field.setTime(value)

    def tab_chain(self) -> list[QWidget]:
        return [self.field]


class MonthDayRuleField(RuleField):
    """A day of the year: the day's number and the month's name, no year."""

    def __init__(self, rule: p.Rule, parent: QWidget | None = None) -> None:
        super().__init__(rule, parent)
        from babel.dates import get_month_names

        self.day = QSpinBox()
        self.day.setRange(1, 31)
        if active().lang == "da":
            self.day.setSuffix(".")  # "1. oktober"
        self.month = QComboBox()
        names = get_month_names("wide", locale=active().babel_locale)
        for number in range(1, 13):
            self.month.addItem(str(names[number]), number)
        self.day.valueChanged.connect(self.edited)
        self.month.currentIndexChanged.connect(self._month_changed)
        self.row.addWidget(self.day)
        self.row.addWidget(self.month)
        self.row.addStretch(1)
        self.setFocusProxy(self.day)

    def _month_changed(self) -> None:
        # 29 February is a day of the year (the domain reads it as 28 in other years)
        self.day.setMaximum(calendar.monthrange(2028, self.month.currentIndex() + 1)[1])
        self.edited.emit()

    def value(self) -> p.Value:
        return p.MonthDay(self.month.currentIndex() + 1, self.day.value())

    def set_value(self, value: p.Value) -> None:
        assert isinstance(value, p.MonthDay)
        self.month.setCurrentIndex(value.month - 1)
        self.day.setValue(value.day)

    def tab_chain(self) -> list[QWidget]:
        return [self.day, self.month]

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.day.setAccessibleName(_("{what}: day").format(what=name))
        self.month.setAccessibleName(_("{what}: month").format(what=name))


class WeekdaysRuleField(RuleField):
    """Seven check boxes, Monday first."""

    def __init__(self, rule: p.Rule, parent: QWidget | None = None) -> None:
        super().__init__(rule, parent)
        from babel.dates import get_day_names

        short = get_day_names("abbreviated", locale=active().babel_locale)
        wide = get_day_names("wide", locale=active().babel_locale)
        self.days: list[QCheckBox] = []
        for number in range(7):
            box = QCheckBox(str(short[number]).rstrip("."))
            box.setAccessibleName(str(wide[number]))
            box.toggled.connect(self.edited)
            self.days.append(box)
            self.row.addWidget(box)
        self.row.addStretch(1)
        self.setFocusProxy(self.days[0])

    def value(self) -> p.Value:
        return frozenset(n for n, box in enumerate(self.days) if box.isChecked())

    def set_value(self, value: p.Value) -> None:
        assert isinstance(value, frozenset)
        for number, box in enumerate(self.days):
            box.setChecked(number in value)

    def tab_chain(self) -> list[QWidget]:
        return list(self.days)


class ChannelsRuleField(RuleField):
    """Phone and sms: ticked when the school takes them only after an appointment."""

    def __init__(self, rule: p.Rule, parent: QWidget | None = None) -> None:
        super().__init__(rule, parent)
        words = {"phone": _("Phone"), "sms": _("Text message")}
        self.channels = {c: QCheckBox(words[c]) for c in p.APPOINTMENT_CHANNELS}
        for box in self.channels.values():
            box.toggled.connect(self.edited)
            self.row.addWidget(box)
        self.row.addStretch(1)
        self.setFocusProxy(self.channels["phone"])

    def value(self) -> p.Value:
        return frozenset(c for c, box in self.channels.items() if box.isChecked())

    def set_value(self, value: p.Value) -> None:
        assert isinstance(value, frozenset)
        for channel, box in self.channels.items():
            box.setChecked(channel in value)

    def tab_chain(self) -> list[QWidget]:
        return list(self.channels.values())


def make_field(rule: p.Rule, label: str) -> RuleField:
    """The field for ``rule``'s kind (a yes/no rule's check box says ``label``)."""
    if rule.kind is p.Kind.BOOL:
        return BoolRuleField(rule, label)
    kinds: dict[p.Kind, type[RuleField]] = {
        p.Kind.INT: IntRuleField,
        p.Kind.TIME: TimeRuleField,
        p.Kind.MONTH_DAY: MonthDayRuleField,
        p.Kind.WEEKDAYS: WeekdaysRuleField,
        p.Kind.CHANNELS: ChannelsRuleField,
    }
    return kinds[rule.kind](rule)
