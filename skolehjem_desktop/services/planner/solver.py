"""Place every pupil of a conversation evening: constraint-ordered backtracking.

The evenings are cut into slots (breaks cut them too). Each pupil gets one slot in
which every teacher who must attend is free, the family can come, and a room is free;
siblings (pupils who share a guardian, in any class) form one block that must sit in
back-to-back slots on one evening, next to any sibling already placed in another plan.

Search: the variables are the sibling blocks and the single pupils; the one with the
fewest values left goes first (ties: bigger blocks, then the pupil ids), values in time
order, and after every choice the values that clash with it are struck from every
variable not yet placed (forward checking). Nothing random: the same input gives the
same plan. When no plan fits, :mod:`.explain` says which constraint fails for whom.
The slots, sibling blocks and domains searched over are compiled in :mod:`.problem`.
"""

from __future__ import annotations

import datetime as dt

from skolehjem_desktop.services.planner.explain import search_reasons, static_reasons
from skolehjem_desktop.services.planner.model import (
    Assignment,
    Plan,
    PlanInput,
    Result,
    from_minutes,
    minutes,
)
from skolehjem_desktop.services.planner.problem import Cell, Problem, Value

NODE_LIMIT = 200_000


# --- search ---------------------------------------------------------------------------


class _Search:
    def __init__(self, problem: Problem, variables: list[list[Value]]) -> None:
        self.p = problem
        self.domains = variables
        self.teacher_busy: dict[tuple[str, dt.date, int], int] = {}
        self.room_busy: dict[tuple[str, dt.date, int], int] = {}
        self.pool_used: dict[tuple[dt.date, int], int] = {}
        self.nodes = 0
        self.exhausted = False
        self.plan: dict[int, Cell] = {}
        self.pool_cap: dict[Cell, int] = {c: problem.pool_left(c) for c in problem.cells}

    def _units(self, cell: Cell) -> range:
        u = self.p.unit
        return range(cell.start // u, (cell.end + u - 1) // u)

    def fits(self, value: Value) -> bool:
        for pid, cell in value:
            pupil = self.p.pupils[pid]
            room = self.p.own_room(pupil)
            pool = self.p.needs_pool(pupil)
            for k in self._units(cell):
                for t in pupil.teachers:
                    if (t, cell.date, k) in self.teacher_busy:
                        return False
                if room and (room, cell.date, k) in self.room_busy:
                    return False
                if pool and self.pool_used.get((cell.date, k), 0) >= self.pool_cap[cell]:
                    return False
        return True

    def _mark(self, value: Value, sign: int) -> None:
        for pid, cell in value:
            pupil = self.p.pupils[pid]
            room = self.p.own_room(pupil)
            pool = self.p.needs_pool(pupil)
            for k in self._units(cell):
                for t in pupil.teachers:
                    key = (t, cell.date, k)
                    if sign > 0:
                        self.teacher_busy[key] = pid
                    else:
                        del self.teacher_busy[key]
                if room:
                    rkey = (room, cell.date, k)
                    if sign > 0:
                        self.room_busy[rkey] = pid
                    else:
                        del self.room_busy[rkey]
                if pool:
                    self.pool_used[(cell.date, k)] = self.pool_used.get((cell.date, k), 0) + sign
            if sign > 0:
                self.plan[pid] = cell
            else:
                del self.plan[pid]

    def _rank(self, v: int) -> tuple[int, int, int]:
        domain = self.domains[v]
        return (len(domain), -len(domain[0]) if domain else 0, v)

    def run(self, open_vars: list[int]) -> bool:
        if not open_vars:
            return True
        self.nodes += 1
        if self.nodes > NODE_LIMIT:
            self.exhausted = True
            return False
        var = min(open_vars, key=self._rank)
        rest = [v for v in open_vars if v != var]
        for value in self.domains[var]:
            self._mark(value, +1)
            saved = {v: self.domains[v] for v in rest}
            wiped = False
            for v in rest:
                pruned = [w for w in self.domains[v] if self.fits(w)]
                self.domains[v] = pruned
                if not pruned:
                    wiped = True
                    break
            if not wiped and self.run(rest):
                return True
            for v, d in saved.items():
                self.domains[v] = d
            self._mark(value, -1)
            if self.exhausted:
                return False
        return False


def solve(inp: PlanInput) -> Result:
    """A plan that keeps every constraint, or the reasons why none can."""
    problem = Problem(inp)
    reasons = static_reasons(problem)
    if reasons:
        return Result(None, tuple(reasons))
    domains = {p.id: set(problem.domain(p)) for p in inp.pupils}
    variables: list[list[Value]] = []
    for members, anchors in problem.groups:
        if len(members) == 1 and not anchors:
            pid = members[0].id
            variables.append([((pid, c),) for c in problem.cells if c in domains[pid]])
        else:
            variables.append(problem.block_values(members, anchors, domains))
    search = _Search(problem, variables)
    if search.run(list(range(len(variables)))):
        return Result(_to_plan(problem, search.plan), (), search.nodes)
    return Result(None, tuple(search_reasons(problem, search.exhausted)), search.nodes)


def _to_plan(problem: Problem, cells: dict[int, Cell]) -> Plan:
    """The plan with rooms: a teacher's own room, else a shared room, kept per teacher."""
    out: list[Assignment] = []
    taken: dict[tuple[dt.date, int, int], set[str]] = {}
    for f in problem.inp.fixed:
        a = f.assignment
        taken.setdefault((a.date, minutes(a.start), minutes(a.end)), set()).add(a.room)
    last_room: dict[tuple[str, ...], str] = {}
    order = sorted(cells.items(), key=lambda kv: (kv[1].date, kv[1].start, kv[0]))
    for pid, cell in order:
        pupil = problem.pupils[pid]
        room = problem.own_room(pupil) or ""
        if not room and problem.pool:
            busy: set[str] = set()
            for (date, s, e), rooms in taken.items():
                if cell.overlaps(date, s, e):
                    busy |= rooms
            free = [r for r in problem.pool if r not in busy]
            preferred = last_room.get(pupil.teachers)
            room = preferred if preferred in free else (free[0] if free else "")
            if room:
                last_room[pupil.teachers] = room
        taken.setdefault((cell.date, cell.start, cell.end), set()).add(room)
        out.append(
            Assignment(
                date=cell.date,
                start=from_minutes(cell.start),
                end=from_minutes(cell.end),
                pupil_id=pid,
                room=room,
                teachers=pupil.teachers,
            )
        )
    return Plan(tuple(sorted(out)))


def slots(inp: PlanInput) -> list[Cell]:
    """Every slot of the evenings (for a hand move)."""
    return Problem(inp).cells
