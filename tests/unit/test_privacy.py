"""Privacy: the access request export, deleting for good (no trace in the file), old leavers."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from skolehjem_desktop.domain.enums import (
    ContactChannel,
    FocusArea,
    Language,
    PresentationVia,
    Relation,
    Responsible,
    SectionKind,
    StartedBy,
)
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services import privacy
from skolehjem_desktop.services.conversations import Planning

SECRET = "HEMMELIG-NOTE-Zx81q: mor virker presset"
SHARED = "Søren læser nu flydende – Łukasz og Ayşe hjælper"


@pytest.fixture
def pupil(services):  # type: ignore[no-untyped-def]
    teacher = services.school.add_teacher("Anne Holm", "AH")
    services.school.set_user(teacher.id)
    old = services.classes.create("4.A", 2025)
    klass = services.classes.create("5.A", 2026)
    soren = services.students.add("Søren", "Ærø", old.id, dt.date(2016, 3, 4))
    services.students.move(soren.id, klass.id)
    mother = services.students.add_guardian(
        soren.id,
        "Mette Ærø",
        relation=Relation.MOTHER,
        email="mette@example.dk",
        phone="+45 12 34 56 78",
        preferred_language=Language.EN,
    )
    services.students.add_guardian(
        soren.id, "Jens Ærø", relation=Relation.FATHER, has_custody=False
    )
    conv = services.conversations.plan(
        soren.id,
        Planning(
            starts_at=dt.datetime(2026, 11, 20, 14, 0), teacher_ids=(teacher.id,), place="Lokale 12"
        ),
    )
    services.conversations.set_section(conv.id, SectionKind.PRIVATE_PREPARATION, SECRET)
    services.conversations.set_section(conv.id, SectionKind.SUMMARY, SHARED)
    services.conversations.set_section(
        conv.id, SectionKind.CONCERNS, "Ikke delt bekymring", shared=False
    )
    services.conversations.add_agreement(
        conv.id, "Læse 20 minutter", Responsible.HOME, due=dt.date(2026, 12, 1)
    )
    services.focus.add(soren.id, 2026, FocusArea.DANISH, "Læse mere", actions="Bibliotek")
    services.focus.record_presentation(
        soren.id, dt.date(2026, 11, 20), PresentationVia.CONVERSATION, conversation_id=conv.id
    )
    services.contacts.add(
        soren.id,
        channel=ContactChannel.AULA,
        started_by=StartedBy.PARENT,
        guardian_id=mother.id,
        summary="Spurgte om lejrskole",
    )
    return soren


def test_the_json_holds_everything_with_private_sections_marked(
    services, pupil, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    paths = privacy.export_student(services, pupil.id, tmp_path / "out")
    assert [p.name for p in paths] == [f"Søren Ærø-{pupil.id}.json", f"Søren Ærø-{pupil.id}.pdf"]
    raw = paths[0].read_text(encoding="utf-8")
    assert "Søren" in raw and "\\u00f8" not in raw  # ensure_ascii=False
    data = json.loads(raw)
    assert data["student"] == {
        "id": pupil.id,
        "first_name": "Søren",
        "last_name": "Ærø",
        "birth_date": "2016-03-04",
        "left_on": None,
        "created_at": "2026-11-23T10:00:00",
    }
    assert [(e["school_year"], e["class"]) for e in data["enrolments"]] == [
        (2025, "4.A"),
        (2026, "5.A"),
    ]
    mother, father = data["guardians"]
    assert mother["relation"] == "mother" and mother["has_custody"] is True
    assert mother["email"] == "mette@example.dk" and mother["preferred_language"] == "en"
    assert father["has_custody"] is False
    (conv,) = data["conversations"]
    assert conv["starts_at"] == "2026-11-20T14:00:00" and conv["place"] == "Lokale 12"
    assert conv["participants"]["teachers"] == ["Anne Holm"]
    sections = {s["kind"]: s for s in conv["sections"]}
    assert sections["private_preparation"] == {
        "kind": "private_preparation",
        "private": True,
        "shared": False,
        "text": SECRET,
    }
    assert sections["summary"]["shared"] is True and sections["summary"]["text"] == SHARED
    assert sections["concerns"]["shared"] is False
    assert conv["agreements"][0]["due"] == "2026-12-01"
    assert data["focus_points"][0]["goal"] == "Læse mere"
    assert data["focus_presentations"][0]["via"] == "conversation"
    assert data["contacts"][0]["guardian"] == "Mette Ærø"
    assert data["contacts"][0]["summary"] == "Spurgte om lejrskole"


def test_the_pdf_is_an_access_request_with_the_private_notes_marked(
    services, pupil, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _json, pdf = privacy.export_student(services, pupil.id, tmp_path, lang="en")
    reader = PdfReader(pdf)
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "Access to the data about Søren Ærø" in flat
    assert "HEMMELIG-NOTE-Zx81q" in flat
    assert "not shared with the parents" in flat
    assert "Łukasz" in flat and "Ayşe" in flat
    assert reader.metadata is not None and "Søren Ærø" in (reader.metadata.title or "")


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_exported_files_are_readable_by_the_user_alone(services, pupil, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for path in privacy.export_student(services, pupil.id, tmp_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_export_into_a_file_or_of_an_unknown_pupil_is_refused(
    services, pupil, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(privacy.ExportError, match="is a file, not a folder"):
        privacy.export_student(services, pupil.id, blocker)
    with pytest.raises(NotFoundError):
        privacy.export_student(services, 9999, tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_file_names_are_safe() -> None:
    assert privacy.export_file_stem("A/B", 'C:"D"', 7) == "A_B C_D_-7"
    assert privacy.export_file_stem("..", "", 3) == "3"


def _file_bytes(services) -> bytes:  # type: ignore[no-untyped-def]
    path = services.db.path
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        data += wal.read_bytes()
    return data


def test_delete_completely_leaves_no_trace_of_the_text_in_the_file(services, pupil) -> None:  # type: ignore[no-untyped-def]
    # Some other pupil's data around it, so the pages are shared.
    klass = services.classes.find("5.A", 2026)
    other = services.students.add("Ida", "Berg", klass.id)
    services.focus.add(other.id, 2026, FocusArea.MATHS, "Regne " * 50)
    with services.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert SECRET.encode() in _file_bytes(services)

    privacy.delete_student_completely(services, pupil.id)

    data = _file_bytes(services)
    for needle in (SECRET, "Spurgte om lejrskole", "Mette Ærø", "Ærø"):
        assert needle.encode() not in data, needle
    # Still a sound database holding the other pupil.
    from skolehjem_desktop.store.database import integrity_problems

    assert integrity_problems(services.db) == []
    assert services.students.get(other.id).first_name == "Ida"


def test_months_before() -> None:
    assert privacy.months_before(dt.date(2026, 11, 23), 12) == dt.date(2025, 11, 23)
    assert privacy.months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert privacy.months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def test_left_pupils_and_purge(services, pupil, clock) -> None:  # type: ignore[no-untyped-def]
    klass = services.classes.find("5.A", 2026)
    long_ago = services.students.add("Asta", "Lund", klass.id)
    recently = services.students.add("Bo", "Lund", klass.id)
    edge = services.students.add("Cem", "Lund", klass.id)
    services.students.mark_left(long_ago.id, dt.date(2024, 6, 30))
    services.students.mark_left(recently.id, dt.date(2026, 6, 30))
    services.students.mark_left(edge.id, dt.date(2025, 11, 23))  # exactly 12 months: kept
    services.students.mark_left(pupil.id, dt.date(2025, 8, 1))

    found = privacy.left_pupils(services)
    assert [p.full_name for p in found] == ["Asta Lund", "Søren Ærø"]
    assert found[0].class_name == "5.A" and found[0].left_on == dt.date(2024, 6, 30)
    assert [p.full_name for p in privacy.left_pupils(services, 3)] == [
        "Asta Lund",
        "Søren Ærø",
        "Cem Lund",
        "Bo Lund",
    ]
    with pytest.raises(ValidationError):
        privacy.left_pupils(services, -1)

    # Only the chosen ones, and only if they really are old leavers.
    assert privacy.purge_left(services, 12, student_ids=[long_ago.id, recently.id]) == 1
    assert [p.full_name for p in privacy.left_pupils(services, 3)] == [
        "Søren Ærø",
        "Cem Lund",
        "Bo Lund",
    ]
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, text: str) -> bool:
        seen.append((done, total, text))
        return True

    assert privacy.purge_left(services, 12, progress=progress) == 1
    assert seen == [(0, 1, "Søren Ærø"), (1, 1, "")]
    assert SECRET.encode() not in _file_bytes(services)
    assert privacy.left_pupils(services) == []
    assert privacy.purge_left(services) == 0


def test_purge_stops_when_cancelled(services, pupil) -> None:  # type: ignore[no-untyped-def]
    klass = services.classes.find("5.A", 2026)
    for name in ("A", "B", "C"):
        services.students.mark_left(
            services.students.add(name, "X", klass.id).id, dt.date(2020, 1, 1)
        )
    assert privacy.purge_left(services, 12, progress=lambda done, total, text: done < 2) == 2
    assert len(privacy.left_pupils(services)) == 1
