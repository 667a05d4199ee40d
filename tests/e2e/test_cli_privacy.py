"""The privacy commands as a real process: export-student, delete-student, purge-left."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database

SECRET = "PRIVAT-Qv93: far er syg"


def _fill(data_dir: Path) -> dict[str, int]:
    db = open_database(data_dir)
    try:
        services = Services(db)
        year = services.classes.current_year()
        klass = services.classes.create("5.A", year)
        soren = services.students.add("Søren", "Ærø", klass.id)
        services.students.add_guardian(soren.id, "Mette Ærø")
        conv = services.conversations.plan(
            soren.id, Planning(starts_at=dt.datetime(year, 10, 1, 14, 0))
        )
        services.conversations.set_section(conv.id, SectionKind.PRIVATE_PREPARATION, SECRET)
        services.conversations.set_section(conv.id, SectionKind.SUMMARY, "Godt år")
        old = services.students.add("Asta", "Lund", klass.id)
        services.students.mark_left(old.id, dt.date(2020, 6, 30))
        recent = services.students.add("Bo", "Lund", klass.id)
        services.students.mark_left(recent.id, services.today())
        return {"soren": soren.id, "old": old.id, "recent": recent.id}
    finally:
        db.close()


def _ids(data_dir: Path) -> set[int]:
    db = open_database(data_dir)
    try:
        services = Services(db)
        return {r.id for r in services.students.all(include_left=True)}
    finally:
        db.close()


def test_export_student_writes_json_and_pdf(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = _fill(cli.data_dir)
    out = tmp_path / "indsigt"
    result = cli("export-student", "--student", str(ids["soren"]), "--out", str(out))
    assert result.returncode == 0, result.stderr
    json_file = out / f"Søren Ærø-{ids['soren']}.json"
    assert str(json_file) in result.stdout
    assert "access request" in result.stdout
    data = json.loads(json_file.read_text(encoding="utf-8"))
    sections = {s["kind"]: s for s in data["conversations"][0]["sections"]}
    assert sections["private_preparation"]["text"] == SECRET
    assert sections["private_preparation"]["shared"] is False
    assert (out / f"Søren Ærø-{ids['soren']}.pdf").read_bytes().startswith(b"%PDF")


def test_export_of_an_unknown_pupil_or_a_bad_id_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill(cli.data_dir)
    result = cli("export-student", "--student", "999", "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert "Pupil with id 999 does not exist" in result.stderr
    result = cli("export-student", "--student", "x", "--out", str(tmp_path / "o"))
    assert result.returncode == 1 and "x is not an id" in result.stderr
    assert not (tmp_path / "o").exists()


def test_delete_student_needs_yes_then_leaves_no_trace(cli) -> None:  # type: ignore[no-untyped-def]
    ids = _fill(cli.data_dir)
    result = cli("delete-student", "--student", str(ids["soren"]))
    assert result.returncode == 1
    assert "Add --yes" in result.stderr and "Søren Ærø" in result.stderr
    assert ids["soren"] in _ids(cli.data_dir)

    result = cli("delete-student", "--student", str(ids["soren"]), "--yes")
    assert result.returncode == 0, result.stderr
    assert "Søren Ærø was deleted" in result.stdout
    assert ids["soren"] not in _ids(cli.data_dir)
    db_file = cli.data_dir / "skolehjem.sqlite"
    data = db_file.read_bytes()
    wal = db_file.with_name(db_file.name + "-wal")
    if wal.exists():
        data += wal.read_bytes()
    assert SECRET.encode() not in data


@pytest.mark.parametrize("lang", ["en", "da"])
def test_purge_left_lists_then_deletes_with_yes(cli, lang: str) -> None:  # type: ignore[no-untyped-def]
    ids = _fill(cli.data_dir)
    result = cli("purge-left", lang=lang)
    assert result.returncode == 1
    assert "Asta Lund" in result.stdout and "Bo Lund" not in result.stdout
    assert "--yes" in result.stderr
    assert ids["old"] in _ids(cli.data_dir)

    result = cli("purge-left", "--older-than-months", "0", "--yes", lang=lang)
    assert result.returncode == 0, result.stderr
    assert "Asta Lund" in result.stdout and "Bo Lund" not in result.stdout  # left today
    assert _ids(cli.data_dir) == {ids["soren"], ids["recent"]}

    result = cli("purge-left", "--yes", lang=lang)
    assert result.returncode == 0 and "Asta" not in result.stdout


def test_purge_left_refuses_a_bad_number_of_months(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("purge-left", "--older-than-months", "-3")
    assert result.returncode == 1
    assert "not a number of months" in result.stderr
