"""Local state of synchronisation: the team, known devices, bundles written and read, review queues.

None of these tables travels in bundles (DESIGN.md §5 "Exchanged vs local"): decisions taken in
the review queues travel as ordinary changes of exchanged rows instead.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from fsa_desk.store.base import Base

HEX_ID = String(32)
HASH = String(64)


class SyncTeam(Base):
    """The team this installation belongs to: as its lead (created it) or as a counsellor."""

    __tablename__ = "sync_team"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    team_id: Mapped[str] = mapped_column(HEX_ID)
    provider: Mapped[str | None] = mapped_column(String(200))
    recovery_recipient: Mapped[str] = mapped_column(Text)  # age1…; the identity is in the safe
    team_file: Mapped[str] = mapped_column(Text)  # the signed team file as written or joined
    joined_at: Mapped[datetime] = mapped_column(DateTime)


class SyncDevice(Base):
    """A device whose bundles this installation trusts: enrolled counsellors, the team's leads."""

    __tablename__ = "sync_device"

    device_id: Mapped[str] = mapped_column(HEX_ID, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(HEX_ID, unique=True)
    counsellor_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # counsellor, lead
    signing_public: Mapped[bytes] = mapped_column(LargeBinary)  # Ed25519, raw 32 bytes
    age_recipient: Mapped[str] = mapped_column(Text)
    card: Mapped[str] = mapped_column(Text)  # the device card as received
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    # Bundles checked after this moment are rejected: a lost laptop's key signs nothing more.
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class SyncExport(Base):
    """A bundle this installation wrote; ``stream`` numbers delta/full, index and handover apart."""

    __tablename__ = "sync_export"
    __table_args__ = (UniqueConstraint("stream", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    stream: Mapped[str] = mapped_column(String(20))  # changes, index, handover
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    bundle_id: Mapped[str] = mapped_column(HEX_ID)
    manifest_hash: Mapped[str] = mapped_column(HASH)
    change_seq: Mapped[int] = mapped_column(Integer)  # change-log position the bundle covers
    changes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SyncImport(Base):
    """A bundle applied here (or found to hold nothing new): re-imports change nothing."""

    __tablename__ = "sync_import"
    __table_args__ = (Index("ix_sync_import_device_sequence", "device", "sequence"),)

    bundle_id: Mapped[str] = mapped_column(HEX_ID, primary_key=True)
    manifest_hash: Mapped[str] = mapped_column(HASH)
    kind: Mapped[str] = mapped_column(String(20))
    device: Mapped[str] = mapped_column(HEX_ID)
    first_sequence: Mapped[int] = mapped_column(Integer)  # a full bundle covers 1…sequence
    sequence: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)  # when the bundle was written
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    changes_applied: Mapped[int] = mapped_column(Integer)


class SyncStage(Base):
    """The rows the bundle being applied touches; empty outside an import's transaction.

    The bundle's changes themselves go straight into the change log (where they belong anyway;
    staging a million changes a second time doubled the writes). This table lists the rows they
    touch: ``known`` — the row existed here or was waiting, so its changes may conflict;
    ``existing`` — it is a row of its table already.
    """

    __tablename__ = "sync_stage"

    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    row_id: Mapped[str] = mapped_column(HEX_ID, primary_key=True)
    known: Mapped[bool] = mapped_column(Boolean)
    existing: Mapped[bool] = mapped_column(Boolean)


class SyncPendingRow(Base):
    """A row whose changes are logged but which cannot exist yet (a bundle before it is missing)."""

    __tablename__ = "sync_pending_row"

    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    row_id: Mapped[str] = mapped_column(HEX_ID, primary_key=True)


class SyncConflict(Base):
    """Two concurrent changes of one field (or an edit of something deleted elsewhere).

    Open while no later change of ``field`` was made by someone who had seen both; the decision in
    the "Parallele Änderungen" list is exactly such a change.
    """

    __tablename__ = "sync_conflict"
    __table_args__ = (UniqueConstraint("change_a", "change_b"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(10))  # edit, delete
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(HEX_ID, index=True)
    field: Mapped[str] = mapped_column(String(60))  # the field a decision changes
    change_a: Mapped[str] = mapped_column(HEX_ID)  # the smaller change id of the pair
    change_b: Mapped[str] = mapped_column(HEX_ID)
    found_at: Mapped[datetime] = mapped_column(DateTime)


class DuplicateCandidate(Base):
    """Two person records that may be one person, scored after an import; decided by a link."""

    __tablename__ = "duplicate_candidate"
    __table_args__ = (UniqueConstraint("person_a_id", "person_b_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_a_id: Mapped[uuid.UUID] = mapped_column(Uuid)  # the smaller id of the pair
    person_b_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[str] = mapped_column(Text)  # JSON list of reason codes, no client data
    found_at: Mapped[datetime] = mapped_column(DateTime)


class NoteOpening(Base):
    """At the lead: who opened which consultation note, when and why (DESIGN.md §5)."""

    __tablename__ = "note_opening"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    consultation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    counsellor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text)


class TeamIndexEntry(Base):
    """At a counsellor: one household of the lead's team index, for finding known clients."""

    __tablename__ = "team_index_entry"

    household_id: Mapped[str] = mapped_column(HEX_ID, primary_key=True)
    household_ref: Mapped[str] = mapped_column(String(50), index=True)
    names: Mapped[str] = mapped_column(Text)  # JSON list of "Family, Given" and variants
    search_text: Mapped[str] = mapped_column(Text)  # folded names and reference, for search
    birth_years: Mapped[str] = mapped_column(String(200))  # JSON list
    counsellor_code: Mapped[str | None] = mapped_column(String(20))
    counsellor_name: Mapped[str | None] = mapped_column(String(200))
    module: Mapped[str | None] = mapped_column(String(20))
    fachleistung: Mapped[bool] = mapped_column(Boolean)
    open_deadlines: Mapped[int] = mapped_column(Integer)
    household_changes: Mapped[str] = mapped_column(Text)  # JSON change lines of the household row
    bundle_id: Mapped[str] = mapped_column(HEX_ID)
