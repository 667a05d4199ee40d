"""What a plan breaks: every constraint, checked on any plan (say, after a move by hand).

:func:`check` counts the pupils (none missing, none twice), checks each conversation
on its own (inside an evening and out of the breaks, with its teachers while they are
free, when the family can come, in the right room), then the double bookings against
each other and against the other plans, then the sibling blocks.
"""

from __future__ import annotations

from skolehjem_desktop.i18n import _, clock, short_date
from skolehjem_desktop.services.planner.model import (
    Assignment,
    Plan,
    PlanInput,
    PupilSpec,
    TeacherSpec,
    Violation,
    minutes,
)
from skolehjem_desktop.services.planner.problem import sibling_groups
from skolehjem_desktop.services.planner.wording import names_text


def _overlap(a: Assignment, b: Assignment) -> bool:
    return a.date == b.date and a.start < b.end and b.start < a.end


def check(plan: Plan, inp: PlanInput) -> list[Violation]:
    """Every constraint ``plan`` breaks (empty when it keeps them all)."""
    pupils = {p.id: p for p in inp.pupils}
    teachers = {t.initials: t for t in inp.teachers}
    owned = {t.room for t in inp.teachers if t.room}
    use_rooms = bool(inp.rooms) or bool(owned)
    pool = set(inp.rooms) - owned
    out = _check_counts(plan, inp, pupils)
    for a in plan.assignments:
        spec = pupils.get(a.pupil_id)
        if spec is not None:
            out += _check_one(a, p=spec, inp=inp, teachers=teachers, use_rooms=use_rooms, pool=pool)
    out += _check_doubles(plan, inp, pupils)
    out += _check_siblings(plan, inp)
    return out


def _check_counts(plan: Plan, inp: PlanInput, pupils: dict[int, PupilSpec]) -> list[Violation]:
    """A pupil not in the class, a pupil placed twice, a pupil not placed."""
    out: list[Violation] = []
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
    return out


def _check_doubles(plan: Plan, inp: PlanInput, pupils: dict[int, PupilSpec]) -> list[Violation]:
    """A teacher or a room booked twice at once, in this plan or against another plan."""
    out: list[Violation] = []
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
    """What one pupil's conversation breaks on its own."""
    s, e = minutes(a.start), minutes(a.end)
    when = f"{short_date(a.date)} {clock(a.start)}"
    out = _check_time(a, p, inp, when)
    out += _check_teachers(a, p, teachers, when)
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
    out += _check_room(a, p, teachers, use_rooms=use_rooms, pool=pool, when=when)
    return out


def _check_time(a: Assignment, p: PupilSpec, inp: PlanInput, when: str) -> list[Violation]:
    """Outside every evening, or in a break."""
    out: list[Violation] = []
    s, e = minutes(a.start), minutes(a.end)
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
    return out


def _check_teachers(
    a: Assignment, p: PupilSpec, teachers: dict[str, TeacherSpec], when: str
) -> list[Violation]:
    """A teacher who must attend is not there or takes no part; one who is, is not free."""
    out: list[Violation] = []
    s, e = minutes(a.start), minutes(a.end)
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
    return out


def _check_room(
    a: Assignment,
    p: PupilSpec,
    teachers: dict[str, TeacherSpec],
    *,
    use_rooms: bool,
    pool: set[str],
    when: str,
) -> list[Violation]:
    """Not in the room of the pupil's teacher, or in no room when there are rooms."""
    own = next((r for t in p.teachers if (r := _room_of(teachers, t))), "")
    if own and a.room != own:
        return [
            Violation(
                "wrong_room",
                _("{pupil} at {when} is not in {room}, the room of the teacher.").format(
                    pupil=p.label, when=when, room=own
                ),
                (p.id,),
            )
        ]
    if use_rooms and not own and a.room not in pool:
        return [
            Violation(
                "no_room",
                _("{pupil} at {when} has no room.").format(pupil=p.label, when=when),
                (p.id,),
            )
        ]
    return []


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
        names = names_text([p.name for _a, p in placed])
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
