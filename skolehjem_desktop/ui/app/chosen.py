"""What the teacher has chosen on the class overview: the pupil highlighted there counts as
the chosen pupil for the actions that need one (Save summary as…, Edit pupil…)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skolehjem_desktop.ui.classes.student_list_model import STUDENT_ID_ROLE

if TYPE_CHECKING:
    from skolehjem_desktop.ui.app.main_window import MainWindow


def highlighted_student(w: MainWindow) -> int | None:
    """The pupil highlighted in the overview's table, else in the list of pupils."""
    index = w.table.currentIndex()
    if index.isValid() and w.table.selectionModel().isRowSelected(index.row()):
        return w.model.row_at(w.proxy.mapToSource(index).row()).student_id
    listed = w.student_list.currentIndex()
    return int(listed.data(STUDENT_ID_ROLE)) if listed.isValid() else None


def conversation_of(w: MainWindow, student_id: int) -> int | None:
    """The conversation the pupil's page would open first for ``student_id``."""
    from skolehjem_desktop.ui.pupil.conversations_tab import first_choice

    rows = w.services.conversations.all(student_id=student_id)
    choice = first_choice(rows, w.school_year)
    return choice.id if choice is not None else None
