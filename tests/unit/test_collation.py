"""Names sort as a Danish teacher expects, in the database and in the window alike."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from skolehjem_desktop.collation import compare, sort_key

DANISH_ORDER = ["Aage", "Ayşe", "Łukasz", "Nguyễn", "Søren", "Zara", "Ærø", "Øster", "Åse"]


def test_danish_letters_come_after_z_and_foreign_letters_with_their_base() -> None:
    shuffled = list(reversed(DANISH_ORDER))
    assert sorted(shuffled, key=sort_key) == DANISH_ORDER


def test_case_does_not_matter() -> None:
    assert sort_key("ØSTER") == sort_key("øster")


@given(st.text(), st.text())
def test_compare_is_a_total_order_consistent_with_sort_key(a: str, b: str) -> None:
    assert compare(a, b) == -compare(b, a)
    assert (compare(a, b) == 0) == (a == b)


def test_the_database_sorts_pupils_the_same_way(services) -> None:
    school_class = services.classes.create("5.A", 2026)
    for name in reversed(DANISH_ORDER):
        services.students.add(name, "Test", school_class.id)
    rows = services.students.all(class_id=school_class.id)
    assert [r.first_name for r in rows] == DANISH_ORDER
