"""Full-text search. ALL Whoosh code lives in this package; other packages call these functions.

The database is the source of truth: the index is derived from it, holds ids plus the text to
match and the coordinates to filter on, and can always be rebuilt (`flask search reindex`).
"""

from portal.search.index import (
    Hit,
    IndexStatus,
    index_status,
    rebuild,
    remove,
    search_ids,
    upsert,
)

__all__ = ["Hit", "IndexStatus", "index_status", "rebuild", "remove", "search_ids", "upsert"]
