"""Opening a pupil costs a bounded number of SQL statements, however long their history.

Every statement the page sends is counted with an engine event listener, for a pupil
new this year and for one with five school years of conversations, contacts and
focus points (the other has one of each): the same number — no statement per year,
conversation, contact or focus point.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings
from sqlalchemy import event

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.domain.enums import ContactChannel, FocusArea, StartedBy
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs

YEARS = 5


def _school(data_dir) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """A pupil with five school years behind them, and one who came this year."""
    services = Services(open_database(data_dir))
    year = services.classes.current_year()
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    school_class = services.classes.create("1.A", year - YEARS + 1, contact_teacher_ids=(me.id,))
    long = services.students.add("Lang", "Historie", school_class.id)
    services.students.add_guardian(long.id, "Lis Historie")
    for number in range(YEARS):
        first_year = year - YEARS + 1 + number
        for month in (9, 11):  # two conversations a year, both held
            conversation = services.conversations.plan(
                long.id,
                Planning(starts_at=dt.datetime(first_year, month, 10, 15, 0)),
            )
            services.conversations.mark_held(conversation.id)
        services.focus.add(long.id, first_year, FocusArea.DANISH, f"Læse mere {first_year}")
        services.focus.add(long.id, first_year, FocusArea.MATHS, f"Gange {first_year}")
        if number < YEARS - 1:
            school_class = services.classes.promote(school_class.id)
    for day in (2, 3, 4):
        services.contacts.add(
            long.id,
            channel=ContactChannel.AULA,
            started_by=StartedBy.PARENT,
            occurred_at=dt.datetime.combine(services.today(), dt.time(8, 0))
            - dt.timedelta(days=day),
        )
    new = services.students.add("Ny", "Elev", school_class.id)
    services.students.add_guardian(new.id, "Nina Elev")
    # one of everything this year, so both pages show the same kinds of things
    conversation = services.conversations.plan(
        new.id, Planning(starts_at=dt.datetime(year, 9, 10, 15, 0))
    )
    services.conversations.mark_held(conversation.id)
    services.focus.add(new.id, year, FocusArea.DANISH, "Læse mere")
    services.contacts.add(
        new.id,
        channel=ContactChannel.AULA,
        started_by=StartedBy.PARENT,
        occurred_at=dt.datetime.combine(services.today(), dt.time(8, 0)) - dt.timedelta(days=2),
    )
    assert len(services.students.get(long.id).classes) == YEARS
    assert len(services.students.get(new.id).classes) == 1
    services.db.close()
    return long.id, new.id


def test_opening_a_pupil_costs_the_same_statements_for_one_year_or_five(
    qtbot, tmp_path, data_dir
) -> None:
    long, new = _school(data_dir)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(window)
    window.show()
    statements: list[str] = []
    event.listen(
        window.services.db.engine,
        "before_cursor_execute",
        lambda _conn, _cursor, statement, *_rest: statements.append(statement),
    )

    def cost(student_id: int) -> int:
        window.show_overview()
        statements.clear()
        assert window.open_student(student_id)
        window.pupil_page.fill_all()  # every tab, not only the one on the screen
        return len(statements)

    cost(long)  # the first time builds the page
    assert window.pupil_page.conversations.model.rowCount() == 2 * YEARS
    long_cost, new_cost = cost(long), cost(new)
    assert long_cost == new_cost
    # What is owed reads the principles, the message book's year and the last contact too,
    # and the message book tab the principles' "few" and the year's interventions; the
    # editor the colleagues' input and what was copied for Aula.
    assert long_cost <= 100
