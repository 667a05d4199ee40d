"""Writing many rows at once, for the services' bulk methods (the ``…_in`` ones).

A bulk method works in the caller's transaction (like
:meth:`~skolehjem_desktop.services.conversations.ConversationService.plan_in`), checks
its input as the single-item method of the same service does, then writes each table
with one statement here instead of one flush per row: a whole school's history, tens of
thousands of rows, is written in about a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import QueryableAttribute, Session

from skolehjem_desktop.domain import rules
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.problems import describe
from skolehjem_desktop.store.models import Base, StudentGuardian

Row = dict[str, Any]
T = TypeVar("T")

# SQLite takes at most 32766 bound values in one statement; stay far below it.
CHUNK = 900


def chunks(ids: Iterable[int]) -> list[list[int]]:
    """``ids``, sorted and without repeats, in lists short enough for one ``IN (…)``."""
    wanted = sorted(set(ids))
    return [wanted[start : start + CHUNK] for start in range(0, len(wanted), CHUNK)]


def clean(value: str | None, label: str, limit: int, *, required: bool = False) -> str:
    """:func:`~skolehjem_desktop.services.base.clean_text` for a bulk method's many texts.

    ``label`` is the message id (marked with ``N_``); it is translated only for the error,
    not for each of the thousands of values that pass.
    """
    try:
        return rules.check_text(value, limit, required=required)
    except rules.Invalid as error:
        raise ValidationError(describe(error, _(label))) from None


def insert_rows(s: Session, model: type[Base], rows: Sequence[Row]) -> None:
    """Insert ``rows`` (column name → value) into ``model``'s table in one statement."""
    if rows:
        s.execute(insert(cast(Table, model.__table__)), list(rows))


def insert_returning_ids(s: Session, model: type[Base], rows: Sequence[Row]) -> list[int]:
    """Insert ``rows`` into ``model``'s table; the new ids, in the order of ``rows``.

    The ids are not given: SQLite gives each row one more than the largest id in the
    table (the id is the table's rowid, without AUTOINCREMENT), so rows inserted one
    after the other get the ids that follow the largest before, in their order; the
    largest after proves it. (``INSERT … RETURNING`` in the order of the rows would cost
    one statement per row.) Inside the caller's write transaction no one else can
    insert meanwhile.
    """
    if not rows:
        return []
    table = cast(Table, model.__table__)
    largest = select(func.max(table.c.id))
    before = s.scalar(largest) or 0
    s.execute(insert(table), list(rows))
    after = s.scalar(largest) or 0
    if after != before + len(rows):  # pragma: no cover - a table the rule does not hold for
        raise RuntimeError(f"{table.name}: {len(rows)} rows inserted, ids up to {after}")
    return list(range(before + 1, after + 1))


def values_by_id(
    s: Session, model: type[Base], column: QueryableAttribute[T], ids: Iterable[int]
) -> dict[int, T]:
    """``column`` of each row of ``model`` whose id is one of ``ids``."""
    key = model.__table__.c.id
    found: dict[int, T] = {}
    for chunk in chunks(ids):
        for ident, value in s.execute(select(key, column).where(key.in_(chunk))):
            found[ident] = value
    return found


def check_exist(s: Session, model: type[Base], ids: Iterable[int], what: str) -> None:
    """Raise :class:`NotFoundError` naming ``what`` unless every one of ``ids`` exists.

    ``what`` is the message id (marked with ``N_``), translated only for the error.
    """
    key = model.__table__.c.id
    wanted = set(ids)
    found: set[int] = set()
    for chunk in chunks(wanted):
        found.update(s.scalars(select(key).where(key.in_(chunk))))
    missing = wanted - found
    if missing:
        raise NotFoundError(
            _("{what} with id {id} does not exist.").format(what=_(what), id=min(missing))
        )


def guardian_pairs(s: Session, student_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(pupil id, guardian id) for every guardian of the pupils ``student_ids``."""
    pairs: set[tuple[int, int]] = set()
    for chunk in chunks(student_ids):
        query = select(StudentGuardian.student_id, StudentGuardian.guardian_id).where(
            StudentGuardian.student_id.in_(chunk)
        )
        pairs.update((student_id, guardian_id) for student_id, guardian_id in s.execute(query))
    return pairs
