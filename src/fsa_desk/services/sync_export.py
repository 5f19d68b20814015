"""Export: this installation's changes since its last export (or all) as one bundle for the lead.

A counsellor exports weekly and at the end of each billing period. The bundle is encrypted to the
team's lead(s) and the provider's recovery key only — the laptop cannot read its own exports back
— and written atomically; only then does the next export start after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.billing import BillingPeriod
from fsa_desk.services.billing_rules import rule_on
from fsa_desk.services.team import installation_of, own_fingerprint, require_team
from fsa_desk.store.models import Counsellor, Installation, SyncDevice, SyncExport
from fsa_desk.store.store import Store
from fsa_desk.sync import cards, collect
from fsa_desk.sync.bundle import Draft, Sealed, seal
from fsa_desk.sync.files import write_atomically
from fsa_desk.sync.payload import PayloadBuilder

EXPORT_STREAM = "changes"
SUFFIX = ".fsabundle"
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class ExportSummary:
    file: Path
    kind: str
    sequence: int
    changes: int
    counts: dict[str, int]
    bundle_id: str


@dataclass(frozen=True)
class ExportReminder:
    """Whether the GUI should remind of an export, and why (``never``, ``weekly``, ``period``)."""

    due: bool
    reason: str | None
    last_export: datetime | None


def export_bundle(
    store: Store, output: Path | None = None, *, full: bool = False, now: datetime | None = None
) -> ExportSummary:
    """Write the bundle of changes made here since the last export (``full``: all of them)."""
    installation = installation_of(store)
    with store.read() as session:
        team = require_team(session)
        last = last_export(session, EXPORT_STREAM)
        upto = collect.latest_seq(session.connection())
        after = 0 if full or last is None else last.change_seq
        builder = PayloadBuilder()
        for batch in collect.device_changes(
            session.connection(), installation.device_id.hex, after, upto
        ):
            builder.add_lines(batch)
        draft = _draft(store, session, team, last, full=full)
        target = output or default_path(session, installation, draft)
    sealed = seal(draft, builder, installation.signing_key)
    write_atomically(target, sealed.data)
    record_export(store, EXPORT_STREAM, sealed, upto, now=now)
    return ExportSummary(
        target,
        draft.kind,
        draft.sequence,
        sealed.manifest.line_count,
        dict(sealed.manifest.counts),
        sealed.manifest.bundle_id,
    )


def _draft(
    store: Store, session: Session, team: cards.TeamFile, last: SyncExport | None, *, full: bool
) -> Draft:
    sequence = last.sequence + 1 if last else 1
    return Draft(
        kind="full" if full else "delta",
        team_id=team.team_id,
        device=installation_of(store).device_id.hex,
        signer=own_fingerprint(store),
        sequence=sequence,
        first_sequence=1 if full else sequence,
        previous_hash=last.manifest_hash if last else None,
        recipients=lead_recipients(session, team),
    )


def lead_recipients(session: Session, team: cards.TeamFile) -> tuple[str, ...]:
    """The team's unrevoked lead(s) and the recovery key: who may read a counsellor's export."""
    revoked = set(
        session.scalars(select(SyncDevice.fingerprint).where(SyncDevice.revoked_at.is_not(None)))
    )
    leads = [lead.age_recipient for lead in team.leads if lead.fingerprint not in revoked]
    return (*leads, team.recovery_recipient)


def last_export(session: Session, stream: str) -> SyncExport | None:
    query = (
        select(SyncExport)
        .where(SyncExport.stream == stream)
        .order_by(SyncExport.sequence.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def record_export(
    store: Store, stream: str, sealed: Sealed, change_seq: int, *, now: datetime | None = None
) -> None:
    """Remember a written bundle: its number, its hash for the next one, how far it reached."""
    manifest = sealed.manifest
    with store.transaction() as session:
        session.add(
            SyncExport(
                stream=stream,
                sequence=manifest.sequence,
                kind=manifest.kind,
                bundle_id=manifest.bundle_id,
                manifest_hash=sealed.manifest_hash,
                change_seq=change_seq,
                changes=manifest.line_count,
                created_at=now or datetime.now(),
            )
        )


def default_path(session: Session, installation: Installation, draft: Draft) -> Path:
    """``fsa-desk-B1-00007-delta.fsabundle`` in the current folder."""
    counsellor = session.get(Counsellor, installation.counsellor_id)
    code = re.sub(r"[^A-Za-z0-9_-]", "_", counsellor.code if counsellor else "fsa")
    return Path.cwd() / f"fsa-desk-{code}-{draft.sequence:05d}-{draft.kind}{SUFFIX}"


def export_reminder(store: Store, today: date | None = None) -> ExportReminder:
    """Due weekly, and once a billing period has ended after the last export."""
    day = today or date.today()
    with store.read() as session:
        last = last_export(session, EXPORT_STREAM)
        if last is None:
            return ExportReminder(True, "never", None)
        period = BillingPeriod.containing(day, rule_on(session, day).period)
    if last.created_at.date() < period.first:
        return ExportReminder(True, "period", last.created_at)
    if day - last.created_at.date() >= WEEK:
        return ExportReminder(True, "weekly", last.created_at)
    return ExportReminder(False, None, last.created_at)


def write_lead_bundle(
    store: Store, kind: str, builder: PayloadBuilder, recipients: tuple[str, ...], output: Path
) -> Sealed:
    """A lead's handover or team index bundle, numbered in its own stream."""
    installation = installation_of(store)
    with store.read() as session:
        team = require_team(session)
        last = last_export(session, kind)
    sequence = last.sequence + 1 if last else 1
    draft = Draft(
        kind=kind,
        team_id=team.team_id,
        device=installation.device_id.hex,
        signer=own_fingerprint(store),
        sequence=sequence,
        first_sequence=sequence,
        previous_hash=last.manifest_hash if last else None,
        recipients=recipients,
    )
    sealed = seal(draft, builder, installation.signing_key)
    write_atomically(output, sealed.data)
    record_export(store, kind, sealed, 0)
    return sealed
