"""The index as workers read it: arrays true to Whoosh, several segments, other processes."""

import multiprocessing
import uuid
from datetime import date

import pytest
from sqlalchemy import select
from whoosh import index as whoosh_index

from portal.cli import reindex_all
from portal.directory.models import Service
from portal.directory.services import update_service
from portal.directory.summaries import service_summaries
from portal.extensions import db
from portal.geo import find_place
from portal.search import Centre, Ranked
from portal.search.documents import indexable_services
from portal.search.embedded import engine, segments
from portal.search.embedded.checks import WhooshChanged
from portal.search.embedded.index import directory, index_status, rebuild, upsert
from portal.search.embedded.readers import open_index_for
from portal.search.embedded.upkeep import rebuild_index
from portal.search.query import SearchQuery
from tests import factories

SEARCH_BACKEND = "whoosh"  # the Whoosh index's own workings, on PostgreSQL too


def search(**asked) -> Ranked:
    query = SearchQuery(**asked)
    centre = None
    if query.where:
        place = find_place(query.where)
        centre = Centre(place.latitude, place.longitude)
    return engine.rank(query, centre, 0, 50, {}, date.today())


def names(ranked: Ranked) -> list[str]:
    return [s.name for s in service_summaries([uuid.UUID(i) for i in ranked.ids])]


def near(place: str, north_km: float = 0.0):
    found = find_place(place)
    return factories.venue(
        f"Hall {north_km}", latitude=found.latitude + north_km / 111.195, longitude=found.longitude
    )


class _NoFastPaths:
    """A Whoosh column reader or matcher without the private attributes the fast paths use."""

    def __init__(self, inner) -> None:
        self._inner = inner

    def __iter__(self):
        return iter(self._inner)

    def __getitem__(self, docnum):
        return self._inner[docnum]

    def is_active(self):
        return self._inner.is_active()

    def id(self):
        return self._inner.id()

    def weight(self):
        return self._inner.weight()

    def next(self):
        return self._inner.next()


class _Wrapped:
    """A segment reader handing out only `_NoFastPaths` objects, as if Whoosh had renamed
    what the fast paths read."""

    def __init__(self, reader) -> None:
        self._reader = reader

    def doc_count_all(self):
        return self._reader.doc_count_all()

    def doc_field_length(self, docnum, field, default=0):
        return self._reader.doc_field_length(docnum, field, default)

    def __contains__(self, term):
        return term in self._reader

    def column_reader(self, name, translate=True):
        return _NoFastPaths(self._reader.column_reader(name, translate=translate))

    def postings(self, field, token):
        return _NoFastPaths(self._reader.postings(field, token))


def test_the_fast_readers_agree_with_whoosh_one_value_at_a_time(app):
    for n in range(12):
        factories.service(
            f"Walking Group {n}",
            description="walk " * (n + 1) + "and talk",
            minimum_age=n if n % 3 else None,
            location=near("Bracknell", n / 10),
        )
    factories.service("Online Natter", location=factories.online())
    rebuild(db.session.scalars(indexable_services()).all())  # one segment
    ix = whoosh_index.open_dir(str(directory()))
    with ix.searcher() as searcher:
        ((reader, _offset),) = searcher.reader().leaf_readers()
        data = segments.SegmentData(reader)
        size = reader.doc_count_all()
        assert data.reviewed.tolist() == list(reader.column_reader("reviewed"))
        assert data.min_age.tolist() == list(reader.column_reader("min_age"))
        assert data.max_age.tolist() == list(reader.column_reader("max_age"))
        assert data.facets.tolist() == list(reader.column_reader("facets"))
        lengths = data.lengths(reader, "description")
        assert lengths.tolist() == [
            reader.doc_field_length(d, "description", 0) for d in range(size)
        ]
        assert len(data.pos_doc) == 12  # the online one has no position

        docs, weights = data.postings(reader, "description", "walk")
        matcher = reader.postings("description", "walk")
        expected = []
        while matcher.is_active():
            expected.append((matcher.id(), matcher.weight()))
            matcher.next()
        assert list(zip(docs.tolist(), weights.tolist(), strict=True)) == expected
        assert sorted(weights.tolist()) == [float(n) for n in range(1, 13)]

        slow = _Wrapped(reader)  # Whoosh's private attributes renamed: loud, never slower
        with pytest.raises(WhooshChanged, match=r"_count.*whoosh-reloaded 2\.7\.5"):
            segments.column_values(slow, "reviewed", "i4", 0)
        with pytest.raises(WhooshChanged, match="_lengths"):
            segments._positions(slow)
        with pytest.raises(WhooshChanged, match="_perdoc"):
            data.lengths(slow, "name")
        with pytest.raises(WhooshChanged, match="_read_data"):
            segments._read_postings(slow, "description", "walk")
    ix.close()


def test_services_spread_over_several_segments_are_all_found_in_order(app):
    for n in range(30):
        factories.service(f"Club {n:02d}", location=near("Bracknell", n * 0.25))
    rebuild_index(processes=2)  # a segment per process
    late = factories.service("Club late", location=near("Bracknell", 0.1))
    upsert(late)  # and one more segment
    with open_index_for(directory()).snapshot() as snapshot:
        assert len(snapshot.leaves) >= 2
    found = search(where="Bracknell", radius=25, sort="distance")
    assert found.total == 31
    listed = names(found)
    assert listed[:3] == ["Club 00", "Club late", "Club 01"]
    km = [found.distances[i] for i in found.ids]
    assert km == sorted(km)


def _edit_in_another_process(args):
    database_url, search_dir, service_id = args
    from tests.support import make_app

    other = make_app(database_url, search_dir, PORTAL_SEARCH_BACKEND="whoosh")
    with other.app_context():
        update_service(service_id, name="Renamed Rambling Club", description="Rambles.")
        db.engine.dispose()


def test_a_change_written_by_another_worker_is_searchable_on_the_next_request(app):
    walk = factories.service("Walking Group", description="A walk in the woods.")
    reindex_all()
    assert search(text="walking").total == 1  # this process now holds a searcher
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pool.map(_edit_in_another_process, [(url, app.config["PORTAL_SEARCH_DIR"], str(walk.id))])
    assert search(text="rambles").total == 1
    assert search(text="woods").total == 0


def test_a_rebuilt_index_replaces_the_one_a_worker_has_open(app):
    factories.service("Old Name Club")
    reindex_all()
    assert search(text="old").total == 1
    service = db.session.scalars(select(Service)).one()
    service.name = "New Name Club"
    db.session.commit()
    reindex_all()  # builds aside and swaps folders, whatever generation the old one was at
    assert search(text="new").total == 1
    assert search(text="old").total == 0


def test_a_change_committed_while_the_index_is_being_rebuilt_is_not_lost(app, monkeypatch):
    first = factories.service("Steady Club")
    factories.service("Other Club")
    reindex_all()
    from portal.search.embedded import upkeep

    real = upkeep.rebuild

    def rebuild_with_an_edit_halfway(services, progress=None, processes=1):
        def reading():
            for n, service in enumerate(services):
                if n == 1:  # another worker's edit, written to the index being replaced
                    update_service(str(first.id), name="Lively Club")
                yield service

        return real(reading(), progress, processes)

    monkeypatch.setattr(upkeep, "rebuild", rebuild_with_an_edit_halfway)
    rebuild_index()
    assert search(text="lively").total == 1
    assert search(text="steady").total == 0


def _write_many(args):
    database_url, search_dir, prefix = args
    from tests.support import make_app

    app = make_app(database_url, search_dir, PORTAL_SEARCH_BACKEND="whoosh")
    with app.app_context():
        services = db.session.scalars(select(Service).where(Service.name.startswith(prefix)))
        for service in services:
            upsert(service)
        db.engine.dispose()


def test_two_processes_writing_the_index_at_once_lose_nothing(app, tmp_path):
    for n in range(30):
        factories.service(f"A{n:02d} Group")
        factories.service(f"B{n:02d} Group")
    reindex_all()
    rebuild([])  # empty the index, then let two processes fill it concurrently
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    folder = app.config["PORTAL_SEARCH_DIR"]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_write_many, [(url, folder, "A"), (url, folder, "B")])
    assert index_status().documents == 60
