"""A record as a class file holds it: its columns by name, other records named by uid.

Found from the models' metadata, so a column added later travels without a line here.
A row's local integer ids (its own, and those of the rows it points to) mean nothing on
another laptop; in the file a foreign key holds the uid of the row it points to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum as PyEnum
from functools import cache
from typing import Any, Final

from sqlalchemy import Boolean, Column, Date, DateTime, Enum, Integer, MetaData, String, Table

from skolehjem_desktop.store.stamps import STAMP_COLUMNS, stamped_tables

# Columns that belong to this laptop alone: who uses the program here.
LOCAL_COLUMNS: Final = frozenset({("teacher", "is_user")})
# Set by the clock of whoever saved last: carried, but not a difference of their own.
CLOCK_COLUMNS: Final = frozenset({"created_at", "updated_at"})


class BadRecord(ValueError):
    """A record in a class file that this program would not have written."""


@dataclass(frozen=True)
class TableInfo:
    table: Table
    has_id: bool  # a single integer primary key "id" (else a link table)
    content: tuple[str, ...]  # the columns the file carries, foreign keys included
    refs: Mapping[str, str]  # foreign key column -> the table whose row it names
    natural: tuple[tuple[str, ...], ...]  # keys that name the same record on two laptops

    @property
    def name(self) -> str:
        return self.table.name

    def compared(self) -> tuple[str, ...]:
        return tuple(c for c in self.content if c not in CLOCK_COLUMNS)


# A pupil, a teacher, a guardian or a class made on each laptop on its own is the same one
# when these agree (a teacher's initials are unique at a school).
NATURAL_KEYS: Final[Mapping[str, tuple[tuple[str, ...], ...]]] = {
    "school_class": (("name", "school_year"),),
    "teacher": (("initials",),),
    "student": (("first_name", "last_name", "birth_date"),),
    "guardian": (("name", "email", "phone"),),
}


def _natural(table: Table, has_id: bool) -> tuple[tuple[str, ...], ...]:
    keys = list(NATURAL_KEYS.get(table.name, ()))
    if not has_id:
        keys.append(tuple(c.name for c in table.primary_key.columns))
    for constraint in table.constraints:
        columns = tuple(getattr(constraint, "columns", ()))
        if type(constraint).__name__ == "UniqueConstraint" and columns:
            names = tuple(c.name for c in columns)
            if names not in keys and "id" not in names:
                keys.append(names)
    return tuple(keys)


@cache
def tables(metadata: MetaData) -> tuple[TableInfo, ...]:
    """Every stamped table, parents before children."""
    infos = []
    for table in stamped_tables(metadata):
        pk = [c.name for c in table.primary_key.columns]
        has_id = pk == ["id"]
        refs = {
            fk.parent.name: fk.column.table.name
            for fk in table.foreign_keys
            if fk.column.name == "id"
        }
        content = tuple(
            c.name
            for c in table.columns
            if not (has_id and c.name == "id")
            and c.name not in STAMP_COLUMNS
            and (table.name, c.name) not in LOCAL_COLUMNS
        )
        infos.append(TableInfo(table, has_id, content, refs, _natural(table, has_id)))
    return tuple(infos)


def by_name(metadata: MetaData) -> dict[str, TableInfo]:
    return {info.name: info for info in tables(metadata)}


def _plain(value: Any) -> Any:
    if isinstance(value, PyEnum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def encode(
    info: TableInfo, row: Mapping[str, Any], uid_of: Callable[[str, int], str | None]
) -> dict[str, Any]:
    """The content of ``row`` as the file holds it (foreign keys as uids)."""
    out: dict[str, Any] = {}
    for name in info.content:
        value = row[name]
        target = info.refs.get(name)
        out[name] = (
            uid_of(target, value) if target is not None and value is not None else _plain(value)
        )
    return out


def _typed(column: Column[Any], value: Any) -> Any:
    kind = column.type
    if value is None:
        if not column.nullable:
            raise BadRecord(f"{column.table.name}.{column.name} is empty")
        return None
    try:
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise BadRecord(column.name)
            return value
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise BadRecord(column.name)
            return value
        if not isinstance(value, str):
            raise BadRecord(column.name)
        if isinstance(kind, DateTime):
            return dt.datetime.fromisoformat(value)
        if isinstance(kind, Date):
            return dt.date.fromisoformat(value)
        if isinstance(kind, Enum) and kind.enum_class is not None:
            return kind.enum_class(value)
        if isinstance(kind, String) and kind.length is not None and len(value) > kind.length:
            raise BadRecord(column.name)
        return value
    except ValueError as exc:
        raise BadRecord(f"{column.table.name}.{column.name}") from exc


class MissingReference(LookupError):
    """A record names another that is neither here nor in the file."""


def decode(
    info: TableInfo,
    content: Mapping[str, Any],
    id_of: Callable[[str, str], int | None],
) -> dict[str, Any]:
    """The column values of a record from the file, its foreign keys as the ids here.

    Raises :class:`BadRecord` for a value of the wrong kind and
    :class:`MissingReference` for a required record that is not here.
    """
    values: dict[str, Any] = {}
    for name in info.content:
        column = info.table.c[name]
        if name not in content:
            raise BadRecord(f"{info.name}.{name} is missing")
        value = content[name]
        target = info.refs.get(name)
        if target is not None and value is not None:
            if not isinstance(value, str):
                raise BadRecord(f"{info.name}.{name}")
            local = id_of(target, value)
            if local is None and not column.nullable:
                raise MissingReference(f"{info.name}.{name}")
            values[name] = local
        else:
            values[name] = _typed(column, value)
    return values


def same_content(info: TableInfo, mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> bool:
    return all(mine.get(c) == theirs.get(c) for c in info.compared())
