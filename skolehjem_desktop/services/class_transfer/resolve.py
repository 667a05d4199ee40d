"""The list of choices after an import, and the teacher's choice for each.

A choice is a ``sync_conflict`` row: the colleague's version of a record, kept whole. The
teacher keeps their own version, or uses the colleague's; until then both are kept.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.i18n import _, clock, short_date
from skolehjem_desktop.services.class_transfer import Choice, ChoiceReason
from skolehjem_desktop.services.class_transfer import choices as words
from skolehjem_desktop.services.class_transfer.apply import Found, Importer, _where
from skolehjem_desktop.services.class_transfer.records import BadRecord, TableInfo
from skolehjem_desktop.store.database import Database
from skolehjem_desktop.store.models import SchoolClass, Student, SyncConflict, SyncReceived

_EMPTY: Mapping[str, Any] = {
    "tables": {},
    "tombstones": [],
    "sender": {"name": "", "initials": ""},
}


def _when(stamp: str | None) -> str:
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return ""
    return f"{short_date(moment.date())} {clock(moment)}"


class ChoiceBook:
    def __init__(self, db: Database, infos: tuple[TableInfo, ...]) -> None:
        self.db = db
        self.by_name = {info.name: info for info in infos}
        self.infos = infos

    def _importer(self, conn: Connection, *, writing: bool = False) -> Importer:
        return Importer(conn, self.infos, _EMPTY, received_at=dt.datetime.now(), writing=writing)

    def _sides(
        self, conn: Connection, row: SyncConflict
    ) -> tuple[TableInfo, dict[str, Any], Found | None, dict[str, Any] | None]:
        info = self.by_name.get(row.table_name)
        if info is None:
            raise BadRecord(row.table_name)
        record = json.loads(row.data)
        importer = self._importer(conn)
        found = importer.find(info, {"uid": row.uid}, {}, remember=False)
        theirs = None if record.get("deleted") else importer.values_of(info, record)
        if theirs is None and not record.get("deleted"):
            theirs = {c: record["data"].get(c) for c in info.content if c not in info.refs}
        return info, record, found, theirs

    def _named(
        self, conn: Connection, info: TableInfo, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        """``values`` with the class, parent or teacher it names by their names."""
        out = dict(values)
        for column in words.SHOWN_REFS:
            target = info.refs.get(column)
            if target is None or values.get(column) is None:
                continue
            table = self.by_name[target].table
            out[column] = (
                conn.scalar(select(table.c.name).where(table.c.id == values[column])) or ""
            )
        return out

    def _author(self, conn: Connection, record: Mapping[str, Any]) -> str:
        """Who made the colleague's version, by the teachers here (imported since, too)."""
        uid = record.get("changed_by")
        if not isinstance(uid, str):
            return ""
        importer = self._importer(conn)
        teacher = self.by_name["teacher"].table
        row = conn.execute(
            select(teacher.c.name, teacher.c.initials).where(
                teacher.c.uid == importer._local_uid(uid)
            )
        ).first()
        return f"{row.name} ({row.initials})" if row is not None else ""

    def list(self) -> list[Choice]:
        out = []
        with self.db.reading() as s:
            conn = s.connection()
            for row in s.scalars(select(SyncConflict).order_by(SyncConflict.id)):
                try:
                    info, _record, found, theirs = self._sides(conn, row)
                except (BadRecord, ValueError, KeyError, TypeError):
                    continue
                mine = self._named(conn, info, found.values) if found is not None else None
                theirs = self._named(conn, info, theirs) if theirs is not None else None
                pupil = s.get(Student, row.student_id) if row.student_id else None
                klass = s.get(SchoolClass, row.school_class_id) if row.school_class_id else None
                out.append(
                    Choice(
                        id=row.id,
                        reason=ChoiceReason(row.reason),
                        kind=words.kind_label(info.name),
                        what=words.what(info, theirs or mine or {}),
                        pupil=f"{pupil.first_name} {pupil.last_name}" if pupil else "",
                        class_name=klass.name if klass else "",
                        colleague=self._author(conn, _record) or row.changed_by or row.sender,
                        changed_at=_when(row.changed_at),
                        differences=words.differences(info, mine, theirs),
                    )
                )
        return out

    def resolve(self, choice_id: int, *, take_theirs: bool) -> None:
        with self.db.transaction() as s:
            row = s.get(SyncConflict, choice_id)
            if row is None:
                raise NotFoundError(_("That choice was made already."))
            conn = s.connection()
            self._importer(conn, writing=True)  # the transaction begins here
            info, record, found, _theirs = self._sides(conn, row)
            reason = ChoiceReason(row.reason)
            remove = (reason is ChoiceReason.DELETED_THERE and take_theirs) or (
                reason is ChoiceReason.DELETED_HERE and not take_theirs
            )
            if remove and found is not None:
                conn.execute(delete(info.table).where(_where(info.table, found.key)))
            elif take_theirs and reason in (ChoiceReason.BOTH_CHANGED, ChoiceReason.NOT_PLACED):
                self._put(conn, info, record, found)
            conn.execute(delete(SyncConflict).where(SyncConflict.id == choice_id))

    def _put(
        self, conn: Connection, info: TableInfo, record: Mapping[str, Any], found: Found | None
    ) -> None:
        importer = self._importer(conn)
        values = importer.values_of(info, record)
        if values is None:
            raise ValidationError(
                _(
                    "The colleague's version names a record that is not here (perhaps it "
                    "was deleted). Keep your own, or import the colleague's class file again."
                )
            )
        stamps = importer.stamps(record)
        savepoint = conn.begin_nested()
        try:
            if found is None:
                conn.execute(insert(info.table), {**values, "uid": row_uid(record), **stamps})
            else:
                conn.execute(
                    update(info.table).where(_where(info.table, found.key)), {**values, **stamps}
                )
            savepoint.commit()
        except IntegrityError as exc:
            savepoint.rollback()
            raise ValidationError(
                _(
                    "The colleague's version breaks a rule here ({kind}), so it cannot be "
                    "used; it stays in the list. Change your own version instead."
                ).format(kind=words.kind_label(info.name))
            ) from exc
        uid = found.uid if found is not None else row_uid(record)
        conn.execute(
            insert(SyncReceived).prefix_with("OR REPLACE"),
            {"uid": uid, "version": record["version"]},
        )


def row_uid(record: Mapping[str, Any]) -> str:
    return str(record["uid"])
