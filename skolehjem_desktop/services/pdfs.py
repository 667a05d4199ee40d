"""Write the PDFs: a summary, an invitation, a message book, a class overview, a class's summaries,
the guide for the parents (appended to every invitation when the school's setting says so).

Each use case gathers its data (``report_data``), builds the document (``reports``,
imported only here, when a PDF is made) and writes it safely: into a temporary file
beside the target, flushed to disk, then renamed into place. A failure at any point
leaves no half-written file and does not touch an existing file of that name.

The language of a document for the parents is theirs unless ``lang`` says otherwise
(see :mod:`skolehjem_desktop.services.report_data`); the class overview is in the
program's language. Messages about what went wrong are in the program's language.

The window calls these from a worker thread; the class-wide ones report progress
with ``progress(done, total, text) -> bool`` and stop when it returns False.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from skolehjem_desktop import i18n
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.leftovers import pid_tag, remove_stale
from skolehjem_desktop.services import report_data

if TYPE_CHECKING:
    from skolehjem_desktop.reports.data import InvitationData, SummaryData
    from skolehjem_desktop.reports.layout import RenderedPdf
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.services.conversations import ConversationRow

Progress = Callable[[int, int, str], bool]

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


class PdfWriteError(UserError):
    """The PDF could not be written where the teacher asked."""


@dataclass(frozen=True)
class PdfWritten:
    path: Path
    pages: int
    lang: str


@dataclass(frozen=True)
class BatchResult:
    """What a class-wide run wrote; ``cancelled`` when the teacher stopped it."""

    written: tuple[PdfWritten, ...]
    total: int
    cancelled: bool


def _never_cancel(done: int, total: int, text: str) -> bool:
    return True


# --- writing safely ---------------------------------------------------------------------


def check_target(path: Path) -> Path:
    """The file to write, or a clear error before any work is done."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise PdfWriteError(
            _("{path} is a folder; give the name of the file to write.").format(path=target)
        )
    folder = target.parent
    if not folder.is_dir():
        raise PdfWriteError(_("The folder {path} does not exist.").format(path=folder))
    return target


def remove_stale_parts(target: Path) -> None:
    """Remove the half-written ``.NAME.*.part`` files killed writes left in ``target``'s folder.

    Only those of a writer that is gone (its id is in the name), or of none and old.
    """
    remove_stale(list(target.parent.glob(".*.part")), ours_only=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, then rename."""
    target = check_target(path)
    remove_stale_parts(target)
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.{pid_tag()}.", suffix=".part"
        )
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp_name).replace(target)
        tmp_name = None
    except OSError as exc:
        raise PdfWriteError(
            _("{path} could not be written: {reason}").format(
                path=target, reason=exc.strerror or exc
            )
        ) from exc
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)


def _write(path: Path, pdf: RenderedPdf, lang: str) -> PdfWritten:
    target = check_target(path)
    write_atomically(target, pdf.data)
    return PdfWritten(target, pdf.pages, lang)


# --- one document -----------------------------------------------------------------------


# --- a whole class ----------------------------------------------------------------------


def summary_file_name(row: ConversationRow) -> str:
    """``Søren Ærø 2026-11-17.pdf``: the pupil and the day, safe on every file system."""
    name = unicodedata.normalize("NFC", row.student_name)
    name = _UNSAFE.sub("_", name).strip(" .") or f"{row.student_id}"
    return f"{name} {row.starts_at.date().isoformat()}.pdf"


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix = name[: -len(".pdf")], ".pdf"
    candidate, n = name, 2
    while candidate.casefold() in taken:
        candidate = f"{stem} ({n}){suffix}"
        n += 1
    taken.add(candidate.casefold())
    return candidate


class PdfService:
    """The documents, as methods of the services: ``services.pdfs.write_summary(...)``.

    Each gathers its plain data from the services, renders it (``reports``) and writes
    the file safely; a missing id, an unwritable path or a conversation not yet held is
    a :class:`~skolehjem_desktop.errors.UserError` and leaves no file.
    """

    def __init__(self, services: Services) -> None:
        self.services = services

    def write_summary(
        self, conversation_id: int, path: Path, lang: str | None = None
    ) -> PdfWritten:
        """The summary of a held conversation, for the parents: the shared sections only."""
        from skolehjem_desktop.reports.summary import render_summary

        target = check_target(path)
        data = report_data.summary_data(self.services, conversation_id, lang)
        return _write(target, render_summary(data), data.lang)

    def write_invitation(
        self, conversation_id: int, path: Path, lang: str | None = None
    ) -> PdfWritten:
        """The invitation and preparation sheet for a planned conversation."""
        target = check_target(path)
        data = report_data.invitation_data(self.services, conversation_id, lang)
        return _write(target, self._invitation_pdf(conversation_id, data), data.lang)

    def _invitation_pdf(self, conversation_id: int, data: InvitationData) -> RenderedPdf:
        """The invitation, with the guide for the parents after it when the setting says so."""
        from skolehjem_desktop.reports.invitation import render_invitation
        from skolehjem_desktop.services.guide_data import guide_for_conversation

        guide = None
        if self.services.school.guide_with_invitations():
            guide = guide_for_conversation(self.services, conversation_id, data.lang)
        return render_invitation(data, guide)

    def write_guide(
        self, path: Path, class_id: int | None = None, lang: str | None = None
    ) -> PdfWritten:
        """The guide for the parents, from the school's principles in force (and a class)."""
        from skolehjem_desktop.reports.guidelines import render_guide
        from skolehjem_desktop.services.guide_data import guide_data

        target = check_target(path)
        data = guide_data(self.services, class_id, lang)
        return _write(target, render_guide(data), data.lang)

    def write_message_book(
        self,
        student_id: int,
        path: Path,
        school_year: int | None = None,
        lang: str | None = None,
    ) -> PdfWritten:
        """The pupil's message book (focus points) for a school year, the current by default."""
        from skolehjem_desktop.reports.message_book import render_message_book

        target = check_target(path)
        data = report_data.message_book_data(self.services, student_id, school_year, lang)
        return _write(target, render_message_book(data), data.lang)

    def write_class_overview(
        self, class_id: int, path: Path, lang: str | None = None
    ) -> PdfWritten:
        """What is still owed per pupil of the class, for the teacher."""
        from skolehjem_desktop.reports.class_overview import render_class_overview

        target = check_target(path)
        data = report_data.class_overview_data(self.services, class_id, lang)
        return _write(target, render_class_overview(data), data.lang)

    def write_meeting_invitation(
        self, meeting_id: int, path: Path, lang: str | None = None
    ) -> PdfWritten:
        """The invitation to a class parent meeting with its agenda, for all the class's parents."""
        from skolehjem_desktop.reports.parent_meeting import render_meeting_invitation

        target = check_target(path)
        data = report_data.parent_meeting_data(self.services, meeting_id, lang)
        return _write(target, render_meeting_invitation(data), data.lang)

    def write_meeting_minutes(
        self, meeting_id: int, path: Path, lang: str | None = None
    ) -> PdfWritten:
        """The minutes of a class parent meeting, for all the class's parents."""
        from skolehjem_desktop.reports.parent_meeting import render_meeting_minutes

        target = check_target(path)
        data = report_data.parent_meeting_data(self.services, meeting_id, lang)
        return _write(target, render_meeting_minutes(data), data.lang)

    def write_colleague_sheet(
        self,
        path: Path,
        *,
        class_id: int | None = None,
        student_id: int | None = None,
        subject: str = "",
        school_year: int | None = None,
        lang: str | None = None,
    ) -> PdfWritten:
        """The fillable sheet for the subject teachers: a page per pupil of the class, or one
        pupil's page. In the program's language (the colleagues are the school's)."""
        from skolehjem_desktop.reports.colleague_sheet import render_colleague_sheet
        from skolehjem_desktop.services.colleague_data import colleague_sheet_data

        target = check_target(path)
        data = colleague_sheet_data(
            self.services,
            class_id=class_id,
            student_id=student_id,
            subject=subject,
            school_year=school_year,
            lang=lang,
        )
        return _write(target, render_colleague_sheet(data), data.lang)

    def class_summaries(self, class_id: int) -> list[ConversationRow]:
        """The conversations whose summaries a class-wide run writes: every held one this year."""
        return report_data.held_conversations(self.services, class_id)

    def write_class_summaries(
        self,
        class_id: int,
        out_dir: Path,
        progress: Progress | None = None,
        lang: str | None = None,
    ) -> BatchResult:
        """One summary per held conversation of the class's school year, into ``out_dir``.

        Each file is in its family's language unless ``lang`` is given. The folder is made
        if it does not exist. ``progress(done, total, pupil)`` is called before each file
        and once at the end; when it returns False the run stops, keeping the files
        already written (each complete).
        """
        from skolehjem_desktop.reports.summary import render_summary

        report = progress or _never_cancel
        report_data.check_language(lang)
        folder = Path(out_dir).expanduser()
        if folder.exists() and not folder.is_dir():
            raise PdfWriteError(_("{path} is a file, not a folder.").format(path=folder))
        rows = self.class_summaries(class_id)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PdfWriteError(
                _("The folder {path} could not be made: {reason}").format(
                    path=folder, reason=exc.strerror or exc
                )
            ) from exc
        written: list[PdfWritten] = []
        taken: set[str] = set()
        total = len(rows)
        for done, row in enumerate(rows):
            if not report(done, total, row.student_name):
                return BatchResult(tuple(written), total, cancelled=True)
            data = report_data.summary_data(self.services, row.id, lang)
            target = folder / _unique(summary_file_name(row), taken)
            written.append(_write(target, render_summary(data), data.lang))
        report(total, total, "")
        return BatchResult(tuple(written), total, cancelled=False)

    def write_class_summaries_combined(
        self,
        class_id: int,
        path: Path,
        progress: Progress | None = None,
        lang: str | None = None,
    ) -> BatchResult:
        """Every held conversation's summary of the class in one file, for printing.

        Each summary starts on a new page with its own numbering and its family's
        language (unless ``lang``); the file's metadata is in the program's language.
        Nothing is written when the run is cancelled.
        """
        from skolehjem_desktop.reports.summary import render_summaries

        report = progress or _never_cancel
        report_data.check_language(lang)
        target = check_target(path)
        rows = self.class_summaries(class_id)
        total = len(rows)
        items: list[SummaryData] = []
        for done, row in enumerate(rows):
            if not report(done, total, row.student_name):
                return BatchResult((), total, cancelled=True)
            items.append(report_data.summary_data(self.services, row.id, lang))
        if not items:
            return BatchResult((), 0, cancelled=False)
        doc_lang = report_data.check_language(lang) or i18n.active().lang
        pdf = render_summaries(
            items,
            class_name=self.services.classes.get(class_id).name,
            author=items[0].letterhead.teacher,
            lang=doc_lang,
        )
        result = _write(target, pdf, doc_lang)
        report(total, total, "")
        return BatchResult((result,), total, cancelled=False)

    def write_plan_invitations(
        self,
        plan_id: int,
        out_dir: Path,
        progress: Progress | None = None,
        lang: str | None = None,
    ) -> BatchResult:
        """Each family's invitation with its preparation sheet, for an accepted evening plan.

        One file per pupil in ``out_dir`` (made if missing), from the conversations the
        plan created; each in its family's language unless ``lang`` is given.
        """
        report = progress or _never_cancel
        report_data.check_language(lang)
        state = self.services.evening_plans.get(plan_id)
        if state.accepted_at is None or state.plan is None:
            raise PdfWriteError(
                _("Accept the plan first: the invitations are for its conversations.")
            )
        folder = Path(out_dir).expanduser()
        if folder.exists() and not folder.is_dir():
            raise PdfWriteError(_("{path} is a file, not a folder.").format(path=folder))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PdfWriteError(
                _("The folder {path} could not be made: {reason}").format(
                    path=folder, reason=exc.strerror or exc
                )
            ) from exc
        items = [
            (a, state.conversations[a.pupil_id])
            for a in state.plan.assignments
            if a.pupil_id in state.conversations
        ]
        written: list[PdfWritten] = []
        taken: set[str] = set()
        total = len(items)
        for done, (a, conversation_id) in enumerate(items):
            name = state.name_of(a.pupil_id)
            if not report(done, total, name):
                return BatchResult(tuple(written), total, cancelled=True)
            data = report_data.invitation_data(self.services, conversation_id, lang)
            safe = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .") or str(
                a.pupil_id
            )
            target = folder / _unique(f"{safe} {a.date.isoformat()}.pdf", taken)
            pdf = self._invitation_pdf(conversation_id, data)
            written.append(_write(target, pdf, data.lang))
        report(total, total, "")
        return BatchResult(tuple(written), total, cancelled=False)
