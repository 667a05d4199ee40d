"""The school's principles: the preset it chose, the rules it changed, the values in force.

The rules are :mod:`skolehjem_desktop.domain.principles`, the presets
:mod:`skolehjem_desktop.domain.principle_presets`. What is stored is the preset's name (a
setting) and one row per rule the school changed; :meth:`PrincipleService.active` gives
every rule's value. A rule that does not exist, a value it does not take, or a working
day that ends before it starts is refused with a :class:`ValidationError`, and nothing
is changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import delete, null, select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain import principles as p
from skolehjem_desktop.domain.principle_presets import PRESETS
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services import workdays
from skolehjem_desktop.services.base import Service
from skolehjem_desktop.services.school import store_setting
from skolehjem_desktop.store.models import Principle, Setting

PRESET_SETTING = "principles.preset"


@dataclass(frozen=True)
class Principles:
    """Every rule's value in force (the fields are the rules' keys, in their order)."""

    preset: str | None
    changed: frozenset[str]  # the rules the school set itself
    ordinary_conversations_per_year: int
    ordinary_conversation_by: p.MonthDay
    start_meeting_by: p.MonthDay
    start_meeting_teachers_present: bool
    parent_council_required: bool
    contact_parent_required: bool
    presentations_per_year: int
    max_focus_points_per_area: int
    reply_working_days: int
    working_hours_start: dt.time
    working_hours_end: dt.time
    working_weekdays: frozenset[int]
    appointment_channels: frozenset[str]
    no_contact_nudge_months: int

    def value(self, rule: str) -> p.Value:
        value: p.Value = getattr(self, p.rule_of(rule).key)
        return value

    def text(self, rule: str) -> str:
        return p.format_value(rule, self.value(rule))

    # --- what the rules mean for the contact log ------------------------------------------

    def outside_hours(self, moment: dt.datetime) -> bool:
        """Whether ``moment`` is outside the school's working hours (or working days)."""
        return workdays.outside_hours(
            moment, self.working_weekdays, self.working_hours_start, self.working_hours_end
        )

    def reply_due(self, received: dt.datetime) -> dt.date:
        """The day by whose end a parent's written contact received then gets a reply."""
        return workdays.reply_due(received, self.reply_working_days, self.working_weekdays)

    def next_working_day(self, after: dt.date) -> dt.date:
        return workdays.next_working_day(after, self.working_weekdays)

    def needs_appointment(self, channel: str) -> bool:
        """Whether the principles want contact on ``channel`` agreed on first."""
        return str(channel) in self.appointment_channels


RULE_FIELDS = tuple(f.name for f in fields(Principles))[2:]
assert tuple(p.BY_KEY) == RULE_FIELDS, "Principles must name every rule, in order"


@dataclass(frozen=True)
class PresetInfo:
    name: str
    title: str
    active: bool


@dataclass(frozen=True)
class RuleLine:
    """One rule as shown: its key, kind, value in force, explanation and whether changed."""

    rule: str
    kind: p.Kind
    value: str
    explanation: str
    changed: bool


def refusal(error: p.BadPrinciple) -> ValidationError:
    """The domain's refusal in the user's language."""
    return ValidationError(_(error.msgid).format(**error.facts))


def _base(preset: str | None) -> dict[str, p.Value]:
    values = {rule.key: rule.default for rule in p.RULES}
    if preset in PRESETS:
        values.update(PRESETS[preset].values)
    return values


def _stored_in(s: Session) -> tuple[str | None, dict[str, str]]:
    """The preset's name and the rules changed, in one statement (each reader of the
    principles pays it: opening a pupil reads them more than once)."""
    preset_row = select(null().label("rule"), Setting.value).where(Setting.key == PRESET_SETTING)
    rows = s.execute(select(Principle.rule, Principle.value).union_all(preset_row)).all()
    overrides = {rule: value for rule, value in rows if rule is not None}
    named = [value for rule, value in rows if rule is None]
    preset = named[0] if named and named[0] in PRESETS else None
    return preset, overrides


def _values_in(s: Session) -> tuple[str | None, dict[str, p.Value], frozenset[str]]:
    preset, overrides = _stored_in(s)
    values = _base(preset)
    changed = set()
    for rule, text in overrides.items():
        try:
            values[rule] = p.parse_value(rule, text)
        except p.BadPrinciple:
            continue  # a rule this program no longer knows, or a damaged value
        changed.add(rule)
    return preset, values, frozenset(changed)


def principles_in(s: Session) -> Principles:
    """The principles in force, read inside the caller's session (see :meth:`active`)."""
    preset, values, changed = _values_in(s)
    return Principles(preset, changed, **values)  # type: ignore[arg-type]


def defaults() -> Principles:
    """Every rule's default (no preset, nothing changed): what a new school starts with."""
    return Principles(None, frozenset(), **_base(None))  # type: ignore[arg-type]


class PrincipleService(Service):
    def _stored(self) -> tuple[str | None, dict[str, str]]:
        with self.db.reading() as s:
            return _stored_in(s)

    def _values(self) -> tuple[str | None, dict[str, p.Value], frozenset[str]]:
        with self.db.reading() as s:
            return _values_in(s)

    def active(self) -> Principles:
        with self.db.reading() as s:
            return principles_in(s)

    def presets(self) -> tuple[PresetInfo, ...]:
        preset, _overrides = self._stored()
        return tuple(PresetInfo(x.name, x.title, x.name == preset) for x in PRESETS.values())

    def lines(self) -> tuple[RuleLine, ...]:
        """Every rule with its value in force, for a list or a form."""
        active = self.active()
        return tuple(
            RuleLine(
                rule.key, rule.kind, active.text(rule.key), _(rule.explanation),
                rule.key in active.changed,
            )
            for rule in p.RULES
        )  # fmt: skip

    def use(self, name: str) -> Principles:
        """Take the preset ``name``; the rules the school changed go back to it."""
        key = name.strip().lower()
        if key not in PRESETS:
            raise ValidationError(
                _("There is no preset called “{name}”. The presets are: {names}.").format(
                    name=name, names=", ".join(PRESETS)
                )
            )
        with self.db.transaction() as s:
            store_setting(s, PRESET_SETTING, key)
            s.execute(delete(Principle))
        return self.active()

    def set(self, rule: str, text: str) -> Principles:
        """Set one rule to what ``text`` says; refused, with nothing changed, if it is bad."""
        try:
            key = p.rule_of(rule).key
            value = p.parse_value(key, text)
            preset, values, _changed = self._values()
            values[key] = value
            p.check_together(values)
        except p.BadPrinciple as error:
            raise refusal(error) from None
        stored = p.format_value(key, value)
        with self.db.transaction() as s:
            row = s.get(Principle, key)
            if value == _base(preset)[key]:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(Principle(rule=key, value=stored))
            else:
                row.value = stored
        return self.active()

    def reset_to_preset(self) -> Principles:
        """Every rule back to the preset's value (or the default, with no preset)."""
        with self.db.transaction() as s:
            s.execute(delete(Principle))
        return self.active()

    def preset_values(self, name: str | None) -> dict[str, p.Value]:
        """Every rule's value in preset ``name`` (the law's defaults for None)."""
        return _base(name)

    def _checked_all(
        self, texts: dict[str, str], preset: str | None
    ) -> tuple[str | None, dict[str, p.Value]]:
        stored_preset, values, _changed = self._values()
        if preset is not None and preset not in PRESETS:
            raise ValidationError(
                _("There is no preset called “{name}”. The presets are: {names}.").format(
                    name=preset, names=", ".join(PRESETS)
                )
            )
        if preset is not None and preset != stored_preset:
            values = _base(preset)  # another preset: the school's own changes go, as in use()
        try:
            for rule, text in texts.items():
                key = p.rule_of(rule).key
                values[key] = p.parse_value(key, text)
            p.check_together(values)
        except p.BadPrinciple as error:
            raise refusal(error) from None
        return (preset if preset is not None else stored_preset), values

    def check_all(self, texts: dict[str, str], preset: str | None = None) -> None:
        """Refuse, as :meth:`set_all` would, without storing anything."""
        self._checked_all(texts, preset)

    def set_all(self, texts: dict[str, str], preset: str | None = None) -> Principles:
        """Take preset ``preset`` (None: keep the one in force) and set the rules ``texts``
        names, all together: the rules are checked with each other first, and a refusal
        changes nothing. A rule set to its preset's value is no longer changed."""
        chosen, values = self._checked_all(texts, preset)
        base = _base(chosen)
        with self.db.transaction() as s:
            if preset is not None:
                store_setting(s, PRESET_SETTING, preset)
            rows = {r.rule: r for r in s.scalars(select(Principle))}
            for rule in p.RULES:
                key, row = rule.key, rows.get(rule.key)
                if values[key] == base[key]:
                    if row is not None:
                        s.delete(row)
                    continue
                stored = p.format_value(key, values[key])
                if row is None:
                    s.add(Principle(rule=key, value=stored))
                else:
                    row.value = stored
        return self.active()
