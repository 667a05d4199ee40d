"""Pupils and their guardians: add, edit, move between classes, mark as left, delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import Language, Relation
from skolehjem_desktop.domain.limits import NAME_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.services.base import (
    Service,
    clean_email,
    clean_phone,
    clean_text,
    get_or_404,
)
from skolehjem_desktop.services.bulk import (
    check_exist,
    clean,
    insert_returning_ids,
    insert_rows,
    values_by_id,
)
from skolehjem_desktop.store.models import (
    Agreement,
    ContactEntry,
    Conversation,
    Enrolment,
    FocusPoint,
    FocusPresentation,
    Guardian,
    SchoolClass,
    Student,
    StudentGuardian,
)

OLDEST_BIRTH_YEAR = 1990


@dataclass(frozen=True)
class StudentRow:
    id: int
    first_name: str
    last_name: str
    birth_date: dt.date | None
    left_on: dt.date | None
    class_id: int | None
    class_name: str | None
    school_year: int | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class GuardianInfo:
    id: int
    name: str
    relation: Relation
    email: str | None
    phone: str | None
    has_custody: bool
    preferred_language: Language
    other_children: tuple[str, ...]


@dataclass(frozen=True)
class StudentDetail:
    id: int
    first_name: str
    last_name: str
    birth_date: dt.date | None
    left_on: dt.date | None
    classes: tuple[tuple[int, int, str], ...]  # (school year, class id, class name), newest first
    guardians: tuple[GuardianInfo, ...]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def class_in(self, school_year: int) -> tuple[int, str] | None:
        for year, class_id, name in self.classes:
            if year == school_year:
                return class_id, name
        return None


@dataclass(frozen=True)
class DeletionSummary:
    """What deleting a pupil deletes with them (for the confirmation the teacher reads)."""

    student_id: int
    full_name: str
    conversations: int
    agreements: int
    focus_points: int
    presentations: int
    contacts: int
    guardians_deleted: tuple[str, ...]  # guardians with no other child: deleted too
    guardians_kept: tuple[str, ...]  # guardians of a sibling as well: kept


@dataclass(frozen=True)
class GuardianCandidate:
    """A guardian of other pupils who could be linked to this one (a sibling's parent)."""

    id: int
    name: str
    email: str | None
    phone: str | None
    children: tuple[str, ...]  # "Ida Hansen (3.B)", sorted

    @property
    def search_text(self) -> str:
        parts = [self.name, self.email or "", self.phone or "", *self.children]
        return " ".join(parts).casefold()


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


def parse_birth_date(text: str) -> dt.date | None:
    """A birth date typed by the teacher: dd-mm-yyyy (also with . or /) or yyyy-mm-dd.

    Empty text is an unknown birth date (None). Anything else that is not a real date
    raises :class:`ValidationError` with a message that says why.
    """
    from skolehjem_desktop.services.class_import.parse import parse_date

    if not text.strip():
        return None
    try:
        return parse_date(text.strip())
    except ValueError as exc:
        raise ValidationError(str(getattr(exc, "message", exc))) from None


def check_birth_date(value: dt.date | None, today: dt.date) -> dt.date | None:
    if value is None:
        return None
    if value > today or value.year < OLDEST_BIRTH_YEAR:
        raise ValidationError(
            _("{date} cannot be a pupil's birth date.").format(date=value.isoformat())
        )
    return value


class StudentService(Service):
    # --- pupils -------------------------------------------------------------------------

    def add(
        self,
        first_name: str,
        last_name: str,
        class_id: int,
        birth_date: dt.date | None = None,
    ) -> StudentRow:
        first = clean_text(first_name, _("First name"), NAME_MAX, required=True)
        last = clean_text(last_name, _("Last name"), NAME_MAX)
        birth = check_birth_date(birth_date, self.today())
        with self.db.transaction() as s:
            school_class = get_or_404(s, SchoolClass, class_id, _("Class"))
            student = Student(
                first_name=first, last_name=last, birth_date=birth, created_at=self.clock()
            )
            s.add(student)
            s.flush()
            s.add(
                Enrolment(
                    student_id=student.id,
                    school_year=school_class.school_year,
                    class_id=school_class.id,
                )
            )
            s.flush()
            return self._row(s, student.id, school_class.school_year)

    def edit(
        self,
        student_id: int,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        birth_date: dt.date | None = None,
        clear_birth_date: bool = False,
    ) -> StudentRow:
        with self.db.transaction() as s:
            student = get_or_404(s, Student, student_id, _("Pupil"))
            if first_name is not None:
                student.first_name = clean_text(
                    first_name, _("First name"), NAME_MAX, required=True
                )
            if last_name is not None:
                student.last_name = clean_text(last_name, _("Last name"), NAME_MAX)
            if clear_birth_date:
                student.birth_date = None
            elif birth_date is not None:
                student.birth_date = check_birth_date(birth_date, self.today())
            s.flush()
            return self._row(s, student_id, None)

    def move(self, student_id: int, class_id: int) -> StudentRow:
        """Put the pupil in another class of that class's school year."""
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            school_class = get_or_404(s, SchoolClass, class_id, _("Class"))
            enrolment = s.get(Enrolment, (student_id, school_class.school_year))
            if enrolment is None:
                s.add(
                    Enrolment(
                        student_id=student_id,
                        school_year=school_class.school_year,
                        class_id=class_id,
                    )
                )
            else:
                enrolment.class_id = class_id
            s.flush()
            return self._row(s, student_id, school_class.school_year)

    def mark_left(self, student_id: int, on: dt.date | None = None) -> None:
        """The pupil has left the school; their records stay until deleted."""
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil")).left_on = on or self.today()

    def mark_returned(self, student_id: int) -> None:
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil")).left_on = None

    def delete(self, student_id: int) -> None:
        """Delete the pupil with everything about them, and guardians no one else has."""
        with self.db.transaction() as s:
            student = get_or_404(s, Student, student_id, _("Pupil"))
            guardian_ids = [link.guardian_id for link in student.guardian_links]
            s.delete(student)
            s.flush()
            _delete_orphan_guardians(s, guardian_ids)

    def get(self, student_id: int) -> StudentDetail:
        with self.db.reading() as s:
            student = get_or_404(s, Student, student_id, _("Pupil"))
            classes = s.execute(
                select(Enrolment.school_year, SchoolClass.id, SchoolClass.name)
                .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
                .where(Enrolment.student_id == student_id)
                .order_by(Enrolment.school_year.desc())
            )
            return StudentDetail(
                id=student.id,
                first_name=student.first_name,
                last_name=student.last_name,
                birth_date=student.birth_date,
                left_on=student.left_on,
                classes=tuple(classes),
                guardians=tuple(self._guardians(s, student_id)),
            )

    def all(
        self,
        *,
        class_id: int | None = None,
        school_year: int | None = None,
        search: str | None = None,
        include_left: bool = True,
    ) -> list[StudentRow]:
        """Pupils of a class, or of a whole school year, sorted by name."""
        year = school_year
        with self.db.reading() as s:
            if class_id is not None:
                year = get_or_404(s, SchoolClass, class_id, _("Class")).school_year
            if year is None:
                year = self.current_year()
            query = (
                select(
                    Student.id,
                    Student.first_name,
                    Student.last_name,
                    Student.birth_date,
                    Student.left_on,
                    SchoolClass.id,
                    SchoolClass.name,
                    SchoolClass.school_year,
                )
                .join(Enrolment, Enrolment.student_id == Student.id)
                .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
                .where(Enrolment.school_year == year)
                .order_by(
                    Student.first_name.collate("da"), Student.last_name.collate("da"), Student.id
                )
            )
            if class_id is not None:
                query = query.where(Enrolment.class_id == class_id)
            if not include_left:
                query = query.where(Student.left_on.is_(None))
            if search and search.strip():
                # instr() on case-folded text: no wildcards, and æøå fold like a and b.
                needle = search.strip().casefold()
                full_name = func.casefold(Student.first_name + " " + Student.last_name)
                query = query.where(func.instr(full_name, needle) > 0)
            return [StudentRow(*row) for row in s.execute(query)]

    def row(self, student_id: int, school_year: int | None = None) -> StudentRow:
        """The pupil with their class in ``school_year`` (or their latest class)."""
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            if school_year is not None:
                found = self._row(s, student_id, school_year)
                if found.class_id is not None:
                    return found
            return self._row(s, student_id, None)

    def _row(self, s: Session, student_id: int, year: int | None) -> StudentRow:
        student = get_or_404(s, Student, student_id, _("Pupil"))
        query = (
            select(SchoolClass.id, SchoolClass.name, SchoolClass.school_year)
            .join(Enrolment, Enrolment.class_id == SchoolClass.id)
            .where(Enrolment.student_id == student_id)
            .order_by(Enrolment.school_year.desc())
        )
        if year is not None:
            query = query.where(Enrolment.school_year == year)
        found = s.execute(query).first()
        cid, cname, cyear = (found[0], found[1], found[2]) if found else (None, None, None)
        return StudentRow(
            student.id,
            student.first_name,
            student.last_name,
            student.birth_date,
            student.left_on,
            cid,
            cname,
            cyear,
        )

    # --- guardians ----------------------------------------------------------------------

    def add_guardian(
        self,
        student_id: int,
        name: str,
        *,
        relation: Relation = Relation.PARENT,
        email: str | None = None,
        phone: str | None = None,
        has_custody: bool = True,
        preferred_language: Language = Language.DA,
    ) -> GuardianInfo:
        name = clean_text(name, _("Name"), NAME_MAX, required=True)
        email = clean_email(email)
        phone = clean_phone(phone)
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            guardian = Guardian(
                name=name, email=email, phone=phone, preferred_language=preferred_language
            )
            s.add(guardian)
            s.flush()
            position = len(self._guardians(s, student_id))
            s.add(
                StudentGuardian(
                    student_id=student_id,
                    guardian_id=guardian.id,
                    relation=relation,
                    has_custody=has_custody,
                    position=position,
                )
            )
            s.flush()
            return self._guardian(s, student_id, guardian.id)

    def link_guardian(
        self,
        student_id: int,
        guardian_id: int,
        *,
        relation: Relation = Relation.PARENT,
        has_custody: bool = True,
    ) -> GuardianInfo:
        """Make an existing guardian (a sibling's parent) a guardian of this pupil too."""
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            get_or_404(s, Guardian, guardian_id, _("Parent or guardian"))
            if s.get(StudentGuardian, (student_id, guardian_id)) is None:
                position = len(self._guardians(s, student_id))
                s.add(
                    StudentGuardian(
                        student_id=student_id,
                        guardian_id=guardian_id,
                        relation=relation,
                        has_custody=has_custody,
                        position=position,
                    )
                )
                s.flush()
            return self._guardian(s, student_id, guardian_id)

    def edit_guardian(
        self,
        student_id: int,
        guardian_id: int,
        *,
        name: str | None = None,
        relation: Relation | None = None,
        email: str | None = None,
        phone: str | None = None,
        has_custody: bool | None = None,
        preferred_language: Language | None = None,
    ) -> GuardianInfo:
        """Change a guardian; ``email``/``phone`` given as "" clear the field."""
        with self.db.transaction() as s:
            link = s.get(StudentGuardian, (student_id, guardian_id))
            if link is None:
                get_or_404(s, Student, student_id, _("Pupil"))
                get_or_404(s, Guardian, guardian_id, _("Parent or guardian"))
                raise ValidationError(_("That guardian is not a guardian of this pupil."))
            guardian = link.guardian
            if name is not None:
                guardian.name = clean_text(name, _("Name"), NAME_MAX, required=True)
            if email is not None:
                guardian.email = clean_email(email)
            if phone is not None:
                guardian.phone = clean_phone(phone)
            if preferred_language is not None:
                guardian.preferred_language = preferred_language
            if relation is not None:
                link.relation = relation
            if has_custody is not None:
                link.has_custody = has_custody
            s.flush()
            return self._guardian(s, student_id, guardian_id)

    def remove_guardian(self, student_id: int, guardian_id: int) -> None:
        """Unlink a guardian from the pupil; delete them if they are no one else's."""
        with self.db.transaction() as s:
            s.execute(
                delete(StudentGuardian).where(
                    StudentGuardian.student_id == student_id,
                    StudentGuardian.guardian_id == guardian_id,
                )
            )
            _delete_orphan_guardians(s, [guardian_id])

    def guardians(self, student_id: int) -> list[GuardianInfo]:
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            return self._guardians(s, student_id)

    def deletion_summary(self, student_id: int) -> DeletionSummary:
        """What :meth:`delete` would delete: counts per kind and the guardians who go too."""
        with self.db.reading() as s:
            student = get_or_404(s, Student, student_id, _("Pupil"))

            def count(
                model: type[Conversation | FocusPoint | FocusPresentation | ContactEntry],
            ) -> int:
                return int(
                    s.scalar(
                        select(func.count())
                        .select_from(model)
                        .where(model.student_id == student_id)
                    )
                    or 0
                )

            agreements = int(
                s.scalar(
                    select(func.count())
                    .select_from(Agreement)
                    .join(Conversation, Conversation.id == Agreement.conversation_id)
                    .where(Conversation.student_id == student_id)
                )
                or 0
            )
            deleted: list[str] = []
            kept: list[str] = []
            for guardian in self._guardians(s, student_id):
                (kept if guardian.other_children else deleted).append(guardian.name)
            return DeletionSummary(
                student_id=student.id,
                full_name=student.full_name,
                conversations=count(Conversation),
                agreements=agreements,
                focus_points=count(FocusPoint),
                presentations=count(FocusPresentation),
                contacts=count(ContactEntry),
                guardians_deleted=tuple(deleted),
                guardians_kept=tuple(kept),
            )

    def guardian_candidates(self, student_id: int) -> list[GuardianCandidate]:
        """Guardians of other pupils who are not yet this pupil's, with their children,
        guardians of pupils with the same last name first, then by name."""
        with self.db.reading() as s:
            student = get_or_404(s, Student, student_id, _("Pupil"))
            mine = select(StudentGuardian.guardian_id).where(
                StudentGuardian.student_id == student_id
            )
            rows = s.execute(
                select(
                    Guardian.id,
                    Guardian.name,
                    Guardian.email,
                    Guardian.phone,
                    Student.id,
                    Student.first_name,
                    Student.last_name,
                )
                .join(StudentGuardian, StudentGuardian.guardian_id == Guardian.id)
                .join(Student, Student.id == StudentGuardian.student_id)
                .where(Guardian.id.not_in(mine))
            ).all()
            latest_class: dict[int, str] = {}
            child_ids = {row[4] for row in rows}
            if child_ids:
                for sid, cname in s.execute(
                    select(Enrolment.student_id, SchoolClass.name)
                    .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
                    .where(Enrolment.student_id.in_(child_ids))
                    .order_by(Enrolment.school_year)
                ):
                    latest_class[sid] = cname  # the newest year wins
            found: dict[int, tuple[str, str | None, str | None, list[str], bool]] = {}
            family = student.last_name.casefold()
            for gid, gname, email, phone, sid, first, last in rows:
                child = f"{first} {last}".strip()
                if sid in latest_class:
                    child = f"{child} ({latest_class[sid]})"
                entry = found.setdefault(gid, (gname, email, phone, [], False))
                entry[3].append(child)
                if family and last.casefold() == family and not entry[4]:
                    found[gid] = (gname, email, phone, entry[3], True)
        candidates = [
            (
                not same_family,
                GuardianCandidate(
                    gid, name, email, phone, tuple(sorted(children, key=str.casefold))
                ),
            )
            for gid, (name, email, phone, children, same_family) in found.items()
        ]
        candidates.sort(key=lambda c: (c[0], c[1].name.casefold(), c[1].id))
        return [c for _first, c in candidates]

    def siblings(self, student_id: int) -> list[StudentRow]:
        """Pupils who share a guardian with this one, in any class."""
        with self.db.reading() as s:
            guardian_ids = select(StudentGuardian.guardian_id).where(
                StudentGuardian.student_id == student_id
            )
            ids = s.scalars(
                select(StudentGuardian.student_id)
                .where(
                    StudentGuardian.guardian_id.in_(guardian_ids),
                    StudentGuardian.student_id != student_id,
                )
                .distinct()
            ).all()
            return [self._row(s, i, None) for i in sorted(ids)]

    def _guardians(self, s: Session, student_id: int) -> list[GuardianInfo]:
        ids = s.scalars(
            select(StudentGuardian.guardian_id)
            .where(StudentGuardian.student_id == student_id)
            .order_by(StudentGuardian.position, StudentGuardian.guardian_id)
        ).all()
        return [self._guardian(s, student_id, gid) for gid in ids]

    def _guardian(self, s: Session, student_id: int, guardian_id: int) -> GuardianInfo:
        link = s.get(StudentGuardian, (student_id, guardian_id))
        assert link is not None
        guardian = link.guardian
        others = s.scalars(
            select(Student.first_name)
            .join(StudentGuardian, StudentGuardian.student_id == Student.id)
            .where(
                StudentGuardian.guardian_id == guardian_id, StudentGuardian.student_id != student_id
            )
            .order_by(Student.first_name.collate("da"))
        ).all()
        return GuardianInfo(
            id=guardian.id,
            name=guardian.name,
            relation=link.relation,
            email=guardian.email,
            phone=guardian.phone,
            has_custody=link.has_custody,
            preferred_language=guardian.preferred_language,
            other_children=tuple(others),
        )

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


def _delete_orphan_guardians(s: Session, guardian_ids: list[int]) -> None:
    if not guardian_ids:
        return
    still_linked = select(StudentGuardian.guardian_id).where(
        StudentGuardian.guardian_id.in_(guardian_ids)
    )
    s.execute(
        delete(Guardian).where(Guardian.id.in_(guardian_ids), Guardian.id.not_in(still_linked))
    )
