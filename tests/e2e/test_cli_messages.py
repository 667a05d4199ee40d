"""``skolehjem-desktop message …`` as a teacher runs it: the text on stdout, nothing recorded
unless asked, a bad id or a conversation not held refused on one line."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

PRIVATE = "PRIVATMARKØR4711"
HIDDEN = "SKJULTMARKØR4711"


@dataclass(frozen=True)
class School:
    data: Path
    held: int
    planned: int
    contact: int


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> School:
    from skolehjem_desktop.domain.enums import ContactChannel, Responsible, SectionKind, StartedBy
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.services.conversations import Planning
    from skolehjem_desktop.services.schoolyear import SchoolYear
    from skolehjem_desktop.store.database import open_database

    data = tmp_path_factory.mktemp("messages") / "data"
    db = open_database(data)
    try:
        s = Services(db)
        today = s.today()
        me = s.school.add_teacher("Mette Kjær", "MK", is_user=True)
        klass = s.classes.create(
            "5.A", SchoolYear.of(today).start_year, contact_teacher_ids=(me.id,)
        )
        pupil = s.students.add("Søren", "Ærø", klass.id).id
        anne = s.students.add_guardian(pupil, "Anne Ærø").id
        early = dt.datetime.combine(today, dt.time(0, 5))
        held = s.conversations.plan(pupil, Planning(starts_at=early, place="Lokale 12")).id
        s.conversations.set_section(held, SectionKind.PRIVATE_PREPARATION, PRIVATE)
        s.conversations.set_section(held, SectionKind.CONCERNS, HIDDEN, shared=False)
        s.conversations.set_section(held, SectionKind.ACADEMIC, "Søren læser godt.")
        s.conversations.mark_held(held)
        s.conversations.add_agreement(
            held, "Læse hver dag", Responsible.HOME, today + dt.timedelta(days=2)
        )
        planned = s.conversations.plan(
            pupil, Planning(starts_at=early + dt.timedelta(days=14), place="Lokale 12")
        ).id
        contact = s.contacts.add(
            pupil,
            channel=ContactChannel.AULA,
            started_by=StartedBy.PARENT,
            occurred_at=early,
            guardian_id=anne,
        ).id
    finally:
        db.close()
    return School(data, held, planned, contact)


def recorded(data: Path) -> tuple[int, int]:
    """How many messages were copied for Aula, and how many contacts are logged."""
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.store.database import open_database

    db = open_database(data)
    try:
        s = Services(db)
        pupil = s.students.all()[0].id
        return len(s.aula_messages.for_student(pupil)), len(s.contacts.all(pupil))
    finally:
        db.close()


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    return done.stderr


def test_a_summary_is_printed_in_the_parents_language_and_nothing_is_recorded(  # type: ignore[no-untyped-def]
    cli, school: School
) -> None:
    before = recorded(school.data)
    done = cli("message", "summary", "--conversation", str(school.held), data=school.data)
    assert done.returncode == 0, done.stderr
    subject, blank, *body = done.stdout.split("\n")
    assert subject == "Referat af skole/hjemsamtalen om Søren"
    assert blank == ""
    text = "\n".join(body)
    assert text.startswith("Kære Anne\n\nTak for samtalen om Søren den ")
    assert "Faglig udvikling\nSøren læser godt." in text
    assert "1. Læse hver dag (ansvarlig: hjemmet, frist " in text
    assert "Referatet er vedhæftet som PDF (Referat Søren Ærø " in text
    assert PRIVATE not in done.stdout and HIDDEN not in done.stdout
    assert done.stderr == ""
    assert recorded(school.data) == before


def test_the_message_language_can_be_chosen(cli, school: School) -> None:  # type: ignore[no-untyped-def]
    for kind in ("invitation", "reminder"):
        conversation = school.planned if kind == "invitation" else school.held
        done = cli(
            "message", kind, "--conversation", str(conversation), "--lang", "en", data=school.data
        )
        assert done.returncode == 0, done.stderr
        assert "\n\nDear Anne,\n\n" in done.stdout
        assert done.stdout.rstrip().endswith("Kind regards\nMette Kjær\nContact teacher, 5.A")
        assert PRIVATE not in done.stdout and HIDDEN not in done.stdout


def test_a_reply_with_record_answers_the_parent(cli, school: School) -> None:  # type: ignore[no-untyped-def]
    messages, contacts = recorded(school.data)
    done = cli("message", "reply", "--contact", str(school.contact), "--record", data=school.data)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Svar om Søren\n\nKære Anne\n\nTak for din besked den ")
    assert done.stderr == "Recorded as copied for Aula and logged as a contact.\n"
    assert recorded(school.data) == (messages + 1, contacts + 1)


def test_a_summary_of_a_conversation_not_held_is_refused(cli, school: School) -> None:  # type: ignore[no-untyped-def]
    done = cli("message", "summary", "--conversation", str(school.planned), data=school.data)
    assert "has not been held yet" in one_line_error(done)


def test_a_bad_id_is_refused(cli, school: School) -> None:  # type: ignore[no-untyped-def]
    done = cli("message", "invitation", "--conversation", "999", data=school.data)
    assert "999" in one_line_error(done)
    done = cli("message", "reminder", "--conversation", "x", data=school.data)
    assert "x is not an id" in one_line_error(done)
