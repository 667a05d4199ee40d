"""The file names of the documents for the parents: one naming for the Print menu (which
saves the file) and the Aula messages (which name the file to attach).

Beside the layers, like ``collation.py``: it imports nothing of ours.
"""

from __future__ import annotations

from typing import Final


def N_(text: str) -> str:
    """Mark ``text`` for the catalogues without translating it (it is translated where used)."""
    return text


# The conversation documents' names: "Referat Søren Ærø 2026-12-12" in Danish.
SUMMARY_FILE: Final = N_("Summary {name} {date}")
INVITATION_FILE: Final = N_("Invitation {name} {date}")


def safe_stem(name: str) -> str:
    """``name`` with what a file system may refuse replaced by "-" (never empty)."""
    keep = "".join(c if c.isalnum() or c in " .-_" else "-" for c in name).strip()
    return keep or "document"


# A class file (export-class, File → "Giv klassen videre…"): "Klasse 5.A 2026-27" in Danish.
CLASS_FILE: Final = N_("Class {name} {year}")
CLASS_FILE_SUFFIX: Final = ".skolehjem-klasse"
