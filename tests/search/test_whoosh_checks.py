"""The engine's fast paths read Whoosh's private blocks; when a segment is first read they are
checked against Whoosh's public API, so another Whoosh never ranks a page wrongly in silence.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date, timedelta

import numpy as np
import pytest

from portal.cli import reindex_all
from portal.directory.summaries import service_summaries
from portal.search.documents import NO_MAXIMUM_AGE, POSITION
from portal.search.embedded import checks, engine, segments
from portal.search.embedded.index import SCHEMA, TEXT_FIELDS, storage
from portal.search.embedded.readers import close_all
from portal.search.query import SearchQuery
from tests import factories

SEARCH_BACKEND = "whoosh"  # the Whoosh index's own workings, on PostgreSQL too
NOTE = "Search is being rebuilt: these results may be incomplete."


@pytest.fixture
def listed(app):
    """Walks checked on different days, with different ages, words repeated differently."""
    for n in range(6):
        factories.service(
            f"Walk {n}",
            description="walk " * (n + 1) + "in the woods",
            last_reviewed=date.today() - timedelta(days=10 * n),
            minimum_age=n * 3,
            location=factories.venue(f"Hall {n}", latitude=51.4 + n / 100, longitude=-0.75),
        )
    reindex_all()
    close_all()


def leaf_reader(searcher):
    ((reader, _offset),) = searcher.reader().leaf_readers()
    return reader


def ranked_names(**asked) -> list[str]:
    ranked = engine.rank(SearchQuery(**asked), None, 0, 50, {}, date.today())
    return [s.name for s in service_summaries([uuid.UUID(i) for i in ranked.ids])]


# --- the checks pass on a real index -------------------------------------------------------


def test_the_checks_pass_on_an_index_of_many_documents_and_posting_blocks(app, tmp_path):
    folder = tmp_path / "synthetic"
    folder.mkdir()
    ix = storage(folder).create_index(SCHEMA)
    with ix.writer() as w:
        for n in range(700):  # posting lists of several 128-posting blocks
            w.add_document(
                id=f"doc-{n}",
                name=f"Club {n % 7}",
                description="walk " * (n % 5 + 1)
                + ("tea" if n % 3 else "")
                + (
                    " zebra" if n == 50 else ""  # a word of one document
                ),
                needs="food,getting-active" if n % 2 else "food",
                facets=n * 2654435761 % 2**40,
                min_age=n % 90,
                max_age=90 + n % 60,
                reviewed=20000 + n,
                positions=POSITION.pack(51 + n / 1000, -1 - n / 1000) * (n % 3),
                content_version=n * 1000,
            )
    with ix.writer() as w:  # deleted documents stay in the segment, marked
        for n in range(10):
            w.delete_by_term("id", f"doc-{n}")
    with ix.searcher() as searcher:
        reader = leaf_reader(searcher)
        assert reader.has_deletions()
        data = segments.SegmentData(reader)  # every column and the positions checked
        assert data.reviewed.tolist() == list(range(20000, 20700))
        for field in TEXT_FIELDS:
            data.lengths(reader, field)
        docs, weights = data.postings(reader, "description", "walk")
        assert len(docs) == 700 and sorted(set(weights.tolist())) == [1.0, 2.0, 3.0, 4.0, 5.0]
        assert data.postings(reader, "description", "zebra")[0].tolist() == [50]
        assert data.keyword(reader, "needs", "getting-active").sum() == 350
    ix.close()
    assert checks.last_problem() is None


def test_a_search_on_a_real_index_passes_the_checks(client, listed):
    html = client.get("/search?q=walk").get_data(as_text=True)
    assert "Walk 5" in html and NOTE not in html
    assert client.get("/healthz").status_code == 200
    assert checks.last_problem() is None


# --- a Whoosh that stores things otherwise fails loudly ------------------------------------


def _reversed(real):
    def read(*args, **kwargs):
        return real(*args, **kwargs)[::-1].copy()

    return read


def test_columns_read_wrongly_never_rank_a_page(client, listed, monkeypatch, caplog):
    assert ranked_names()[:2] == ["Walk 0", "Walk 1"]  # the most recently checked first
    close_all()  # segments are read afresh, as by a worker started with another Whoosh
    monkeypatch.setattr(segments, "_fast_numeric", _reversed(segments._fast_numeric))
    with caplog.at_level(logging.ERROR), pytest.raises(checks.WhooshChanged, match="column"):
        ranked_names()
    html = client.get("/search?q=walk&age=1").get_data(as_text=True)
    assert NOTE in html  # answered from the database, not ranked by reversed columns
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("pinned to whoosh-reloaded 2.7.5" in message for message in errors)
    health = client.get("/healthz")
    assert health.status_code == 503
    assert "pinned to whoosh-reloaded 2.7.5" in health.get_json()["search_index"]


def test_a_missing_private_attribute_is_named(client, listed, monkeypatch):
    def renamed(column, size, dtype, default):
        return column._count_of_values  # as if a new Whoosh had renamed `_count`

    monkeypatch.setattr(segments, "_fast_numeric", renamed)
    with pytest.raises(checks.WhooshChanged, match="_count_of_values"):
        ranked_names()
    assert NOTE in client.get("/search?q=walk").get_data(as_text=True)


@pytest.mark.parametrize(
    "wrong",
    [
        "weights all one",
        "documents shifted",
        "lengths all zero",
        "positions swapped",
    ],
)
def test_each_fast_path_read_wrongly_is_caught(listed, monkeypatch, wrong):
    real_blocks, real_lengths = segments._blocks, segments._fast_lengths
    real_positions = segments._fast_positions
    if wrong == "weights all one":
        monkeypatch.setattr(segments, "_blocks", lambda m: _weighed_one(real_blocks(m)))
    elif wrong == "documents shifted":
        monkeypatch.setattr(segments, "_blocks", lambda m: _shifted(real_blocks(m)))
    elif wrong == "lengths all zero":
        monkeypatch.setattr(segments, "_fast_lengths", lambda *a: real_lengths(*a) * 0)
    else:
        monkeypatch.setattr(segments, "_fast_positions", lambda c: _swapped(real_positions(c)))
    with pytest.raises(checks.WhooshChanged, match=r"2\.7\.5"):
        ranked_names(text="walk")


def _weighed_one(found: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    docs, weights = found
    return docs, np.ones(len(weights), np.float32)


def _shifted(found: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    docs, weights = found
    return docs + 1, weights


def _swapped(found: tuple[np.ndarray, bytes]) -> tuple[np.ndarray, bytes]:
    """The first two stored positions trade places."""
    lengths, raw = found
    size = POSITION.size
    return lengths, raw[size : 2 * size] + raw[:size] + raw[2 * size :]


def test_a_segment_without_some_columns_reads_their_defaults(app, tmp_path):
    """Whoosh writes no column no document of a segment has a value for."""
    folder = tmp_path / "sparse"
    folder.mkdir()
    ix = storage(folder).create_index(SCHEMA)
    with ix.writer() as w:
        for n in range(3):
            w.add_document(id=f"doc-{n}", name="Club", reviewed=n)
    with ix.searcher() as searcher:
        reader = leaf_reader(searcher)
        data = segments.SegmentData(reader)
        assert data.max_age.tolist() == [NO_MAXIMUM_AGE] * 3
        assert data.reviewed.tolist() == [0, 1, 2]
        assert len(data.pos_doc) == 0
    ix.close()
