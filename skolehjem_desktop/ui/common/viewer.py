"""Show a written PDF (or a folder) outside the program, and never fail silently.

``QDesktopServices.openUrl`` returns False when nothing opens the file (no
``xdg-open``, no PDF viewer); Qt itself only writes a line on stderr. When that
happens the teacher is told so and offered to save the file where they will find it
(their Documents folder by default) or to open the folder it is in; if no file
manager opens either, the file's path is shown as text they can select and copy.

What opens files is :meth:`UiContext.launch`: tests give the context a launcher
that fails, to play a computer without a viewer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from skolehjem_desktop.ui.common.context import UiContext

PDF_FILTER = "PDF (*.pdf)"

Report = Callable[[str], object]


def documents_folder() -> Path:
    """The user's Documents folder (their home folder if there is none)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def with_pdf_suffix(path: Path) -> Path:
    """``path`` ending in ``.pdf`` (a name typed without it gets it)."""
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def ask_pdf_path(ctx: UiContext, parent: QWidget | None, file_name: str) -> Path | None:
    """Where to save a PDF: the teacher picks, ``file_name`` in Documents suggested."""
    path = ctx.dialogs.save_file(
        parent, _("Save as PDF"), str(documents_folder() / file_name), PDF_FILTER
    )
    return None if path is None else with_pdf_suffix(path)


def show_document(
    ctx: UiContext, parent: QWidget | None, path: Path, *, file_name: str, report: Report
) -> bool:
    """Open the written ``path`` in the PDF viewer; when nothing opens it, say so and
    offer to save a copy (as ``file_name``) or to open its folder. True if it opened."""
    if ctx.launch(path):
        report(_("Opened {name} in the PDF viewer.").format(name=path.name))
        return True
    report(_("No PDF viewer opened {name}.").format(name=path.name))
    choice = ctx.dialogs.choose(
        parent,
        _("No PDF viewer opened the document"),
        _(
            "The document {name} is ready, but no program on this computer opened it: "
            "there seems to be no PDF viewer. Save it where you can find it, for example "
            "in your Documents folder, and open or print it from there. Or open the "
            "folder it is in now."
        ).format(name=file_name),
        [_("Save as…"), _("Open the folder")],
    )
    if choice == 0:
        save_copy(ctx, parent, path, file_name=file_name, report=report)
    elif choice == 1:
        open_folder(ctx, parent, path)
    return False


def save_copy(
    ctx: UiContext, parent: QWidget | None, path: Path, *, file_name: str, report: Report
) -> Path | None:
    """Save the written ``path`` where the teacher picks, safely (temporary file, then
    rename): a failure is a message and leaves nothing. The new path, or None."""
    target = ask_pdf_path(ctx, parent, file_name)
    if target is None:
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        ctx.dialogs.error(
            parent,
            _("{path} could not be read: {reason}").format(path=path, reason=exc.strerror or exc),
        )
        return None
    try:
        # Imported here: the window's frame comes before the data layer.
        from skolehjem_desktop.services.pdfs import write_atomically

        write_atomically(target, data)
    except UserError as exc:
        ctx.dialogs.error(parent, exc.message)
        return None
    report(_("Saved as {path}.").format(path=target))
    return target


def open_folder(ctx: UiContext, parent: QWidget | None, path: Path) -> bool:
    """Open the folder ``path`` is in (``path`` itself if it is a folder); when no file
    manager does, show the path as text to select and copy. True if it opened."""
    folder = path if path.is_dir() else path.parent
    if ctx.launch(folder):
        return True
    ctx.dialogs.show_path(
        parent,
        _(
            "No program on this computer opened the folder. Here is the path; you can "
            "select it and copy it:"
        ),
        path,
    )
    return False
