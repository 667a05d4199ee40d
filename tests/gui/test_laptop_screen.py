"""At a school laptop's screen, 1366×768, the window and every dialog fit.

The offscreen platform gives that screen only to a process started with it, so this
test starts one that runs ``laptop_screen_cases.py`` (skipped in any other process).
"""

from __future__ import annotations

from pathlib import Path

from tests.gui.laptop_process import run_on_a_laptop_screen

CASES = Path(__file__).with_name("laptop_screen_cases.py")


def test_the_window_and_every_dialog_fit_a_laptop_screen() -> None:
    run_on_a_laptop_screen(CASES)
