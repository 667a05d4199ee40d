"""How long the texts the teacher types may be; the store's columns are sized from these."""

from __future__ import annotations

from typing import Final

NAME_MAX: Final = 100  # a person's or a school's name
SHORT_MAX: Final = 200  # a place, a title, an e-mail address
TEXT_MAX: Final = 20_000  # a section, a summary, minutes
CLASS_NAME_MAX: Final = 32  # "5.A"
INITIALS_MAX: Final = 8
PHONE_MAX: Final = 32
EMAIL_MAX: Final = SHORT_MAX
SETTING_KEY_MAX: Final = 64

PHONE_DIGITS_MIN: Final = 4  # "1234", an internal school number
PHONE_DIGITS_MAX: Final = 15  # E.164's longest number
PASSPHRASE_MIN: Final = 8
