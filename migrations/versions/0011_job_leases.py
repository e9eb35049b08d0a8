"""Background jobs' leases: one row per job, so each runs once per period on any machine.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08

Read over by hand: one new table, `job_leases` (`portal.jobs.models.JobLease`), keyed by the
job's name. `flask jobs run` makes each row the first time it meets the job; no existing row
changes.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "job_leases",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("done_window_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_period", sa.String(length=32), nullable=True),
        sa.Column("holder", sa.String(length=255), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "last_status",
            sa.Enum("ok", "failed", name="jobstatus", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_result", sa.Text(), nullable=True),
        sa.Column("run_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_job_leases")),
    )


def downgrade():
    op.drop_table("job_leases")
