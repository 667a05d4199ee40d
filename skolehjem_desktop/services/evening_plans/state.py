"""What the evening-plan service hands out: a plan's state, what accepting made, a refusal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.services.evening_plans.setup import Setup
from skolehjem_desktop.services.planner.model import Period, Plan, Violation


class PlanRefused(UserError):
    """The plan cannot be accepted (or changed) as it is."""


@dataclass(frozen=True)
class PupilLine:
    id: int
    name: str
    teachers: tuple[str, ...]
    unavailable: tuple[Period, ...]


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

    def name_of(self, pupil_id: int) -> str:
        for p in self.pupils:
            if p.id == pupil_id:
                return p.name
        return str(pupil_id)


@dataclass(frozen=True)
class Accepted:
    created: int
    conversation_ids: tuple[int, ...]
