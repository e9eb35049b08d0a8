"""Search in PostgreSQL: full text, filters and positions beside the listings.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08

Read over by hand: three new tables (`portal.search.postgres.models`): `search_listings` (one
row per public listing: a tsvector, needs and audiences, the filters' columns), its positions,
and the words spelling suggestions pick from. On PostgreSQL the `pg_trgm` and `unaccent`
extensions are created first (contrib modules, offered by managed PostgreSQL services). The
tables start empty: a server's start (`flask search prepare`, or the first `search.prepare()`)
fills them from the listings, or run `flask search reindex`. On SQLite the tables are made
but never used. No existing row changes.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

EXTENSIONS = ("pg_trgm", "unaccent")


def _codes():
    return postgresql.ARRAY(sa.String(length=100)).with_variant(sa.JSON(), "sqlite")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name in EXTENSIONS:
            op.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")
    op.create_table(
        "search_listings",
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column(
            "document", postgresql.TSVECTOR().with_variant(sa.Text(), "sqlite"), nullable=False
        ),
        sa.Column("needs", _codes(), nullable=False),
        sa.Column("audiences", _codes(), nullable=False),
        sa.Column("words", _codes(), nullable=False),
        sa.Column(
            "cells",
            postgresql.ARRAY(sa.Integer()).with_variant(sa.JSON(), "sqlite"),
            nullable=False,
        ),
        sa.Column("facets", sa.BigInteger(), nullable=False),
        sa.Column("min_age", sa.SmallInteger(), nullable=False),
        sa.Column("max_age", sa.SmallInteger(), nullable=False),
        sa.Column("reviewed", sa.Integer(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("schedules", sa.JSON(), nullable=False),
        sa.Column("content_version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_search_listings_service_id_services"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", name=op.f("pk_search_listings")),
    )
    with op.batch_alter_table("search_listings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_search_listings_document", ["document"], unique=False, postgresql_using="gin"
        )
        batch_op.create_index(
            "ix_search_listings_needs", ["needs"], unique=False, postgresql_using="gin"
        )
        batch_op.create_index(
            "ix_search_listings_audiences", ["audiences"], unique=False, postgresql_using="gin"
        )
        batch_op.create_index(
            "ix_search_listings_cells", ["cells"], unique=False, postgresql_using="gin"
        )
        batch_op.create_index(
            "ix_search_listings_online",
            ["service_id"],
            unique=False,
            postgresql_where=sa.text("online"),
        )
    op.create_table(
        "search_positions",
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.SmallInteger(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["search_listings.service_id"],
            name=op.f("fk_search_positions_service_id_search_listings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "number", name=op.f("pk_search_positions")),
    )
    op.create_table(
        "search_words",
        sa.Column("word", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("word", name=op.f("pk_search_words")),
    )
    with op.batch_alter_table("search_words", schema=None) as batch_op:
        batch_op.create_index(
            "ix_search_words_word_trgm",
            ["word"],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={"word": "gin_trgm_ops"},
        )


def downgrade():
    with op.batch_alter_table("search_words", schema=None) as batch_op:
        batch_op.drop_index("ix_search_words_word_trgm")
    op.drop_table("search_words")
    op.drop_table("search_positions")
    with op.batch_alter_table("search_listings", schema=None) as batch_op:
        batch_op.drop_index("ix_search_listings_online", postgresql_where=sa.text("online"))
        batch_op.drop_index("ix_search_listings_cells", postgresql_using="gin")
        batch_op.drop_index("ix_search_listings_audiences", postgresql_using="gin")
        batch_op.drop_index("ix_search_listings_needs", postgresql_using="gin")
        batch_op.drop_index("ix_search_listings_document", postgresql_using="gin")
    op.drop_table("search_listings")
