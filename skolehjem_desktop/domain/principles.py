"""The school's own principles for school–home cooperation: a closed set of rules as data.

Every Danish school board sets its own principles (folkeskoleloven § 44, stk. 2), so what
the program judges by is data, not code: each :class:`Rule` has a key, a :class:`Kind`
(the type of its value), a default from the law or common practice, its limits and a
short explanation (an English msgid, marked with :func:`N_` and translated above this
package). :func:`parse_value` turns what the user typed into a value or raises
:class:`BadPrinciple`, whose msgid and facts the services word in the user's language;
:func:`format_value` gives the one text a value is stored and shown as.

The presets written from two schools' policies are :mod:`.principle_presets`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, NamedTuple


def N_(text: str) -> str:
    """Mark ``text`` for the catalogues without translating it (this package has no i18n)."""
    return text


class Kind(StrEnum):
    INT = "int"
    BOOL = "bool"
    TIME = "time"  # HH:MM
    MONTH_DAY = "month_day"  # a day of the school year, MM-DD
    WEEKDAYS = "weekdays"  # a set of weekdays, 0 = Monday
    CHANNELS = "channels"  # a set of APPOINTMENT_CHANNELS


class MonthDay(NamedTuple):
    """A day in every school year (1 August to 31 July), e.g. 1 October."""

    month: int
    day: int

    def in_school_year(self, start_year: int) -> dt.date:
        """The date in the school year that starts in August of ``start_year``."""
        year = start_year if self.month >= 8 else start_year + 1
        day = min(self.day, 28) if (self.month, self.day) == (2, 29) else self.day
        return dt.date(year, self.month, day)


# The channels that may need an appointment first ("efter forudgående aftale").
APPOINTMENT_CHANNELS: Final = ("phone", "sms")
WEEKDAY_NAMES: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DANISH_WEEKDAYS: Final = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
_CHANNEL_WORDS: Final = {"phone": "phone", "telefon": "phone", "sms": "sms"}

Value = int | bool | dt.time | MonthDay | frozenset[int] | frozenset[str]


@dataclass(frozen=True)
class Rule:
    key: str
    kind: Kind
    default: Value
    explanation: str  # an English msgid, translated above this package
    minimum: int | None = None  # for INT
    maximum: int | None = None


RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "ordinary_conversations_per_year",
        Kind.INT,
        1,
        N_("Ordinary school–home conversations with each pupil's family per school year."),
        1,
        6,
    ),
    Rule(
        "ordinary_conversation_by",
        Kind.MONTH_DAY,
        MonthDay(6, 30),
        N_("The day of the school year by which the ordinary conversation is held."),
    ),
    Rule(
        "start_meeting_by",
        Kind.MONTH_DAY,
        MonthDay(10, 1),
        N_("The day by which the start-of-year parent meeting of the class is held."),
    ),
    Rule(
        "start_meeting_teachers_present",
        Kind.BOOL,
        True,
        N_("The start-of-year parent meeting counts only with teachers of the class present."),
    ),
    Rule(
        "parent_council_required",
        Kind.BOOL,
        False,
        N_("Each class elects a class parent council."),
    ),
    Rule(
        "contact_parent_required",
        Kind.BOOL,
        False,
        N_("The class parent council must choose a contact parent."),
    ),
    Rule(
        "presentations_per_year",
        Kind.INT,
        1,
        N_("Presentations of the message book to the parents per school year."),
        1,
        6,
    ),
    Rule(
        "max_focus_points_per_area",
        Kind.INT,
        3,
        N_("The most focus points in one area before a warning (“few focus points”)."),
        1,
        20,
    ),
    Rule(
        "reply_working_days",
        Kind.INT,
        1,
        N_("Working days within which a parent's written message gets a reply."),
        1,
        20,
    ),
    Rule(
        "working_hours_start",
        Kind.TIME,
        dt.time(8, 0),
        N_("When the working day starts; contact before it is outside working hours."),
    ),
    Rule(
        "working_hours_end",
        Kind.TIME,
        dt.time(16, 0),
        N_("When the working day ends; contact after it is outside working hours."),
    ),
    Rule(
        "working_weekdays",
        Kind.WEEKDAYS,
        frozenset(range(5)),
        N_("The weekdays that are working days."),
    ),
    Rule(
        "appointment_channels",
        Kind.CHANNELS,
        frozenset(),
        N_("The channels (phone, sms) used only after an appointment made first."),
    ),
    Rule(
        "no_contact_nudge_months",
        Kind.INT,
        0,
        N_("Months without contact with a family before a nudge (0: never)."),
        0,
        24,
    ),
)

BY_KEY: Final[dict[str, Rule]] = {rule.key: rule for rule in RULES}


class Problem(StrEnum):
    UNKNOWN_RULE = "unknown_rule"
    NOT_NUMBER = "not_number"
    OUT_OF_RANGE = "out_of_range"
    NOT_YES_NO = "not_yes_no"
    NOT_TIME = "not_time"
    NOT_MONTH_DAY = "not_month_day"
    NOT_WEEKDAYS = "not_weekdays"
    NOT_CHANNELS = "not_channels"
    HOURS_ORDER = "hours_order"


# What each problem says (English msgids with the facts' names), translated above.
MESSAGES: Final[dict[Problem, str]] = {
    Problem.UNKNOWN_RULE: N_("There is no rule called “{rule}”. The rules are: {rules}."),
    Problem.NOT_NUMBER: N_("{rule}: “{value}” is not a whole number."),
    Problem.OUT_OF_RANGE: N_("{rule}: {value} is not between {minimum} and {maximum}."),
    Problem.NOT_YES_NO: N_("{rule}: write yes or no, not “{value}”."),
    Problem.NOT_TIME: N_("{rule}: “{value}” is not a time of day (write e.g. 08:00)."),
    Problem.NOT_MONTH_DAY: N_("{rule}: “{value}” is not a day of the year (write e.g. 10-01)."),
    Problem.NOT_WEEKDAYS: N_("{rule}: “{value}” is not a list of weekdays (write e.g. mon-fri)."),
    Problem.NOT_CHANNELS: N_("{rule}: “{value}” is not a list of phone and sms (or none)."),
    Problem.HOURS_ORDER: N_("The working day must end after it starts ({start}–{end})."),
}


class BadPrinciple(ValueError):
    """A rule that does not exist or a value it does not take: the msgid and its facts."""

    def __init__(self, problem: Problem, **facts: Any) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.facts = facts

    @property
    def msgid(self) -> str:
        return MESSAGES[self.problem]


def rule_of(key: str) -> Rule:
    rule = BY_KEY.get(key.strip())
    if rule is None:
        raise BadPrinciple(Problem.UNKNOWN_RULE, rule=key, rules=", ".join(BY_KEY))
    return rule


_YES: Final = {"yes", "true", "1", "ja", "on"}
_NO: Final = {"no", "false", "0", "nej", "off"}
_NONE: Final = {"", "none", "ingen", "-"}
_TIME_RE: Final = re.compile(r"(\d{1,2})[:.](\d{2})")
_ISO_DAY_RE: Final = re.compile(r"(\d{1,2})-(\d{1,2})")  # MM-DD
_DANISH_DAY_RE: Final = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.?")  # D.M.


def parse_value(key: str, text: str) -> Value:
    """The value of rule ``key`` that ``text`` says, or :class:`BadPrinciple`."""
    rule = rule_of(key)
    raw = text.strip()
    word = raw.lower()
    parser = _PARSERS[rule.kind]
    value = parser(rule, word)
    if value is None:
        raise BadPrinciple(_KIND_PROBLEM[rule.kind], rule=rule.key, value=raw)
    return value


def _int(rule: Rule, word: str) -> Value | None:
    if not re.fullmatch(r"-?\d{1,6}", word):
        return None
    number = int(word)
    low, high = rule.minimum, rule.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        raise BadPrinciple(
            Problem.OUT_OF_RANGE, rule=rule.key, value=number, minimum=low, maximum=high
        )
    return number


def _bool(_rule: Rule, word: str) -> Value | None:
    return True if word in _YES else False if word in _NO else None


def _time(_rule: Rule, word: str) -> Value | None:
    match = _TIME_RE.fullmatch(word)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return dt.time(int(match[1]), int(match[2]))


def _month_day(_rule: Rule, word: str) -> Value | None:
    if match := _ISO_DAY_RE.fullmatch(word):
        month, day = int(match[1]), int(match[2])
    elif match := _DANISH_DAY_RE.fullmatch(word):
        day, month = int(match[1]), int(match[2])
    else:
        return None
    try:
        dt.date(2028, month, day)  # a leap year: 29 February is a day of the year
    except ValueError:
        return None
    return MonthDay(month, day)


def _weekday(word: str) -> int | None:
    for names in (WEEKDAY_NAMES, _DANISH_WEEKDAYS):
        for number, name in enumerate(names):
            if word[:3] == name and len(word) >= 3:
                return number
    return None


def _weekdays(_rule: Rule, word: str) -> Value | None:
    days: set[int] = set()
    for part in filter(None, (p.strip() for p in word.split(","))):
        first, _sep, last = part.partition("-")
        start, end = _weekday(first.strip()), _weekday(last.strip() or first.strip())
        if start is None or end is None or end < start:
            return None
        days.update(range(start, end + 1))
    return frozenset(days) if days else None


def _channels(_rule: Rule, word: str) -> Value | None:
    if word in _NONE:
        return frozenset()
    found = {_CHANNEL_WORDS.get(p.strip()) for p in word.split(",")}
    return None if None in found else frozenset(c for c in found if c)


_PARSERS: Final = {
    Kind.INT: _int,
    Kind.BOOL: _bool,
    Kind.TIME: _time,
    Kind.MONTH_DAY: _month_day,
    Kind.WEEKDAYS: _weekdays,
    Kind.CHANNELS: _channels,
}
_KIND_PROBLEM: Final = {
    Kind.INT: Problem.NOT_NUMBER,
    Kind.BOOL: Problem.NOT_YES_NO,
    Kind.TIME: Problem.NOT_TIME,
    Kind.MONTH_DAY: Problem.NOT_MONTH_DAY,
    Kind.WEEKDAYS: Problem.NOT_WEEKDAYS,
    Kind.CHANNELS: Problem.NOT_CHANNELS,
}


def format_value(key: str, value: Value) -> str:
    """The one text of a value: how it is stored and how ``parse_value`` reads it back."""
    kind = rule_of(key).kind
    if kind is Kind.BOOL:
        return "yes" if value else "no"
    if kind is Kind.TIME:
        assert isinstance(value, dt.time)
        return f"{value:%H:%M}"
    if kind is Kind.MONTH_DAY:
        assert isinstance(value, MonthDay)
        return f"{value.month:02d}-{value.day:02d}"
    if kind is Kind.WEEKDAYS:
        assert isinstance(value, frozenset)
        return ",".join(WEEKDAY_NAMES[d] for d in sorted(int(x) for x in value))
    if kind is Kind.CHANNELS:
        assert isinstance(value, frozenset)
        return ",".join(c for c in APPOINTMENT_CHANNELS if c in value) or "none"
    return str(value)


def check_together(values: dict[str, Value]) -> None:
    """The rules that must agree with each other: the working day ends after it starts."""
    start, end = values["working_hours_start"], values["working_hours_end"]
    assert isinstance(start, dt.time) and isinstance(end, dt.time)
    if end <= start:
        raise BadPrinciple(Problem.HOURS_ORDER, start=f"{start:%H:%M}", end=f"{end:%H:%M}")
