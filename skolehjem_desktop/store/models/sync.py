"""What a class file exchange remembers: deletions, versions received, ids matched, choices.

See :mod:`skolehjem_desktop.store.stamps` for the ids and stamps every record carries.

:class:`SyncTombstone`
    a deleted record: its uid, its table and the version it had (nothing it held);
:class:`SyncReceived`
    for each record that came in a colleague's class file, the version it came with:
    what the two laptops had in common at the last exchange;
:class:`SyncAlias`
    a record of the colleague's that was matched to one already here (the same class,
    teacher or pupil, made on each laptop on its own): their uid and ours;
:class:`SyncConflict`
    a record both teachers changed since the last exchange (or that could not be put in
    place): the colleague's version, kept whole until the teacher chooses.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from skolehjem_desktop.domain.limits import NAME_MAX
from skolehjem_desktop.store.models.base import Base
from skolehjem_desktop.store.stamps import STAMP_LENGTH, UID_LENGTH, VERSION_LENGTH

TABLE_NAME_MAX = 64
REASON_MAX = 32


class SyncTombstone(Base):
    __tablename__ = "sync_tombstone"
    uid: Mapped[str] = mapped_column(String(UID_LENGTH), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(TABLE_NAME_MAX))
    version: Mapped[str | None] = mapped_column(String(VERSION_LENGTH))
    deleted_at: Mapped[str] = mapped_column(String(STAMP_LENGTH))


class SyncReceived(Base):
    __tablename__ = "sync_received"
    uid: Mapped[str] = mapped_column(String(UID_LENGTH), primary_key=True)
    version: Mapped[str] = mapped_column(String(VERSION_LENGTH))


class SyncAlias(Base):
    __tablename__ = "sync_alias"
    uid: Mapped[str] = mapped_column(String(UID_LENGTH), primary_key=True)
    local_uid: Mapped[str] = mapped_column(String(UID_LENGTH), index=True)


class SyncConflict(Base):
    """A colleague's version of a record, waiting for the teacher's choice.

    ``data`` is the record as the class file held it (JSON, other records named by
    uid). ``student_id``/``school_class_id``: whose record it is, so that deleting the
    pupil (or the class) deletes it too and the access request finds it.
    """

    __tablename__ = "sync_conflict"
    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(TABLE_NAME_MAX))
    uid: Mapped[str] = mapped_column(String(UID_LENGTH), index=True)
    reason: Mapped[str] = mapped_column(String(REASON_MAX))
    student_id: Mapped[int | None] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), index=True
    )
    school_class_id: Mapped[int | None] = mapped_column(
        ForeignKey("school_class.id", ondelete="CASCADE"), index=True
    )
    data: Mapped[str] = mapped_column(Text)
    version: Mapped[str] = mapped_column(String(VERSION_LENGTH))
    changed_at: Mapped[str | None] = mapped_column(String(STAMP_LENGTH))
    changed_by: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    sender: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
