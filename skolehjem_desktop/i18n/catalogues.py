"""Keep the gettext catalogues: extract messages, update the ``.po`` files, compile ``.mo``.

    python -m skolehjem_desktop.i18n.catalogues update    # after changing messages
    python -m skolehjem_desktop.i18n.catalogues compile   # done by ./dev.sh setup

Messages in the source are English, so the English catalogue is filled from the
message ids; the Danish one is translated by hand (untranslated entries show in
English until then, and a test fails).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from skolehjem_desktop.i18n import DOMAIN, LANGUAGES

# A developer's tool: it works on the sources in the checkout, never on an installed copy.
SOURCE_ROOT = Path(__file__).resolve().parents[2]

KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
METHOD_MAP = [("**.py", "python")]


def po_path(lang: str) -> Path:
    return SOURCE_ROOT / "translations" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every message marked in the program's source."""
    template = Catalog(project="Skolehjem", domain=DOMAIN, charset="utf-8")
    package = SOURCE_ROOT / "skolehjem_desktop"
    for filename, lineno, message, comments, context in extract_from_dir(
        str(package), METHOD_MAP, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        template.add(
            message,
            None,
            [(f"skolehjem_desktop/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def read_catalogue(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="Skolehjem", charset="utf-8")
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def update() -> None:
    template = extract()
    for lang in LANGUAGES:
        catalog = read_catalogue(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if lang == "en":
            for message in catalog:
                if not message.id:
                    continue
                if isinstance(message.id, tuple):
                    message.string = tuple(message.id)
                else:
                    message.string = message.id
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False, sort_output=True)
        untranslated = [m.id for m in catalog if m.id and not _translated(m.string)]
        print(f"{lang}: {len(catalog)} messages, {len(untranslated)} untranslated")


def _translated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


def compile_all() -> None:
    for lang in LANGUAGES:
        catalog = read_catalogue(lang)
        mo = po_path(lang).with_suffix(".mo")
        with mo.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)


def main(argv: list[str]) -> int:
    if argv == ["update"]:
        update()
        return 0
    if argv == ["compile"]:
        compile_all()
        return 0
    print("usage: python -m skolehjem_desktop.i18n.catalogues update|compile", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
