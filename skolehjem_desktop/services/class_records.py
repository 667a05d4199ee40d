"""Class records: the class's parent meetings, its parent council and contact parent.

From the school's principles: every class holds a parent meeting (forældremøde) at
the start of the school year, with the class's teachers taking part. At that meeting
the class elects a class parent council (klasseforældreråd), which can choose a
contact parent (kontaktforælder). The teachers and the council can both call a
parent meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from skolehjem_desktop.collation import sort_key
from skolehjem_desktop.domain.enums import CalledBy, Language
from skolehjem_desktop.domain.limits import SHORT_MAX, TEXT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.services.base import Service, clean_text, get_or_404
from skolehjem_desktop.services.bulk import check_exist, insert_rows
from skolehjem_desktop.services.class_record_rows import (
    Council,
    CouncilCandidate,
    MeetingInfo,
    MeetingInput,
    NewCouncil,
    NewMeeting,
    TeacherChoice,
)
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.models import (
    ClassTeacher,
    CouncilMember,
    Enrolment,
    Guardian,
    ParentMeeting,
    ParentMeetingTeacher,
    SchoolClass,
    Student,
    StudentGuardian,
    Teacher,
)

FAMILIES_MAX = 500
MEETING_HOURS_MAX = 12


__all__ = [
    "ClassRecordService",
    "Council",
    "CouncilCandidate",
    "MeetingInfo",
    "MeetingInput",
    "NewCouncil",
    "NewMeeting",
    "TeacherChoice",
    "class_guardian_ids",
]


def _info(m: ParentMeeting) -> MeetingInfo:
    teachers = sorted(
        ((link.teacher_id, link.teacher.name) for link in m.teacher_links),
        key=lambda t: sort_key(t[1]),
    )
    return MeetingInfo(
        id=m.id,
        class_id=m.school_class_id,
        starts_at=m.starts_at,
        ends_at=m.ends_at,
        place=m.place,
        called_by=m.called_by,
        agenda=m.agenda,
        minutes=m.minutes,
        families_present=m.families_present,
        teachers=tuple(teachers),
        updated_at=m.updated_at,
    )


def class_guardian_ids(s: Session, class_id: int) -> set[int]:
    """The guardians of the pupils (who have not left) enrolled in the class."""
    return set(
        s.scalars(
            select(StudentGuardian.guardian_id)
            .join(Enrolment, Enrolment.student_id == StudentGuardian.student_id)
            .join(Student, Student.id == StudentGuardian.student_id)
            .where(Enrolment.class_id == class_id, Student.left_on.is_(None))
        )
    )


class ClassRecordService(Service):
    # --- parent meetings ------------------------------------------------------------------

    def create_meeting(self, class_id: int, data: MeetingInput) -> MeetingInfo:
        with self.db.transaction() as s:
            school_class = get_or_404(s, SchoolClass, class_id, _("Class"))
            meeting = ParentMeeting(
                school_class_id=class_id, created_at=self.clock(), updated_at=self.clock()
            )
            self._apply(s, school_class, meeting, data)
            s.add(meeting)
            s.flush()
            return self._load(s, meeting.id)

    def update_meeting(self, meeting_id: int, data: MeetingInput) -> MeetingInfo:
        with self.db.transaction() as s:
            meeting = get_or_404(s, ParentMeeting, meeting_id, _("Parent meeting"))
            school_class = get_or_404(s, SchoolClass, meeting.school_class_id, _("Class"))
            self._apply(s, school_class, meeting, data)
            meeting.updated_at = self.clock()
            s.flush()
            return self._load(s, meeting_id)

    def delete_meeting(self, meeting_id: int) -> None:
        with self.db.transaction() as s:
            s.delete(get_or_404(s, ParentMeeting, meeting_id, _("Parent meeting")))

    def meeting(self, meeting_id: int) -> MeetingInfo:
        with self.db.reading() as s:
            get_or_404(s, ParentMeeting, meeting_id, _("Parent meeting"))
            return self._load(s, meeting_id)

    def meetings(self, class_id: int) -> list[MeetingInfo]:
        """The class's parent meetings, the earliest first."""
        with self.db.reading() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            rows = s.scalars(
                select(ParentMeeting)
                .where(ParentMeeting.school_class_id == class_id)
                .options(
                    selectinload(ParentMeeting.teacher_links).selectinload(
                        ParentMeetingTeacher.teacher
                    )
                )
                .order_by(ParentMeeting.starts_at, ParentMeeting.id)
            ).all()
            return [_info(m) for m in rows]

    def latest_meeting(self, class_id: int) -> MeetingInfo | None:
        """The class's latest meeting that has started, else its first one to come."""
        meetings = self.meetings(class_id)
        held = [m for m in meetings if m.held(self.clock())]
        if held:
            return held[-1]
        return meetings[0] if meetings else None

    def teacher_choices(self, class_id: int) -> list[TeacherChoice]:
        """Every teacher, the class's own first, to tick who took part in a meeting."""
        with self.db.reading() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            own = set(
                s.scalars(select(ClassTeacher.teacher_id).where(ClassTeacher.class_id == class_id))
            )
            teachers = s.scalars(select(Teacher)).all()
            choices = [TeacherChoice(t.id, t.name, t.id in own) for t in teachers]
            return sorted(choices, key=lambda c: (not c.teaches_class, sort_key(c.name)))

    def suggested_meeting(self, class_id: int) -> MeetingInput:
        """A new meeting: the next weekday evening at 19:00, two hours, by the class's teachers."""
        with self.db.reading() as s:
            school_class = get_or_404(s, SchoolClass, class_id, _("Class"))
            year = SchoolYear(school_class.school_year)
            teacher_ids = tuple(
                s.scalars(
                    select(ClassTeacher.teacher_id).where(
                        ClassTeacher.class_id == class_id, ClassTeacher.is_contact_teacher
                    )
                )
            )
        day = self.today() + dt.timedelta(days=1)
        if not year.contains(day):
            day = year.first_day + dt.timedelta(days=14)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        start = dt.datetime.combine(day, dt.time(19, 0))
        return MeetingInput(
            starts_at=start, ends_at=start + dt.timedelta(hours=2), teacher_ids=teacher_ids
        )

    def _apply(
        self, s: Session, school_class: SchoolClass, m: ParentMeeting, data: MeetingInput
    ) -> None:
        starts = data.starts_at.replace(second=0, microsecond=0)
        ends = data.ends_at.replace(second=0, microsecond=0) if data.ends_at else None
        year = SchoolYear(school_class.school_year)
        if not year.contains(starts.date()):
            raise ValidationError(
                _("A parent meeting of {name} must be in the school year {year}.").format(
                    name=school_class.name, year=year.label
                )
            )
        if ends is not None:
            if ends <= starts:
                raise ValidationError(_("A parent meeting must end after it starts."))
            if ends - starts > dt.timedelta(hours=MEETING_HOURS_MAX):
                raise ValidationError(
                    _("A parent meeting lasts at most {hours} hours.").format(
                        hours=MEETING_HOURS_MAX
                    )
                )
        families = data.families_present
        if families is not None and not 0 <= families <= FAMILIES_MAX:
            raise ValidationError(
                _("The number of families present must be between 0 and {high}.").format(
                    high=FAMILIES_MAX
                )
            )
        place = clean_text(data.place, _("Place"), SHORT_MAX)
        agenda = clean_text(data.agenda, _("Agenda"), TEXT_MAX)
        minutes = clean_text(data.minutes, _("Minutes"), TEXT_MAX)
        teacher_ids = tuple(dict.fromkeys(data.teacher_ids))
        for teacher_id in teacher_ids:
            get_or_404(s, Teacher, teacher_id, _("Teacher"))
        m.starts_at = starts
        m.ends_at = ends
        m.place = place
        m.called_by = CalledBy(data.called_by)
        m.agenda = agenda
        m.minutes = minutes
        m.families_present = families
        m.teacher_links = [ParentMeetingTeacher(teacher_id=t) for t in teacher_ids]

    def _load(self, s: Session, meeting_id: int) -> MeetingInfo:
        s.expire_all()
        meeting = s.scalars(
            select(ParentMeeting)
            .where(ParentMeeting.id == meeting_id)
            .options(
                selectinload(ParentMeeting.teacher_links).selectinload(ParentMeetingTeacher.teacher)
            )
        ).one()
        return _info(meeting)

    # --- the families of the class --------------------------------------------------------

    def family_count(self, class_id: int) -> int:
        """How many families the class has: pupils sharing the same guardians count once."""
        with self.db.reading() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            pupils: dict[int, set[int]] = {
                sid: set()
                for sid in s.scalars(
                    select(Student.id)
                    .join(Enrolment, Enrolment.student_id == Student.id)
                    .where(Enrolment.class_id == class_id, Student.left_on.is_(None))
                )
            }
            for sid, gid in s.execute(
                select(StudentGuardian.student_id, StudentGuardian.guardian_id).where(
                    StudentGuardian.student_id.in_(list(pupils))
                )
            ):
                pupils[sid].add(gid)
            alone = sum(1 for g in pupils.values() if not g)
            return alone + len({frozenset(g) for g in pupils.values() if g})

    def guardian_languages(self, class_id: int) -> list[Language]:
        """The preferred language of each guardian of the class's pupils (once each)."""
        with self.db.reading() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            ids = class_guardian_ids(s, class_id)
            return list(
                s.scalars(select(Guardian.preferred_language).where(Guardian.id.in_(list(ids))))
            )

    # --- the class parent council ---------------------------------------------------------

    def council(self, class_id: int) -> Council:
        """The guardians of the class's pupils, marked when they sit on the council."""
        with self.db.reading() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            return self._council(s, class_id)

    def set_council(
        self,
        class_id: int,
        guardian_ids: Sequence[int],
        contact_parent_id: int | None = None,
    ) -> Council:
        """The council is exactly ``guardian_ids``; ``contact_parent_id`` must be one of them."""
        members = tuple(dict.fromkeys(guardian_ids))
        with self.db.transaction() as s:
            get_or_404(s, SchoolClass, class_id, _("Class"))
            if contact_parent_id is not None and contact_parent_id not in members:
                raise ValidationError(
                    _("The contact parent must be a member of the class parent council.")
                )
            existing = {
                m.guardian_id: m
                for m in s.scalars(
                    select(CouncilMember).where(CouncilMember.school_class_id == class_id)
                )
            }
            # A member whose child has since left stays until taken off; newcomers are checked.
            self._check_guardians(s, class_id, [g for g in members if g not in existing])
            for guardian_id, member in existing.items():
                if guardian_id not in members:
                    s.delete(member)
                elif member.is_contact_parent and guardian_id != contact_parent_id:
                    member.is_contact_parent = False
            s.flush()
            for guardian_id in members:
                if guardian_id not in existing:
                    s.add(
                        CouncilMember(
                            school_class_id=class_id,
                            guardian_id=guardian_id,
                            is_contact_parent=False,
                        )
                    )
            s.flush()
            if contact_parent_id is not None:
                chosen = s.get(CouncilMember, (class_id, contact_parent_id))
                assert chosen is not None
                chosen.is_contact_parent = True
                s.flush()
            return self._council(s, class_id)

    def set_member(self, class_id: int, guardian_id: int, member: bool) -> Council:
        """Add one guardian to the council or take them off (then no longer contact parent)."""
        council = self.council(class_id)
        ids = [c.guardian_id for c in council.members if c.guardian_id != guardian_id]
        if member:
            ids.append(guardian_id)
        contact = council.contact_parent
        keep = contact.guardian_id if contact is not None and contact.guardian_id in ids else None
        return self.set_council(class_id, ids, keep)

    def set_contact_parent(self, class_id: int, guardian_id: int | None) -> Council:
        """Choose the contact parent among the council's members (None: no contact parent)."""
        council = self.council(class_id)
        return self.set_council(class_id, [c.guardian_id for c in council.members], guardian_id)

    # --- in bulk --------------------------------------------------------------------------

    def create_meetings_in(self, s: Session, meetings: Sequence[NewMeeting]) -> list[int]:
        """Add parent meetings inside the caller's transaction; their ids, in order.

        Each is checked as :meth:`create_meeting` checks one.
        """
        class_ids = {m.class_id for m in meetings}
        check_exist(s, SchoolClass, class_ids, N_("Class"))
        teacher_ids = {t for m in meetings for t in m.meeting.teacher_ids}
        check_exist(s, Teacher, teacher_ids, N_("Teacher"))
        classes = {
            c.id: c for c in s.scalars(select(SchoolClass).where(SchoolClass.id.in_(class_ids)))
        }
        # Kept here until the end, so that each meeting's check finds its teachers loaded.
        loaded = list(s.scalars(select(Teacher).where(Teacher.id.in_(teacher_ids))))
        made = []
        for new in meetings:
            school_class = classes[new.class_id]
            created = new.created_at or self.clock()
            meeting = ParentMeeting(
                school_class_id=new.class_id,
                created_at=created,
                updated_at=new.updated_at or created,
            )
            self._apply(s, school_class, meeting, new.meeting)
            s.add(meeting)
            made.append(meeting)
        s.flush()
        loaded.clear()
        return [meeting.id for meeting in made]

    def set_councils_in(self, s: Session, councils: Sequence[NewCouncil]) -> None:
        """Set the parent councils of classes inside the caller's transaction.

        Each class's council becomes exactly its ``guardian_ids``, checked as
        :meth:`set_council` checks them: the contact parent is one of the members, and
        a new member is a guardian of a pupil in the class.
        """
        class_ids = {c.class_id for c in councils}
        check_exist(s, SchoolClass, class_ids, N_("Class"))
        guardian_ids = {g for c in councils for g in c.guardian_ids}
        check_exist(s, Guardian, guardian_ids, N_("Parent or guardian"))
        pairs = (
            select(CouncilMember.school_class_id, CouncilMember.guardian_id)
            .where(CouncilMember.school_class_id.in_(class_ids))
            .union(
                select(Enrolment.class_id, StudentGuardian.guardian_id)
                .join(StudentGuardian, StudentGuardian.student_id == Enrolment.student_id)
                .join(Student, Student.id == Enrolment.student_id)
                .where(Enrolment.class_id.in_(class_ids), Student.left_on.is_(None))
            )
        )
        # Members sitting already may stay (their child may have left); others must fit.
        allowed = {(class_id, guardian_id) for class_id, guardian_id in s.execute(pairs)}
        rows: list[dict[str, object]] = []
        for council in councils:
            members = tuple(dict.fromkeys(council.guardian_ids))
            if council.contact_parent_id is not None and council.contact_parent_id not in members:
                raise ValidationError(
                    _("The contact parent must be a member of the class parent council.")
                )
            if any((council.class_id, g) not in allowed for g in members):
                raise ValidationError(
                    _(
                        "Only a parent or guardian of a pupil in the class can sit on its "
                        "parent council."
                    )
                )
            rows.extend(
                {
                    "school_class_id": council.class_id,
                    "guardian_id": guardian_id,
                    "is_contact_parent": guardian_id == council.contact_parent_id,
                }
                for guardian_id in members
            )
        s.execute(delete(CouncilMember).where(CouncilMember.school_class_id.in_(class_ids)))
        insert_rows(s, CouncilMember, rows)

    def _check_guardians(self, s: Session, class_id: int, guardian_ids: Sequence[int]) -> None:
        allowed = class_guardian_ids(s, class_id)
        for guardian_id in guardian_ids:
            get_or_404(s, Guardian, guardian_id, _("Parent or guardian"))
            if guardian_id not in allowed:
                raise ValidationError(
                    _(
                        "Only a parent or guardian of a pupil in the class can sit on its "
                        "parent council."
                    )
                )

    def _council(self, s: Session, class_id: int) -> Council:
        pupils: dict[int, list[str]] = {}
        names: dict[int, str] = {}
        for guardian_id, guardian_name, first, last in s.execute(
            select(Guardian.id, Guardian.name, Student.first_name, Student.last_name)
            .join(StudentGuardian, StudentGuardian.guardian_id == Guardian.id)
            .join(Student, Student.id == StudentGuardian.student_id)
            .join(Enrolment, Enrolment.student_id == Student.id)
            .where(Enrolment.class_id == class_id, Student.left_on.is_(None))
        ):
            names[guardian_id] = guardian_name
            pupils.setdefault(guardian_id, []).append(f"{first} {last}".strip())
        members = {
            m.guardian_id: m.is_contact_parent
            for m in s.scalars(
                select(CouncilMember).where(CouncilMember.school_class_id == class_id)
            )
        }
        for guardian_id in members:
            if guardian_id not in names:
                # A member whose child has left or moved on stays listed until changed.
                guardian = s.get(Guardian, guardian_id)
                if guardian is not None:
                    names[guardian_id] = guardian.name
                    pupils.setdefault(guardian_id, [])
        candidates = [
            CouncilCandidate(
                guardian_id=gid,
                name=names[gid],
                pupils=tuple(sorted(pupils[gid], key=sort_key)),
                member=gid in members,
                contact_parent=members.get(gid, False),
            )
            for gid in names
        ]
        candidates.sort(key=lambda c: (not c.member, sort_key(c.name)))
        return Council(class_id, tuple(candidates))
