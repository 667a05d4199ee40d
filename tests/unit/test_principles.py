"""The school's principles: the rules as data, the two presets, and the service that keeps them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from skolehjem_desktop.domain import principles as p
from skolehjem_desktop.domain.principle_presets import PRESETS
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.services import Services
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.store.models import Principle

WEEKDAYS = frozenset(range(5))


# --- the rules ---------------------------------------------------------------------------


def test_every_rule_has_a_default_it_takes_back_from_its_own_text() -> None:
    assert len(p.RULES) == len(p.BY_KEY) == 14
    for rule in p.RULES:
        text = p.format_value(rule.key, rule.default)
        assert p.parse_value(rule.key, text) == rule.default, rule.key
        assert rule.explanation.strip(), rule.key


@pytest.mark.parametrize(
    ("rule", "text", "value"),
    [
        ("ordinary_conversations_per_year", " 2 ", 2),
        ("contact_parent_required", "ja", True),
        ("contact_parent_required", "No", False),
        ("working_hours_start", "7.30", dt.time(7, 30)),
        ("working_hours_end", "16:00", dt.time(16)),
        ("ordinary_conversation_by", "03-31", p.MonthDay(3, 31)),
        ("start_meeting_by", "15.9.", p.MonthDay(9, 15)),
        ("working_weekdays", "man-fre", WEEKDAYS),
        ("working_weekdays", "mon,wed, fri", frozenset({0, 2, 4})),
        ("appointment_channels", "telefon, sms", frozenset({"phone", "sms"})),
        ("appointment_channels", "none", frozenset()),
    ],
)
def test_values_are_read_as_people_write_them(rule: str, text: str, value: p.Value) -> None:
    assert p.parse_value(rule, text) == value


@pytest.mark.parametrize(
    ("rule", "text", "problem"),
    [
        ("no_such_rule", "1", p.Problem.UNKNOWN_RULE),
        ("reply_working_days", "two", p.Problem.NOT_NUMBER),
        ("reply_working_days", "0", p.Problem.OUT_OF_RANGE),
        ("max_focus_points_per_area", "99", p.Problem.OUT_OF_RANGE),
        ("parent_council_required", "maybe", p.Problem.NOT_YES_NO),
        ("working_hours_start", "25:00", p.Problem.NOT_TIME),
        ("start_meeting_by", "02-30", p.Problem.NOT_MONTH_DAY),
        ("working_weekdays", "fri-mon", p.Problem.NOT_WEEKDAYS),
        ("working_weekdays", "", p.Problem.NOT_WEEKDAYS),
        ("appointment_channels", "phone, pigeon", p.Problem.NOT_CHANNELS),
    ],
)
def test_a_bad_rule_or_value_is_refused_with_its_facts(
    rule: str, text: str, problem: p.Problem
) -> None:
    with pytest.raises(p.BadPrinciple) as caught:
        p.parse_value(rule, text)
    assert caught.value.problem is problem
    message = caught.value.msgid.format(**caught.value.facts)
    assert "{" not in message


def test_a_day_of_the_school_year_falls_in_that_school_year() -> None:
    assert p.MonthDay(10, 1).in_school_year(2026) == dt.date(2026, 10, 1)
    assert p.MonthDay(6, 30).in_school_year(2026) == dt.date(2027, 6, 30)


def test_each_preset_sets_every_rule_with_a_value_it_takes() -> None:
    for preset in PRESETS.values():
        assert set(preset.values) == set(p.BY_KEY), preset.name
        for key, value in preset.values.items():
            assert p.parse_value(key, p.format_value(key, value)) == value, (preset.name, key)
        p.check_together(preset.values)


# --- the service -------------------------------------------------------------------------


def test_with_no_preset_the_defaults_hold(services: Services) -> None:
    active = services.principles.active()
    assert active.preset is None and active.changed == frozenset()
    assert active.ordinary_conversations_per_year == 1
    assert active.start_meeting_by == p.MonthDay(10, 1)
    assert active.contact_parent_required is False  # the council *may* choose one
    assert active.reply_working_days == 1
    assert active.working_weekdays == WEEKDAYS
    assert active.appointment_channels == frozenset()
    assert [x.active for x in services.principles.presets()] == [False, False]


def test_skoledistrikt_vest(services: Services) -> None:
    active = services.principles.use("skoledistrikt-vest")
    assert active.preset == "skoledistrikt-vest"
    assert active.ordinary_conversations_per_year == 1
    assert active.start_meeting_teachers_present is True
    assert active.parent_council_required is True
    assert active.contact_parent_required is False
    assert active.presentations_per_year == 1
    assert active.max_focus_points_per_area == 3
    assert active.appointment_channels == frozenset()
    assert active.no_contact_nudge_months == 3


def test_den_lille_skole(services: Services) -> None:
    active = services.principles.use("Den-Lille-Skole ")
    assert active.preset == "den-lille-skole"
    assert active.reply_working_days == 3
    assert (active.working_hours_start, active.working_hours_end) == (dt.time(8), dt.time(16))
    assert active.working_weekdays == WEEKDAYS
    assert active.appointment_channels == frozenset({"phone", "sms"})
    assert active.parent_council_required is False
    presets = {x.name: (x.title, x.active) for x in services.principles.presets()}
    assert presets == {
        "skoledistrikt-vest": ("Skoledistrikt Vest", False),
        "den-lille-skole": ("Den lille Skole", True),
    }


def _rows(services: Services) -> dict[str, str]:
    with services.db.reading() as s:
        return {r.rule: r.value for r in s.scalars(select(Principle))}


def test_set_changes_one_rule_and_reset_takes_it_back(services: Services) -> None:
    services.principles.use("den-lille-skole")
    active = services.principles.set("reply_working_days", "5")
    assert active.reply_working_days == 5 and active.changed == {"reply_working_days"}
    active = services.principles.set("working_weekdays", "man-tor")
    assert active.working_weekdays == frozenset(range(4))
    assert _rows(services) == {"reply_working_days": "5", "working_weekdays": "mon,tue,wed,thu"}
    # Setting a rule back to the preset's own value keeps no row.
    services.principles.set("reply_working_days", "3")
    assert _rows(services) == {"working_weekdays": "mon,tue,wed,thu"}
    lines = {line.rule: line for line in services.principles.lines()}
    assert lines["working_weekdays"].changed and lines["working_weekdays"].value == (
        "mon,tue,wed,thu"
    )
    assert lines["reply_working_days"].explanation.startswith("Working days")
    active = services.principles.reset_to_preset()
    assert active.working_weekdays == WEEKDAYS and active.changed == frozenset()
    assert _rows(services) == {}


def test_use_takes_the_new_preset_whole(services: Services) -> None:
    services.principles.use("den-lille-skole")
    services.principles.set("max_focus_points_per_area", "5")
    active = services.principles.use("skoledistrikt-vest")
    assert active.max_focus_points_per_area == 3 and active.changed == frozenset()


@pytest.mark.parametrize(
    ("rule", "text", "words"),
    [
        ("no_such_rule", "1", "There is no rule called “no_such_rule”"),
        ("reply_working_days", "soon", "is not a whole number"),
        ("working_hours_end", "07:00", "must end after it starts (08:00–07:00)"),
        ("appointment_channels", "fax", "is not a list of phone and sms"),
    ],
)
def test_a_bad_rule_or_value_changes_nothing(
    services: Services, rule: str, text: str, words: str
) -> None:
    services.principles.use("den-lille-skole")
    services.principles.set("reply_working_days", "4")
    before = services.principles.active()
    with pytest.raises(ValidationError) as caught:
        services.principles.set(rule, text)
    assert words in caught.value.message
    assert services.principles.active() == before


def test_an_unknown_preset_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError, match="no preset called “skole-øst”"):
        services.principles.use("skole-øst")
    assert services.principles.active().preset is None


def test_the_principles_survive_a_reopen(services: Services, data_dir: Path) -> None:
    services.principles.use("skoledistrikt-vest")
    services.principles.set("no_contact_nudge_months", "6")
    expected = services.principles.active()
    services.close()
    again = Services(open_database(data_dir))
    try:
        assert again.principles.active() == expected
    finally:
        again.close()


def test_a_stored_value_this_program_cannot_read_is_passed_over(services: Services) -> None:
    with services.db.transaction() as s:
        s.add(Principle(rule="reply_working_days", value="garbage"))
        s.add(Principle(rule="a_rule_of_a_newer_program", value="1"))
    active = services.principles.active()
    assert active.reply_working_days == 1 and active.changed == frozenset()


# --- the schema ----------------------------------------------------------------------------


def _kept_0005(tmp_path: Path) -> Path:
    import shutil

    from skolehjem_desktop.config import DB_FILENAME

    data = tmp_path / "kept"
    data.mkdir()
    source = Path(__file__).parent.parent / "resources" / "db" / "schema-0005.sqlite"
    shutil.copy(source, data / DB_FILENAME)
    return data


def test_the_kept_0005_database_has_den_lille_skole_with_one_rule_changed(tmp_path) -> None:
    services = Services(open_database(_kept_0005(tmp_path)))
    try:
        active = services.principles.active()
        assert active.preset == "den-lille-skole"
        assert active.changed == {"reply_working_days"} and active.reply_working_days == 2
    finally:
        services.close()


def test_0005_goes_back_to_0004_without_the_principles(tmp_path) -> None:
    from alembic import command
    from alembic.config import Config

    from skolehjem_desktop.store import database as database_module

    db = open_database(_kept_0005(tmp_path))
    try:
        cfg = Config()
        cfg.set_main_option(
            "script_location", str(Path(database_module.__file__).parent / "migrations")
        )
        with db.engine.begin() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "0004")
        with db.engine.connect() as conn:
            tables = set(
                conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'").scalars()
            )
            keys = set(conn.exec_driver_sql("SELECT key FROM setting").scalars())
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert version == "0004" and "principle" not in tables
        assert "principles.preset" not in keys
    finally:
        db.close()


def test_a_count_of_0_from_0005_becomes_1_when_upgraded(tmp_path) -> None:
    """0005 took 0 conversations a year; 0006 asks for at least one and says 1, not the preset."""
    import sqlite3

    from skolehjem_desktop.config import DB_FILENAME

    data = _kept_0005(tmp_path)
    conn = sqlite3.connect(data / DB_FILENAME)
    conn.execute("INSERT INTO principle VALUES ('ordinary_conversations_per_year', '0')")
    conn.commit()
    conn.close()
    services = Services(open_database(data))
    try:
        active = services.principles.active()
        assert active.ordinary_conversations_per_year == 1
        assert "reply_working_days" in active.changed
    finally:
        services.close()
