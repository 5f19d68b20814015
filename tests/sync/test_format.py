"""The bundle format's pieces on their own: canonical JSON, the strict tar reader, the manifest,
the payload stream, keys and fingerprints, device cards and team files."""

from __future__ import annotations

import io
import tarfile
import uuid

import pytest
import zstandard

from fsa_desk.sync import cards, keys
from fsa_desk.sync.bundle import MEMBERS
from fsa_desk.sync.canonical import canonical_json, parse_canonical
from fsa_desk.sync.changes import LineChecker, parse
from fsa_desk.sync.container import read_tar, write_tar
from fsa_desk.sync.manifest import FORMAT, Manifest, parse_manifest
from fsa_desk.sync.payload import PayloadBuilder, iter_lines
from fsa_desk.sync.rejections import BundleRejected, BundleTooNew

DEVICE = uuid.uuid4().hex


def _manifest(**changes: object) -> Manifest:
    fields: dict[str, object] = {
        "kind": "delta",
        "bundle_id": uuid.uuid4().hex,
        "team_id": uuid.uuid4().hex,
        "device": DEVICE,
        "signer": "a" * 32,
        "sequence": 1,
        "first_sequence": 1,
        "previous_hash": None,
        "recipients": ("age1example",),
        "hlc_from": f"1700000000000-0000-{DEVICE}",
        "hlc_to": f"1700000000000-0001-{DEVICE}",
        "payload_sha256": "0" * 64,
        "payload_size": 10,
        "content_size": 20,
        "counts": {"household": 2},
        "schema": "0003_sync",
        "app_version": "0.1.0",
        "created": "2026-11-25T12:00:00+00:00",
    }
    fields.update(changes)
    return Manifest(**fields)  # type: ignore[arg-type]


def test_canonical_json_reads_only_its_own_form() -> None:
    data = canonical_json({"b": 1, "a": "ä"})
    assert data == '{"a":"ä","b":1}'.encode()
    assert parse_canonical(data) == {"a": "ä", "b": 1}
    for other in (b'{"b":1,"a":"x"}', b'{"a": 1}', b'{"a":1,"a":1}', b"[1]", b"\xff"):
        with pytest.raises(ValueError):
            parse_canonical(other)


def test_a_manifest_round_trips_and_refuses_anything_else() -> None:
    manifest = _manifest()
    assert parse_manifest(manifest.to_bytes()) == manifest
    with pytest.raises(BundleTooNew):
        parse_manifest(_manifest(format=FORMAT + 1).to_bytes())
    for broken in (
        _manifest(kind="everything").to_bytes(),
        _manifest(sequence=0).to_bytes(),
        _manifest(first_sequence=3, sequence=2).to_bytes(),
        manifest.to_bytes().replace(b'"kind"', b'"kinds"'),
        manifest.to_bytes() + b" ",
    ):
        with pytest.raises(BundleRejected) as rejected:
            parse_manifest(broken)
        assert rejected.value.code == "damaged"


def test_the_tar_is_standard_and_read_strictly() -> None:
    archive = write_tar([(MEMBERS[0], b"{}"), (MEMBERS[1], b"s" * 64), (MEMBERS[2], b"z")])
    with tarfile.open(fileobj=io.BytesIO(archive)) as standard:
        assert standard.getnames() == list(MEMBERS)
    assert [(n, bytes(c)) for n, c in read_tar(archive)][1] == ("manifest.sig", b"s" * 64)


@pytest.mark.parametrize("name", ["../etc/passwd", "dir/manifest.json", "/abs", "Manifest.json"])
def test_paths_are_never_trusted(name: str) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        info = tarfile.TarInfo(name)
        info.size = 2
        archive.addfile(info, io.BytesIO(b"{}"))
    with pytest.raises(BundleRejected):
        read_tar(buffer.getvalue())


def test_links_sizes_and_trailing_data_are_refused() -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        link = tarfile.TarInfo("manifest.json")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        archive.addfile(link)
    good = write_tar([("manifest.json", b"{}")])
    for broken in (buffer.getvalue(), good[:600], good + b"x", good[:148] + b"9" + good[149:]):
        with pytest.raises(BundleRejected):
            read_tar(broken)


def test_the_payload_stream_stops_at_the_declared_size() -> None:
    builder = PayloadBuilder()
    for n in range(3):
        builder.add("household", f"1700000000000-000{n}-{DEVICE}", f"line {n}")
    payload = builder.finish()
    assert list(iter_lines(payload, builder.content_size, 10**6)) == [
        b"line 0",
        b"line 1",
        b"line 2",
    ]
    assert builder.counts == {"household": 3}
    with pytest.raises(BundleRejected):
        list(iter_lines(payload, builder.content_size - 1, 10**6))
    with pytest.raises(BundleRejected) as too_big:
        list(iter_lines(payload, builder.content_size, 10))
    assert too_big.value.code == "content_too_large"
    bomb = zstandard.ZstdCompressor().compress(b"\n" * 10_000_000)
    with pytest.raises(BundleRejected):
        list(iter_lines(bomb, 100, 10**6))


def test_fingerprints_cover_both_keys_and_read_aloud_easily() -> None:
    private = bytes(range(32))
    public = keys.signing_public(private)
    recipient = keys.age_recipient(keys.new_age_identity())
    fingerprint = keys.fingerprint(public, recipient)
    assert fingerprint != keys.fingerprint(public, keys.age_recipient(keys.new_age_identity()))
    shown = keys.display_fingerprint(fingerprint)
    assert len(shown.split()) == 8 and keys.parse_fingerprint(shown.lower()) == fingerprint
    signature = keys.sign(private, keys.MANIFEST_CONTEXT, b"m")
    assert keys.signature_valid(public, keys.MANIFEST_CONTEXT, b"m", signature)
    assert not keys.signature_valid(public, keys.CARD_CONTEXT, b"m", signature)


def test_a_card_proves_its_key_and_names_its_fingerprint() -> None:
    private = bytes(range(32))
    card = cards.DeviceCard(
        device_id=uuid.uuid4().hex,
        counsellor_id=uuid.uuid4().hex,
        code="B1",
        name="Anna Berg",
        role="counsellor",
        provider=None,
        signing_public=keys.signing_public(private),
        age_recipient=keys.age_recipient(keys.new_age_identity()),
    )
    data = cards.write_card(card, private)
    assert cards.read_card(data) == card
    with pytest.raises(cards.CardRejected):
        cards.read_card(cards.write_card(card, bytes(32)))  # signed with another key
    with pytest.raises(cards.CardRejected):
        cards.read_card(data.replace(card.fingerprint.encode(), b"f" * 32))


def test_change_lines_are_canonical_and_in_clock_order() -> None:
    line = (
        f'{{"base_hlc":null,"change_id":"{uuid.uuid4().hex}","counsellor":null,"device":"{DEVICE}","field":"status",'
        f'"hlc":"1700000000000-0001-{DEVICE}","row_id":"{uuid.uuid4().hex}","table":"household","value":"aktiv"}}'
    )
    assert parse(line.encode()).value == '"aktiv"'
    checker = LineChecker(frozenset({DEVICE}), None, "9" * 13)
    assert checker.check(line.encode()) == ("household", f"1700000000000-0001-{DEVICE}")
    earlier = line.replace("-0001-", "-0000-")
    with pytest.raises(BundleRejected):
        checker.check(earlier.encode())
    with pytest.raises(BundleRejected):
        LineChecker(None, None, "9" * 13).check(line.replace('"aktiv"', "null").encode())
