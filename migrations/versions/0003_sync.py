"""Synchronisation: team, devices, bundles written and read, review queues (models/sync.py).

Revision ID: 0003_sync
Revises: 0002_report_facts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_sync"
down_revision = "0002_report_facts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0002_report_facts was once regenerated while these models existed and may create the
    # same tables; each is created only where it is missing.
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "duplicate_candidate" not in existing:
        op.create_table(
            "duplicate_candidate",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("person_a_id", sa.Uuid(), nullable=False),
            sa.Column("person_b_id", sa.Uuid(), nullable=False),
            sa.Column("score", sa.Float(), nullable=False),
            sa.Column("reasons", sa.Text(), nullable=False),
            sa.Column("found_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_candidate")),
            sa.UniqueConstraint(
                "person_a_id", "person_b_id", name=op.f("uq_duplicate_candidate_person_a_id")
            ),
        )
    if "note_opening" not in existing:
        op.create_table(
            "note_opening",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("consultation_id", sa.Uuid(), nullable=False),
            sa.Column("counsellor_id", sa.Uuid(), nullable=True),
            sa.Column("opened_at", sa.DateTime(), nullable=False),
            sa.Column("reason", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_note_opening")),
        )
        with op.batch_alter_table("note_opening", schema=None) as batch_op:
            batch_op.create_index(
                batch_op.f("ix_note_opening_consultation_id"), ["consultation_id"], unique=False
            )

    if "sync_conflict" not in existing:
        op.create_table(
            "sync_conflict",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("kind", sa.String(length=10), nullable=False),
            sa.Column("table_name", sa.String(length=60), nullable=False),
            sa.Column("row_id", sa.String(length=32), nullable=False),
            sa.Column("field", sa.String(length=60), nullable=False),
            sa.Column("change_a", sa.String(length=32), nullable=False),
            sa.Column("change_b", sa.String(length=32), nullable=False),
            sa.Column("found_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
            sa.UniqueConstraint("change_a", "change_b", name=op.f("uq_sync_conflict_change_a")),
        )
        with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
            batch_op.create_index(batch_op.f("ix_sync_conflict_row_id"), ["row_id"], unique=False)

    if "sync_device" not in existing:
        op.create_table(
            "sync_device",
            sa.Column("device_id", sa.String(length=32), nullable=False),
            sa.Column("fingerprint", sa.String(length=32), nullable=False),
            sa.Column("counsellor_id", sa.Uuid(), nullable=False),
            sa.Column("code", sa.String(length=20), nullable=False),
            sa.Column("name", sa.String(length=200), nullable=False),
            sa.Column("role", sa.String(length=20), nullable=False),
            sa.Column("signing_public", sa.LargeBinary(), nullable=False),
            sa.Column("age_recipient", sa.Text(), nullable=False),
            sa.Column("card", sa.Text(), nullable=False),
            sa.Column("enrolled_at", sa.DateTime(), nullable=False),
            sa.Column("revoked_at", sa.DateTime(), nullable=True),
            sa.PrimaryKeyConstraint("device_id", name=op.f("pk_sync_device")),
            sa.UniqueConstraint("fingerprint", name=op.f("uq_sync_device_fingerprint")),
        )
    if "sync_export" not in existing:
        op.create_table(
            "sync_export",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("stream", sa.String(length=20), nullable=False),
            sa.Column("sequence", sa.Integer(), nullable=False),
            sa.Column("kind", sa.String(length=20), nullable=False),
            sa.Column("bundle_id", sa.String(length=32), nullable=False),
            sa.Column("manifest_hash", sa.String(length=64), nullable=False),
            sa.Column("change_seq", sa.Integer(), nullable=False),
            sa.Column("changes", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_export")),
            sa.UniqueConstraint("stream", "sequence", name=op.f("uq_sync_export_stream")),
        )
    if "sync_import" not in existing:
        op.create_table(
            "sync_import",
            sa.Column("bundle_id", sa.String(length=32), nullable=False),
            sa.Column("manifest_hash", sa.String(length=64), nullable=False),
            sa.Column("kind", sa.String(length=20), nullable=False),
            sa.Column("device", sa.String(length=32), nullable=False),
            sa.Column("first_sequence", sa.Integer(), nullable=False),
            sa.Column("sequence", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("imported_at", sa.DateTime(), nullable=False),
            sa.Column("changes_applied", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("bundle_id", name=op.f("pk_sync_import")),
        )
        with op.batch_alter_table("sync_import", schema=None) as batch_op:
            batch_op.create_index(
                "ix_sync_import_device_sequence", ["device", "sequence"], unique=False
            )

    if "sync_pending_row" not in existing:
        op.create_table(
            "sync_pending_row",
            sa.Column("table_name", sa.String(length=60), nullable=False),
            sa.Column("row_id", sa.String(length=32), nullable=False),
            sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_sync_pending_row")),
        )
    if "sync_stage" not in existing:
        op.create_table(
            "sync_stage",
            sa.Column("table_name", sa.String(length=60), nullable=False),
            sa.Column("row_id", sa.String(length=32), nullable=False),
            sa.Column("known", sa.Boolean(), nullable=False),
            sa.Column("existing", sa.Boolean(), nullable=False),
            sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_sync_stage")),
        )
    if "sync_team" not in existing:
        op.create_table(
            "sync_team",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("team_id", sa.String(length=32), nullable=False),
            sa.Column("provider", sa.String(length=200), nullable=True),
            sa.Column("recovery_recipient", sa.Text(), nullable=False),
            sa.Column("team_file", sa.Text(), nullable=False),
            sa.Column("joined_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_team")),
        )
    if "team_index_entry" not in existing:
        op.create_table(
            "team_index_entry",
            sa.Column("household_id", sa.String(length=32), nullable=False),
            sa.Column("household_ref", sa.String(length=50), nullable=False),
            sa.Column("names", sa.Text(), nullable=False),
            sa.Column("search_text", sa.Text(), nullable=False),
            sa.Column("birth_years", sa.String(length=200), nullable=False),
            sa.Column("counsellor_code", sa.String(length=20), nullable=True),
            sa.Column("counsellor_name", sa.String(length=200), nullable=True),
            sa.Column("module", sa.String(length=20), nullable=True),
            sa.Column("fachleistung", sa.Boolean(), nullable=False),
            sa.Column("open_deadlines", sa.Integer(), nullable=False),
            sa.Column("household_changes", sa.Text(), nullable=False),
            sa.Column("bundle_id", sa.String(length=32), nullable=False),
            sa.PrimaryKeyConstraint("household_id", name=op.f("pk_team_index_entry")),
        )
        with op.batch_alter_table("team_index_entry", schema=None) as batch_op:
            batch_op.create_index(
                batch_op.f("ix_team_index_entry_household_ref"), ["household_ref"], unique=False
            )


def downgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "team_index_entry" in existing:
        op.drop_table("team_index_entry")
    if "sync_team" in existing:
        op.drop_table("sync_team")
    if "sync_stage" in existing:
        op.drop_table("sync_stage")
    if "sync_pending_row" in existing:
        op.drop_table("sync_pending_row")
    if "sync_import" in existing:
        op.drop_table("sync_import")
    if "sync_export" in existing:
        op.drop_table("sync_export")
    if "sync_device" in existing:
        op.drop_table("sync_device")
    if "sync_conflict" in existing:
        op.drop_table("sync_conflict")
    if "note_opening" in existing:
        op.drop_table("note_opening")
    if "duplicate_candidate" in existing:
        op.drop_table("duplicate_candidate")
