"""Circles of support shared with named connectors.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10

Read over by hand: one new table, no change to existing rows (every circle starts shared with
nobody: only its maker sees it).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "circle_shares",
        sa.Column("map_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["map_id"],
            ["community_maps.id"],
            name=op.f("fk_circle_shares_map_id_community_maps"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_circle_shares_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("map_id", "user_id", name=op.f("pk_circle_shares")),
    )


def downgrade():
    op.drop_table("circle_shares")
