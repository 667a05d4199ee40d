"""What the main window keeps in QSettings: its geometry, the splitter, the class and pupil
last shown, and the language of the data for the next start's frame.

Built before the data is open: nothing here may import the services or the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt

from skolehjem_desktop.ui.app.screen_fit import place_window

if TYPE_CHECKING:
    from skolehjem_desktop.ui.app.main_window import MainWindow

CLASS_ID_ROLE = Qt.ItemDataRole.UserRole
# QSettings key: the language chosen in the data, read before the data is open.
LANGUAGE_KEY = "language"


def restore_geometry(w: MainWindow) -> None:
    geometry = w.settings.value("geometry")
    place_window(w, geometry if isinstance(geometry, QByteArray) else None)
    state = w.settings.value("window_state")
    if isinstance(state, QByteArray):
        w.restoreState(state)
    splitter = w.settings.value("splitter")
    if isinstance(splitter, QByteArray):
        w.splitter.restoreState(splitter)


def restore_choice(w: MainWindow) -> None:
    """The class and the pupil shown when the window was last closed."""
    last_class = w.settings.value("last_class")
    if last_class is not None:
        for row in range(w.class_list.count()):
            if str(w.class_list.item(row).data(CLASS_ID_ROLE)) == str(last_class):
                w.class_list.setCurrentRow(row)
    last_student = w.settings.value("last_student")
    # The pupils of the class shown are in the list already.
    if (
        last_student is not None
        and str(last_student).isdigit()
        and w.student_model.index_of(int(str(last_student))).isValid()
    ):
        w.open_student(int(str(last_student)))


def remember_for_frame(w: MainWindow) -> None:
    """The language chosen in the data, for the frame of the next start (see app.py)."""
    w.settings.setValue(LANGUAGE_KEY, w.services.school.language() or "")


def save(w: MainWindow) -> None:
    remember_for_frame(w)
    w.settings.setValue("geometry", w.saveGeometry())
    w.settings.setValue("window_state", w.saveState())
    w.settings.setValue("splitter", w.splitter.saveState())
    if w.class_id is not None:
        w.settings.setValue("last_class", w.class_id)
    if w.shown_student_id is None:
        w.settings.remove("last_student")
    w.settings.sync()
