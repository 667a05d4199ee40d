"""Shared test set-up: Qt offscreen before any Qt import, English messages, temp data folders.

Every test run has a home of its own: ``HOME``, the XDG folders (where QSettings and
platformdirs look) and so every process a test starts point into a temporary folder made
here, before any test module is imported. The developer's or teacher's own settings
(``~/.config/Skolehjem``) and data folder are recorded before the run and compared after
it; a run that changed them fails (``pytest_sessionfinish``).
"""

from __future__ import annotations

import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("SKOLEHJEM_DATA_DIR", None)

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from skolehjem_desktop import i18n


def _real_places() -> dict[str, Path]:
    """The user's own Skolehjem settings and data folder, as the real environment names them."""
    from platformdirs import user_data_dir

    home = Path("~").expanduser()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return {
        "settings": config / "Skolehjem",
        "data": Path(user_data_dir("Skolehjem", appauthor=False, roaming=True)),
    }


def _fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...] | None:
    """Every file below ``folder`` with its size and time, or None when there is no folder."""
    if not folder.exists():
        return None
    return tuple(
        sorted(
            (str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*")
            if p.is_file()
        )
    )


class Isolation:
    """The run's own home, and what the user's real folders looked like before it."""

    def __init__(self) -> None:
        self.real = _real_places()
        self.before = {name: _fingerprint(path) for name, path in self.real.items()}
        self.home = Path(tempfile.mkdtemp(prefix="skolehjem-test-home-"))
        os.environ["HOME"] = str(self.home)
        os.environ["XDG_CONFIG_HOME"] = str(self.home / ".config")
        os.environ["XDG_DATA_HOME"] = str(self.home / ".local" / "share")
        os.environ["XDG_CACHE_HOME"] = str(self.home / ".cache")
        os.environ["XDG_STATE_HOME"] = str(self.home / ".local" / "state")

    fingerprint = staticmethod(_fingerprint)

    def changed_real_places(self) -> list[str]:
        return [
            str(path) for name, path in self.real.items() if _fingerprint(path) != self.before[name]
        ]


ISOLATION = Isolation()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    changed = ISOLATION.changed_real_places()
    if changed:
        session.config.get_terminal_writer().line(
            "The test run changed the user's own files (it must never): " + ", ".join(changed),
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(ISOLATION.home, ignore_errors=True)


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


@pytest.fixture
def isolation() -> Isolation:
    """The run's own home and the user's real folders (for tests of the isolation itself)."""
    return ISOLATION
