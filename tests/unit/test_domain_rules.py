"""One set of rules for typed and imported input (skolehjem_desktop.domain.rules)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skolehjem_desktop.domain import rules
from skolehjem_desktop.services.base import clean_phone
from skolehjem_desktop.services.class_import import import_class_list, parse_class_list
from skolehjem_desktop.services.class_import.model import clean_text as import_clean_text

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "phone",
    ["12.34.56.78", "12 34 56 78", "+45 12 34 56 78", "(+45) 1234 5678", "12-34-56-78", "1234"],
)
def test_phone_numbers_as_danes_write_them(phone: str) -> None:
    assert rules.check_phone(phone) == phone


@pytest.mark.parametrize("phone", ["abc", "12", "12 34 ab", "+" + "1" * 16, "1." * 17])
def test_not_phone_numbers(phone: str) -> None:
    with pytest.raises(rules.Invalid) as info:
        rules.check_phone(phone)
    assert info.value.problem is rules.Problem.NOT_PHONE


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 .-+()/ab\u00a0", min_size=1, max_size=30))
def test_what_the_import_accepts_the_guardians_dialog_accepts(phone: str) -> None:
    """The parser of class lists and the guardian service check phones with one rule."""
    data = f"Fornavn;Efternavn;Forælder 1;Forælder 1 telefon\nSøren;Bæk;Mette Bæk;{phone}\n"
    parsed = parse_class_list(data.encode("utf-8"), "5a.csv", today=TODAY)
    if parsed.ok and parsed.rows[0].guardians:
        stored = parsed.rows[0].guardians[0].phone
        assert clean_phone(stored) == stored


def test_typed_text_is_kept_as_typed_and_a_class_list_cell_is_one_clean_line() -> None:
    decomposed = "Søren A\u030age"  # "Åge" with a combining ring
    assert rules.check_text(f"  {decomposed}  ", 100) == decomposed  # only trimmed
    assert rules.check_text("\U0002f800", 100) == "\U0002f800"  # NFC would change it
    assert import_clean_text(f"{decomposed}\u200b  x") == "Søren Åge x"  # NFC, one line


def test_the_imported_phone_12_34_56_78_does_not_block_later_edits(
    services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The bug: the import accepted it, then every edit of the guardian was refused."""
    path = tmp_path / "5a.csv"
    path.write_text(
        "Fornavn;Efternavn;Forælder 1;Forælder 1 telefon\nSøren;Bæk;Mette Bæk;12.34.56.78\n",
        encoding="utf-8",
    )
    assert parse_class_list(path.read_bytes(), path.name, today=TODAY).ok
    import_class_list(services.db, path, class_name="5.A", today=TODAY)
    (pupil,) = services.students.all(school_year=2026)
    (guardian,) = services.students.guardians(pupil.id)
    assert guardian.phone == "12.34.56.78"
    edited = services.students.edit_guardian(
        pupil.id, guardian.id, has_custody=False, phone=guardian.phone
    )
    assert edited.has_custody is False
    assert edited.phone == "12.34.56.78"
