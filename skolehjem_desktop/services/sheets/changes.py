"""What reading a sheet back will do, shown before anything is written.

Each kind of sheet (``parents.py``, ``colleague.py``) has two functions with these
signatures, registered in :data:`skolehjem_desktop.services.sheets.service.KINDS`:

``describe(s, sheet, page, now) -> PageChanges``
    What the page will change, reading only. Refuses (``ValidationError``) a page whose
    pupil or conversation no longer exists, or that belongs to another pupil's sheet.
``apply(s, sheet, page, changes, now, overwrite) -> None``
    Writes it, inside the caller's transaction. Appends; replaces what is there only when
    a change says ``replaces`` and the teacher said ``overwrite``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One thing a page will write: where (in words), what, and whether it replaces."""

    where: str  # e.g. "The conversation 12.12.2026: the parents' input" (translated)
    what: str  # the text written (as it will be stored, or a short form of it)
    replaces: bool = False  # something is there already and would be replaced


@dataclass(frozen=True)
class PageChanges:
    """One pupil's part of a sheet: who, which conversation, and the changes."""

    n: int  # the page's number on the sheet
    student_id: int
    student_name: str
    conversation_id: int | None
    content_hash: str
    changes: tuple[Change, ...]
    already_read: bool = False  # these very answers were read before: nothing to do
    empty: bool = False  # nothing was filled in on this page

    @property
    def replaces(self) -> bool:
        return any(c.replaces for c in self.changes)


def preview_lines(pages: tuple[PageChanges, ...], *, numbered: bool, indent: int) -> list[str]:
    """The pages and their changes as plain lines: the window's preview and the command
    line's say it the same way (``numbered``: "1. Søren Ærø"; ``indent``: per level)."""
    from skolehjem_desktop.i18n import _

    step = " " * indent
    lines: list[str] = []
    for page in pages:
        name = page.student_name
        lines.append(_("{n}. {name}").format(n=page.n, name=name) if numbered else name)
        if page.already_read:
            lines.append(step + _("Already read: nothing new."))
        elif page.empty or not page.changes:
            lines.append(step + _("Nothing to read."))
        else:
            for change in page.changes:
                mark = " " + _("(replaces what is there)") if change.replaces else ""
                lines.append(f"{step}{change.where}{mark}:")
                lines.extend(f"{step}{step}{line}" for line in change.what.splitlines() or [""])
        if not numbered:
            lines.append("")
    return lines
