"""Two schools' principles as presets, each rule set as that school's policy says.

Written from the policies in ``shared/seeds`` (Skoledistrikt Vest, revised 6 February
2023; Den lille Skole's guidelines for the informal cooperation). Each rule quotes the
policy's words, or says that the policy is silent and the default (the law or common
practice, :data:`~.principles.RULES`) stands. A preset names every rule, so a new rule
must be placed in both (a test checks it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from skolehjem_desktop.domain.principles import MonthDay, Value


@dataclass(frozen=True)
class Preset:
    name: str  # as typed on the command line
    title: str  # the school's own name: not translated
    values: dict[str, Value]


SKOLEDISTRIKT_VEST: Final = Preset(
    "skoledistrikt-vest",
    "Skoledistrikt Vest",
    {
        # "Skolen indkalder til ordinær skole/hjemsamtale minimum en gang årligt"
        "ordinary_conversations_per_year": 1,
        # No date is named ("minimum en gang årligt"): within the school year.
        "ordinary_conversation_by": MonthDay(6, 30),
        # "Alle klasser afholder i starten af skoleåret et forældremøde"
        "start_meeting_by": MonthDay(10, 1),
        # "et forældremøde, hvor lærere fra klassen deltager"
        "start_meeting_teachers_present": True,
        # "På dette møde skal den enkelte klasse vælge et klasseforældreråd"
        "parent_council_required": True,
        # "et klasseforældreråd, som kan vælge en kontaktforælder" (kan: may, not must)
        "contact_parent_required": False,
        # "Få fokuspunkter ... præsenteres minimum én gang årligt for forældrene"
        "presentations_per_year": 1,
        # "Få fokuspunkter i dansk, matematik og elevens alsidige udvikling"
        "max_focus_points_per_area": 3,
        # "Kommunikation mellem skole og hjem vil primært foregå via Aula": no reply time
        # is named; the next working day is common practice.
        "reply_working_days": 1,
        # Working hours are not named: common practice.
        "working_hours_start": dt.time(8, 0),
        "working_hours_end": dt.time(16, 0),
        "working_weekdays": frozenset(range(5)),
        # Nothing is said of phone or sms needing an appointment.
        "appointment_channels": frozenset(),
        # "en tæt, regelmæssig, løbende kontakt og dialog om det enkelte barn"
        "no_contact_nudge_months": 3,
    },
)

DEN_LILLE_SKOLE: Final = Preset(
    "den-lille-skole",
    "Den lille Skole",
    {
        # "skolens møderække - forældremøder, børnerunder, skole-/hjemsamtaler": a fixed
        # series; no number is named, so one a year (common practice).
        "ordinary_conversations_per_year": 1,
        # "Man ved hvornår møderne ligger": the dates are the school's; within the year.
        "ordinary_conversation_by": MonthDay(6, 30),
        # "Der er en fast møderække": the start-of-year meeting by common practice.
        "start_meeting_by": MonthDay(10, 1),
        # Not said; common practice: the class's teachers take part.
        "start_meeting_teachers_present": True,
        # No class parent council is named in the guidelines.
        "parent_council_required": False,
        "contact_parent_required": False,
        # The message book is not named; the law's once a year stands.
        "presentations_per_year": 1,
        # Not said; the default.
        "max_focus_points_per_area": 3,
        # "Den enkelte ansatte prioriterer sin tid, og der svares ikke altid fra dag til dag"
        "reply_working_days": 3,
        # "svar på skriftlige henvendelser indenfor almindelig arbejdstid"
        "working_hours_start": dt.time(8, 0),
        "working_hours_end": dt.time(16, 0),
        # "fra mandag til fredag"
        "working_weekdays": frozenset(range(5)),
        # "Telefonsamtaler og sms med personalet sker efter forudgående aftale"
        "appointment_channels": frozenset({"phone", "sms"}),
        # "Undgå henvendelser om småsager og begræns henvendelserne til det nødvendige":
        # no nudge for a family the school has not heard from.
        "no_contact_nudge_months": 0,
    },
)

PRESETS: Final[dict[str, Preset]] = {p.name: p for p in (SKOLEDISTRIKT_VEST, DEN_LILLE_SKOLE)}
