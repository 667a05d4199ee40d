"""Migrations: the revision chain, models against migrations, and old databases upgraded."""

from __future__ import annotations

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
