"""Revision 0008: every record of every kept database gets a uid and a change stamp.

The stamps are kept by triggers, so a Core statement, the ORM and a cascade all stamp
alike; a deletion leaves a tombstone with the uid and the version, nothing else.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from skolehjem_desktop.config import DB_FILENAME
from skolehjem_desktop.store import database as database_module
from skolehjem_desktop.store import schema
from skolehjem_desktop.store.database import integrity_problems, open_database
from skolehjem_desktop.store.models import Base
from skolehjem_desktop.store.stamps import stamped_tables

RESOURCES = Path(__file__).parent.parent / "resources" / "db"
MIGRATIONS = Path(database_module.__file__).parent / "migrations"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
KEPT = sorted(p.name for p in RESOURCES.glob("schema-*.sqlite"))


def _copy(tmp_path: Path, name: str) -> Path:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(RESOURCES / name, data_dir / DB_FILENAME)
    return data_dir


def test_every_kept_schema_is_tested() -> None:
    assert {f"schema-{r}.sqlite" for r in schema.REVISIONS} <= set(KEPT)


@pytest.mark.parametrize("name", KEPT)
def test_every_row_of_every_kept_database_gets_a_uid_and_a_stamp(tmp_path, name) -> None:
    db = open_database(_copy(tmp_path, name))
    try:
        assert integrity_problems(db) == []
        seen: set[str] = set()
        rows = 0
        with db.engine.connect() as conn:
            for table in stamped_tables(Base.metadata):
                for uid, version, changed_at in conn.exec_driver_sql(
                    f"SELECT uid, version, changed_at FROM {table.name}"
                ):
                    rows += 1
                    assert UUID.match(uid), (table.name, uid)
                    assert re.fullmatch(r"[0-9a-f]{32}", version)
                    assert STAMP.match(changed_at)
                    assert uid not in seen
                    seen.add(uid)
        assert rows > 10  # the kept files hold a class with pupils and conversations
    finally:
        db.close()


def test_triggers_stamp_inserts_updates_and_deletions(db) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO teacher (name, initials, is_user) VALUES ('Mette Kjær', 'MK', 1)"
        )
        me = conn.exec_driver_sql("SELECT uid FROM teacher").scalar()
        conn.exec_driver_sql(
            "INSERT INTO student (first_name, last_name, created_at)"
            " VALUES ('Søren', 'Ŝ', '2026-12-01 10:00:00')"
        )
        uid, version, by = conn.exec_driver_sql(
            "SELECT uid, version, changed_by FROM student"
        ).one()
        assert UUID.match(uid) and by == me
        conn.exec_driver_sql(
            "INSERT INTO focus_point (student_id, school_year, area, subject, goal, actions,"
            " status, evaluation, position) VALUES (1, 2026, 'danish', '', 'Læse', '',"
            " 'not_started', '', 0)"
        )
        point = conn.exec_driver_sql("SELECT uid FROM focus_point").scalar()
        conn.exec_driver_sql("UPDATE student SET last_name = 'Sørensen'")
        after = conn.exec_driver_sql("SELECT uid, version FROM student").one()
        assert after[0] == uid and after[1] != version
        # a write that carries its own version (an import) keeps it
        conn.exec_driver_sql("UPDATE student SET last_name = 'S', version = 'v1', changed_by = 'x'")
        assert tuple(conn.exec_driver_sql("SELECT version, changed_by FROM student").one()) == (
            "v1",
            "x",
        )
        conn.exec_driver_sql("DELETE FROM student")  # the focus point goes by cascade
        tombs = dict(conn.exec_driver_sql("SELECT uid, version FROM sync_tombstone").all())
        assert tombs[uid] == "v1" and point in tombs
        # the same record put back (an import) is no longer deleted
        conn.exec_driver_sql(
            "INSERT INTO student (first_name, last_name, created_at, uid, version)"
            f" VALUES ('Søren', 'S', '2026-12-01 10:00:00', '{uid}', 'v1')"
        )
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM sync_tombstone WHERE uid = ?", (uid,)
            ).scalar()
            == 0
        )


def test_0008_goes_back_to_0007_and_up_again(tmp_path) -> None:
    db = open_database(_copy(tmp_path, "schema-0007.sqlite"))
    try:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with db.engine.begin() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "0007")
        with db.engine.connect() as conn:
            tables = set(
                conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'").scalars()
            )
            columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(student)")}
            triggers = conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE type='trigger'"
            ).scalar()
        assert not {t for t in tables if t.startswith("sync_")}
        assert "uid" not in columns and triggers == 0
        with db.engine.begin() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
        assert integrity_problems(db) == []
    finally:
        db.close()
