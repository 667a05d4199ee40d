"""Dates and times for the window, written the way the UI language writes them (Babel)."""

from __future__ import annotations

import datetime as dt

from skolehjem_desktop.i18n import active


def date_text(value: dt.date | None, fmt: str = "medium") -> str:
    """``22. nov. 2026`` / ``22 Nov 2026``; empty for None."""
    return active().format_date(value, fmt) if value else ""


def datetime_text(value: dt.datetime | None) -> str:
    """``22. nov. 2026 14.30`` / ``22 Nov 2026 14:30``."""
    if value is None:
        return ""
    return f"{active().format_date(value.date(), 'medium')} {active().format_time(value)}"
