"""What every service shares: the database, the clock, and plain checks of typed input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from skolehjem_desktop.domain import rules
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.problems import describe
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.database import Database

T = TypeVar("T")


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


def clean_text(value: str | None, label: str, limit: int, *, required: bool = False) -> str:
    """Trimmed text, checked against its limit; ``label`` names the field in the message.

    Control characters (other than line breaks and tabs) and text that is not valid
    Unicode (a lone surrogate from an undecodable byte) are refused, never stored. The
    rule is :func:`skolehjem_desktop.domain.rules.check_text`, the import's too.
    """
    try:
        return rules.check_text(value, limit, required=required)
    except rules.Invalid as error:
        raise ValidationError(describe(error, label)) from None


def clean_email(value: str | None) -> str | None:
    try:
        return rules.check_email(value)
    except rules.Invalid as error:
        raise ValidationError(describe(error)) from None


def clean_phone(value: str | None) -> str | None:
    try:
        return rules.check_phone(value)
    except rules.Invalid as error:
        raise ValidationError(describe(error)) from None


def check_school_year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise ValidationError(
            _("{year} is not a school year (use the first year, e.g. 2026 for 2026/27).").format(
                year=year
            )
        )
    return year
