"""The guide for the parents: "How we work together on your child", from the school's principles.

Written from the rules in force (:class:`~skolehjem_desktop.reports.data.GuideData`), so a
sentence follows a value: the reply comes by the next working day or within three, phone
and text messages are by appointment only where the school says so, and the class parent
council has its paragraph only where each class must elect one. The parts: a box with
the facts at a glance, how to reach the school, what the short talk at the door is for,
what contact is about, the meetings and conversations of the year, and the message book.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from skolehjem_desktop.i18n import Translator, translator
from skolehjem_desktop.reports.data import GuideData
from skolehjem_desktop.reports.fonts import FONT
from skolehjem_desktop.reports.guide_words import (
    channels_text,
    day_text,
    reply_text,
    upper_first,
    working_hours_text,
)
from skolehjem_desktop.reports.layout import (
    ACCENT,
    SHADE,
    WIDTH,
    Meta,
    Part,
    RenderedPdf,
    b,
    closing,
    esc,
    heading,
    join_names,
    para,
    render,
    rich,
    signed_by,
    styles,
    title_block,
)

GLANCE_LABEL_WIDTH = 40 * mm
FIRST_FURTHER_EDUCATION_GRADE = 7  # the message book holds the pupil's thoughts from grade 7


def title(tr: Translator) -> str:
    _ = tr.gettext
    return _("How we work together on your child")


# --- the parts --------------------------------------------------------------------------


def _glance(data: GuideData, tr: Translator) -> Table:
    """The facts a parent looks up: the class and its teachers, where to write, when."""
    _ = tr.gettext
    st = styles()
    rows: list[tuple[str, str]] = []
    if data.class_name:
        rows.append((_("Class"), data.class_name))
        if data.contact_teachers:
            many = len(data.contact_teachers) > 1
            rows.append(
                (
                    _("Contact teachers") if many else _("Contact teacher"),
                    join_names(data.contact_teachers, tr),
                )
            )
        if data.other_teachers:
            rows.append((_("Other teachers"), join_names(data.other_teachers, tr)))
    rows.append((_("Write to us"), _("On Aula, to your child's contact teacher")))
    rows.append((_("Reply"), reply_text(data, tr)))
    rows.append((_("Working hours"), upper_first(working_hours_text(data, tr))))
    if data.appointment_channels:
        rows.append((channels_text(data.appointment_channels, tr), _("By appointment")))
    n = data.conversations_per_year
    if n:
        rows.append(
            (
                _("Conversations"),
                tr.ngettext(
                    "One school–home conversation a year",
                    "{n} school–home conversations a year",
                    n,
                ).format(n=n),
            )
        )
    table = Table(
        [[para(label, st.label), para(value, st.cell_bold)] for label, value in rows],
        colWidths=[GLANCE_LABEL_WIDTH, WIDTH - GLANCE_LABEL_WIDTH],
        hAlign="LEFT",
        spaceAfter=4,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9.2),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    return table


def _reach(data: GuideData, tr: Translator) -> list[Flowable]:
    """How to reach the school: Aula, when we answer, phone and text by appointment."""
    _ = tr.gettext
    n = data.reply_working_days
    if n <= 1:
        reply = _("You will get a reply by the next working day at the latest.")
    else:
        reply = tr.ngettext(
            "Each of us plans our own time, so we do not always reply from one day to the "
            "next, but you will get a reply within {n} working day.",
            "Each of us plans our own time, so we do not always reply from one day to the "
            "next, but you will get a reply within {n} working days.",
            n,
        ).format(n=n)
    story: list[Flowable] = [
        *heading(_("How to reach us")),
        para(
            _(
                "Aula is our main way of keeping in touch. Write a message on Aula to your "
                "child's contact teacher, or to the teacher it is about. Aula is good for "
                "short messages and for making appointments. If there is a lot to talk "
                "over, ask for a phone call or a meeting instead."
            )
        ),
        para(
            " ".join(
                [
                    _("We read and answer messages within our working hours: {when}.").format(
                        when=working_hours_text(data, tr)
                    ),
                    reply,
                    _("A message you send outside working hours is read on the next working day."),
                ]
            )
        ),
    ]
    channels = data.appointment_channels
    if channels:
        if channels >= {"phone", "sms"}:
            first = _("Phone calls and text messages with the staff are by appointment.")
        elif "phone" in channels:
            first = _("Phone calls with the staff are by appointment.")
        else:
            first = _("Text messages with the staff are by appointment.")
        sentences = [
            first,
            _("Write on Aula first, and we will find a time that suits us both."),
        ]
        if "phone" in channels:
            sentences.append(
                _(
                    "A phone call is often a good alternative to a meeting: it is easier to "
                    "talk something through than to write about it."
                )
            )
        story.append(para(" ".join(sentences)))
    return story


def _door(tr: Translator) -> list[Flowable]:
    """The short ad hoc talk: for practical things, not for the child's development."""
    _ = tr.gettext
    return [
        *heading(_("The short talk at the door")),
        para(
            _(
                "When we meet at the door, in the car park or when you drop your child off, "
                "there is time for a short message and for wishing each other a good day – "
                "for example that your child is going home with a friend today. It is not the "
                "place to talk about how your child is doing or developing: others can hear "
                "us, and we cannot give it the time it deserves. Write on Aula instead, and "
                "we will find a time for a proper talk."
            )
        ),
    ]


def _about(tr: Translator) -> list[Flowable]:
    """What contact is about: your own child's wellbeing and learning, not other children."""
    _ = tr.gettext
    return [
        *heading(_("What you can contact us about")),
        para(
            _(
                "Contact us about your own child: how your child is thriving, and how the "
                "learning is going. Speak for yourself and your own child, not on behalf of "
                "others."
            )
        ),
        para(
            _(
                "If the children fall out outside school, please talk directly with the other "
                "children's parents; at school we take care of what happens during the school "
                "day. Your ideas are very welcome, but the staff decide how the school day, "
                "the teaching and, for example, groups are organised."
            )
        ),
        para(
            _(
                "We all want the best for the children. Let us keep a friendly and respectful "
                "tone, also when we see things differently: tell us what you know and have "
                "seen yourself, and let us listen to each other."
            )
        ),
    ]


def _lead(label: str, text: str) -> Flowable:
    """A paragraph that starts with a bold lead-in: "Forældremøde. Hver klasse …"."""
    return rich(f"{b(label)} {esc(text)}")


def _start_meeting(data: GuideData, tr: Translator) -> list[Flowable]:
    """The start-of-year parent meeting, and the class parent council where one is elected."""
    _ = tr.gettext
    sentences = [
        _("Every class holds a parent meeting at the start of the school year, by {date}.").format(
            date=day_text(data.start_meeting_by, tr)
        ),
        _(
            "The class's teachers take part and tell you about the subjects and the year "
            "ahead, and together we talk about what we can expect of each other."
        )
        if data.teachers_at_start_meeting
        else _(
            "We tell you about the year ahead, and together we talk about what we can "
            "expect of each other."
        ),
    ]
    sentences.append(
        _("Please give the parent meetings priority. If you cannot come, let us know on Aula.")
    )
    story = [_lead(_("Parent meeting at the start of the year."), " ".join(sentences))]
    if data.parent_council:
        council = [
            _(
                "At the meeting, the parents elect the class parent council. The council "
                "helps plan the class's events and is the class's link to the school board."
            ),
            _("The council chooses a contact parent.")
            if data.contact_parent
            else _("The council may choose a contact parent."),
        ]
        story.append(_lead(_("The class parent council."), " ".join(council)))
    return story


def _year(data: GuideData, tr: Translator) -> list[Flowable]:
    """The start-of-year meeting, the ordinary conversation, what to bring, more when needed."""
    _ = tr.gettext
    story: list[Flowable] = [
        *heading(_("The meetings and conversations of the year")),
        *_start_meeting(data, tr),
    ]
    n = data.conversations_per_year
    if n:
        ordinary = tr.ngettext(
            "Once a year we invite you to a school–home conversation about your child, by {date}.",
            "{n} times a year we invite you to a school–home conversation about your child, "
            "the last one by {date}.",
            n,
        ).format(n=n, date=day_text(data.conversation_by, tr))
        story.append(
            _lead(
                _("The school–home conversation."),
                " ".join(
                    [
                        ordinary,
                        _(
                            "We talk about how your child is doing, academically and socially, "
                            "what your child is good at, and where your child can grow. The "
                            "contact teacher always takes part and decides whether your child "
                            "joins in. If you would like another of your child's teachers to "
                            "be there, just say so."
                        ),
                    ]
                ),
            )
        )
        story.append(
            _lead(
                _("What to bring."),
                _(
                    "Before the conversation you get an invitation with a preparation sheet. "
                    "Talk with your child about how school is going, jot down a few words on "
                    "the sheet, and bring it along."
                ),
            )
        )
    story.append(
        _lead(
            _("When there is a need."),
            _(
                "Both you and we can ask for a conversation whenever there is a need. Write to "
                "the contact teacher on Aula."
            ),
        )
    )
    return story


def _message_book(data: GuideData, tr: Translator) -> list[Flowable]:
    """What the message book holds and how often it is gone through with the parents."""
    _ = tr.gettext
    n = data.presentations_per_year
    sentences = [
        _(
            "The message book has replaced the pupil plan. It holds a few focus points for "
            "your child in Danish, maths and all-round development, such as wellbeing, "
            "cooperation and independence."
        ),
        tr.ngettext(
            "We go through them with you at least once a year, usually at the school–home "
            "conversation.",
            "We go through them with you at least {n} times a year, usually at the "
            "school–home conversations.",
            n,
        ).format(n=n)
        if n
        else _("Ask us whenever you would like to go through them."),
    ]
    if data.grade is None or data.grade >= FIRST_FURTHER_EDUCATION_GRADE:
        sentences.append(
            _("In grades 7 to 9 it also says what your child is thinking about further education.")
        )
    sentences.append(
        _(
            "If your child needs extra support, it also says what we are doing about it and "
            "how we follow up."
        )
    )
    return [*heading(_("The message book")), para(" ".join(sentences))]


def guide_part(data: GuideData) -> Part:
    tr = translator(data.lang)
    _ = tr.gettext
    st = styles()
    school = data.letterhead.school_name.strip()
    subtitle = (
        _("A guide for the parents of {class_name}").format(class_name=data.class_name)
        if data.class_name
        else _("A guide for the parents")
    )
    intro = (
        _(
            "A good cooperation between school and home helps your child thrive and learn. "
            "Here you can read how we at {school} work together with you: how to reach us, "
            "what you can expect from us, and which meetings and conversations there are "
            "during the year."
        ).format(school=school)
        if school
        else _(
            "A good cooperation between school and home helps your child thrive and learn. "
            "Here you can read how we work together with you: how to reach us, what you can "
            "expect from us, and which meetings and conversations there are during the year."
        )
    )
    story: list[Flowable] = [
        *title_block(title(tr), subtitle),
        para(intro, st.body),
        Spacer(1, 2),
        _glance(data, tr),
        *_reach(data, tr),
        *_door(tr),
        *_about(tr),
        *_year(data, tr),
        *_message_book(data, tr),
        Spacer(1, 6),
        closing(
            _(
                "Do you have questions about how we work together? Write to your child's "
                "contact teacher on Aula."
            ),
            _("Kind regards"),
            *signed_by(data.signature, school or data.letterhead.teacher, tr),
        ),
    ]
    running = f"{title(tr)} · {data.class_name}" if data.class_name else title(tr)
    return Part(tr=tr, letterhead=data.letterhead, running_title=running, flowables=story)


def meta(data: GuideData) -> Meta:
    tr = translator(data.lang)
    _ = tr.gettext
    return Meta(
        title=title(tr),
        author=data.letterhead.teacher or data.letterhead.school_name,
        subject=_("The school–home cooperation, for the parents"),
        lang=data.lang,
    )


def render_guide(data: GuideData) -> RenderedPdf:
    return render([guide_part(data)], meta(data))
