"""PostgreSQL search: a facet bit for listings that accept referrals.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06

Read over by hand: on PostgreSQL only, bit 22 of `search_listings.facets` (the last of
`portal.search.documents._bit_layout`: ("referrals", "yes")) is set on the rows of listings
whose service accepts referrals, so professionals can filter to them. Existing rows need it
set here: the repair rewrites a row only when the service's `updated_at` differs, and it does
not. No other column or row changes. Bit 22 is far below the sign bit of the bigint, so
setting or clearing it never changes a row's sign. SQLite has the table but never searches it
(the embedded index rebuilds itself when the bit layout changes).
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

#: ("referrals", "yes") in `portal.search.documents.BITS`, written out: a migration keeps the
#: meaning it had when it was written, whatever the code says later.
REFERRALS_BIT = 1 << 22


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"UPDATE search_listings SET facets = facets | {REFERRALS_BIT} "
        "FROM services WHERE services.id = search_listings.service_id "
        "AND services.accepts_referrals"
    )


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"UPDATE search_listings SET facets = facets & ~{REFERRALS_BIT}::bigint "
        f"WHERE facets & {REFERRALS_BIT} <> 0"
    )
