"""SQLCipher: encrypted data folders, keys, and encrypted copies.

A protected data folder holds an encrypted ``skolehjem.sqlite`` (no "SQLite format 3"
header) and a marker file ``encrypted`` that holds no secret: it only tells a
damaged or foreign file apart from one that needs a passphrase.

SQLCipher writes its own ``ERROR CORE ... hmac check failed`` lines to stderr when
a key is wrong; :func:`silence_sqlcipher` turns its log off for the process, and
every key check also runs with file descriptor 2 sent to ``/dev/null``.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from skolehjem_desktop.collation import compare
from skolehjem_desktop.store.refusals import PassphraseNeeded, Refusal, WrongPassphrase

__all__ = ["PassphraseNeeded", "WrongPassphrase"]  # and the functions below

SQLITE_HEADER = b"SQLite format 3\x00"
MARKER_NAME = "encrypted"


def _casefold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


def register_functions(dbapi_connection: Any) -> None:
    """The SQL functions and collations the schema uses (``casefold``, ``da``)."""
    # SQLite's lower() and LIKE fold ASCII only; names here have æ, ø, å, Ł, ş …
    dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)
    dbapi_connection.create_collation("da", compare)


def marker_path(data_dir: Path) -> Path:
    return data_dir / MARKER_NAME


def is_marked(data_dir: Path) -> bool:
    """True when the folder says its database is protected with a passphrase."""
    return marker_path(data_dir).exists()


def has_plain_header(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def is_encrypted(data_dir: Path) -> bool:
    """True when the folder's database needs a passphrase."""
    from skolehjem_desktop.config import database_path

    path = database_path(data_dir)
    if path.is_file() and path.stat().st_size > 0:
        return not has_plain_header(path) and is_marked(data_dir)
    return False


_silenced = False


def silence_sqlcipher() -> None:
    """Turn SQLCipher's own log (written to stderr) off for this process."""
    global _silenced  # noqa: PLW0603
    if _silenced:
        return
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE").fetchall()
    finally:
        conn.close()
    _silenced = True


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null for the block (C libraries write there)."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        fd = 2
    with suppress(AttributeError, OSError, ValueError):
        sys.stderr.flush()
    saved = os.dup(fd)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, fd)
        finally:
            os.close(devnull)
        yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


def key_literal(passphrase: str) -> str:
    """``passphrase`` as an SQL string literal (PRAGMA takes no bound parameters)."""
    return "'" + passphrase.replace("'", "''") + "'"


def connect(path: Path, passphrase: str | None, *, read_only: bool = False) -> Any:
    """A DB-API connection to ``path``: SQLCipher with the key set, or plain sqlite3.

    The key is not checked here; :func:`check_key` does that.
    """
    if passphrase is None:
        if read_only:
            conn: Any = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        else:
            conn = sqlite3.connect(path)
    else:
        silence_sqlcipher()
        from sqlcipher3 import dbapi2

        if read_only:
            conn = dbapi2.connect(f"file:{path}?mode=ro", uri=True)
        else:
            conn = dbapi2.connect(str(path))
        conn.execute(f"PRAGMA key = {key_literal(passphrase)}")
    register_functions(conn)
    return conn


def opens_with(path: Path, passphrase: str | None) -> bool:
    """True when ``passphrase`` (None: no key) reads ``path``."""
    with quiet_stderr():
        try:
            conn = connect(path, passphrase, read_only=True)
        except Exception:
            return False
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except Exception:
            return False
        finally:
            conn.close()
    return True


def check_key(path: Path, passphrase: str) -> None:
    """Raise :class:`WrongPassphrase` unless ``passphrase`` opens ``path``."""
    if not opens_with(path, passphrase):
        raise WrongPassphrase(reason=Refusal.WRONG_PASSPHRASE)


def export_copy(
    source: Path,
    source_key: str | None,
    target: Path,
    target_key: str | None,
    *,
    scratch: bool = False,
) -> dict[str, int]:
    """Write all of ``source`` into a new ``target`` with ``target_key`` (None: plain).

    Uses SQLCipher's ``sqlcipher_export`` in one statement, so the copy is consistent.
    ``target`` must not exist (or be empty). Returns the rows per table of ``source``
    (:func:`table_counts`), read on the same connection: what the copy must hold.
    Raises :class:`WrongPassphrase` (and writes nothing) when ``source_key`` does not
    open ``source``: trying a key this way costs no extra key derivation.

    ``scratch``: the caller checks the copy and syncs it to disk itself, and throws it
    away on any failure, so SQLite writes it without a journal or syncs of its own
    (several times faster).
    """
    silence_sqlcipher()
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(source))
    try:
        if source_key is not None:
            conn.execute(f"PRAGMA key = {key_literal(source_key)}")
        register_functions(conn)
        with quiet_stderr():
            try:
                counts = table_counts(conn)
            except dbapi2.DatabaseError:
                raise WrongPassphrase(reason=Refusal.WRONG_PASSPHRASE) from None
        conn.execute("ATTACH DATABASE ? AS target KEY ?", (str(target), target_key or ""))
        if scratch:
            conn.execute("PRAGMA target.synchronous = OFF").fetchall()
            conn.execute("PRAGMA target.journal_mode = OFF").fetchall()
        conn.execute("SELECT sqlcipher_export('target')").fetchall()
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA target.user_version = {int(version)}")
        conn.execute("DETACH DATABASE target")
    finally:
        conn.close()
    return counts


def table_counts(conn: Any) -> dict[str, int]:
    """Rows per table: what a verified copy must hold too."""
    names = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names
    }


def integrity_ok(conn: Any) -> bool:
    return [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
