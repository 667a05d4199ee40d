"""Whether a held conversation went through the focus points (services.focus_review)."""

from __future__ import annotations

import datetime as dt

import pytest

from skolehjem_desktop.domain.enums import FocusArea, PresentationVia, SectionKind
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.focus_review import PresentationOffer, names_focus_points

TODAY = dt.date(2026, 11, 23)  # the test clock's day


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("5. Fokuspunkter i meddelelsesbogen", True),
        ("Vi så på MEDDELELSESBOGEN", True),
        ("We went through the focus\npoints", True),
        ("The message book", True),
        ("Trivsel og venskaber", False),
        ("", False),
    ],
)
def test_the_words_that_name_the_focus_points(text: str, named: bool) -> None:
    assert names_focus_points([text]) is named


@pytest.fixture
def pupil(services) -> int:  # type: ignore[no-untyped-def]
    me = services.school.add_teacher("Mette Kjær", "MK", is_user=True)
    klass = services.classes.create("5.A", 2026, contact_teacher_ids=(me.id,))
    pupil_id = int(services.students.add("Søren", "Ærø", klass.id).id)
    services.students.add_guardian(pupil_id, "Mette Ærø")
    return pupil_id


def _held(services, pupil: int, agenda: str, day: dt.date = TODAY) -> int:  # type: ignore[no-untyped-def]
    when = dt.datetime.combine(day, dt.time(8, 0))
    conversation = services.conversations.plan(pupil, Planning(starts_at=when))
    services.conversations.set_section(conversation.id, SectionKind.AGENDA, agenda)
    services.conversations.mark_held(conversation.id)
    return int(conversation.id)


def test_a_held_conversation_on_the_focus_points_offers_the_presentation(services, pupil) -> None:  # type: ignore[no-untyped-def]
    services.focus.add(pupil, 2026, FocusArea.DANISH, "Læse 20 minutter hver dag")
    conversation = _held(services, pupil, "1. Trivsel\n2. Fokuspunkter i meddelelsesbogen")
    offer = services.focus_review.offer_after_held(conversation)
    assert offer == PresentationOffer(pupil, conversation, TODAY)
    recorded = services.focus_review.record(offer)
    assert (recorded.via, recorded.conversation_id) == (PresentationVia.CONVERSATION, conversation)
    assert services.focus.presentations(pupil, 2026)[0].presented_on == TODAY
    assert services.focus_review.offer_after_held(conversation) is None  # recorded already


def test_the_summary_can_say_it_too(services, pupil) -> None:  # type: ignore[no-untyped-def]
    services.focus.add(pupil, 2026, FocusArea.MATHS, "Tabellerne")
    conversation = _held(services, pupil, "Trivsel")
    assert services.focus_review.offer_after_held(conversation) is None
    services.conversations.set_section(
        conversation, SectionKind.SUMMARY, "Vi gennemgik fokuspunkterne."
    )
    assert services.focus_review.offer_after_held(conversation) is not None


def test_no_offer_without_focus_points_words_or_a_held_status(services, pupil) -> None:  # type: ignore[no-untyped-def]
    no_points = _held(services, pupil, "Fokuspunkter")
    assert services.focus_review.offer_after_held(no_points) is None  # the pupil has none
    services.focus.add(pupil, 2026, FocusArea.DANISH, "Læse")
    assert services.focus_review.offer_after_held(no_points) is not None
    services.conversations.mark_planned(no_points)
    assert services.focus_review.offer_after_held(no_points) is None
    private = _held(services, pupil, "")
    services.conversations.set_section(
        private, SectionKind.PRIVATE_PREPARATION, "Husk fokuspunkterne"
    )
    assert services.focus_review.offer_after_held(private) is None  # what was meant, not done


def test_focus_points_of_another_school_year_do_not_count(services, pupil) -> None:  # type: ignore[no-untyped-def]
    services.focus.add(pupil, 2025, FocusArea.DANISH, "Læse")
    conversation = _held(services, pupil, "Fokuspunkter")
    assert services.focus_review.offer_after_held(conversation) is None
