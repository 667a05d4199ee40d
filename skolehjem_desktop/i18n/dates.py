"""Dates and times as a teacher types and reads them, in Danish and English (no Qt).

A teacher writes a date the way it is written on paper: ``3.12.2026``, ``03.12.26``, ``3.12``
(this year), ``3/12``, ``3-12-2026``, the ISO ``2026-12-03``, or a word: "i dag", "i morgen",
"i går" (and "today", "tomorrow", "yesterday"). The day always comes first, as in Denmark
and Britain. A time is ``14``, ``14.00``, ``14:30`` or ``1430``.

Shown back short: ``03.12.2026`` and ``kl. 14.00`` in Danish, ``03/12/2026`` and ``14:00``
in English.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

WORDS: Final[dict[str, int]] = {
    "i dag": 0,
    "idag": 0,
    "today": 0,
    "i morgen": 1,
    "imorgen": 1,
    "tomorrow": 1,
    "i går": -1,
    "igår": -1,
    "i gaar": -1,
    "yesterday": -1,
}

# day, month and an optional year, with one kind of separator throughout
_DAY_MONTH = re.compile(r"(\d{1,2})([./-])(\d{1,2})(?:\2(\d{2}|\d{4}))?\.?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{2}|\d{4})")  # 03122026 or 031226
_TIME_SEPARATED = re.compile(r"(\d{1,2})[.:](\d{2})")
_TIME_DIGITS = re.compile(r"(\d{1,2})(\d{2})?")


def _word(text: str) -> int | None:
    return WORDS.get(" ".join(text.split()))


def _full_year(year: str | None, today: dt.date) -> int:
    if year is None:
        return today.year
    if len(year) == 2:
        return 2000 + int(year)
    return int(year)


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, today: dt.date, lang: str = "da") -> dt.date | None:
    """The date ``text`` means, or None when it is no date (``31.02.2027``, ``abc``).

    ``lang`` is accepted for symmetry with :func:`format_date_short`; the words of both
    languages are understood whatever the UI language.
    """
    del lang
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    offset = _word(cleaned)
    if offset is not None:
        return today + dt.timedelta(days=offset)
    if match := _ISO.fullmatch(cleaned):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MONTH.fullmatch(cleaned):
        return _make(_full_year(match[4], today), int(match[3]), int(match[1]))
    if match := _DIGITS.fullmatch(cleaned):
        return _make(_full_year(match[3], today), int(match[2]), int(match[1]))
    return None


def parse_time(text: str) -> dt.time | None:
    """The time ``text`` means (``14``, ``9.30``, ``14:30``, ``1430``), or None."""
    cleaned = "".join(text.strip().lower().removeprefix("kl.").split())
    if not cleaned:
        return None
    match = _TIME_SEPARATED.fullmatch(cleaned) or _TIME_DIGITS.fullmatch(cleaned)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def format_date_short(day: dt.date, lang: str = "da") -> str:
    """``03.12.2026`` in Danish, ``03/12/2026`` in English: what the date fields show."""
    separator = "." if lang == "da" else "/"
    return f"{day.day:02d}{separator}{day.month:02d}{separator}{day.year:04d}"


def format_time_short(moment: dt.time | dt.datetime, lang: str = "da") -> str:
    """``14.00`` in Danish, ``14:00`` in English: what the time fields show."""
    separator = "." if lang == "da" else ":"
    return f"{moment.hour:02d}{separator}{moment.minute:02d}"


def format_clock(moment: dt.time | dt.datetime, lang: str = "da") -> str:
    """``kl. 14.00`` in Danish, ``14:00`` in English: a time in a sentence."""
    text = format_time_short(moment, lang)
    return f"kl. {text}" if lang == "da" else text


def date_pattern(lang: str = "da") -> str:
    """How a date is written, for a placeholder: ``dd.mm.åååå`` / ``dd/mm/yyyy``."""
    return "dd.mm.åååå" if lang == "da" else "dd/mm/yyyy"


def time_pattern(lang: str = "da") -> str:
    """How a time is written, for a placeholder: ``tt.mm`` / ``hh:mm``."""
    return "tt.mm" if lang == "da" else "hh:mm"
