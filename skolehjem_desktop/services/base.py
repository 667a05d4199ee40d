"""What every service shares: the database, the clock, and plain checks of typed input."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.database import Database

T = TypeVar("T")

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[0-9 ()-]{4,24}$")


class Service:
    def __init__(self, db: Database, clock: Callable[[], dt.datetime]) -> None:
        self.db = db
        self.clock = clock

    def today(self) -> dt.date:
        return self.clock().date()

    def current_year(self) -> int:
        return SchoolYear.of(self.today()).start_year


def get_or_404(session: Session, model: type[T], ident: int, what: str) -> T:
    """The row with ``ident``, or a clear error naming what was looked for."""
    row = session.get(model, ident)
    if row is None:
        raise NotFoundError(_("{what} with id {id} does not exist.").format(what=what, id=ident))
    return row


CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None, label: str, limit: int, *, required: bool = False) -> str:
    """Trimmed text, checked against its limit; ``label`` names the field in the message.

    Control characters (other than line breaks and tabs) and text that is not valid
    Unicode (a lone surrogate from an undecodable byte) are refused, never stored.
    """
    text = (value or "").strip()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            _("{field} holds characters that cannot be stored.").format(field=label)
        ) from None
    if CONTROL_RE.search(text):
        raise ValidationError(
            _("{field} holds a control character that is not allowed.").format(field=label)
        )
    if required and not text:
        raise ValidationError(_("{field} must be filled in.").format(field=label))
    if len(text) > limit:
        raise ValidationError(
            _("{field} is too long: {length} characters, at most {limit}.").format(
                field=label, length=len(text), limit=limit
            )
        )
    return text


def clean_email(value: str | None) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if len(text) > 200 or not EMAIL_RE.match(text):
        raise ValidationError(_("{value} is not an e-mail address.").format(value=text))
    return text


def clean_phone(value: str | None) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if not PHONE_RE.match(text):
        raise ValidationError(_("{value} is not a phone number.").format(value=text))
    return text


def check_school_year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise ValidationError(
            _("{year} is not a school year (use the first year, e.g. 2026 for 2026/27).").format(
                year=year
            )
        )
    return year
