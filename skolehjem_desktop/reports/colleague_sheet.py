"""The sheet for the colleagues: a subject teacher's input before a pupil's conversation.

One page per pupil (a whole class in one file, or one pupil): the pupil's name and
class, who asks, a short note on what it is for, and boxes to fill in on screen or by
hand: the colleague's name, the subject, how the pupil is doing academically, the
pupil's wellbeing, and suggestions for focus points. The boxes print with borders,
so an empty sheet works on paper too. The sheet's ids are hidden fields
(the services give their names and values); nothing private is on it, and no page
says anything about another pupil.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from skolehjem_desktop.domain.limits import NAME_MAX, SHORT_MAX, TEXT_MAX
from skolehjem_desktop.i18n import Translator, translator
from skolehjem_desktop.reports.data import ColleaguePage, ColleagueSheetData
from skolehjem_desktop.reports.form_fields import CaptionedBox, HiddenFields
from skolehjem_desktop.reports.layout import (
    WIDTH,
    Meta,
    Part,
    RenderedPdf,
    facts_table,
    join_names,
    para,
    render,
    styles,
    title_block,
)

# The answers, as the services name them (``ColleaguePage.fields``).
COLLEAGUE = "colleague"
SUBJECT = "subject"
ACADEMIC = "academic"
WELLBEING = "wellbeing"
FOCUS = "focus_suggestions"
ANSWERS = (COLLEAGUE, SUBJECT, ACADEMIC, WELLBEING, FOCUS)

SMALL_BOX = 8 * mm
TEXT_BOX = 42 * mm
FOCUS_BOX = 34 * mm


def _title(tr: Translator) -> str:
    return tr.gettext("Input before the school–home conversation")


def page_part(data: ColleagueSheetData, page: ColleaguePage) -> Part:
    """One pupil's page, a document of its own (its own header and numbering)."""
    tr = translator(data.lang)
    _ = tr.gettext
    st = styles()
    name = page.student_name
    who = join_names(list(data.asked_by), tr)
    when = (
        _("Planned for {date}").format(date=tr.short_date(page.conversation_at.date()))
        if page.conversation_at is not None
        else _("Not planned yet")
    )
    subtitle = f"{name} · {page.class_name}" if page.class_name else name
    story: list[Flowable] = [
        HiddenFields(dict(page.hidden)),
        *title_block(_title(tr), subtitle),
        facts_table(
            [
                (_("Pupil"), name),
                (_("Class"), page.class_name or "–"),
                (_("Asked by"), who or "–"),
                (_("The conversation"), when),
            ]
        ),
        para(_intro(data, tr).format(teacher=who, name=name)),
        para(
            _(
                "Fill in the boxes on screen and send the file back, or write by hand and "
                "hand in the sheet. What you write is for the school's preparation: it is "
                "not handed on to the parents as it stands."
            ),
            st.muted,
        ),
        Spacer(1, 2 * mm),
        _name_and_subject(data, page, tr),
        Spacer(1, 3 * mm),
        CaptionedBox(
            page.field(ACADEMIC),
            _("Academic"),
            TEXT_BOX,
            hint=_("How is the pupil doing in your subject?"),
            multiline=True,
            maxlen=TEXT_MAX,
        ),
        Spacer(1, 3 * mm),
        CaptionedBox(
            page.field(WELLBEING),
            _("Wellbeing"),
            TEXT_BOX,
            hint=_("How does the pupil thrive in your lessons?"),
            multiline=True,
            maxlen=TEXT_MAX,
        ),
        Spacer(1, 3 * mm),
        CaptionedBox(
            page.field(FOCUS),
            _("Suggested focus points"),
            FOCUS_BOX,
            hint=_("One per line"),
            multiline=True,
            maxlen=TEXT_MAX,
        ),
    ]
    return Part(
        tr=tr,
        letterhead=data.letterhead,
        running_title=f"{_title(tr)} · {subtitle}",
        flowables=story,
    )


def _intro(data: ColleagueSheetData, tr: Translator) -> str:
    _ = tr.gettext
    if not data.asked_by:
        return _(
            "The contact teacher is preparing the school–home conversation with the parents "
            "of {name}. Please write a few words about how {name} is doing in your subject: "
            "a few lines are plenty."
        )
    if data.contact_teacher:
        return tr.ngettext(
            "The contact teacher, {teacher}, is preparing the school–home conversation with "
            "the parents of {name}. Please write a few words about how {name} is doing in "
            "your subject: a few lines are plenty.",
            "The contact teachers, {teacher}, are preparing the school–home conversation "
            "with the parents of {name}. Please write a few words about how {name} is doing "
            "in your subject: a few lines are plenty.",
            len(data.asked_by),
        )
    return _(
        "{teacher} is preparing the school–home conversation with the parents of {name}. "
        "Please write a few words about how {name} is doing in your subject: a few lines "
        "are plenty."
    )


def _name_and_subject(data: ColleagueSheetData, page: ColleaguePage, tr: Translator) -> Table:
    """The colleague's name and the subject, side by side."""
    _ = tr.gettext
    gap = 6 * mm
    left = (WIDTH - gap) * 0.55
    right = WIDTH - gap - left
    table = Table(
        [
            [
                CaptionedBox(page.field(COLLEAGUE), _("Your name"), SMALL_BOX, maxlen=NAME_MAX),
                "",
                CaptionedBox(
                    page.field(SUBJECT),
                    _("Subject"),
                    SMALL_BOX,
                    value=data.subject,
                    maxlen=SHORT_MAX,
                ),
            ]
        ],
        colWidths=[left, gap, right],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def meta(data: ColleagueSheetData) -> Meta:
    tr = translator(data.lang)
    return Meta(
        title=f"{_title(tr)} – {data.title_name}",
        author=data.letterhead.teacher,
        subject=tr.gettext("Input from colleagues"),
        lang=data.lang,
    )


def render_colleague_sheet(data: ColleagueSheetData) -> RenderedPdf:
    """The sheet: a page per pupil, in the order given."""
    if not data.pages:
        raise ValueError("A sheet needs at least one pupil.")
    parts = [page_part(data, page) for page in data.pages]
    return render(parts, meta(data))
