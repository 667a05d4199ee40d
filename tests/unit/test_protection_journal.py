"""An interrupted protection change is finished or undone: copies, journal, swap, settle.

Each test makes the state a kill leaves at one moment of a change, without a process
of its own: a step of the change raises :class:`Killed` (a ``BaseException`` the code
does not catch), or the copies are made by hand. Then it looks at the folder as the
next start would (:meth:`DataFolder.open`, :meth:`DataFolder.is_protected` or the use
case run again) and checks that every file is in one state, with every row, and that
nothing is left behind.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from skolehjem_desktop.config import backup_dir, database_path
from skolehjem_desktop.services import Services, protection
from skolehjem_desktop.services import protection_files as files
from skolehjem_desktop.services.data_folder import DataFolder
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.backup import backup_database
from skolehjem_desktop.store.database import open_database

SECRET = "rødgrød med 'fløde'"
NEW = "et helt andet ord"


class Killed(BaseException):
    """Stands in for SIGKILL: nothing catches it, no clean-up runs."""


def _counts(path: Path, key: str | None) -> dict[str, int]:
    conn = crypto.connect(path, key, read_only=True)
    try:
        return crypto.table_counts(conn)
    finally:
        conn.close()


def _keyed(path: Path, key: str | None) -> bool:
    return crypto.has_plain_header(path) == (key is None) and crypto.opens_with(path, key)


@pytest.fixture(scope="module")
def _master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("master") / "data"
    services = Services(open_database(folder))
    try:
        klass = services.classes.create("5.A", services.classes.current_year())
        for name in ("Søren", "Łukasz", "Ayşe"):
            services.students.add(name, "Ærø", klass.id)
    finally:
        services.close()
    assert not database_path(folder).with_name("skolehjem.sqlite-wal").exists()
    for day in ("2020-01-06", "2020-01-07"):
        backup_database(database_path(folder), backup_dir(folder) / f"daily-{day}.sqlite")
    return folder


@pytest.fixture
def folder(_master: Path, tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(_master, data_dir)
    return data_dir


def _files(data_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if p.is_file())


def _backups(data_dir: Path) -> list[Path]:
    return sorted(backup_dir(data_dir).glob("*.sqlite"))


def _all_in(data_dir: Path, key: str | None) -> None:
    """The database and every backup in the state ``key`` means; nothing else left."""
    for path in [database_path(data_dir), *_backups(data_dir)]:
        assert _keyed(path, key), path.name
        assert _counts(path, key)["student"] == 3
    names = _files(data_dir)
    assert not [n for n in names if files.TEMP_SUFFIX in n or n.endswith("-journal")]
    # (a WAL-mode file read here may get an empty WAL beside it; never one with content)
    assert not [n for n in names if n.endswith("-wal") and (data_dir / n).stat().st_size]
    assert files.JOURNAL_NAME not in names
    assert (crypto.MARKER_NAME in names) == (key is not None)


def _kill_at(monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    def pause(name: str) -> None:
        if name == step:
            raise Killed

    monkeypatch.setattr(files, "test_pause", pause)


def test_the_journal_is_written_whole_for_the_owner_and_holds_no_passphrase(
    folder: Path,
) -> None:
    files.write_journal(folder, files.Operation.ENCRYPT, files.Target.ENCRYPTED)
    path = files.journal_path(folder)
    assert json.loads(path.read_text(encoding="utf-8"))["operation"] == "encrypt"
    assert SECRET.encode() not in path.read_bytes()
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    assert not path.with_name(path.name + ".tmp").exists()
    assert files.read_journal(folder) == files.Journal(
        files.Operation.ENCRYPT, files.Target.ENCRYPTED
    )
    path.write_text("not json", encoding="utf-8")
    assert files.read_journal(folder) == files.Journal(None, None)


def test_a_folder_with_nothing_unfinished_is_left_alone(folder: Path) -> None:
    before = _files(folder)
    assert files.settle(folder) is None
    assert DataFolder(folder).is_protected() is False
    assert _files(folder) == before


@pytest.mark.parametrize("step", ["swapped", "backups"])
def test_an_encrypt_killed_after_its_commit_is_finished_at_open(
    folder: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    _kill_at(monkeypatch, step)
    with pytest.raises(Killed):
        protection.encrypt(folder, SECRET)
    assert files.journal_path(folder).exists()
    assert any(_keyed(b, None) for b in _backups(folder))  # a plain backup, still
    monkeypatch.undo()

    assert DataFolder(folder).is_protected()  # the next look finishes the change
    _all_in(folder, SECRET)
    DataFolder(folder).open(SECRET).close()


def test_an_encrypt_killed_before_its_commit_is_undone(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_journal(*args: object) -> None:
        raise Killed

    monkeypatch.setattr(files, "write_journal", no_journal)
    with pytest.raises(Killed):
        protection.encrypt(folder, SECRET)
    monkeypatch.undo()
    # What a kill leaves just before the commit point: every copy, made by hand.
    for path in [database_path(folder), *_backups(folder)]:
        protection._make_copy(path, None, SECRET)
    crypto.marker_path(folder).write_text("", encoding="utf-8")

    settled = files.settle(folder)

    assert settled == files.Settled(None, finished=False, backups=2)
    _all_in(folder, None)
    result = protection.encrypt(folder, SECRET)  # and it can simply be run again
    assert result.backups_converted == 2 and not result.finished_earlier
    _all_in(folder, SECRET)


def test_a_decrypt_killed_after_its_commit_is_finished_without_the_passphrase(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    protection.encrypt(folder, SECRET)
    _kill_at(monkeypatch, "swapped")
    with pytest.raises(Killed):
        protection.decrypt(folder, SECRET)
    monkeypatch.undo()
    assert crypto.has_plain_header(database_path(folder))

    settled = files.settle(folder)  # no passphrase at hand

    assert settled == files.Settled(files.Operation.DECRYPT, finished=True, backups=2)
    _all_in(folder, None)
    DataFolder(folder).open().close()


def test_a_change_of_passphrase_killed_half_way_is_finished_at_open(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    protection.encrypt(folder, SECRET)
    _kill_at(monkeypatch, "backups")
    with pytest.raises(Killed):
        protection.change_passphrase(folder, SECRET, NEW)
    monkeypatch.undo()
    states = sorted(_keyed(b, NEW) for b in _backups(folder))
    assert states == [False, True]  # one backup on each key

    DataFolder(folder).open(NEW).close()

    _all_in(folder, NEW)
    assert not any(crypto.opens_with(b, SECRET) for b in _backups(folder))


def test_the_database_written_to_after_its_copy_is_not_replaced(folder: Path) -> None:
    files.write_journal(folder, files.Operation.ENCRYPT, files.Target.ENCRYPTED)
    path = database_path(folder)
    protection._make_copy(path, None, SECRET)
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"\x37\x7f\x06\x82" + b"\0" * 28)  # a WAL with content: newer writes

    settled = files.settle(folder)

    assert settled is not None and not settled.finished
    assert crypto.has_plain_header(path)
    assert not files.temp_of(path).exists() and not files.journal_path(folder).exists()
    wal.unlink()


def test_a_journal_whose_database_copy_is_gone_and_state_not_reached_is_undone(
    folder: Path,
) -> None:
    files.write_journal(folder, files.Operation.ENCRYPT, files.Target.ENCRYPTED)
    backup = _backups(folder)[0]
    protection._make_copy(backup, None, SECRET)

    settled = files.settle(folder)

    assert settled == files.Settled(files.Operation.ENCRYPT, finished=False, backups=1)
    _all_in(folder, None)


def test_leftover_copies_of_backups_are_removed_at_open(folder: Path) -> None:
    stray = backup_dir(folder) / ("daily-2020-01-06.sqlite" + files.TEMP_SUFFIX)
    stray.write_bytes(b"half a copy")
    stray.with_name(stray.name + "-journal").write_bytes(b"")

    DataFolder(folder).open().close()

    assert not list(backup_dir(folder).glob(f"*{files.TEMP_SUFFIX}*"))


def test_nothing_is_settled_while_another_process_changes_the_folder(folder: Path) -> None:
    if os.name != "posix":
        pytest.skip("flock is POSIX")
    import fcntl

    stray = backup_dir(folder) / ("daily-2020-01-06.sqlite" + files.TEMP_SUFFIX)
    stray.write_bytes(b"a copy being made")
    fd = os.open(folder, os.O_RDONLY)  # another open file: as another process's lock
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(files.FolderBusy, match="another program"):
            DataFolder(folder).open()
        with pytest.raises(files.FolderBusy):
            protection.encrypt(folder, SECRET)
        assert stray.exists()
    finally:
        os.close(fd)
    DataFolder(folder).open().close()
    assert not stray.exists()


def test_a_failed_copy_changes_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Path] = []
    real = protection._make_copy

    def fails_on_the_last(source: Path, key: str | None, new_key: str | None) -> Path:
        if len(made) == 2:
            raise protection.ProtectionError("the disk is full")
        made.append(real(source, key, new_key))
        return made[-1]

    before = {p.name: p.read_bytes() for p in _backups(folder)}
    monkeypatch.setattr(protection, "_make_copy", fails_on_the_last)
    with pytest.raises(protection.ProtectionError, match="disk"):
        protection.encrypt(folder, SECRET)

    assert {p.name: p.read_bytes() for p in _backups(folder)} == before
    assert len(made) == 2  # the database's copy and one backup's, both removed again
    _all_in(folder, None)


def test_plain_backups_in_a_protected_folder_are_encrypted_by_encrypt_again(
    folder: Path,
) -> None:
    """What an earlier version left when it was killed between the database and backups."""
    path = database_path(folder)
    copy = files.temp_of(path)
    crypto.export_copy(path, None, copy, SECRET)
    copy.replace(path)
    crypto.marker_path(folder).write_text("", encoding="utf-8")
    assert all(_keyed(b, None) for b in _backups(folder))

    result = protection.encrypt(folder, SECRET)

    assert result.backups_converted == 2 and result.finished_earlier
    _all_in(folder, SECRET)
    with pytest.raises(protection.ProtectionError, match="already"):
        protection.encrypt(folder, SECRET)
