"""``skolehjem-desktop import-sheet`` as a teacher runs it: the preview, then the writing."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

ANSWER = "Søren Ærø, Łukasz Ćwikła, Ayşe Yılmaz og Nguyễn Thị Minh leger godt sammen."


@pytest.fixture
def sheet(tmp_path: Path) -> tuple[Path, Path, int]:
    """A data folder with a planned conversation, and its preparation sheet filled in."""
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.services.conversations import Planning
    from skolehjem_desktop.services.schoolyear import SchoolYear
    from skolehjem_desktop.store.database import open_database

    data = tmp_path / "data"
    db = open_database(data)
    try:
        s = Services(db)
        me = s.school.add_teacher("Mette Kjærgaard Holm", "MKH", is_user=True)
        year = SchoolYear.of(s.today()).start_year
        klass = s.classes.create("5.A", year, contact_teacher_ids=(me.id,))
        pupil = s.students.add("Søren", "Ærø", klass.id).id
        s.students.add_guardian(pupil, "Anne Ærø")
        when = dt.datetime.combine(s.today() + dt.timedelta(days=7), dt.time(15))
        conversation = s.conversations.plan(pupil, Planning(starts_at=when)).id
        empty = tmp_path / "empty.pdf"
        s.pdfs.write_invitation(conversation, empty)
    finally:
        db.close()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(empty.read_bytes())))
    for page in writer.pages:
        if page.get("/Annots"):
            writer.update_page_form_field_values(
                page, {"talk_about__1": ANSWER, "time_1_2__1": "/Yes"}, auto_regenerate=True
            )
    filled = tmp_path / "Søren skema.pdf"
    with filled.open("wb") as fh:
        writer.write(fh)
    return data, filled, conversation


def parents_input(data: Path, conversation: int) -> str:
    from skolehjem_desktop.domain.enums import SectionKind
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.store.database import open_database

    db = open_database(data)
    try:
        section = (
            Services(db).conversations.get(conversation).sections.get(SectionKind.PARENTS_INPUT)
        )
        return section.text if section is not None else ""
    finally:
        db.close()


def test_dry_run_shows_and_writes_nothing_then_it_writes_once(cli, sheet) -> None:  # type: ignore[no-untyped-def]
    data, filled, conversation = sheet
    done = cli("import-sheet", str(filled), "--dry-run", data=data)
    assert done.returncode == 0, done.stderr
    assert "1. Søren Ærø" in done.stdout and ANSWER in done.stdout
    assert "Dry run: nothing was written." in done.stdout
    assert parents_input(data, conversation) == ""
    dry = json.loads(cli("import-sheet", str(filled), "--dry-run", "--json", data=data).stdout)
    assert dry["written"] is None
    changes = dry["pages"][0]["changes"]
    assert [c["replaces"] for c in changes] == [False, False]
    assert ANSWER in changes[0]["what"] and "16:00–19:00" in changes[1]["what"]

    done = cli("import-sheet", str(filled), data=data)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "1 page read."
    assert ANSWER in parents_input(data, conversation)

    done = cli("import-sheet", str(filled), "--json", data=data)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["kind"] == "parents" and out["file"] == "Søren skema.pdf"
    assert out["written"] == 0
    (page,) = out["pages"]
    assert page["already_read"] and page["student"] == "Søren Ærø"
    assert page["conversation_id"] == conversation
    assert page["changes"] == []  # all of it is there already
    assert parents_input(data, conversation).count(ANSWER) == 1


def test_a_file_that_is_not_a_sheet_is_one_line_and_writes_nothing(cli, sheet, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data, _filled, conversation = sheet
    bad = tmp_path / "noter.pdf"
    bad.write_bytes(b"not a pdf at all")
    done = cli("import-sheet", str(bad), data=data)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "noter.pdf" in done.stderr
    missing = cli("import-sheet", str(tmp_path / "none.pdf"), data=data)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1
    assert parents_input(data, conversation) == ""
