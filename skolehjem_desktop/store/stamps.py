"""Every record's stable id and change stamp, kept by the database itself.

A class travels between teachers' laptops (``services/class_transfer``), so every record
of a class needs an id that is the same on every laptop, and a stamp saying when and by
whom it was last changed. Four columns are added to each of the :data:`STAMPED` tables:

``uid``
    a random UUID, made when the row is inserted, never changed;
``version``
    a random token, new on every change: two laptops holding the same ``version`` of a
    record hold the same text;
``changed_at``
    when (UTC, ISO 8601 with milliseconds);
``changed_by``
    the ``uid`` of the teacher who uses this program (the ``teacher`` row with
    ``is_user``), or null before anyone said who they are.

SQLite triggers (:func:`trigger_ddl`) keep them, so that no write can forget them: the
ORM, a Core statement, a cascade and a migration all stamp alike. A write that sets
``version`` itself (an import carrying a colleague's version) keeps the stamp it gives.
A deleted row leaves a tombstone (``sync_tombstone``: its uid, table and last version,
nothing the teacher wrote), so a colleague's copy learns of the deletion.

The columns are appended to the tables without being mapped: the ORM never reads or
writes them, which keeps the models as they were; the class files read them with Core.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import Column, Index, MetaData, String, Table

# The tables of the school's records. The settings and principles are keyed by name and
# belong to the data folder, not to a class; the sync tables are the bookkeeping itself.
UNSTAMPED: Final = frozenset(
    {"setting", "principle", "sync_tombstone", "sync_received", "sync_alias", "sync_conflict"}
)
STAMP_COLUMNS: Final = ("uid", "version", "changed_at", "changed_by")

UID_LENGTH: Final = 36
VERSION_LENGTH: Final = 32
STAMP_LENGTH: Final = 24

# A version 4 UUID from SQLite's randomness, in the usual 8-4-4-4-12 form.
NEW_UID_SQL: Final = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || "
    "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || "
    "'-' || lower(hex(randomblob(6)))"
)
NEW_VERSION_SQL: Final = "lower(hex(randomblob(16)))"
NOW_SQL: Final = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
USER_SQL: Final = "(SELECT uid FROM teacher WHERE is_user = 1)"


def stamped_tables(metadata: MetaData) -> list[Table]:
    """The tables that carry the stamp columns, parents before children."""
    return [t for t in metadata.sorted_tables if t.name not in UNSTAMPED]


def stamp_columns() -> list[Column[str]]:
    return [
        Column("uid", String(UID_LENGTH)),
        Column("version", String(VERSION_LENGTH)),
        Column("changed_at", String(STAMP_LENGTH)),
        Column("changed_by", String(UID_LENGTH)),
    ]


def add_stamp_columns(metadata: MetaData) -> None:
    """Append the (unmapped) stamp columns and the unique index on ``uid`` to each table."""
    for table in stamped_tables(metadata):
        if "uid" in table.c:
            continue
        for column in stamp_columns():
            table.append_column(column)
        Index(f"ix_{table.name}_uid", table.c.uid, unique=True)


def trigger_ddl(table: str) -> list[str]:
    """The statements that create the four triggers of ``table``."""
    stamp = f"version = {NEW_VERSION_SQL}, changed_at = {NOW_SQL}, changed_by = {USER_SQL}"
    return [
        f"""CREATE TRIGGER stamp_{table}_insert AFTER INSERT ON {table}
FOR EACH ROW WHEN NEW.uid IS NULL OR NEW.version IS NULL
BEGIN
  UPDATE {table} SET uid = coalesce(NEW.uid, {NEW_UID_SQL}), {stamp}
  WHERE rowid = NEW.rowid;
END""",
        f"""CREATE TRIGGER stamp_{table}_revive AFTER INSERT ON {table}
FOR EACH ROW WHEN NEW.uid IS NOT NULL
BEGIN
  DELETE FROM sync_tombstone WHERE uid = NEW.uid;
END""",
        f"""CREATE TRIGGER stamp_{table}_update AFTER UPDATE ON {table}
FOR EACH ROW WHEN NEW.version IS OLD.version
BEGIN
  UPDATE {table} SET {stamp} WHERE rowid = NEW.rowid;
END""",
        f"""CREATE TRIGGER stamp_{table}_delete AFTER DELETE ON {table}
FOR EACH ROW WHEN OLD.uid IS NOT NULL
BEGIN
  INSERT OR REPLACE INTO sync_tombstone (uid, table_name, version, deleted_at)
  VALUES (OLD.uid, '{table}', OLD.version, {NOW_SQL});
END""",
    ]


def drop_trigger_ddl(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS stamp_{table}_{when}"
        for when in ("insert", "revive", "update", "delete")
    ]


def fill_ddl(table: str) -> str:
    """The statement that gives the rows already in ``table`` their uid and first stamp."""
    return (
        f"UPDATE {table} SET uid = {NEW_UID_SQL}, version = {NEW_VERSION_SQL}, "
        f"changed_at = {NOW_SQL}, changed_by = {USER_SQL} WHERE uid IS NULL"
    )
