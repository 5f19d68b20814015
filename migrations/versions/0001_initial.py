"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-25 11:01:34.790553
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "abrechnung",
        sa.Column("provider", sa.String(length=200), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("invoice_number", sa.String(length=60), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("corrects_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["corrects_id"], ["abrechnung.id"], name=op.f("fk_abrechnung_corrects_id_abrechnung")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_abrechnung")),
    )
    op.create_table(
        "billing_rule",
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("counts_direct", sa.Boolean(), nullable=False),
        sa.Column("counts_indirect", sa.Boolean(), nullable=False),
        sa.Column("counts_travel", sa.Boolean(), nullable=False),
        sa.Column("counts_no_show", sa.Boolean(), nullable=False),
        sa.Column("rounding_minutes", sa.Integer(), nullable=False),
        sa.Column("hourly_rate", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("fachkraft_only", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_billing_rule")),
    )
    op.create_table(
        "change_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("change_id", sa.String(length=32), nullable=False),
        sa.Column("hlc", sa.String(length=51), nullable=False),
        sa.Column("base_hlc", sa.String(length=51), nullable=True),
        sa.Column("device", sa.String(length=32), nullable=False),
        sa.Column("counsellor_id", sa.Uuid(), nullable=True),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("row_id", sa.String(length=32), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
        sa.UniqueConstraint("change_id", name=op.f("uq_change_log_change_id")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index("ix_change_log_device_hlc", ["device", "hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_log_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            "ix_change_log_row_field", ["table_name", "row_id", "field", "hlc"], unique=False
        )

    op.create_table(
        "counsellor",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=True),
        sa.Column("region", sa.String(length=20), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("fachkraft", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counsellor")),
    )
    with op.batch_alter_table("counsellor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_counsellor_code"), ["code"], unique=False)

    op.create_table(
        "duplicate_link",
        sa.Column("person_a_id", sa.Uuid(), nullable=False),
        sa.Column("person_b_id", sa.Uuid(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_link")),
    )
    with op.batch_alter_table("duplicate_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_duplicate_link_person_a_id"), ["person_a_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_duplicate_link_person_b_id"), ["person_b_id"], unique=False
        )

    op.create_table(
        "group_offer",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("life_area", sa.String(length=30), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_offer")),
    )
    with op.batch_alter_table("group_offer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_offer_date"), ["date"], unique=False)

    op.create_table(
        "installation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("counsellor_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=True),
        sa.Column("signing_key", sa.LargeBinary(), nullable=False),
        sa.Column("age_identity", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_installation")),
    )
    op.create_table(
        "interpreter_commitment",
        sa.Column("interpreter_name", sa.String(length=200), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("languages", sa.String(length=100), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interpreter_commitment")),
    )
    op.create_table(
        "person",
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("given_name", sa.String(length=200), nullable=False),
        sa.Column("name_variants", sa.Text(), nullable=True),
        sa.Column("name_original", sa.String(length=200), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("birth_month", sa.Integer(), nullable=True),
        sa.Column("birth_day", sa.Integer(), nullable=True),
        sa.Column("sex", sa.String(length=2), nullable=True),
        sa.Column("nationalities", sa.String(length=60), nullable=True),
        sa.Column("languages", sa.String(length=100), nullable=True),
        sa.Column("interpreter_needed", sa.Boolean(), nullable=False),
        sa.Column("interpreter_language", sa.String(length=20), nullable=True),
        sa.Column("arrival_date", sa.Date(), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("sozialamt_ref", sa.String(length=50), nullable=True),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_family_name"), ["family_name"], unique=False)

    op.create_table(
        "search_key",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_key")),
    )
    with op.batch_alter_table("search_key", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_search_key_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index("ix_search_key_kind_key", ["kind", "key"], unique=False)
        batch_op.create_index(batch_op.f("ix_search_key_person_id"), ["person_id"], unique=False)

    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "art13_record",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("text_version", sa.String(length=40), nullable=True),
        sa.Column("interpreter", sa.String(length=30), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_art13_record_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_art13_record")),
    )
    with op.batch_alter_table("art13_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_art13_record_person_id"), ["person_id"], unique=False)

    op.create_table(
        "benefit",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("benefit_type", sa.String(length=30), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_benefit_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benefit")),
    )
    with op.batch_alter_table("benefit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_benefit_person_id"), ["person_id"], unique=False)

    op.create_table(
        "consent",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("purposes", sa.Text(), nullable=False),
        sa.Column("data_categories", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("text_version", sa.String(length=40), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("revoked_on", sa.Date(), nullable=True),
        sa.Column("refusal_explained", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_consent_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
    )
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_person_id"), ["person_id"], unique=False)

    op.create_table(
        "counsellor_absence",
        sa.Column("counsellor_id", sa.Uuid(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellor.id"],
            name=op.f("fk_counsellor_absence_counsellor_id_counsellor"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counsellor_absence")),
    )
    with op.batch_alter_table("counsellor_absence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_counsellor_absence_counsellor_id"), ["counsellor_id"], unique=False
        )

    op.create_table(
        "counsellor_fte",
        sa.Column("counsellor_id", sa.Uuid(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("fte", sa.Numeric(precision=4, scale=2), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellor.id"],
            name=op.f("fk_counsellor_fte_counsellor_id_counsellor"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counsellor_fte")),
    )
    with op.batch_alter_table("counsellor_fte", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_counsellor_fte_counsellor_id"), ["counsellor_id"], unique=False
        )

    op.create_table(
        "group_offer_counsellor",
        sa.Column("group_offer_id", sa.Uuid(), nullable=False),
        sa.Column("counsellor_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellor.id"],
            name=op.f("fk_group_offer_counsellor_counsellor_id_counsellor"),
        ),
        sa.ForeignKeyConstraint(
            ["group_offer_id"],
            ["group_offer.id"],
            name=op.f("fk_group_offer_counsellor_group_offer_id_group_offer"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_offer_counsellor")),
    )
    with op.batch_alter_table("group_offer_counsellor", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_offer_counsellor_group_offer_id"), ["group_offer_id"], unique=False
        )

    op.create_table(
        "household",
        sa.Column("household_ref", sa.String(length=50), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_since", sa.Date(), nullable=True),
        sa.Column("closure_reason", sa.String(length=30), nullable=True),
        sa.Column("closure_detail", sa.String(length=200), nullable=True),
        sa.Column("allocation_date", sa.Date(), nullable=True),
        sa.Column("first_contact_on", sa.Date(), nullable=True),
        sa.Column("counsellor_id", sa.Uuid(), nullable=True),
        sa.Column("split_from_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["counsellor_id"], ["counsellor.id"], name=op.f("fk_household_counsellor_id_counsellor")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_household_counsellor_id"), ["counsellor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_household_household_ref"), ["household_ref"], unique=False
        )

    op.create_table(
        "kompetenzerhebung",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("schooling", sa.Text(), nullable=True),
        sa.Column("training", sa.Text(), nullable=True),
        sa.Column("work_experience", sa.Text(), nullable=True),
        sa.Column("german_level", sa.String(length=10), nullable=True),
        sa.Column("recognition", sa.Text(), nullable=True),
        sa.Column("interests", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_kompetenzerhebung_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kompetenzerhebung")),
    )
    with op.batch_alter_table("kompetenzerhebung", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kompetenzerhebung_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "kurzkontakt",
        sa.Column("counsellor_id", sa.Uuid(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("life_area", sa.String(length=30), nullable=True),
        sa.Column("target_group", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellor.id"],
            name=op.f("fk_kurzkontakt_counsellor_id_counsellor"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kurzkontakt")),
    )
    with op.batch_alter_table("kurzkontakt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kurzkontakt_counsellor_id"), ["counsellor_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_kurzkontakt_date"), ["date"], unique=False)

    op.create_table(
        "residence_status",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("detail", sa.String(length=60), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("wohnsitzauflage", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_residence_status_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_residence_status")),
    )
    with op.batch_alter_table("residence_status", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_residence_status_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "vollmacht",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("scope", sa.String(length=300), nullable=False),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("revoked_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_vollmacht_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vollmacht")),
    )
    with op.batch_alter_table("vollmacht", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vollmacht_person_id"), ["person_id"], unique=False)

    op.create_table(
        "address",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("street", sa.String(length=200), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("district", sa.String(length=60), nullable=True),
        sa.Column("region", sa.String(length=20), nullable=True),
        sa.Column("housing_type", sa.String(length=30), nullable=True),
        sa.Column("secret", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_address_household_id_household")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_address")),
    )
    with op.batch_alter_table("address", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_address_household_id"), ["household_id"], unique=False)

    op.create_table(
        "bescheid",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("authority", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("letter_date", sa.Date(), nullable=True),
        sa.Column("delivery", sa.String(length=20), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("remind_from", sa.Date(), nullable=False),
        sa.Column("rule", sa.String(length=300), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_bescheid_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_bescheid_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bescheid")),
    )
    with op.batch_alter_table("bescheid", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bescheid_due_on"), ["due_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_bescheid_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "fachleistung_case",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("counsellor_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellor.id"],
            name=op.f("fk_fachleistung_case_counsellor_id_counsellor"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_fachleistung_case_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fachleistung_case")),
    )
    with op.batch_alter_table("fachleistung_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_fachleistung_case_counsellor_id"), ["counsellor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_fachleistung_case_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "group_offer_household",
        sa.Column("group_offer_id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_offer_id"],
            ["group_offer.id"],
            name=op.f("fk_group_offer_household_group_offer_id_group_offer"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_group_offer_household_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_offer_household")),
    )
    with op.batch_alter_table("group_offer_household", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_offer_household_group_offer_id"), ["group_offer_id"], unique=False
        )

    op.create_table(
        "household_counsellor",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("counsellor_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellor.id"],
            name=op.f("fk_household_counsellor_counsellor_id_counsellor"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_household_counsellor_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_counsellor")),
    )
    with op.batch_alter_table("household_counsellor", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_household_counsellor_counsellor_id"), ["counsellor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_household_counsellor_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "membership",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("reason_from", sa.String(length=30), nullable=True),
        sa.Column("reason_to", sa.String(length=30), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_membership_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_membership_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership")),
    )
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_membership_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_membership_person_id"), ["person_id"], unique=False)

    op.create_table(
        "referral",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("to_whom", sa.String(length=200), nullable=False),
        sa.Column("result", sa.String(length=300), nullable=True),
        sa.Column("is_transition", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_referral_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_referral_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referral_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "task",
        sa.Column("household_id", sa.Uuid(), nullable=True),
        sa.Column("counsellor_id", sa.Uuid(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["counsellor_id"], ["counsellor.id"], name=op.f("fk_task_counsellor_id_counsellor")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_task_household_id_household")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_household_id"), ["household_id"], unique=False)

    op.create_table(
        "welcome_checklist_item",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("item", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("comment", sa.String(length=300), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_welcome_checklist_item_household_id_household"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_welcome_checklist_item_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_welcome_checklist_item")),
    )
    with op.batch_alter_table("welcome_checklist_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_welcome_checklist_item_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "bedarfsanzeige",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("replaces_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=True),
        sa.Column("period_to", sa.Date(), nullable=True),
        sa.Column("kriterienkatalog_version", sa.String(length=40), nullable=True),
        sa.Column("other_services_reason", sa.Text(), nullable=True),
        sa.Column("situation_professional", sa.Text(), nullable=True),
        sa.Column("situation_client", sa.Text(), nullable=True),
        sa.Column("client_view_missing_reason", sa.String(length=300), nullable=True),
        sa.Column("goals", sa.Text(), nullable=True),
        sa.Column("who_does_what", sa.Text(), nullable=True),
        sa.Column("sprachmittlung", sa.String(length=30), nullable=True),
        sa.Column("sprachmittlung_language", sa.String(length=20), nullable=True),
        sa.Column("consent_id", sa.Uuid(), nullable=True),
        sa.Column("signed_client_on", sa.Date(), nullable=True),
        sa.Column("signed_counsellor_on", sa.Date(), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["fachleistung_case.id"],
            name=op.f("fk_bedarfsanzeige_case_id_fachleistung_case"),
        ),
        sa.ForeignKeyConstraint(
            ["consent_id"], ["consent.id"], name=op.f("fk_bedarfsanzeige_consent_id_consent")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bedarfsanzeige")),
    )
    with op.batch_alter_table("bedarfsanzeige", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bedarfsanzeige_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_person",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["fachleistung_case.id"],
            name=op.f("fk_case_person_case_id_fachleistung_case"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_case_person_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_person")),
    )
    with op.batch_alter_table("case_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_person_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_person_person_id"), ["person_id"], unique=False)

    op.create_table(
        "case_status_change",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("comment", sa.String(length=300), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["fachleistung_case.id"],
            name=op.f("fk_case_status_change_case_id_fachleistung_case"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_status_change")),
    )
    with op.batch_alter_table("case_status_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_status_change_case_id"), ["case_id"], unique=False
        )

    op.create_table(
        "fallberatung",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("participants", sa.String(length=300), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["fachleistung_case.id"],
            name=op.f("fk_fallberatung_case_id_fachleistung_case"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fallberatung")),
    )
    with op.batch_alter_table("fallberatung", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fallberatung_case_id"), ["case_id"], unique=False)

    op.create_table(
        "integrationsplan",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["fachleistung_case.id"],
            name=op.f("fk_integrationsplan_case_id_fachleistung_case"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_integrationsplan_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integrationsplan")),
    )
    with op.batch_alter_table("integrationsplan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_integrationsplan_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "auswertungsgespraech",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("scheduled_on", sa.Date(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("what_helped", sa.Text(), nullable=True),
        sa.Column("client_differing_view", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["integrationsplan.id"],
            name=op.f("fk_auswertungsgespraech_plan_id_integrationsplan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auswertungsgespraech")),
    )
    with op.batch_alter_table("auswertungsgespraech", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_auswertungsgespraech_plan_id"), ["plan_id"], unique=False
        )

    op.create_table(
        "bedarfsanzeige_criterion",
        sa.Column("bedarfsanzeige_id", sa.Uuid(), nullable=False),
        sa.Column("criterion", sa.String(length=80), nullable=False),
        sa.Column("life_area", sa.String(length=30), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["bedarfsanzeige_id"],
            ["bedarfsanzeige.id"],
            name=op.f("fk_bedarfsanzeige_criterion_bedarfsanzeige_id_bedarfsanzeige"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bedarfsanzeige_criterion")),
    )
    with op.batch_alter_table("bedarfsanzeige_criterion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bedarfsanzeige_criterion_bedarfsanzeige_id"),
            ["bedarfsanzeige_id"],
            unique=False,
        )

    op.create_table(
        "bedarfsanzeige_hours",
        sa.Column("bedarfsanzeige_id", sa.Uuid(), nullable=False),
        sa.Column("life_area", sa.String(length=30), nullable=False),
        sa.Column("hours", sa.Numeric(precision=7, scale=2), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["bedarfsanzeige_id"],
            ["bedarfsanzeige.id"],
            name=op.f("fk_bedarfsanzeige_hours_bedarfsanzeige_id_bedarfsanzeige"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bedarfsanzeige_hours")),
    )
    with op.batch_alter_table("bedarfsanzeige_hours", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bedarfsanzeige_hours_bedarfsanzeige_id"),
            ["bedarfsanzeige_id"],
            unique=False,
        )

    op.create_table(
        "bedarfsanzeige_service",
        sa.Column("bedarfsanzeige_id", sa.Uuid(), nullable=False),
        sa.Column("service", sa.String(length=30), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["bedarfsanzeige_id"],
            ["bedarfsanzeige.id"],
            name=op.f("fk_bedarfsanzeige_service_bedarfsanzeige_id_bedarfsanzeige"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bedarfsanzeige_service")),
    )
    with op.batch_alter_table("bedarfsanzeige_service", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bedarfsanzeige_service_bedarfsanzeige_id"),
            ["bedarfsanzeige_id"],
            unique=False,
        )

    op.create_table(
        "bewilligung",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("bedarfsanzeige_id", sa.Uuid(), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("aktenzeichen", sa.String(length=60), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("approved_hours", sa.Numeric(precision=7, scale=2), nullable=False),
        sa.Column("goals", sa.Text(), nullable=True),
        sa.Column("conditions", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["bedarfsanzeige_id"],
            ["bedarfsanzeige.id"],
            name=op.f("fk_bewilligung_bedarfsanzeige_id_bedarfsanzeige"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["fachleistung_case.id"],
            name=op.f("fk_bewilligung_case_id_fachleistung_case"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bewilligung")),
    )
    with op.batch_alter_table("bewilligung", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bewilligung_case_id"), ["case_id"], unique=False)

    op.create_table(
        "goal",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("text_client", sa.Text(), nullable=True),
        sa.Column("text_professional", sa.Text(), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=True),
        sa.Column("who_does_what", sa.Text(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["integrationsplan.id"], name=op.f("fk_goal_plan_id_integrationsplan")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal")),
    )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "abrechnung_line",
        sa.Column("abrechnung_id", sa.Uuid(), nullable=False),
        sa.Column("bewilligung_id", sa.Uuid(), nullable=False),
        sa.Column("aktenzeichen", sa.String(length=60), nullable=False),
        sa.Column("hours_period", sa.Numeric(precision=7, scale=2), nullable=False),
        sa.Column("hours_cumulative", sa.Numeric(precision=7, scale=2), nullable=False),
        sa.Column("hours_remaining", sa.Numeric(precision=7, scale=2), nullable=False),
        sa.Column("amount", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("is_nachberechnung", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["abrechnung_id"],
            ["abrechnung.id"],
            name=op.f("fk_abrechnung_line_abrechnung_id_abrechnung"),
        ),
        sa.ForeignKeyConstraint(
            ["bewilligung_id"],
            ["bewilligung.id"],
            name=op.f("fk_abrechnung_line_bewilligung_id_bewilligung"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_abrechnung_line")),
    )
    with op.batch_alter_table("abrechnung_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_abrechnung_line_abrechnung_id"), ["abrechnung_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_abrechnung_line_bewilligung_id"), ["bewilligung_id"], unique=False
        )

    op.create_table(
        "bewilligung_hours",
        sa.Column("bewilligung_id", sa.Uuid(), nullable=False),
        sa.Column("life_area", sa.String(length=30), nullable=False),
        sa.Column("hours", sa.Numeric(precision=7, scale=2), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["bewilligung_id"],
            ["bewilligung.id"],
            name=op.f("fk_bewilligung_hours_bewilligung_id_bewilligung"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bewilligung_hours")),
    )
    with op.batch_alter_table("bewilligung_hours", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bewilligung_hours_bewilligung_id"), ["bewilligung_id"], unique=False
        )

    op.create_table(
        "consultation",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("counsellor_id", sa.Uuid(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("travel_minutes", sa.Integer(), nullable=False),
        sa.Column("contact_type", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("sprachmittlung", sa.String(length=30), nullable=False),
        sa.Column("sprachmittlung_language", sa.String(length=20), nullable=True),
        sa.Column("agreements", sa.Text(), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("module", sa.String(length=20), nullable=False),
        sa.Column("module_override_reason", sa.String(length=200), nullable=True),
        sa.Column("billable", sa.Boolean(), nullable=False),
        sa.Column("billable_reason", sa.String(length=30), nullable=True),
        sa.Column("billable_override_reason", sa.String(length=200), nullable=True),
        sa.Column("bewilligung_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["bewilligung_id"],
            ["bewilligung.id"],
            name=op.f("fk_consultation_bewilligung_id_bewilligung"),
        ),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellor.id"],
            name=op.f("fk_consultation_counsellor_id_counsellor"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_consultation_household_id_household")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation")),
    )
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_bewilligung_id"), ["bewilligung_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_consultation_counsellor_id"), ["counsellor_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_consultation_date"), ["date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_consultation_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(
            "ix_consultation_report",
            [
                "date",
                "deleted_hlc",
                "household_id",
                "counsellor_id",
                "module",
                "contact_type",
                "outcome",
                "duration_minutes",
                "travel_minutes",
                "id",
            ],
            unique=False,
        )

    op.create_table(
        "fallbericht",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("bewilligung_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("course", sa.Text(), nullable=True),
        sa.Column("client_assessment", sa.Text(), nullable=True),
        sa.Column("client_assessment_on", sa.Date(), nullable=True),
        sa.Column("obstacles_structural", sa.Text(), nullable=True),
        sa.Column("obstacles_official", sa.Text(), nullable=True),
        sa.Column("obstacles_personal", sa.Text(), nullable=True),
        sa.Column("further_need", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["bewilligung_id"],
            ["bewilligung.id"],
            name=op.f("fk_fallbericht_bewilligung_id_bewilligung"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["fachleistung_case.id"],
            name=op.f("fk_fallbericht_case_id_fachleistung_case"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fallbericht")),
    )
    with op.batch_alter_table("fallbericht", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fallbericht_case_id"), ["case_id"], unique=False)

    op.create_table(
        "goal_rating",
        sa.Column("gespraech_id", sa.Uuid(), nullable=False),
        sa.Column("goal_id", sa.Uuid(), nullable=False),
        sa.Column("client_rating", sa.Integer(), nullable=True),
        sa.Column("counsellor_rating", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["gespraech_id"],
            ["auswertungsgespraech.id"],
            name=op.f("fk_goal_rating_gespraech_id_auswertungsgespraech"),
        ),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], name=op.f("fk_goal_rating_goal_id_goal")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_rating")),
    )
    with op.batch_alter_table("goal_rating", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goal_rating_gespraech_id"), ["gespraech_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_goal_rating_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "consultation_life_area",
        sa.Column("consultation_id", sa.Uuid(), nullable=False),
        sa.Column("life_area", sa.String(length=30), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f("fk_consultation_life_area_consultation_id_consultation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_life_area")),
    )
    with op.batch_alter_table("consultation_life_area", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_life_area_consultation_id"),
            ["consultation_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_consultation_life_area_report",
            ["consultation_id", "deleted_hlc", "life_area", "minutes"],
            unique=False,
        )

    op.create_table(
        "consultation_person",
        sa.Column("consultation_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(length=51), nullable=False),
        sa.Column("updated_hlc", sa.String(length=51), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("deleted_hlc", sa.String(length=51), nullable=True),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f("fk_consultation_person_consultation_id_consultation"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_consultation_person_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_person")),
    )
    with op.batch_alter_table("consultation_person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_person_consultation_id"), ["consultation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_consultation_person_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            "ix_consultation_person_report",
            ["consultation_id", "role", "deleted_hlc", "person_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("consultation_person", schema=None) as batch_op:
        batch_op.drop_index("ix_consultation_person_report")
        batch_op.drop_index(batch_op.f("ix_consultation_person_person_id"))
        batch_op.drop_index(batch_op.f("ix_consultation_person_consultation_id"))

    op.drop_table("consultation_person")
    with op.batch_alter_table("consultation_life_area", schema=None) as batch_op:
        batch_op.drop_index("ix_consultation_life_area_report")
        batch_op.drop_index(batch_op.f("ix_consultation_life_area_consultation_id"))

    op.drop_table("consultation_life_area")
    with op.batch_alter_table("goal_rating", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_rating_goal_id"))
        batch_op.drop_index(batch_op.f("ix_goal_rating_gespraech_id"))

    op.drop_table("goal_rating")
    with op.batch_alter_table("fallbericht", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fallbericht_case_id"))

    op.drop_table("fallbericht")
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.drop_index("ix_consultation_report")
        batch_op.drop_index(batch_op.f("ix_consultation_household_id"))
        batch_op.drop_index(batch_op.f("ix_consultation_date"))
        batch_op.drop_index(batch_op.f("ix_consultation_counsellor_id"))
        batch_op.drop_index(batch_op.f("ix_consultation_bewilligung_id"))

    op.drop_table("consultation")
    with op.batch_alter_table("bewilligung_hours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bewilligung_hours_bewilligung_id"))

    op.drop_table("bewilligung_hours")
    with op.batch_alter_table("abrechnung_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_abrechnung_line_bewilligung_id"))
        batch_op.drop_index(batch_op.f("ix_abrechnung_line_abrechnung_id"))

    op.drop_table("abrechnung_line")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_plan_id"))

    op.drop_table("goal")
    with op.batch_alter_table("bewilligung", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bewilligung_case_id"))

    op.drop_table("bewilligung")
    with op.batch_alter_table("bedarfsanzeige_service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bedarfsanzeige_service_bedarfsanzeige_id"))

    op.drop_table("bedarfsanzeige_service")
    with op.batch_alter_table("bedarfsanzeige_hours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bedarfsanzeige_hours_bedarfsanzeige_id"))

    op.drop_table("bedarfsanzeige_hours")
    with op.batch_alter_table("bedarfsanzeige_criterion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bedarfsanzeige_criterion_bedarfsanzeige_id"))

    op.drop_table("bedarfsanzeige_criterion")
    with op.batch_alter_table("auswertungsgespraech", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auswertungsgespraech_plan_id"))

    op.drop_table("auswertungsgespraech")
    with op.batch_alter_table("integrationsplan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_integrationsplan_person_id"))

    op.drop_table("integrationsplan")
    with op.batch_alter_table("fallberatung", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fallberatung_case_id"))

    op.drop_table("fallberatung")
    with op.batch_alter_table("case_status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_status_change_case_id"))

    op.drop_table("case_status_change")
    with op.batch_alter_table("case_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_person_person_id"))
        batch_op.drop_index(batch_op.f("ix_case_person_case_id"))

    op.drop_table("case_person")
    with op.batch_alter_table("bedarfsanzeige", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bedarfsanzeige_case_id"))

    op.drop_table("bedarfsanzeige")
    with op.batch_alter_table("welcome_checklist_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_welcome_checklist_item_household_id"))

    op.drop_table("welcome_checklist_item")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_household_id"))
        batch_op.drop_index(batch_op.f("ix_task_due_on"))

    op.drop_table("task")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_household_id"))

    op.drop_table("referral")
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_membership_person_id"))
        batch_op.drop_index(batch_op.f("ix_membership_household_id"))

    op.drop_table("membership")
    with op.batch_alter_table("household_counsellor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_counsellor_household_id"))
        batch_op.drop_index(batch_op.f("ix_household_counsellor_counsellor_id"))

    op.drop_table("household_counsellor")
    with op.batch_alter_table("group_offer_household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_offer_household_group_offer_id"))

    op.drop_table("group_offer_household")
    with op.batch_alter_table("fachleistung_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fachleistung_case_household_id"))
        batch_op.drop_index(batch_op.f("ix_fachleistung_case_counsellor_id"))

    op.drop_table("fachleistung_case")
    with op.batch_alter_table("bescheid", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bescheid_household_id"))
        batch_op.drop_index(batch_op.f("ix_bescheid_due_on"))

    op.drop_table("bescheid")
    with op.batch_alter_table("address", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_address_household_id"))

    op.drop_table("address")
    with op.batch_alter_table("vollmacht", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vollmacht_person_id"))

    op.drop_table("vollmacht")
    with op.batch_alter_table("residence_status", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_residence_status_person_id"))

    op.drop_table("residence_status")
    with op.batch_alter_table("kurzkontakt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kurzkontakt_date"))
        batch_op.drop_index(batch_op.f("ix_kurzkontakt_counsellor_id"))

    op.drop_table("kurzkontakt")
    with op.batch_alter_table("kompetenzerhebung", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kompetenzerhebung_person_id"))

    op.drop_table("kompetenzerhebung")
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_household_ref"))
        batch_op.drop_index(batch_op.f("ix_household_counsellor_id"))

    op.drop_table("household")
    with op.batch_alter_table("group_offer_counsellor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_offer_counsellor_group_offer_id"))

    op.drop_table("group_offer_counsellor")
    with op.batch_alter_table("counsellor_fte", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_counsellor_fte_counsellor_id"))

    op.drop_table("counsellor_fte")
    with op.batch_alter_table("counsellor_absence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_counsellor_absence_counsellor_id"))

    op.drop_table("counsellor_absence")
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_person_id"))

    op.drop_table("consent")
    with op.batch_alter_table("benefit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_benefit_person_id"))

    op.drop_table("benefit")
    with op.batch_alter_table("art13_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_art13_record_person_id"))

    op.drop_table("art13_record")
    op.drop_table("setting")
    with op.batch_alter_table("search_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_key_person_id"))
        batch_op.drop_index("ix_search_key_kind_key")
        batch_op.drop_index(batch_op.f("ix_search_key_household_id"))

    op.drop_table("search_key")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_family_name"))

    op.drop_table("person")
    op.drop_table("interpreter_commitment")
    op.drop_table("installation")
    with op.batch_alter_table("group_offer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_offer_date"))

    op.drop_table("group_offer")
    with op.batch_alter_table("duplicate_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_duplicate_link_person_b_id"))
        batch_op.drop_index(batch_op.f("ix_duplicate_link_person_a_id"))

    op.drop_table("duplicate_link")
    with op.batch_alter_table("counsellor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_counsellor_code"))

    op.drop_table("counsellor")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index("ix_change_log_row_field")
        batch_op.drop_index(batch_op.f("ix_change_log_hlc"))
        batch_op.drop_index("ix_change_log_device_hlc")

    op.drop_table("change_log")
    op.drop_table("billing_rule")
    op.drop_table("abrechnung")
