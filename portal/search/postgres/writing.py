"""Writing search rows: in the listing's own transaction, and by commands.

`write` brings the rows of some listings in line with the database inside the caller's
transaction: public ones upserted (the listing, its positions, its words), the rest deleted.
The `before_commit` hook (`write_touched`) calls it for every service the transaction touched
(`portal.directory.versioning` notes them), so a change and its search row commit together and
every server sees both on its next request. Commands (`sync`, `rebuild`, `repair`) call it in
transactions of their own, holding each listing's row (`FOR SHARE`) while they read and write:
an editor's transaction then waits for them, or they for it, and the later change is what
search keeps. Rows are always written in id order and words in sorted order, so two writers
never wait on each other in a circle.
"""

from __future__ import annotations

import json
import typing
import uuid
from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy import (
    BigInteger,
    CursorResult,
    Delete,
    Table,
    cast,
    delete,
    extract,
    func,
    inspect,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from portal.directory.models import Service, ServiceStatus
from portal.directory.services import public_services
from portal.directory.versioning import TOUCHED
from portal.search.documents import POSITION, document, facet_bit, indexable_services
from portal.search.plans import typed_words
from portal.search.postgres.cells import cells_of
from portal.search.postgres.models import WORD_LENGTH, SearchListing, SearchWord

BATCH = 500
#: How long a command or `sync` waits for a listing's row held by another transaction before
#: giving up (logged; the repair writes it later) rather than waiting for ever on a
#: transaction that is waiting for it in turn.
HOLD_AT_MOST = "30s"
# Declarative types a model's table as any FromClause.
_listings = typing.cast(Table, SearchListing.__table__)
_words = typing.cast(Table, SearchWord.__table__)
_ONLINE = facet_bit("mode", "online")

_UPSERT = """
INSERT INTO search_listings AS l (service_id, document, needs, audiences, words, cells,
    facets, min_age, max_age, reviewed, closed, online, schedules, content_version)
SELECT d.service_id,
    setweight(to_tsvector('english', unaccent(d.name)), 'A')
    || setweight(to_tsvector('english', unaccent(d.term_names)), 'B')
    || setweight(to_tsvector('simple', unaccent(d.organisation)), 'C')
    || setweight(to_tsvector('english', unaccent(d.description)), 'D')
    || setweight(to_tsvector('simple', unaccent(d.place)), 'D'),
    d.needs, d.audiences, d.words, d.cells, d.facets, d.min_age, d.max_age, d.reviewed,
    d.closed, d.online, d.schedules, d.content_version
FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS d(service_id uuid, name text,
    term_names text, organisation text, description text, place text, needs varchar[],
    audiences varchar[], words varchar[], cells integer[], facets bigint, min_age smallint,
    max_age smallint, reviewed integer, closed boolean, online boolean, schedules json,
    content_version bigint)
ORDER BY d.service_id
ON CONFLICT (service_id) DO UPDATE SET document = excluded.document,
    needs = excluded.needs, audiences = excluded.audiences, words = excluded.words,
    cells = excluded.cells, facets = excluded.facets, min_age = excluded.min_age,
    max_age = excluded.max_age, reviewed = excluded.reviewed, closed = excluded.closed,
    online = excluded.online, schedules = excluded.schedules,
    content_version = excluded.content_version
"""
_POSITIONS = """
INSERT INTO search_positions (service_id, number, latitude, longitude)
SELECT d.service_id, d.number, d.latitude, d.longitude
FROM jsonb_to_recordset(CAST(:rows AS jsonb))
    AS d(service_id uuid, number smallint, latitude float8, longitude float8)
ORDER BY d.service_id, d.number
ON CONFLICT (service_id, number) DO UPDATE
    SET latitude = excluded.latitude, longitude = excluded.longitude
"""
_WORDS = """
INSERT INTO search_words (word) SELECT w FROM unnest(CAST(:words AS varchar[])) AS w
ORDER BY w ON CONFLICT DO NOTHING
"""


def spelling_words(spell: str) -> list[str]:
    """The words "Did you mean" may offer from a listing: its name's and term names'."""
    return sorted({w for w in typed_words(spell) if len(w) <= WORD_LENGTH})


def _signed(bits: int) -> int:
    return bits - (1 << 64) if bits >= 1 << 63 else bits


def _row(service: Service) -> tuple[dict, list[dict]]:
    """The listing's row and its positions, as JSON-ready dicts."""
    doc = document(service)
    row = {
        **{k: doc[k] for k in ("name", "term_names", "organisation", "description", "place")},
        **{k: doc[k] for k in ("min_age", "max_age", "reviewed", "schedules", "content_version")},
        "service_id": str(service.id),
        "needs": [c for c in doc["needs"].split(",") if c],
        "audiences": [c for c in doc["audiences"].split(",") if c],
        "words": spelling_words(doc["spell"]),
        "facets": _signed(doc["facets"]),
        "closed": service.status is ServiceStatus.TEMPORARILY_CLOSED,
        "online": bool(doc["facets"] & _ONLINE),
    }
    places = list(POSITION.iter_unpack(doc["positions"]))
    row["cells"] = cells_of(places)
    positions = [
        {"service_id": str(service.id), "number": n, "latitude": lat, "longitude": lon}
        for n, (lat, lon) in enumerate(places)
    ]
    return row, positions


def write(session: Session, service_ids: Collection[uuid.UUID], hold: bool = True) -> int:
    """Bring these listings' search rows in line with the database in the session's
    transaction; returns how many are public (written). `hold`: lock the services' rows
    first (`FOR SHARE`, in id order), for writers outside the listing's own transaction."""
    ids = sorted(set(service_ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        written += _write_batch(session, ids[start : start + BATCH], hold)
    return written


def _write_batch(session: Session, ids: list[uuid.UUID], hold: bool) -> int:
    if hold:
        session.execute(
            text("SELECT set_config('lock_timeout', :wait, true)"), {"wait": HOLD_AT_MOST}
        )
        session.execute(
            text("SELECT id FROM services WHERE id = ANY(:ids) ORDER BY id FOR SHARE"),
            {"ids": ids},
        )
    # Read afresh: another transaction may have changed the listing since this session
    # loaded it (it committed before this one could take the row).
    statement = indexable_services().where(Service.id.in_(ids))
    services = session.scalars(statement.execution_options(populate_existing=True)).all()
    rows, positions = [], []
    for service in services:
        row, places = _row(service)
        rows.append(row)
        positions += places
    gone = sorted(set(ids) - {s.id for s in services})
    if gone:
        session.execute(
            text("DELETE FROM search_listings WHERE service_id = ANY(:ids)"), {"ids": gone}
        )
    if rows:
        _upsert(session, [s.id for s in services], rows, positions)
    return len(rows)


def _upsert(session: Session, ids: list[uuid.UUID], rows: list[dict], positions: list[dict]):
    session.execute(text(_UPSERT), {"rows": json.dumps(rows)})
    session.execute(text("DELETE FROM search_positions WHERE service_id = ANY(:ids)"), {"ids": ids})
    if positions:
        session.execute(text(_POSITIONS), {"rows": json.dumps(positions)})
    words = sorted({w for row in rows for w in row["words"]})
    if words:
        session.execute(text(_WORDS), {"words": words})


def write_touched(session: Session) -> None:
    """Write the search rows of every service this transaction touched (after a last flush,
    so the last changes are noted too). The services' rows are already held: the transaction
    moved their `updated_at`."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    touched = session.info.pop(TOUCHED, None)
    if not touched:
        return
    ids = set()
    for service in touched:
        identity = inspect(service).identity
        if identity is not None:
            ids.add(identity[0])
    write(session, ids, hold=False)


def public_ids_after(session: Session, after: uuid.UUID | None, limit: int) -> list[uuid.UUID]:
    """The next `limit` public listings' ids after `after`, in id order (a rebuild's batch)."""
    statement = public_services().with_only_columns(Service.id).order_by(Service.id).limit(limit)
    if after is not None:
        statement = statement.where(Service.id > after)
    return list(session.scalars(statement))


def rebuild_rows(session: Session, progress: Callable[[int], None] | None = None) -> int:
    """Every public listing's row afresh, a batch per transaction (so an editor waits for a
    batch at most), then the rows of listings no longer public removed. Returns how many
    listings were written."""
    count, after = 0, None
    while ids := public_ids_after(session, after, BATCH):
        written = write(session, ids)
        session.commit()
        after = ids[-1]
        if progress:
            for n in range(count + 1, count + written + 1):
                progress(n)
        count += written
    remove_hidden(session)
    session.commit()
    return count


def remove_hidden(session: Session) -> int:
    """Delete the rows of listings no longer public (changed behind the portal's back by a
    bulk statement nobody told search about); returns how many."""
    return _deleted(session, delete(_listings).where(~_public_listing()))


def _public_listing():
    """EXISTS: the listing of a `search_listings` row is public (an anti-join when negated:
    `NOT IN` a million ids ran for minutes once they no longer fitted in memory)."""
    public = public_services().with_only_columns(Service.id)
    return public.where(Service.id == _listings.c.service_id).exists()


def prune_words(session: Session) -> int:
    """Delete the spelling words no listing has any more; returns how many."""
    used = select(func.unnest(_listings.c.words))
    unused = select(_words.c.word).except_(used).subquery()
    return _deleted(session, delete(_words).where(_words.c.word.in_(select(unused.c.word))))


def _deleted(session: Session, statement: Delete) -> int:
    """How many rows `statement` deleted: a DELETE's result is a CursorResult, which the
    session types as any Result."""
    result = typing.cast(CursorResult[Any], session.execute(statement))
    return result.rowcount or 0


def out_of_step(session: Session) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """(public listings whose row is missing or older than the listing, rows of listings no
    longer public)."""
    public = public_services().with_only_columns(Service.id, Service.updated_at).subquery()
    version = cast(extract("epoch", public.c.updated_at) * 1_000_000, BigInteger)
    stale = session.scalars(
        select(public.c.id)
        .outerjoin(_listings, _listings.c.service_id == public.c.id)
        .where(or_(_listings.c.service_id.is_(None), _listings.c.content_version != version))
    ).all()
    extra = session.scalars(select(_listings.c.service_id).where(~_public_listing())).all()
    return list(stale), list(extra)
