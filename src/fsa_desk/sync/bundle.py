"""Sealing a bundle, and opening one with every check made before the database is touched.

A bundle is a plain age v1 file (``age -d -i recovery.key X.fsabundle | tar -x`` works) holding a
ustar archive of ``manifest.json``, ``manifest.sig`` and ``changes.jsonl.zst`` (DESIGN.md §5).
Opening runs the checks in the design's order: size, decryption, tar shape, canonical manifest,
known format, enrolled and unrevoked signer, signature, addressed to us, schema, payload hash;
``check_content`` then reads every line (decompressed-size limit, origin, clock, values, counts).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import pyrage

from fsa_desk import __version__
from fsa_desk.store import schema
from fsa_desk.sync import keys, rejections
from fsa_desk.sync.changes import LineChecker
from fsa_desk.sync.container import read_tar, write_tar
from fsa_desk.sync.index_format import IndexChecker
from fsa_desk.sync.manifest import (
    EXPORT_KINDS,
    LEAD_KINDS,
    Manifest,
    manifest_hash,
    parse_manifest,
)
from fsa_desk.sync.payload import PayloadBuilder, iter_lines

MEMBERS = ("manifest.json", "manifest.sig", "changes.jsonl.zst")
DAY_MS = 24 * 60 * 60 * 1000
_NO_MATCHING_KEY = "No matching keys found"


@dataclass(frozen=True)
class Limits:
    """What an importer accepts at most; a full bundle at provider scale stays far below."""

    bundle_bytes: int = 2**30
    content_bytes: int = 4 * 2**30
    manifest_bytes: int = 2**16


@dataclass(frozen=True)
class Draft:
    """What the writer of a bundle decides; ``seal`` adds the payload's figures."""

    kind: str
    team_id: str
    device: str
    signer: str
    sequence: int
    first_sequence: int
    previous_hash: str | None
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class Sealed:
    data: bytes  # the age file
    manifest: Manifest
    manifest_hash: str


@dataclass(frozen=True)
class TrustedDevice:
    device_id: str
    fingerprint: str
    counsellor_id: str
    role: str
    signing_public: bytes
    revoked: bool


@dataclass(frozen=True)
class Trust:
    """What this installation knows when it opens a bundle."""

    identities: tuple[str, ...]  # age identities that may decrypt
    devices: Mapping[str, TrustedDevice]  # by fingerprint
    role: str  # this installation's: counsellor or lead
    now_ms: int


@dataclass(frozen=True)
class Opened:
    manifest: Manifest
    manifest_hash: str
    payload: memoryview
    signer: TrustedDevice

    def lines(self, limits: Limits) -> Iterator[bytes]:
        return iter_lines(self.payload, self.manifest.content_size, limits.content_bytes)


def seal(draft: Draft, builder: PayloadBuilder, signing_private: bytes) -> Sealed:
    """Sign and encrypt a bundle of the lines collected in ``builder``."""
    payload = builder.finish()
    return sign_and_encrypt(manifest_for(draft, builder, payload), payload, signing_private)


def manifest_for(draft: Draft, builder: PayloadBuilder, payload: bytes) -> Manifest:
    return Manifest(
        kind=draft.kind,
        bundle_id=uuid.uuid4().hex,
        team_id=draft.team_id,
        device=draft.device,
        signer=draft.signer,
        sequence=draft.sequence,
        first_sequence=draft.first_sequence,
        previous_hash=draft.previous_hash,
        recipients=tuple(sorted(set(draft.recipients))),
        hlc_from=builder.hlc_from,
        hlc_to=builder.hlc_to,
        payload_sha256=hashlib.sha256(payload).hexdigest(),
        payload_size=len(payload),
        content_size=builder.content_size,
        counts=dict(sorted(builder.counts.items())),
        schema=schema.HEAD,
        app_version=__version__,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def sign_and_encrypt(manifest: Manifest, payload: bytes, signing_private: bytes) -> Sealed:
    manifest_bytes = manifest.to_bytes()
    signature = keys.sign(signing_private, keys.MANIFEST_CONTEXT, manifest_bytes)
    archive = pack(manifest_bytes, signature, payload)
    return Sealed(encrypt(archive, manifest.recipients), manifest, manifest_hash(manifest_bytes))


def pack(manifest_bytes: bytes, signature: bytes, payload: bytes) -> bytes:
    """The inner tar of a bundle."""
    return write_tar(list(zip(MEMBERS, (manifest_bytes, signature, payload), strict=True)))


def encrypt(archive: bytes, recipients: tuple[str, ...]) -> bytes:
    """A plain age v1 file, readable with any of the recipients' identities."""
    return bytes(pyrage.encrypt(archive, [pyrage.x25519.Recipient.from_str(r) for r in recipients]))


def open_bundle(data: bytes, trust: Trust, limits: Limits) -> Opened:
    """Decrypt and check everything but the lines; raises the rejection that applies."""
    if len(data) > limits.bundle_bytes:
        raise rejections.too_large(limits.bundle_bytes // 2**20)
    members = read_tar(_decrypt(data, trust.identities))
    manifest_bytes = _manifest_member(members, limits)
    manifest = parse_manifest(manifest_bytes)
    if [name for name, _ in members] != list(MEMBERS) or len(members[1][1]) != 64:
        raise rejections.damaged()
    _check_kind(manifest, trust)
    signer = _signer(manifest, trust)
    signature = bytes(members[1][1])
    if not keys.signature_valid(
        signer.signing_public, keys.MANIFEST_CONTEXT, manifest_bytes, signature
    ):
        raise rejections.bad_signature()
    _check_addressing(manifest, signer, trust)
    payload = members[2][1]
    if len(payload) != manifest.payload_size:
        raise rejections.damaged()
    if hashlib.sha256(payload).hexdigest() != manifest.payload_sha256:
        raise rejections.damaged()
    return Opened(manifest, manifest_hash(manifest_bytes), payload, signer)


def _decrypt(data: bytes, identities: tuple[str, ...]) -> bytes:
    if not identities:
        raise rejections.not_addressed()
    parsed = [pyrage.x25519.Identity.from_str(identity) for identity in identities]
    try:
        return bytes(pyrage.decrypt(data, parsed))
    except pyrage.DecryptError as error:
        if str(error) == _NO_MATCHING_KEY:
            raise rejections.not_addressed() from None
        raise rejections.damaged() from None


def _manifest_member(members: list[tuple[str, memoryview]], limits: Limits) -> bytes:
    if not members or members[0][0] != MEMBERS[0] or len(members[0][1]) > limits.manifest_bytes:
        raise rejections.damaged()
    return bytes(members[0][1])


def _check_kind(manifest: Manifest, trust: Trust) -> None:
    """A lead takes counsellors' exports; a counsellor takes only the lead's bundles."""
    if trust.role == "lead" and manifest.kind not in EXPORT_KINDS:
        raise rejections.wrong_kind_for_lead()
    if trust.role != "lead" and manifest.kind not in LEAD_KINDS:
        raise rejections.wrong_kind_for_counsellor()


def _signer(manifest: Manifest, trust: Trust) -> TrustedDevice:
    signer = trust.devices.get(manifest.signer)
    if signer is None:
        raise rejections.unknown_signer()
    if signer.revoked:
        raise rejections.revoked_signer()
    return signer


def _check_addressing(manifest: Manifest, signer: TrustedDevice, trust: Trust) -> None:
    """From the right signer, for us, of a schema we know."""
    if manifest.device != signer.device_id:
        raise rejections.foreign_change()
    if manifest.kind in LEAD_KINDS and signer.role != "lead":
        raise rejections.not_from_lead()
    ours = {keys.age_recipient(identity) for identity in trust.identities}
    if not ours.intersection(manifest.recipients):
        raise rejections.not_addressed()
    if manifest.schema not in schema.REVISIONS:
        raise rejections.too_new()


def check_content(opened: Opened, trust: Trust, limits: Limits) -> None:
    """Read every line: size limit, format, origin, clock, values; then the manifest's counts."""
    manifest = opened.manifest
    checker = _checker(opened, trust)
    counts: dict[str, int] = {}
    first = last = None
    for line in opened.lines(limits):
        table, hlc = checker.check(line)
        counts[table] = counts.get(table, 0) + 1
        first = first or hlc
        last = hlc
    if counts != dict(manifest.counts):
        raise rejections.counts_differ()
    if (first, last) != (manifest.hlc_from, manifest.hlc_to):
        raise rejections.counts_differ()


def _checker(opened: Opened, trust: Trust) -> LineChecker | IndexChecker:
    latest_wall = f"{trust.now_ms + DAY_MS:013d}"
    if opened.manifest.kind == "index":
        return IndexChecker(latest_wall)
    if opened.manifest.kind == "handover":  # the lead passes on everyone's changes
        return LineChecker(None, None, latest_wall)
    signer = opened.signer
    return LineChecker(
        frozenset({signer.device_id}), frozenset({signer.counsellor_id}), latest_wall
    )
