"""Migrations: the revision chain, models against migrations, and old databases upgraded."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from skolehjem_desktop.config import DB_FILENAME, backup_dir
from skolehjem_desktop.store import database as database_module
from skolehjem_desktop.store import schema
from skolehjem_desktop.store.database import integrity_problems, open_database
from skolehjem_desktop.store.models import Base

RESOURCES = Path(__file__).parent.parent / "resources" / "db"
MIGRATIONS = Path(database_module.__file__).parent / "migrations"


def _script() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg)


def test_known_revisions_match_the_alembic_chain() -> None:
    chain = [rev.revision for rev in reversed(list(_script().walk_revisions()))]
    assert tuple(chain) == schema.REVISIONS
    assert _script().get_current_head() == schema.HEAD


def test_migrations_build_exactly_the_models(db) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


@pytest.mark.parametrize("revision", schema.REVISIONS)
def test_a_database_of_every_released_schema_upgrades_to_head(tmp_path, revision) -> None:
    """One real database file per released schema is kept in tests/resources/db."""
    source = RESOURCES / f"schema-{revision}.sqlite"
    assert source.exists(), f"keep a database of schema {revision} in {RESOURCES}"
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(source, data_dir / DB_FILENAME)
    db = open_database(data_dir)
    try:
        assert integrity_problems(db) == []
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
                schema.HEAD
            )
            names = conn.exec_driver_sql("SELECT first_name FROM student").scalars().all()
            private = conn.exec_driver_sql(
                "SELECT shared FROM conversation_section WHERE kind='private_preparation'"
            ).scalars()
            assert all(flag == 0 for flag in private)
        assert "Søren" in names
    finally:
        db.close()


def test_an_older_schema_is_backed_up_before_it_is_upgraded(tmp_path, monkeypatch) -> None:
    """Pretend the kept database is one revision behind: a backup must exist before upgrade."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(RESOURCES / "schema-0001.sqlite", data_dir / DB_FILENAME)
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("UPDATE alembic_version SET version_num = 'old0'")
    conn.commit()
    conn.close()
    monkeypatch.setattr(database_module, "REVISIONS", ("old0", *schema.REVISIONS))
    seen: list[list[Path]] = []

    def fake_upgrade(engine, target="head"):  # type: ignore[no-untyped-def]
        seen.append(sorted(backup_dir(data_dir).glob("before-upgrade-old0-*.sqlite")))
        with engine.begin() as c:
            c.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{schema.HEAD}'")

    monkeypatch.setattr(database_module, "upgrade", fake_upgrade)
    open_database(data_dir).close()
    assert len(seen) == 1 and len(seen[0]) == 1
    backup = sqlite3.connect(seen[0][0])
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("old0",)
    assert backup.execute("SELECT count(*) FROM student").fetchone() == (1,)
    backup.close()


def _upgraded_copy(tmp_path: Path, name: str) -> Path:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(RESOURCES / name, data_dir / DB_FILENAME)
    return data_dir


def test_the_evening_plans_of_0003_become_rows_of_the_pupils_that_exist(tmp_path) -> None:
    """0003 kept the families' unavailability and the draft in JSON keyed by pupil id.

    The kept file (made by the program at 0003) has two plans of 5.A, an accepted one and
    a newer draft, with unavailability for Søren (1) and Ida (2), and assignments for Ida,
    Bo (3) and Søren. Ida was deleted afterwards, and so was the conversation the accepted
    plan made for Bo. Upgraded, only the pupils that exist have rows, and only the
    conversations that exist are remembered.
    """
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.services.planner.model import parse_periods

    db = open_database(_upgraded_copy(tmp_path, "schema-0003-evening-plan.sqlite"))
    try:
        assert integrity_problems(db) == []
        with db.engine.connect() as conn:
            unavailable = conn.exec_driver_sql(
                "SELECT plan_id, student_id, periods FROM evening_plan_unavailable"
                " ORDER BY plan_id, student_id"
            ).all()
            assignments = conn.exec_driver_sql(
                "SELECT plan_id, student_id, starts_at, ends_at, room, teachers, conversation_id"
                " FROM evening_plan_assignment ORDER BY plan_id, starts_at"
            ).all()
            plans = conn.exec_driver_sql("SELECT setup, plan FROM evening_plan").all()
        assert [tuple(r) for r in unavailable] == [(1, 1, "16:00-16:30"), (2, 1, "16:00-16:30")]
        assert [tuple(r) for r in assignments] == [
            (1, 3, "2026-11-24 16:15:00.000000", "2026-11-24 16:30:00.000000", "Lokale 12",
             '["MK"]', None),
            (1, 1, "2026-11-24 16:30:00.000000", "2026-11-24 16:45:00.000000", "Lokale 12",
             '["MK"]', 3),
            (2, 3, "2026-11-24 16:15:00.000000", "2026-11-24 16:30:00.000000", "Lokale 12",
             '["MK"]', None),
            (2, 1, "2026-11-24 16:30:00.000000", "2026-11-24 16:45:00.000000", "Lokale 12",
             '["MK"]', None),
        ]  # fmt: skip
        for setup, plan in plans:
            setup_data = json.loads(setup)
            assert setup_data["version"] == 2 and "unavailable" not in setup_data
            assert setup_data["teachers"] == [
                {"free": "16:00-18:00", "initials": "MK", "room": "Lokale 12"}
            ]
            assert json.loads(plan) == {"version": 2}

        # A pupil given Ida's id now (SQLite may) inherits nothing of hers.
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO student (id, first_name, last_name, created_at)"
                " VALUES (2, 'Nora', 'Vang', '2026-12-01 10:00:00')"
            )
            conn.exec_driver_sql(
                "INSERT INTO enrolment (student_id, school_year, class_id) VALUES (2, 2026, 1)"
            )
        services = Services(db)
        accepted = services.evening_plans.get(1)
        assert accepted.setup.unavailable == ((1, parse_periods("16:00-16:30")),)
        assert accepted.plan is not None
        assert [a.pupil_id for a in accepted.plan.assignments] == [3, 1]
        assert accepted.conversations == {1: 3}
        draft = services.evening_plans.get(2)
        assert draft.setup.unavailable_of(2) == () and draft.plan is not None
        assert draft.plan.of(2) is None and draft.conversations == {}
        assert {p.id: p.unavailable for p in draft.pupils}[2] == ()
    finally:
        db.close()


def test_0004_goes_back_to_the_json_of_0003(tmp_path) -> None:
    """Downgraded, the rows are the JSON of 0003 again (the deleted pupil's stay gone)."""
    from alembic import command

    db = open_database(_upgraded_copy(tmp_path, "schema-0003-evening-plan.sqlite"))
    try:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with db.engine.begin() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "0003")
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
                "0003"
            )
            tables = set(
                conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'").scalars()
            )
            plans = conn.exec_driver_sql("SELECT setup, plan FROM evening_plan ORDER BY id").all()
        assert not {"evening_plan_unavailable", "evening_plan_assignment"} & tables
        for (setup, plan), made in zip(plans, ({"1": 3}, {}), strict=True):
            setup_data = json.loads(setup)
            assert setup_data["version"] == 1
            assert setup_data["unavailable"] == {"1": "16:00-16:30"}
            plan_data = json.loads(plan)
            assert [a["pupil"] for a in plan_data["assignments"]] == [3, 1]
            assert plan_data["assignments"][1] == {
                "pupil": 1,
                "date": "2026-11-24",
                "start": "16:30",
                "end": "16:45",
                "room": "Lokale 12",
                "teachers": ["MK"],
            }
            assert plan_data["conversations"] == made
    finally:
        db.close()


def test_0006_keeps_the_message_book_year_and_goes_back_to_0005(tmp_path) -> None:
    """The kept 0006 file has Søren's interventions, an sms by appointment, a held exception."""
    from alembic import command

    db = open_database(_upgraded_copy(tmp_path, "schema-0006.sqlite"))
    try:
        with db.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT needs_support, interventions, further_education FROM message_book_year"
            ).one()
            assert tuple(row) == (1, "Læsekursus to gange om ugen", "Vil gerne på efterskole")
            contact = conn.exec_driver_sql("SELECT channel, by_appointment FROM contact_entry")
            assert tuple(contact.one()) == ("sms", 1)
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with db.engine.begin() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "0005")
        with db.engine.connect() as conn:
            tables = set(
                conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'").scalars()
            )
            contact_columns = {
                r[1] for r in conn.exec_driver_sql("PRAGMA table_info(contact_entry)")
            }
            assert "message_book_year" not in tables and "by_appointment" not in contact_columns
            assert conn.exec_driver_sql("SELECT count(*) FROM conversation").scalar() == 1
            # an sms goes back as a call; the channels of 0005 have no sms
            assert conn.exec_driver_sql("SELECT channel FROM contact_entry").scalar() == "phone"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    finally:
        db.close()
