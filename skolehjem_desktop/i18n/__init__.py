"""One translation system for the whole program: gettext catalogues handled with Babel.

The command line, the window and (later) the PDFs all translate through a
:class:`Translator`. The program activates one for the user's language at start-up;
a document that needs another language (a PDF for an English-speaking guardian)
asks for its own with :func:`translator`.

Messages in the source are English. ``N_()`` marks a string for extraction
without translating it, for labels defined at import time.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import io
import locale as _locale
import os
import re
from functools import cache
from typing import Final

from skolehjem_desktop.resources import translations_dir

DOMAIN: Final = "skolehjem"
LANGUAGES: Final = ("da", "en")
DEFAULT_LANGUAGE: Final = "da"


def normalize_language(value: str | None) -> str:
    """Map a locale name ("en_GB.UTF-8", "da", "EN") to one of ours; Danish otherwise."""
    if not value:
        return DEFAULT_LANGUAGE
    code = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def system_language() -> str:
    """The system's language as one of ours: English if it is English, Danish otherwise."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return normalize_language(value.split(":")[0])
    try:
        lang = _locale.getlocale()[0]
    except ValueError:
        lang = None
    return normalize_language(lang)


def _load_catalogue(lang: str) -> _gettext.NullTranslations:
    """Read the compiled catalogue, or compile the ``.po`` in memory when none is fresh."""
    folder = translations_dir() / lang / "LC_MESSAGES"
    po = folder / f"{DOMAIN}.po"
    mo = folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if not po.exists():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


class Translator:
    """Messages, plurals and dates in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = normalize_language(lang)
        self._catalogue = _load_catalogue(self.lang)

    def gettext(self, message: str) -> str:
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)

    def format_date(self, value: dt.date, fmt: str = "long") -> str:
        """``22. november 2026`` in Danish, ``22 November 2026`` in English."""
        from babel.dates import format_date

        return format_date(value, format=fmt, locale=self.babel_locale)

    def format_time(self, value: dt.time | dt.datetime, fmt: str = "short") -> str:
        from babel.dates import format_time

        return format_time(value, format=fmt, locale=self.babel_locale)

    def format_datetime(self, value: dt.datetime, fmt: str = "medium") -> str:
        from babel.dates import format_datetime

        return format_datetime(value, format=fmt, locale=self.babel_locale)

    def short_date(self, value: dt.date) -> str:
        """``03.12.2026`` in Danish, ``03/12/2026`` in English (as a date field shows it)."""
        from skolehjem_desktop.i18n.dates import format_date_short

        return format_date_short(value, self.lang)

    def clock(self, value: dt.time | dt.datetime) -> str:
        """``14.00`` in Danish, ``14:00`` in English."""
        from skolehjem_desktop.i18n.dates import format_time_short

        return format_time_short(value, self.lang)

    def short_when(self, value: dt.datetime) -> str:
        """``03.12.2026 kl. 14.00`` in Danish, ``03/12/2026 14:00`` in English."""
        from skolehjem_desktop.i18n.dates import format_clock

        return f"{self.short_date(value)} {format_clock(value, self.lang)}"

    @property
    def babel_locale(self) -> str:
        return "da_DK" if self.lang == "da" else "en_GB"


PSEUDO_ENV = "SKOLEHJEM_PSEUDO"
_ACCENTED = str.maketrans("aeiouyAEIOUYcnsCNSgG", "àéîõüýÀÉÎÕÜÝçñšÇÑŠğĞ")
# Placeholders a pseudo message must keep: {name}, and argparse's %(name)s and %s.
_KEPT = re.compile(r"(\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdr])")


def pseudo(text: str) -> str:
    """English made 40 % longer and accented, placeholders and mnemonics kept.

    For developers: ``SKOLEHJEM_PSEUDO=1`` shows every message this way, so text that is
    cut off in a layout, or text that does not go through ``_()``, stands out.
    """
    out = []
    for part in _KEPT.split(text):
        out.append(part if _KEPT.fullmatch(part) else part.translate(_ACCENTED))
    body = "".join(out)
    if not body.strip():
        return text
    return "⟦" + body + "·" * max(1, len(text) * 2 // 5) + "⟧"


class PseudoTranslator(Translator):
    def __init__(self) -> None:
        super().__init__("en")

    def gettext(self, message: str) -> str:
        return pseudo(super().gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return pseudo(super().ngettext(singular, plural, n))


@cache
def translator(lang: str) -> Translator:
    """The translator for a language, loaded once."""
    return Translator(normalize_language(lang))


class _Active:
    current: Translator | None = None


def activate(lang: str | None) -> Translator:
    """Make ``lang`` the language of ``_()`` for this process (the UI and CLI language)."""
    if os.environ.get(PSEUDO_ENV):
        _Active.current = PseudoTranslator()
    else:
        _Active.current = translator(normalize_language(lang))
    return _Active.current


def active() -> Translator:
    if _Active.current is None:
        _Active.current = translator(system_language())
    return _Active.current


def _(message: str) -> str:
    """Translate a message into the active language."""
    return active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return active().ngettext(singular, plural, n)


def short_date(value: dt.date) -> str:
    """A date in the active language's short form (``03.12.2026`` / ``03/12/2026``)."""
    return active().short_date(value)


def clock(value: dt.time | dt.datetime) -> str:
    """A time of day in the active language (``14.00`` / ``14:00``)."""
    return active().clock(value)


def N_(message: str) -> str:
    """Mark a message for extraction; translate it later with ``_()``."""
    return message
