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
