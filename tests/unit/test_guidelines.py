"""The guide for the parents: written from the principles in force, per preset and language,
with a class's teachers when a class is given, appended to invitations when the setting
says so, and written safely (nothing left behind when it cannot be)."""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path

import pytest
from pypdf import PdfReader

from skolehjem_desktop.domain.principles import MonthDay
from skolehjem_desktop.i18n import translator
from skolehjem_desktop.reports.guide_words import day_text, weekdays_text, working_hours_text
from skolehjem_desktop.services import pdfs
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.guide_data import guide_data
from tests.pdf_text import pdf_text


def words(path: Path) -> str:
    """The PDF's text with its line breaks as spaces: sentences read whole."""
    return " ".join(pdf_text(path).split())


@pytest.fixture
def school(services):  # type: ignore[no-untyped-def]
    services.school.set_school_name("Skovbakkeskolen")
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    bo = services.school.add_teacher("Bo Ærbø", "BÆ")
    klass = services.classes.create("8.B", contact_teacher_ids=(me.id, bo.id))
    return services, klass.id


def write(services, tmp_path: Path, name: str, class_id=None, lang="da") -> str:  # type: ignore[no-untyped-def]
    written = services.pdfs.write_guide(tmp_path / name, class_id, lang)
    assert written.lang == lang
    assert 1 <= written.pages <= 2
    return words(written.path)


def test_den_lille_skole_in_danish(school, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services, _class_id = school
    services.principles.use("den-lille-skole")
    text = write(services, tmp_path, "lille.pdf")
    assert "Sådan samarbejder vi om dit barn" in text
    assert "Skovbakkeskolen" in text
    assert "du får svar inden for 3 arbejdsdage" in text
    assert "Inden for 3 arbejdsdage" in text
    assert "Telefon og sms Efter aftale" in text
    assert "Telefonsamtaler og sms med personalet sker efter aftale." in text
    assert "mandag til fredag kl. 8.00–16.00" in text
    assert "Den korte snak ved døren" in text
    assert "ikke på andres vegne" in text
    assert "senest den 1. oktober" in text
    assert "Meddelelsesbogen har afløst elevplanen" in text
    assert "mindst én gang om året" in text
    assert "klasseforældreråd" not in text.lower()
    assert "næste arbejdsdag." not in text.replace("den næste arbejdsdag.", "")


def test_skoledistrikt_vest_in_danish(school, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services, _class_id = school
    services.principles.use("skoledistrikt-vest")
    text = write(services, tmp_path, "vest.pdf")
    assert "Du får svar senest næste arbejdsdag." in text
    assert "Senest næste arbejdsdag" in text
    assert "efter aftale" not in text.lower()
    assert "ring gerne til skolen" not in text  # the policy says Aula first, nothing of phones
    assert "Klasseforældrerådet." in text
    assert "vælger forældrene klassens klasseforældreråd" in text
    assert "Rådet kan vælge en kontaktforælder." in text
    assert "Klassens lærere er med" in text


def test_both_presets_in_english(school, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services, _class_id = school
    services.principles.use("den-lille-skole")
    text = write(services, tmp_path, "small.pdf", lang="en")
    assert "How we work together on your child" in text
    assert "you will get a reply within 3 working days" in text
    assert "Phone calls and text messages with the staff are by appointment." in text
    assert "Monday to Friday, 8:00–16:00" in text
    assert "by 1 October" in text
    assert "class parent council" not in text
    services.principles.use("skoledistrikt-vest")
    text = write(services, tmp_path, "west.pdf", lang="en")
    assert "You will get a reply by the next working day at the latest." in text
    assert "by appointment" not in text.lower()
    assert "the parents elect the class parent council" in text
    assert "The council may choose a contact parent." in text


def test_a_changed_rule_changes_the_sentence(school, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services, _class_id = school
    services.principles.use("skoledistrikt-vest")
    services.principles.set("contact_parent_required", "yes")
    services.principles.set("ordinary_conversations_per_year", "2")
    services.principles.set("appointment_channels", "phone")
    services.principles.set("working_weekdays", "mon-thu")
    services.principles.set("working_hours_end", "15:30")
    text = write(services, tmp_path, "changed.pdf")
    assert "Rådet vælger en kontaktforælder." in text
    assert "2 gange om året inviterer vi dig" in text
    assert "2 skole/hjemsamtaler om året" in text
    assert "Telefonsamtaler med personalet sker efter aftale." in text
    assert "mandag til torsdag kl. 8.00–15.30" in text


def test_with_a_class_its_teachers_sign_it(school, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services, class_id = school
    services.principles.use("skoledistrikt-vest")
    text = write(services, tmp_path, "8b.pdf", class_id=class_id)
    assert "En vejledning til forældrene i 8.B" in text
    assert "Kontaktlærere Bo Ærbø og Mette Kjær" in text
    assert "Mette Kjær og Bo Ærbø Kontaktlærere, 8.B" in text
    assert "I 7.–9. klasse står der også" in text
    data = guide_data(services, class_id, "en")
    assert data.grade == 8 and data.class_name == "8.B"


def test_the_values_in_words() -> None:
    da, en = translator("da"), translator("en")
    assert weekdays_text(frozenset({0, 1, 2, 3, 4}), da) == "mandag til fredag"
    assert weekdays_text(frozenset({0, 2, 4}), da) == "mandag, onsdag og fredag"
    assert weekdays_text(frozenset({0, 1, 2, 4}), en) == "Monday to Wednesday and Friday"
    assert day_text(MonthDay(10, 1), da) == "1. oktober"
    assert day_text(MonthDay(6, 30), en) == "30 June"
    services_free = guide_like(dt.time(8, 0), dt.time(16, 0))
    assert working_hours_text(services_free, da) == "mandag til fredag kl. 8.00–16.00"


def guide_like(start: dt.time, end: dt.time):  # type: ignore[no-untyped-def]
    from skolehjem_desktop.reports.data import GuideData, Letterhead

    return GuideData(
        lang="da",
        letterhead=Letterhead("", None, "", dt.date(2026, 11, 23)),
        class_name=None,
        grade=None,
        contact_teachers=(),
        other_teachers=(),
        conversations_per_year=1,
        conversation_by=MonthDay(6, 30),
        start_meeting_by=MonthDay(10, 1),
        teachers_at_start_meeting=True,
        parent_council=False,
        contact_parent=False,
        presentations_per_year=1,
        reply_working_days=1,
        hours_start=start,
        hours_end=end,
        working_weekdays=frozenset(range(5)),
        appointment_channels=frozenset(),
    )


def _invitation(services, class_id: int) -> int:  # type: ignore[no-untyped-def]
    pupil = services.students.add("Søren", "Ærø", class_id)
    services.students.add_guardian(pupil.id, "Mor Ærø")
    when = dt.datetime.combine(services.today() + dt.timedelta(days=10), dt.time(15))
    return services.conversations.plan(pupil.id, Planning(starts_at=when)).id


def test_the_setting_appends_the_guide_to_an_invitation(school, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services, class_id = school
    services.principles.use("den-lille-skole")
    conversation = _invitation(services, class_id)
    alone = services.pdfs.write_invitation(conversation, tmp_path / "alone.pdf")
    assert services.school.guide_with_invitations() is False
    services.school.set_guide_with_invitations(True)
    assert services.school.guide_with_invitations() is True
    both = services.pdfs.write_invitation(conversation, tmp_path / "both.pdf")
    assert both.pages > alone.pages
    reader = PdfReader(str(both.path))
    invitation_pages = " ".join((p.extract_text() or "") for p in reader.pages[: alone.pages])
    guide_pages = " ".join(
        " ".join((p.extract_text() or "").split()) for p in reader.pages[alone.pages :]
    )
    assert "Invitation til skole/hjemsamtale" in invitation_pages
    assert "Sådan samarbejder vi om dit barn" in guide_pages
    assert "En vejledning til forældrene i 8.B" in guide_pages
    assert "inden for 3 arbejdsdage" in guide_pages
    assert "Side 1 af" in guide_pages  # the guide is numbered on its own
    services.school.set_guide_with_invitations(False)
    again = services.pdfs.write_invitation(conversation, tmp_path / "again.pdf")
    assert again.pages == alone.pages


def test_a_bad_path_or_a_full_disk_leaves_nothing(school, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    services, _class_id = school
    with pytest.raises(pdfs.PdfWriteError, match="does not exist"):
        services.pdfs.write_guide(tmp_path / "missing" / "guide.pdf")
    with pytest.raises(pdfs.PdfWriteError, match="is a folder"):
        services.pdfs.write_guide(tmp_path)

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(pdfs.os, "fsync", full)
    with pytest.raises(pdfs.PdfWriteError, match="No space left on device"):
        services.pdfs.write_guide(out / "guide.pdf")
    assert list(out.iterdir()) == []


def test_an_evenings_invitations_each_get_the_guide(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.services.evening_plans import TeacherSetup
    from tests.unit.test_evening_plans import evening_setup
    from tests.unit.test_evening_plans import school as evening_school

    ids = evening_school(services, pupils=2)
    services.principles.use("den-lille-skole")
    services.school.set_guide_with_invitations(True)
    state = services.evening_plans.open(ids["5.A"])
    services.evening_plans.save_setup(state.id, evening_setup((TeacherSetup("MK"),)))
    services.evening_plans.compute(state.id)
    services.evening_plans.accept(state.id)
    batch = services.pdfs.write_plan_invitations(state.id, tmp_path / "inv")
    assert len(batch.written) == batch.total >= 2
    for item in batch.written:
        text = words(item.path)
        assert text.index("Invitation til skole/hjemsamtale") < text.index(
            "Sådan samarbejder vi om dit barn"
        )
        assert "du får svar inden for 3 arbejdsdage" in text
