"""The use cases of the program. Each service owns its transactions. No Qt here.

:class:`Services` bundles them over one open database and one clock, so the
window, the command line and the tests all reach the same code the same way. A
:class:`~skolehjem_desktop.services.data_folder.DataFolder` opens the data into one;
what the open data itself needs (its folder, its protection, closing it, the day's
backup, an integrity check) is asked of the ``Services``, never of the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from skolehjem_desktop.services import refusals as _refusals  # noqa: F401 - words the store's refusals
from skolehjem_desktop.store.database import Database

if TYPE_CHECKING:
    from skolehjem_desktop.folder_lock import Hold
    from skolehjem_desktop.services.aula_messages import AulaMessageService
    from skolehjem_desktop.services.class_import import ImportReport
    from skolehjem_desktop.services.class_records import ClassRecordService
    from skolehjem_desktop.services.class_transfer.service import ClassTransferService
    from skolehjem_desktop.services.classes import ClassService
    from skolehjem_desktop.services.colleague_input import ColleagueInputService
    from skolehjem_desktop.services.contacts import ContactService
    from skolehjem_desktop.services.conversations import ConversationService
    from skolehjem_desktop.services.demo import DemoSummary
    from skolehjem_desktop.services.evening_plans import EveningPlanService
    from skolehjem_desktop.services.focus import FocusService
    from skolehjem_desktop.services.focus_review import FocusReviewService
    from skolehjem_desktop.services.message_book_year import MessageBookYearService
    from skolehjem_desktop.services.owed import OwedService
    from skolehjem_desktop.services.pdfs import PdfService
    from skolehjem_desktop.services.principles import PrincipleService
    from skolehjem_desktop.services.school import SchoolService
    from skolehjem_desktop.services.sheets.service import SheetService
    from skolehjem_desktop.services.students import StudentService
    from skolehjem_desktop.services.waiting import WaitingService

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class Services:
    db: Database
    clock: Clock = field(default=system_clock)
    # The data folder's lock, held shared while this is open (see folder_lock).
    hold: Hold | None = field(default=None, repr=False, compare=False)

    # Each service is made (and its module imported) when first used, so a start-up or a
    # command that needs three of them does not pay for nine.

    @cached_property
    def school(self) -> SchoolService:
        from skolehjem_desktop.services.school import SchoolService

        return SchoolService(self.db, self.clock)

    @cached_property
    def classes(self) -> ClassService:
        from skolehjem_desktop.services.classes import ClassService

        return ClassService(self.db, self.clock)

    @cached_property
    def students(self) -> StudentService:
        from skolehjem_desktop.services.students import StudentService

        return StudentService(self.db, self.clock)

    @cached_property
    def conversations(self) -> ConversationService:
        from skolehjem_desktop.services.conversations import ConversationService

        return ConversationService(self.db, self.clock)

    @cached_property
    def focus(self) -> FocusService:
        from skolehjem_desktop.services.focus import FocusService

        return FocusService(self.db, self.clock)

    @cached_property
    def focus_review(self) -> FocusReviewService:
        from skolehjem_desktop.services.focus_review import FocusReviewService

        return FocusReviewService(self.db, self.clock)

    @cached_property
    def message_book_years(self) -> MessageBookYearService:
        from skolehjem_desktop.services.message_book_year import MessageBookYearService

        return MessageBookYearService(self.db, self.clock)

    @cached_property
    def contacts(self) -> ContactService:
        from skolehjem_desktop.services.contacts import ContactService

        return ContactService(self.db, self.clock)

    @cached_property
    def owed(self) -> OwedService:
        from skolehjem_desktop.services.owed import OwedService

        return OwedService(self.db, self.clock)

    @cached_property
    def waiting(self) -> WaitingService:
        from skolehjem_desktop.services.waiting import WaitingService

        return WaitingService(self.db, self.clock)

    @cached_property
    def class_records(self) -> ClassRecordService:
        from skolehjem_desktop.services.class_records import ClassRecordService

        return ClassRecordService(self.db, self.clock)

    @cached_property
    def class_transfer(self) -> ClassTransferService:
        from skolehjem_desktop.services.class_transfer.service import ClassTransferService

        return ClassTransferService(self.db, self.clock)

    @cached_property
    def evening_plans(self) -> EveningPlanService:
        from skolehjem_desktop.services.evening_plans import EveningPlanService

        return EveningPlanService(self.db, self.clock)

    @cached_property
    def principles(self) -> PrincipleService:
        from skolehjem_desktop.services.principles import PrincipleService

        return PrincipleService(self.db, self.clock)

    @cached_property
    def sheets(self) -> SheetService:
        from skolehjem_desktop.services.sheets.service import SheetService

        return SheetService(self.db, self.clock)

    @cached_property
    def colleague_inputs(self) -> ColleagueInputService:
        from skolehjem_desktop.services.colleague_input import ColleagueInputService

        return ColleagueInputService(self.db, self.clock)

    @cached_property
    def pdfs(self) -> PdfService:
        from skolehjem_desktop.services.pdfs import PdfService

        return PdfService(self)

    @cached_property
    def aula_messages(self) -> AulaMessageService:
        from skolehjem_desktop.services.aula_messages import AulaMessageService

        return AulaMessageService(self)

    def today(self) -> dt.date:
        return self.clock().date()

    # --- the open data itself ----------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return self.db.data_dir

    @property
    def database_path(self) -> Path:
        return self.db.path

    @property
    def protected(self) -> bool:
        """True when the data is encrypted with a passphrase."""
        return self.db.encrypted

    @property
    def passphrase(self) -> str | None:
        """The passphrase the data was opened with (for the services that re-open it)."""
        return self.db.passphrase

    def passphrase_matches(self, text: str) -> bool:
        """True when ``text`` is the passphrase the data was opened with (constant time)."""
        import hmac

        stored = self.db.passphrase
        return stored is not None and hmac.compare_digest(text.encode(), stored.encode())

    def close(self) -> None:
        self.db.close()
        if self.hold is not None:
            self.hold.release()

    def reopen(self, passphrase: str | None) -> None:
        """Open the same file again (after a re-key, a lock or a failed restore)."""
        from skolehjem_desktop.services.refusals import worded_refusals

        if self.hold is not None:
            self.hold.acquire()
        with worded_refusals():
            self.db.reopen(passphrase)

    def keep_rolling_backup(self) -> list[Path]:
        """The day's rolling backup that an open with ``defer_backup`` left to be made."""
        return self.db.keep_rolling_backup()

    def integrity_problems(self) -> list[str]:
        """What SQLite's integrity and foreign-key checks find; empty when all is well."""
        from skolehjem_desktop.store.database import integrity_problems

        return integrity_problems(self.db)

    @property
    def schema_revision(self) -> str:
        from skolehjem_desktop.store.schema import HEAD

        return HEAD

    def import_class_list(
        self,
        path: Path,
        *,
        class_name: str | None = None,
        school_year: int | None = None,
        dry_run: bool = False,
    ) -> ImportReport:
        """Import a class list (CSV or XLSX); see :mod:`skolehjem_desktop.services.class_import`."""
        from skolehjem_desktop.services.class_import import import_class_list

        return import_class_list(
            self.db,
            path,
            class_name=class_name,
            school_year=school_year,
            dry_run=dry_run,
            today=self.today(),
        )

    def generate_demo(
        self, *, size: Literal["small", "school"] = "small", seed: int = 1
    ) -> DemoSummary:
        """Fill the data with a demo school (see :mod:`skolehjem_desktop.services.demo`)."""
        from skolehjem_desktop.services.demo import generate_demo

        return generate_demo(self.db, size=size, seed=seed, today=self.today())
