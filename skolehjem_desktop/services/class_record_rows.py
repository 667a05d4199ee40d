"""What the class records hand out and take in: meetings, the council, teacher choices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from skolehjem_desktop.domain.enums import CalledBy


@dataclass
class MeetingInput:
    """What the teacher types about a parent meeting."""

    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    place: str = ""
    called_by: CalledBy = CalledBy.TEACHERS
    agenda: str = ""
    minutes: str = ""
    families_present: int | None = None
    teacher_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class NewMeeting:
    """A parent meeting for :meth:`ClassRecordService.create_meetings_in`.

    What :meth:`ClassRecordService.create_meeting` takes, with when it was written
    (None: now) and last changed (None: when it was written).
    """

    class_id: int
    meeting: MeetingInput
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class NewCouncil:
    """A class's parent council for :meth:`ClassRecordService.set_councils_in`."""

    class_id: int
    guardian_ids: tuple[int, ...]
    contact_parent_id: int | None = None


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    class_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    called_by: CalledBy
    agenda: str
    minutes: str
    families_present: int | None
    teachers: tuple[tuple[int, str], ...]
    updated_at: dt.datetime

    def held(self, now: dt.datetime) -> bool:
        """Whether the meeting has taken place (it has started) by ``now``."""
        return self.starts_at <= now

    def as_input(self) -> MeetingInput:
        return MeetingInput(
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            place=self.place,
            called_by=self.called_by,
            agenda=self.agenda,
            minutes=self.minutes,
            families_present=self.families_present,
            teacher_ids=tuple(t for t, _name in self.teachers),
        )


@dataclass(frozen=True)
class CouncilCandidate:
    """A guardian of a pupil of the class, and whether they sit on its parent council."""

    guardian_id: int
    name: str
    pupils: tuple[str, ...]
    member: bool
    contact_parent: bool


@dataclass(frozen=True)
class Council:
    class_id: int
    candidates: tuple[CouncilCandidate, ...]

    @property
    def members(self) -> tuple[CouncilCandidate, ...]:
        return tuple(c for c in self.candidates if c.member)

    @property
    def contact_parent(self) -> CouncilCandidate | None:
        return next((c for c in self.candidates if c.contact_parent), None)


@dataclass(frozen=True)
class TeacherChoice:
    id: int
    name: str
    teaches_class: bool
