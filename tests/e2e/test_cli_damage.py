"""A damaged or emptied database, as the command line meets it: one line, nothing written."""

from __future__ import annotations

import random
from pathlib import Path

CSV = "Fornavn;Efternavn\nSøren;Ærø\n"


def _snapshot(data: Path) -> dict[str, bytes]:
    """Every file's bytes (the lock's list of holders is bookkeeping, not data)."""
    return {
        str(p.relative_to(data)): p.read_bytes()
        for p in data.rglob("*")
        if p.is_file() and p.name != "skolehjem.lock"
    }


def _demo_with_backups(cli) -> Path:  # type: ignore[no-untyped-def]
    assert cli("demo").returncode == 0
    assert cli("list", "classes").returncode == 0  # the day's rolling backups
    return cli.data_dir / "skolehjem.sqlite"


def test_a_damaged_database_is_refused_by_every_command(cli, tmp_path: Path) -> None:
    path = _demo_with_backups(cli)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = random.Random(3).randbytes(8192)
    path.write_bytes(bytes(data))
    (tmp_path / "k.csv").write_text(CSV, encoding="utf-8")
    before = _snapshot(cli.data_dir)
    for args in (
        ("list", "classes"),
        ("import", str(tmp_path / "k.csv"), "--class", "9.Z"),
        ("check",),
    ):
        done = cli(*args)
        assert done.returncode == 1, (args, done.stderr)
        assert "damaged" in done.stderr and "Traceback" not in done.stderr, args
        assert "backup" in done.stderr, args  # the latest good backup is named
    assert _snapshot(cli.data_dir) == before


def test_an_emptied_database_beside_backups_is_refused(cli) -> None:
    path = _demo_with_backups(cli)
    path.write_bytes(b"")
    before = _snapshot(cli.data_dir)
    done = cli("check")
    assert done.returncode == 1 and "0 bytes" in done.stderr
    assert "Traceback" not in done.stderr
    assert _snapshot(cli.data_dir) == before
