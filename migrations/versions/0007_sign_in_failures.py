"""Sign-in failures counted per address and network, across every worker (issue 12).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-12

Read over by hand: one new table and its two indexes; nothing existing changes.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("network", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failures")),
    )
    with op.batch_alter_table("sign_in_failures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sign_in_failures_email_network_failed_at",
            ["email", "network", "failed_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_sign_in_failures_failed_at"), ["failed_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("sign_in_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_failures_failed_at"))
        batch_op.drop_index("ix_sign_in_failures_email_network_failed_at")
    op.drop_table("sign_in_failures")
