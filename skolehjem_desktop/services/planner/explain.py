"""Why no plan fits: computed from the data, never a fixed text.

:func:`static_reasons` runs before the search: counting (more pupils than a teacher
has slots), then per pupil the slots each constraint removes, then sibling blocks,
then a matching per teacher (Hall's condition: a group of families who can only come
in fewer slots than they are). :func:`search_reasons` speaks when all of that passes
but the search still finds nothing. What a given plan breaks is :mod:`.violations`.
"""

from __future__ import annotations

from skolehjem_desktop.i18n import _, clock, ngettext, short_date
from skolehjem_desktop.services.planner.model import (
    FixedBooking,
    PupilSpec,
    minutes,
)
from skolehjem_desktop.services.planner.problem import Cell, Problem
from skolehjem_desktop.services.planner.wording import names_text, times_text

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
                names=names_text(no_teacher)
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
            ).format(teacher=t, n=len(labels), names=names_text(labels))
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
                    names=names_text([p.label for p in pooled])
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
    names = names_text([p.name for p in members] + [f.pupil.name for f in fixed])
    if len({f.assignment.date for f in fixed}) > 1:
        return _("Siblings {names}: already placed on different evenings.").format(names=names)
    if fixed:
        where = ", ".join(
            f"{f.pupil.label} {short_date(f.assignment.date)} {clock(f.assignment.start)}"
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
                    names=names_text(labels),
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
            names = names_text([p.name for p in members] + [f.pupil.name for f in anchors])
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
