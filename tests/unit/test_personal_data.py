"""Every table holding a pupil's or a guardian's id: in the access request, gone with the pupil.

The tables are found by walking the models' metadata (a foreign key to ``student`` or
``guardian``), so a table added later is checked too: the fixture must give it a row,
the access request must carry it, and deleting the pupil must remove it (or null the
id, where the foreign key says SET NULL).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import Table, or_, select

from skolehjem_desktop.domain.enums import (
    ContactChannel,
    FocusArea,
    PresentationVia,
    Relation,
    StartedBy,
)
from skolehjem_desktop.reports.access_request import AccessRequestData, render_access_request
from skolehjem_desktop.services import Services, privacy, report_data
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.evening_plans import Setup, TeacherSetup
from skolehjem_desktop.services.planner.model import make_evening, parse_periods
from skolehjem_desktop.store.models import Base, Guardian
from skolehjem_desktop.store.stamps import STAMP_COLUMNS

PEOPLE = {"student", "guardian"}
DAY = dt.date(2026, 11, 24)

Row = Mapping[str, Any]


def personal_tables() -> list[Table]:
    tables = [
        t
        for t in Base.metadata.sorted_tables
        if t.name not in PEOPLE and any(fk.column.table.name in PEOPLE for fk in t.foreign_keys)
    ]
    assert {"evening_plan_unavailable", "evening_plan_assignment", "council_member"} <= {
        t.name for t in tables
    }
    return tables


def person_columns(table: Table, person: str) -> list[Any]:
    return [fk.parent for fk in table.foreign_keys if fk.column.table.name == person]


def rows_of(services: Services, table: Table, pupil: int, guardians: list[int]) -> list[Row]:
    """The pupil's rows: those naming the pupil, else those naming one of the guardians."""
    by_pupil = person_columns(table, "student")
    if by_pupil:
        where = or_(*(c == pupil for c in by_pupil))
    else:
        where = or_(*(c.in_(guardians) for c in person_columns(table, "guardian")))
    with services.db.reading() as s:
        return [dict(r) for r in s.execute(select(table).where(where)).mappings()]


def _iso(value: dt.datetime) -> str:
    return value.isoformat()


def _guardian_name(doc: Row, guardian_id: int) -> str:
    return next(g["name"] for g in doc["guardians"] if g["id"] == guardian_id)


# How the access request carries each table that has a section of its own
# (privacy.SECTIONS): True when ``doc`` holds the row.
IN_EXPORT: dict[str, Callable[[Row, Row], bool]] = {
    "enrolment": lambda doc, r: any(
        e["school_year"] == r["school_year"] and e["class_id"] == r["class_id"]
        for e in doc["enrolments"]
    ),
    "student_guardian": lambda doc, r: any(
        g["id"] == r["guardian_id"]
        and g["relation"] == r["relation"]
        and g["has_custody"] == r["has_custody"]
        for g in doc["guardians"]
    ),
    "conversation": lambda doc, r: any(
        c["id"] == r["id"] and c["starts_at"] == _iso(r["starts_at"]) for c in doc["conversations"]
    ),
    "conversation_guardian": lambda doc, r: any(
        c["id"] == r["conversation_id"]
        and _guardian_name(doc, r["guardian_id"]) in c["participants"]["guardians"]
        for c in doc["conversations"]
    ),
    "focus_point": lambda doc, r: any(
        p["id"] == r["id"] and p["goal"] == r["goal"] for p in doc["focus_points"]
    ),
    "focus_presentation": lambda doc, r: any(
        p["id"] == r["id"] and p["note"] == r["note"] for p in doc["focus_presentations"]
    ),
    "message_book_year": lambda doc, r: any(
        y["school_year"] == r["school_year"]
        and y["needs_support"] == r["needs_support"]
        and (y["interventions"], y["follow_up"], y["further_education"])
        == (r["interventions"], r["follow_up"], r["further_education"])
        for y in doc["message_book_years"]
    ),
    "contact_entry": lambda doc, r: any(
        e["id"] == r["id"] and e["summary"] == r["summary"] for e in doc["contacts"]
    ),
    "council_member": lambda doc, r: any(
        m["class_id"] == r["school_class_id"]
        and m["guardian_id"] == r["guardian_id"]
        and m["is_contact_parent"] == r["is_contact_parent"]
        for m in doc["parent_councils"]
    ),
    "sheet_import": lambda doc, r: any(
        x["content_hash"] == r["content_hash"] for x in doc["sheet_imports"]
    ),
    "colleague_input": lambda doc, r: any(
        x["id"] == r["id"] and x["academic"] == r["academic"] for x in doc["colleague_inputs"]
    ),
    "family_availability": lambda doc, r: any(
        x["school_year"] == r["school_year"] and x["note"] == r["note"]
        for x in doc["family_availability"]
    ),
    "sync_conflict": lambda doc, r: any(
        x["id"] == r["id"] and x["data"] == json.loads(r["data"]) for x in doc["class_file_choices"]
    ),
    "aula_message": lambda doc, r: any(
        x["id"] == r["id"] and x["subject"] == r["subject"] for x in doc["aula_messages"]
    ),
    "evening_plan_unavailable": lambda doc, r: any(
        p["id"] == r["plan_id"] and p["unavailable"] == r["periods"] for p in doc["evening_plans"]
    ),
    "evening_plan_assignment": lambda doc, r: any(
        p["id"] == r["plan_id"]
        and p["assignment"] is not None
        and p["assignment"]["starts_at"] == _iso(r["starts_at"])
        and p["assignment"]["ends_at"] == _iso(r["ends_at"])
        and p["assignment"]["room"] == r["room"]
        and p["assignment"]["teachers"] == json.loads(r["teachers"])
        and p["assignment"]["conversation_id"] == r["conversation_id"]
        for p in doc["evening_plans"]
    ),
}


def _sheets_and_messages(services: Services, soren: int, conv: int) -> None:
    """A sheet read back, a colleague's input, the family's times, a message for Aula."""
    from skolehjem_desktop.domain.enums import AulaMessageKind, Language, SheetKind
    from skolehjem_desktop.store.models import (
        AulaMessage,
        ColleagueInput,
        FamilyAvailability,
        SheetImport,
        SyncConflict,
    )

    at = dt.datetime(2026, 11, 18, 9, 0)
    with services.db.transaction() as s:
        s.add(
            SheetImport(
                kind=SheetKind.PARENTS,
                content_hash="a" * 64,
                student_id=soren,
                conversation_id=conv,
                imported_at=at,
            )
        )
        s.add(
            ColleagueInput(
                student_id=soren,
                school_year=2026,
                conversation_id=conv,
                colleague="Bo Lund",
                subject="Matematik",
                academic="Regner sikkert",
                wellbeing="",
                focus_suggestions="Brøker",
                received_at=at,
            )
        )
        s.add(
            FamilyAvailability(
                student_id=soren, school_year=2026, slots="[]", note="Helst tirsdag", received_at=at
            )
        )
        s.add(AulaMessage(kind=AulaMessageKind.INVITATION, student_id=soren,
                          conversation_id=conv, language=Language.DA,
                          subject="Invitation til skole/hjemsamtale", copied_at=at))  # fmt: skip
        # a colleague's version of the pupil's record, waiting for the teacher's choice
        s.add(SyncConflict(table_name="student", uid="u" * 36, reason="both_changed",
                           student_id=soren, data='{"last_name": "Ærø-Berg"}', version="v" * 32,
                           changed_by="Bo Lund (BL)", sender="Bo Lund (BL)",
                           received_at=at))  # fmt: skip


@pytest.fixture
def family(services: Services) -> dict[str, Any]:
    """Søren with data in every table that can name a pupil or a guardian; Ida beside him."""
    teacher = services.school.add_teacher("Anne Holm", "AH")
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(teacher.id,))
    soren = services.students.add("Søren", "Ærø", klass.id).id
    mother = services.students.add_guardian(soren, "Mette Ærø", relation=Relation.MOTHER).id
    ida = services.students.add("Ida", "Berg", klass.id).id
    services.students.add_guardian(ida, "Per Berg")
    conv = services.conversations.plan(
        soren,
        Planning(starts_at=dt.datetime(2026, 11, 20, 14), guardian_ids=(mother,)),
    ).id
    services.focus.add(soren, 2026, FocusArea.DANISH, "Læse mere")
    services.focus.record_presentation(
        soren, dt.date(2026, 11, 20), PresentationVia.CONVERSATION, conversation_id=conv
    )
    services.message_book_years.update(
        soren, 2026, needs_support=True, interventions="Læsekursus", follow_up="I marts"
    )
    services.contacts.add(
        soren, channel=ContactChannel.AULA, started_by=StartedBy.PARENT, guardian_id=mother
    )
    services.class_records.set_council(klass.id, [mother], contact_parent_id=mother)
    plan = services.evening_plans.open(klass.id)
    setup = Setup(
        evenings=(make_evening(DAY, dt.time(16), dt.time(17), 15),),
        teachers=(TeacherSetup("AH"),),
        rooms=("Lokale 12",),
    ).with_unavailable(soren, parse_periods("16:00-16:30"))
    setup = setup.with_chosen(soren, True)  # planned already: ticked into the plan
    services.evening_plans.save_setup(plan.id, setup)
    _state, result = services.evening_plans.compute(plan.id)
    assert result.ok
    services.evening_plans.accept(plan.id)
    _sheets_and_messages(services, soren, conv)
    return {"soren": soren, "ida": ida, "guardians": [mother], "class": klass.id, "plan": plan.id}


def test_the_access_request_carries_every_row_naming_the_pupil_or_a_guardian(
    services: Services, family: dict[str, Any]
) -> None:
    assert set(privacy.SECTIONS) == set(IN_EXPORT), "say in this test how a section is found"
    assert set(privacy.SECTIONS) <= {t.name for t in personal_tables()}
    doc = json.loads(json.dumps(privacy.access_request_data(services, family["soren"])))
    for table in personal_tables():
        rows = rows_of(services, table, family["soren"], family["guardians"])
        assert rows, f"give {table.name} a row for the pupil in the fixture"
        if table.name in IN_EXPORT:
            for row in rows:
                assert IN_EXPORT[table.name](doc, row), (table.name, row)
        else:
            stored = json.loads(json.dumps(rows, default=lambda v: v.isoformat()))
            assert doc["other_records"][table.name] == stored, table.name
    # Only Søren's: not Ida's place in the same plan, nor her family's council.
    (plan,) = doc["evening_plans"]
    assert plan["unavailable"] == "16:00-16:30"
    assert plan["assignment"]["starts_at"] == "2026-11-24T16:30:00"
    assert plan["class"] == "5.A" and plan["accepted_at"] == "2026-11-23T10:00:00"
    assert doc["parent_councils"] == [
        {
            "class_id": family["class"],
            "class": "5.A",
            "school_year": 2026,
            "guardian_id": family["guardians"][0],
            "guardian": "Mette Ærø",
            "is_contact_parent": True,
        }
    ]
    assert doc["other_records"] == {}


def test_deleting_the_pupil_removes_every_row_naming_the_pupil_or_a_guardian(
    services: Services, family: dict[str, Any]
) -> None:
    pupil, guardians = family["soren"], family["guardians"]
    before = {table.name: rows_of(services, table, pupil, guardians) for table in personal_tables()}
    others = {
        table.name: rows_of(services, table, family["ida"], []) for table in personal_tables()
    }
    services.students.delete(pupil)
    with services.db.reading() as s:
        assert s.scalars(select(Guardian).where(Guardian.id.in_(guardians))).all() == []
    for table in personal_tables():
        pk = list(table.primary_key.columns)
        people = [fk for fk in table.foreign_keys if fk.column.table.name in PEOPLE]
        for fk in people:
            assert fk.ondelete in {"CASCADE", "SET NULL"}, (table.name, fk.parent.name)
        for row in before[table.name]:
            with services.db.reading() as s:
                left = (
                    s.execute(select(table).where(*(c == row[c.name] for c in pk)))
                    .mappings()
                    .first()
                )
            if left is None:
                continue
            for fk in people:
                if row[fk.parent.name] == pupil or row[fk.parent.name] in guardians:
                    assert fk.ondelete == "SET NULL", (table.name, dict(left))
                    assert left[fk.parent.name] is None, (table.name, dict(left))
        # Ida's rows are all still there.
        assert rows_of(services, table, family["ida"], []) == others[table.name], table.name


def test_a_table_without_a_section_is_carried_as_stored(
    services: Services, family: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table nobody wrote a section for yet is in the access request all the same."""
    without = {k: v for k, v in privacy.SECTIONS.items() if k != "council_member"}
    monkeypatch.setattr(privacy.access_request, "SECTIONS", without)  # where it is read
    doc = privacy.access_request_data(services, family["soren"])
    (member,) = doc["other_records"]["council_member"]
    assert set(doc["other_records"]) == {"council_member"}
    # every column as stored, the record's id and change stamp too
    assert {k: member.pop(k) for k in STAMP_COLUMNS}["uid"]
    assert member == {
        "school_class_id": family["class"],
        "guardian_id": family["guardians"][0],
        "is_contact_parent": True,
    }
    pdf = render_access_request(AccessRequestData(report_data.letterhead(services), "en", doc)).data
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Other stored data" in text and "council_member" in text
    assert "is_contact_parent True" in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            [
                "Class parent councils",
                "Member Mette Ærø",
                "Contact parent Yes",
                "Conversation evenings",
                "Times the family cannot come 16:00-16:30",
                "Room Lokale 12",
            ],
        ),
        (
            "da",
            [
                "Klasseforældreråd",
                "Medlem Mette Ærø",
                "Kontaktforælder Ja",
                "Samtaleaftener",
                "Tider, familien ikke kan komme 16:00-16:30",
                "Lokale Lokale 12",
            ],
        ),
    ],
)
def test_the_pdf_shows_the_council_and_the_conversation_evenings(
    services: Services, family: dict[str, Any], tmp_path, lang: str, words: list[str]
) -> None:
    _json, pdf = privacy.export_student(services, family["soren"], tmp_path, lang=lang)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    for word in words:
        assert word in text, word
    assert "Ida" not in text and "Per Berg" not in text
