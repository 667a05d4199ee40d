"""Setting the school's principles all together, as the settings page does on OK."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.services import Services
from skolehjem_desktop.store.models import Principle


def _rows(services: Services) -> dict[str, str]:
    with services.db.reading() as s:
        return {r.rule: r.value for r in s.scalars(select(Principle))}


def test_set_all_keeps_only_what_differs_from_the_preset(services: Services) -> None:
    services.principles.use("den-lille-skole")
    active = services.principles.set_all(
        {"reply_working_days": "3", "working_weekdays": "mon-thu", "parent_council_required": "yes"}
    )
    assert active.changed == {"working_weekdays", "parent_council_required"}
    assert _rows(services) == {
        "working_weekdays": "mon,tue,wed,thu",
        "parent_council_required": "yes",
    }
    services.principles.set_all({"working_weekdays": "mon-fri"})
    assert services.principles.active().changed == {"parent_council_required"}


def test_both_working_hours_move_together(services: Services) -> None:
    """08–16 to 17–18: one at a time, the start would come after the end."""
    active = services.principles.set_all(
        {"working_hours_start": "17:00", "working_hours_end": "18:00"}
    )
    assert (active.working_hours_start, active.working_hours_end) == (dt.time(17), dt.time(18))


def test_a_refusal_changes_nothing(services: Services) -> None:
    services.principles.use("skoledistrikt-vest")
    texts = {
        "reply_working_days": "4",
        "working_hours_start": "16:00",
        "working_hours_end": "09:00",
    }
    with pytest.raises(ValidationError, match="must end after it starts"):
        services.principles.check_all(texts)
    with pytest.raises(ValidationError, match="must end after it starts"):
        services.principles.set_all(texts, preset="den-lille-skole")
    active = services.principles.active()
    assert active.preset == "skoledistrikt-vest" and active.changed == frozenset()
    with pytest.raises(ValidationError, match="no preset called"):
        services.principles.set_all({}, preset="nowhere")


def test_another_preset_starts_from_its_own_values(services: Services) -> None:
    services.principles.use("skoledistrikt-vest")
    services.principles.set("reply_working_days", "7")
    active = services.principles.set_all({"no_contact_nudge_months": "2"}, preset="den-lille-skole")
    assert active.preset == "den-lille-skole"
    assert active.reply_working_days == 3  # the new preset's, not the old change
    assert active.changed == {"no_contact_nudge_months"}
    assert services.principles.preset_values(None)["reply_working_days"] == 1
