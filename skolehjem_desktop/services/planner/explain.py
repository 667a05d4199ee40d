"""Why no plan fits, and what a plan breaks: computed from the data, never a fixed text.

:func:`static_reasons` runs before the search: counting (more pupils than a teacher
has slots), then per pupil the slots each constraint removes, then sibling blocks,
then a matching per teacher (Hall's condition: a group of families who can only come
in fewer slots than they are). :func:`search_reasons` speaks when all of that passes
but the search still finds nothing. :func:`check` lists the violations of any plan,
e.g. after the teacher moved a pupil by hand.
"""

from __future__ import annotations

import datetime as dt

from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.planner.model import (
    Assignment,
    FixedBooking,
    Plan,
    PlanInput,
    PupilSpec,
    TeacherSpec,
    Violation,
    hhmm,
    minutes,
)
from skolehjem_desktop.services.planner.problem import Cell, Problem, sibling_groups

MAX_NAMES = 5


def _names(labels: list[str]) -> str:
    if len(labels) > MAX_NAMES:
        rest = len(labels) - MAX_NAMES
        labels = [
            *labels[:MAX_NAMES],
            ngettext("{n} more", "{n} more", rest).format(n=rest),
        ]
    if len(labels) == 1:
        return labels[0]
    return _("{first} and {last}").format(first=", ".join(labels[:-1]), last=labels[-1])


def _clock(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def times_text(problem: Problem, cells: list[Cell]) -> str:
    """``17:00`` or ``16:00–17:30, 18:00`` (with the date when there are several evenings)."""
    several = len({e.date for e in problem.inp.evenings}) > 1
    runs: list[tuple[dt.date, int, int, int]] = []  # date, start, end, slots
    for c in sorted(cells, key=lambda c: (c.date, c.start)):
        if runs and runs[-1][0] == c.date and runs[-1][2] == c.start:
            d, s, _e, n = runs[-1]
            runs[-1] = (d, s, c.end, n + 1)
        else:
            runs.append((c.date, c.start, c.end, 1))
    parts = []
    for d, s, e, n in runs:
        span = _clock(s) if n == 1 else f"{_clock(s)}–{_clock(e)}"
        parts.append(f"{d.isoformat()} {span}" if several else span)
    return ", ".join(parts)


# --- before the search --------------------------------------------------------------------


def static_reasons(problem: Problem) -> list[str]:
    inp = problem.inp
    if not inp.pupils:
        return []
    if not problem.cells:
        return [_("The evenings have no slot: add an evening or make it longer.")]
    reasons: list[str] = []
    reasons += _missing_teachers(problem)
    if reasons:
        return reasons
    reasons += _counting(problem)
    domains: dict[int, list[Cell]] = {}
    for pupil in inp.pupils:
        domains[pupil.id] = problem.domain(pupil)
        if not domains[pupil.id]:
            reasons.append(_pupil_reason(problem, pupil))
    if any(not d for d in domains.values()):
        return reasons
    sets = {pid: set(d) for pid, d in domains.items()}
    for members, anchors in problem.groups:
        if len(members) + len(anchors) < 2:
            continue
        if not problem.block_values(members, anchors, sets):
            reasons.append(_siblings_reason(members, anchors))
    if not reasons:
        reasons += _hall(problem, domains)
    return reasons


def _missing_teachers(problem: Problem) -> list[str]:
    reasons: list[str] = []
    no_teacher = [p.label for p in problem.inp.pupils if not p.teachers]
    if no_teacher:
        reasons.append(
            _("{names}: no teacher is set to attend the conversation.").format(
                names=_names(no_teacher)
            )
        )
    absent: dict[str, list[str]] = {}
    for p in problem.inp.pupils:
        for t in p.teachers:
            if t not in problem.teachers:
                absent.setdefault(t, []).append(p.label)
    for t, labels in sorted(absent.items()):
        reasons.append(
            ngettext(
                "Teacher {teacher} must attend for {n} pupil but does not take part: {names}.",
                "Teacher {teacher} must attend for {n} pupils but does not take part: {names}.",
                len(labels),
            ).format(teacher=t, n=len(labels), names=_names(labels))
        )
    return reasons


def _counting(problem: Problem) -> list[str]:
    """The pigeonhole: more pupils than a teacher (or the rooms) has slots."""
    reasons: list[str] = []
    for initials in problem.teachers:
        need = [p for p in problem.inp.pupils if initials in p.teachers]
        if not need:
            continue
        have = [
            c
            for c in problem.cells
            if problem.teacher_free(initials, c)
            and not any(
                initials in f.assignment.teachers
                and c.overlaps(
                    f.assignment.date, minutes(f.assignment.start), minutes(f.assignment.end)
                )
                for f in problem.inp.fixed
            )
        ]
        if len(need) > len(have):
            reasons.append(
                ngettext(
                    "{n} pupils but only {slots} slot with teacher {teacher}.",
                    "{n} pupils but only {slots} slots with teacher {teacher}.",
                    len(have),
                ).format(n=len(need), slots=len(have), teacher=initials)
            )
    pooled = [p for p in problem.inp.pupils if problem.needs_pool(p)]
    if pooled:
        capacity = sum(problem.pool_left(c) for c in problem.cells)
        if not problem.pool:
            reasons.append(
                _("{names}: no teacher of theirs has a room, and there is no shared room.").format(
                    names=_names([p.label for p in pooled])
                )
            )
        elif len(pooled) > capacity:
            reasons.append(
                ngettext(
                    "{n} pupils but only {slots} room slot.",
                    "{n} pupils but only {slots} room slots.",
                    capacity,
                ).format(n=len(pooled), slots=capacity)
            )
    return reasons


def _pupil_reason(problem: Problem, pupil: PupilSpec) -> str:
    """``Ali Hansen (5.A): no free slot — family can only 17:00, teacher MK busy then``."""
    cells = problem.cells
    family = [c for c in cells if problem.family_can(pupil, c)]
    if not family:
        why = _("the family cannot come at any time of the evening")
        return _("{pupil}: no free slot — {why}").format(pupil=pupil.label, why=why)
    clauses: list[str] = []
    limited = len(family) < len(cells)
    if limited:
        clauses.append(_("family can only {times}").format(times=times_text(problem, family)))
    for t in pupil.teachers:
        busy = [c for c in family if not problem.teacher_free(t, c)]
        if busy and len(busy) == len(family):
            clauses.append(
                _("teacher {teacher} busy then").format(teacher=t)
                if limited
                else _("teacher {teacher} not free during the evening").format(teacher=t)
            )
        elif busy:
            clauses.append(
                _("teacher {teacher} busy {times}").format(
                    teacher=t, times=times_text(problem, busy)
                )
            )
    taken: dict[str, list[Cell]] = {}
    for c in family:
        f = problem.fixed_clash(pupil, c)
        if f is not None:
            taken.setdefault(f.pupil.label, []).append(c)
    for label, where in sorted(taken.items()):
        clauses.append(
            _("{times} taken by {other}'s conversation").format(
                times=times_text(problem, where), other=label
            )
        )
    if problem.needs_pool(pupil):
        full = [c for c in family if problem.pool_left(c) <= 0]
        if full:
            clauses.append(_("no room free {times}").format(times=times_text(problem, full)))
    return _("{pupil}: no free slot — {why}").format(pupil=pupil.label, why=", ".join(clauses))


def _siblings_reason(members: list[PupilSpec], fixed: list[FixedBooking]) -> str:
    names = _names([p.name for p in members] + [f.pupil.name for f in fixed])
    if len({f.assignment.date for f in fixed}) > 1:
        return _("Siblings {names}: already placed on different evenings.").format(names=names)
    if fixed:
        where = ", ".join(
            f"{f.pupil.label} {f.assignment.date.isoformat()} {hhmm(f.assignment.start)}"
            for f in fixed
        )
        return _("Siblings {names}: no free slot back to back with {fixed}.").format(
            names=names, fixed=where
        )
    n = len(members)
    return ngettext(
        "Siblings {names}: no {n} back-to-back free slot on any evening.",
        "Siblings {names}: no {n} back-to-back free slots on any evening.",
        n,
    ).format(names=names, n=n)


def _augment(
    pid: int, seen: set[Cell], domains: dict[int, list[Cell]], match: dict[Cell, int]
) -> bool:
    """Kuhn's augmenting path from ``pid`` (a family) to a free slot."""
    for c in domains[pid]:
        if c in seen:
            continue
        seen.add(c)
        if c not in match or _augment(match[c], seen, domains, match):
            match[c] = pid
            return True
    return False


def _hall(problem: Problem, domains: dict[int, list[Cell]]) -> list[str]:
    """Per teacher, a group of families who can only come in fewer slots than they are."""
    reasons: list[str] = []
    for initials in problem.teachers:
        pupils = [p for p in problem.inp.pupils if initials in p.teachers]
        match: dict[Cell, int] = {}
        for p in pupils:
            if _augment(p.id, set(), domains, match):
                continue
            # the families reachable from p by alternating paths need more slots than exist
            group, cells = {p.id}, set()
            frontier = [p.id]
            while frontier:
                pid = frontier.pop()
                for c in domains[pid]:
                    if c not in cells:
                        cells.add(c)
                        owner = match.get(c)
                        if owner is not None and owner not in group:
                            group.add(owner)
                            frontier.append(owner)
            labels = [problem.pupils[i].label for i in sorted(group)]
            reasons.append(
                ngettext(
                    "{names} can only come {times}: {n} families for {slots} slot "
                    "with teacher {teacher}.",
                    "{names} can only come {times}: {n} families for {slots} slots "
                    "with teacher {teacher}.",
                    len(cells),
                ).format(
                    names=_names(labels),
                    times=times_text(problem, list(cells)),
                    n=len(group),
                    slots=len(cells),
                    teacher=initials,
                )
            )
            break
    return reasons


# --- after the search --------------------------------------------------------------------


def search_reasons(problem: Problem, exhausted: bool) -> list[str]:
    """The search found nothing: name the tightest families and sibling blocks."""
    sets = {p.id: set(problem.domain(p)) for p in problem.inp.pupils}
    tight: list[tuple[int, str]] = []
    for members, anchors in problem.groups:
        if len(members) + len(anchors) >= 2:
            ways = len(problem.block_values(members, anchors, sets))
            names = _names([p.name for p in members] + [f.pupil.name for f in anchors])
            tight.append(
                (
                    ways,
                    ngettext(
                        "siblings {names}: {n} way back to back",
                        "siblings {names}: {n} ways back to back",
                        ways,
                    ).format(names=names, n=ways),
                )
            )
        else:
            pupil = members[0]
            n = len(sets[pupil.id])
            tight.append(
                (
                    n,
                    ngettext("{pupil}: {n} possible slot", "{pupil}: {n} possible slots", n).format(
                        pupil=pupil.label, n=n
                    ),
                )
            )
    tight.sort(key=lambda x: x[0])
    names = "; ".join(text for _n, text in tight[:4])
    if exhausted:
        return [
            _(
                "No plan was found in the time allowed. The tightest: {names}. "
                "Free more time or add an evening."
            ).format(names=names)
        ]
    return [
        _(
            "Each family fits on its own, but not all at once: the siblings' back-to-back "
            "slots and the families' wishes crowd each other out. The tightest: {names}."
        ).format(names=names)
    ]


# --- a plan's violations ------------------------------------------------------------------


def _overlap(a: Assignment, b: Assignment) -> bool:
    return a.date == b.date and a.start < b.end and b.start < a.end


def check(plan: Plan, inp: PlanInput) -> list[Violation]:
    """Every constraint ``plan`` breaks (empty when it keeps them all)."""
    out: list[Violation] = []
    pupils = {p.id: p for p in inp.pupils}
    teachers = {t.initials: t for t in inp.teachers}
    owned = {t.room for t in inp.teachers if t.room}
    use_rooms = bool(inp.rooms) or bool(owned)
    pool = set(inp.rooms) - owned
    seen: dict[int, int] = {}
    for a in plan.assignments:
        seen[a.pupil_id] = seen.get(a.pupil_id, 0) + 1
    for pid, n in sorted(seen.items()):
        if pid not in pupils:
            out.append(Violation("unknown", _("The plan names a pupil who is not in the class.")))
        elif n > 1:
            out.append(
                Violation(
                    "twice",
                    _("{pupil} has {n} slots.").format(pupil=pupils[pid].label, n=n),
                    (pid,),
                )
            )
    for p in inp.pupils:
        if p.id not in seen:
            out.append(
                Violation("missing", _("{pupil} has no slot.").format(pupil=p.label), (p.id,))
            )
    for a in plan.assignments:
        spec = pupils.get(a.pupil_id)
        if spec is not None:
            out += _check_one(a, p=spec, inp=inp, teachers=teachers, use_rooms=use_rooms, pool=pool)
    everyone: list[tuple[Assignment, PupilSpec, bool]] = [
        (a, pupils[a.pupil_id], False) for a in plan.assignments if a.pupil_id in pupils
    ] + [(f.assignment, f.pupil, True) for f in inp.fixed]
    for i, (a, pa, fa) in enumerate(everyone):
        for b, pb, fb in everyone[i + 1 :]:
            if (fa and fb) or not _overlap(a, b):
                continue
            for t in sorted(set(a.teachers) & set(b.teachers)):
                out.append(
                    Violation(
                        "teacher_double",
                        _("Teacher {teacher} is with {one} and {other} at the same time.").format(
                            teacher=t, one=pa.label, other=pb.label
                        ),
                        tuple(x.id for x, f in ((pa, fa), (pb, fb)) if not f),
                    )
                )
            if a.room and a.room == b.room:
                out.append(
                    Violation(
                        "room_double",
                        _("{room} is booked for {one} and {other} at the same time.").format(
                            room=a.room, one=pa.label, other=pb.label
                        ),
                        tuple(x.id for x, f in ((pa, fa), (pb, fb)) if not f),
                    )
                )
    out += _check_siblings(plan, inp)
    return out


def _check_one(
    a: Assignment,
    *,
    p: PupilSpec,
    inp: PlanInput,
    teachers: dict[str, TeacherSpec],
    use_rooms: bool,
    pool: set[str],
) -> list[Violation]:
    out: list[Violation] = []
    s, e = minutes(a.start), minutes(a.end)
    when = f"{a.date.isoformat()} {hhmm(a.start)}"
    evenings = [
        ev
        for ev in inp.evenings
        if ev.date == a.date and minutes(ev.start) <= s and e <= minutes(ev.end)
    ]
    if e <= s or not evenings:
        out.append(
            Violation(
                "outside",
                _("{pupil} at {when} is outside the evenings.").format(pupil=p.label, when=when),
                (p.id,),
            )
        )
    elif any(b.overlaps(a.date, s, e) for ev in evenings for b in ev.breaks):
        out.append(
            Violation(
                "break",
                _("{pupil} at {when} falls in a break.").format(pupil=p.label, when=when),
                (p.id,),
            )
        )
    for t in p.teachers:
        spec = teachers.get(t)
        if t not in a.teachers:
            out.append(
                Violation(
                    "teacher_missing",
                    _("{pupil}: teacher {teacher} is not with the family.").format(
                        pupil=p.label, teacher=t
                    ),
                    (p.id,),
                )
            )
        elif spec is None:
            out.append(
                Violation(
                    "teacher_missing",
                    _("{pupil}: teacher {teacher} does not take part.").format(
                        pupil=p.label, teacher=t
                    ),
                    (p.id,),
                )
            )
    for t in a.teachers:
        spec = teachers.get(t)
        if spec is not None and spec.free and not any(f.covers(a.date, s, e) for f in spec.free):
            out.append(
                Violation(
                    "teacher_busy",
                    _("{pupil} at {when}: teacher {teacher} is not free then.").format(
                        pupil=p.label, when=when, teacher=t
                    ),
                    (p.id,),
                )
            )
    if any(u.overlaps(a.date, s, e) for u in p.unavailable):
        out.append(
            Violation(
                "family",
                _("{pupil} at {when}: the family cannot come then.").format(
                    pupil=p.label, when=when
                ),
                (p.id,),
            )
        )
    own = next((r for t in p.teachers if (r := _room_of(teachers, t))), "")
    if own and a.room != own:
        out.append(
            Violation(
                "wrong_room",
                _("{pupil} at {when} is not in {room}, the room of the teacher.").format(
                    pupil=p.label, when=when, room=own
                ),
                (p.id,),
            )
        )
    elif use_rooms and not own and a.room not in pool:
        out.append(
            Violation(
                "no_room",
                _("{pupil} at {when} has no room.").format(pupil=p.label, when=when),
                (p.id,),
            )
        )
    return out


def _room_of(teachers: dict[str, TeacherSpec], initials: str) -> str:
    spec = teachers.get(initials)
    return spec.room if spec is not None else ""


def _check_siblings(plan: Plan, inp: PlanInput) -> list[Violation]:
    out: list[Violation] = []
    for members, anchors in sibling_groups(inp.pupils, inp.fixed):
        if len(members) + len(anchors) < 2:
            continue
        placed: list[tuple[Assignment, PupilSpec]] = [
            (a, p) for p in members if (a := plan.of(p.id)) is not None
        ] + [(f.assignment, f.pupil) for f in anchors]
        if len(placed) < 2:
            continue
        placed.sort(key=lambda x: (x[0].date, x[0].start))
        ids = tuple(p.id for p in members)
        names = _names([p.name for _a, p in placed])
        if any(_overlap(x[0], y[0]) for i, x in enumerate(placed) for y in placed[i + 1 :]):
            out.append(
                Violation(
                    "siblings_same_time",
                    _("Siblings {names} are placed at the same time.").format(names=names),
                    ids,
                )
            )
        elif len({a.date for a, _p in placed}) > 1 or any(
            placed[k][0].end != placed[k + 1][0].start for k in range(len(placed) - 1)
        ):
            out.append(
                Violation(
                    "siblings_apart",
                    _("Siblings {names} are not back to back.").format(names=names),
                    ids,
                )
            )
    return out
