"""The text of a PDF, page after page, as the tests read documents back."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path | str) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
