"""The gettext catalogues: complete, not fuzzy, placeholders kept, nothing missing."""

from __future__ import annotations

import re

import pytest

from skolehjem_desktop import i18n
from skolehjem_desktop.i18n import catalogues

PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[sdr]|%[sdr]")


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_message_is_translated_and_keeps_its_placeholders(lang) -> None:
    catalog = catalogues.read_catalogue(lang)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {ids[0]!r}")
        if not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = set().union(*(_placeholders(i) for i in ids))
        for string in strings:
            if _placeholders(string) - wanted or (
                len(ids) == 1 and _placeholders(string) != wanted
            ):
                problems.append(f"placeholders differ: {ids[0]!r} -> {string!r}")
    assert problems == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_extraction_finds_no_message_missing_from_the_catalogue(lang) -> None:
    known = {m.id for m in catalogues.read_catalogue(lang) if m.id}
    extracted = {m.id for m in catalogues.extract() if m.id}
    assert sorted(map(str, extracted - known)) == []


def test_danish_is_really_danish() -> None:
    da = i18n.translator("da")
    assert da.gettext("Held") == "Afholdt"
    assert da.ngettext("{n} pupil added", "{n} pupils added", 1) == "{n} elev tilføjet"
    assert da.ngettext("{n} pupil added", "{n} pupils added", 3) == "{n} elever tilføjet"


def test_dates_are_written_the_way_each_language_writes_them() -> None:
    import datetime as dt

    day = dt.date(2026, 11, 22)
    assert i18n.translator("da").format_date(day) == "22. november 2026"
    assert i18n.translator("en").format_date(day) == "22 November 2026"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en_GB.UTF-8", "en"), ("da_DK", "da"), ("de_DE", "da"), (None, "da"), ("EN", "en")],
)
def test_language_names_are_normalised(value, expected) -> None:
    assert i18n.normalize_language(value) == expected


def test_every_member_of_every_domain_vocabulary_has_its_own_label() -> None:
    """StrEnum members with the same value are equal; each must still get its own word."""
    from enum import StrEnum

    from skolehjem_desktop.domain import enums
    from skolehjem_desktop.i18n.labels import label

    vocabularies = [
        v for v in vars(enums).values() if isinstance(v, type) and issubclass(v, StrEnum)
    ]
    assert len(vocabularies) >= 12
    for vocabulary in vocabularies:
        for member in vocabulary:
            assert label(member) != member.value, member
    assert label(enums.PresentationVia.AULA) == "Through Aula"
    assert label(enums.ContactChannel.AULA) == "Aula message"
    assert label(enums.StartedBy.PARENT) == "A parent"


def test_the_pseudo_locale_lengthens_and_keeps_placeholders_and_mnemonics(monkeypatch) -> None:
    monkeypatch.setenv(i18n.PSEUDO_ENV, "1")
    tr = i18n.activate("da")
    text = tr.gettext("There is no class {name} in {year}.")
    assert "{name}" in text and "{year}" in text
    assert len(text) > len("There is no class {name} in {year}.") * 1.3
    assert text.format(name="5.A", year="2026/27")
    assert i18n.pseudo("&Quit").count("&") == 1


def test_no_message_hides_inside_an_f_string() -> None:
    """Babel's extraction cannot see ``_()`` inside an f-string on Python 3.11."""
    import re
    from pathlib import Path

    package = Path(i18n.__file__).resolve().parents[1]
    pattern = re.compile(r"""\bf(["']).*?\{[^}]*\b(_|ngettext|N_)\(""")
    offenders = [
        f"{path.relative_to(package.parent)}:{number}"
        for path in package.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
