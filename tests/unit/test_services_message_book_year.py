"""The message book's school year besides the focus points (L 174): interventions and their
follow-up for a pupil who needs them, the pupil's thoughts on further education in grades
7–9. Stored, checked, printed for the parents, in the access request, gone with the pupil."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.errors import NotFoundError, UserError, ValidationError
from skolehjem_desktop.services import privacy
from skolehjem_desktop.services.message_book_year import (
    NewMessageBookYear,
    further_education_applies,
)
from skolehjem_desktop.store.models import MessageBookYear
from tests.pdf_text import pdf_text

YEAR = 2026


@pytest.fixture
def pupils(services) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Anna in 5.A and Bo in 8.A this school year; Bo was in 7.A last year."""
    five = services.classes.create("5.A", YEAR)
    eight = services.classes.create("8.A", YEAR)
    seven = services.classes.create("7.A", YEAR - 1)
    anna = services.students.add("Anna", "Hansen", five.id).id
    bo = services.students.add("Bo", "Ærø", eight.id).id
    services.students.move(bo, seven.id)
    return {"anna": int(anna), "bo": int(bo)}


def rows(services) -> int:  # type: ignore[no-untyped-def]
    with services.db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(MessageBookYear)) or 0)


@pytest.mark.parametrize(
    ("grade", "applies"), [(None, False), (0, False), (6, False), (7, True), (9, True), (10, False)]
)
def test_further_education_belongs_to_grades_7_to_9(grade: int | None, applies: bool) -> None:
    assert further_education_applies(grade) is applies


def test_nothing_stored_reads_as_an_empty_year_with_its_grade(services, pupils) -> None:  # type: ignore[no-untyped-def]
    anna = services.message_book_years.get(pupils["anna"], YEAR)
    assert (anna.grade, anna.needs_support, anna.interventions, anna.follow_up) == (
        5,
        False,
        "",
        "",
    )
    assert anna.further_education == "" and not anna.further_education_applies
    bo = services.message_book_years.get(pupils["bo"], YEAR)
    assert bo.grade == 8 and bo.further_education_applies
    assert services.message_book_years.get(pupils["bo"], YEAR - 1).grade == 7
    assert services.message_book_years.get(pupils["bo"], YEAR + 1).grade is None
    assert rows(services) == 0
    with pytest.raises(NotFoundError):
        services.message_book_years.get(999, YEAR)
    with pytest.raises(ValidationError):
        services.message_book_years.get(pupils["anna"], 1999)


def test_a_pupil_who_needs_interventions(services, pupils) -> None:  # type: ignore[no-untyped-def]
    book = services.message_book_years
    saved = book.update(pupils["anna"], YEAR, needs_support=True)
    assert saved.needs_support and saved.interventions == ""
    saved = book.update(pupils["anna"], YEAR, interventions="  Læsekursus to gange om ugen ")
    assert saved.needs_support  # left as it was
    assert saved.interventions == "Læsekursus to gange om ugen"
    saved = book.update(pupils["anna"], YEAR, follow_up="Vi ser på det igen i marts.")
    again = book.get(pupils["anna"], YEAR)
    assert again == saved
    assert (again.shown_interventions, again.shown_follow_up) == (
        "Læsekursus to gange om ugen",
        "Vi ser på det igen i marts.",
    )
    # Another year is its own.
    assert book.get(pupils["anna"], YEAR - 1).interventions == ""


def test_unticking_keeps_the_texts_but_hides_them(services, pupils) -> None:  # type: ignore[no-untyped-def]
    book = services.message_book_years
    book.update(pupils["anna"], YEAR, needs_support=True, interventions="Støtte i dansk")
    off = book.update(pupils["anna"], YEAR, needs_support=False)
    assert off.interventions == "Støtte i dansk" and off.shown_interventions == ""
    assert book.update(pupils["anna"], YEAR, needs_support=True).shown_interventions == (
        "Støtte i dansk"
    )


def test_an_emptied_year_is_not_kept(services, pupils) -> None:  # type: ignore[no-untyped-def]
    book = services.message_book_years
    book.update(pupils["anna"], YEAR, needs_support=True, follow_up="x")
    assert rows(services) == 1
    book.update(pupils["anna"], YEAR, needs_support=False, follow_up="   ")
    assert rows(services) == 0
    book.update(pupils["anna"], YEAR, interventions="")  # nothing to keep: no row made
    assert rows(services) == 0


def test_thoughts_on_further_education_are_kept_in_any_grade_shown_in_7_to_9(
    services, pupils
) -> None:  # type: ignore[no-untyped-def]
    book = services.message_book_years
    bo = book.update(pupils["bo"], YEAR, further_education="Tømrer, måske HTX.")
    assert (
        bo.further_education == "Tømrer, måske HTX."
        and bo.shown_further_education == bo.further_education
    )
    anna = book.update(pupils["anna"], YEAR, further_education="Dyrlæge")
    assert anna.further_education == "Dyrlæge" and anna.shown_further_education == ""


def test_too_long_or_broken_text_is_refused_and_changes_nothing(services, pupils) -> None:  # type: ignore[no-untyped-def]
    book = services.message_book_years
    book.update(pupils["anna"], YEAR, needs_support=True, interventions="Før")
    with pytest.raises(ValidationError, match="Interventions"):
        book.update(pupils["anna"], YEAR, needs_support=False, interventions="x" * (TEXT_MAX + 1))
    with pytest.raises(ValidationError, match="Follow-up"):
        book.update(pupils["anna"], YEAR, follow_up="a\x00b")
    with pytest.raises(ValidationError, match="further education"):
        book.update(pupils["anna"], YEAR, further_education="y" * (TEXT_MAX + 1))
    kept = book.get(pupils["anna"], YEAR)
    assert kept.needs_support and kept.interventions == "Før"
    assert book.update(pupils["anna"], YEAR, interventions="x" * TEXT_MAX).interventions == (
        "x" * TEXT_MAX
    )
    with pytest.raises(NotFoundError):
        book.update(999, YEAR, needs_support=True)


def test_a_write_the_disk_will_not_take_is_refused_in_words(services, pupils, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A full disk or a database held by another process: a UserError, nothing changed."""
    book = services.message_book_years
    book.update(pupils["anna"], YEAR, interventions="Før")

    def full(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("UPDATE", {}, Exception("database or disk is full"))

    monkeypatch.setattr("sqlalchemy.orm.Session.flush", full)
    with pytest.raises(UserError, match="no room left on the disk") as refused:
        book.update(pupils["anna"], YEAR, interventions="Efter")
    assert "Nothing was changed" in refused.value.message
    monkeypatch.undo()
    assert book.get(pupils["anna"], YEAR).interventions == "Før"


def test_many_reads_a_class_at_once(services, pupils) -> None:  # type: ignore[no-untyped-def]
    book = services.message_book_years
    book.update(pupils["anna"], YEAR, needs_support=True)
    found = book.many([pupils["anna"], pupils["bo"], 999], YEAR)
    assert set(found) == {pupils["anna"], pupils["bo"]}
    assert found[pupils["anna"]].needs_support and found[pupils["anna"]].grade == 5
    assert not found[pupils["bo"]].needs_support and found[pupils["bo"]].further_education_applies
    assert book.many([], YEAR) == {}


def test_all_of_lists_the_pupils_years(services, pupils) -> None:  # type: ignore[no-untyped-def]
    book = services.message_book_years
    book.update(pupils["bo"], YEAR, further_education="Gymnasiet")
    book.update(pupils["bo"], YEAR - 1, needs_support=True)
    years = book.all_of(pupils["bo"])
    assert [(y.school_year, y.grade) for y in years] == [(YEAR - 1, 7), (YEAR, 8)]


def test_add_many_in_checks_and_leaves_empty_years_out(services, pupils, db) -> None:  # type: ignore[no-untyped-def]
    book = services.message_book_years
    with db.transaction() as s:
        book.add_many_in(
            s,
            [
                NewMessageBookYear(pupils["anna"], YEAR, True, " Støtte ", "Marts"),
                NewMessageBookYear(pupils["bo"], YEAR, further_education="Søfart"),
                NewMessageBookYear(pupils["bo"], YEAR - 1),
            ],
        )
    assert rows(services) == 2
    assert book.get(pupils["anna"], YEAR).interventions == "Støtte"
    assert book.get(pupils["bo"], YEAR).further_education == "Søfart"
    with pytest.raises(ValidationError), db.transaction() as s:
        book.add_many_in(s, [NewMessageBookYear(pupils["anna"], YEAR - 1, follow_up="z" * 20_001)])
    with pytest.raises(NotFoundError), db.transaction() as s:
        book.add_many_in(s, [NewMessageBookYear(999, YEAR, True)])
    assert rows(services) == 2


def test_deleting_the_pupil_deletes_the_years(services, pupils) -> None:  # type: ignore[no-untyped-def]
    book = services.message_book_years
    book.update(pupils["anna"], YEAR, needs_support=True, interventions="Støtte")
    book.update(pupils["bo"], YEAR, further_education="Gymnasiet")
    services.students.delete(pupils["anna"])
    assert rows(services) == 1
    assert book.get(pupils["bo"], YEAR).further_education == "Gymnasiet"


def test_the_access_request_carries_them(services, pupils, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = services.message_book_years
    book.update(pupils["bo"], YEAR, needs_support=True, interventions="Matematikvejledning")
    book.update(pupils["bo"], YEAR, follow_up="Status ved jul", further_education="Tømrer")
    doc = json.loads(json.dumps(privacy.access_request_data(services, pupils["bo"])))
    assert doc["message_book_years"] == [
        {
            "school_year": YEAR,
            "needs_support": True,
            "interventions": "Matematikvejledning",
            "follow_up": "Status ved jul",
            "further_education": "Tømrer",
        }
    ]
    assert "message_book_year" not in doc["other_records"]
    written = privacy.export_student(services, pupils["bo"], tmp_path)
    pdf = next(p for p in written if p.suffix == ".pdf")
    text = " ".join(pdf_text(pdf).split())
    for expected in ("Matematikvejledning", "Status ved jul", "Tømrer", "Follow-up"):
        assert expected in text


def _book_text(services, student_id: int, tmp_path: Path, year: int = YEAR) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / f"book-{student_id}-{year}.pdf"
    services.pdfs.write_message_book(student_id, path, school_year=year, lang="en")
    return " ".join(pdf_text(path).split())


def test_the_message_book_pdf_prints_them_for_the_parents(services, pupils, tmp_path) -> None:  # type: ignore[no-untyped-def]
    book = services.message_book_years
    book.update(pupils["bo"], YEAR, needs_support=True, interventions="Lektiecafé om tirsdagen")
    book.update(pupils["bo"], YEAR, follow_up="Vi taler om det til samtalen i marts")
    book.update(pupils["bo"], YEAR, further_education="Jeg vil gerne være elektriker")
    text = _book_text(services, pupils["bo"], tmp_path)
    assert "Interventions and follow-up" in text
    assert "Lektiecafé om tirsdagen" in text and "Vi taler om det til samtalen i marts" in text
    assert "own thoughts" in text and "Jeg vil gerne være elektriker" in text
    # The thoughts come under the area of further education, the interventions after it.
    assert (
        text.index("Thoughts on further education")
        < text.index("Jeg vil gerne være elektriker")
        < text.index("Interventions and follow-up")
    )


def test_the_pdf_leaves_out_what_does_not_apply(services, pupils, tmp_path) -> None:  # type: ignore[no-untyped-def]
    book = services.message_book_years
    # Unticked: the texts are kept but not printed; grade 5: no further education.
    book.update(pupils["anna"], YEAR, interventions="Skjult indsats", further_education="Dyrlæge")
    text = _book_text(services, pupils["anna"], tmp_path)
    assert "Skjult indsats" not in text and "Dyrlæge" not in text
    assert "Interventions" not in text and "own thoughts" not in text
    # Ticked without any text: no empty heading.
    book.update(pupils["anna"], YEAR, needs_support=True, interventions="")
    assert "Interventions" not in _book_text(services, pupils["anna"], tmp_path)
    # Grade 8 without thoughts written: no empty block.
    assert "own thoughts" not in _book_text(services, pupils["bo"], tmp_path)
