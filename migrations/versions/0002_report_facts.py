"""Report facts: integer-keyed copies of what the reports count (store/models/derived.py);
an index on a household's consultations by date (client list, agenda).

Revision ID: 0002_report_facts
Revises: 0001_initial
Create Date: 2026-11-25 12:24:42.148214
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_report_facts"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_consultation",
        sa.Column("n", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("consultation_id", sa.Uuid(), nullable=False),
        sa.Column("contact_type", sa.String(length=20), nullable=False),
        sa.Column("no_show", sa.Boolean(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("travel", sa.Integer(), nullable=False),
        sa.Column("household", sa.Integer(), nullable=False),
        sa.Column("counsellor", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("module", sa.String(length=20), nullable=False),
        sa.Column("regions", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("n", name=op.f("pk_report_consultation")),
    )
    with op.batch_alter_table("report_consultation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_report_consultation_household",
            ["household", "month", "day", "no_show", "minutes", "contact_type"],
            unique=False,
        )
        batch_op.create_index(
            "ix_report_consultation_month",
            [
                "month",
                "module",
                "contact_type",
                "counsellor",
                "minutes",
                "travel",
                "no_show",
                "household",
            ],
            unique=False,
        )

    op.create_table(
        "report_key",
        sa.Column("n", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("n", name=op.f("pk_report_key")),
        sa.UniqueConstraint("id", name=op.f("uq_report_key_id")),
    )
    op.create_table(
        "report_life_area",
        sa.Column("n", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("life_area", sa.String(length=30), nullable=False),
        sa.Column("minutes", sa.Float(), nullable=False),
        sa.Column("household", sa.Integer(), nullable=False),
        sa.Column("counsellor", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("module", sa.String(length=20), nullable=False),
        sa.Column("regions", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("n", name=op.f("pk_report_life_area")),
    )
    with op.batch_alter_table("report_life_area", schema=None) as batch_op:
        batch_op.create_index(
            "ix_report_life_area_household", ["household", "month", "life_area"], unique=False
        )
        batch_op.create_index(
            "ix_report_life_area_month",
            ["month", "life_area", "module", "counsellor", "minutes"],
            unique=False,
        )

    op.create_table(
        "report_membership",
        sa.Column("n", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("household", sa.Integer(), nullable=False),
        sa.Column("person", sa.Integer(), nullable=False),
        sa.Column("from_month", sa.Integer(), nullable=True),
        sa.Column("to_month", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("n", name=op.f("pk_report_membership")),
    )
    with op.batch_alter_table("report_membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_membership_household"), ["household"], unique=False
        )

    op.create_table(
        "report_presence",
        sa.Column("n", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person", sa.Integer(), nullable=False),
        sa.Column("household", sa.Integer(), nullable=False),
        sa.Column("counsellor", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("module", sa.String(length=20), nullable=False),
        sa.Column("regions", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("n", name=op.f("pk_report_presence")),
    )
    with op.batch_alter_table("report_presence", schema=None) as batch_op:
        batch_op.create_index("ix_report_presence_household", ["household"], unique=False)
        batch_op.create_index(
            "ix_report_presence_month", ["month", "person", "module", "counsellor"], unique=False
        )

    op.create_table(
        "report_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_state")),
    )

    op.create_index(
        "ix_consultation_household_timeline",
        "consultation",
        ["household_id", "deleted_hlc", "outcome", "date", "follow_up_on"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_consultation_household_timeline", table_name="consultation")
    op.drop_table("report_state")
    with op.batch_alter_table("report_presence", schema=None) as batch_op:
        batch_op.drop_index("ix_report_presence_month")
        batch_op.drop_index("ix_report_presence_household")

    op.drop_table("report_presence")
    with op.batch_alter_table("report_membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_membership_household"))

    op.drop_table("report_membership")
    with op.batch_alter_table("report_life_area", schema=None) as batch_op:
        batch_op.drop_index("ix_report_life_area_month")
        batch_op.drop_index("ix_report_life_area_household")

    op.drop_table("report_life_area")
    op.drop_table("report_key")
    with op.batch_alter_table("report_consultation", schema=None) as batch_op:
        batch_op.drop_index("ix_report_consultation_month")
        batch_op.drop_index("ix_report_consultation_household")

    op.drop_table("report_consultation")
