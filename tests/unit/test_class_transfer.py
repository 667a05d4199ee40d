"""A class that moves between teachers: export, import, and two teachers in turn.

Two data folders stand for two laptops. Every kind of record about a class goes out and
comes back the same; a colleague's newer file can be imported again and again; what both
changed keeps both versions; bad files are refused with nothing written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from skolehjem_desktop.domain.enums import (
    ContactChannel,
    FocusArea,
    PresentationVia,
    Relation,
    Responsible,
    SectionKind,
    StartedBy,
)
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.class_records import MeetingInput
from skolehjem_desktop.services.class_transfer import ChoiceReason
from skolehjem_desktop.services.class_transfer.records import tables
from skolehjem_desktop.services.class_transfer.service import ClassFileRefused, Refusal
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.evening_plans import Setup, TeacherSetup
from skolehjem_desktop.services.planner.model import make_evening, parse_periods
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.store.models import (
    Agreement,
    Base,
    ConversationSection,
)
from skolehjem_desktop.store.stamps import STAMP_COLUMNS

PASS = "en lang og hemmelig sætning"
DAY = dt.date(2026, 11, 24)
PUPILS = (
    ("Søren", "Ærø-Østergård"),
    ("Małgorzata", "Wiśniewska"),
    ("Çağlar", "Öztürk"),
    ("Nguyễn Thị", "Ánh"),
)


NOW = dt.datetime(2026, 11, 23, 10, 0)


def laptop(root: Path, name: str) -> Services:
    services = Services(open_database(root / name), lambda: NOW)
    services.class_transfer.scrypt_n = 2**10  # the real cost is tested in the e2e tests
    return services


@pytest.fixture
def mette(tmp_path: Path) -> Iterator[Services]:
    services = laptop(tmp_path, "mette")
    yield services
    services.db.close()


@pytest.fixture
def bo(tmp_path: Path) -> Iterator[Services]:
    services = laptop(tmp_path, "bo")
    yield services
    services.db.close()


def fill(services: Services) -> dict[str, Any]:
    """A class with a record of every kind that can be about a class or its pupils."""
    from skolehjem_desktop.domain.enums import AulaMessageKind, Language, SheetKind
    from skolehjem_desktop.store.models import (
        AulaMessage,
        ColleagueInput,
        FamilyAvailability,
        SheetImport,
    )

    services.school.set_school_name("Skovbakkeskolen")
    me = services.school.save_user("Mette Kjær", "MK")
    other = services.school.add_teacher("Hanne Vestergaard", "HV")
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(me.id, other.id))
    pupils = [services.students.add(f, last, klass.id).id for f, last in PUPILS]
    soren = pupils[0]
    mother = services.students.add_guardian(soren, "Mette Ærø", relation=Relation.MOTHER).id
    services.students.add_guardian(pupils[1], "Piotr Wiśniewski", relation=Relation.FATHER)
    conv = services.conversations.plan(
        soren, Planning(starts_at=dt.datetime(2026, 11, 20, 14), guardian_ids=(mother,))
    ).id
    services.conversations.set_section(conv, SectionKind.AGENDA, "Læsning og trivsel")
    services.conversations.set_section(conv, SectionKind.PRIVATE_PREPARATION, "Kun til mig")
    agreement = services.conversations.add_agreement(
        conv, "Læse 20 minutter hver dag", Responsible.PUPIL
    ).id
    services.focus.add(soren, 2026, FocusArea.DANISH, "Læse mere")
    services.focus.record_presentation(
        soren, dt.date(2026, 11, 20), PresentationVia.CONVERSATION, conversation_id=conv
    )
    services.message_book_years.update(soren, 2026, needs_support=True, interventions="Kursus")
    contact = services.contacts.add(
        soren,
        channel=ContactChannel.AULA,
        started_by=StartedBy.PARENT,
        guardian_id=mother,
        summary="Spurgte til lektier",
    ).id
    services.class_records.set_council(klass.id, [mother], contact_parent_id=mother)
    services.class_records.create_meeting(
        klass.id,
        MeetingInput(
            starts_at=dt.datetime(2026, 9, 10, 19), agenda="Lejrskole", teacher_ids=(me.id,)
        ),
    )
    plan = services.evening_plans.open(klass.id)
    setup = Setup(
        evenings=(make_evening(DAY, dt.time(16), dt.time(19), 15),),
        teachers=(TeacherSetup("MK"), TeacherSetup("HV")),
        rooms=("Lokale 12",),
    ).with_unavailable(soren, parse_periods("16:00-16:30"))
    services.evening_plans.save_setup(plan.id, setup.with_chosen(soren, True))
    assert services.evening_plans.compute(plan.id)[1].ok
    services.evening_plans.accept(plan.id)
    at = dt.datetime(2026, 11, 18, 9, 0)
    with services.db.transaction() as s:
        s.add(SheetImport(kind=SheetKind.PARENTS, content_hash="a" * 64, student_id=soren,
                          conversation_id=conv, imported_at=at))  # fmt: skip
        s.add(ColleagueInput(student_id=soren, school_year=2026, conversation_id=conv,
                             colleague="Bo Lund", subject="Matematik", academic="Regner sikkert",
                             wellbeing="", focus_suggestions="Brøker", received_at=at))  # fmt: skip
        s.add(FamilyAvailability(student_id=soren, school_year=2026, slots="[]",
                                 note="Helst tirsdag", received_at=at))  # fmt: skip
        s.add(AulaMessage(kind=AulaMessageKind.INVITATION, student_id=soren, conversation_id=conv,
                          language=Language.DA, subject="Invitation", copied_at=at))  # fmt: skip
    return {
        "class": klass.id,
        "pupils": pupils,
        "conversation": conv,
        "agreement": agreement,
        "contact": contact,
    }


def content(services: Services, *, private: bool = True) -> dict[str, list[tuple[Any, ...]]]:
    """Every record's columns as the file carries them, named by uids, in a stable order."""
    out = {}
    with services.db.reading() as s:
        conn = s.connection()
        uid = {
            info.name: dict(conn.execute(select(info.table.c.id, info.table.c.uid)).all())
            for info in tables(Base.metadata)
            if info.has_id
        }
        for info in tables(Base.metadata):
            rows = []
            for row in conn.execute(select(info.table)).mappings():
                if not private and row.get("kind") == SectionKind.PRIVATE_PREPARATION:
                    continue
                rows.append(
                    tuple(
                        uid[info.refs[c]].get(row[c]) if c in info.refs else row[c]
                        for c in (*info.content, "uid", "version", "changed_by")
                        if c != "is_user"
                    )
                )
            out[info.name] = sorted(rows, key=repr)
    return out


def hand_over(
    sender: Services, receiver: Services, class_id: int, path: Path, **kwargs: Any
) -> Any:
    sender.class_transfer.export_class(class_id, path, PASS, **kwargs)
    cf = receiver.class_transfer.read_file(path, PASS)
    return receiver.class_transfer.apply(cf)


def class_of(services: Services) -> int:
    (klass,) = services.classes.all(2026)
    return klass.id


def test_a_round_trip_into_an_empty_folder_carries_every_kind_of_record(
    mette: Services, bo: Services, tmp_path: Path
) -> None:
    filled = fill(mette)
    path = tmp_path / "5A.skolehjem-klasse"
    summary = mette.class_transfer.export_class(filled["class"], path, PASS, include_private=True)
    assert (summary.pupils, summary.class_name, summary.include_private) == (4, "5.A", True)
    assert path.stat().st_mode & 0o777 == 0o600
    cf = bo.class_transfer.read_file(path, PASS)
    assert (cf.sender, cf.school, cf.class_name, cf.school_year) == (
        "Mette Kjær (MK)", "Skovbakkeskolen", "5.A", 2026
    )  # fmt: skip
    preview = bo.class_transfer.preview(cf)
    assert preview.counts.new == cf.records and not preview.class_here
    assert sorted(p.name for p in preview.pupils) == sorted(f"{f} {x}" for f, x in PUPILS)
    assert bo.classes.all(2026) == []  # the preview wrote nothing
    result = bo.class_transfer.apply(cf)
    assert result.counts.new == cf.records and result.counts.changes == cf.records
    assert bo.school.school_name() == "Skovbakkeskolen"  # an empty folder takes the school's
    theirs, mine = content(mette), content(bo)
    for info in tables(Base.metadata):
        assert mine[info.name] == theirs[info.name], info.name
        assert theirs[info.name], f"give {info.name} a row in fill()"
    # what others wrote keeps its author
    with bo.db.reading() as s:
        authors = set(s.scalars(select(ConversationSection.__table__.c.changed_by)))
    assert len(authors) == 1 and None not in authors


def test_the_private_preparation_stays_home_unless_asked_and_the_bytes_hold_no_name(
    mette: Services, bo: Services, tmp_path: Path
) -> None:
    filled = fill(mette)
    path = tmp_path / "5A.skolehjem-klasse"
    hand_over(mette, bo, filled["class"], path)
    data = path.read_bytes()
    for first, last in PUPILS:
        for word in (first, last, first.encode("utf-8").hex()):
            assert word.encode() not in data
    assert b"Skovbakke" not in data and b"5.A" not in data
    with bo.db.reading() as s:
        kinds = set(s.scalars(select(ConversationSection.kind)))
    assert SectionKind.PRIVATE_PREPARATION not in kinds and SectionKind.AGENDA in kinds
    assert content(bo)["student"] == content(mette)["student"]


def test_importing_the_same_file_twice_changes_nothing(
    mette: Services, bo: Services, tmp_path: Path
) -> None:
    filled = fill(mette)
    path = tmp_path / "k"
    hand_over(mette, bo, filled["class"], path)
    before = content(bo)
    again = bo.class_transfer.apply(bo.class_transfer.read_file(path, PASS))
    assert again.counts.changes == 0 and again.counts.unchanged > 0
    assert content(bo) == before


def the_agreement(services: Services) -> int:
    with services.db.reading() as s:
        (agreement,) = s.scalars(select(Agreement.id)).all()
    return agreement


def soren(services: Services) -> int:
    (pupil,) = [
        p for p in services.students.all(class_id=class_of(services)) if p.first_name == "Søren"
    ]
    return pupil.id


def edit_agreement(services: Services, text: str) -> None:
    services.conversations.update_agreement(the_agreement(services), text=text)


def agreement_texts(services: Services) -> list[str]:
    with services.db.reading() as s:
        return sorted(s.scalars(select(Agreement.text)))


def agenda(services: Services) -> str:
    with services.db.reading() as s:
        return (
            s.scalar(
                select(ConversationSection.text).where(
                    ConversationSection.kind == SectionKind.AGENDA
                )
            )
            or ""
        )


def set_agenda(services: Services, text: str) -> None:
    with services.db.reading() as s:
        conv = s.scalar(select(ConversationSection.conversation_id))
    assert conv is not None
    services.conversations.set_section(conv, SectionKind.AGENDA, text)


def test_two_teachers_editing_in_turn(mette: Services, bo: Services, tmp_path: Path) -> None:
    filled = fill(mette)
    bo.school.save_user("Bo Lund", "BL")
    hand_over(mette, bo, filled["class"], tmp_path / "1")
    klass = class_of(bo)
    assert {t.initials for t in bo.classes.teachers(klass) if t.is_contact_teacher} >= {
        "BL",
        "MK",
        "HV",
    }

    # Bo changes the agreement; both change the agenda; Mette deletes the contact.
    edit_agreement(bo, "Læse 30 minutter hver dag")
    set_agenda(bo, "Bo's dagsorden")
    set_agenda(mette, "Mettes dagsorden")
    mette.contacts.remove(filled["contact"])
    bo.focus.add(soren(bo), 2026, FocusArea.MATHS, "Gange til 10")

    result = hand_over(bo, mette, klass, tmp_path / "2")
    assert agreement_texts(mette) == ["Læse 30 minutter hver dag"]  # only Bo changed it
    assert agenda(mette) == "Mettes dagsorden"  # both changed: mine stays…
    (choice,) = mette.class_transfer.choices()  # …and Bo's waits
    assert choice.reason is ChoiceReason.BOTH_CHANGED and choice.colleague == "Bo Lund (BL)"
    assert ("Mettes dagsorden", "Bo's dagsorden") in {
        (d.mine, d.theirs) for d in choice.differences
    }
    assert result.counts.updated >= 1 and result.counts.choices == 1 and result.counts.new >= 1
    assert mette.contacts.all(filled["pupils"][0]) == []  # deleted here, still deleted

    # Mette's file back to Bo: the contact goes (Bo did not change it), the agenda waits too.
    result = hand_over(mette, bo, filled["class"], tmp_path / "3")
    assert result.counts.deleted >= 1
    assert bo.contacts.all(soren(bo)) == []
    assert agenda(bo) == "Bo's dagsorden"
    assert [c.reason for c in bo.class_transfer.choices()] == [ChoiceReason.BOTH_CHANGED]

    # Mette uses Bo's version; Bo keeps his own: the next exchange agrees, with no choice.
    mette.class_transfer.resolve(choice.id, take_theirs=True)
    assert agenda(mette) == "Bo's dagsorden" and mette.class_transfer.choices() == []
    bo.class_transfer.resolve(bo.class_transfer.choices()[0].id, take_theirs=False)
    hand_over(bo, mette, klass, tmp_path / "4")
    hand_over(mette, bo, filled["class"], tmp_path / "5")
    assert mette.class_transfer.choices() == [] and bo.class_transfer.choices() == []
    assert content(mette, private=False) == content(bo, private=False)


def test_a_deletion_there_keeps_what_was_changed_here(
    mette: Services, bo: Services, tmp_path: Path
) -> None:
    filled = fill(mette)
    hand_over(mette, bo, filled["class"], tmp_path / "1")
    edit_agreement(mette, "Ændret hos Mette")
    bo.conversations.remove_agreement(the_agreement(bo))
    result = hand_over(bo, mette, class_of(bo), tmp_path / "2")
    assert agreement_texts(mette) == ["Ændret hos Mette"]
    assert result.counts.kept == 1
    (choice,) = mette.class_transfer.choices()
    assert choice.reason is ChoiceReason.DELETED_THERE
    mette.class_transfer.resolve(choice.id, take_theirs=True)  # delete it after all
    assert agreement_texts(mette) == []


def test_a_pupil_made_on_both_laptops_is_one_pupil(
    mette: Services, bo: Services, tmp_path: Path
) -> None:
    filled = fill(mette)
    klass = bo.classes.create("5.A", 2026)
    bo.students.add("Søren", "Ærø-Østergård", klass.id)
    hand_over(mette, bo, filled["class"], tmp_path / "1")
    assert len(bo.classes.all(2026)) == 1
    assert len(bo.students.all(class_id=klass.id)) == len(PUPILS)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[: len(data) // 2], Refusal.DAMAGED_CLASS_FILE),
        (lambda data: data[:-1] + bytes([data[-1] ^ 1]), Refusal.DAMAGED_CLASS_FILE),
        (lambda data: b"PK\x03\x04" + data, Refusal.NOT_A_CLASS_FILE),
        (lambda data: b"", Refusal.NOT_A_CLASS_FILE),
        (
            lambda data: data.replace(b'"format": 1', b'"format": 9', 1),
            Refusal.NEWER_CLASS_FILE,
        ),
    ],
)
def test_a_bad_file_is_refused_with_nothing_written(
    mette: Services, bo: Services, tmp_path: Path, damage: Any, reason: Refusal
) -> None:
    filled = fill(mette)
    path = tmp_path / "k"
    mette.class_transfer.export_class(filled["class"], path, PASS)
    assert b'"format": 1' in path.read_bytes()[:200]
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(ClassFileRefused) as refused:
        bo.class_transfer.check_file(path)
        bo.class_transfer.read_file(path, PASS)
    assert refused.value.reason is reason
    assert (str(path) in str(refused.value) and "Nothing was" in str(refused.value)) or (
        reason is Refusal.NEWER_CLASS_FILE and "newer version" in str(refused.value)
    )
    assert bo.classes.all(2026) == []


def test_a_wrong_passphrase_says_so_and_can_be_tried_again(
    mette: Services, bo: Services, tmp_path: Path
) -> None:
    filled = fill(mette)
    path = tmp_path / "k"
    mette.class_transfer.export_class(filled["class"], path, PASS)
    with pytest.raises(ClassFileRefused) as refused:
        bo.class_transfer.read_file(path, "en forkert sætning her")
    assert refused.value.reason is Refusal.WRONG_CLASS_PASSPHRASE
    assert "try again" in str(refused.value)
    assert bo.class_transfer.read_file(path, PASS).pupils == len(PUPILS)


def test_a_weak_passphrase_is_refused_before_anything_is_written(
    mette: Services, tmp_path: Path
) -> None:
    filled = fill(mette)
    with pytest.raises(ValidationError):
        mette.class_transfer.export_class(filled["class"], tmp_path / "k", "kort")
    assert list(tmp_path.iterdir()) == [tmp_path / "mette"]


def test_a_class_of_another_school_asks_first(
    mette: Services, bo: Services, tmp_path: Path
) -> None:
    filled = fill(mette)
    bo.school.set_school_name("Nordskolen")
    path = tmp_path / "k"
    mette.class_transfer.export_class(filled["class"], path, PASS)
    cf = bo.class_transfer.read_file(path, PASS)
    assert bo.class_transfer.preview(cf).other_school == "Skovbakkeskolen"
    with pytest.raises(ValidationError, match="another school"):
        bo.class_transfer.apply(cf)
    assert bo.classes.all(2026) == []
    bo.class_transfer.apply(cf, other_school=True)
    assert len(bo.classes.all(2026)) == 1


def test_a_pupil_in_another_class_here_waits_as_a_choice(
    mette: Services, bo: Services, tmp_path: Path
) -> None:
    """Søren is in 5.B here this year: his place in 5.A waits as a choice, nothing lost."""
    filled = fill(mette)
    born = dt.date(2016, 3, 1)
    mette.students.edit(filled["pupils"][0], birth_date=born)
    other = bo.classes.create("5.B", 2026)
    bo.students.add("Søren", "Ærø-Østergård", other.id, birth_date=born)
    result = hand_over(mette, bo, filled["class"], tmp_path / "k")
    assert result.counts.choices >= 1
    (choice,) = bo.class_transfer.choices()  # his place in 5.A, or in 5.B as here?
    assert choice.reason is ChoiceReason.BOTH_CHANGED and choice.pupil == "Søren Ærø-Østergård"
    assert [(d.field, d.mine, d.theirs) for d in choice.differences] == [("Class", "5.B", "5.A")]
    assert [p.first_name for p in bo.students.all(class_id=other.id)] == ["Søren"]
    bo.class_transfer.resolve(choice.id, take_theirs=True)
    assert bo.students.all(class_id=other.id) == []
    assert bo.class_transfer.choices() == []


def test_a_record_that_cannot_be_placed_is_kept_aside_not_lost(
    mette: Services, bo: Services, tmp_path: Path
) -> None:
    """A record naming one that is not here (the conversation left out) waits whole."""
    filled = fill(mette)
    path = tmp_path / "k"
    mette.class_transfer.export_class(filled["class"], path, PASS)
    cf = bo.class_transfer.read_file(path, PASS)
    cf.payload["tables"]["conversation"] = []
    result = bo.class_transfer.apply(cf)
    waiting = bo.class_transfer.choices()
    assert result.counts.choices == len(waiting) > 0
    assert {c.reason for c in waiting} == {ChoiceReason.NOT_PLACED}
    agreement = next(c for c in waiting if c.kind == "Agreement")
    assert "Læse 20 minutter" in agreement.what
    with pytest.raises(ValidationError, match="not here"):
        bo.class_transfer.resolve(agreement.id, take_theirs=True)
    assert len(bo.class_transfer.choices()) == len(waiting)  # still there, not lost
    bo.class_transfer.resolve(agreement.id, take_theirs=False)
    assert len(bo.class_transfer.choices()) == len(waiting) - 1
    assert bo.class_transfer.apply(cf).counts.changes == 0  # and not asked again


def test_every_record_gets_its_stamp_and_the_file_carries_it(
    mette: Services, tmp_path: Path
) -> None:
    filled = fill(mette)
    with mette.db.reading() as s:
        conn = s.connection()
        for info in tables(Base.metadata):
            for row in conn.execute(select(*(info.table.c[c] for c in STAMP_COLUMNS))):
                assert row.uid and row.version and row.changed_at, info.name
    from skolehjem_desktop.services.class_transfer.service import ClassTransferService

    doc = ClassTransferService(mette.db, mette.clock)
    with mette.db.reading() as s:
        document = doc._document(s.connection(), filled["class"], False)
    assert json.loads(json.dumps(document))["class"]["name"] == "5.A"
