"""``backup --out FILE`` and ``restore FILE [--yes]`` as a separate process."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from skolehjem_desktop.services import Services
from skolehjem_desktop.services.backups import inspect_backup
from skolehjem_desktop.store.database import open_database


def _school(data_dir: Path, classes: tuple[str, ...]) -> None:
    db = open_database(data_dir)
    try:
        services = Services(db)
        for name in classes:
            klass = services.classes.create(name, services.classes.current_year())
            services.students.add("Søren", "Ærø", klass.id)
    finally:
        db.close()


def _class_names(data_dir: Path) -> list[str]:
    db = open_database(data_dir)
    try:
        return sorted(c.name for c in Services(db).classes.all())
    finally:
        db.close()


def _one_line_error(proc, text: str) -> None:  # type: ignore[no-untyped-def]
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("skolehjem-desktop: ") and text in lines[0], lines[0]


def test_backup_then_restore(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _school(cli.data_dir, ("5.A", "6.B"))
    out = tmp_path / "usb" / "b.sqlite"
    out.parent.mkdir()
    proc = cli("backup", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "2 classes, 2 pupils" in proc.stdout
    assert inspect_backup(out).classes == 2

    other = tmp_path / "other"
    _school(other, ("9.Z",))
    proc = cli("restore", str(out), "--yes", data=other)
    assert proc.returncode == 0, proc.stderr
    assert "Restored" in proc.stdout and "before-restore-" in proc.stdout
    assert _class_names(other) == ["5.A", "6.B"]
    kept = list((other / "backups").glob("before-restore-*.sqlite"))
    assert len(kept) == 1 and inspect_backup(kept[0]).classes == 1


def test_restore_without_yes_and_no_tty_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _school(cli.data_dir, ("5.A",))
    out = tmp_path / "b.sqlite"
    assert cli("backup", "--out", str(out)).returncode == 0
    _school(cli.data_dir, ("6.B",))
    proc = cli("restore", str(out))
    _one_line_error(proc, "--yes")
    assert _class_names(cli.data_dir) == ["5.A", "6.B"]


def test_backup_refusals(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _one_line_error(cli("backup", "--out", str(tmp_path / "b.sqlite")), "no database")
    _school(cli.data_dir, ("5.A",))
    live = cli.data_dir / "skolehjem.sqlite"
    _one_line_error(cli("backup", "--out", str(live)), "database in use")
    _one_line_error(cli("backup", "--out", str(tmp_path / "no" / "b.sqlite")), "does not exist")
    proc = cli("backup")
    assert proc.returncode == 1 and "--out" in proc.stderr


@pytest.mark.parametrize("kind", ["corrupt", "truncated", "foreign", "newer", "missing", "text"])
def test_restore_refusals(cli, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    _school(cli.data_dir, ("5.A",))
    good = tmp_path / "good.sqlite"
    assert cli("backup", "--out", str(good)).returncode == 0
    bad = tmp_path / "bad.sqlite"
    expected = {
        "corrupt": "damaged",
        "truncated": "damaged",
        "foreign": "another program",
        "newer": "newer version",
        "missing": "does not exist",
        "text": "not a Skolehjem backup",
    }[kind]
    data = good.read_bytes()
    if kind == "corrupt":
        raw = bytearray(data)
        for i in range(4196, len(raw), 61):
            raw[i] ^= 0x5A
        bad.write_bytes(bytes(raw))
    elif kind == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif kind == "foreign":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    elif kind == "newer":
        bad.write_bytes(data)
        conn = sqlite3.connect(bad)
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
        conn.close()
    elif kind == "text":
        bad.write_text("Kære forældre", encoding="utf-8")
    before = bad.read_bytes() if bad.exists() else None
    _one_line_error(cli("restore", str(bad), "--yes"), expected)
    if before is not None:
        assert bad.read_bytes() == before
    assert _class_names(cli.data_dir) == ["5.A"]
    assert not list((cli.data_dir / "backups").glob("before-restore-*"))


def test_danish_refusal(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proc = cli("restore", str(tmp_path / "væk.sqlite"), "--yes", lang="da")
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1 and "væk.sqlite" in proc.stderr


def test_backup_and_restore_of_a_protected_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.services import protection
    from skolehjem_desktop.store import crypto

    secret = "rødgrød med fløde"
    _school(cli.data_dir, ("5.A",))
    protection.encrypt(cli.data_dir, secret)
    out = tmp_path / "b.sqlite"
    proc = cli("backup", "--out", str(out), SKOLEHJEM_PASSPHRASE=secret)
    assert proc.returncode == 0, proc.stderr
    assert "Søren".encode() not in out.read_bytes()
    assert inspect_backup(out, secret).classes == 1

    other = tmp_path / "other"
    _school(other, ("9.Z",))
    protection.encrypt(other, secret)
    proc = cli("restore", str(out), "--yes", data=other, SKOLEHJEM_PASSPHRASE="forkert ord")
    _one_line_error(proc, "passphrase is wrong")
    proc = cli("restore", str(out), "--yes", data=other, SKOLEHJEM_PASSPHRASE=secret)
    assert proc.returncode == 0, proc.stderr
    assert not crypto.has_plain_header(other / "skolehjem.sqlite")
    db = open_database(other, secret)
    try:
        assert sorted(c.name for c in Services(db).classes.all()) == ["5.A"]
    finally:
        db.close()


def test_a_damaged_database_is_refused_with_the_latest_good_backup_named(cli) -> None:
    """The command line never overwrites the damaged file; it says where a good copy is."""
    assert cli("demo").returncode == 0
    assert cli("check").returncode == 0  # opening keeps today's rolling copy
    database = cli.data_dir / "skolehjem.sqlite"
    database.write_bytes(b"\x00garbage" * 2048)
    before = database.read_bytes()
    done = cli("check")
    assert done.returncode == 1
    assert "backups" in done.stderr and "restore" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert database.read_bytes() == before
