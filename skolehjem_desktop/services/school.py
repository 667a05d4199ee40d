"""The school's settings that travel with the data, and the teachers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import Service, clean_email, clean_text, get_or_404
from skolehjem_desktop.store.models import NAME_MAX, SHORT_MAX, Setting, Teacher

SCHOOL_NAME = "school_name"


@dataclass(frozen=True)
class TeacherInfo:
    id: int
    name: str
    initials: str
    email: str | None
    is_user: bool


def _info(t: Teacher) -> TeacherInfo:
    return TeacherInfo(t.id, t.name, t.initials, t.email, t.is_user)


class SchoolService(Service):
    def setting(self, key: str, default: str = "") -> str:
        with self.db.reading() as s:
            row = s.get(Setting, key)
            return row.value if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.db.transaction() as s:
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value

    def school_name(self) -> str:
        return self.setting(SCHOOL_NAME)

    def set_school_name(self, name: str) -> None:
        self.set_setting(SCHOOL_NAME, clean_text(name, _("School name"), SHORT_MAX))

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
