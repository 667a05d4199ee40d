"""Qt gets a UTF-8 character type before it starts (no "Detected locale C" on stderr)."""

from __future__ import annotations

import os

import pytest

from skolehjem_desktop.app import ensure_utf8_locale

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX locales")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({}, {"LC_CTYPE": "C.UTF-8"}),
        ({"LANG": "C"}, {"LANG": "C", "LC_CTYPE": "C.UTF-8"}),
        ({"LC_ALL": "C"}, {"LC_ALL": "C.UTF-8"}),
        ({"LC_ALL": "POSIX", "LANG": "da_DK.UTF-8"}, {"LC_ALL": "C.UTF-8", "LANG": "da_DK.UTF-8"}),
        ({"LANG": "da_DK.UTF-8"}, {"LANG": "da_DK.UTF-8"}),
        ({"LANG": "en_GB.utf8", "LC_TIME": "da_DK"}, {"LANG": "en_GB.utf8", "LC_TIME": "da_DK"}),
        ({"LC_CTYPE": "C.UTF-8", "LANG": "C"}, {"LC_CTYPE": "C.UTF-8", "LANG": "C"}),
    ],
)
def test_only_a_non_utf8_character_type_is_changed(
    before: dict[str, str], after: dict[str, str]
) -> None:
    environ = dict(before)
    ensure_utf8_locale(environ)
    assert environ == after
