"""Creating an installation, unlocking it, changing its passphrase."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fsa_desk.domain.hlc import Clock
from fsa_desk.errors import DataDirError, UsageError
from fsa_desk.i18n import _
from fsa_desk.store.keys import DatabaseKey, write_verifier
from fsa_desk.store.models import Counsellor, Installation
from fsa_desk.store.store import DataDir, Store, open_store

ROLES = ("counsellor", "lead")


@dataclass(frozen=True)
class NewInstallation:
    name: str
    code: str
    role: str
    provider: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class InstallationInfo:
    data_dir: Path
    device_id: uuid.UUID
    counsellor_id: uuid.UUID
    name: str
    code: str
    role: str
    provider: str | None


def initialise(root: Path, key: DatabaseKey, new: NewInstallation) -> InstallationInfo:
    """Create the encrypted database, this device's keys and its counsellor."""
    _validate(new)
    if DataDir(root).is_initialised():
        raise DataDirError(_("{path} already holds an fsa-desk installation.").format(path=root))
    with open_store(root, key, create=True) as store:
        if not key.is_raw:
            write_verifier(store.data_dir.verifier, key)
        return _create_identity(store, new)


def _validate(new: NewInstallation) -> None:
    if new.role not in ROLES:
        raise UsageError(_("The role must be 'counsellor' or 'lead'."))
    if not new.name.strip() or not new.code.strip():
        raise UsageError(_("Name and code must not be empty."))


def _create_identity(store: Store, new: NewInstallation) -> InstallationInfo:
    device_id, counsellor_id = uuid.uuid4(), uuid.uuid4()
    store.clock = Clock(device_id)
    installation = Installation(
        id=1,
        device_id=device_id,
        counsellor_id=counsellor_id,
        role=new.role,
        provider=new.provider,
        signing_key=_new_signing_key(),
        age_identity=str(pyrage.x25519.Identity.generate()),
        created_at=datetime.now(),
    )
    store.installation = installation
    with store.transaction() as session:
        session.add(installation)
        session.add(_counsellor(counsellor_id, new))
    return describe(store)


def _counsellor(counsellor_id: uuid.UUID, new: NewInstallation) -> Counsellor:
    return Counsellor(
        id=counsellor_id,
        name=new.name.strip(),
        code=new.code.strip(),
        role=new.role,
        provider=new.provider,
        region=new.region,
    )


def _new_signing_key() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def describe(store: Store) -> InstallationInfo:
    installation = store.installation
    if installation is None:
        raise DataDirError(
            _("The database holds no installation; create one with 'fsa-desk init'.")
        )
    with store.read() as session:
        counsellor = session.get(Counsellor, installation.counsellor_id)
    assert counsellor is not None
    return InstallationInfo(
        data_dir=store.data_dir.root,
        device_id=installation.device_id,
        counsellor_id=installation.counsellor_id,
        name=counsellor.name,
        code=counsellor.code,
        role=installation.role,
        provider=installation.provider,
    )


def change_passphrase(store: Store, new_key: DatabaseKey) -> Path:
    """Re-encrypt the database with ``new_key``; a backup under the old key is kept."""
    backup = store.backup("vor-passphrasenwechsel")
    raw = store.engine.raw_connection()
    try:
        raw.execute(f"PRAGMA rekey = {new_key.pragma_literal()}")
    finally:
        raw.close()
    store.rekeyed(new_key)
    write_verifier(store.data_dir.verifier, new_key)
    os.sync()
    return backup
