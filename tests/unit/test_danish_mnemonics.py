"""Danish mnemonics: no two widgets on screen together share an Alt letter.

When two share one, Qt treats Alt+letter as ambiguous, and Alt+F/K/E/U/H stop opening
the menus. The groups are the texts shown together (see /work/shared/DANISH.md, part 5).
"""

from __future__ import annotations

import re

import pytest

from skolehjem_desktop import i18n

MENU_BAR = ["&File", "&Class", "&Pupil", "P&rint", "&Help"]
PUPIL_PAGE_BUTTONS = [
    "Re&quested by",
    "Academic &development",
    "Recor&d presentation to the parents…",
    "Mar&k as held",
    "&Edit…",
    "S&ummary",
    "Stat&us:",
    "Mark as &done",
    "Mark as not &done",
]
GROUPS = {
    "welcome": [
        "Your &name:",
        "Your &initials:",
        "The &school's name:",
        "&Language:",
        "&Protect the data with a passphrase",
        "Import a &class list (a CSV or Excel file from the school)",
        "Open the &demo school (invented pupils, to try things out)",
        "Start &empty",
        "&Start",
        "Skoledist&rikt Vest",  # the presets' titles are the schools' own, not translated
        "Den lille Sk&ole",
        "The de&faults (can be changed later in Settings)",
    ],
    "parent meeting": ["&Date:", "&Time:", "&Place:", "&Agenda:"],
    "class records": ["Class parent &council", "Print min&utes"],
    "aula message dialog": ["Copy the &subject", "S&ubject:", "Te&xt:", "Copy the &text again"],
    "copy as aula message menu": [
        "&Invitation",
        "&Summary",
        "&Reminder of the agreements due",
    ],
    # The pupil's message book tab with the window around it: the menus, the left
    # panel, the pupil tabs, and every field and button of the tab.
    "message book tab": [
        *MENU_BAR,
        "School &year",
        "C&lasses",
        "Class &overview",
        "Search &all classes",
        "P&upils",
        "Over&view",
        "Co&nversations",
        "&Message book",
        "Con&tacts",
        "&Guardians",
        "&School year:",
        "Carry last year's open focus points for&ward",
        "&New focus point…",
        "&Remove…",
        "Su&bject:",
        "Th&e goal:",
        "Act&ions:",
        "Stat&us:",
        "E&valuation:",
        "Needs int&erventions",
        "Interventions:",
        "Follow-up:",
        "The pupil's thoughts on further education:",
        "Recor&d presentation to the parents…",
        "Remove presentation…",
    ],
}


def _letter(text: str) -> str | None:
    match = re.search(r"&([^&])", text)
    return match.group(1).lower() if match else None


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_each_dialog_has_its_own_letters(group: str) -> None:
    da = i18n.translator("da")
    letters = [m for m in (_letter(da.gettext(t)) for t in GROUPS[group]) if m]
    assert len(letters) == len(set(letters)), sorted(letters)


def test_the_pupil_page_leaves_the_menu_bar_its_letters() -> None:
    da = i18n.translator("da")
    menus = {_letter(da.gettext(t)) for t in MENU_BAR}
    assert menus == set("fkeuh")
    taken = {t: _letter(da.gettext(t)) for t in PUPIL_PAGE_BUTTONS}
    assert {t: m for t, m in taken.items() if m in menus} == {}
