"""What is owed, in words: the cells of the class overview and the pupil's lines.

One wording for the window, the command line and the PDFs. Each text starts with its
sign, so colour is never the only signal: ✓ done, • planned, ✗ owed, ◷ noticed (a
family not heard from), ⚠ more than the principles' "few" focus points. Dates are
written by the caller's ``format_date`` (the user's way).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.owed import OrdinaryState, OwedRow

DateText = Callable[[dt.date], str]
WhenText = Callable[[dt.datetime | None], str]
DONE, PLANNED, OWED, NOTICED, TOO_MANY = "✓", "•", "✗", "◷", "⚠"


def ordinary_cell(row: OwedRow, format_date: DateText) -> str:
    """E.g. "✓ Held 10.11.2026", "• Planned 02.03.2027 (1 of 2 held)", "✗ Missing"."""
    sign = {OrdinaryState.HELD: DONE, OrdinaryState.PLANNED: PLANNED}.get(row.ordinary, OWED)
    text = f"{sign} {label(row.ordinary)}"
    if row.ordinary_at is not None:
        text += " " + format_date(row.ordinary_at.date())
    if row.ordinary_needed > 1:
        text += " " + _("({held} of {needed} held)").format(
            held=row.ordinary_held, needed=row.ordinary_needed
        )
    return text


def ordinary_notes(row: OwedRow, format_date: DateText) -> list[str]:
    """Why the ordinary conversation is owed, beyond its state (empty: nothing to add)."""
    notes = []
    if row.ordinary_overdue and row.ordinary_deadline is not None:
        notes.append(
            _("The school's principles: held by {date}.").format(
                date=format_date(row.ordinary_deadline)
            )
        )
    if row.ordinary_uncounted:
        notes.append(
            ngettext(
                "{n} held without a parent or guardian or without a contact teacher does "
                "not count; reopen it and mark it held to confirm it as an exception.",
                "{n} held without a parent or guardian or without a contact teacher do "
                "not count; reopen them and mark them held to confirm them as exceptions.",
                row.ordinary_uncounted,
            ).format(n=row.ordinary_uncounted)
        )
    return notes


def message_book_missing_words(row: OwedRow) -> list[str]:
    """The focus areas and the 2022 parts the message book still lacks, in words."""
    words = [label(area) for area in row.missing_areas]
    names = {
        "interventions": _("interventions"),
        "follow_up": _("follow-up"),
        "further_education": _("thoughts on further education"),
    }
    return words + [names[part] for part in row.message_book_missing]


def message_book_cell(row: OwedRow) -> str:
    """E.g. "✓ Complete", "✗ 2 of 3 areas missing", "✗ Interventions missing"."""
    if row.missing_areas:
        text = f"{OWED} " + _("{n} of {total} areas missing").format(
            n=len(row.missing_areas), total=len(row.required_areas)
        )
    elif row.message_book_missing:
        text = f"{OWED} " + _("Missing: {parts}").format(
            parts=", ".join(message_book_missing_words(row)[len(row.missing_areas) :])
        )
    else:
        text = f"{DONE} " + _("Complete")
    if row.crowded_areas:
        text += f"  {TOO_MANY} " + _("many in {areas}").format(
            areas=", ".join(label(a) for a in row.crowded_areas)
        )
    return text


def presented_cell(row: OwedRow, format_date: DateText) -> str:
    """E.g. "✓ 01.11.2026", "✗ Not presented", "✗ 1 of 2 (01.11.2026)"."""
    if row.presented:
        return f"{DONE} " + (format_date(row.presented_on) if row.presented_on else "")
    if row.presented_on is None:
        return f"{OWED} " + _("Not presented")
    return f"{OWED} " + _("{n} of {needed} ({date})").format(
        n=row.presentations, needed=row.presentations_needed, date=format_date(row.presented_on)
    )


def contact_cell(row: OwedRow, format_date: DateText) -> str:
    """The last contact with the family, or "◷ None since …" when a nudge is due."""
    if row.no_contact_since is not None:
        return f"{NOTICED} " + _("None since {date}").format(date=format_date(row.no_contact_since))
    if row.last_contact is None:
        return "–"
    return format_date(row.last_contact)


def crowded_line(row: OwedRow) -> str | None:
    if not row.crowded_areas:
        return None
    most = row.most_focus_points
    return f"{TOO_MANY} " + ngettext(
        "More than {n} focus point in {areas}: the school's principles ask for few.",
        "More than {n} focus points in {areas}: the school's principles ask for few.",
        most,
    ).format(n=most, areas=", ".join(label(a) for a in row.crowded_areas))


def no_contact_line(row: OwedRow, format_date: DateText) -> str | None:
    if row.no_contact_since is None:
        return None
    return f"{NOTICED} " + _(
        "No contact with the family since {date}. Perhaps a short message about how it goes?"
    ).format(date=format_date(row.no_contact_since))


def pupil_lines(row: OwedRow, format_date: DateText, format_when: WhenText) -> list[str]:
    """The pupil's school year by the principles, one line each, each with its sign."""
    return [
        *_ordinary_lines(row, format_date, format_when),
        *_message_book_lines(row, format_date),
        *[line for line in (no_contact_line(row, format_date),) if line],
    ]


def _ordinary_lines(row: OwedRow, format_date: DateText, format_when: WhenText) -> list[str]:
    items = []
    if row.ordinary is OrdinaryState.HELD:
        items.append(
            "✓ "
            + _("Ordinary conversation held {date}.").format(
                date=format_date(row.ordinary_at.date()) if row.ordinary_at else ""
            )
        )
    elif row.ordinary is OrdinaryState.PLANNED:
        items.append(
            "• "
            + _("Ordinary conversation planned {date}.").format(date=format_when(row.ordinary_at))
        )
    else:
        items.append("✗ " + _("No ordinary conversation yet this school year."))
    if row.ordinary_needed > 1 and row.ordinary is not OrdinaryState.HELD:
        items[-1] += " " + _("{held} of {needed} held.").format(
            held=row.ordinary_held, needed=row.ordinary_needed
        )
    items += [f"{OWED} {note}" for note in ordinary_notes(row, format_date)]
    return items


def _message_book_lines(row: OwedRow, format_date: DateText) -> list[str]:
    items = []
    if row.missing_areas:
        items.append(
            "✗ "
            + _("Focus points missing in: {areas}.").format(
                areas=", ".join(label(a) for a in row.missing_areas)
            )
        )
    else:
        items.append("✓ " + _("Focus points in every area the grade requires."))
    items += [line for line in (crowded_line(row),) if line]
    if row.message_book_missing:
        items.append(
            "✗ "
            + _("The message book still lacks: {parts}.").format(
                parts=", ".join(message_book_missing_words(row)[len(row.missing_areas) :])
            )
        )
    if row.presented and row.presented_on:
        items.append(
            "✓ "
            + _("Focus points presented to the parents {date}.").format(
                date=format_date(row.presented_on)
            )
        )
    elif row.presented_on:
        items.append(
            "✗ "
            + _("Focus points presented {n} of {needed} times; the latest {date}.").format(
                n=row.presentations,
                needed=row.presentations_needed,
                date=format_date(row.presented_on),
            )
        )
    else:
        items.append("✗ " + _("Focus points not yet presented to the parents."))
    return items
