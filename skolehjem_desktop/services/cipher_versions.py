"""The versions of the encryption the data is kept with (for Help → About).

SQLCipher and the OpenSSL built into sqlcipher3's extension module; None when one
cannot be told.
"""

from __future__ import annotations


def openssl_version() -> str | None:
    """The OpenSSL built into sqlcipher3's extension module (it exports its own symbols)."""
    import ctypes

    try:
        from sqlcipher3 import _sqlite3

        # Not named "version": PyInstaller would take it for importlib.metadata's.
        openssl_call = ctypes.CDLL(_sqlite3.__file__).OpenSSL_version
    except (ImportError, OSError, AttributeError):
        return None
    openssl_call.restype = ctypes.c_char_p
    openssl_call.argtypes = [ctypes.c_int]
    text = openssl_call(0) or b""
    parts = text.decode("ascii", "replace").split()
    return parts[1] if len(parts) > 1 else None


def sqlcipher_version() -> str | None:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return None
    connection = dbapi2.connect(":memory:")
    try:
        row = connection.execute("PRAGMA cipher_version").fetchone()
    finally:
        connection.close()
    cipher = str(row[0]).split()[0] if row and row[0] else "–"  # SQLite without SQLCipher
    return f"{cipher} / {dbapi2.sqlite_version}"
