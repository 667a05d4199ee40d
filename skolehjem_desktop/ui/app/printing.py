"""The Print menu: preview a document in the system's PDF viewer, save it where the
teacher chooses, or write a whole class's summaries with progress and cancel.

The documents come from ``services.pdfs``; this module only picks paths, runs the
work off the GUI thread and says what happened. A document for the parents is in the
language :mod:`.doc_language` gives, and so is its file's name. When no viewer opens
a preview, :mod:`~skolehjem_desktop.ui.common.viewer` says so and offers Save as.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.file_names import INVITATION_FILE, SUMMARY_FILE, safe_stem
from skolehjem_desktop.i18n import N_, _, ngettext
from skolehjem_desktop.ui.app.doc_language import document_language, document_name
from skolehjem_desktop.ui.common.tasks import Cancelled, Progress, run_task
from skolehjem_desktop.ui.common.viewer import ask_pdf_path, show_document

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from skolehjem_desktop.services.pdfs import PdfWritten
    from skolehjem_desktop.ui.common.context import UiContext
    from skolehjem_desktop.ui.common.host import Host

PREVIEW_DIR = "previews"
PREVIEW_KEEP_SECONDS = 24 * 3600

Writer = Callable[[Path], "PdfWritten"]


def _report_data() -> ModuleType:
    """The services' report data, imported when a document is made: the window's frame
    comes before the data layer (tests/e2e/test_startup_imports.py)."""
    from skolehjem_desktop.services import report_data

    return report_data


def preview_folder(data_dir: Path) -> Path:
    """Previews live in the data folder (readable by the user alone), not in /tmp."""
    folder = data_dir / PREVIEW_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def clean_previews(data_dir: Path, now: float | None = None) -> int:
    """Remove previews older than a day; returns how many were removed."""
    folder = data_dir / PREVIEW_DIR
    if not folder.is_dir():
        return 0
    limit = (now if now is not None else time.time()) - PREVIEW_KEEP_SECONDS
    removed = 0
    for path in folder.glob("*.pdf"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def preview_path(data_dir: Path, name: str) -> Path:
    """A fresh preview file for the document ``name`` (a time stamp keeps earlier ones)."""
    stamp = dt.datetime.now().strftime("%H%M%S")
    return preview_folder(data_dir) / f"{safe_stem(name)} {stamp}.pdf"


def deliver(
    ctx: UiContext,
    parent: QWidget,
    name: str,
    writer: Writer,
    *,
    save: bool,
    report: Callable[[str], object],
) -> None:
    """Write the document to a preview file and open it, or to a path the teacher picks
    (``name`` suggested, in the Documents folder); ``report`` shows what happened (a
    status bar, a dialog's status line). A preview no viewer opens is said so."""
    file_name = f"{safe_stem(name)}.pdf"
    if save:
        chosen = ask_pdf_path(ctx, parent, file_name)
        if chosen is None:
            return
        path = chosen
    else:
        path = preview_path(ctx.services.data_dir, name)
    written = ctx.attempt(parent, writer, path)
    if written is None:
        return
    if save:
        report(
            ngettext(
                "{path} written ({pages} page).", "{path} written ({pages} pages).", written.pages
            ).format(path=written.path, pages=written.pages)
        )
    else:
        show_document(ctx, parent, written.path, file_name=file_name, report=report)


def _deliver(w: Host, name: str, writer: Writer, *, save: bool) -> None:
    deliver(w.ctx, w.widget(), name, writer, save=save, report=w.show_status)


def _conversation(w: Host) -> int | None:
    if w.student_id is None:
        w.ctx.dialogs.info(w.widget(), _("Choose a pupil first."))
        return None
    if not w.can_leave():
        return None
    conversation_id = w.conversation_id
    if conversation_id is None:
        w.ctx.dialogs.info(w.widget(), _("Choose one of the pupil's conversations first."))
    return conversation_id


def summary(w: Host, *, save: bool = False) -> None:
    _conversation_document(w, SUMMARY_FILE, "summary", save=save)


def invitation(w: Host, *, save: bool = False) -> None:
    _conversation_document(w, INVITATION_FILE, "invitation", save=save)


def _conversation_document(w: Host, file_name: str, kind: str, *, save: bool) -> None:
    """The chosen conversation's summary or invitation, in the document's language."""
    conversation_id = _conversation(w)
    if conversation_id is None:
        return
    detail = w.services.conversations.get(conversation_id)
    lang = document_language(
        w.ctx, lambda: _report_data().conversation_language(w.services, conversation_id)
    )
    name = document_name(
        lang, file_name, name=detail.student_name, date=detail.starts_at.date().isoformat()
    )
    write = getattr(w.services.pdfs, f"write_{kind}")
    _deliver(w, name, lambda p: write(conversation_id, p, lang), save=save)


def message_book(w: Host, *, save: bool = False) -> None:

    student_id = w.student_id
    if student_id is None:
        w.ctx.dialogs.info(w.widget(), _("Choose a pupil first."))
        return
    if not w.can_leave():
        return
    year = w.message_book_year
    lang = document_language(w.ctx, lambda: _report_data().student_language(w.services, student_id))
    name = document_name(
        lang,
        N_("Message book {name} {year}"),
        name=w.services.students.get(student_id).full_name,
        year=year,
    )
    _deliver(
        w,
        name,
        lambda p: w.services.pdfs.write_message_book(student_id, p, school_year=year, lang=lang),
        save=save,
    )


def class_overview(w: Host, *, save: bool = False) -> None:

    class_id = w.class_id
    if class_id is None:
        w.ctx.dialogs.info(w.widget(), _("Choose a class first."))
        return
    info = w.services.classes.get(class_id)
    name = _("Class overview {name} {year}").format(name=info.name, year=info.school_year)
    _deliver(w, name, lambda p: w.services.pdfs.write_class_overview(class_id, p), save=save)


def guide(w: Host, *, save: bool = False) -> None:
    """The guide for the parents from the principles in force, for the chosen class if any.

    In the Document language chosen, else the class's parents' language, else the window's.
    """
    from skolehjem_desktop import i18n

    class_id = w.class_id
    if class_id is None:
        lang = w.ctx.document_language or i18n.active().lang
        name = document_name(lang, N_("Guide for the parents"))
    else:
        lang = document_language(w.ctx, lambda: _report_data().class_language(w.services, class_id))
        info = w.services.classes.get(class_id)
        name = document_name(lang, N_("Guide for the parents {name}"), name=info.name)
    _deliver(w, name, lambda p: w.services.pdfs.write_guide(p, class_id, lang), save=save)


def colleague_sheet(w: Host) -> None:
    """The sheet for the subject teachers, saved where the teacher picks: for the chosen
    pupil or the whole class (asked when both are chosen), in the program's language
    unless a document language is chosen."""
    from skolehjem_desktop import i18n

    class_id, student_id = w.class_id, w.student_id
    if class_id is None and student_id is None:
        w.ctx.dialogs.info(w.widget(), _("Choose a class or a pupil first."))
        return
    if not w.can_leave():
        return
    lang = w.ctx.document_language or i18n.active().lang
    pupil = w.services.students.get(student_id).full_name if student_id is not None else ""
    if student_id is not None and class_id is not None:
        klass = w.services.classes.get(class_id).name
        choice = w.ctx.dialogs.choose(
            w.widget(),
            _("Sheet for the subject teachers"),
            _(
                "The subject teachers write a few words on the sheet before the "
                "conversations. A page for {pupil} only, or one for every pupil of {klass}?"
            ).format(pupil=pupil, klass=klass),
            [_("Only {name}").format(name=pupil), _("All of {klass}").format(klass=klass)],
        )
        if choice is None:
            return
        if choice == 1:
            student_id = None
    if student_id is not None:
        name = document_name(lang, N_("Colleague sheet {name}"), name=pupil)
        pdfs = w.services.pdfs

        def write(path: Path) -> PdfWritten:
            return pdfs.write_colleague_sheet(path, student_id=student_id, lang=lang)

    else:
        assert class_id is not None
        info = w.services.classes.get(class_id)
        name = document_name(lang, N_("Colleague sheet {name}"), name=info.name)
        pdfs = w.services.pdfs

        def write(path: Path) -> PdfWritten:
            return pdfs.write_colleague_sheet(path, class_id=class_id, lang=lang)

    _deliver(w, name, write, save=True)


def class_summaries(w: Host) -> None:
    """Every held conversation's summary of the class: a folder of files, or one file."""
    from skolehjem_desktop.services import pdfs

    class_id = w.class_id
    if class_id is None:
        w.ctx.dialogs.info(w.widget(), _("Choose a class first."))
        return
    if not w.can_leave():
        return
    info = w.services.classes.get(class_id)
    count = len(w.services.pdfs.class_summaries(class_id))
    if count == 0:
        w.ctx.dialogs.info(
            w.widget(),
            _("No conversation of {name} has been held in {year} yet.").format(
                name=info.name, year=info.year_label
            ),
        )
        return
    choice = w.ctx.dialogs.choose(
        w.widget(),
        _("All summaries of {name}").format(name=info.name),
        ngettext(
            "{n} conversation of {name} has been held this school year. "
            "Write its summary as a file in a folder, or in one file for printing?",
            "{n} conversations of {name} have been held this school year. "
            "Write their summaries as one file per pupil in a folder, or all in one file "
            "for printing?",
            count,
        ).format(n=count, name=info.name),
        [_("One file per pupil…"), _("One combined file…")],
    )
    if choice is None:
        return
    title = _("Writing the summaries of {name}…").format(name=info.name)
    lang = w.ctx.document_language  # None: each family's own
    if choice == 0:
        folder = w.ctx.dialogs.choose_folder(w.widget(), _("Choose the folder for the summaries"))
        if folder is None:
            return

        def work(progress: Progress) -> pdfs.BatchResult:
            return w.services.pdfs.write_class_summaries(
                class_id, folder, _progress(progress), lang
            )

    else:
        target = ask_pdf_path(
            w.ctx, w.widget(), safe_stem(f"{info.name} {info.school_year}") + ".pdf"
        )
        if target is None:
            return

        def work(progress: Progress) -> pdfs.BatchResult:
            return w.services.pdfs.write_class_summaries_combined(
                class_id, target, _progress(progress), lang
            )

    try:
        result = run_task(w.widget(), title, work)
    except Cancelled:
        return
    except UserError as exc:
        w.ctx.dialogs.error(w.widget(), exc.message)
        return
    if result.cancelled:
        text = ngettext(
            "Stopped: {done} of {total} summary was written.",
            "Stopped: {done} of {total} summaries were written.",
            result.total,
        ).format(done=len(result.written), total=result.total)
    else:
        text = ngettext(
            "{total} summary written.", "{total} summaries written.", result.total
        ).format(total=result.total)
    w.show_status(text)


def _progress(progress: Progress) -> Callable[[int, int, str], bool]:
    """The task's progress, with a line that names the pupil."""

    def report(done: int, total: int, pupil: str) -> bool:
        text = (
            _("Writing {done} of {total}: {pupil}").format(
                done=min(done + 1, total), total=total, pupil=pupil
            )
            if pupil
            else ""
        )
        return progress(done, total, text)

    return report
