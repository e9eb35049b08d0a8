"""Rate limits counted in the database, shared by every worker and machine.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08

Read over by hand: one new table, `rate_limits` (see `portal.ratelimits`): a row per limit and
client with the window's count and when it ends (seconds since the epoch), indexed by that end
so ended windows are deleted quickly. Nothing existing changes; the table starts empty and
dropping it only forgets counts.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limits")),
    )
    with op.batch_alter_table("rate_limits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rate_limits_expires_at"), ["expires_at"], unique=False)


def downgrade():
    with op.batch_alter_table("rate_limits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rate_limits_expires_at"))
    op.drop_table("rate_limits")
