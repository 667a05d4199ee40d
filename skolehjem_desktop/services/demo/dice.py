"""The demo's one source of chance: ``random.Random`` with the draws the demo makes often.

Everything the demo makes comes from a :class:`Dice` seeded with the seed it was given,
so the same seed and day give the same school. The order of the draws is part of that
promise: a change in the order changes the school a seed gives.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence

from skolehjem_desktop.services.workdays import is_working_day


class Dice(random.Random):
    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return self.random() < p

    def text(self, templates: Sequence[str], ctx: Mapping[str, str]) -> str:
        """One of ``templates``, its placeholders filled from ``ctx``."""
        return self.choice(templates).format(**ctx)

    def texts(self, templates: Sequence[str], ctx: Mapping[str, str], k: int) -> str:
        """``k`` different ``templates`` in their own order, filled and joined by spaces."""
        chosen = self.sample(range(len(templates)), min(k, len(templates)))
        return " ".join(templates[i].format(**ctx) for i in sorted(chosen))

    def day_between(self, lo: dt.date, hi: dt.date, *, working: bool = True) -> dt.date | None:
        """A random (working) day from ``lo`` to ``hi``, or None if there is none."""
        span = (hi - lo).days
        if span < 0:
            return None
        for _try in range(12):
            day = lo + dt.timedelta(days=self.randint(0, span))
            if not working or is_working_day(day):
                return day
        day = lo
        while day <= hi:
            if is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        return None

    def at(self, day: dt.date, earliest: int, latest: int) -> dt.datetime:
        """``day`` at a random quarter of an hour from ``earliest`` to ``latest`` o'clock."""
        quarter = self.randint(earliest * 4, latest * 4)
        return dt.datetime.combine(day, dt.time(quarter // 4, quarter % 4 * 15))
