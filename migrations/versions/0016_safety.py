"""Keeping people safe: the words that show the safety panel, its helplines, and the settings
(panel text, the quick exit's page, the sensitive needs).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06

Read over by hand: three new tables, empty. Empty tables mean the defaults in
`portal/safety/defaults.py`, so nothing is loaded here and an existing directory shows the
safety panel and the quick exit as soon as it is upgraded. No existing table changes.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "safety_helplines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("contact", sa.String(length=100), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("hours", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_helplines")),
    )
    op.create_table(
        "safety_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("heading", sa.String(length=120), nullable=True),
        sa.Column("intro", sa.Text(), nullable=True),
        sa.Column("exit_url", sa.String(length=500), nullable=True),
        sa.Column("sensitive_needs", sa.String(length=500), nullable=True),
        sa.Column("words_version", sa.Integer(), nullable=False),
        sa.Column("helplines_version", sa.Integer(), nullable=False),
        sa.Column("settings_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_settings")),
    )
    op.create_table(
        "safety_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=100), nullable=False),
        sa.Column("normalised", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_words")),
        sa.UniqueConstraint("normalised", name=op.f("uq_safety_words_normalised")),
    )


def downgrade():
    op.drop_table("safety_words")
    op.drop_table("safety_settings")
    op.drop_table("safety_helplines")
