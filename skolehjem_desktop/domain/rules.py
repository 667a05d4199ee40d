"""The one set of rules for what the teacher types or imports: text, e-mail, phone, passphrase.

Each check returns the value as it will be stored, or raises :class:`Invalid` with a
:class:`Problem` and its facts. The words for a problem are above this package (the
services and the import say it in the user's language), so the same rule gives the same
verdict in the import, in a dialog and in a service: a phone number the import accepts
is one the guardian's dialog accepts later.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Any, Final

from skolehjem_desktop.domain.limits import (
    EMAIL_MAX,
    PASSPHRASE_MIN,
    PHONE_DIGITS_MAX,
    PHONE_DIGITS_MIN,
    PHONE_MAX,
)


class Problem(StrEnum):
    NOT_UNICODE = "not_unicode"  # a lone surrogate from an undecodable byte
    CONTROL_CHARACTER = "control_character"
    REQUIRED = "required"
    TOO_LONG = "too_long"
    NOT_EMAIL = "not_email"
    NOT_PHONE = "not_phone"
    PASSPHRASE_SHORT = "passphrase_short"
    PASSPHRASE_SPACE = "passphrase_space"
    PASSPHRASE_CONTROL = "passphrase_control"


class Invalid(ValueError):
    """A value that breaks a rule: what is wrong, and the facts the message needs."""

    def __init__(self, problem: Problem, facts: dict[str, Any] | None = None) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.facts: dict[str, Any] = facts or {}


# Control characters other than tab and the line breaks; DEL too.
CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EMAIL_RE: Final = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
# Digits with the separators people write: "+45 12 34 56 78", "12-34-56-78", "12.34.56.78",
# "(+45) 1234 5678", "12 34/56 78".
PHONE_RE: Final = re.compile(r"\(?\+?[\d\s\-()./]+")


def check_text(value: str | None, limit: int, *, required: bool = False) -> str:
    """Trimmed text, at most ``limit`` characters, with no control characters.

    Kept as typed otherwise: no Unicode normalization (NFC would turn some characters into
    others, e.g. CJK compatibility ideographs), so what is stored is what the teacher wrote.
    """
    text = (value or "").strip()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise Invalid(Problem.NOT_UNICODE) from None
    if CONTROL_RE.search(text):
        raise Invalid(Problem.CONTROL_CHARACTER)
    if required and not text:
        raise Invalid(Problem.REQUIRED)
    if len(text) > limit:
        raise Invalid(Problem.TOO_LONG, {"length": len(text), "limit": limit})
    return text


def normalize_line(value: str) -> str:
    """A cell of a class list as one clean line: NFC, control and invisible characters
    removed (joiners kept: they matter in some scripts), runs of whitespace one space."""
    text = unicodedata.normalize("NFC", value)
    text = "".join(
        ch
        for ch in text
        if ch.isspace()
        or unicodedata.category(ch) not in {"Cc", "Cf", "Cs"}
        or ch in "\u200c\u200d"
    )
    return " ".join(text.split())


def is_email(text: str) -> bool:
    return len(text) <= EMAIL_MAX and EMAIL_RE.fullmatch(text) is not None


def is_phone(text: str) -> bool:
    digits = sum(ch.isdigit() for ch in text)
    return (
        len(text) <= PHONE_MAX
        and PHONE_RE.fullmatch(text) is not None
        and PHONE_DIGITS_MIN <= digits <= PHONE_DIGITS_MAX
    )


def check_email(value: str | None) -> str | None:
    """An e-mail address, or None for an empty field."""
    text = (value or "").strip()
    if not text:
        return None
    if not is_email(text):
        raise Invalid(Problem.NOT_EMAIL, {"value": text})
    return text


def check_phone(value: str | None) -> str | None:
    """A phone number as the teacher wrote it, or None for an empty field."""
    text = (value or "").strip()
    if not text:
        return None
    if not is_phone(text):
        raise Invalid(Problem.NOT_PHONE, {"value": text})
    return text


def check_passphrase(passphrase: str) -> str:
    """A passphrase for the data folder: long enough, no spaces at the ends, no controls."""
    if len(passphrase) < PASSPHRASE_MIN:
        raise Invalid(Problem.PASSPHRASE_SHORT, {"n": PASSPHRASE_MIN})
    if passphrase != passphrase.strip():
        raise Invalid(Problem.PASSPHRASE_SPACE)
    if any(ord(ch) < 32 for ch in passphrase):
        raise Invalid(Problem.PASSPHRASE_CONTROL)
    return passphrase
