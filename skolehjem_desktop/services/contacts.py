"""The contact log (henvendelser): messages, calls by appointment, short ad hoc talks.

The school's principles (:mod:`.principles`) say when a reply is due: a contact a
parent starts gets a reply within the principles' number of working days, counted
from the start of the next working day when it came outside working hours
(:mod:`.workdays`); the teacher can change it. A contact that is stored keeps the
reply due it was given, whatever the principles say later.

Two facts are read from the principles as each contact is shown, not stored: whether
a parent's contact came outside working hours, and whether a call the principles want
agreed on first ("efter forudgående aftale") was not marked as agreed.
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
from skolehjem_desktop.services.principles import Principles, defaults, principles_in
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
    by_appointment: bool = False  # a call agreed on first
    # From the principles in force when it was read (not stored):
    outside_hours: bool = False  # a parent's contact outside the school's working hours
    without_appointment: bool = False  # a call the principles want agreed on first, not so

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
    by_appointment: bool = False


# The channels of the log a call can be agreed on first for (the principles' "phone";
# the log has no channel of its own for an sms).
APPOINTMENT_CHANNELS: frozenset[ContactChannel] = frozenset(
    {ContactChannel.PHONE, ContactChannel.SMS}
)


def can_be_by_appointment(channel: ContactChannel) -> bool:
    return ContactChannel(channel) in APPOINTMENT_CHANNELS


def outside_hours(
    occurred_at: dt.datetime, started_by: StartedBy, rules: Principles | None = None
) -> bool:
    """Whether a contact from the home came outside the school's working hours."""
    rules = rules or defaults()
    return StartedBy(started_by) is StartedBy.PARENT and rules.outside_hours(occurred_at)


def without_appointment(
    channel: ContactChannel, by_appointment: bool, rules: Principles | None = None
) -> bool:
    """Whether the principles want contact on ``channel`` agreed on first and it was not."""
    rules = rules or defaults()
    return (
        can_be_by_appointment(channel) and rules.needs_appointment(channel) and not by_appointment
    )


def _info(c: ContactEntry, rules: Principles) -> ContactInfo:
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
        by_appointment=c.by_appointment,
        outside_hours=outside_hours(c.occurred_at, c.started_by, rules),
        without_appointment=without_appointment(c.channel, c.by_appointment, rules),
    )


# Contact that was itself a conversation face to face owes no reply (the teacher can set one).
SPOKEN_FACE_TO_FACE: frozenset[ContactChannel] = frozenset(
    {ContactChannel.MEETING, ContactChannel.AD_HOC}
)


def default_reply_due(
    occurred_at: dt.datetime,
    started_by: StartedBy,
    rules: Principles | None = None,
    channel: ContactChannel | None = None,
) -> dt.date | None:
    """Contact from the home is answered within the principles' working days (by default
    one working day, Monday to Friday); a meeting or a talk at the door owes no reply."""
    if StartedBy(started_by) is not StartedBy.PARENT:
        return None
    if channel is not None and ContactChannel(channel) in SPOKEN_FACE_TO_FACE:
        return None
    return (rules or defaults()).reply_due(occurred_at)


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
        by_appointment: bool = False,
    ) -> ContactInfo:
        """Log a contact. The reply due is computed from the principles unless given
        (``None`` for no reply). ``by_appointment`` is kept for a call only."""
        when = (occurred_at or self.clock()).replace(microsecond=0)
        if when.date() > self.today():
            raise ValidationError(_("A contact cannot be logged for a day to come."))
        started = StartedBy(started_by)
        with self.db.transaction() as s:
            rules = principles_in(s)
            due = (
                default_reply_due(when, started, rules, channel)
                if reply_due_on is _KEEP
                else reply_due_on
            )
            if due is not None and not isinstance(due, dt.date):
                raise ValidationError(_("The reply date is not a date."))
            if isinstance(due, dt.date) and due < when.date():
                raise ValidationError(_("A reply cannot be due before the contact was made."))
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
                by_appointment=bool(by_appointment) and can_be_by_appointment(channel),
            )
            s.add(entry)
            s.flush()
            return _info(entry, rules)

    def update(
        self,
        contact_id: int,
        *,
        summary: str | None = None,
        topic: ContactTopic | None = None,
        channel: ContactChannel | None = None,
        reply_due_on: dt.date | object | None = _KEEP,
        by_appointment: bool | None = None,
    ) -> ContactInfo:
        """Change what is given; a call's ``by_appointment`` is dropped when it is no call."""
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
            if by_appointment is not None:
                entry.by_appointment = bool(by_appointment)
            entry.by_appointment = entry.by_appointment and can_be_by_appointment(entry.channel)
            s.flush()
            return _info(entry, principles_in(s))

    def mark_done(self, contact_id: int, done: bool = True) -> ContactInfo:
        with self.db.transaction() as s:
            entry = get_or_404(s, ContactEntry, contact_id, _("Contact"))
            entry.done = done
            s.flush()
            return _info(entry, principles_in(s))

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
            rules = principles_in(s)
            return [_info(c, rules) for c in rows]

    def overdue(self) -> list[ContactInfo]:
        """Every contact whose reply is overdue today."""
        with self.db.reading() as s:
            rows = s.scalars(
                select(ContactEntry)
                .where(ContactEntry.done.is_(False), ContactEntry.reply_due < self.today())
                .order_by(ContactEntry.reply_due)
            ).all()
            rules = principles_in(s)
            return [_info(c, rules) for c in rows]

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
                    "by_appointment": c.by_appointment and can_be_by_appointment(c.channel),
                }
            )
        return insert_returning_ids(s, ContactEntry, rows)
