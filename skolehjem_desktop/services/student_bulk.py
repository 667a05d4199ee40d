"""Pupils and their guardians in bulk, inside the caller's transaction (the demo school).

:meth:`StudentBulk.add_many_in` adds pupils with their guardians and classes with the
same checks as adding them one by one; ``StudentService`` inherits it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import Language, Relation
from skolehjem_desktop.domain.limits import NAME_MAX
from skolehjem_desktop.i18n import N_
from skolehjem_desktop.services.base import Service, clean_email, clean_phone
from skolehjem_desktop.services.bulk import (
    check_exist,
    clean,
    insert_returning_ids,
    insert_rows,
    values_by_id,
)
from skolehjem_desktop.services.student_rows import check_birth_date
from skolehjem_desktop.store.models import (
    Enrolment,
    Guardian,
    SchoolClass,
    Student,
    StudentGuardian,
)


@dataclass(frozen=True, slots=True)
class NewGuardian:
    """A guardian for :meth:`StudentService.add_many_in`."""

    name: str
    email: str | None = None
    phone: str | None = None
    preferred_language: Language = Language.DA


@dataclass(frozen=True, slots=True)
class GuardianLink:
    """A pupil's guardian: ``guardian`` is its place in the ``guardians`` given alongside."""

    guardian: int
    relation: Relation = Relation.PARENT
    has_custody: bool = True


@dataclass(frozen=True, slots=True)
class NewPupil:
    """A pupil for :meth:`StudentService.add_many_in`, enrolled in ``class_ids``.

    ``class_ids`` are at most one class per school year (a pupil's history of classes).
    ``created_at`` None is now. Siblings name the same guardians in ``guardians``.
    """

    first_name: str
    last_name: str
    class_ids: tuple[int, ...]
    birth_date: dt.date | None = None
    created_at: dt.datetime | None = None
    guardians: tuple[GuardianLink, ...] = ()


@dataclass(frozen=True, slots=True)
class AddedPupils:
    """The ids :meth:`StudentService.add_many_in` gave, in the order of its input."""

    pupil_ids: tuple[int, ...]
    guardian_ids: tuple[int, ...]


class StudentBulk(Service):
    """Pupils written many at a time."""

    # --- in bulk ------------------------------------------------------------------------

    def add_many_in(
        self, s: Session, pupils: Sequence[NewPupil], guardians: Sequence[NewGuardian] = ()
    ) -> AddedPupils:
        """Add pupils and their guardians inside the caller's transaction, in one go.

        Checked as :meth:`add` and :meth:`add_guardian` check one: names, birth dates,
        e-mail addresses and phone numbers, classes that exist. Every guardian must be
        the guardian of at least one of ``pupils`` (none is left without a child); a
        pupil's guardians get the positions of the order of its ``guardians`` links.
        """
        guardian_rows = [
            {
                "name": clean(g.name, N_("Name"), NAME_MAX, required=True),
                "email": clean_email(g.email),
                "phone": clean_phone(g.phone),
                "preferred_language": Language(g.preferred_language),
            }
            for g in guardians
        ]
        class_ids = {c for p in pupils for c in p.class_ids}
        check_exist(s, SchoolClass, class_ids, N_("Class"))
        year_of = values_by_id(s, SchoolClass, SchoolClass.school_year, class_ids)
        linked: set[int] = set()
        today, now = self.today(), self.clock()
        pupil_rows = []
        for pupil in pupils:
            years = [year_of[c] for c in pupil.class_ids]
            if len(set(years)) != len(years):
                raise ValueError("A pupil is in at most one class in a school year.")
            chosen = [link.guardian for link in pupil.guardians]
            if len(set(chosen)) != len(chosen) or not all(0 <= g < len(guardians) for g in chosen):
                raise ValueError("A pupil's guardians must be different guardians given here.")
            linked.update(chosen)
            pupil_rows.append(
                {
                    "first_name": clean(
                        pupil.first_name, N_("First name"), NAME_MAX, required=True
                    ),
                    "last_name": clean(pupil.last_name, N_("Last name"), NAME_MAX),
                    "birth_date": check_birth_date(pupil.birth_date, today),
                    "left_on": None,
                    "created_at": pupil.created_at or now,
                }
            )
        if len(linked) != len(guardians):
            raise ValueError("Every guardian given must be the guardian of one of the pupils.")
        guardian_ids = insert_returning_ids(s, Guardian, guardian_rows)
        pupil_ids = insert_returning_ids(s, Student, pupil_rows)
        enrolments = []
        links = []
        for pupil_id, pupil in zip(pupil_ids, pupils, strict=True):
            for class_id in pupil.class_ids:
                enrolments.append(
                    {"student_id": pupil_id, "school_year": year_of[class_id], "class_id": class_id}
                )
            for position, link in enumerate(pupil.guardians):
                links.append(
                    {
                        "student_id": pupil_id,
                        "guardian_id": guardian_ids[link.guardian],
                        "relation": Relation(link.relation),
                        "has_custody": link.has_custody,
                        "position": position,
                    }
                )
        insert_rows(s, Enrolment, enrolments)
        insert_rows(s, StudentGuardian, links)
        return AddedPupils(tuple(pupil_ids), tuple(guardian_ids))
