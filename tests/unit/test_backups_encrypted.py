"""Backups and restores of a data folder protected with a passphrase (SQLCipher)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from skolehjem_desktop.config import backup_dir, database_path
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.services import Services, protection
from skolehjem_desktop.services.backups import (
    BackupRefused,
    backup_to,
    inspect_backup,
    latest_good_backup,
    restore_from,
)
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.database import Database, PassphraseNeeded, open_database

SECRET = "rødgrød med 'fløde'"
OTHER = "et helt andet ord"
NAMES = ("Søren", "Łukasz", "Ayşe")


def _school(data_dir: Path, klass: str, passphrase: str | None = None) -> None:
    """A folder with one class and the three pupils, protected if ``passphrase`` is given."""
    db = open_database(data_dir)
    try:
        services = Services(db)
        made = services.classes.create(klass, services.classes.current_year())
        for name in NAMES:
            services.students.add(name, f"Ærø {klass}", made.id)
    finally:
        db.close()
    if passphrase is not None:
        protection.encrypt(data_dir, passphrase)


def _classes(db: Database) -> list[str]:
    with db.reading() as session:
        return [str(r[0]) for r in session.execute(text("SELECT name FROM school_class"))]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def protected(tmp_path: Path) -> Path:
    folder = tmp_path / "protected"
    _school(folder, "5.A", SECRET)
    return folder


@pytest.fixture
def encrypted_backup(protected: Path, tmp_path: Path) -> Path:
    db = open_database(protected, SECRET)
    try:
        usb = tmp_path / "usb"
        usb.mkdir()
        info = backup_to(db, usb / "b.sqlite")
    finally:
        db.close()
    assert info.encrypted and (info.classes, info.pupils) == (1, 3)
    return info.path


def test_backup_of_a_protected_folder_is_encrypted(encrypted_backup: Path) -> None:
    data = encrypted_backup.read_bytes()
    assert not data.startswith(crypto.SQLITE_HEADER)
    for name in NAMES:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert name.encode(encoding) not in data
    # The schema's words are in every plain SQLite file; three bytes such as the class
    # name "5.A" turn up in random bytes by chance (about one backup in 170).
    assert b"school_class" not in data and b"CREATE TABLE" not in data
    assert crypto.opens_with(encrypted_backup, SECRET)
    assert not crypto.opens_with(encrypted_backup, None)
    # overwriting an earlier encrypted backup of the same folder is fine
    assert inspect_backup(encrypted_backup, SECRET).pupils == 3


def test_missing_or_wrong_passphrase_is_refused_and_the_file_untouched(
    encrypted_backup: Path,
) -> None:
    before = _digest(encrypted_backup)
    with pytest.raises(BackupRefused, match="protected with a passphrase"):
        inspect_backup(encrypted_backup)
    with pytest.raises(crypto.WrongPassphrase, match="passphrase is wrong"):
        inspect_backup(encrypted_backup, OTHER)
    assert _digest(encrypted_backup) == before
    assert sorted(p.name for p in encrypted_backup.parent.iterdir()) == ["b.sqlite"]


def test_damaged_encrypted_backup_is_refused(encrypted_backup: Path, tmp_path: Path) -> None:
    raw = bytearray(encrypted_backup.read_bytes())
    for i in range(4200, len(raw), 37):
        raw[i] ^= 0x5A
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(bytes(raw))
    with pytest.raises(UserError):
        inspect_backup(bad, SECRET)
    short = tmp_path / "short.sqlite"
    short.write_bytes(encrypted_backup.read_bytes()[:100])
    with pytest.raises(BackupRefused, match="not a Skolehjem backup"):
        inspect_backup(short, SECRET)


def test_plain_files_still_checked_with_a_passphrase_given(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    _school(folder, "6.B")
    db = open_database(folder)
    try:
        info = backup_to(db, tmp_path / "plain.sqlite")
    finally:
        db.close()
    assert not info.encrypted
    assert inspect_backup(info.path, SECRET).pupils == 3  # the passphrase is not needed


def test_restore_encrypted_backup_into_protected_folder(
    encrypted_backup: Path, tmp_path: Path
) -> None:
    target = tmp_path / "target"
    _school(target, "9.Z", SECRET)
    closed: list[bool] = []
    result = restore_from(
        target, encrypted_backup, engine_closer=lambda: closed.append(True), passphrase=SECRET
    )
    try:
        assert closed == [True]
        assert result.db.encrypted and _classes(result.db) == ["5.A"]
    finally:
        result.db.close()
    live = database_path(target)
    assert not crypto.has_plain_header(live) and crypto.is_encrypted(target)
    db = open_database(target, SECRET)
    try:
        assert _classes(db) == ["5.A"]
    finally:
        db.close()
    # what was replaced is kept, encrypted with the same passphrase
    assert result.replaced_copy is not None
    assert not crypto.has_plain_header(result.replaced_copy)
    assert inspect_backup(result.replaced_copy, SECRET).classes == 1


def test_plain_backup_into_protected_folder_is_encrypted(tmp_path: Path) -> None:
    source = tmp_path / "plain"
    _school(source, "6.B")
    db = open_database(source)
    try:
        plain = backup_to(db, tmp_path / "plain.sqlite").path
    finally:
        db.close()
    target = tmp_path / "target"
    _school(target, "9.Z", SECRET)
    result = restore_from(target, plain, engine_closer=lambda: None, passphrase=SECRET)
    result.db.close()
    live = database_path(target)
    data = live.read_bytes()
    assert not data.startswith(crypto.SQLITE_HEADER)
    assert "Søren".encode() not in data
    db = open_database(target, SECRET)
    try:
        assert _classes(db) == ["6.B"]
    finally:
        db.close()


def test_restore_into_protected_folder_needs_the_right_passphrase(
    encrypted_backup: Path, tmp_path: Path
) -> None:
    target = tmp_path / "target"
    _school(target, "9.Z", SECRET)
    live = database_path(target)
    before = _digest(live)

    def must_not_close() -> None:
        raise AssertionError("closed")

    with pytest.raises(PassphraseNeeded):
        restore_from(target, encrypted_backup, engine_closer=must_not_close)
    with pytest.raises(crypto.WrongPassphrase):
        restore_from(target, encrypted_backup, engine_closer=must_not_close, passphrase=OTHER)
    assert _digest(live) == before
    assert not list(target.glob("*.restore-staging*"))


def test_backup_with_an_old_passphrase(encrypted_backup: Path, tmp_path: Path) -> None:
    target = tmp_path / "target"
    _school(target, "9.Z", OTHER)
    result = restore_from(
        target,
        encrypted_backup,
        engine_closer=lambda: None,
        passphrase=OTHER,
        backup_passphrase=SECRET,
    )
    result.db.close()
    db = open_database(target, OTHER)
    try:
        assert _classes(db) == ["5.A"]
    finally:
        db.close()


def test_encrypted_backup_into_plain_folder_gives_plain_data(
    encrypted_backup: Path, tmp_path: Path
) -> None:
    target = tmp_path / "target"
    _school(target, "9.Z")
    result = restore_from(
        target, encrypted_backup, engine_closer=lambda: None, backup_passphrase=SECRET
    )
    result.db.close()
    assert crypto.has_plain_header(database_path(target))
    db = open_database(target)
    try:
        assert not db.encrypted and _classes(db) == ["5.A"]
    finally:
        db.close()


def test_latest_good_backup_of_a_protected_folder(protected: Path) -> None:
    open_database(protected, SECRET).close()
    folder = backup_dir(protected)
    assert list(folder.glob("*.sqlite"))
    assert latest_good_backup(protected) is None  # cannot be read without the passphrase
    good = latest_good_backup(protected, SECRET)
    assert good is not None and inspect_backup(good, SECRET).pupils == 3
