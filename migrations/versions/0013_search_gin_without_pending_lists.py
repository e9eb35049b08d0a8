"""PostgreSQL search: GIN indexes without pending lists.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06

Read over by hand: on PostgreSQL only, the five GIN indexes of the search tables stop using a
pending list (`fastupdate = off`), and what their pending lists hold is moved into the indexes
(`gin_clean_pending_list`). Every search scanned the whole pending list; after a rebuild or an
import it held every listing, and place searches took 900 ms at 100,000 listings until a
vacuum ran. No table or row changes; SQLite has no such indexes.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

GIN_INDEXES = (
    "ix_search_listings_document",
    "ix_search_listings_needs",
    "ix_search_listings_audiences",
    "ix_search_listings_cells",
    "ix_search_words_word_trgm",
)


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in GIN_INDEXES:
        op.execute(f"ALTER INDEX {name} SET (fastupdate = off)")
        op.execute(f"SELECT gin_clean_pending_list('{name}'::regclass)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in GIN_INDEXES:
        op.execute(f"ALTER INDEX {name} RESET (fastupdate)")
