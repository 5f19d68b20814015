"""The team flow (DESIGN.md §5): create, join, device cards, enrolment after comparing
fingerprints, revocation of a lost laptop's key, and the lead's per-counsellor overview.

The lead creates the team (a signed team file plus a recovery identity for the office safe);
counsellors join with the team file and hand the lead their device card; the lead enrols a card
only after comparing its fingerprint with the colleague, on the phone or in person.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.errors import UsageError
from fsa_desk.i18n import _
from fsa_desk.store.models import Counsellor, Installation, SyncDevice, SyncImport, SyncTeam
from fsa_desk.store.store import Store
from fsa_desk.sync import cards, keys
from fsa_desk.sync.files import read_limited, write_atomically
from fsa_desk.sync.manifest import EXPORT_KINDS

MAX_CARD_BYTES = 2**20


@dataclass(frozen=True)
class DeviceSummary:
    device_id: str
    code: str
    name: str
    role: str
    fingerprint: str  # for reading out: "7F3A 0C19 …"
    enrolled_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class TeamCreated:
    team_id: str
    team_file: Path
    recovery_key_file: Path
    recovery_recipient: str
    lead: DeviceSummary


@dataclass(frozen=True)
class TeamJoined:
    team_id: str
    provider: str | None
    leads: list[DeviceSummary]


@dataclass(frozen=True)
class CardPreview:
    """What the lead compares before enrolling: above all the fingerprint."""

    card: DeviceSummary
    provider: str | None
    enrolled: bool
    revoked: bool


@dataclass(frozen=True)
class CounsellorBundles:
    """The lead's overview line for one device: what arrived and what is missing."""

    device: DeviceSummary
    last_sequence: int | None
    last_created: datetime | None  # when the newest bundle was written
    last_imported: datetime | None
    missing: list[int]


def create_team(
    store: Store, team_file: Path, recovery_key_file: Path, *, now: datetime | None = None
) -> TeamCreated:
    """Lead: a new team, its signed team file and the recovery identity (never stored here)."""
    moment = now or datetime.now()
    installation = installation_of(store)
    if installation.role != "lead":
        raise UsageError(_("Only a lead's installation creates the team."))
    if recovery_key_file.exists():
        raise UsageError(
            _("{path} exists already; a recovery key is never overwritten.").format(
                path=recovery_key_file
            )
        )
    recovery = keys.new_age_identity()
    with store.transaction() as session:
        if session.get(SyncTeam, 1) is not None:
            raise UsageError(_("This installation already belongs to a team."))
        own = own_card(store, session)
        team = cards.TeamFile(
            team_id=uuid.uuid4().hex,
            provider=installation.provider,
            created=moment.date().isoformat(),
            leads=(own,),
            recovery_recipient=keys.age_recipient(recovery),
        )
        data = cards.write_team_file(team, installation.signing_key)
        session.add(_team_row(team, data, moment))
        write_atomically(team_file, data)  # first: it may be written again, the key not
        write_atomically(
            recovery_key_file, keys.identity_file_text(recovery, moment).encode(), private=True
        )
    return TeamCreated(
        team.team_id, team_file, recovery_key_file, team.recovery_recipient, _summary(own, None)
    )


def join_team(store: Store, team_file: Path, *, now: datetime | None = None) -> TeamJoined:
    """Counsellor: trust the team's lead(s) and address exports to them and the recovery key."""
    moment = now or datetime.now()
    if installation_of(store).role == "lead":
        raise UsageError(_("A lead creates the team; only counsellors join it."))
    data = _read_small(team_file)
    team = cards.read_team_file(data)
    with store.transaction() as session:
        existing = session.get(SyncTeam, 1)
        if existing is not None:
            session.delete(existing)
            session.flush()
        session.add(_team_row(team, data, moment))
        for lead in team.leads:
            _trust_device(session, lead, moment)
    leads = [_summary(lead, moment) for lead in team.leads]
    return TeamJoined(team.team_id, team.provider, leads)


def write_own_card(store: Store, path: Path) -> DeviceSummary:
    """This installation's device card, for the lead."""
    installation = installation_of(store)
    with store.read() as session:
        card = own_card(store, session)
    write_atomically(path, cards.write_card(card, installation.signing_key))
    return _summary(card, None)


def preview_card(store: Store, path: Path) -> CardPreview:
    """Read a device card without enrolling it: the fingerprint to compare first."""
    card = cards.read_card(_read_small(path))
    with store.read() as session:
        known = session.get(SyncDevice, card.device_id)
    return CardPreview(
        card=_summary(card, known.enrolled_at if known else None),
        provider=card.provider,
        enrolled=known is not None,
        revoked=known is not None and known.revoked_at is not None,
    )


def enrol(store: Store, path: Path, *, now: datetime | None = None) -> DeviceSummary:
    """Lead: trust the device of this card from now on (after the fingerprint was compared)."""
    moment = now or datetime.now()
    if installation_of(store).role != "lead":
        raise UsageError(_("Only a lead's installation enrols devices."))
    card = cards.read_card(_read_small(path))
    with store.transaction() as session:
        if session.get(SyncTeam, 1) is None:
            raise UsageError(_("Create the team first: fsa-desk team create."))
        device = _trust_device(session, card, moment)
        if device.revoked_at is not None:
            raise UsageError(_("This device's key was revoked; it cannot be enrolled again."))
        return _row_summary(device)


def revoke(store: Store, fingerprint: str, *, now: datetime | None = None) -> DeviceSummary:
    """Reject every bundle this key signs from now on (a lost or stolen laptop)."""
    try:
        wanted = keys.parse_fingerprint(fingerprint)
    except ValueError:
        raise UsageError(_("'{text}' is not a fingerprint.").format(text=fingerprint)) from None
    with store.transaction() as session:
        device = session.scalars(select(SyncDevice).where(SyncDevice.fingerprint == wanted)).first()
        if device is None:
            raise UsageError(_("No known device has this fingerprint."))
        device.revoked_at = device.revoked_at or now or datetime.now()
        return _row_summary(device)


def devices(store: Store) -> list[DeviceSummary]:
    """Every device this installation trusts or once trusted, by code."""
    with store.read() as session:
        rows = session.scalars(select(SyncDevice).order_by(SyncDevice.code)).all()
        return [_row_summary(row) for row in rows]


def overview(store: Store) -> list[CounsellorBundles]:
    """Lead: per enrolled device the last bundle, its date, and the missing sequence numbers."""
    with store.read() as session:
        rows = session.scalars(select(SyncDevice).order_by(SyncDevice.code)).all()
        return [_bundles_of(session, row) for row in rows]


def _bundles_of(session: Session, device: SyncDevice) -> CounsellorBundles:
    imports = _export_imports(session, device.device_id)
    last = max(imports, key=lambda row: row.sequence, default=None)
    return CounsellorBundles(
        device=_row_summary(device),
        last_sequence=last.sequence if last else None,
        last_created=last.created_at if last else None,
        last_imported=max((row.imported_at for row in imports), default=None),
        missing=missing_sequences(session, device.device_id),
    )


def not_exported_since(session: Session, moment: datetime) -> list[str]:
    """Codes of enrolled counsellors (not revoked) whose newest bundle here was written before
    ``moment``: their work since then has not reached this installation."""
    devices = session.scalars(
        select(SyncDevice).where(SyncDevice.role == "counsellor", SyncDevice.revoked_at.is_(None))
    )
    late = []
    for device in devices:
        written = [row.created_at for row in _export_imports(session, device.device_id)]
        if not written or max(written) < moment:
            late.append(device.code)
    return sorted(late)


def missing_sequences(session: Session, device: str) -> list[int]:
    """Sequence numbers below the newest that no imported bundle of ``device`` covered."""
    covered: set[int] = set()
    for row in _export_imports(session, device):
        covered.update(range(row.first_sequence, row.sequence + 1))
    return [n for n in range(1, max(covered, default=0)) if n not in covered]


def _export_imports(session: Session, device: str) -> list[SyncImport]:
    query = select(SyncImport).where(
        SyncImport.device == device, SyncImport.kind.in_(sorted(EXPORT_KINDS))
    )
    return list(session.scalars(query))


def own_card(store: Store, session: Session) -> cards.DeviceCard:
    installation = installation_of(store)
    counsellor = session.get(Counsellor, installation.counsellor_id)
    if counsellor is None:
        raise UsageError(_("No counsellor is set up on this installation."))
    return cards.DeviceCard(
        device_id=installation.device_id.hex,
        counsellor_id=installation.counsellor_id.hex,
        code=counsellor.code,
        name=counsellor.name,
        role=installation.role,
        provider=installation.provider,
        signing_public=keys.signing_public(installation.signing_key),
        age_recipient=keys.age_recipient(installation.age_identity),
    )


def own_fingerprint(store: Store) -> str:
    installation = installation_of(store)
    public = keys.signing_public(installation.signing_key)
    return keys.fingerprint(public, keys.age_recipient(installation.age_identity))


def _trust_device(session: Session, card: cards.DeviceCard, moment: datetime) -> SyncDevice:
    device = session.get(SyncDevice, card.device_id)
    if device is not None and device.fingerprint != card.fingerprint:
        raise UsageError(_("This device is known with other keys; revoke the old key first."))
    if device is None:
        device = SyncDevice(device_id=card.device_id, enrolled_at=moment, revoked_at=None)
        session.add(device)
    device.fingerprint = card.fingerprint
    device.counsellor_id = uuid.UUID(hex=card.counsellor_id)
    device.code, device.name, device.role = card.code, card.name, card.role
    device.signing_public = card.signing_public
    device.age_recipient = card.age_recipient
    device.card = cards.card_json(card)
    return device


def _team_row(team: cards.TeamFile, data: bytes, moment: datetime) -> SyncTeam:
    return SyncTeam(
        id=1,
        team_id=team.team_id,
        provider=team.provider,
        recovery_recipient=team.recovery_recipient,
        team_file=data.decode("utf-8"),
        joined_at=moment,
    )


def installation_of(store: Store) -> Installation:
    if store.installation is None:
        raise UsageError(_("The database holds no installation; create one with 'fsa-desk init'."))
    return store.installation


def team_file(session: Session) -> cards.TeamFile | None:
    """The team this installation created or joined, as its signed team file says."""
    row = session.get(SyncTeam, 1)
    return None if row is None else cards.read_team_file(row.team_file.encode("utf-8"))


def require_team(session: Session) -> cards.TeamFile:
    team = team_file(session)
    if team is None:
        raise UsageError(_("Join a team first: fsa-desk team join TEAM_FILE."))
    return team


def _read_small(path: Path) -> bytes:
    data = read_limited(path, MAX_CARD_BYTES)
    if data is None:
        raise UsageError(_("{path} is too large for a card or team file.").format(path=path))
    return data


def _summary(card: cards.DeviceCard, enrolled_at: datetime | None) -> DeviceSummary:
    return DeviceSummary(
        card.device_id,
        card.code,
        card.name,
        card.role,
        keys.display_fingerprint(card.fingerprint),
        enrolled_at,
        None,
    )


def _row_summary(row: SyncDevice) -> DeviceSummary:
    return DeviceSummary(
        row.device_id,
        row.code,
        row.name,
        row.role,
        keys.display_fingerprint(row.fingerprint),
        row.enrolled_at,
        row.revoked_at,
    )
