"""The use cases of a class that moves between teachers (see the package's docstring)."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, select

from skolehjem_desktop import __version__
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import Service
from skolehjem_desktop.services.class_transfer import (
    ClassFile,
    ExportSummary,
    ImportCounts,
    ImportPreview,
    ImportResult,
    KindCounts,
    PupilLine,
    payload,
)
from skolehjem_desktop.services.class_transfer import choices as words
from skolehjem_desktop.services.class_transfer.apply import Importer, Outcome
from skolehjem_desktop.services.class_transfer.records import BadRecord, by_name, encode, tables
from skolehjem_desktop.services.class_transfer.resolve import ChoiceBook
from skolehjem_desktop.services.class_transfer.scope import collect
from skolehjem_desktop.services.pdfs import write_atomically
from skolehjem_desktop.services.protection import check_passphrase
from skolehjem_desktop.services.refusals import ClassFileRefused, describe
from skolehjem_desktop.store import class_file
from skolehjem_desktop.store.models import Base, SchoolClass, Setting, SyncReceived
from skolehjem_desktop.store.models.sync import SyncConflict, SyncTombstone
from skolehjem_desktop.store.refusals import Refusal

__all__ = ["ClassFileRefused", "ClassTransferService", "Refusal"]

SCHOOL_NAME: Final = "school_name"
MAX_FILE: Final = class_file.MAX_PAYLOAD  # a sealed file is never larger than its payload


class _Preview(Exception):
    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome


def _counts(counter: Mapping[str, int]) -> ImportCounts:
    return ImportCounts(**{k: int(counter.get(k, 0)) for k in ImportCounts.__dataclass_fields__})


def _sender(sender: Mapping[str, Any]) -> str:
    return f"{sender['name']} ({sender['initials']})" if sender["initials"] else sender["name"]


class ClassTransferService(Service):
    """Export a class to a sealed file; read, preview and import one; the choices after."""

    scrypt_n: int = class_file.SCRYPT_N  # the tests make it cheaper

    @property
    def _infos(self) -> tuple[Any, ...]:
        return tables(Base.metadata)

    # --- export -------------------------------------------------------------------------

    def export_class(
        self, class_id: int, out: Path, passphrase: str, *, include_private: bool = False
    ) -> ExportSummary:
        """Write the class ``class_id`` and everything about its pupils to ``out``."""
        check_passphrase(passphrase)
        with self.db.reading() as s:
            klass = s.get(SchoolClass, class_id)
            if klass is None:
                raise NotFoundError(_("There is no class with id {id}.").format(id=class_id))
            document = self._document(s.connection(), class_id, include_private)
        data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
        # whole or not at all, readable by the user alone (mkstemp beside it, renamed)
        write_atomically(Path(out), class_file.seal(data, passphrase, n=self.scrypt_n))
        return ExportSummary(
            Path(out).expanduser(),
            document["class"]["name"],
            document["class"]["school_year"],
            document["pupils"],
            payload.record_count(document),
            include_private,
        )

    def _document(self, conn: Connection, class_id: int, include_private: bool) -> dict[str, Any]:
        infos = self._infos
        scope = collect(conn, infos, class_id, include_private=include_private)
        uids: dict[str, dict[int, str | None]] = {
            name: {row.id: row.uid for row in rows if "id" in row._fields}
            for name, rows in scope.rows.items()
        }
        named = by_name(Base.metadata)

        def uid_of(table: str, ident: int) -> str | None:
            if ident not in uids.setdefault(table, {}):
                target = named[table].table
                uids[table][ident] = conn.scalar(select(target.c.uid).where(target.c.id == ident))
            return uids[table][ident]

        received = dict(conn.execute(select(SyncReceived.uid, SyncReceived.version)).all())
        waiting = set(conn.scalars(select(SyncConflict.uid)))
        records: dict[str, list[dict[str, Any]]] = {}
        for info in infos:
            records[info.name] = [
                {
                    "uid": row.uid,
                    "version": row.version,
                    "changed_at": row.changed_at,
                    "changed_by": row.changed_by,
                    # While a choice waits, neither side's version may replace the other.
                    "base": None if row.uid in waiting else received.get(row.uid),
                    "data": encode(info, dict(row._mapping), uid_of),
                }
                for row in scope.rows.get(info.name, [])
            ]
        klass = scope.rows["school_class"][0]
        user = next((t for t in scope.rows["teacher"] if t.is_user), None)
        stones = conn.execute(
            select(SyncTombstone.uid, SyncTombstone.table_name, SyncTombstone.version)
        ).all()
        return {
            "format": payload.FORMAT,
            "program_version": __version__,
            "exported_at": self.clock().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "school": conn.scalar(select(Setting.value).where(Setting.key == SCHOOL_NAME)) or "",
            "sender": {
                "uid": user.uid if user else None,
                "name": user.name if user else "",
                "initials": user.initials if user else "",
            },
            "class": {"uid": klass.uid, "name": klass.name, "school_year": klass.school_year},
            "include_private": include_private,
            "pupils": len(scope.rows["student"]),
            "tables": records,
            "tombstones": [
                {"uid": uid, "table": table, "version": version}
                for uid, table, version in stones
                if table in named
            ],
        }

    # --- reading a file ---------------------------------------------------------------

    @contextmanager
    def _worded(self, path: Path) -> Iterator[None]:
        try:
            yield
        except ClassFileRefused as refusal:
            if refusal.reason is not None:
                refusal.reword(describe(refusal.reason, **{"path": path, **refusal.facts}))
            raise

    def _bytes(self, path: Path) -> bytes:
        path = Path(path).expanduser()
        try:
            if path.stat().st_size > MAX_FILE:
                raise ClassFileRefused(reason=Refusal.NOT_A_CLASS_FILE)
            return path.read_bytes()
        except OSError as exc:
            raise ValidationError(
                _("{path} could not be read: {reason}").format(
                    path=path, reason=exc.strerror or exc
                )
            ) from exc

    def check_file(self, path: Path) -> None:
        """Refuse a file that is not a class file this program reads, before a passphrase."""
        with self._worded(path):
            class_file.read_header(self._bytes(path)[: class_file.MAX_HEADER + 64])

    def read_file(self, path: Path, passphrase: str) -> ClassFile:
        """Open the class file ``path``; :class:`ClassFileRefused` if it cannot be."""
        with self._worded(path):
            data = class_file.unseal(self._bytes(path), passphrase)
            try:
                document = payload.check(json.loads(data), frozenset(by_name(Base.metadata)))
            except (ValueError, zlib.error) as exc:
                raise ClassFileRefused(reason=Refusal.DAMAGED_CLASS_FILE) from exc
        sender = document["sender"]
        return ClassFile(
            file_name=Path(path).name,
            format=document["format"],
            program_version=document["program_version"],
            exported_at=document["exported_at"],
            sender=f"{sender['name']} ({sender['initials']})"
            if sender["initials"]
            else sender["name"],
            school=document["school"],
            class_name=document["class"]["name"],
            school_year=document["class"]["school_year"],
            include_private=document["include_private"],
            pupils=document["pupils"],
            records=payload.record_count(document),
            payload=document,
        )

    # --- import -----------------------------------------------------------------------

    def _other_school(self, cf: ClassFile) -> str | None:
        with self.db.reading() as s:
            here = s.scalar(select(Setting.value).where(Setting.key == SCHOOL_NAME)) or ""
        theirs = cf.school.strip()
        if theirs and here.strip() and theirs.casefold() != here.strip().casefold():
            return theirs
        return None

    def _adopt_school(self, s: Any, cf: ClassFile) -> None:
        """A data folder without a school's name takes the class file's."""
        here = s.get(Setting, SCHOOL_NAME)
        if cf.school and (here is None or not here.value.strip()):
            s.merge(Setting(key=SCHOOL_NAME, value=cf.school))

    def _run(self, cf: ClassFile, *, keep: bool) -> Outcome:
        with self._worded(Path(cf.file_name)):
            try:
                with self.db.transaction() as s:
                    importer = Importer(
                        s.connection(), self._infos, cf.payload, received_at=self.clock()
                    )
                    outcome = importer.run()
                    if not keep:
                        raise _Preview(outcome)
                    self._adopt_school(s, cf)
            except _Preview as preview:
                return preview.outcome
            except (BadRecord, KeyError, TypeError) as exc:
                raise ClassFileRefused(reason=Refusal.DAMAGED_CLASS_FILE) from exc
        return outcome

    def _kinds(self, outcome: Outcome) -> tuple[ImportCounts, tuple[KindCounts, ...]]:
        total: Counter[str] = Counter()
        kinds = []
        order = list(words.KINDS)
        for info in sorted(
            self._infos, key=lambda i: order.index(i.name) if i.name in order else 99
        ):
            counter = outcome.counts.get(info.name, Counter())
            total.update(counter)
            if sum(counter.values()):
                label = words.kind_label(info.name, many=True)
                kinds.append(KindCounts(info.name, label, _counts(counter)))
        return _counts(total), tuple(kinds)

    def preview(self, cf: ClassFile) -> ImportPreview:
        """What importing ``cf`` would do, counted; nothing is written."""
        with self.db.reading() as s:
            klass = s.scalar(
                select(SchoolClass.id).where(
                    SchoolClass.name == cf.class_name, SchoolClass.school_year == cf.school_year
                )
            )
        pupils = self._pupils(cf)
        outcome = self._run(cf, keep=False)
        counts, kinds = self._kinds(outcome)
        return ImportPreview(
            cf,
            klass is not None,
            pupils,
            counts,
            kinds,
            self._other_school(cf),
            outcome.contact_teacher,
        )

    def _pupils(self, cf: ClassFile) -> tuple[PupilLine, ...]:
        info = by_name(Base.metadata)["student"]
        lines = []
        with self.db.reading() as s:
            conn = s.connection()
            finder = Importer(
                conn, self._infos, cf.payload, received_at=self.clock(), writing=False
            )
            klass = by_name(Base.metadata)["school_class"]
            record = next(
                (r for r in cf.payload["tables"].get("school_class", [])
                 if r["uid"] == cf.payload["class"]["uid"]),
                None,
            )  # fmt: skip
            if record is not None:
                here = finder.find(klass, record, finder.values_of(klass, record) or {},
                                   remember=False)  # fmt: skip
                finder.class_id = here.values["id"] if here is not None else None
            for record in cf.payload["tables"].get("student", []):
                data = record["data"]
                name = f"{data.get('first_name', '')} {data.get('last_name', '')}".strip()
                try:
                    values = finder.values_of(info, record) or {}
                except (BadRecord, KeyError, TypeError):
                    values = {}
                found = finder.find(info, record, values, remember=False)
                lines.append(PupilLine(name, found is not None))
        return tuple(sorted(lines, key=lambda line: line.name.casefold()))

    def apply(self, cf: ClassFile, *, other_school: bool = False) -> ImportResult:
        """Import ``cf`` in one transaction; the user becomes a contact teacher of the class."""
        school = self._other_school(cf)
        if school is not None and not other_school:
            raise ValidationError(
                _(
                    "The class file comes from another school ({school}). Nothing was "
                    "imported. Import it anyway only if the class really moves to this school."
                ).format(school=school)
            )
        outcome = self._run(cf, keep=True)
        counts, kinds = self._kinds(outcome)
        return ImportResult(outcome.class_id, counts, kinds)

    # --- the choices ------------------------------------------------------------------

    @property
    def _book(self) -> ChoiceBook:
        return ChoiceBook(self.db, self._infos)

    def choices(self) -> list[Any]:
        """The records waiting for the teacher to choose a version, oldest first."""
        return self._book.list()

    def resolve(self, choice_id: int, *, take_theirs: bool) -> None:
        """Keep mine, or use the colleague's version, of the choice ``choice_id``."""
        self._book.resolve(choice_id, take_theirs=take_theirs)
