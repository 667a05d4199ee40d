"""The contact log: informal contact with the home."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from skolehjem_desktop.domain.enums import ContactChannel, ContactTopic, StartedBy
from skolehjem_desktop.domain.limits import TEXT_MAX
from skolehjem_desktop.store.models.base import Base, _enum, _maxlen


class ContactEntry(Base):
    """Informal contact with the home (henvendelse): a message, a call, a short talk."""

    __tablename__ = "contact_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), index=True
    )
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("guardian.id", ondelete="SET NULL"))
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime)
    channel: Mapped[ContactChannel] = mapped_column(_enum(ContactChannel, "contact_channel"))
    started_by: Mapped[StartedBy] = mapped_column(_enum(StartedBy, "started_by"))
    topic: Mapped[ContactTopic] = mapped_column(_enum(ContactTopic, "contact_topic"))
    summary: Mapped[str] = mapped_column(Text, default="")
    reply_due: Mapped[dt.date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    # A call or an sms the parent and the teacher agreed on first ("efter forudgående aftale").
    by_appointment: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    __table_args__ = (_maxlen("summary", TEXT_MAX),)
