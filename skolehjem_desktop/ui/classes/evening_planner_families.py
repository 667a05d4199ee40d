"""The planner's Families page: who is in the plan, and what each family said.

One row per pupil of the class: a tick (in the plan or not; by default only the pupils
still owed their ordinary conversation this school year), where that conversation
stands, the times that do not suit as the teacher types them, and what the parents'
sheet said: the times that suit them ("from the parents' sheet" when the planner uses
them because the teacher typed nothing), a conversation per home for parents who live
apart, the siblings who come along, siblings in other classes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.evening_plans import PupilLine, Setup
from skolehjem_desktop.services.owed import OrdinaryState
from skolehjem_desktop.services.planner.model import parse_periods, periods_text

PUPIL, ORDINARY, TIMES, SHEET = range(4)


def headers() -> list[str]:
    return [
        _("Pupil"),
        _("Ordinary conversation"),
        _("Times that do not suit"),
        _("What the parents said"),
    ]


def ordinary_text(state: OrdinaryState) -> str:
    return {
        OrdinaryState.MISSING: _("Missing"),
        OrdinaryState.PLANNED: _("Planned"),
        OrdinaryState.HELD: _("Held"),
    }[state]


def sheet_text(line: PupilLine) -> str:
    """What the parents' sheet said, and what of it the planner uses."""
    parts: list[str] = []
    if line.from_sheet:
        parts.append(_("from the parents' sheet: suits {times}").format(times=line.sheet))
    elif line.sheet and line.unavailable:
        parts.append(_("the sheet says {times}; your entry counts").format(times=line.sheet))
    elif line.sheet:
        parts.append(_("the sheet says {times}").format(times=line.sheet))
    if line.households:
        parts.append(
            _("a conversation per home: {homes}").format(homes=" / ".join(line.households))
        )
    if line.together:
        parts.append(_("together with {names}").format(names=", ".join(line.together)))
    if line.elsewhere:
        parts.append(
            _("siblings in other classes: {names}").format(names=", ".join(line.elsewhere))
        )
    return "; ".join(parts)


def count_text(lines: tuple[PupilLine, ...]) -> str:
    """``2 of 21 pupils still lack their ordinary conversation; 2 are in the plan.``"""
    missing = sum(1 for p in lines if p.ordinary is OrdinaryState.MISSING)
    chosen = sum(1 for p in lines if p.included)
    return (
        ngettext(
            "{missing} of {total} pupil still lacks the ordinary conversation this school year.",
            "{missing} of {total} pupils still lack their ordinary conversation this school year.",
            len(lines),
        ).format(missing=missing, total=len(lines))
        + " "
        + ngettext("{n} pupil is in the plan.", "{n} pupils are in the plan.", chosen).format(
            n=chosen
        )
    )


class FamiliesTable:
    """The families' table and its count, filled from the plan's pupils, read into a setup."""

    def __init__(self, table: QTableWidget, count: QLabel) -> None:
        self.table = table
        self.count = count
        self.lines: tuple[PupilLine, ...] = ()
        self.chosen: dict[int, tuple[bool, str]] = {}
        table.setColumnCount(len(headers()))
        table.setHorizontalHeaderLabels(headers())

    def load(self, setup: Setup, lines: tuple[PupilLine, ...]) -> None:
        """Every pupil of the class (the caller blocks the table's change signal)."""
        self.lines = lines
        self.chosen = {pid: (included, stamp) for pid, included, stamp in setup.chosen}
        self.table.setRowCount(0)
        for row, p in enumerate(lines):
            self.table.insertRow(row)
            name = QTableWidgetItem(p.name)
            name.setFlags(
                (name.flags() | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable
            )
            name.setCheckState(Qt.CheckState.Checked if p.included else Qt.CheckState.Unchecked)
            self.table.setItem(row, PUPIL, name)
            self.table.setItem(row, TIMES, QTableWidgetItem(periods_text(p.unavailable)))
            for column in (ORDINARY, SHEET):
                item = QTableWidgetItem()
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.refresh(lines)

    def refresh(self, lines: tuple[PupilLine, ...]) -> None:
        """The columns the teacher does not type (after a save: the evenings may differ)."""
        by_id = {p.id: p for p in lines}
        for row, old in enumerate(self.lines):
            p = by_id.get(old.id, old)
            ordinary, sheet = self.table.item(row, ORDINARY), self.table.item(row, SHEET)
            if ordinary is None or sheet is None:
                continue
            ordinary.setText(ordinary_text(p.ordinary))
            sheet.setText(sheet_text(p))
            sheet.setToolTip(
                _("The planner takes them as unable to come: {periods}").format(
                    periods=periods_text(p.sheet_unavailable)
                )
                if p.from_sheet
                else ""
            )
        self.count.setText(count_text(lines))

    def read(self, setup: Setup) -> tuple[Setup, int | None, str]:
        """The setup with the ticks and the typed times; or the row and message of an error."""
        chosen = dict(self.chosen)
        for row, p in enumerate(self.lines):
            name = self.table.item(row, PUPIL)
            ticked = name is not None and name.checkState() == Qt.CheckState.Checked
            if ticked != p.included:
                chosen[p.id] = (ticked, p.stamp)
            item = self.table.item(row, TIMES)
            try:
                periods = parse_periods(item.text() if item is not None else "")
            except ValidationError as exc:
                message = _("{pupil}: {problem}").format(pupil=p.name, problem=exc.message)
                return setup, row, message
            setup = setup.with_unavailable(p.id, periods)
        for pid, (included, stamp) in sorted(chosen.items()):
            setup = setup.with_chosen(pid, included, stamp)
        return setup, None, ""
