"""Where the main window opens, for screens of several sizes (no Qt: pure rectangles)."""

from __future__ import annotations

import pytest

from skolehjem_desktop.ui.common.placement import (
    Box,
    Placement,
    first_placement,
    saved_fits,
    with_frame,
)


@pytest.mark.parametrize(
    "available",
    [
        Box(0, 0, 1366, 728),  # a school laptop with a 40 px taskbar at the bottom
        Box(0, 0, 1366, 768),  # the same without a taskbar
        Box(0, 27, 1280, 773),  # a 1280×800 screen with a top bar (GNOME)
        Box(0, 0, 1024, 600),  # a netbook
        Box(1920, 0, 1366, 728),  # the laptop screen right of a big monitor
    ],
)
def test_a_small_screen_gets_the_window_maximized(available: Box) -> None:
    placement = first_placement(available)
    assert placement.maximized
    # Restored to a normal window, it still fits, frame and all.
    assert available.contains(with_frame(placement.box))


@pytest.mark.parametrize(
    ("available", "size"),
    [
        (Box(0, 0, 1920, 1040), (1280, 760)),
        (Box(0, 0, 2560, 1400), (1280, 760)),
        (Box(0, 0, 1440, 860), (1280, 760)),
        (Box(0, 0, 1600, 770), (1280, 730)),  # wide but hardly taller than a laptop
        (Box(-1920, 0, 1920, 1080), (1280, 760)),  # a monitor left of the primary
    ],
)
def test_a_big_screen_gets_the_preferred_size_centred(
    available: Box, size: tuple[int, int]
) -> None:
    placement = first_placement(available)
    assert not placement.maximized
    assert (placement.box.width, placement.box.height) == size
    framed = with_frame(placement.box)
    assert available.contains(framed)
    assert abs((framed.x - available.x) - (available.right - framed.right)) <= 1
    assert abs((framed.y - available.y) - (available.bottom - framed.bottom)) <= 1


def test_never_wider_or_taller_than_the_screen() -> None:
    for width in range(640, 4000, 97):
        for height in range(480, 2400, 89):
            available = Box(0, 0, width, height)
            placement: Placement = first_placement(available)
            assert available.contains(with_frame(placement.box)), (width, height)


def test_a_saved_geometry_is_used_again_only_if_it_fits() -> None:
    laptop = Box(0, 0, 1366, 728)
    assert saved_fits(Box(100, 80, 1000, 600), laptop, maximized=False)
    # The old default (1280×760) is taller than the laptop: the status bar was off screen.
    assert not saved_fits(Box(43, 32, 1280, 760), laptop, maximized=False)
    # Last used on a big monitor to the right: not on this screen at all.
    assert not saved_fits(Box(2000, 100, 1200, 700), laptop, maximized=False)
    assert saved_fits(Box(0, 0, 1366, 728), laptop, maximized=True)
