"""Encryption at rest: SQLCipher files, passphrases, re-keying, encrypted backups."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from skolehjem_desktop.config import backup_dir, database_path
from skolehjem_desktop.services import Services, protection
from skolehjem_desktop.services.data_folder import DataFolder
from skolehjem_desktop.services.demo import generate_demo
from skolehjem_desktop.services.refusals import describe
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.backup import backup_database
from skolehjem_desktop.store.database import (
    DatabaseRefused,
    PassphraseNeeded,
    WrongPassphrase,
    open_database,
    read_revision,
)
from skolehjem_desktop.store.refusals import Refusal

SECRET = "rødgrød med 'fløde' \"og\" mere"
OTHER = "et helt andet ord"


def _names(data_dir: Path, passphrase: str | None = None) -> list[str]:
    db = open_database(data_dir, passphrase)
    try:
        with db.reading() as session:
            rows = session.execute(text("SELECT first_name FROM student ORDER BY id")).all()
        return [str(r[0]) for r in rows]
    finally:
        db.close()


def _counts(data_dir: Path, passphrase: str | None = None) -> dict[str, int]:
    conn = crypto.connect(database_path(data_dir), passphrase, read_only=True)
    try:
        return crypto.table_counts(conn)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def _demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    db = open_database(folder)
    generate_demo(db)
    db.close()
    open_database(folder).close()  # the rolling backups of a start
    return folder


@pytest.fixture
def demo_dir(_demo_master: Path, data_dir: Path) -> Path:
    import shutil

    shutil.copytree(_demo_master, data_dir)
    return data_dir


def _all_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            data += side.read_bytes()
    return data


def _distinct_names(data_dir: Path) -> list[str]:
    names = sorted({n for n in _names(data_dir, crypto_key(data_dir)) if len(n) >= 5})
    assert len(names) >= 5
    return names[:12]


def crypto_key(data_dir: Path) -> str | None:
    return SECRET if crypto.is_encrypted(data_dir) else None


def test_plain_database_shows_names_and_encrypted_one_does_not(demo_dir: Path) -> None:
    names = _distinct_names(demo_dir)
    plain = _all_bytes(database_path(demo_dir))
    assert any(n.encode() in plain for n in names)  # the test would see them

    result = protection.encrypt(demo_dir, SECRET)

    assert result.backups_converted >= 1
    assert crypto.is_marked(demo_dir)
    assert crypto.marker_path(demo_dir).read_bytes() == b""  # no secret in the marker
    db = open_database(demo_dir, SECRET)  # a start: WAL, rolling backups
    db.close()
    encrypted = _all_bytes(database_path(demo_dir))
    assert not encrypted.startswith(crypto.SQLITE_HEADER)
    for name in names:
        assert name.encode() not in encrypted
        assert name.encode("utf-16-le") not in encrypted
    assert SECRET.encode() not in encrypted
    leftovers = sorted(p.name for p in demo_dir.iterdir())
    assert leftovers == ["backups", "encrypted", "skolehjem.sqlite"]


def test_backups_are_encrypted_after_encrypt_and_plain_after_decrypt(demo_dir: Path) -> None:
    names = _distinct_names(demo_dir)
    before = sorted(p.name for p in backup_dir(demo_dir).iterdir())
    assert before

    protection.encrypt(demo_dir, SECRET)

    after = sorted(p.name for p in backup_dir(demo_dir).iterdir())
    assert after == before  # converted in place, no plain copy beside them
    for backup in backup_dir(demo_dir).iterdir():
        data = backup.read_bytes()
        assert not data.startswith(crypto.SQLITE_HEADER)
        assert not any(n.encode() in data for n in names)
        assert crypto.opens_with(backup, SECRET)

    protection.decrypt(demo_dir, SECRET)

    for backup in backup_dir(demo_dir).iterdir():
        assert backup.read_bytes().startswith(crypto.SQLITE_HEADER)
        assert crypto.opens_with(backup, None)


def test_backup_of_an_encrypted_database_is_encrypted_with_the_same_key(
    demo_dir: Path, tmp_path: Path
) -> None:
    protection.encrypt(demo_dir, SECRET)
    db = open_database(demo_dir, SECRET)
    try:
        target = db.backup_to(tmp_path / "usb" / "copy.sqlite")
    finally:
        db.close()
    assert not target.read_bytes().startswith(crypto.SQLITE_HEADER)
    assert crypto.opens_with(target, SECRET)
    assert not crypto.opens_with(target, OTHER)
    again = backup_database(target, tmp_path / "again.sqlite", SECRET)
    assert crypto.opens_with(again, SECRET)


def test_no_passphrase_asks_for_one(demo_dir: Path) -> None:
    protection.encrypt(demo_dir, SECRET)
    with pytest.raises(PassphraseNeeded, match="passphrase"):
        open_database(demo_dir)


def test_wrong_passphrase_is_refused_quietly(
    demo_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    protection.encrypt(demo_dir, SECRET)
    capfd.readouterr()
    before = database_path(demo_dir).read_bytes()

    with pytest.raises(WrongPassphrase, match="wrong"):
        open_database(demo_dir, OTHER)

    out, err = capfd.readouterr()
    assert "ERROR" not in err and "hmac" not in err and err == ""
    assert out == ""
    assert database_path(demo_dir).read_bytes() == before


def test_sqlcipher_lines_are_kept_from_stderr_in_a_fresh_process(demo_dir: Path) -> None:
    protection.encrypt(demo_dir, SECRET)
    code = (
        "import sys; from pathlib import Path\n"
        "from skolehjem_desktop.store.database import open_database, WrongPassphrase\n"
        "try:\n"
        f"    open_database(Path({str(demo_dir)!r}), 'not the passphrase')\n"
        "except WrongPassphrase:\n"
        "    print('refused')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "refused"
    assert done.stderr == ""


def test_read_revision_mentions_the_passphrase_only_for_a_marked_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    junk = folder / "skolehjem.sqlite"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(DatabaseRefused) as plain:
        read_revision(junk)
    assert plain.value.reason is Refusal.NOT_OURS
    assert "passphrase" not in describe(Refusal.NOT_OURS, path=junk)
    crypto.marker_path(folder).write_text("", encoding="utf-8")
    with pytest.raises(DatabaseRefused) as marked:
        read_revision(junk)
    assert marked.value.reason is Refusal.NOT_OURS_OR_LOCKED
    assert "passphrase" in describe(Refusal.NOT_OURS_OR_LOCKED, path=junk)


def test_corrupt_file_without_marker_is_still_not_ours(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    junk = database_path(folder)
    junk.write_bytes(os.urandom(8192))
    before = junk.read_bytes()
    with pytest.raises(DatabaseRefused, match="not a Skolehjem database"):
        DataFolder(folder).open()
    assert junk.read_bytes() == before


def test_encrypted_database_works_for_the_services(demo_dir: Path) -> None:
    protection.encrypt(demo_dir, SECRET)
    db = open_database(demo_dir, SECRET)
    try:
        services = Services(db)
        assert services.classes is not None
        with db.transaction() as session:
            session.execute(text("UPDATE student SET first_name = 'Ærø' WHERE id = 1"))
        with db.reading() as session:
            folded = session.execute(
                text("SELECT count(*) FROM student WHERE casefold(first_name) = 'ærø'")
            ).scalar()
        assert folded == 1
    finally:
        db.close()
    assert _names(demo_dir, SECRET)[0] == "Ærø"


def test_change_passphrase_keeps_all_data(demo_dir: Path) -> None:
    protection.encrypt(demo_dir, SECRET)
    counts = _counts(demo_dir, SECRET)
    names = _names(demo_dir, SECRET)

    protection.change_passphrase(demo_dir, SECRET, OTHER)

    assert _counts(demo_dir, OTHER) == counts
    assert _names(demo_dir, OTHER) == names
    with pytest.raises(WrongPassphrase):
        open_database(demo_dir, SECRET)
    for backup in backup_dir(demo_dir).iterdir():
        assert crypto.opens_with(backup, OTHER)
        assert not crypto.opens_with(backup, SECRET)


def test_change_with_a_wrong_old_passphrase_changes_nothing(demo_dir: Path) -> None:
    protection.encrypt(demo_dir, SECRET)
    before = database_path(demo_dir).read_bytes()
    with pytest.raises(WrongPassphrase):
        protection.change_passphrase(demo_dir, "not it at all", OTHER)
    assert database_path(demo_dir).read_bytes() == before


def test_decrypt_gives_a_plain_file_with_every_row(demo_dir: Path) -> None:
    counts = _counts(demo_dir)
    protection.encrypt(demo_dir, SECRET)

    protection.decrypt(demo_dir, SECRET)

    assert database_path(demo_dir).read_bytes().startswith(crypto.SQLITE_HEADER)
    assert not crypto.is_marked(demo_dir)
    assert _counts(demo_dir) == counts
    db = open_database(demo_dir)
    db.close()


def test_decrypt_with_a_wrong_passphrase_changes_nothing(demo_dir: Path) -> None:
    protection.encrypt(demo_dir, SECRET)
    before = database_path(demo_dir).read_bytes()
    with pytest.raises(WrongPassphrase):
        protection.decrypt(demo_dir, OTHER)
    assert database_path(demo_dir).read_bytes() == before
    assert crypto.is_marked(demo_dir)


@pytest.mark.parametrize("weak", ["", "kort", "1234567", " leading space", "tab\tinside"])
def test_weak_passphrases_are_refused(demo_dir: Path, weak: str) -> None:
    before = database_path(demo_dir).read_bytes()
    with pytest.raises(protection.WeakPassphrase):
        protection.encrypt(demo_dir, weak)
    assert database_path(demo_dir).read_bytes() == before
    assert not crypto.is_marked(demo_dir)


def test_encrypt_twice_is_refused(demo_dir: Path) -> None:
    protection.encrypt(demo_dir, SECRET)
    with pytest.raises(protection.ProtectionError, match="already"):
        protection.encrypt(demo_dir, OTHER)


def test_reopen_switches_an_open_database_to_the_new_key(demo_dir: Path) -> None:
    db = open_database(demo_dir)
    db.close()
    protection.encrypt(demo_dir, SECRET)
    db.reopen(SECRET)
    try:
        with db.reading() as session:
            assert session.execute(text("SELECT count(*) FROM student")).scalar()
        assert db.encrypted
    finally:
        db.close()


def test_stale_marker_on_a_plain_file_is_removed(demo_dir: Path) -> None:
    crypto.marker_path(demo_dir).write_text("", encoding="utf-8")
    open_database(demo_dir).close()
    assert not crypto.is_marked(demo_dir)
