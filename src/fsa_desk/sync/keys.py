"""Signing keys, age keys and fingerprints (DESIGN.md §5 "Keys").

Every installation has an Ed25519 signing key and an X25519 age identity. Its *fingerprint*
covers both public keys, so comparing it on the phone ("7F3A 0C19 …") proves that a device card
or a team file really comes from the colleague it names.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

MANIFEST_CONTEXT = b"fsa-desk/bundle/v1/manifest\n"
CARD_CONTEXT = b"fsa-desk/card/v1\n"
TEAM_CONTEXT = b"fsa-desk/team/v1\n"
_FINGERPRINT_CONTEXT = b"fsa-desk/fingerprint/v1\n"
_FINGERPRINT = re.compile(r"[0-9a-f]{32}")
_IDENTITY_PREFIX = "AGE-SECRET-KEY-1"


def signing_public(private: bytes) -> bytes:
    """The raw 32-byte public key of a raw Ed25519 private key."""
    return (
        Ed25519PrivateKey.from_private_bytes(private)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def sign(private: bytes, context: bytes, message: bytes) -> bytes:
    """64 raw bytes; ``context`` keeps a signature for one purpose from passing for another."""
    return Ed25519PrivateKey.from_private_bytes(private).sign(context + message)


def signature_valid(public: bytes, context: bytes, message: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, context + message)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public: bytes, age_recipient: str) -> str:
    """32 hex digits over both public keys of a device."""
    digest = hashlib.sha256(_FINGERPRINT_CONTEXT + public + age_recipient.encode("ascii"))
    return digest.hexdigest()[:32]


def display_fingerprint(value: str) -> str:
    """``7F3A 0C19 …``: eight groups of four, easy to read out on the phone."""
    upper = value.upper()
    return " ".join(upper[i : i + 4] for i in range(0, len(upper), 4))


def parse_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, spaces, dashes or colons); ``ValueError`` otherwise."""
    compact = re.sub(r"[\s:-]", "", text).lower()
    if not _FINGERPRINT.fullmatch(compact):
        raise ValueError("not a fingerprint")
    return compact


def age_recipient(identity: str) -> str:
    """The public age recipient (``age1…``) of an identity (``AGE-SECRET-KEY-1…``)."""
    try:
        return str(pyrage.x25519.Identity.from_str(identity).to_public())
    except pyrage.IdentityError as error:
        raise ValueError("not an age identity") from error


def check_recipient(text: str) -> str:
    """``text`` if it is an age X25519 recipient (``age1…``); ``ValueError`` otherwise."""
    try:
        pyrage.x25519.Recipient.from_str(text)
    except pyrage.RecipientError as error:
        raise ValueError("not an age recipient") from error
    return text


def new_age_identity() -> str:
    return str(pyrage.x25519.Identity.generate())


def identity_file_text(identity: str, created: datetime) -> str:
    """A standard age identity file, as ``age-keygen`` writes it (``age -d -i FILE`` reads it)."""
    return (
        f"# created: {created.isoformat(timespec='seconds')}\n"
        f"# public key: {age_recipient(identity)}\n"
        f"{identity}\n"
    )


def identities_in_file(text: str) -> list[str]:
    """The age identities of an identity file; comments and blank lines are skipped."""
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not stripped.startswith(_IDENTITY_PREFIX):
            raise ValueError("not an age identity file")
        age_recipient(stripped)  # raises for a malformed identity
        found.append(stripped)
    return found
