"""The grade of a class, read from its name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skolehjem_desktop.services.grades import grade_from_name


@pytest.mark.parametrize(
    ("name", "grade"),
    [
        ("5.A", 5),
        ("0.B", 0),
        ("10.X", 10),
        ("5a", 5),
        ("5A", 5),
        ("5 b", 5),
        (" 7.c ", 7),
        ("5.", 5),
        ("5", 5),
        ("05.A", 5),
        ("3. klasse", 3),
        ("9.Ø", 9),
        ("Bh.kl.", 0),
        ("bh. klasse", 0),
        ("Børnehaveklasse A", 0),
        ("Spirekassen", None),
        ("11.A", None),
        ("12", None),
        ("2024", None),
        ("5.12", None),
        ("5.A2", None),
        ("", None),
        ("   ", None),
        (".5", None),
        ("A.5", None),
        ("-1.A", None),
        ("Bhutan", None),
    ],
)
def test_grade_from_name(name: str, grade: int | None) -> None:
    assert grade_from_name(name) == grade


@given(
    st.integers(min_value=0, max_value=10),
    st.sampled_from(["", ".", ". ", " ", "-"]),
    st.sampled_from(["", "A", "b", "X", "Æ", "klasse"]),
)
def test_every_grade_with_any_letter(grade: int, sep: str, letter: str) -> None:
    assert grade_from_name(f"{grade}{sep}{letter}") == grade


@given(st.text())
def test_any_text_gives_none_or_a_grade(name: str) -> None:
    grade = grade_from_name(name)
    assert grade is None or 0 <= grade <= 10
