"""Which rows belong to a class: the class, its pupils and everything about them.

Found from the models' foreign keys, so a new kind of record about a pupil or a class
travels without a line here. Starting from the class and the pupils enrolled in it (in
any school year), a row of any other table belongs to the class when every record it
names (other than a teacher, a guardian or a row of its own table) belongs to it too, and
it names at least one. The teachers and guardians that the rows name come along, and so
does every teacher named as the author of a change.

The teacher's private preparation stays behind unless the teacher asked for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import Connection, Row, select

from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.services.class_transfer.records import TableInfo

# Named by a record about a class, but not owned by it: they come along when named.
SHARED: Final = ("teacher", "guardian")


@dataclass
class Scope:
    """The rows of a class, table by table (each row with its stamp columns)."""

    rows: dict[str, list[Row[Any]]] = field(default_factory=dict)
    ids: dict[str, set[int]] = field(default_factory=dict)

    def count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


def _belongs(info: TableInfo, row: Mapping[str, Any], ids: Mapping[str, set[int]]) -> bool:
    named = 0
    for column, target in info.refs.items():
        value = row[column]
        if value is None or target in SHARED or target == info.name:
            continue
        if value not in ids.get(target, set()):
            return False
        named += 1
    return named > 0


def collect(
    conn: Connection,
    infos: tuple[TableInfo, ...],
    class_id: int,
    *,
    include_private: bool,
) -> Scope:
    """Every row of the class ``class_id``; private preparation only if asked."""
    by_name = {info.name: info for info in infos}
    scope = Scope()
    klass = by_name["school_class"].table
    enrolment = by_name["enrolment"].table
    student = by_name["student"].table
    pupil_ids = set(
        conn.scalars(select(enrolment.c.student_id).where(enrolment.c.class_id == class_id))
    )
    scope.rows["school_class"] = list(conn.execute(select(klass).where(klass.c.id == class_id)))
    scope.ids["school_class"] = {class_id}
    scope.rows["student"] = list(
        conn.execute(select(student).where(student.c.id.in_(pupil_ids)).order_by(student.c.id))
    )
    scope.ids["student"] = pupil_ids
    named: dict[str, set[int]] = {name: set() for name in SHARED}
    for info in infos:
        if info.name in scope.rows or info.name in SHARED:
            continue
        rows = []
        order = list(info.table.primary_key.columns)
        for row in conn.execute(select(info.table).order_by(*order)):
            mapping = dict(row._mapping)
            if not _belongs(info, mapping, scope.ids):
                continue
            if (
                info.name == "conversation_section"
                and not include_private
                and mapping["kind"] in (SectionKind.PRIVATE_PREPARATION, "private_preparation")
            ):
                continue
            rows.append(row)
            for column, target in info.refs.items():
                if target in SHARED and mapping[column] is not None:
                    named[target].add(mapping[column])
        scope.rows[info.name] = rows
        scope.ids[info.name] = {r.id for r in rows} if info.has_id else set()
    _add_shared(conn, by_name, scope, named)
    return scope


def _add_shared(
    conn: Connection,
    by_name: Mapping[str, TableInfo],
    scope: Scope,
    named: dict[str, set[int]],
) -> None:
    """The guardians and teachers the rows name, and every author of a change."""
    teacher = by_name["teacher"].table
    guardian = by_name["guardian"].table
    scope.rows["guardian"] = list(
        conn.execute(
            select(guardian).where(guardian.c.id.in_(named["guardian"])).order_by(guardian.c.id)
        )
    )
    authors = {row.changed_by for rows in scope.rows.values() for row in rows if row.changed_by}
    scope.rows["teacher"] = list(
        conn.execute(
            select(teacher)
            .where(
                teacher.c.id.in_(named["teacher"])
                | teacher.c.uid.in_(authors)
                | (teacher.c.is_user == True)  # noqa: E712 - SQL, not Python
            )
            .order_by(teacher.c.id)
        )
    )
    for name in SHARED:
        scope.ids[name] = {row.id for row in scope.rows[name]}
