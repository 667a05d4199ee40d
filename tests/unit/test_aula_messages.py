"""Messages ready for Aula: the four texts in Danish and English, what never reaches them
(the private preparation, an unshared section, a colleague's input), and what copying one
records (the message, the school's contact, a parent's contact answered)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from skolehjem_desktop.domain.enums import (
    AulaMessageKind,
    ContactChannel,
    ContactTopic,
    ConversationKind,
    Language,
    Responsible,
    SectionKind,
    StartedBy,
)
from skolehjem_desktop.errors import NotFoundError, ValidationError
from skolehjem_desktop.services.aula_texts import AulaMessageText
from skolehjem_desktop.services.classes import NewClass
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.models import AulaMessage, ColleagueInput

HELD_AT = dt.datetime(2026, 11, 17, 15, 30)  # the test clock says Monday 23 November 2026
COMING_AT = dt.datetime(2026, 12, 4, 10, 15)
MARKERS = ("PRIVATMARKØR", "SKJULTMARKØR", "KOLLEGAMARKØR", "ØNSKEMARKØR")


@dataclass(frozen=True)
class School:
    class_id: int
    soeren: int
    anne: int
    held: int
    planned: int
    lukasz: int
    lukasz_planned: int


@pytest.fixture
def school(services, db) -> School:  # type: ignore[no-untyped-def]
    me = services.school.save_user("Mette Kjær", "MK")
    ole = services.school.add_teacher("Ole Berg", "OB")
    with db.transaction() as s:
        [class_id] = services.classes.create_many_in(
            s, [NewClass("5.A", 2026, contact_teacher_ids=(me.id, ole.id))]
        )
    soeren = services.students.add("Søren", "Ærø", class_id).id
    anne = services.students.add_guardian(soeren, "Anne Ærø").id
    services.students.add_guardian(soeren, "Bo Ærø")
    held = services.conversations.plan(
        soeren, Planning(starts_at=HELD_AT, place="Lokale 12", parents_wishes="ØNSKEMARKØR")
    ).id
    conversations = services.conversations
    conversations.set_section(held, SectionKind.PRIVATE_PREPARATION, "PRIVATMARKØR i noterne")
    conversations.set_section(
        held, SectionKind.ACADEMIC, "Søren læser godt.\n\nHan regner sikkert."
    )
    conversations.set_section(held, SectionKind.CONCERNS, "SKJULTMARKØR", shared=False)
    conversations.mark_held(held)
    conversations.add_agreement(
        held, "Søren læser 20 minutter hver dag", Responsible.HOME, dt.date(2026, 11, 20)
    )
    conversations.add_agreement(
        held, "Vi laver en ugeplan", Responsible.SCHOOL, dt.date(2026, 11, 27)
    )
    conversations.add_agreement(held, "Senere", Responsible.PUPIL, dt.date(2027, 3, 1))
    done = conversations.add_agreement(
        held, "Allerede klaret", Responsible.HOME, dt.date(2026, 11, 24)
    )
    conversations.update_agreement(done.id, done=True)
    with db.transaction() as s:
        s.add(
            ColleagueInput(
                student_id=soeren,
                school_year=2026,
                conversation_id=held,
                colleague="Kasper",
                subject="Idræt",
                academic="KOLLEGAMARKØR",
                received_at=HELD_AT,
            )
        )
    planned = services.conversations.plan(
        soeren, Planning(starts_at=COMING_AT, place="Lokale 12", duration_minutes=30)
    ).id
    lukasz = services.students.add("Łukasz", "Ćwikła", class_id).id
    services.students.add_guardian(lukasz, "Marta Ćwikła", preferred_language=Language.EN)
    lukasz_planned = services.conversations.plan(
        lukasz, Planning(starts_at=COMING_AT, pupil_attends=False)
    ).id
    return School(class_id, soeren, anne, held, planned, lukasz, lukasz_planned)


def no_markup(message: AulaMessageText) -> None:
    for marker in MARKERS:
        assert marker not in message.text
    for sign in ("<", ">", "**", "&amp;", "\r"):
        assert sign not in message.text
    assert not any(line.startswith(("#", "- ", "* ")) for line in message.text.splitlines())
    assert "\n\n\n" not in message.body
    assert message.body == message.body.strip()


SIGNED_DA = "Med venlig hilsen\nMette Kjær og Ole Berg\nKontaktlærere, 5.A"
SIGNED_EN = "Kind regards\nMette Kjær and Ole Berg\nContact teachers, 5.A"


# --- the texts ------------------------------------------------------------------------------


def test_an_invitation_in_danish_says_when_where_who_and_what_to_bring(services, school) -> None:  # type: ignore[no-untyped-def]
    message = services.aula_messages.invitation(school.planned)
    assert message.language == "da"
    assert message.subject == "Invitation til skole/hjemsamtale om Søren"
    assert message.attachment_name == "Invitation Søren Ærø 2026-12-04.pdf"
    body = message.body
    assert body.startswith("Kære Anne og Bo\n\nVi inviterer jer til en skole/hjemsamtale om Søren")
    assert "Tid: 04.12.2026 kl. 10.15–10.45\nSted: Lokale 12\n" in body
    assert "Fra skolen: Mette Kjær og Ole Berg\nSøren deltager i samtalen." in body
    assert "forberedelsesarket, og tag det med til samtalen." in body
    assert (
        "Invitationen og forberedelsesarket er vedhæftet som PDF "
        "(Invitation Søren Ærø 2026-12-04.pdf)."
    ) in body
    assert body.endswith(SIGNED_DA)
    no_markup(message)


def test_an_invitation_is_in_english_for_a_guardian_who_reads_english(services, school) -> None:  # type: ignore[no-untyped-def]
    message = services.aula_messages.invitation(school.lukasz_planned)
    assert message.language == "en"
    assert message.subject == "Invitation to a school–home conversation about Łukasz"
    assert message.body.startswith("Dear Marta,\n\nWe invite you to a school–home conversation")
    assert "When: 04/12/2026, 10:15–10:45\nWhere: We will let you know\n" in message.body
    assert "Łukasz does not take part in this conversation." in message.body
    assert message.attachment_name == "Invitation Łukasz Ćwikła 2026-12-04.pdf"
    assert "(Invitation Łukasz Ćwikła 2026-12-04.pdf)" in message.body
    assert message.body.endswith(SIGNED_EN)
    # The teacher may choose the language.
    assert services.aula_messages.invitation(school.lukasz_planned, "da").body.startswith(
        "Kære Marta\n"
    )
    no_markup(message)


def test_an_invitation_is_only_for_a_conversation_to_come(services, school) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="has been held"):
        services.aula_messages.invitation(school.held)
    services.conversations.mark_cancelled(school.planned)
    with pytest.raises(ValidationError, match="cancelled"):
        services.aula_messages.invitation(school.planned)
    with pytest.raises(NotFoundError):
        services.aula_messages.invitation(999)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_summary_holds_the_shared_sections_and_the_agreements_only(  # type: ignore[no-untyped-def]
    services, school, lang
) -> None:
    message = services.aula_messages.summary(school.held, lang)
    no_markup(message)
    body = message.body
    assert "Søren læser godt.\n\nHan regner sikkert." in body
    if lang == "da":
        assert message.subject == "Referat af skole/hjemsamtalen om Søren"
        assert message.attachment_name == "Referat Søren Ærø 2026-11-17.pdf"
        assert "Tak for samtalen om Søren den 17.11.2026." in body
        assert "Faglig udvikling\nSøren læser godt." in body
        assert (
            "Aftaler\n1. Søren læser 20 minutter hver dag (ansvarlig: hjemmet, frist 20.11.2026)\n"
            "2. Vi laver en ugeplan (ansvarlig: skolen, frist 27.11.2026)\n"
        ) in body
        assert "4. Allerede klaret (ansvarlig: hjemmet, frist 24.11.2026) – klaret" in body
        assert "Referatet er vedhæftet som PDF (Referat Søren Ærø 2026-11-17.pdf)." in body
        assert body.endswith(SIGNED_DA)
    else:
        assert message.subject == "Summary of the school–home conversation about Søren"
        assert message.attachment_name == "Summary Søren Ærø 2026-11-17.pdf"
        assert "Academic development\nSøren læser godt." in body
        assert "1. Søren læser 20 minutter hver dag (responsible: the home, due 20/11/2026)" in body
        assert "The summary is attached as a PDF (Summary Søren Ærø 2026-11-17.pdf)." in body
        assert body.endswith(SIGNED_EN)
    # The unshared section's heading does not show either.
    assert "Bekymringer" not in body and "Concerns" not in body


def test_a_summary_is_only_of_a_held_conversation(services, school) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="has not been held yet"):
        services.aula_messages.summary(school.planned)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_reminder_names_the_open_agreements_due_soon_or_overdue(  # type: ignore[no-untyped-def]
    services, school, lang
) -> None:
    message = services.aula_messages.reminder(school.held, lang)
    no_markup(message)
    assert message.attachment_name is None
    body = message.body
    assert "Senere" not in body  # due in March
    assert "Allerede klaret" not in body  # done
    if lang == "da":
        assert message.subject == "Påmindelse om vores aftaler om Søren"
        assert "Til samtalen den 17.11.2026 aftalte vi nogle ting om Søren." in body
        assert (
            "1. Søren læser 20 minutter hver dag (ansvarlig: hjemmet, fristen var 20.11.2026)\n"
            "2. Vi laver en ugeplan (ansvarlig: skolen, frist 27.11.2026)"
        ) in body
        assert body.endswith(SIGNED_DA)
    else:
        assert message.subject == "Reminder of our agreements about Søren"
        assert "(responsible: the home, it was due 20/11/2026)" in body
        assert "2. Vi laver en ugeplan (responsible: the school, due 27/11/2026)" in body
        assert body.endswith(SIGNED_EN)


def test_a_reminder_needs_a_held_conversation_with_agreements_due(services, school) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="has not been held"):
        services.aula_messages.reminder(school.planned)
    for agreement in services.conversations.get(school.held).agreements:
        if agreement.due is not None and agreement.due < dt.date(2027, 1, 1):
            services.conversations.update_agreement(agreement.id, done=True)
    assert services.aula_messages.due_agreements(school.held) == ()
    with pytest.raises(ValidationError, match="due within a week"):
        services.aula_messages.reminder(school.held)


def parents_message(services, school, **kw):  # type: ignore[no-untyped-def]
    values = {
        "channel": ContactChannel.AULA,
        "started_by": StartedBy.PARENT,
        "topic": ContactTopic.WELLBEING,
        "summary": "Søren er ked af det om morgenen.",
        "occurred_at": dt.datetime(2026, 11, 18, 9, 0),
        "guardian_id": school.anne,
        **kw,
    }
    return services.contacts.add(school.soeren, **values)


def test_a_reply_greets_the_parent_and_thanks_them_for_their_message(services, school) -> None:  # type: ignore[no-untyped-def]
    contact = parents_message(services, school)
    message = services.aula_messages.reply(contact.id)
    assert message.language == "da"
    assert message.subject == "Svar om Søren"
    assert message.attachment_name is None
    assert message.body == f"Kære Anne\n\nTak for din besked den 18.11.2026.\n\n{SIGNED_DA}"
    english = services.aula_messages.reply(contact.id, "en")
    assert english.body == f"Dear Anne,\n\nThank you for your message of 18/11/2026.\n\n{SIGNED_EN}"
    no_markup(message)
    call = parents_message(services, school, channel=ContactChannel.PHONE, guardian_id=None)
    assert services.aula_messages.reply(call.id).body.startswith(
        "Kære Anne og Bo\n\nTak, fordi I kontaktede mig den 18.11.2026."
    )


def test_a_reply_is_in_the_language_of_the_parent_who_wrote(services, school) -> None:  # type: ignore[no-untyped-def]
    marta = services.students.get(school.lukasz).guardians[0]
    contact = services.contacts.add(
        school.lukasz,
        channel=ContactChannel.PHONE,
        started_by=StartedBy.PARENT,
        occurred_at=dt.datetime(2026, 11, 18, 9, 0),
        guardian_id=marta.id,
    )
    message = services.aula_messages.reply(contact.id)
    assert message.language == "en"
    assert message.body.startswith("Dear Marta,\n\nThank you for your call on 18/11/2026.")


def test_only_a_contact_from_the_home_is_answered(services, school) -> None:  # type: ignore[no-untyped-def]
    ours = services.contacts.add(
        school.soeren, channel=ContactChannel.PHONE, started_by=StartedBy.SCHOOL
    )
    with pytest.raises(ValidationError, match="the school started"):
        services.aula_messages.reply(ours.id)
    with pytest.raises(NotFoundError):
        services.aula_messages.reply(999)


# --- recording a copy -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "topic"),
    [
        (AulaMessageKind.INVITATION, ContactTopic.PRACTICAL),
        (AulaMessageKind.SUMMARY, ContactTopic.ACADEMIC),
        (AulaMessageKind.REMINDER, ContactTopic.ACADEMIC),
    ],
)
def test_a_copied_message_is_stored_and_logged_as_the_schools_contact(  # type: ignore[no-untyped-def]
    services, school, clock, kind, topic
) -> None:
    conversation = school.planned if kind is AulaMessageKind.INVITATION else school.held
    text = services.aula_messages.text(kind, conversation)
    assert services.aula_messages.for_conversation(conversation) == []
    info = services.aula_messages.record_copied(kind, conversation, text.language)

    assert info.kind is kind
    assert info.subject == text.subject
    assert info.copied_at == clock.now
    assert info.language is Language.DA
    assert info.answers_contact_id is None
    assert services.aula_messages.for_conversation(conversation) == [info]
    [logged] = services.contacts.all(school.soeren)
    assert logged.id == info.logged_contact_id
    assert (logged.channel, logged.started_by, logged.topic) == (
        ContactChannel.AULA,
        StartedBy.SCHOOL,
        topic,
    )
    assert logged.summary == text.subject
    assert logged.occurred_at == clock.now
    assert logged.reply_due is None
    with services.db.reading() as s:
        assert s.get(AulaMessage, info.id) is not None


def test_a_wellbeing_conversations_summary_is_logged_as_about_wellbeing(services, school) -> None:  # type: ignore[no-untyped-def]
    services.conversations.update_planning(
        school.held, Planning(starts_at=HELD_AT, kind=ConversationKind.WELLBEING)
    )
    info = services.aula_messages.record_copied(AulaMessageKind.SUMMARY, school.held)
    [logged] = services.contacts.all(school.soeren)
    assert logged.id == info.logged_contact_id
    assert logged.topic is ContactTopic.WELLBEING


def test_a_copied_reply_answers_the_parents_contact(services, school) -> None:  # type: ignore[no-untyped-def]
    contact = parents_message(services, school)  # Wednesday: due Thursday, overdue on Monday
    [row] = [r for r in services.owed.for_class(school.class_id) if r.student_id == school.soeren]
    assert row.replies_overdue == 1
    assert [c.id for c in services.contacts.overdue()] == [contact.id]

    info = services.aula_messages.record_copied(AulaMessageKind.REPLY, contact.id, "en")
    assert info.answers_contact_id == contact.id
    assert info.conversation_id is None
    assert info.language is Language.EN
    assert info.subject == "Reply about Søren"
    logged, answered = services.contacts.all(school.soeren)
    assert answered.id == contact.id and answered.done
    assert logged.id == info.logged_contact_id
    assert (logged.guardian_id, logged.topic, logged.summary) == (
        school.anne,
        ContactTopic.WELLBEING,
        "Reply about Søren",
    )
    assert services.contacts.overdue() == []
    [row] = [r for r in services.owed.for_class(school.class_id) if r.student_id == school.soeren]
    assert row.replies_overdue == 0
    assert services.aula_messages.for_student(school.soeren) == [info]


def test_a_refused_message_records_nothing(services, school) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        services.aula_messages.record_copied(AulaMessageKind.SUMMARY, school.planned)
    assert services.contacts.all(school.soeren) == []
    assert services.aula_messages.for_student(school.soeren) == []
