"""Shared test set-up: Qt offscreen before any Qt import, English messages, temp data folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("SKOLEHJEM_DATA_DIR", None)

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from skolehjem_desktop import i18n

# A fixed "now" for service tests: Monday 23 November 2026, 10:00 (school year 2026/27).
NOW = dt.datetime(2026, 11, 23, 10, 0)


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """Tests read messages in English unless they ask for Danish."""
    i18n.activate("en")
    yield
    i18n.activate("en")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db(data_dir: Path):  # type: ignore[no-untyped-def]
    from skolehjem_desktop.store.database import open_database

    database = open_database(data_dir)
    yield database
    database.close()


class FakeClock:
    """A clock the test can move."""

    def __init__(self, now: dt.datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def services(db, clock):  # type: ignore[no-untyped-def]
    from skolehjem_desktop.services import Services

    return Services(db, clock)
