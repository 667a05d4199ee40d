"""``encrypt``, ``decrypt``, ``change-passphrase`` and SKOLEHJEM_PASSPHRASE on the command line."""

from __future__ import annotations

from skolehjem_desktop.config import database_path
from skolehjem_desktop.store import crypto

SECRET = "en lang nok sætning"
NEW = "en anden lang sætning"


def test_encrypt_list_change_and_decrypt(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").returncode == 0
    plain = cli("list", "classes")
    assert plain.returncode == 0

    done = cli("encrypt", SKOLEHJEM_PASSPHRASE=SECRET)
    assert done.returncode == 0, done.stderr
    assert "no way back" in done.stdout
    assert not database_path(cli.data_dir).read_bytes().startswith(crypto.SQLITE_HEADER)

    listed = cli("list", "classes", SKOLEHJEM_PASSPHRASE=SECRET)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout == plain.stdout

    missing = cli("list", "classes")
    assert missing.returncode == 1
    assert "SKOLEHJEM_PASSPHRASE" in missing.stderr

    wrong = cli("list", "classes", SKOLEHJEM_PASSPHRASE="not the passphrase")
    assert wrong.returncode == 1
    assert "wrong" in wrong.stderr
    assert "ERROR" not in wrong.stderr and "hmac" not in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1

    changed = cli("change-passphrase", SKOLEHJEM_PASSPHRASE=SECRET, SKOLEHJEM_NEW_PASSPHRASE=NEW)
    assert changed.returncode == 0, changed.stderr
    assert cli("list", "classes", SKOLEHJEM_PASSPHRASE=NEW).stdout == plain.stdout

    off = cli("decrypt", SKOLEHJEM_PASSPHRASE=NEW)
    assert off.returncode == 0, off.stderr
    assert database_path(cli.data_dir).read_bytes().startswith(crypto.SQLITE_HEADER)
    assert cli("list", "classes").stdout == plain.stdout


def test_a_short_passphrase_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").returncode == 0
    done = cli("encrypt", SKOLEHJEM_PASSPHRASE="short")
    assert done.returncode == 1
    assert "at least 8" in done.stderr
    assert database_path(cli.data_dir).read_bytes().startswith(crypto.SQLITE_HEADER)


class _Killed(BaseException):
    """Stands in for SIGKILL in this process: nothing catches it."""


def _interrupt(monkeypatch, step: str, work) -> None:  # type: ignore[no-untyped-def]
    """Run ``work`` until the protection change reaches ``step`` (past its commit point)."""
    from skolehjem_desktop.services import protection_files

    def pause(name: str) -> None:
        if name == step:
            raise _Killed

    with monkeypatch.context() as patch:
        patch.setattr(protection_files, "test_pause", pause)
        try:
            work()
        except _Killed:
            return
    raise AssertionError(f"the change never reached {step}")


def test_each_command_run_again_finishes_its_interrupted_change(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.services import protection

    assert cli("demo").returncode == 0
    assert cli("list", "classes").returncode == 0  # the rolling backups
    data = cli.data_dir

    _interrupt(monkeypatch, "swapped", lambda: protection.encrypt(data, SECRET))
    again = cli("encrypt")  # no passphrase needed to finish
    assert again.returncode == 0, again.stderr
    assert "interrupted is finished now" in again.stdout and "(2 backups too)" in again.stdout
    assert cli("list", "classes", SKOLEHJEM_PASSPHRASE=SECRET).returncode == 0

    _interrupt(monkeypatch, "backups", lambda: protection.change_passphrase(data, SECRET, NEW))
    again = cli("change-passphrase")
    assert again.returncode == 0, again.stderr
    assert "interrupted is finished now" in again.stdout and "(1 backups too)" in again.stdout
    assert cli("list", "classes", SKOLEHJEM_PASSPHRASE=NEW).returncode == 0

    _interrupt(monkeypatch, "swapped", lambda: protection.decrypt(data, NEW))
    again = cli("decrypt")
    assert again.returncode == 0, again.stderr
    assert "no longer protected" in again.stdout
    assert not crypto.is_marked(data)
    refused = cli("decrypt")  # finished: nothing is left to do
    assert refused.returncode == 1 and "not protected" in refused.stderr


def test_change_passphrase_says_both_passphrases_are_needed(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").returncode == 0
    assert cli("encrypt", SKOLEHJEM_PASSPHRASE=SECRET).returncode == 0
    for env in ({"SKOLEHJEM_PASSPHRASE": SECRET}, {"SKOLEHJEM_NEW_PASSPHRASE": NEW}):
        done = cli("change-passphrase", **env)
        assert done.returncode == 1
        assert "SKOLEHJEM_PASSPHRASE" in done.stderr and "SKOLEHJEM_NEW_PASSPHRASE" in done.stderr
    assert cli("list", "classes", SKOLEHJEM_PASSPHRASE=SECRET).returncode == 0


def test_encrypt_again_encrypts_plain_backups_an_earlier_version_left(cli) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.config import backup_dir

    assert cli("demo").returncode == 0
    assert cli("list", "classes").returncode == 0  # the rolling backups, plain
    path = database_path(cli.data_dir)
    copy = path.with_name("copy.sqlite")
    crypto.export_copy(path, None, copy, SECRET)  # what the earlier version's swap left
    copy.replace(path)
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    crypto.marker_path(cli.data_dir).write_text("", encoding="utf-8")

    done = cli("encrypt", SKOLEHJEM_PASSPHRASE=SECRET)

    assert done.returncode == 0, done.stderr
    assert "(2 backups too)" in done.stdout
    for backup in backup_dir(cli.data_dir).iterdir():
        assert not backup.read_bytes().startswith(crypto.SQLITE_HEADER), backup.name
    refused = cli("encrypt", SKOLEHJEM_PASSPHRASE=SECRET)
    assert refused.returncode == 1 and "already protected" in refused.stderr
