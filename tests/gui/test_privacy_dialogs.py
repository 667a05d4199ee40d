"""The access request export and the pupils-who-left dialog, driven through the window's code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from skolehjem_desktop.app import create_main_window
from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs import privacy_dialogs

SECRET = "Min egen note om hjemmet"


@pytest.fixture
def ctx(services) -> UiContext:  # type: ignore[no-untyped-def]
    return UiContext(services, ScriptedDialogs())


@pytest.fixture
def pupils(services):  # type: ignore[no-untyped-def]
    klass = services.classes.create("5.A", 2026)
    soren = services.students.add("Søren", "Ærø", klass.id)
    conv = services.conversations.plan(soren.id, Planning(starts_at=dt.datetime(2026, 11, 2, 14)))
    services.conversations.set_section(conv.id, SectionKind.PRIVATE_PREPARATION, SECRET)
    asta = services.students.add("Asta", "Lund", klass.id)
    bo = services.students.add("Bo", "Lund", klass.id)
    cem = services.students.add("Cem", "Lund", klass.id)
    services.students.mark_left(asta.id, dt.date(2024, 6, 30))
    services.students.mark_left(bo.id, dt.date(2025, 1, 31))
    services.students.mark_left(cem.id, dt.date(2026, 8, 1))
    return {"soren": soren.id, "asta": asta.id, "bo": bo.id, "cem": cem.id}


def test_export_writes_both_files_and_says_where(qtbot, ctx, pupils, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "indsigt"
    out.mkdir()
    ctx.dialogs.files.append(out)
    assert privacy_dialogs.export_student(ctx, None, pupils["soren"])
    data = json.loads((out / f"Søren Ærø-{pupils['soren']}.json").read_text(encoding="utf-8"))
    assert data["conversations"][0]["sections"][0]["text"] == SECRET
    assert (out / f"Søren Ærø-{pupils['soren']}.pdf").exists()
    assert str(out) in ctx.dialogs.infos[-1]
    assert "access request only" in ctx.dialogs.infos[-1]


def test_export_cancelled_or_failing_says_so(qtbot, ctx, pupils, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx.dialogs.files.append(None)  # the folder chooser cancelled
    assert not privacy_dialogs.export_student(ctx, None, pupils["soren"])  # no folder chosen
    blocker = tmp_path / "file"
    blocker.write_text("x")
    ctx.dialogs.files.append(blocker)
    assert not privacy_dialogs.export_student(ctx, None, pupils["soren"])
    assert "is a file, not a folder" in ctx.dialogs.errors[-1]


@pytest.fixture
def dialog(qtbot, ctx, pupils):  # type: ignore[no-untyped-def]
    d = privacy_dialogs.PurgeLeftDialog(ctx)
    qtbot.addWidget(d)
    return d


def _names(d) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.list.item(i).text().split(" (")[0] for i in range(d.list.count())]


def test_the_spin_box_changes_the_list(dialog, pupils) -> None:  # type: ignore[no-untyped-def]
    assert dialog.months.value() == 12
    assert _names(dialog) == ["Asta Lund", "Bo Lund"]
    dialog.months.setValue(30)
    assert _names(dialog) == []
    assert "No pupil left the school more than 30 months ago" in dialog.status.text()
    assert not dialog.delete_button.isEnabled()
    dialog.months.setValue(0)
    assert _names(dialog) == ["Asta Lund", "Bo Lund", "Cem Lund"]


def test_delete_asks_naming_the_count_and_deletes_only_the_checked(
    dialog, ctx, services, pupils
) -> None:  # type: ignore[no-untyped-def]
    dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)  # keep Bo
    assert dialog.chosen() == [pupils["asta"]]
    assert "1 of 2 pupils chosen" in dialog.status.text()

    ctx.dialogs.confirms.append(False)
    assert dialog.delete_chosen() == 0
    assert "Delete 1 pupil who left" in ctx.dialogs.asked[-1]
    assert _names(dialog) == ["Asta Lund", "Bo Lund"]

    ctx.dialogs.confirms.append(True)
    assert dialog.delete_chosen() == 1
    assert _names(dialog) == ["Bo Lund"]
    assert "1 pupil deleted" in ctx.dialogs.infos[-1]
    ids = {r.id for r in services.students.all(school_year=2026)}
    assert pupils["asta"] not in ids and pupils["bo"] in ids
    assert dialog.deleted == 1


def test_actions_on_the_main_window(qtbot, data_dir, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(window)
    actions = privacy_dialogs.add_actions(window)
    assert [a.objectName() for a in actions] == ["export_student", "purge_left"]
    assert actions[0].text().replace("&", "") == "Export all data about the pupil…"
    actions[0].trigger()  # no pupil chosen
    assert window.ctx.dialogs.infos[-1] == "Choose a pupil first."  # type: ignore[attr-defined]
