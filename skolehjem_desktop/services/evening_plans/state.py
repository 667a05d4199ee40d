"""What the evening-plan service hands out: a plan's state, what accepting made, a refusal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.services.evening_plans.setup import Setup
from skolehjem_desktop.services.owed import OrdinaryState
from skolehjem_desktop.services.planner.model import Period, Plan, Violation


class PlanRefused(UserError):
    """The plan cannot be accepted (or changed) as it is."""


@dataclass(frozen=True)
class PupilLine:
    """A pupil of the class, as the families' table shows it.

    ``unavailable`` is what the teacher typed; without it the planner is given
    ``sheet_unavailable``, the parts of the evenings outside the times the parents'
    sheet says suit them (``sheet``, in words; empty without a sheet). ``households``:
    the guardians' names per household when the pupil gets a conversation per
    household; ``together``: the siblings who come along; ``elsewhere``: siblings in
    other classes ("Emil (5.B)").
    """

    id: int
    name: str
    teachers: tuple[str, ...]
    unavailable: tuple[Period, ...]
    included: bool = True
    ordinary: OrdinaryState = OrdinaryState.MISSING
    stamp: str = ""
    sheet_unavailable: tuple[Period, ...] = ()
    sheet: str = ""
    households: tuple[str, ...] = ()
    together: tuple[str, ...] = ()
    elsewhere: tuple[str, ...] = ()

    @property
    def from_sheet(self) -> bool:
        """True when the planner uses what the parents' sheet says (the teacher typed nothing)."""
        return not self.unavailable and bool(self.sheet_unavailable)

    @property
    def planned_with(self) -> tuple[Period, ...]:
        """The unavailability the planner is given for the pupil."""
        return self.unavailable or self.sheet_unavailable


@dataclass(frozen=True)
class EveningPlanState:
    """One evening plan as the window and the command line see it."""

    id: int
    class_id: int
    class_name: str
    setup: Setup
    plan: Plan | None
    accepted_at: dt.datetime | None
    pupils: tuple[PupilLine, ...]
    violations: tuple[Violation, ...] = ()
    conversations: dict[int, int] = field(default_factory=dict)
    units: dict[int, str] = field(default_factory=dict)  # conversation id in the plan -> name

    def name_of(self, pupil_id: int) -> str:
        """The name of a conversation of the plan (a pupil, a household, siblings)."""
        if pupil_id in self.units:
            return self.units[pupil_id]
        for p in self.pupils:
            if p.id == abs(pupil_id):
                return p.name
        return str(pupil_id)

    @property
    def included(self) -> tuple[PupilLine, ...]:
        return tuple(p for p in self.pupils if p.included)

    @property
    def missing(self) -> int:
        """How many pupils still lack their ordinary conversation this school year."""
        return sum(1 for p in self.pupils if p.ordinary is OrdinaryState.MISSING)


@dataclass(frozen=True)
class Accepted:
    created: int
    conversation_ids: tuple[int, ...]
