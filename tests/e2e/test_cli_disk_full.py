"""A full disk, as the command line meets it: named as such, nothing changed, no crash.

A small tmpfs stands for the teacher's full disk (mounting needs root; the test is
skipped where it may not mount).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

PASS = "en lang og god sætning"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    where = tmp_path / "disk"
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("a small disk cannot be mounted here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(disk: Path, leave: int) -> None:
    """Fill the disk up to ``leave`` bytes."""
    free = shutil.disk_usage(disk).free
    with (disk / "filler").open("wb") as out:
        out.write(b"\0" * max(0, free - leave))


def _pupils(data: Path) -> int:
    conn = sqlite3.connect(f"file:{data / 'skolehjem.sqlite'}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM student").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("leave", [0, 64 * 1024], ids=["no-room", "a-little-room"])
def test_a_full_disk_is_named_and_nothing_is_changed(
    cli, small_disk: Path, tmp_path: Path, leave: int
) -> None:
    data = small_disk / "data"
    assert cli("demo", data=data).returncode == 0
    assert cli("list", "classes", data=data).returncode == 0  # today's backups
    pupils = _pupils(data)
    csv = tmp_path / "k.csv"
    csv.write_text(
        "Fornavn;Efternavn\n" + "".join(f"Elev{n};Ærø{n}\n" for n in range(400)),
        encoding="utf-8",
    )
    _fill(small_disk, leave)
    for args in (
        ("list", "classes"),
        ("import", str(csv), "--class", "9.Z"),
        ("delete-student", "--student", "3", "--yes"),
        ("encrypt",),
    ):
        done = cli(*args, data=data, SKOLEHJEM_PASSPHRASE=PASS)
        assert done.returncode in (0, 1), (args, done.returncode, done.stderr)
        if done.returncode:
            assert "no room" in done.stderr, (args, done.stderr)
            assert "damaged" not in done.stderr and "Traceback" not in done.stderr, args
            assert "restore" not in done.stderr, args
    (small_disk / "filler").unlink()
    if cli("list", "classes", data=data).returncode != 0:  # encrypted after all, with room
        return
    check = cli("check", data=data)
    assert check.returncode == 0, check.stderr
    assert _pupils(data) in (pupils, pupils - 1)  # the delete, all or nothing
    assert not [p for p in data.rglob("*") if p.name.endswith((".partial", ".part", ".tmp"))]
    assert any(data.iterdir())
