"""Insights into unmet need: daily roll-ups of the search log, areas and coverage; and on
referrals, why one closed and the person's postcode district.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06

Read over by hand: six new tables, all counts (no person in any of them); two nullable
columns on referrals, so existing referrals simply have no closure reason or area.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "insight_areas",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_insight_areas")),
    )
    op.create_table(
        "insight_coverage",
        sa.Column("area", sa.String(length=20), nullable=False),
        sa.Column("need", sa.String(length=60), nullable=False),
        sa.Column("listings", sa.Integer(), nullable=False),
        sa.Column("reach_km", sa.Float(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("area", "need", name=op.f("pk_insight_coverage")),
    )
    op.create_table(
        "insight_rolled_up_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("rolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("searches", sa.Integer(), nullable=False),
        sa.Column("raw_deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_insight_rolled_up_days")),
    )
    op.create_table(
        "insight_search_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("area", sa.String(length=20), nullable=False),
        sa.Column("need", sa.String(length=60), nullable=False),
        sa.Column("searches", sa.Integer(), nullable=False),
        sa.Column("found_nothing", sa.Integer(), nullable=False),
        sa.Column("found_little", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "area", "need", name=op.f("pk_insight_search_days")),
    )
    op.create_table(
        "insight_search_words",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("words", sa.String(length=100), nullable=False),
        sa.Column("area", sa.String(length=20), nullable=False),
        sa.Column("searches", sa.Integer(), nullable=False),
        sa.Column("found_nothing", sa.Integer(), nullable=False),
        sa.Column("found_little", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "words", "area", name=op.f("pk_insight_search_words")),
    )
    op.create_index(
        "ix_insight_search_days_area_need_day",
        "insight_search_days",
        ["area", "need", "day"],
        unique=False,
    )
    op.create_index(
        "ix_insight_search_words_area_day", "insight_search_words", ["area", "day"], unique=False
    )
    op.create_table(
        "insight_stored_figures",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_insight_stored_figures")),
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "closure_reason",
                sa.Enum(
                    "connected",
                    "nothing_suitable",
                    "not_right",
                    "full",
                    "person_chose",
                    "other",
                    name="closurereason",
                    native_enum=False,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("area", sa.String(length=10), nullable=True))
        batch_op.create_index(batch_op.f("ix_referrals_area"), ["area"], unique=False)


def downgrade():
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referrals_area"))
        batch_op.drop_column("area")
        batch_op.drop_column("closure_reason")

    op.drop_table("insight_stored_figures")
    op.drop_index("ix_insight_search_words_area_day", table_name="insight_search_words")
    op.drop_index("ix_insight_search_days_area_need_day", table_name="insight_search_days")
    op.drop_table("insight_search_words")
    op.drop_table("insight_search_days")
    op.drop_table("insight_rolled_up_days")
    op.drop_table("insight_coverage")
    op.drop_table("insight_areas")
