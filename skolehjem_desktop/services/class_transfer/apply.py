"""The import of a class file: every record decided (:mod:`.merge`) and written, in one
transaction the caller owns.

A record of the file is found here by its uid, by a uid it was matched to before
(``sync_alias``), or by its natural key (the same pupil, class, teacher, guardian or link
made on each laptop on its own; then the match is remembered). Each record is written
in a savepoint of its own: one the rules here refuse (a pupil already in another class
that year, say) is kept aside whole as a choice, never dropped, and the rest goes in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from skolehjem_desktop.services.class_transfer import ChoiceReason
from skolehjem_desktop.services.class_transfer.merge import Action, Burial, decide, decide_burial
from skolehjem_desktop.services.class_transfer.records import (
    BadRecord,
    MissingReference,
    TableInfo,
    decode,
)
from skolehjem_desktop.store.models import SyncAlias, SyncConflict, SyncReceived
from skolehjem_desktop.store.models.sync import SyncTombstone

COUNTED = {
    Action.INSERT: "new",
    Action.SAME: "unchanged",
    Action.KEEP: "unchanged",
    Action.STAY_DELETED: "unchanged",
    Action.TAKE: "updated",
    Action.BOTH: "choices",
    Action.REVIVE: "choices",
}


# The natural keys that still name a record with these columns empty.
NULLABLE_KEYS = frozenset(
    {
        ("student", ("birth_date",)),
        ("guardian", ("email",)),
        ("guardian", ("phone",)),
    }
)


@dataclass
class Found:
    """A record of the file as it is here."""

    key: dict[str, Any]  # the primary key's columns
    uid: str
    version: str | None
    values: dict[str, Any]


@dataclass
class Outcome:
    class_id: int
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    contact_teacher: bool = False


def begin_writing(conn: Connection) -> None:
    """Open the transaction for real before the first savepoint.

    Python's sqlite3 module sends BEGIN only before an INSERT, UPDATE or DELETE. A
    SAVEPOINT sent first would start a transaction of its own, and releasing it would
    commit everything written so far: the import would no longer be one transaction.
    A delete that deletes nothing makes the module begin.
    """
    conn.execute(delete(SyncAlias).where(SyncAlias.uid.is_(None)))


def _where(table: Table, key: Mapping[str, Any]) -> Any:
    return and_(*(table.c[name] == value for name, value in key.items()))


class Importer:
    def __init__(
        self,
        conn: Connection,
        infos: tuple[TableInfo, ...],
        document: Mapping[str, Any],
        *,
        received_at: dt.datetime,
        writing: bool = True,
    ) -> None:
        self.conn = conn
        self.infos = infos
        self.by_name = {info.name: info for info in infos}
        self.doc = document
        self.received_at = received_at
        self.local: dict[str, str] = {}  # uid in the file -> uid here
        self.file_uids = {r["uid"] for rs in document["tables"].values() for r in rs}
        sender = document["sender"]
        self.sender = (
            f"{sender['name']} ({sender['initials']})" if sender["initials"] else sender["name"]
        )
        self.counts: dict[str, Counter[str]] = {}
        self.class_id: int | None = None
        if writing:
            begin_writing(conn)

    # --- finding ----------------------------------------------------------------------

    def _row(self, info: TableInfo, where: Any) -> Found | None:
        row = self.conn.execute(select(info.table).where(where)).first()
        if row is None:
            return None
        values = dict(row._mapping)
        key = {c.name: values[c.name] for c in info.table.primary_key.columns}
        return Found(key, values["uid"], values["version"], values)

    def _local_uid(self, uid: str) -> str:
        if uid not in self.local:
            alias = self.conn.scalar(select(SyncAlias.local_uid).where(SyncAlias.uid == uid))
            self.local[uid] = alias or uid
        return self.local[uid]

    def id_of(self, table: str, uid: str) -> int | None:
        target = self.by_name[table].table
        return self.conn.scalar(select(target.c.id).where(target.c.uid == self._local_uid(uid)))

    def find(
        self,
        info: TableInfo,
        record: Mapping[str, Any],
        values: Mapping[str, Any],
        *,
        remember: bool = True,
    ) -> Found | None:
        """The record here: by uid, by a match made before, or by its natural key."""
        found = self._row(info, info.table.c.uid == self._local_uid(record["uid"]))
        if found is not None:
            return found
        for names in info.natural:
            where = self._natural(info, names, values)
            if where is None:
                continue
            found = self._row(info, where)
            if found is not None and found.uid not in self.file_uids:
                if remember:
                    self.conn.execute(
                        insert(SyncAlias).prefix_with("OR REPLACE"),
                        {"uid": record["uid"], "local_uid": found.uid},
                    )
                    self.local[record["uid"]] = found.uid
                return found
        return None

    def _natural(
        self, info: TableInfo, names: tuple[str, ...], values: Mapping[str, Any]
    ) -> Any | None:
        """The condition finding the same record by ``names``, or None if they say too little.

        A pupil without a birth date is the same pupil by name only within the class; a
        parent without an e-mail and a phone is never matched by name alone.
        """
        table = info.table
        empty = [n for n in names if values.get(n) is None]
        if empty and (info.name, tuple(empty)) not in NULLABLE_KEYS:
            return None
        where = and_(
            *(table.c[n].is_(None) if n in empty else table.c[n] == values[n] for n in names)
        )
        if info.name == "student" and empty:
            if self.class_id is None:
                return None
            enrolment = self.by_name["enrolment"].table
            where = and_(
                where,
                table.c.id.in_(
                    select(enrolment.c.student_id).where(enrolment.c.class_id == self.class_id)
                ),
            )
        return where

    def values_of(self, info: TableInfo, record: Mapping[str, Any]) -> dict[str, Any] | None:
        """The record's columns as here, or None when a record it needs is not here."""
        try:
            return decode(info, record["data"], self.id_of)
        except MissingReference:
            return None

    # --- bookkeeping ------------------------------------------------------------------

    def _received(self, local_uid: str) -> str | None:
        return self.conn.scalar(select(SyncReceived.version).where(SyncReceived.uid == local_uid))

    def _receive(self, local_uid: str, version: str) -> None:
        self.conn.execute(
            insert(SyncReceived).prefix_with("OR REPLACE"), {"uid": local_uid, "version": version}
        )

    def _buried(self, local_uid: str) -> str | None:
        row = self.conn.execute(
            select(SyncTombstone.version).where(SyncTombstone.uid == local_uid)
        ).first()
        return None if row is None else (row.version or "")

    def _waiting(self, uid: str, version: str | None) -> bool:
        waiting = self.conn.scalar(
            select(func.count())
            .select_from(SyncConflict)
            .where(SyncConflict.uid == uid, SyncConflict.version == (version or ""))
        )
        return bool(waiting)

    def _owner(
        self, info: TableInfo, values: Mapping[str, Any], local_id: int | None
    ) -> int | None:
        if info.name == "student":
            return local_id
        if values.get("student_id") is not None:
            return int(values["student_id"])
        conversation_id = values.get("conversation_id")
        if conversation_id is not None:
            table = self.by_name["conversation"].table
            found = self.conn.scalar(
                select(table.c.student_id).where(table.c.id == conversation_id)
            )
            return int(found) if found is not None else None
        return None

    def set_aside(
        self,
        info: TableInfo,
        record: Mapping[str, Any],
        reason: ChoiceReason,
        values: Mapping[str, Any] | None = None,
        local_id: int | None = None,
    ) -> None:
        """Keep the colleague's version of ``record`` whole, for the teacher to choose."""
        self.conn.execute(
            insert(SyncConflict),
            {
                "table_name": info.name,
                "uid": self._local_uid(record["uid"]),
                "reason": reason.value,
                "student_id": self._owner(info, values or {}, local_id),
                "school_class_id": self.class_id,
                "data": json.dumps(record, ensure_ascii=False, sort_keys=True),
                "version": record.get("version") or "",
                "changed_at": record.get("changed_at"),
                "changed_by": self._author(record.get("changed_by")),
                "sender": self.sender,
                "received_at": self.received_at,
            },
        )

    def _author(self, uid: str | None) -> str:
        if uid is None:
            return ""
        teacher = self.by_name["teacher"].table
        row = self.conn.execute(
            select(teacher.c.name, teacher.c.initials).where(teacher.c.uid == self._local_uid(uid))
        ).first()
        return f"{row.name} ({row.initials})" if row is not None else ""

    def stamps(self, record: Mapping[str, Any]) -> dict[str, Any]:
        author = record.get("changed_by")
        return {
            "version": record["version"],
            "changed_at": record.get("changed_at"),
            "changed_by": self._local_uid(author) if author else None,
        }

    # --- one record -------------------------------------------------------------------

    def record(self, info: TableInfo, record: Mapping[str, Any]) -> Action | None:
        """Decide and write one record; None when it was kept aside (not placed)."""
        values = self.values_of(info, record)
        found = self.find(info, record, values or {})
        local_uid = found.uid if found is not None else self._local_uid(record["uid"])
        if values is None:
            if record["version"] == self._received(local_uid):
                return Action.SAME  # set aside before (and perhaps chosen already)
            self.set_aside(info, record, ChoiceReason.NOT_PLACED)
            self._receive(local_uid, record["version"])
            return None
        if self._waiting(local_uid, record["version"]):
            return Action.SAME  # this very version waits for a choice already
        received = self._received(local_uid)
        same = found is not None and all(found.values[c] == values[c] for c in info.compared())
        action = decide(
            mine=found.version if found is not None else None,
            theirs=record["version"],
            same_content=same,
            received=received,
            base=record.get("base"),
            buried=self._buried(local_uid) if found is None else None,
        )
        placed = self.write(info, record, values, found, action)
        self._receive(local_uid, record["version"])
        return action if placed else None

    def write(
        self,
        info: TableInfo,
        record: Mapping[str, Any],
        values: dict[str, Any],
        found: Found | None,
        action: Action,
    ) -> bool:
        table = info.table
        savepoint = self.conn.begin_nested()
        try:
            if action in (Action.INSERT, Action.REVIVE):
                self.conn.execute(
                    insert(table), {**values, "uid": record["uid"], **self.stamps(record)}
                )
                if action is Action.REVIVE:
                    self.set_aside(info, record, ChoiceReason.DELETED_HERE, values)
            elif action is Action.TAKE and found is not None:
                self.conn.execute(
                    update(table).where(_where(table, found.key)),
                    {**values, **self.stamps(record)},
                )
            elif action is Action.SAME and found is not None:
                # The same text, two versions: both laptops keep the greater one.
                if found.version is not None and record["version"] > found.version:
                    self.conn.execute(
                        update(table).where(_where(table, found.key)), self.stamps(record)
                    )
            elif action is Action.BOTH and found is not None:
                self.set_aside(
                    info, record, ChoiceReason.BOTH_CHANGED, values, found.values.get("id")
                )
            savepoint.commit()
        except IntegrityError:
            savepoint.rollback()
            self.set_aside(info, record, ChoiceReason.NOT_PLACED, values)
            return False
        return True

    # --- the whole file ---------------------------------------------------------------

    def _ordered(self, info: TableInfo, records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """A table's records, each after the record of its own table it names."""
        own = [c for c, target in info.refs.items() if target == info.name]
        if not own:
            yield from records
            return
        pending = list(records)
        done: set[str] = set()
        in_file = {r["uid"] for r in records}
        while pending:
            ready = [
                r
                for r in pending
                if all(r["data"].get(c) not in in_file or r["data"].get(c) in done for c in own)
            ] or pending[:1]  # a loop: break it anywhere
            for r in ready:
                pending.remove(r)
                done.add(r["uid"])
                yield r

    def run(self) -> Outcome:
        tables = self.doc["tables"]
        for info in self.infos:
            counts = self.counts.setdefault(info.name, Counter())
            for record in self._ordered(info, tables.get(info.name, [])):
                action = self.record(info, record)
                counts["choices" if action is None else COUNTED[action]] += 1
            if info.name == "school_class":
                self.class_id = self.id_of("school_class", self.doc["class"]["uid"])
                if self.class_id is None:
                    raise BadRecord("the class itself")
        self._bury()
        assert self.class_id is not None
        outcome = Outcome(self.class_id, self.counts)
        outcome.contact_teacher = self._make_contact_teacher()
        return outcome

    def _bury(self) -> None:
        order = {info.name: i for i, info in enumerate(self.infos)}
        stones = sorted(self.doc["tombstones"], key=lambda t: -order[t["table"]])
        for stone in stones:
            info = self.by_name[stone["table"]]
            found = self._row(info, info.table.c.uid == self._local_uid(stone["uid"]))
            burial = decide_burial(
                mine=found.version if found is not None else None,
                buried=stone["version"],
                received=self._received(found.uid) if found is not None else None,
            )
            if burial is Burial.GONE or found is None:
                continue
            counts = self.counts.setdefault(info.name, Counter())
            if burial is Burial.DELETE and not self._has_children(info, found):
                savepoint = self.conn.begin_nested()
                try:
                    self.conn.execute(delete(info.table).where(_where(info.table, found.key)))
                    savepoint.commit()
                    counts["deleted"] += 1
                    continue
                except IntegrityError:
                    savepoint.rollback()
            if self._waiting(found.uid, stone["version"]):
                continue
            record = {"uid": found.uid, "version": stone["version"], "deleted": True, "data": {}}
            self.set_aside(
                info, record, ChoiceReason.DELETED_THERE, found.values, found.values.get("id")
            )
            counts["kept"] += 1

    def _has_children(self, info: TableInfo, found: Found) -> bool:
        """Whether a record here still names ``found`` (a deletion would take it along)."""
        if not info.has_id:
            return False
        for child in self.infos:
            for column, target in child.refs.items():
                if target != info.name:
                    continue
                n = self.conn.scalar(
                    select(func.count())
                    .select_from(child.table)
                    .where(child.table.c[column] == found.key["id"])
                )
                if n:
                    return True
        return False

    def _make_contact_teacher(self) -> bool:
        teacher = self.by_name["teacher"].table
        user = self.conn.scalar(select(teacher.c.id).where(teacher.c.is_user == True))  # noqa: E712
        if user is None:
            return False
        link = self.by_name["class_teacher"].table
        where = and_(link.c.class_id == self.class_id, link.c.teacher_id == user)
        row = self.conn.execute(select(link.c.is_contact_teacher).where(where)).first()
        if row is None:
            self.conn.execute(
                insert(link),
                {"class_id": self.class_id, "teacher_id": user, "is_contact_teacher": True},
            )
        elif not row.is_contact_teacher:
            self.conn.execute(update(link).where(where).values(is_contact_teacher=True))
        return True
