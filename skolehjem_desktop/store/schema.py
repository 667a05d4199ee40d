"""The schema revisions this program knows, oldest first, without importing Alembic.

Start-up reads the database's revision with plain SQL and compares it with these;
Alembic is imported only when a migration must actually run. A test checks that
this list matches the revision chain in ``migrations/versions``.
"""

from __future__ import annotations

from typing import Final

REVISIONS: Final[tuple[str, ...]] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")
HEAD: Final = REVISIONS[-1]
