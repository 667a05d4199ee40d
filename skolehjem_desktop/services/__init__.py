"""The use cases of the program. Each service owns its transactions. No Qt here.

:class:`Services` bundles them over one open database and one clock, so the
window, the command line and the tests all reach the same code the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from skolehjem_desktop.store.database import Database

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class Services:
    db: Database
    clock: Clock = field(default=system_clock)

    def __post_init__(self) -> None:
        from skolehjem_desktop.services.classes import ClassService
        from skolehjem_desktop.services.contacts import ContactService
        from skolehjem_desktop.services.conversations import ConversationService
        from skolehjem_desktop.services.focus import FocusService
        from skolehjem_desktop.services.owed import OwedService
        from skolehjem_desktop.services.school import SchoolService
        from skolehjem_desktop.services.students import StudentService

        self.school = SchoolService(self.db, self.clock)
        self.classes = ClassService(self.db, self.clock)
        self.students = StudentService(self.db, self.clock)
        self.conversations = ConversationService(self.db, self.clock)
        self.focus = FocusService(self.db, self.clock)
        self.contacts = ContactService(self.db, self.clock)
        self.owed = OwedService(self.db, self.clock)

    def today(self) -> dt.date:
        return self.clock().date()
