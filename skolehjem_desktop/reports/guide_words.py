"""The values of the school's principles in words, for the guide for the parents.

"mandag til fredag kl. 8.00–16.00", "1. oktober", "Senest næste arbejdsdag": each in the
document's language, from :class:`~skolehjem_desktop.reports.data.GuideData`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from skolehjem_desktop.domain.principles import MonthDay
from skolehjem_desktop.i18n import Translator
from skolehjem_desktop.reports.blocks import join_names
from skolehjem_desktop.reports.data import GuideData


def day_text(day: MonthDay, tr: Translator) -> str:
    """A day of every school year: "1. oktober" / "1 October"."""
    from babel.dates import format_date

    pattern = "d. MMMM" if tr.lang == "da" else "d MMMM"
    return format_date(day.in_school_year(2000), pattern, locale=tr.babel_locale)


def clock_text(value: dt.time, tr: Translator) -> str:
    """A time of day as written in a sentence: "8.00" / "8:00" (no leading zero)."""
    separator = "." if tr.lang == "da" else ":"
    return f"{value.hour}{separator}{value.minute:02d}"


def _runs(days: Iterable[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def weekdays_text(days: frozenset[int], tr: Translator) -> str:
    """The working days in words: "mandag til fredag", "mandag, onsdag og fredag"."""
    from babel.dates import get_day_names

    _ = tr.gettext
    names = get_day_names("wide", locale=tr.babel_locale)
    items: list[str] = []
    for run in _runs(days):
        if len(run) >= 3:
            items.append(_("{first} to {last}").format(first=names[run[0]], last=names[run[-1]]))
        else:
            items.extend(names[d] for d in run)
    return join_names(items, tr)


def working_hours_text(data: GuideData, tr: Translator) -> str:
    """ "mandag til fredag kl. 8.00–16.00" / "Monday to Friday, 8:00–16:00"."""
    _ = tr.gettext
    return _("{days}, {start}–{end}").format(
        days=weekdays_text(data.working_weekdays, tr),
        start=clock_text(data.hours_start, tr),
        end=clock_text(data.hours_end, tr),
    )


def reply_text(data: GuideData, tr: Translator) -> str:
    """When a written message gets a reply, short: "Senest næste arbejdsdag"."""
    _ = tr.gettext
    n = data.reply_working_days
    if n <= 1:
        return _("By the next working day")
    return tr.ngettext("Within {n} working day", "Within {n} working days", n).format(n=n)


def channels_text(channels: frozenset[str], tr: Translator) -> str:
    """The channels that need an appointment, as a label: "Telefon og sms"."""
    _ = tr.gettext
    if channels >= {"phone", "sms"}:
        return _("Phone and text messages")
    return _("Phone") if "phone" in channels else _("Text messages")


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
