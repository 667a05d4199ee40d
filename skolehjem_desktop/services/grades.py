"""The grade (klassetrin) of a class, read from its name.

Danish classes are named by grade and letter: "0.A" (børnehaveklasse) up to "10.X".
:func:`grade_from_name` reads the leading number; a name that does not start with a
grade from 0 to 10 ("Spirekassen", "11.A", "2024") has no grade.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

MIN_GRADE: Final = 0
MAX_GRADE: Final = 10

# A leading number, then nothing, or a separator and/or a word: "5.A", "5a", "5 B",
# "10.X", "0. klasse", "5.-klasse". No further digits, so "5.12" or "2024" is no grade.
_GRADED: Final = re.compile(r"(\d{1,2})(?:[.\-\s]*[^\W\d_][^\d]*|[.\-\s]*)", re.UNICODE)
# The old name of grade 0: "Bh.kl.", "bh. klasse", "Børnehaveklasse A".
_KINDERGARTEN: Final = re.compile(r"(bh\b|bh\.|børnehavekl)", re.IGNORECASE | re.UNICODE)


def grade_from_name(name: str) -> int | None:
    """The grade 0–10 of a class called ``name``, or None when the name has none.

    >>> grade_from_name("5.A"), grade_from_name("10.X"), grade_from_name("Spirekassen")
    (5, 10, None)
    """
    text = unicodedata.normalize("NFC", name).strip()
    match = _GRADED.fullmatch(text)
    if match is not None:
        grade = int(match.group(1))
        return grade if MIN_GRADE <= grade <= MAX_GRADE else None
    if _KINDERGARTEN.match(text):
        return 0
    return None
