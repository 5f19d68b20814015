"""The database key: a passphrase (real key derivation) or a raw 256-bit key (demo, tests).

A small verifier file lets us tell a wrong passphrase from a damaged database: SQLCipher reports
both as "file is not a database". It is consulted only after opening failed, so a correct
passphrase costs nothing extra; its scrypt cost matches SQLCipher's own key derivation, so it
gives an attacker no shortcut.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from fsa_desk.errors import PassphraseTooShort
from fsa_desk.i18n import _

MIN_PASSPHRASE_LENGTH = 8
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


@dataclass(frozen=True, repr=False)
class DatabaseKey:
    """What SQLCipher is keyed with; never printed."""

    secret: str  # the passphrase, or ``x'<64 hex>'`` for a raw key
    is_raw: bool

    @classmethod
    def passphrase(cls, text: str) -> DatabaseKey:
        if len(text) < MIN_PASSPHRASE_LENGTH:
            raise PassphraseTooShort(
                _("The passphrase must have at least {n} characters.").format(
                    n=MIN_PASSPHRASE_LENGTH
                )
            )
        return cls(text, is_raw=False)

    @classmethod
    def raw(cls, key: bytes) -> DatabaseKey:
        if len(key) != 32:
            raise ValueError("a raw database key has 32 bytes")
        return cls(f"x'{key.hex()}'", is_raw=True)

    @classmethod
    def random(cls) -> DatabaseKey:
        return cls.raw(secrets.token_bytes(32))

    def pragma_literal(self) -> str:
        """The key as an SQL literal for ``PRAGMA key`` (which cannot take a bound parameter)."""
        if self.is_raw:
            return f'"{self.secret}"'
        return "'" + self.secret.replace("'", "''") + "'"

    def __repr__(self) -> str:
        return "DatabaseKey(<hidden>)"


def write_verifier(path: Path, key: DatabaseKey) -> None:
    salt = os.urandom(16)
    record = {"kdf": "scrypt", **_SCRYPT, "salt": _b64(salt), "hash": _b64(_derive(key, salt))}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.replace(tmp, path)


def verifier_accepts(path: Path, key: DatabaseKey) -> bool | None:
    """True/False when the verifier can tell; None when there is no usable verifier."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        salt = base64.b64decode(record["salt"])
        expected = base64.b64decode(record["hash"])
    except (OSError, ValueError, KeyError):
        return None
    return hmac.compare_digest(_derive(key, salt), expected)


def _derive(key: DatabaseKey, salt: bytes) -> bytes:
    return hashlib.scrypt(key.secret.encode("utf-8"), salt=salt, maxmem=64 * 2**20, **_SCRYPT)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
