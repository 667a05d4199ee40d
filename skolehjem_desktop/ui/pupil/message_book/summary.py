"""What the message book tab says about a pupil's book in words: the class and the areas it
requires, the areas still missing, and the open focus points of last school year.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from skolehjem_desktop.domain.enums import FocusArea
from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.schoolyear import SchoolYear


def required_text(class_name: str | None, school_year: int, required: Sequence[FocusArea]) -> str:
    """``Required in 8.A: Danish, …``, or that the pupil had no class in the school year."""
    areas = ", ".join(label(a) for a in required)
    if class_name:
        return _("Required in {name}: {areas}").format(name=class_name, areas=areas)
    return _("No class in {year}; required: {areas}").format(
        year=SchoolYear(school_year).label, areas=areas
    )


def missing_text(missing: Sequence[FocusArea], total: int) -> str:
    """How many of the ``total`` required areas have no focus point yet, and which."""
    if not missing:
        return _("Every required area has a focus point.")
    return ngettext(
        "{n} of {total} areas has no focus point yet: {areas}",
        "{n} of {total} areas have no focus point yet: {areas}",
        len(missing),
    ).format(n=len(missing), total=total, areas=", ".join(label(a) for a in missing))


def candidates_text(count: int, school_year: int) -> str:
    """How many open focus points of the year before ``school_year`` wait to be carried."""
    return ngettext(
        "{n} open focus point from {year} is not carried forward yet.",
        "{n} open focus points from {year} are not carried forward yet.",
        count,
    ).format(n=count, year=SchoolYear(school_year - 1).label)


def carried_text(count: int, school_year: int) -> str:
    """How many open focus points of the year before ``school_year`` were carried forward."""
    last_year = SchoolYear(school_year - 1).label
    if not count:
        return _("There were no open focus points from {year} left to carry forward.").format(
            year=last_year
        )
    return ngettext(
        "{n} open focus point from {year} was carried forward.",
        "{n} open focus points from {year} were carried forward.",
        count,
    ).format(n=count, year=last_year)


def crowded_text(points: Sequence[FocusArea], most: int) -> str:
    """The areas with more focus points than the school's principles' "few", or ""."""
    counts = Counter(points)
    crowded = [area for area in FocusArea if counts[area] > most]
    if not crowded:
        return ""
    return ngettext(
        "The school's principles ask for few focus points (at most {most}); {areas} has more.",
        "The school's principles ask for few focus points (at most {most}); {areas} have more.",
        len(crowded),
    ).format(
        most=most,
        areas=", ".join(f"{label(a)} ({counts[a]})" for a in crowded),
    )
