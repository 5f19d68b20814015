"""Bundles made by hand for the rejection tests: any lines, manifest, key and recipients."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from fsa_desk.services.sync_export import lead_recipients
from fsa_desk.services.team import own_fingerprint, require_team
from fsa_desk.store.store import Store
from fsa_desk.sync import collect
from fsa_desk.sync.bundle import Draft, encrypt, manifest_for, pack, sign_and_encrypt
from fsa_desk.sync.changes import parse
from fsa_desk.sync.keys import MANIFEST_CONTEXT, sign
from fsa_desk.sync.payload import PayloadBuilder


def own_lines(store: Store) -> list[bytes]:
    """Every change line this installation would export in full."""
    assert store.installation is not None
    device = store.installation.device_id.hex
    with store.read() as session:
        connection = session.connection()
        upto = collect.latest_seq(connection)
        batches = collect.device_changes(connection, device, 0, upto)
        return [line.encode() for batch in batches for _table, _hlc, line in batch]


def recipients_of(store: Store) -> tuple[str, ...]:
    with store.read() as session:
        return lead_recipients(session, require_team(session))


def draft(
    store: Store, recipients: Sequence[str], *, kind: str = "delta", sequence: int = 1
) -> Draft:
    assert store.installation is not None
    with store.read() as session:
        team = require_team(session)
    return Draft(
        kind=kind,
        team_id=team.team_id,
        device=store.installation.device_id.hex,
        signer=own_fingerprint(store),
        sequence=sequence,
        first_sequence=sequence,
        previous_hash=None,
        recipients=tuple(recipients),
    )


def craft(
    store: Store,
    lines: Sequence[bytes],
    *,
    recipients: Sequence[str] | None = None,
    kind: str = "delta",
    sequence: int = 1,
    manifest: dict[str, Any] | None = None,
    signing_key: bytes | None = None,
    parsed: bool = True,
) -> bytes:
    """A bundle signed by ``store``'s key (or ``signing_key``) with the given lines and
    manifest fields replaced; ``parsed=False`` takes lines no parser would accept."""
    assert store.installation is not None
    builder = PayloadBuilder()
    for line in lines:
        table, hlc = _table_and_hlc(line, parsed)
        builder.add(table, hlc, line)
    payload = builder.finish()
    chosen = recipients if recipients is not None else recipients_of(store)
    made = manifest_for(draft(store, chosen, kind=kind, sequence=sequence), builder, payload)
    made = dataclasses.replace(made, **(manifest or {}))
    key = signing_key or store.installation.signing_key
    return sign_and_encrypt(made, payload, key).data


def _table_and_hlc(line: bytes, parsed: bool) -> tuple[str, str]:
    if parsed:
        change = parse(line)
        return change.table, change.hlc
    table = re.search(rb'"table":"([^"]+)"', line)
    hlc = re.search(rb'"hlc":"([^"]+)"', line)
    assert table is not None and hlc is not None
    return table.group(1).decode(), hlc.group(1).decode()


def repack(
    manifest_bytes: bytes, signature: bytes, payload: bytes, recipients: Sequence[str]
) -> bytes:
    """Any three members, encrypted: for bundles whose parts do not belong together."""
    return encrypt(pack(manifest_bytes, signature, payload), tuple(recipients))


def signature(store: Store, manifest_bytes: bytes) -> bytes:
    assert store.installation is not None
    return sign(store.installation.signing_key, MANIFEST_CONTEXT, manifest_bytes)
