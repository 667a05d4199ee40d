"""A test run never reaches the user's own folders: it has a home of its own."""

from __future__ import annotations

import os
from pathlib import Path

from skolehjem_desktop.config import default_data_dir


def test_home_and_xdg_folders_are_the_runs_own(isolation) -> None:  # type: ignore[no-untyped-def]
    home = isolation.home
    assert Path(os.environ["HOME"]) == home
    assert Path("~").expanduser() == home
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        assert Path(os.environ[variable]).is_relative_to(home), variable


def test_the_default_data_folder_is_inside_the_runs_home(isolation) -> None:  # type: ignore[no-untyped-def]
    assert default_data_dir().is_relative_to(isolation.home)
    for path in isolation.real.values():
        assert not path.is_relative_to(isolation.home)


def test_a_change_to_a_real_place_would_be_noticed(isolation, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The check at the end of the run compares names, sizes and times below each folder."""
    settings = tmp_path / "Skolehjem"
    assert isolation.fingerprint(settings) is None
    settings.mkdir()
    empty = isolation.fingerprint(settings)
    (settings / "Skolehjem.conf").write_text("[General]\nlanguage=da\n")
    written = isolation.fingerprint(settings)
    assert empty == () and written != empty
    (settings / "Skolehjem.conf").write_text("[General]\nlanguage=en\n")
    assert isolation.fingerprint(settings) != written
