"""Privacy: the access request export, deleting a pupil for good, and pupils who left long ago.

The access request (indsigtsanmodning) export is for the person the data is about, or
for the school answering such a request: it carries EVERYTHING stored about the pupil,
the teacher's private notes included, each conversation section marked with
``"shared": true|false``. It is never a document for the parents in the ordinary
sense: nothing parent-facing may be built from :func:`access_request_data`.

"Everything" is kept true from the models' metadata: every table with a column holding
a pupil's or a guardian's id (a foreign key to ``student`` or ``guardian``) is either
carried by a section of its own (:data:`SECTIONS`) or, row by row as stored, under
``other_records``; a table added later is never left out.

Deleting for good is :meth:`StudentService.delete` followed by ``VACUUM`` and a
truncating WAL checkpoint, so the deleted text is left neither in the database's free
pages nor in its write-ahead log.

The package, one job a module: :mod:`.tables` (the tables naming a pupil or a guardian,
from the metadata), :mod:`.sections` (the access request's sections, one function
each), :mod:`.access_request` (the access request's data put together), :mod:`.files`
(writing its JSON and PDF files) and :mod:`.deletion` (deleting for good, the pupils
who left long ago).
"""

from __future__ import annotations

from skolehjem_desktop.services.privacy.access_request import (
    ACCESS_REQUEST_FORMAT,
    access_request_data,
)
from skolehjem_desktop.services.privacy.deletion import (
    DEFAULT_LEFT_MONTHS,
    MAX_LEFT_MONTHS,
    LeftPupil,
    Progress,
    check_months,
    delete_student_completely,
    left_pupils,
    purge_left,
    vacuum,
)
from skolehjem_desktop.services.privacy.files import ExportError, export_file_stem, export_student
from skolehjem_desktop.services.privacy.tables import (
    PERSON_TABLES,
    SECTIONS,
    belongs_to,
    personal_tables,
    stored_rows,
)
from skolehjem_desktop.services.schoolyear import months_before

__all__ = [
    "ACCESS_REQUEST_FORMAT",
    "DEFAULT_LEFT_MONTHS",
    "MAX_LEFT_MONTHS",
    "PERSON_TABLES",
    "SECTIONS",
    "ExportError",
    "LeftPupil",
    "Progress",
    "access_request_data",
    "belongs_to",
    "check_months",
    "delete_student_completely",
    "export_file_stem",
    "export_student",
    "left_pupils",
    "months_before",
    "personal_tables",
    "purge_left",
    "stored_rows",
    "vacuum",
]
