"""What the families said on their sheets, turned into the planner's conversations.

A family's :class:`FamilyAvailability` for the school year (read back from the
parents' sheet elsewhere; only read here) gives:

- the times that suit them (weekday, from, to): every part of an evening outside
  them becomes the family's unavailability, unless the teacher typed unavailability
  for the pupil (the teacher's entry wins); no times at all is no constraint;
- ``separate``: parents who live apart each want a conversation of their own. A pupil
  with two or more guardians of whom one lives apart (``StudentGuardian.lives_apart``)
  then gets two conversations, one per household, each with its own guardians;
- ``with_siblings``: one conversation together with the pupil's siblings (pupils who
  share a guardian) in the same plan. A sibling whose own sheet says otherwise is not
  joined; a sibling with no sheet is. Siblings in another class are only named.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.workweek import hours_text, weekdays_text
from skolehjem_desktop.services.planner.model import (
    Evening,
    Period,
    PupilSpec,
    from_minutes,
    minutes,
    parse_time,
)
from skolehjem_desktop.store.models import FamilyAvailability, Guardian, StudentGuardian

Slot = tuple[int, dt.time, dt.time]  # weekday (0 = Monday), from, to


@dataclass(frozen=True)
class FamilyWishes:
    """One family's answers for a pupil and school year."""

    student_id: int
    slots: tuple[Slot, ...] = ()
    separate: bool = False
    with_siblings: bool = False

    def text(self) -> str:
        """The times that suit, in words: ``tir kl. 17.00–19.00, tor kl. 16.00–18.00``."""
        return ", ".join(
            f"{weekdays_text([day])} {hours_text(start, end)}" for day, start, end in self.slots
        )


@dataclass(frozen=True)
class Household:
    """The guardians of a pupil who live together, and their names."""

    guardians: tuple[int, ...]
    names: tuple[str, ...]


def _slots(text: str) -> tuple[Slot, ...]:
    """The JSON list of ``{"weekday", "start", "end"}``; what cannot be read is left out."""
    try:
        data = json.loads(text or "[]")
    except ValueError:
        return ()
    out: list[Slot] = []
    for item in data if isinstance(data, list) else []:
        try:
            day = int(item["weekday"])
            start, end = parse_time(str(item["start"])), parse_time(str(item["end"]))
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= day <= 6 and start < end:
            out.append((day, start, end))
    return tuple(sorted(set(out)))


def wishes_of(s: Session, student_ids: Iterable[int], year: int) -> dict[int, FamilyWishes]:
    """The families' answers for ``year``, by pupil (pupils without a sheet are absent)."""
    ids = list(student_ids)
    if not ids:
        return {}
    rows = s.scalars(
        select(FamilyAvailability).where(
            FamilyAvailability.student_id.in_(ids), FamilyAvailability.school_year == year
        )
    )
    return {
        r.student_id: FamilyWishes(
            r.student_id, _slots(r.slots), bool(r.separate), bool(r.with_siblings)
        )
        for r in rows
    }


def unavailable_from(slots: tuple[Slot, ...], evenings: tuple[Evening, ...]) -> tuple[Period, ...]:
    """Every part of the evenings outside the times that suit (none when no times are given)."""
    if not slots:
        return ()
    out: list[Period] = []
    for e in evenings:
        suits = sorted(
            (max(minutes(a), minutes(e.start)), min(minutes(b), minutes(e.end)))
            for day, a, b in slots
            if day == e.date.weekday()
        )
        t = minutes(e.start)
        for a, b in suits:
            if a > t:
                out.append(Period(from_minutes(t), from_minutes(a), e.date))
            t = max(t, b)
        if t < minutes(e.end):
            out.append(Period(from_minutes(t), from_minutes(minutes(e.end)), e.date))
    return tuple(out)


def households_of(s: Session, student_ids: Iterable[int]) -> dict[int, tuple[Household, ...]]:
    """Per pupil with two or more guardians of whom one lives apart: the two households.

    The guardians who live apart make the second household, the others the first; when
    every guardian is marked, the first of them (in the pupil's order) is the first.
    """
    ids = list(student_ids)
    links: dict[int, list[tuple[int, str, bool]]] = {}
    for sid, gid, name, apart in s.execute(
        select(StudentGuardian.student_id, Guardian.id, Guardian.name, StudentGuardian.lives_apart)
        .join(Guardian, Guardian.id == StudentGuardian.guardian_id)
        .where(StudentGuardian.student_id.in_(ids))
        .order_by(StudentGuardian.student_id, StudentGuardian.position, Guardian.id)
    ):
        links.setdefault(sid, []).append((gid, name, bool(apart)))
    out: dict[int, tuple[Household, ...]] = {}
    for sid, guardians in links.items():
        if len(guardians) < 2 or not any(apart for _g, _n, apart in guardians):
            continue
        home = [g for g in guardians if not g[2]] or guardians[:1]
        away = [g for g in guardians if g not in home]
        out[sid] = tuple(
            Household(tuple(g for g, _n, _a in part), tuple(n for _g, n, _a in part))
            for part in (home, away)
        )
    return out


def together_groups(
    pupils: list[PupilSpec], wishes: dict[int, FamilyWishes]
) -> dict[int, tuple[int, ...]]:
    """Siblings in the plan who come together: the first pupil's id -> the others' ids.

    A pupil whose family asked for it is joined with the siblings (sharing a guardian)
    whose family asked for it too or gave no answer.
    """
    wants = {p.id for p in pupils if (w := wishes.get(p.id)) is not None and w.with_siblings}
    willing = {p.id for p in pupils if p.id in wants or p.id not in wishes}
    by_guardian: dict[int, list[int]] = {}
    for p in pupils:
        for g in p.guardians:
            by_guardian.setdefault(g, []).append(p.id)
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for ids in by_guardian.values():
        for a in ids:
            for b in ids:
                if a < b and a in willing and b in willing and (a in wants or b in wants):
                    parent[find(b)] = find(a)
    groups: dict[int, list[int]] = {}
    for p in pupils:
        if p.id in willing:
            groups.setdefault(find(p.id), []).append(p.id)
    return {
        min(ids): tuple(sorted(ids)[1:])
        for ids in groups.values()
        if len(ids) > 1 and any(i in wants for i in ids)
    }


def first_name(name: str) -> str:
    return name.split(" ", 1)[0] if name else name


def units_of(
    pupils: list[PupilSpec],
    wishes: dict[int, FamilyWishes],
    households: dict[int, tuple[Household, ...]],
) -> list[PupilSpec]:
    """The conversations to place: siblings who come together as one, two per split home."""
    together = together_groups(pupils, wishes)
    joined = {i for ids in together.values() for i in ids}
    by_id = {p.id: p for p in pupils}
    out: list[PupilSpec] = []
    for p in pupils:
        if p.id in joined:
            continue
        unit = p
        others = [by_id[i] for i in together.get(p.id, ())]
        if others:
            unit = replace(
                p,
                name=_("{pupil}, together with {names}").format(
                    pupil=p.name, names=", ".join(first_name(o.name) for o in others)
                ),
                unavailable=tuple(sorted({u for q in (p, *others) for u in q.unavailable})),
                guardians=tuple(sorted({g for q in (p, *others) for g in q.guardians})),
                together=tuple(o.id for o in others),
            )
        homes = households.get(p.id)
        wish = wishes.get(p.id)
        if homes is None or wish is None or not wish.separate:
            out.append(unit)
            continue
        for part, home in enumerate(homes, start=1):
            out.append(
                replace(
                    unit,
                    id=p.id if part == 1 else -p.id,
                    name=f"{unit.name} ({', '.join(home.names)})",
                    guardians=home.guardians,
                    part=part,
                )
            )
    return out
