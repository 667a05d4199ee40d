"""``reports/`` builds documents from plain data: it imports neither Qt nor SQLAlchemy.

Checked twice: in the source (no import statement names them, nor the layers that
bring them: the services, the store's models and database, the window), and in a
fresh interpreter that builds every document and then looks at what got loaded.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import skolehjem_desktop.reports

REPORTS = Path(skolehjem_desktop.reports.__file__).parent

FORBIDDEN = (
    "PySide6",
    "shiboken6",
    "sqlalchemy",
    "alembic",
    "skolehjem_desktop.ui",
    "skolehjem_desktop.app",
    "skolehjem_desktop.services",
    "skolehjem_desktop.store.models",
    "skolehjem_desktop.store.database",
)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def test_no_module_of_reports_names_qt_sqlalchemy_or_the_services() -> None:
    files = sorted(REPORTS.glob("*.py"))
    assert {p.name for p in files} >= {
        "__init__.py",
        "fonts.py",
        "layout.py",
        "data.py",
        "summary.py",
        "invitation.py",
        "message_book.py",
        "class_overview.py",
    }
    found = {p.name: sorted(n for n in _imports(p) if _forbidden(n)) for p in files}
    assert {name: bad for name, bad in found.items() if bad} == {}


BUILD_EVERY_DOCUMENT = r"""
import datetime as dt, sys
from skolehjem_desktop.reports.data import *
from skolehjem_desktop.reports.summary import render_summary
from skolehjem_desktop.reports.invitation import render_invitation
from skolehjem_desktop.reports.message_book import render_message_book
from skolehjem_desktop.reports.class_overview import render_class_overview
from skolehjem_desktop.domain.enums import *

head = Letterhead("Skovbakkeskolen", None, "Mette Holm", dt.date(2026, 11, 23))
facts = ConversationFacts(
    "Søren", "Søren Ærø", "5.A", 2026, ConversationKind.ORDINARY, RequestedBy.SCHOOL,
    dt.datetime(2026, 11, 17, 15, 30), 30, "Lokale 12", True, "", ("Mette Holm",),
    (Person("Anne Ærø", Relation.MOTHER),),
)
point = FocusLine(FocusArea.DANISH, "", "Læse", "", FocusStatus.IN_PROGRESS, "")
pdfs = [
    render_summary(SummaryData(
        "da", head, facts, (SharedSection(SectionKind.ACADEMIC, "x"),),
        (AgreementLine("Læse", Responsible.HOME, None, False),), (point,), "",
    )),
    render_invitation(InvitationData("en", head, facts, ("Hvordan går det?",))),
    render_message_book(MessageBookData("da", head, "Søren", "Søren Ærø", "5.A", 2026, (),
                                        (FocusArea.DANISH,), (point,), ())),
    render_class_overview(ClassOverviewData("en", head, "5.A", 2026, (), dt.date(2026, 11, 23), (
        OverviewRow("Søren Ærø", OrdinaryConversation.MISSING, None, (), None, 0, 0, False),))),
]
assert all(p.data.startswith(b"%PDF") for p in pdfs)
print("\n".join(sorted(sys.modules)))
"""


def test_building_every_document_loads_neither_qt_nor_sqlalchemy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", BUILD_EVERY_DOCUMENT],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.split()
    assert "reportlab" in loaded
    assert [m for m in loaded if _forbidden(m)] == []
