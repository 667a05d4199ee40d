"""The sealed envelope of a class file: what is on disk, and nothing readable in it.

A class file (``services/class_transfer``) is always encrypted with a passphrase the
teacher chooses for it, whether or not the data folder is protected::

    SKOLEHJEM-KLASSEFIL\\n                  the magic line: what kind of file this is
    {"format": 1, "kdf": {...}, ...}\\n      the header: the format and the key's salt;
                                            no name, no class, nothing about anyone
    AES-256-GCM(zlib(payload))              the payload, authenticated with the two
                                            lines above

The key is derived with scrypt (n = 2**17, r = 8, p = 1, 64 bytes): the first half
encrypts, the second half gives a check value in the header, so that a wrong passphrase
(the check differs) is told apart from a damaged file (the check holds, the
authentication fails). The header names its format first: a file of a newer format is
refused before any passphrase is asked for.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import zlib
from dataclasses import dataclass
from typing import Any, Final

from skolehjem_desktop.store.refusals import ClassFileRefused, Refusal

MAGIC: Final = b"SKOLEHJEM-KLASSEFIL\n"
FORMAT: Final = 1
SCRYPT_N: Final = 2**17
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
MAX_HEADER: Final = 4096
MAX_PAYLOAD: Final = 512 * 1024 * 1024  # uncompressed; a school's classes are far smaller
_CHECK_LABEL: Final = b"skolehjem class file passphrase check"


@dataclass(frozen=True)
class Header:
    format: int
    salt: bytes
    nonce: bytes
    check: bytes
    n: int
    r: int
    p: int
    raw: bytes  # the header line as written (authenticated with the payload)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    # scrypt needs 128 * n * r bytes; allow that and a little more.
    derived = hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r + 2**20, dklen=64
    )
    return derived[:32], hmac.new(derived[32:], _CHECK_LABEL, hashlib.sha256).digest()[:16]


def seal(payload: bytes, passphrase: str, *, n: int = SCRYPT_N) -> bytes:
    """The bytes of a class file holding ``payload``, sealed with ``passphrase``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    key, check = _key(passphrase, salt, n, SCRYPT_R, SCRYPT_P)
    header = {
        "format": FORMAT,
        "kdf": {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
        "cipher": "AES-256-GCM",
        "nonce": _b64(nonce),
        "check": _b64(check),
    }
    line = json.dumps(header, sort_keys=True).encode("ascii") + b"\n"
    body = AESGCM(key).encrypt(nonce, zlib.compress(payload, 6), MAGIC + line)
    return MAGIC + line + body


def _refuse(reason: Refusal, **facts: Any) -> ClassFileRefused:
    return ClassFileRefused(reason=reason, **facts)


def read_header(data: bytes) -> Header:
    """The header of a class file; refuses a file that is not one, or of a newer format."""
    if not data.startswith(MAGIC):
        raise _refuse(Refusal.NOT_A_CLASS_FILE)
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER)
    if end < 0:
        raise _refuse(Refusal.DAMAGED_CLASS_FILE)
    raw = data[len(MAGIC) : end + 1]
    try:
        fields = json.loads(raw)
        version = int(fields["format"])
    except (ValueError, KeyError, TypeError) as exc:
        raise _refuse(Refusal.DAMAGED_CLASS_FILE) from exc
    if version > FORMAT:
        raise _refuse(Refusal.NEWER_CLASS_FILE, format=version)
    try:
        kdf = fields["kdf"]
        header = Header(
            format=version,
            salt=base64.b64decode(kdf["salt"], validate=True),
            nonce=base64.b64decode(fields["nonce"], validate=True),
            check=base64.b64decode(fields["check"], validate=True),
            n=int(kdf["n"]),
            r=int(kdf["r"]),
            p=int(kdf["p"]),
            raw=raw,
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise _refuse(Refusal.DAMAGED_CLASS_FILE) from exc
    if kdf.get("name") != "scrypt" or not (2 <= header.n <= 2**20 and header.r <= 16):
        raise _refuse(Refusal.DAMAGED_CLASS_FILE)
    if len(header.nonce) != 12 or len(header.salt) < 16:
        raise _refuse(Refusal.DAMAGED_CLASS_FILE)
    return header


def unseal(data: bytes, passphrase: str) -> bytes:
    """The payload of a class file; refuses a wrong passphrase and a damaged file."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = read_header(data)
    try:
        key, check = _key(passphrase, header.salt, header.n, header.r, header.p)
    except (ValueError, MemoryError) as exc:
        raise _refuse(Refusal.DAMAGED_CLASS_FILE) from exc
    if not hmac.compare_digest(check, header.check):
        raise _refuse(Refusal.WRONG_CLASS_PASSPHRASE)
    body = data[len(MAGIC) + len(header.raw) :]
    try:
        compressed = AESGCM(key).decrypt(header.nonce, body, MAGIC + header.raw)
    except (InvalidTag, ValueError) as exc:
        raise _refuse(Refusal.DAMAGED_CLASS_FILE) from exc
    inflater = zlib.decompressobj()
    try:
        payload = inflater.decompress(compressed, MAX_PAYLOAD)
    except zlib.error as exc:  # pragma: no cover - authenticated, so written by us
        raise _refuse(Refusal.DAMAGED_CLASS_FILE) from exc
    if inflater.unconsumed_tail or not inflater.eof:
        raise _refuse(Refusal.DAMAGED_CLASS_FILE)
    return payload
