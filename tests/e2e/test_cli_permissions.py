"""Everything the program makes is readable by the user alone, whatever the umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _loose(root: Path) -> list[str]:
    """What under ``root`` a group or other user could read (or enter)."""
    return [
        f"{p.relative_to(root)} {stat.filemode(p.stat().st_mode)}"
        for p in [root, *root.rglob("*")]
        if p.stat().st_mode & 0o077
    ]


def test_the_data_folder_its_backups_and_the_documents_are_private(cli, tmp_path: Path) -> None:
    old = os.umask(0o022)  # a usual umask: files 0644, folders 0755
    try:
        assert cli("demo").returncode == 0
        assert cli("list", "classes").returncode == 0  # the day's backups
        out = tmp_path / "out"
        out.mkdir(mode=0o700)
        assert cli("backup", "--out", str(out / "kopi.sqlite")).returncode == 0
        done = cli("pdf", "summaries", "--class", "6.B", "--out", str(out / "referater"))
        assert done.returncode == 0, done.stderr
        done = cli(
            "export-class", "--class", "6.B", "--out", str(out / "6B.skolehjem-klasse"),
            SKOLEHJEM_CLASS_PASSPHRASE="en lang og god sætning",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    finally:
        os.umask(old)
    assert _loose(cli.data_dir) == []
    assert _loose(out) == []
    assert list((out / "referater").iterdir())
