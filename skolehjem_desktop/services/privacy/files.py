"""Writing the access request for a pupil: ``<name>-<id>.json`` and ``.pdf``, for the user alone."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from skolehjem_desktop import i18n
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.privacy.access_request import access_request_data

if TYPE_CHECKING:
    from skolehjem_desktop.services import Services

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


class ExportError(UserError):
    """The access request files could not be written where the teacher asked."""


def export_file_stem(first_name: str, last_name: str, student_id: int) -> str:
    """``Søren Ærø-12``: the pupil's name and id, safe on every file system."""
    name = unicodedata.normalize("NFC", f"{first_name} {last_name}".strip())
    name = _UNSAFE.sub("_", name).strip(" .")[:80].strip(" .")
    return f"{name}-{student_id}" if name else f"{student_id}"


def _write_private(path: Path, data: bytes) -> None:
    from skolehjem_desktop.services.pdfs import PdfWriteError, write_atomically

    try:
        write_atomically(path, data)  # a temporary file (0600) beside it, then renamed
        if os.name == "posix":
            path.chmod(0o600)
    except PdfWriteError as exc:
        raise ExportError(exc.message) from exc
    except OSError as exc:
        raise ExportError(
            _("{path} could not be written: {reason}").format(path=path, reason=exc.strerror)
        ) from exc


def _folder(out_dir: Path) -> Path:
    """``out_dir``, made if it is not there; an :class:`ExportError` if it cannot be."""
    folder = Path(out_dir).expanduser()
    if folder.exists() and not folder.is_dir():
        raise ExportError(_("{path} is a file, not a folder.").format(path=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            _("The folder {path} could not be made: {reason}").format(
                path=folder, reason=exc.strerror or exc
            )
        ) from exc
    return folder


def export_student(
    services: Services, student_id: int, out_dir: Path, lang: str | None = None
) -> list[Path]:
    """Write the access request for the pupil into ``out_dir``: ``<name>-<id>.json`` and ``.pdf``.

    Both hold everything stored about the pupil, the teacher's own notes included, and
    are readable by the user alone. For the access request only, never for the parents.
    """
    from skolehjem_desktop.reports.access_request import AccessRequestData, render_access_request
    from skolehjem_desktop.services import report_data

    doc_lang = report_data.check_language(lang) or i18n.active().lang
    data = access_request_data(services, student_id)
    folder = _folder(out_dir)
    pupil = data["student"]
    stem = export_file_stem(pupil["first_name"], pupil["last_name"], student_id)
    json_path = folder / f"{stem}.json"
    pdf_path = folder / f"{stem}.pdf"
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    pdf = render_access_request(
        AccessRequestData(letterhead=report_data.letterhead(services), lang=doc_lang, document=data)
    )
    _write_private(json_path, text.encode("utf-8"))
    _write_private(pdf_path, pdf.data)
    return [json_path, pdf_path]
