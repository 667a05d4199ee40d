"""The access request's pages for the sheets read back, the colleagues' input, the
family's times and the messages copied for Aula (see ``services/privacy/sections_sheets``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from babel.dates import get_day_names
from reportlab.platypus import Flowable

from skolehjem_desktop.domain.enums import AulaMessageKind, SheetKind
from skolehjem_desktop.i18n import Translator
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.reports.data import school_year_label
from skolehjem_desktop.reports.layout import facts_table


def _when(tr: Translator, value: str | None) -> str:
    if not value:
        return "–"
    return tr.short_when(dt.datetime.fromisoformat(value))


def _yes(tr: Translator, value: bool) -> str:
    return tr.gettext("Yes") if value else tr.gettext("No")


def _kind(enum: type[SheetKind] | type[AulaMessageKind], value: str, tr: Translator) -> str:
    try:
        return label(enum(value), tr)
    except ValueError:
        return value


def sheet_import(r: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    return [
        facts_table(
            [
                (_("Sheet"), _kind(SheetKind, r["kind"], tr)),
                (_("Read back"), _when(tr, r["imported_at"])),
                (_("Conversation"), str(r["conversation_id"] or "–")),
            ],
            space_after=4,
        )
    ]


def colleague_input(r: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    return [
        facts_table(
            [
                (_("School year"), school_year_label(r["school_year"])),
                (_("From"), " · ".join(x for x in (r["colleague"], r["subject"]) if x) or "–"),
                (_("Received"), _when(tr, r["received_at"])),
                (_("Academic"), r["academic"] or "–"),
                (_("Wellbeing"), r["wellbeing"] or "–"),
                (_("Suggested focus points"), r["focus_suggestions"] or "–"),
            ],
            space_after=4,
        )
    ]


def family_availability(r: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    slots = r["slots"]
    days = get_day_names("wide", locale=tr.lang)
    if isinstance(slots, list):
        times = ", ".join(
            f"{days[int(x['weekday']) % 7]} {x['start']}–{x['end']}"
            for x in slots
            if isinstance(x, dict) and {"weekday", "start", "end"} <= set(x)
        )
    else:
        times = str(slots)
    return [
        facts_table(
            [
                (_("School year"), school_year_label(r["school_year"])),
                (_("Times that suit the family"), times or "–"),
                (_("Note"), r["note"] or "–"),
                (_("A conversation each"), _yes(tr, r["separate"])),
                (_("Together with siblings"), _yes(tr, r["with_siblings"])),
                (_("Received"), _when(tr, r["received_at"])),
            ],
            space_after=4,
        )
    ]


def aula_message(r: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    return [
        facts_table(
            [
                (_("Message"), _kind(AulaMessageKind, r["kind"], tr)),
                (_("Subject"), r["subject"] or "–"),
                (_("Copied for Aula"), _when(tr, r["copied_at"])),
            ],
            space_after=4,
        )
    ]


def class_file_choice(r: Mapping[str, Any], tr: Translator) -> list[Flowable]:
    _ = tr.gettext
    data = r["data"]
    if isinstance(data, dict):
        held = "; ".join(
            f"{key}: {value}" for key, value in data.items() if value not in (None, "", [])
        )
    else:
        held = str(data)
    return [
        facts_table(
            [
                (_("From"), r["from"] or "–"),
                (_("Received"), _when(tr, r["received_at"])),
                (_("Their version"), held or "–"),
            ],
            space_after=4,
        )
    ]
