"""The contact log (henvendelser): messages, calls by appointment, short ad hoc talks.

The school's guidelines: parents can expect a reply to written contact within
ordinary working hours, Monday to Friday. A contact a parent starts gets a reply
due by the end of the next working day; the teacher can change it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import ContactChannel, ContactTopic, StartedBy
from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import N_, _
from skolehjem_desktop.services.base import Service, clean_text, get_or_404
from skolehjem_desktop.services.bulk import (
    Row,
    check_exist,
    clean,
    guardian_pairs,
    insert_returning_ids,
)
from skolehjem_desktop.services.workdays import reply_due
from skolehjem_desktop.store.models import ContactEntry, Student, StudentGuardian


@dataclass(frozen=True)
class ContactInfo:
    id: int
    student_id: int
    guardian_id: int | None
    occurred_at: dt.datetime
    channel: ContactChannel
    started_by: StartedBy
    topic: ContactTopic
    summary: str
    reply_due: dt.date | None
    done: bool

    def overdue(self, today: dt.date) -> bool:
        return not self.done and self.reply_due is not None and self.reply_due < today


@dataclass(frozen=True, slots=True)
class NewContact:
    """A logged contact for :meth:`ContactService.add_many_in`.

    ``reply_due`` is as given (None: no reply expected); :func:`default_reply_due` is
    what :meth:`ContactService.add` would give.
    """

    student_id: int
    occurred_at: dt.datetime
    channel: ContactChannel
    started_by: StartedBy
    reply_due: dt.date | None
    topic: ContactTopic = ContactTopic.WELLBEING
    summary: str = ""
    guardian_id: int | None = None
    done: bool = False


def _info(c: ContactEntry) -> ContactInfo:
    return ContactInfo(
        c.id,
        c.student_id,
        c.guardian_id,
        c.occurred_at,
        c.channel,
        c.started_by,
        c.topic,
        c.summary,
        c.reply_due,
        c.done,
    )


def default_reply_due(occurred_at: dt.datetime, started_by: StartedBy) -> dt.date | None:
    """Contact from the home is answered by the end of the next working day."""
    return reply_due(occurred_at) if started_by is StartedBy.PARENT else None


_KEEP = object()


class ContactService(Service):
    def add(
        self,
        student_id: int,
        *,
        channel: ContactChannel,
        started_by: StartedBy,
        topic: ContactTopic = ContactTopic.WELLBEING,
        summary: str = "",
        occurred_at: dt.datetime | None = None,
        guardian_id: int | None = None,
        reply_due_on: dt.date | object | None = _KEEP,
    ) -> ContactInfo:
        """Log a contact. The reply due is computed unless given (``None`` for no reply)."""
        when = (occurred_at or self.clock()).replace(microsecond=0)
        if when.date() > self.today():
            raise ValidationError(_("A contact cannot be logged for a day to come."))
        started = StartedBy(started_by)
        due = default_reply_due(when, started) if reply_due_on is _KEEP else reply_due_on
        if due is not None and not isinstance(due, dt.date):
            raise ValidationError(_("The reply date is not a date."))
        if isinstance(due, dt.date) and due < when.date():
            raise ValidationError(_("A reply cannot be due before the contact was made."))
        with self.db.transaction() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            if (
                guardian_id is not None
                and s.get(StudentGuardian, (student_id, guardian_id)) is None
            ):
                raise ValidationError(_("That guardian is not a guardian of this pupil."))
            entry = ContactEntry(
                student_id=student_id,
                guardian_id=guardian_id,
                occurred_at=when,
                channel=ContactChannel(channel),
                started_by=started,
                topic=ContactTopic(topic),
                summary=clean_text(summary, _("Summary"), TEXT_MAX),
                reply_due=due if isinstance(due, dt.date) else None,
                done=False,
            )
            s.add(entry)
            s.flush()
            return _info(entry)

    def update(
        self,
        contact_id: int,
        *,
        summary: str | None = None,
        topic: ContactTopic | None = None,
        channel: ContactChannel | None = None,
        reply_due_on: dt.date | object | None = _KEEP,
    ) -> ContactInfo:
        with self.db.transaction() as s:
            entry = get_or_404(s, ContactEntry, contact_id, _("Contact"))
            if summary is not None:
                entry.summary = clean_text(summary, _("Summary"), TEXT_MAX)
            if topic is not None:
                entry.topic = ContactTopic(topic)
            if channel is not None:
                entry.channel = ContactChannel(channel)
            if reply_due_on is not _KEEP:
                if reply_due_on is not None and not isinstance(reply_due_on, dt.date):
                    raise ValidationError(_("The reply date is not a date."))
                if isinstance(reply_due_on, dt.date) and reply_due_on < entry.occurred_at.date():
                    raise ValidationError(_("A reply cannot be due before the contact was made."))
                entry.reply_due = reply_due_on if isinstance(reply_due_on, dt.date) else None
            s.flush()
            return _info(entry)

    def mark_done(self, contact_id: int, done: bool = True) -> ContactInfo:
        with self.db.transaction() as s:
            entry = get_or_404(s, ContactEntry, contact_id, _("Contact"))
            entry.done = done
            s.flush()
            return _info(entry)

    def remove(self, contact_id: int) -> None:
        with self.db.transaction() as s:
            s.delete(get_or_404(s, ContactEntry, contact_id, _("Contact")))

    def all(self, student_id: int) -> list[ContactInfo]:
        """The pupil's contacts, the newest first."""
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            rows = s.scalars(
                select(ContactEntry)
                .where(ContactEntry.student_id == student_id)
                .order_by(ContactEntry.occurred_at.desc(), ContactEntry.id.desc())
            ).all()
            return [_info(c) for c in rows]

    def overdue(self) -> list[ContactInfo]:
        """Every contact whose reply is overdue today."""
        with self.db.reading() as s:
            rows = s.scalars(
                select(ContactEntry)
                .where(ContactEntry.done.is_(False), ContactEntry.reply_due < self.today())
                .order_by(ContactEntry.reply_due)
            ).all()
            return [_info(c) for c in rows]

    # --- in bulk --------------------------------------------------------------------------

    def add_many_in(self, s: Session, contacts: Sequence[NewContact]) -> list[int]:
        """Log contacts inside the caller's transaction; their ids, in the same order.

        Each is checked as :meth:`add` checks one: not on a day to come, no reply due
        before the contact, and a guardian must be a guardian of the pupil.
        """
        check_exist(s, Student, {c.student_id for c in contacts}, N_("Pupil"))
        own = guardian_pairs(s, {c.student_id for c in contacts if c.guardian_id is not None})
        rows: list[Row] = []
        for c in contacts:
            when = c.occurred_at.replace(microsecond=0)
            if when.date() > self.today():
                raise ValidationError(_("A contact cannot be logged for a day to come."))
            if c.reply_due is not None and c.reply_due < when.date():
                raise ValidationError(_("A reply cannot be due before the contact was made."))
            if c.guardian_id is not None and (c.student_id, c.guardian_id) not in own:
                raise ValidationError(_("That guardian is not a guardian of this pupil."))
            rows.append(
                {
                    "student_id": c.student_id,
                    "guardian_id": c.guardian_id,
                    "occurred_at": when,
                    "channel": ContactChannel(c.channel),
                    "started_by": StartedBy(c.started_by),
                    "topic": ContactTopic(c.topic),
                    "summary": clean(c.summary, N_("Summary"), TEXT_MAX),
                    "reply_due": c.reply_due,
                    "done": c.done,
                }
            )
        return insert_returning_ids(s, ContactEntry, rows)
