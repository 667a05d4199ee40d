"""The use cases of the program. Each service owns its transactions. No Qt here.

:class:`Services` bundles them over one open database and one clock, so the
window, the command line and the tests all reach the same code the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from skolehjem_desktop.store.database import Database

if TYPE_CHECKING:
    from skolehjem_desktop.services.class_records import ClassRecordService
    from skolehjem_desktop.services.classes import ClassService
    from skolehjem_desktop.services.contacts import ContactService
    from skolehjem_desktop.services.conversations import ConversationService
    from skolehjem_desktop.services.evening_plans import EveningPlanService
    from skolehjem_desktop.services.focus import FocusService
    from skolehjem_desktop.services.owed import OwedService
    from skolehjem_desktop.services.school import SchoolService
    from skolehjem_desktop.services.students import StudentService

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class Services:
    db: Database
    clock: Clock = field(default=system_clock)

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
    def contacts(self) -> ContactService:
        from skolehjem_desktop.services.contacts import ContactService

        return ContactService(self.db, self.clock)

    @cached_property
    def owed(self) -> OwedService:
        from skolehjem_desktop.services.owed import OwedService

        return OwedService(self.db, self.clock)

    @cached_property
    def class_records(self) -> ClassRecordService:
        from skolehjem_desktop.services.class_records import ClassRecordService

        return ClassRecordService(self.db, self.clock)

    @cached_property
    def evening_plans(self) -> EveningPlanService:
        from skolehjem_desktop.services.evening_plans import EveningPlanService

        return EveningPlanService(self.db, self.clock)

    def today(self) -> dt.date:
        return self.clock().date()
