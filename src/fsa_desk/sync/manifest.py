"""The bundle manifest: what a bundle is, who signed it for whom, and what its payload must be.

Canonical JSON (``sync.canonical``) with exactly the keys below; reading refuses anything else.
The manifest's SHA-256 is the bundle's *hash*: the next bundle of the same device names it as
``previous_hash``, and re-encrypting a bundle (age output differs every time) keeps it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from fsa_desk.sync import rejections
from fsa_desk.sync.canonical import canonical_json, parse_canonical

FORMAT = 1
KINDS = ("delta", "full", "handover", "index")
# Changes from a counsellor's installation; the lead's bundles to counsellors.
EXPORT_KINDS = frozenset({"delta", "full"})
LEAD_KINDS = frozenset({"handover", "index"})

_HEX32 = re.compile(r"[0-9a-f]{32}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HLC = re.compile(r"\d{13}-\d{4}-[0-9a-f]{32}")
_NAME = re.compile(r"[a-z][a-z0-9_]{0,59}")


@dataclass(frozen=True)
class Manifest:
    kind: str
    bundle_id: str
    team_id: str
    device: str  # the signing device
    signer: str  # its fingerprint
    sequence: int  # per device and stream, from 1
    first_sequence: int  # a full bundle covers 1…sequence, a delta only its own number
    previous_hash: str | None
    recipients: tuple[str, ...]  # age recipients, sorted
    hlc_from: str | None
    hlc_to: str | None
    payload_sha256: str
    payload_size: int  # compressed bytes
    content_size: int  # decompressed bytes
    counts: Mapping[str, int]  # lines per table
    schema: str  # the writer's schema revision
    app_version: str
    created: str  # UTC, ISO 8601 seconds
    format: int = field(default=FORMAT)

    def to_bytes(self) -> bytes:
        document = asdict(self)
        document["recipients"] = list(self.recipients)
        document["counts"] = dict(self.counts)
        return canonical_json(document)

    @property
    def line_count(self) -> int:
        return sum(self.counts.values())


_FIELDS = frozenset(Manifest.__dataclass_fields__)


def manifest_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_manifest(data: bytes) -> Manifest:
    """The manifest in ``data``; a newer format is ``too_new``, anything malformed ``damaged``."""
    try:
        document = parse_canonical(data)
    except ValueError:
        raise rejections.damaged() from None
    version = document.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT:
        raise rejections.too_new()
    try:
        return _manifest(document)
    except (KeyError, TypeError, ValueError):
        raise rejections.damaged() from None


def _manifest(document: dict[str, Any]) -> Manifest:
    if set(document) != _FIELDS or document["format"] != FORMAT:
        raise ValueError("unexpected keys or format")
    if document["kind"] not in KINDS:
        raise ValueError("kind")
    manifest = Manifest(
        kind=document["kind"],
        bundle_id=_match(document["bundle_id"], _HEX32),
        team_id=_match(document["team_id"], _HEX32),
        device=_match(document["device"], _HEX32),
        signer=_match(document["signer"], _HEX32),
        sequence=_count(document["sequence"], minimum=1),
        first_sequence=_count(document["first_sequence"], minimum=1),
        previous_hash=_optional(document["previous_hash"], _HEX64),
        recipients=tuple(_text(r) for r in document["recipients"]),
        hlc_from=_optional(document["hlc_from"], _HLC),
        hlc_to=_optional(document["hlc_to"], _HLC),
        payload_sha256=_match(document["payload_sha256"], _HEX64),
        payload_size=_count(document["payload_size"]),
        content_size=_count(document["content_size"]),
        counts={_match(k, _NAME): _count(v, minimum=1) for k, v in document["counts"].items()},
        schema=_text(document["schema"]),
        app_version=_text(document["app_version"]),
        created=_moment(document["created"]),
    )
    _check_consistent(manifest)
    return manifest


def _check_consistent(manifest: Manifest) -> None:
    if manifest.first_sequence > manifest.sequence or not manifest.recipients:
        raise ValueError("sequence or recipients")
    if (manifest.hlc_from is None) != (manifest.line_count == 0 or manifest.kind == "index"):
        raise ValueError("HLC range")
    if manifest.hlc_from and manifest.hlc_to and manifest.hlc_from > manifest.hlc_to:
        raise ValueError("HLC range")


def _match(value: object, pattern: re.Pattern[str]) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ValueError("malformed")
    return value


def _optional(value: object, pattern: re.Pattern[str]) -> str | None:
    return None if value is None else _match(value, pattern)


def _count(value: object, minimum: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ValueError("not a count")
    return value


def _moment(value: object) -> str:
    datetime.fromisoformat(_text(value))  # raises ValueError for anything else
    return str(value)


def _text(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("not text")
    return value
