"""A class that moves between teachers: an encrypted class file, handed over or shared.

``export-class`` (File → "Giv klassen videre…") writes one file holding a class and
everything about its pupils, sealed with a passphrase (:mod:`skolehjem_desktop.store.
class_file`). ``import-class`` (File → "Modtag en klasse…") reads it back: a preview of
what comes in, then one transaction. Every record carries a stable id and a stamp of its
last change (:mod:`skolehjem_desktop.store.stamps`), so two teachers can exchange the
same class again and again:

- what is new on either side is kept;
- what only the colleague changed since the last exchange replaces the old;
- what both changed keeps both versions: the colleague's waits in the list of choices
  (:class:`Choice`) until the teacher picks one; nothing either typed is dropped;
- what the colleague deleted is deleted here only if it was not changed here;
- importing the same file twice changes nothing.

The modules: :mod:`.records` (a row as the file holds it: other records named by uid),
:mod:`.scope` (which rows belong to a class), :mod:`.payload` (the file's contents),
:mod:`.merge` (the decision for one record), :mod:`.apply` (the import's transaction),
:mod:`.choices` (the words for records and choices), :mod:`.resolve` (the list of
choices and the teacher's choice), :mod:`.service` (the use cases).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

__all__ = [
    "Choice",
    "ChoiceReason",
    "ClassFile",
    "Difference",
    "ExportSummary",
    "ImportCounts",
    "ImportPreview",
    "ImportResult",
    "KindCounts",
    "PupilLine",
]


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    class_name: str
    school_year: int
    pupils: int
    records: int
    include_private: bool


@dataclass(frozen=True)
class ClassFile:
    """A class file read and opened with its passphrase, not yet imported."""

    file_name: str
    format: int
    program_version: str
    exported_at: str  # ISO 8601, UTC
    sender: str  # "Mette Kjær (MK)"
    school: str
    class_name: str
    school_year: int
    include_private: bool
    pupils: int
    records: int
    payload: dict[str, Any]  # what :mod:`.payload` checked; read by :mod:`.apply`


@dataclass(frozen=True)
class ImportCounts:
    new: int = 0  # records that were not here
    updated: int = 0  # the colleague's newer version replaced ours
    unchanged: int = 0  # the same here already, or only changed here (kept)
    choices: int = 0  # both changed, or could not be put in place: both kept, to choose
    deleted: int = 0  # deleted by the colleague, unchanged here: deleted here too
    kept: int = 0  # deleted by the colleague but changed here: kept, to choose

    @property
    def changes(self) -> int:
        return self.new + self.updated + self.choices + self.deleted + self.kept


@dataclass(frozen=True)
class KindCounts:
    """The counts for one kind of record ("Samtaler", "Fokuspunkter"…)."""

    kind: str  # the table's name
    label: str  # in the user's language
    counts: ImportCounts


@dataclass(frozen=True)
class PupilLine:
    name: str
    here: bool  # the pupil is here already (same id, or same names and birth date)


@dataclass(frozen=True)
class ImportPreview:
    file: ClassFile
    class_here: bool  # the class (name and school year) is here already
    pupils: tuple[PupilLine, ...]
    counts: ImportCounts
    kinds: tuple[KindCounts, ...]  # only the kinds with something in them
    other_school: str | None  # the file's school, when it is not this data folder's school
    becomes_contact_teacher: bool  # the user is made a contact teacher of the class


@dataclass(frozen=True)
class ImportResult:
    class_id: int
    counts: ImportCounts
    kinds: tuple[KindCounts, ...]


class ChoiceReason(StrEnum):
    BOTH_CHANGED = "both_changed"  # mine and theirs both changed since the last exchange
    DELETED_THERE = "deleted_there"  # the colleague deleted it; changed here, so kept
    DELETED_HERE = "deleted_here"  # deleted here; the colleague changed it, so it is back
    NOT_PLACED = "not_placed"  # their version breaks a rule here (kept aside, not lost)


@dataclass(frozen=True)
class Difference:
    field: str  # label in the user's language
    mine: str
    theirs: str


@dataclass(frozen=True)
class Choice:
    """A record the teacher must choose a version of, after an import."""

    id: int
    reason: ChoiceReason
    kind: str  # label of the kind of record ("Samtale", "Aftale"…)
    what: str  # which one ("Samtale 12.11.2026 kl. 16.00", "Fokuspunkt: Læse …")
    pupil: str  # the pupil's name, or "" for the class's own records
    class_name: str
    colleague: str  # who made their version ("Mette Kjær (MK)"), or ""
    changed_at: str  # when they made it, in the user's format, or ""
    differences: tuple[Difference, ...]
