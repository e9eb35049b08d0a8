"""Search. ALL Whoosh code lives in this package; other packages call these functions.

The database is the source of truth: the index is derived from it and can always be rebuilt
(`flask search reindex`); after a service is published, edited, closed or removed, call
`upsert` or `remove` once its transaction has committed.
"""

from portal.search.index import (
    IndexStatus,
    index_status,
    rebuild,
    remove,
    upsert,
    upsert_many,
)

__all__ = ["IndexStatus", "index_status", "rebuild", "remove", "upsert", "upsert_many"]
