"""Other directories' feeds, their imports, and where imported listings came from.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

Read over by hand: five new tables for Open Referral UK imports, and two indexes the read API
needs (services by `updated_at` for `modified_after`; locations by position for `proximity`).
`services.schedule_note` keeps a group's words about when it meets, which the listing form
always asked for but publishing dropped. No existing row changes; a listing's new hidden reason `withdrawn_at_source` fits the column.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.add_column(sa.Column("schedule_note", sa.Text(), nullable=True))
    op.create_table(
        "oruk_feeds",
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("api", "json", "csv", name="feedkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("contact_email", sa.String(length=255), nullable=True),
        sa.Column("pull_every_hours", sa.Integer(), nullable=False),
        sa.Column("auto_apply", sa.Boolean(), nullable=False),
        sa.Column("last_pulled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_full_pull_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pull_lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_oruk_feeds_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oruk_feeds")),
        sa.UniqueConstraint("url", name=op.f("uq_oruk_feeds_url")),
    )
    op.create_table(
        "oruk_import_runs",
        sa.Column("feed_id", sa.Uuid(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "checking",
                "ready",
                "applying",
                "applied",
                "failed",
                "discarded",
                name="runstate",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("modified_after", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fetch_started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("new_count", sa.Integer(), nullable=False),
        sa.Column("changed_count", sa.Integer(), nullable=False),
        sa.Column("unchanged_count", sa.Integer(), nullable=False),
        sa.Column("withdrawn_count", sa.Integer(), nullable=False),
        sa.Column("problem_count", sa.Integer(), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("started_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_oruk_import_runs_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["oruk_feeds.id"], name=op.f("fk_oruk_import_runs_feed_id_oruk_feeds")
        ),
        sa.ForeignKeyConstraint(
            ["started_by_id"], ["users.id"], name=op.f("fk_oruk_import_runs_started_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oruk_import_runs")),
    )
    with op.batch_alter_table("oruk_import_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_oruk_import_runs_feed_id"), ["feed_id"], unique=False)

    op.create_table(
        "oruk_source_records",
        sa.Column("feed_id", sa.Uuid(), nullable=False),
        sa.Column(
            "record_type",
            sa.Enum("service", "organization", name="recordtype", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("external_id", sa.String(length=255), nullable=False),
        sa.Column("local_id", sa.Uuid(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("pulled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("assured_date", sa.Date(), nullable=True),
        sa.Column("source_modified", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["oruk_feeds.id"], name=op.f("fk_oruk_source_records_feed_id_oruk_feeds")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oruk_source_records")),
        sa.UniqueConstraint(
            "feed_id", "record_type", "external_id", name=op.f("uq_oruk_source_records_feed_id")
        ),
        sa.UniqueConstraint(
            "record_type", "local_id", name=op.f("uq_oruk_source_records_record_type")
        ),
    )
    with op.batch_alter_table("oruk_source_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_oruk_source_records_feed_id"), ["feed_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_oruk_source_records_local_id"), ["local_id"], unique=False
        )

    op.create_table(
        "oruk_term_mappings",
        sa.Column("feed_id", sa.Uuid(), nullable=False),
        sa.Column("source_key", sa.String(length=600), nullable=False),
        sa.Column("source_taxonomy", sa.String(length=255), nullable=False),
        sa.Column("source_name", sa.String(length=255), nullable=False),
        sa.Column("term_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["oruk_feeds.id"], name=op.f("fk_oruk_term_mappings_feed_id_oruk_feeds")
        ),
        sa.ForeignKeyConstraint(
            ["term_id"],
            ["taxonomy_terms.id"],
            name=op.f("fk_oruk_term_mappings_term_id_taxonomy_terms"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_oruk_term_mappings_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oruk_term_mappings")),
        sa.UniqueConstraint("feed_id", "source_key", name=op.f("uq_oruk_term_mappings_feed_id")),
    )
    with op.batch_alter_table("oruk_term_mappings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_oruk_term_mappings_feed_id"), ["feed_id"], unique=False
        )

    op.create_table(
        "oruk_planned_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "new", "changed", "withdrawn", name="changeaction", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("external_id", sa.String(length=255), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["oruk_import_runs.id"],
            name=op.f("fk_oruk_planned_changes_run_id_oruk_import_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oruk_planned_changes")),
    )
    with op.batch_alter_table("oruk_planned_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_oruk_planned_changes_run_id"), ["run_id"], unique=False
        )

    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_locations_latitude_longitude", ["latitude", "longitude"], unique=False
        )

    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.create_index("ix_services_updated_at", ["updated_at"], unique=False)


def downgrade():
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_column("schedule_note")
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_index("ix_services_updated_at")

    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.drop_index("ix_locations_latitude_longitude")

    with op.batch_alter_table("oruk_planned_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_oruk_planned_changes_run_id"))

    op.drop_table("oruk_planned_changes")
    with op.batch_alter_table("oruk_term_mappings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_oruk_term_mappings_feed_id"))

    op.drop_table("oruk_term_mappings")
    with op.batch_alter_table("oruk_source_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_oruk_source_records_local_id"))
        batch_op.drop_index(batch_op.f("ix_oruk_source_records_feed_id"))

    op.drop_table("oruk_source_records")
    with op.batch_alter_table("oruk_import_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_oruk_import_runs_feed_id"))

    op.drop_table("oruk_import_runs")
    op.drop_table("oruk_feeds")
