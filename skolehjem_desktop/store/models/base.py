"""The declarative base, the names the constraints get, and the helpers every model uses.

Rules that the database itself can keep are kept in the models: foreign keys, CHECK
constraints for every closed vocabulary, sane ranges and text lengths. The limits on
text the teacher types are :mod:`skolehjem_desktop.domain.limits`; the services check
them first and say so plainly, the CHECK constraints hold them for anything else.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import CheckConstraint, Enum, MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _enum(cls: type[StrEnum], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


def _maxlen(column: str, limit: int) -> CheckConstraint:
    return CheckConstraint(f"length({column}) <= {limit}", name=f"{column}_length")


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
