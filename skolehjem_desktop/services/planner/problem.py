"""The planner's input compiled once, for the search and for its explanations alike.

The evenings cut into :class:`Cell` slots, the teachers and pupils by key, the shared
rooms, the sibling blocks, and what a single pupil may have (:meth:`Problem.domain`)
or a block of siblings (:meth:`Problem.block_values`). :mod:`.solver` searches over it
and :mod:`.explain` says why nothing fits; both import it, it imports neither.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from math import gcd

from skolehjem_desktop.services.planner.model import (
    Evening,
    FixedBooking,
    PlanInput,
    PupilSpec,
    TeacherSpec,
    minutes,
)

MAX_PERMUTED = 6  # bigger sibling blocks are tried in id order only


@dataclass(frozen=True)
class Cell:
    """One slot of an evening, in minutes since midnight."""

    evening: int
    date: dt.date
    start: int
    end: int

    def overlaps(self, date: dt.date, start: int, end: int) -> bool:
        return self.date == date and self.start < end and start < self.end


Placement = tuple[int, Cell]  # pupil id, slot
Value = tuple[Placement, ...]  # what one variable takes: a pupil, or a sibling block


def evening_cells(index: int, evening: Evening) -> list[Cell]:
    """The slots of an evening: back to back from its start, restarting after a break."""
    out: list[Cell] = []
    t, end, step = minutes(evening.start), minutes(evening.end), evening.slot_minutes
    while t + step <= end:
        clash = [b for b in evening.breaks if b.overlaps(evening.date, t, t + step)]
        if clash:
            t = max(t + 1, *(minutes(b.end) for b in clash))
            continue
        out.append(Cell(index, evening.date, t, t + step))
        t += step
    return out


class Problem:
    """The input compiled for search and for explanations."""

    def __init__(self, inp: PlanInput) -> None:
        self.inp = inp
        self.cells: list[Cell] = [
            c for i, e in enumerate(inp.evenings) for c in evening_cells(i, e)
        ]
        self.teachers: dict[str, TeacherSpec] = {t.initials: t for t in inp.teachers}
        self.pupils: dict[int, PupilSpec] = {p.id: p for p in inp.pupils}
        owned = {t.room for t in inp.teachers if t.room}
        self.pool: tuple[str, ...] = tuple(r for r in dict.fromkeys(inp.rooms) if r not in owned)
        self.use_rooms = bool(inp.rooms) or bool(owned)
        self.groups = sibling_groups(inp.pupils, inp.fixed)
        times = [minutes(e.start) for e in inp.evenings] + [e.slot_minutes for e in inp.evenings]
        times += [minutes(b.start) for e in inp.evenings for b in e.breaks]
        times += [minutes(b.end) for e in inp.evenings for b in e.breaks]
        times += [minutes(f.assignment.start) for f in inp.fixed]
        times += [minutes(f.assignment.end) for f in inp.fixed]
        self.unit = max(1, gcd(*times)) if times else 1

    # --- what a single pupil can have ----------------------------------------------------

    def own_room(self, pupil: PupilSpec) -> str | None:
        """The room a pupil's conversation is in when a teacher of theirs has one."""
        for initials in pupil.teachers:
            teacher = self.teachers.get(initials)
            if teacher is not None and teacher.room:
                return teacher.room
        return None

    def teacher_free(self, initials: str, cell: Cell) -> bool:
        teacher = self.teachers.get(initials)
        if teacher is None:
            return False
        if not teacher.free:
            return True
        return any(p.covers(cell.date, cell.start, cell.end) for p in teacher.free)

    def family_can(self, pupil: PupilSpec, cell: Cell) -> bool:
        return not any(p.overlaps(cell.date, cell.start, cell.end) for p in pupil.unavailable)

    def fixed_clash(self, pupil: PupilSpec, cell: Cell) -> FixedBooking | None:
        """A booking of another plan that holds a teacher or the room of ``pupil`` then."""
        room = self.own_room(pupil)
        for f in self.inp.fixed:
            a = f.assignment
            if not cell.overlaps(a.date, minutes(a.start), minutes(a.end)):
                continue
            if set(a.teachers) & set(pupil.teachers) or (room and a.room == room):
                return f
        return None

    def pool_left(self, cell: Cell) -> int:
        """Shared rooms not held by another plan's booking during ``cell``."""
        held = {
            f.assignment.room
            for f in self.inp.fixed
            if f.assignment.room in self.pool
            and cell.overlaps(
                f.assignment.date, minutes(f.assignment.start), minutes(f.assignment.end)
            )
        }
        return len(self.pool) - len(held)

    def needs_pool(self, pupil: PupilSpec) -> bool:
        return self.use_rooms and self.own_room(pupil) is None

    def allowed(self, pupil: PupilSpec, cell: Cell) -> bool:
        return (
            all(self.teacher_free(t, cell) for t in pupil.teachers)
            and self.family_can(pupil, cell)
            and self.fixed_clash(pupil, cell) is None
            and (not self.needs_pool(pupil) or self.pool_left(cell) > 0)
        )

    def domain(self, pupil: PupilSpec) -> list[Cell]:
        return [c for c in self.cells if self.allowed(pupil, c)]

    # --- sibling blocks ------------------------------------------------------------------

    def block_values(
        self, members: list[PupilSpec], anchors: list[FixedBooking], domains: dict[int, set[Cell]]
    ) -> list[Value]:
        """Every way to put ``members`` back to back (with the anchors) on one evening."""
        dates = {f.assignment.date for f in anchors}
        if len(dates) > 1:
            return []
        n = len(members) + len(anchors)
        values: list[Value] = []
        for index, evening in enumerate(self.inp.evenings):
            if dates and evening.date not in dates:
                continue
            spans = [(minutes(f.assignment.start), minutes(f.assignment.end)) for f in anchors]
            items: list[tuple[int, int, Cell | None]] = [(s, e, None) for s, e in spans]
            items += [
                (c.start, c.end, c)
                for c in self.cells
                if c.evening == index and not any(c.overlaps(evening.date, s, e) for s, e in spans)
            ]
            items.sort(key=lambda x: (x[0], x[1]))
            for i in range(len(items) - n + 1):
                window = items[i : i + n]
                if any(window[k][1] != window[k + 1][0] for k in range(n - 1)):
                    continue
                free = [c for _s, _e, c in window if c is not None]
                if len(free) != len(members):
                    continue
                orders = (
                    itertools.permutations(members)
                    if len(members) <= MAX_PERMUTED
                    else iter([tuple(members)])
                )
                for order in orders:
                    if all(c in domains[p.id] for p, c in zip(order, free, strict=True)):
                        values.append(
                            tuple(sorted(((p.id, c) for p, c in zip(order, free, strict=True))))
                        )
        return values


def sibling_groups(
    pupils: tuple[PupilSpec, ...], fixed: tuple[FixedBooking, ...]
) -> list[tuple[list[PupilSpec], list[FixedBooking]]]:
    """Pupils to plan grouped with their siblings (shared guardian), fixed ones as anchors.

    Every pupil to plan is in exactly one group; a group of one has no siblings.
    """
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    everyone: list[PupilSpec] = [*pupils, *(f.pupil for f in fixed)]
    by_guardian: dict[int, int] = {}
    for p in everyone:
        find(p.id)
        for g in p.guardians:
            if g in by_guardian:
                parent[find(p.id)] = find(by_guardian[g])
            else:
                by_guardian[g] = p.id
    groups: dict[int, tuple[list[PupilSpec], list[FixedBooking]]] = {}
    for p in sorted(pupils, key=lambda p: p.id):
        groups.setdefault(find(p.id), ([], []))[0].append(p)
    for f in fixed:
        root = find(f.pupil.id)
        if root in groups:
            groups[root][1].append(f)
    return sorted(groups.values(), key=lambda g: g[0][0].id)
