"""Where the main window opens: on the screen it opens on, never bigger than that screen.

Pure rectangles (no Qt), so the rule is tested with any screen size: a laptop screen
(1366×768 or smaller, what is left of it beside the taskbar) gets the window maximized;
a bigger one gets the preferred size, shrunk to fit with room for the window manager's
title bar and borders, centred. A saved geometry is used again only if it still fits the
screen (a window last used on a big external monitor does not open half off a laptop).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """A rectangle on the desktop, in device-independent pixels."""

    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def contains(self, other: Box) -> bool:
        return (
            other.x >= self.x
            and other.y >= self.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


# A screen this size or smaller (what is available of it) gets the window maximized.
SMALL_SCREEN = (1366, 768)
PREFERRED_SIZE = (1280, 760)
# What a window manager adds around the window: borders and the title bar.
FRAME_WIDTH = 16
FRAME_HEIGHT = 40


@dataclass(frozen=True)
class Placement:
    """The window's geometry (without its frame), or maximized on the screen."""

    box: Box
    maximized: bool


def is_small(available: Box) -> bool:
    return available.width <= SMALL_SCREEN[0] or available.height <= SMALL_SCREEN[1]


def first_placement(available: Box, preferred: tuple[int, int] = PREFERRED_SIZE) -> Placement:
    """Where the window opens with nothing saved, on a screen of which ``available`` is free.

    Maximized on a small screen; its box is then where it goes when the teacher
    restores it to a normal window: the whole screen, less the frame.
    """
    small = is_small(available)
    width = available.width - FRAME_WIDTH
    height = available.height - FRAME_HEIGHT
    if not small:
        width, height = min(preferred[0], width), min(preferred[1], height)
    frame = with_frame(Box(0, 0, width, height))
    x = available.x - frame.x + (available.width - frame.width) // 2
    y = available.y - frame.y + (available.height - frame.height) // 2
    return Placement(Box(x, y, width, height), maximized=small)


def with_frame(box: Box) -> Box:
    """The window's rectangle with the window manager's frame around it."""
    side = FRAME_WIDTH // 2
    top = FRAME_HEIGHT - side
    return Box(box.x - side, box.y - top, box.width + FRAME_WIDTH, box.height + FRAME_HEIGHT)


def saved_fits(saved: Box, available: Box, *, maximized: bool) -> bool:
    """Whether a restored geometry may stay: maximized, or whole on the screen, frame and all."""
    return maximized or available.contains(with_frame(saved))
