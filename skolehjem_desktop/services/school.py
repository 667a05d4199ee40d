"""The school's settings that travel with the data, and the teachers."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.limits import NAME_MAX, SHORT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import LANGUAGES, N_, _
from skolehjem_desktop.services.base import Service, clean_email, clean_text, get_or_404
from skolehjem_desktop.services.bulk import clean, insert_returning_ids
from skolehjem_desktop.store.models import SchoolClass, Setting, Student, Teacher

SCHOOL_NAME = "school_name"
SCHOOL_LOGO = "school_logo"
LANGUAGE = "language"
PREPARATION_QUESTIONS = "preparation_questions"
GUIDE_WITH_INVITATIONS = "guide_with_invitations"  # "yes": append the guide to invitations
LOGO_MAX_BYTES = 1_000_000
QUESTIONS_MAX = 12

# The questions on the parents' preparation sheet until the teacher writes their own.
DEFAULT_QUESTIONS = (
    N_("How is your child doing at school, as you see it?"),
    N_("What is your child good at, and what do they enjoy?"),
    N_("Is there anything you are worried about?"),
    N_("How does your child get on with the other children in the class?"),
    N_("What would you like us to talk about?"),
)


@dataclass(frozen=True)
class TeacherInfo:
    id: int
    name: str
    initials: str
    email: str | None
    is_user: bool


@dataclass(frozen=True, slots=True)
class NewTeacher:
    """A teacher for :meth:`SchoolService.add_teachers_in`."""

    name: str
    initials: str
    email: str | None = None
    is_user: bool = False


def _info(t: Teacher) -> TeacherInfo:
    return TeacherInfo(t.id, t.name, t.initials, t.email, t.is_user)


def check_logo(data: bytes) -> bytes:
    """The logo's bytes if they are a PNG or JPEG picture of an accepted size."""
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is larger than {size} MB; choose a smaller picture.").format(
                size=LOGO_MAX_BYTES // 1_000_000
            )
        )
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise ValidationError(_("The logo must be a PNG or JPEG picture."))
    return data


def store_setting(s: Session, key: str, value: str) -> None:
    """Write one setting inside the caller's transaction."""
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    else:
        row.value = value


class SchoolService(Service):
    def setting(self, key: str, default: str = "") -> str:
        with self.db.reading() as s:
            row = s.get(Setting, key)
            return row.value if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.db.transaction() as s:
            store_setting(s, key, value)

    def school_name(self) -> str:
        return self.setting(SCHOOL_NAME)

    def set_school_name(self, name: str) -> None:
        self.set_setting(SCHOOL_NAME, clean_text(name, _("School name"), SHORT_MAX))

    def logo(self) -> bytes | None:
        """The school's logo as PNG or JPEG bytes, if one was chosen."""
        value = self.setting(SCHOOL_LOGO)
        return base64.b64decode(value) if value else None

    def set_logo(self, data: bytes | None) -> None:
        if data is None:
            self.set_setting(SCHOOL_LOGO, "")
            return
        check_logo(data)
        self.set_setting(SCHOOL_LOGO, base64.b64encode(data).decode("ascii"))

    def language(self) -> str | None:
        """The language the teacher chose for the program, or None for the system's."""
        value = self.setting(LANGUAGE)
        return value or None

    def set_language(self, lang: str | None) -> None:
        if lang is not None and lang not in LANGUAGES:
            raise ValidationError(_("{value} is not a language of the program.").format(value=lang))
        self.set_setting(LANGUAGE, lang or "")

    def preparation_questions(self) -> list[str]:
        """The questions on the parents' preparation sheet, in the active language."""
        value = self.setting(PREPARATION_QUESTIONS)
        if not value:
            return [_(q) for q in DEFAULT_QUESTIONS]
        return [line for line in value.split("\n") if line.strip()]

    def default_preparation_questions(self) -> list[str]:
        """The questions the sheet has until the teacher writes their own, translated."""
        return [_(q) for q in DEFAULT_QUESTIONS]

    def has_own_preparation_questions(self) -> bool:
        return bool(self.setting(PREPARATION_QUESTIONS))

    def set_preparation_questions(self, questions: list[str]) -> None:
        """Save the teacher's own questions; an empty list brings back the defaults."""
        cleaned = [clean_text(q, _("Question"), SHORT_MAX) for q in questions]
        cleaned = [" ".join(q.split()) for q in cleaned if q]
        if len(cleaned) > QUESTIONS_MAX:
            raise ValidationError(
                _("At most {limit} questions fit on the preparation sheet.").format(
                    limit=QUESTIONS_MAX
                )
            )
        self.set_setting(PREPARATION_QUESTIONS, "\n".join(cleaned))

    def guide_with_invitations(self) -> bool:
        """Whether every invitation gets the guide for the parents after it."""
        return self.setting(GUIDE_WITH_INVITATIONS) == "yes"

    def set_guide_with_invitations(self, on: bool) -> None:
        self.set_setting(GUIDE_WITH_INVITATIONS, "yes" if on else "")

    def teachers(self) -> list[TeacherInfo]:
        with self.db.reading() as s:
            rows = s.scalars(select(Teacher).order_by(Teacher.name.collate("da"))).all()
            return [_info(t) for t in rows]

    def user(self) -> TeacherInfo | None:
        """The teacher who uses this program, if set."""
        with self.db.reading() as s:
            row = s.scalars(select(Teacher).where(Teacher.is_user)).first()
            return _info(row) if row else None

    def add_teacher(
        self, name: str, initials: str, email: str | None = None, *, is_user: bool = False
    ) -> TeacherInfo:
        name = clean_text(name, _("Name"), NAME_MAX, required=True)
        initials = clean_text(initials, _("Initials"), 8, required=True).upper()
        email = clean_email(email)
        with self.db.transaction() as s:
            if s.scalars(select(Teacher).where(Teacher.initials == initials)).first():
                raise ValidationError(
                    _("A teacher with the initials {initials} already exists.").format(
                        initials=initials
                    )
                )
            if is_user:
                s.execute(update(Teacher).values(is_user=False))
            teacher = Teacher(name=name, initials=initials, email=email, is_user=is_user)
            s.add(teacher)
            s.flush()
            return _info(teacher)

    def set_user(self, teacher_id: int) -> None:
        with self.db.transaction() as s:
            get_or_404(s, Teacher, teacher_id, _("Teacher"))
            s.execute(update(Teacher).values(is_user=False))
            s.flush()
            s.execute(update(Teacher).where(Teacher.id == teacher_id).values(is_user=True))

    def update_teacher(
        self,
        teacher_id: int,
        *,
        name: str | None = None,
        initials: str | None = None,
        email: str | None = None,
    ) -> TeacherInfo:
        """Change a teacher's name, initials or e-mail (``email=""`` clears it)."""
        with self.db.transaction() as s:
            teacher = get_or_404(s, Teacher, teacher_id, _("Teacher"))
            if name is not None:
                teacher.name = clean_text(name, _("Name"), NAME_MAX, required=True)
            if initials is not None:
                new = clean_text(initials, _("Initials"), 8, required=True).upper()
                clash = s.scalars(
                    select(Teacher).where(Teacher.initials == new, Teacher.id != teacher_id)
                ).first()
                if clash is not None:
                    raise ValidationError(
                        _("A teacher with the initials {initials} already exists.").format(
                            initials=new
                        )
                    )
                teacher.initials = new
            if email is not None:
                teacher.email = clean_email(email)
            s.flush()
            return _info(teacher)

    def save_user(self, name: str, initials: str) -> TeacherInfo:
        """The teacher who uses the program: update them, or add them if there is none.

        With no user yet, a teacher already stored with these initials becomes the user.
        """
        user = self.user()
        if user is None:
            wanted = clean_text(initials, _("Initials"), 8, required=True).upper()
            same = next((t for t in self.teachers() if t.initials == wanted), None)
            if same is None:
                return self.add_teacher(name, initials, is_user=True)
            clean_text(name, _("Name"), NAME_MAX, required=True)
            self.set_user(same.id)
            user = same
        return self.update_teacher(user.id, name=name, initials=initials)

    # --- in bulk ------------------------------------------------------------------------

    def holds_classes_or_pupils(self) -> bool:
        """Whether any class or any pupil is stored (a school has begun in this folder)."""
        with self.db.reading() as s:
            return (
                s.scalar(select(SchoolClass.id).limit(1)) is not None
                or s.scalar(select(Student.id).limit(1)) is not None
            )

    def add_teachers_in(self, s: Session, teachers: Sequence[NewTeacher]) -> list[int]:
        """Add ``teachers`` inside the caller's transaction; their ids, in the same order.

        Each is checked as :meth:`add_teacher` checks one: a name, initials (kept in upper
        case) that no other teacher has, stored or among ``teachers``, and a valid e-mail.
        At most one of them may be the user; then the teacher who was the user is no longer.
        """
        if sum(t.is_user for t in teachers) > 1:
            raise ValueError("At most one of the teachers can be the user.")
        rows = []
        taken = set(s.scalars(select(Teacher.initials)))
        for teacher in teachers:
            initials = clean(teacher.initials, N_("Initials"), 8, required=True).upper()
            if initials in taken:
                raise ValidationError(
                    _("A teacher with the initials {initials} already exists.").format(
                        initials=initials
                    )
                )
            taken.add(initials)
            rows.append(
                {
                    "name": clean(teacher.name, N_("Name"), NAME_MAX, required=True),
                    "initials": initials,
                    "email": clean_email(teacher.email),
                    "is_user": teacher.is_user,
                }
            )
        if any(t.is_user for t in teachers):
            s.execute(update(Teacher).values(is_user=False))
        return insert_returning_ids(s, Teacher, rows)
