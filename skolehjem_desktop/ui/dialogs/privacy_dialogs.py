"""Privacy in the window: the access request export and the pupils who left long ago."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _, ngettext, short_date
from skolehjem_desktop.services import privacy
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.tasks import Cancelled, Progress, run_task

if TYPE_CHECKING:
    from skolehjem_desktop.ui.common.host import Host


def export_student(ctx: UiContext, parent: QWidget | None, student_id: int) -> bool:
    """The access request: everything about the pupil as JSON and PDF in a chosen folder."""
    folder = ctx.dialogs.choose_folder(
        parent, _("Choose the folder for the access request (all data about the pupil)")
    )
    if folder is None:
        return False
    services = ctx.services

    def work(progress: Progress) -> list[str]:
        progress(0, 0, _("Writing everything stored about the pupil…"))
        return [str(p) for p in privacy.export_student(services, student_id, folder)]

    try:
        paths = run_task(parent, _("Export all data about the pupil"), work)
    except UserError as exc:
        ctx.dialogs.error(parent, exc.message)
        return False
    ctx.dialogs.info(
        parent,
        _(
            "Everything stored about the pupil, the teacher's own notes included, was "
            "written to {path}:\n{files}\n\nFor the access request only: do not hand "
            "it to the parents as an ordinary document."
        ).format(path=folder, files="\n".join(paths)),
    )
    return True


class PurgeLeftDialog(QDialog):
    """Pupils who left more than N months ago, each with a check box, and a delete button."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.deleted = 0
        self.setWindowTitle(_("Pupils who left long ago"))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.months = QSpinBox()
        self.months.setRange(0, privacy.MAX_LEFT_MONTHS)
        self.months.setValue(privacy.DEFAULT_LEFT_MONTHS)
        self.months.setSuffix(" " + _("months"))
        label = QLabel(_("Left the school more than:"))
        label.setBuddy(self.months)
        row.addWidget(label)
        row.addWidget(self.months)
        row.addStretch(1)
        layout.addLayout(row)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Pupils who left long ago"))
        layout.addWidget(self.list)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.delete_button = QPushButton(_("&Delete the chosen pupils…"))
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.months.valueChanged.connect(self.reload)
        self.list.itemChanged.connect(self._update)
        self.delete_button.clicked.connect(self.delete_chosen)
        self.resize(520, 420)
        self.reload()

    def reload(self) -> None:
        pupils = self.ctx.attempt(self, privacy.left_pupils, self.ctx.services, self.months.value())
        self.list.blockSignals(True)
        self.list.clear()
        for p in pupils or []:
            klass = f" ({p.class_name})" if p.class_name else ""
            text = _("{name}{klass}, left {date}").format(
                name=p.full_name, klass=klass, date=short_date(p.left_on)
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._update()

    def chosen(self) -> list[int]:
        return [
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        total = self.list.count()
        if not total:
            self.status.setText(
                _("No pupil left the school more than {n} months ago.").format(
                    n=self.months.value()
                )
            )
        else:
            self.status.setText(
                ngettext(
                    "{chosen} of {n} pupil chosen.", "{chosen} of {n} pupils chosen.", total
                ).format(chosen=len(self.chosen()), n=total)
            )
        self.delete_button.setEnabled(bool(self.chosen()))

    def delete_chosen(self) -> int:
        ids = self.chosen()
        if not ids:
            return 0
        text = ngettext(
            "Delete {n} pupil who left the school, with everything about them? "
            "This cannot be undone.",
            "Delete {n} pupils who left the school, with everything about them? "
            "This cannot be undone.",
            len(ids),
        ).format(n=len(ids))
        action = ngettext("&Delete {n} pupil", "&Delete {n} pupils", len(ids)).format(n=len(ids))
        if not self.ctx.dialogs.confirm(self, _("Pupils who left long ago"), text, action):
            return 0
        services = self.ctx.services
        months = self.months.value()

        def work(progress: Progress) -> int:
            def report(done: int, total: int, name: str) -> bool:
                return progress(done, total, name)

            return privacy.purge_left(services, months, student_ids=ids, progress=report)

        try:
            deleted = run_task(self, _("Deleting pupils…"), work)
        except Cancelled:
            deleted = 0
        except UserError as exc:
            self.ctx.dialogs.error(self, exc.message)
            deleted = 0
        self.deleted += deleted
        self.reload()
        if deleted:
            self.ctx.dialogs.info(
                self,
                ngettext(
                    "{n} pupil deleted with everything about them.",
                    "{n} pupils deleted with everything about them.",
                    deleted,
                ).format(n=deleted),
            )
        return deleted


def purge_left_dialog(ctx: UiContext, parent: QWidget | None) -> bool:
    """Show the pupils who left long ago; True when any were deleted."""
    dialog = PurgeLeftDialog(ctx, parent)
    dialog.exec()
    return dialog.deleted > 0


def add_actions(host: Host) -> list[QAction]:
    """The window's privacy actions (the menus put them in the Pupil menu)."""
    window = host.widget()

    def export() -> None:
        if not host.can_leave():
            return
        student_id = host.student_id
        if student_id is None:
            host.ctx.dialogs.info(window, _("Choose a pupil first."))
            return
        export_student(host.ctx, window, student_id)

    def purge() -> None:
        if not host.can_leave():
            return
        if purge_left_dialog(host.ctx, window):
            host.show_overview()
            host.reload()

    actions = []
    for text, slot, name in (
        (_("E&xport all data about the pupil…"), export, "export_student"),
        (_("Pupils who &left long ago…"), purge, "purge_left"),
    ):
        action = QAction(text, window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        window.addAction(action)
        actions.append(action)
    return actions
