"""Count phrases read well for none, one, some and all, in Danish and English."""

from __future__ import annotations

import pytest

from skolehjem_desktop import i18n
from skolehjem_desktop.i18n.counts import owed_summary


@pytest.mark.parametrize(
    ("done", "total", "english", "danish"),
    [
        (0, 0, "There are no pupils in the class.", "Der er ingen elever i klassen."),
        (
            0,
            1,
            "The pupil does not have everything in place yet.",
            "Eleven har ikke alt på plads endnu.",
        ),
        (
            0,
            5,
            "None of the 5 pupils has everything in place yet.",
            "Ingen af de 5 elever har alt på plads endnu.",
        ),
        (1, 1, "The pupil has everything in place.", "Eleven har alt på plads."),
        (5, 5, "All 5 pupils have everything in place.", "Alle 5 elever har alt på plads."),
        (1, 5, "1 of 5 pupils has everything in place.", "1 af 5 elever har alt på plads."),
        (3, 5, "3 of 5 pupils have everything in place.", "3 af 5 elever har alt på plads."),
    ],
)
def test_what_is_owed_for_the_class_in_words(done, total, english, danish) -> None:  # type: ignore[no-untyped-def]
    assert owed_summary(done, total) == english
    try:
        i18n.activate("da")
        assert owed_summary(done, total) == danish
    finally:
        i18n.activate("en")
