"""The access request (indsigt): everything stored about one pupil, as a PDF.

Built from the plain data of :func:`skolehjem_desktop.services.privacy.access_request_data`
(the same content as the JSON file beside it). It is the one document that prints the
teacher's own notes and the sections that are not shared: each of them is marked
plainly as such. For the access request only; never a document for the parents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from skolehjem_desktop.domain.enums import (
    ContactChannel,
    ContactTopic,
    ConversationKind,
    ConversationStatus,
    FocusArea,
    FocusStatus,
    Language,
    PresentationVia,
    Relation,
    RequestedBy,
    Responsible,
    SectionKind,
    StartedBy,
)
from skolehjem_desktop.i18n import Translator, translator
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.reports import access_request_sheets as sheets
from skolehjem_desktop.reports.data import Letterhead, school_year_label
from skolehjem_desktop.reports.fonts import FONT
from skolehjem_desktop.reports.layout import (
    WARN,
    WIDTH,
    Meta,
    Part,
    RenderedPdf,
    facts_table,
    heading,
    para,
    render,
    styles,
    text_blocks,
    title_block,
)


@dataclass(frozen=True)
class AccessRequestData:
    """The letterhead, the document's language and the access request's plain data."""

    letterhead: Letterhead
    lang: str
    document: Mapping[str, Any]


def title(tr: Translator, name: str) -> str:
    _ = tr.gettext
    return _("Access to the data about {name}").format(name=name)


def _name(pupil: Mapping[str, Any]) -> str:
    return f"{pupil['first_name']} {pupil['last_name']}".strip()


def _date(tr: Translator, value: str | None) -> str:
    if not value:
        return "–"
    if "T" in value:
        moment = dt.datetime.fromisoformat(value)
        return f"{tr.format_date(moment.date())} {moment:%H:%M}"
    return tr.format_date(dt.date.fromisoformat(value))


def _label(kind: type[StrEnum], value: str | None, tr: Translator) -> str:
    if value is None:
        return "–"
    try:
        return label(kind(value), tr)
    except ValueError:
        return value


def _yes(tr: Translator, value: bool) -> str:
    _ = tr.gettext
    return _("Yes") if value else _("No")


def _private_block(text: str, note: str) -> Table:
    """A section the parents do not see: framed in red with its note above the text."""
    st = styles()
    rows: list[list[Any]] = [[para(note, st.note)], [text_blocks(text or "–", st.cell)]]
    table = Table(rows, colWidths=[WIDTH], hAlign="LEFT", splitByRow=1, spaceAfter=6)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9.2),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, WARN),
                ("BOX", (0, 0), (-1, -1), 0.6, WARN),
                ("TEXTCOLOR", (0, 0), (-1, 0), WARN),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _conversation(c: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    st = styles()
    out: list[Flowable] = [
        *heading(
            f"{_label(ConversationKind, c['kind'], tr)} · {_date(tr, c['starts_at'])}",
            room=40 * mm,
        ),
        facts_table(
            [
                (_("Status"), _label(ConversationStatus, c["status"], tr)),
                (_("Requested by"), _label(RequestedBy, c["requested_by"], tr)),
                (_("Duration"), _("{n} minutes").format(n=c["duration_minutes"])),
                (_("Place"), c["place"] or "–"),
                (_("Pupil takes part"), _yes(tr, c["pupil_attends"])),
                (_("Note"), c["pupil_attends_note"] or "–"),
                (_("Teachers"), ", ".join(c["participants"]["teachers"]) or "–"),
                (_("Parents"), ", ".join(c["participants"]["guardians"]) or "–"),
                (_("Parents' wishes"), c["parents_wishes"] or "–"),
                (_("Next conversation"), c["next_conversation"] or "–"),
            ],
            space_after=6,
        ),
    ]
    for section in c["sections"]:
        out.append(para(_label(SectionKind, section["kind"], tr), st.subheading))
        if section["shared"]:
            out.extend(text_blocks(section["text"] or "–"))
        else:
            out.append(
                _private_block(
                    section["text"],
                    _("The teacher's own notes – not shared with the parents"),
                )
            )
    if c["agreements"]:
        out.append(para(_("Agreements"), st.subheading))
        for a in c["agreements"]:
            out.append(
                facts_table(
                    [
                        (_("Agreement"), a["text"]),
                        (_("Responsible"), _label(Responsible, a["responsible"], tr)),
                        (_("Due"), _date(tr, a["due"])),
                        (_("Done"), _yes(tr, a["done"])),
                    ],
                    space_after=4,
                )
            )
    return out


def _listed(
    tr: Translator,
    title: str,
    items: Sequence[Mapping[str, Any]],
    entry: Callable[[Mapping[str, Any], Translator], list[Flowable]],
) -> list[Flowable]:
    """A section of the document: its heading, then each item (or that none is recorded)."""
    _ = tr.gettext
    out: list[Flowable] = [*heading(title)]
    if not items:
        out.append(para(_("None recorded."), styles().muted))
    for item in items:
        out.extend(entry(item, tr))
    return out


def _intro(tr: Translator, name: str) -> list[Flowable]:
    _ = tr.gettext
    return [
        *title_block(title(tr, name), _("Access request: everything stored in Skolehjem")),
        para(
            _(
                "This document holds everything Skolehjem stores about the pupil, including "
                "the teacher's own notes, which are never shared with the parents. They are "
                "marked as such. The same data is in the JSON file beside this document."
            )
        ),
    ]


def _pupil(doc: Mapping[str, Any], tr: Translator, name: str) -> list[Flowable]:
    _ = tr.gettext
    pupil = doc["student"]
    classes = "\n".join(
        f"{school_year_label(e['school_year'])}: {e['class']}" for e in doc["enrolments"]
    )
    return [
        *heading(_("The pupil")),
        facts_table(
            [
                (_("Name"), name),
                (_("Birth date"), _date(tr, pupil["birth_date"])),
                (_("Left the school"), _date(tr, pupil["left_on"])),
                (_("Registered"), _date(tr, pupil["created_at"])),
                (_("Classes"), classes or "–"),
            ]
        ),
    ]


def _guardian(g: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    return [
        facts_table(
            [
                (_("Name"), g["name"]),
                (_("Relation"), _label(Relation, g["relation"], tr)),
                (_("Custody"), _yes(tr, g["has_custody"])),
                (_("E-mail"), g["email"] or "–"),
                (_("Phone"), g["phone"] or "–"),
                (_("Language"), _label(Language, g["preferred_language"], tr)),
            ],
            space_after=4,
        )
    ]


def _focus_point(p: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    area = _label(FocusArea, p["area"], tr)
    return [
        facts_table(
            [
                (_("School year"), school_year_label(p["school_year"])),
                (_("Area"), f"{area} ({p['subject']})" if p["subject"] else area),
                (_("Goal"), p["goal"]),
                (_("How we work on it"), p["actions"] or "–"),
                (_("Status"), _label(FocusStatus, p["status"], tr)),
                (_("Evaluation"), p["evaluation"] or "–"),
            ],
            space_after=4,
        )
    ]


def _presentation(pr: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    return [
        facts_table(
            [
                (_("Presented on"), _date(tr, pr["presented_on"])),
                (_("How"), _label(PresentationVia, pr["via"], tr)),
                (_("Note"), pr["note"] or "–"),
            ],
            space_after=4,
        )
    ]


def _message_book_year(y: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    return [
        facts_table(
            [
                (_("School year"), school_year_label(y["school_year"])),
                (_("Needs interventions"), _yes(tr, y["needs_support"])),
                (_("Interventions"), y["interventions"] or "–"),
                (_("Follow-up"), y["follow_up"] or "–"),
                (_("Thoughts on further education"), y["further_education"] or "–"),
            ],
            space_after=4,
        )
    ]


def _contact(e: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    return [
        facts_table(
            [
                (_("When"), _date(tr, e["occurred_at"])),
                (_("Channel"), _label(ContactChannel, e["channel"], tr)),
                (_("Started by"), _label(StartedBy, e["started_by"], tr)),
                (_("Topic"), _label(ContactTopic, e["topic"], tr)),
                (_("Parent"), e["guardian"] or "–"),
                (_("Summary"), e["summary"] or "–"),
                (_("Reply due"), _date(tr, e["reply_due"])),
                (_("Done"), _yes(tr, e["done"])),
            ],
            space_after=4,
        )
    ]


def _council_member(m: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    return [
        facts_table(
            [
                (_("Class"), f"{m['class']} ({school_year_label(m['school_year'])})"),
                (_("Member"), m["guardian"]),
                (_("Contact parent"), _yes(tr, m["is_contact_parent"])),
            ],
            space_after=4,
        )
    ]


def _time_span(tr: Translator, starts_at: str, ends_at: str) -> str:
    """``24.11.2026 16:30–16:45`` in the document's language."""
    return f"{_date(tr, starts_at)}–{dt.datetime.fromisoformat(ends_at):%H:%M}"


def _evening_plan(p: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    a = p["assignment"]
    rows: list[tuple[str, str | Flowable]] = [
        (_("Class"), f"{p['class']} ({school_year_label(p['school_year'])})"),
        (_("Times the family cannot come"), p["unavailable"] or "–"),
    ]
    if a is not None:
        rows += [
            (_("Time in the plan"), _time_span(tr, a["starts_at"], a["ends_at"])),
            (_("Room"), a["room"] or "–"),
            (_("Teachers"), ", ".join(a["teachers"]) or "–"),
        ]
    rows.append((_("Plan accepted"), _date(tr, p["accepted_at"])))
    return [facts_table(rows, space_after=4)]


def _other_records(doc: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    """Rows of any other table naming the pupil or a guardian, as stored."""
    _ = tr.gettext
    st = styles()
    other: Mapping[str, list[Mapping[str, Any]]] = doc.get("other_records") or {}
    if not other:
        return []
    out: list[Flowable] = [
        *heading(_("Other stored data")),
        para(_("Stored as it is in the database, with the names of its columns."), st.muted),
    ]
    for table, rows in other.items():
        out.append(para(table, st.subheading))
        for row in rows:
            out.append(
                facts_table(
                    [(str(k), "–" if v is None else str(v)) for k, v in row.items()],
                    space_after=4,
                )
            )
    return out


def access_request_part(data: AccessRequestData) -> Part:
    tr = translator(data.lang)
    _ = tr.gettext
    doc = data.document
    name = _name(doc["student"])
    story: list[Flowable] = [
        *_intro(tr, name),
        *_pupil(doc, tr, name),
        *_listed(tr, _("Parents and guardians"), doc["guardians"], _guardian),
        *_listed(tr, _("Conversations"), doc["conversations"], _conversation),
        *_listed(tr, _("Focus points"), doc["focus_points"], _focus_point),
        *_listed(
            tr,
            _("Presentations of the focus points"),
            doc["focus_presentations"],
            _presentation,
        ),
        *_listed(
            tr,
            _("Interventions, follow-up and thoughts on further education"),
            doc.get("message_book_years") or [],
            _message_book_year,
        ),
        *_listed(tr, _("Contacts"), doc["contacts"], _contact),
        *_listed(
            tr,
            _("Class parent councils"),
            doc.get("parent_councils") or [],
            _council_member,
        ),
        *_listed(tr, _("Conversation evenings"), doc.get("evening_plans") or [], _evening_plan),
        *_listed(tr, _("Sheets read back"), doc.get("sheet_imports") or [], sheets.sheet_import),
        *_listed(
            tr,
            _("Input from colleagues"),
            doc.get("colleague_inputs") or [],
            sheets.colleague_input,
        ),
        *_listed(
            tr,
            _("Times that suit the family"),
            doc.get("family_availability") or [],
            sheets.family_availability,
        ),
        *_listed(
            tr, _("Messages copied for Aula"), doc.get("aula_messages") or [], sheets.aula_message
        ),
        *_listed(
            tr,
            _("A colleague's versions, waiting for a choice"),
            doc.get("class_file_choices") or [],
            sheets.class_file_choice,
        ),
        *_other_records(doc, tr),
    ]
    return Part(
        tr=tr,
        letterhead=data.letterhead,
        running_title=title(tr, name),
        flowables=story,
        footer_note=_("Access request – contains the teacher's own notes"),
    )


def meta(data: AccessRequestData) -> Meta:
    tr = translator(data.lang)
    _ = tr.gettext
    return Meta(
        title=title(tr, _name(data.document["student"])),
        author=data.letterhead.teacher,
        subject=_("Access request"),
        lang=data.lang,
    )


def render_access_request(data: AccessRequestData) -> RenderedPdf:
    return render([access_request_part(data)], meta(data))
