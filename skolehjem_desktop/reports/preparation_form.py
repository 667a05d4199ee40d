"""The parents' preparation sheet: a PDF form to fill in on a screen, or to print and write on.

It asks how things are going, what the parents would like to talk about, their questions
for the school and the school's own preparation questions (one box each), whether the
pupil takes part, which teachers they would like to join, the times of the week that
suit them and whether they live apart or want one conversation with siblings. The
answers' field names are below; :mod:`skolehjem_desktop.services.sheets.parents` reads
them back. The sheet names the pupil only as printed text: the ids are hidden fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from skolehjem_desktop.i18n import Translator
from skolehjem_desktop.reports.data import InvitationData
from skolehjem_desktop.reports.fonts import FONT
from skolehjem_desktop.reports.form_fields import (
    BOX,
    LABEL_SIZE,
    HiddenFields,
    TextBox,
    Ticks,
    draw_tick,
)
from skolehjem_desktop.reports.layout import INK, MUTED, RULE, para, styles, title_block

# The answers' names (a field is ``<name>__n``, see services.sheets.field_name).
HOW: Final = "how_things_are"
TALK: Final = "talk_about"
QUESTIONS: Final = "questions_for_school"
QUESTION: Final = "question_{k}"  # the answer to the school's k-th own question
QUESTION_TEXT: Final = "question_text_{k}"  # hidden: that question as it was printed
ATTENDS_YES: Final = "pupil_attends_yes"
ATTENDS_NO: Final = "pupil_attends_no"
TEACHERS: Final = "teachers"
TIME: Final = "time_{day}_{period}"  # a check box: weekday 0-4 (Monday-Friday), period 0-2
TIMES_NOTE: Final = "times_note"
SEPARATE: Final = "separate"
WITH_SIBLINGS: Final = "with_siblings"

WEEKDAYS: Final = range(5)  # Monday to Friday
# The parts of the day a family can tick: before noon, the afternoon, the early evening.
PERIODS: Final = ((dt.time(8), dt.time(12)), (dt.time(12), dt.time(16)), (dt.time(16), dt.time(19)))

BIG: Final = 30 * mm
MEDIUM: Final = 24 * mm
SMALL: Final = 13 * mm
_A_MONDAY: Final = dt.date(2024, 1, 1)


def time_field(day: int, period: int) -> str:
    return TIME.format(day=day, period=period)


def weekday_name(day: int, tr: Translator) -> str:
    name = tr.format_date(_A_MONDAY + dt.timedelta(days=day), "EEEE")
    return name[:1].upper() + name[1:]


def period_text(period: int, tr: Translator) -> str:
    start, end = PERIODS[period]
    return f"{tr.clock(start)}–{tr.clock(end)}"


class TimeGrid(Flowable):  # type: ignore[misc]
    """Monday to Friday against the parts of the day, a check box in each cell."""

    ROW = 7.5 * mm
    FIRST = 32 * mm

    def __init__(self, n: int, tr: Translator) -> None:
        super().__init__()
        self.n = n
        self.tr = tr

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.ROW * (len(WEEKDAYS) + 1)

    def draw(self) -> None:
        c = self.canv
        column = (self.width - self.FIRST) / len(PERIODS)
        top = self.ROW * (len(WEEKDAYS) + 1)
        c.saveState()
        c.setFont(FONT, LABEL_SIZE)
        c.setFillColor(MUTED)
        for period in range(len(PERIODS)):
            x = self.FIRST + period * column
            c.drawString(x, top - self.ROW + 2 * mm, period_text(period, self.tr))
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        for day in WEEKDAYS:
            y = top - self.ROW * (day + 2)
            c.line(0, y, self.width, y)
            c.setFillColor(INK)
            c.drawString(0, y + 2 * mm, weekday_name(day, self.tr))
        c.restoreState()
        for day in WEEKDAYS:
            y = top - self.ROW * (day + 2) + (self.ROW - BOX) / 2
            for period in range(len(PERIODS)):
                x = self.FIRST + period * column
                label = f"{weekday_name(day, self.tr)} {period_text(period, self.tr)}"
                name = f"{time_field(day, period)}__{self.n}"
                draw_tick(c, name, x, y, tooltip=label)


def _box(label: str, name: str, height: float) -> Flowable:
    return KeepTogether(
        [para(label, styles().subheading), Spacer(1, 1 * mm), TextBox(name, height, label)]
    )


def preparation_sheet(data: InvitationData, tr: Translator) -> list[Flowable]:
    """The sheet's story: the questions with boxes, the conversation, the times."""
    _ = tr.gettext
    st = styles()
    c = data.conversation
    n = data.form.n if data.form is not None else 1

    def f(name: str) -> str:
        return f"{name}__{n}"

    story: list[Flowable] = [
        *title_block(
            _("Preparation sheet"),
            _("For the conversation about {name} on {date}").format(
                name=c.student_name, date=tr.format_date(c.starts_at.date(), "full")
            ),
        ),
        para(
            _(
                "Fill in the sheet on a computer or tablet and send it back to us on Aula, "
                "or print it, write by hand and bring it to the conversation."
            ),
            st.muted,
        ),
    ]
    hidden = list(data.form.hidden) if data.form is not None else []
    questions = list(data.questions)
    for k, question in enumerate(questions, start=1):
        hidden.append((f(QUESTION_TEXT.format(k=k)), question))
    story.append(HiddenFields(hidden))
    story += [
        _box(_("How are things going at home and at school?"), f(HOW), BIG),
        _box(_("What we would like to talk about"), f(TALK), BIG),
        _box(_("Questions for the school"), f(QUESTIONS), MEDIUM),
    ]
    for k, question in enumerate(questions, start=1):
        story.append(_box(f"{k}. {question}", f(QUESTION.format(k=k)), MEDIUM))
    story += [
        KeepTogether(
            [
                para(_("The conversation"), st.subheading),
                Ticks(
                    [(f(ATTENDS_YES), _("Yes")), (f(ATTENDS_NO), _("No"))],
                    caption=_("{name} takes part in the conversation:").format(
                        name=c.student_first_name
                    ),
                ),
                Spacer(1, 3 * mm),
                para(_("Teachers you would like to join the conversation"), st.body),
                TextBox(f(TEACHERS), SMALL, _("Teachers you would like to join the conversation")),
            ]
        ),
        KeepTogether(
            [
                para(_("Times that suit us"), st.subheading),
                para(_("Tick every time of the week that suits you."), st.muted),
                TimeGrid(n, tr),
                Spacer(1, 3 * mm),
                para(_("A note on the times"), st.body),
                TextBox(f(TIMES_NOTE), SMALL, _("A note on the times")),
                Spacer(1, 3 * mm),
                Ticks([(f(SEPARATE), _("We live apart and would each like a conversation"))]),
                Spacer(1, 2 * mm),
                Ticks(
                    [(f(WITH_SIBLINGS), _("We would like one conversation together with siblings"))]
                ),
            ]
        ),
    ]
    return story
