"""Data safety: draft versions, who decided a suggestion, and the search index's backlog.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

Read over by hand: two nullable columns and a versioned column (existing drafts start at 1) on
listing_revisions, two nullable columns on community_assets, one new table.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_index_backlog",
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("service_id", name=op.f("pk_search_index_backlog")),
    )
    with op.batch_alter_table("listing_revisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("updated_by_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_listing_revisions_updated_by_id_users"),
            "users",
            ["updated_by_id"],
            ["id"],
        )
    with op.batch_alter_table("community_assets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decided_by_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_community_assets_decided_by_id_users"),
            "users",
            ["decided_by_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("community_assets", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_community_assets_decided_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("decided_at")
        batch_op.drop_column("decided_by_id")
    with op.batch_alter_table("listing_revisions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_listing_revisions_updated_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("updated_by_id")
        batch_op.drop_column("version")
    op.drop_table("search_index_backlog")
