"""Count phrases that read well for every count, not just "{done} of {n}"."""

from __future__ import annotations

from skolehjem_desktop.i18n import _, ngettext


def owed_summary(done: int, total: int) -> str:
    """How many of a class's ``total`` pupils have nothing outstanding (``done`` of them).

    "0 of 5 pupils have nothing owed" reads badly in both languages, so none, all and
    some get their own sentence, each with its plural forms.
    """
    if total == 0:
        return _("There are no pupils in the class.")
    if done == 0:
        return ngettext(
            "The pupil does not have everything in place yet.",
            "None of the {n} pupils has everything in place yet.",
            total,
        ).format(n=total)
    if done >= total:
        return ngettext(
            "The pupil has everything in place.",
            "All {n} pupils have everything in place.",
            total,
        ).format(n=total)
    return ngettext(
        "{done} of {n} pupils has everything in place.",
        "{done} of {n} pupils have everything in place.",
        done,
    ).format(done=done, n=total)
