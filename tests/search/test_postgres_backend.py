"""Search in PostgreSQL, as several app servers on one database see it: a change committed
anywhere is found everywhere on the next request, with nothing rebuilt.

These run against PostgreSQL on every run, SQLite or not: a scratch database is made on the
PostgreSQL server (DATABASE_URL's when it names one, else 127.0.0.1) and dropped afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import create_engine, func, select, text, update

from portal import search
from portal.directory.models import (
    Organisation,
    PublicationState,
    Service,
    ServiceStatus,
)
from portal.directory.services import update_service
from portal.extensions import db
from portal.geo import find_place
from portal.search.backend import Centre, current_backend
from portal.search.plans import plans
from portal.search.postgres.matching import compile_plan
from portal.search.postgres.models import SearchListing, SearchWord
from portal.search.postgres.rarity import rarity
from portal.search.query import SearchQuery
from tests import factories
from tests.servers import postgres_database
from tests.support import make_app

MILE_KM = 1.609344
DAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """A scratch PostgreSQL database for this module, dropped afterwards."""
    with postgres_database("search") as url:
        yield url


def _empty(app: Flask) -> None:
    with app.app_context():
        tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(postgres_url, tmp_path) -> Iterator[Flask]:
    """This module's app: always PostgreSQL, always the PostgreSQL search backend."""
    app = make_app(postgres_url, tmp_path / "search", PORTAL_SEARCH_BACKEND="postgresql")
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()
    _empty(app)


@pytest.fixture
def other_server(postgres_url, tmp_path, app) -> Iterator[Flask]:
    """A second app server on the same database: its own engine, connections and folder."""
    other = make_app(postgres_url, tmp_path / "other-search", PORTAL_SEARCH_BACKEND="postgresql")
    yield other
    with other.app_context():
        db.engine.dispose()


def found(client, words: str, **args) -> str:
    response = client.get("/search", query_string={"q": words, **args})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def ranked(query: SearchQuery, centre: Centre | None = None, thesaurus=None):
    return current_backend().rank(query, centre, 0, 20, thesaurus or {}, date.today())


def names(result) -> list[str]:
    by_id = {str(s.id): s.name for s in db.session.scalars(select(Service))}
    return [by_id[i] for i in result.ids]


def near(place: str, miles: float) -> tuple[float, float]:
    found_place = find_place(place)
    return found_place.latitude + miles * MILE_KM / 111.195, found_place.longitude


# --- every server sees every change at once --------------------------------------------------


def test_this_app_uses_the_postgresql_backend(app):
    assert search.backend_name() == "postgresql"


def test_a_change_on_one_server_is_found_on_another_at_its_next_request(app, other_server):
    listing = factories.service("Garden Club", description="Digging together.")
    visitor = other_server.test_client()
    assert "Garden Club" in found(visitor, "digging")
    update_service(str(listing.id), name="Allotment Society", description="Growing food.")
    page = found(visitor, "allotment")
    assert "Allotment Society" in page
    assert "Allotment Society" not in found(visitor, "digging")
    factories.service("Repair Cafe", description="Bring a broken toaster.")
    assert "Repair Cafe" in found(visitor, "toaster")


def test_a_rolled_back_change_leaves_search_as_it_was(app):
    listing = factories.service("Chess Club", description="Board games on Mondays.")
    listing.name = "Draughts Club"
    db.session.flush()
    db.session.rollback()
    assert names(ranked(SearchQuery(text="chess"))) == ["Chess Club"]
    assert ranked(SearchQuery(text="draughts")).total == 0
    db.session.commit()  # the next commit does not write what was rolled back either
    assert ranked(SearchQuery(text="draughts")).total == 0


def test_hiding_unpublishing_or_deleting_takes_a_listing_out_at_once(app, other_server):
    hidden = factories.service("Knit and Natter", description="Needles provided.")
    archived = factories.service("Knitting Circle", description="Bring your needles.")
    deleted = factories.service("Needlework Group", description="Needles and thread.")
    visitor = other_server.test_client()
    assert all(s.name in found(visitor, "needles") for s in (hidden, archived, deleted))
    hidden.status = ServiceStatus.INACTIVE
    archived.publication_state = PublicationState.ARCHIVED
    db.session.delete(deleted)
    db.session.commit()
    page = found(visitor, "needles")
    assert not any(name in page for name in ("Knit and Natter", "Knitting Circle", "Needlework"))
    assert db.session.scalar(select(func.count()).select_from(SearchListing)) == 0


def test_an_organisation_rename_and_a_schedule_change_are_searchable_at_once(app):
    listing = factories.service(
        "Thursday Singers",
        org=factories.organisation("Bracknell Voices"),
        schedules=[factories.weekly("TH", "10:00", "11:00")],
    )
    organisation = db.session.get(Organisation, listing.organisation_id)
    organisation.name = "Harmony Trust"
    db.session.commit()
    assert names(ranked(SearchQuery(text="harmony"))) == ["Thursday Singers"]
    assert ranked(SearchQuery(text="voices")).total == 0
    listing.schedules[0].byday = "SA"
    listing.schedules.append(factories.weekly("SU", "19:00", "21:00"))
    db.session.commit()
    assert ranked(SearchQuery(days=("thu",))).total == 0
    assert names(ranked(SearchQuery(days=("sat",)))) == ["Thursday Singers"]
    assert names(ranked(SearchQuery(time="evening"))) == ["Thursday Singers"]


def test_two_people_saving_one_listing_at_once_both_commit_and_search_shows_the_later(app):
    listing = factories.service("Craft Corner", description="Paper and paint.")
    service_id = listing.id
    db.session.remove()
    both_loaded = threading.Barrier(2)
    first_flushed = threading.Event()
    failures: list[BaseException] = []

    def edit(change: dict, first: bool) -> None:
        try:
            with app.app_context():
                service = db.session.get(Service, service_id)
                both_loaded.wait(10)
                if not first:
                    first_flushed.wait(10)
                for name, value in change.items():
                    setattr(service, name, value)
                db.session.flush()  # the second waits here for the first's row
                if first:
                    first_flushed.set()
                    threading.Event().wait(0.3)  # let the second reach its wait
                db.session.commit()
                db.session.remove()
        except BaseException as error:  # reported by the test
            failures.append(error)
            first_flushed.set()

    threads = [
        threading.Thread(target=edit, args=({"description": "Clay and pottery."}, True)),
        threading.Thread(target=edit, args=({"name": "Pottery Corner"}, False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not failures, failures
    assert names(ranked(SearchQuery(text="pottery clay"))) == ["Pottery Corner"]
    assert ranked(SearchQuery(text="paint")).total == 0
    assert current_backend().repair().startswith("Search rows: 0 written")


# --- what a search finds and in what order ---------------------------------------------------


def hall(name: str, miles_north_of_bracknell: float):
    latitude, longitude = near("Bracknell", miles_north_of_bracknell)
    return factories.venue(name, latitude=latitude, longitude=longitude)


@pytest.fixture
def around_bracknell(app):
    """Listings at known distances north of Bracknell, one online, one temporarily closed;
    all meet on Tuesday mornings, for getting active."""
    made = {}
    for name, miles, fields in (
        ("Near Walk", 0.5, {"audiences": ("older-people",)}),
        ("Far Walk", 3.0, {"minimum_age": 50, "costs": [factories.Decimal("2")]}),
        ("Distant Walk", 8.0, {}),
        ("Closed Walk", 0.2, {"status": ServiceStatus.TEMPORARILY_CLOSED}),
    ):
        made[name] = factories.service(
            name,
            description="A gentle walk.",
            needs=("getting-active",),
            location=hall(f"{name} Hall", miles),
            **fields,
        )
    made["Online Walk"] = factories.service(
        "Online Walk",
        description="A walk together by video.",
        needs=("getting-active",),
        location=factories.online(),
    )
    return made


def test_with_a_place_nearby_ones_come_first_then_online_then_closed(around_bracknell):
    centre = Centre(*near("Bracknell", 0))
    result = ranked(SearchQuery(text="walk", where="Bracknell", radius=5), centre)
    assert names(result) == ["Near Walk", "Far Walk", "Online Walk", "Closed Walk"]
    assert result.total == 4
    assert round(result.distances[str(around_bracknell["Far Walk"].id)] / MILE_KM, 1) == 3.0
    assert result.distances[str(around_bracknell["Online Walk"].id)] is None
    wider = ranked(SearchQuery(text="walk", where="Bracknell", radius=10), centre)
    assert names(wider)[:3] == ["Near Walk", "Far Walk", "Distant Walk"]
    in_person = ranked(SearchQuery(where="Bracknell", radius=5, mode="in_person"), centre)
    assert "Online Walk" not in names(in_person) and in_person.total == 3
    online = ranked(SearchQuery(where="Bracknell", mode="online"), centre)
    assert names(online) == ["Online Walk"]


def test_closed_listings_come_last_in_every_order(around_bracknell):
    centre = Centre(*near("Bracknell", 0))
    for sort in ("relevance", "distance", "next"):
        result = ranked(SearchQuery(text="walk", where="Bracknell", radius=10, sort=sort), centre)
        assert names(result)[-1] == "Closed Walk", sort
        assert len(result.ids) == 5
    assert names(ranked(SearchQuery(text="walk")))[-1] == "Closed Walk"


EVERY = {"Near Walk", "Far Walk", "Distant Walk", "Closed Walk", "Online Walk"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"audiences": ("older-people",)}, {"Near Walk"}),
        ({"free": True}, EVERY - {"Far Walk"}),
        ({"age": 30}, EVERY - {"Far Walk"}),
        ({"age": 60, "mode": "in_person"}, EVERY - {"Online Walk"}),
        ({"access": ("step_free_access",), "free": True}, EVERY - {"Far Walk", "Online Walk"}),
        ({"days": ("tue", "sat")}, EVERY),
        ({"days": ("wed",)}, set()),
        ({"time": "morning", "needs": ("getting-active", "food")}, EVERY),
        ({"time": "evening"}, set()),
        ({"needs": ("food",)}, set()),
        ({"mode": "online"}, {"Online Walk"}),
    ],
)
def test_filters_alone_and_together(around_bracknell, filters, expected):
    result = current_backend().rank(SearchQuery(**filters), None, 0, 50, {}, date.today())
    assert set(names(result)) == expected
    assert result.total == len(expected)


def test_words_every_then_any_then_the_thesaurus_needs(app):
    factories.service("Walking Football", description="Football at a walk.")
    factories.service("Woodland Walk", description="Among the trees.")
    factories.service("Tuesday Natter", needs=("bereavement",), description="Tea.")
    both = ranked(SearchQuery(text="walking football"))
    assert names(both) == ["Walking Football"] and not both.any_word
    either = ranked(SearchQuery(text="football trees"))
    assert set(names(either)) == {"Walking Football", "Woodland Walk"} and either.any_word
    thesaurus = {"widow": (["nothing matches this"], ["bereavement"])}
    assert names(ranked(SearchQuery(text="widow"), thesaurus=thesaurus)) == ["Tuesday Natter"]
    assert ranked(SearchQuery(text="zebra")).total == 0


def test_a_name_match_outranks_a_passing_mention_and_a_rare_word_a_common_one(app):
    factories.service("Tea and Chat", description="Come for a walk after, if you like.")
    factories.service("Walk and Talk", description="A sociable stroll.")
    assert names(ranked(SearchQuery(text="walk"))) == ["Walk and Talk", "Tea and Chat"]
    for n in range(6):
        factories.service(f"Coffee Morning {n}", description="Coffee and cake.")
    factories.service("Grief Circle", description="Support after bereavement.")
    assert names(ranked(SearchQuery(text="coffee bereavement")))[0] == "Grief Circle"


def _scores(words: str) -> dict[str, float]:
    """Each matching listing's score for `words`, as the ranking computes it."""
    plan = plans(words, {})[0]
    compiled = compile_plan(db.session, plan, rarity(db.session, plan))
    rows = db.session.execute(
        text(
            f"SELECT s.name, {compiled.score} FROM search_listings l "
            "JOIN services s ON s.id = l.service_id "
            f"CROSS JOIN LATERAL (SELECT {compiled.ranks} OFFSET 0) AS r WHERE {compiled.match}"
        ),
        compiled.params,
    )
    return dict(rows.all())


def test_a_word_counts_the_same_whether_it_is_looked_up_in_one_form_or_two(app):
    """ "yoga" is its own stem; "coffee" is looked up as 'coffe' | 'coffee'. ts_rank averages
    over a query's lexemes, which made every word with two forms count half."""
    factories.service("Yoga Club", description="Gentle stretching.")
    factories.service("Coffee Club", description="Gentle stretching.")
    yoga, coffee = _scores("yoga")["Yoga Club"], _scores("coffee")["Coffee Club"]
    assert yoga > 0 and coffee == pytest.approx(yoga)


def test_a_word_in_several_fields_counts_once_saturated(app):
    """BM25F: a word's mentions in every field are added up, then saturated, so four mentions
    (the organisation's name and three in the description) score well under twice one."""
    factories.service("Lanes Club", description="A walk.")
    factories.service(
        "Lanes Group",
        org=factories.organisation("Walk Friends"),
        description="We walk; every walk is short; walk on.",
    )
    scores = _scores("walk")
    assert scores["Lanes Club"] < scores["Lanes Group"] < 1.5 * scores["Lanes Club"]


def test_next_session_order_and_a_page_past_the_end(app):
    today = date.today()
    for name, days in (("Later Club", 4), ("Soon Club", 1), ("Never Club", None)):
        schedules = (
            [factories.weekly(DAY[(today + timedelta(days=days)).weekday()])] if days else []
        )
        factories.service(name, schedules=schedules)
    soonest = ["Soon Club", "Later Club", "Never Club"]
    assert names(ranked(SearchQuery(text="club", sort="next"))) == soonest
    past = current_backend().rank(SearchQuery(text="club"), None, 40, 60, {}, today)
    assert past.ids == [] and past.total == 3


def test_beyond_the_listings_whose_words_are_scored_pages_continue_without_gaps(app, monkeypatch):
    """Words are scored for the first matches only (nearest, else newest checked); the rest
    follow in that order, and open listings still come before closed ones."""
    from portal.search.postgres import ranking

    monkeypatch.setattr(ranking, "CANDIDATES", 4)
    for n in range(9):
        factories.service(
            f"Club {n}" if n % 3 else f"Walk Club {n}",
            description="A club walk.",
            status=ServiceStatus.TEMPORARILY_CLOSED if n == 8 else ServiceStatus.ACTIVE,
            last_reviewed=date.today() - timedelta(days=n),
        )
    query = SearchQuery(text="walk")
    pages = [current_backend().rank(query, None, s, s + 3, {}, date.today()) for s in (0, 3, 6)]
    listed = [name for page in pages for name in names(page)]
    assert all(page.total == 9 for page in pages)
    assert listed[:4] == ["Walk Club 0", "Walk Club 3", "Club 1", "Club 2"]  # scored
    assert listed[4:] == ["Club 4", "Club 5", "Walk Club 6", "Club 7", "Club 8"]  # by date
    whole = current_backend().rank(query, None, 0, 50, {}, date.today())
    assert names(whole) == listed


# --- spelling, status, and filling the table -------------------------------------------------


def test_a_misspelt_word_is_offered_the_nearest_known_word(app):
    factories.service("Befriending Calls", needs=("loneliness-and-company",))
    factories.service("Walking Football")
    backend = current_backend()
    assert backend.suggest("befrending") == "befriending"
    assert backend.suggest("wlaking fotball") == "walking football"
    assert backend.suggest("walking, and football") is None  # every word known
    assert backend.suggest("xqzv") is None  # nothing near enough
    assert "loneliness" in db.session.scalars(select(SearchWord.word)).all()


def test_repair_prunes_words_and_rewrites_rows_changed_behind_its_back(app):
    listing = factories.service("Ukulele Jam", description="Strum along.")
    update_service(str(listing.id), name="Banjo Jam")
    assert "ukulele" in db.session.scalars(select(SearchWord.word)).all()
    db.session.execute(  # a bulk statement the ORM never sees
        update(Service).where(Service.id == listing.id).values(description="Fiddles welcome.")
    )
    db.session.commit()
    said = current_backend().repair()
    assert said.startswith("Search rows: 1 written") and "1 unused spelling word" in said
    assert names(ranked(SearchQuery(text="fiddles"))) == ["Banjo Jam"]
    assert "ukulele" not in db.session.scalars(select(SearchWord.word)).all()


def test_sync_after_a_vocabulary_rename_finds_the_new_name(app):
    from portal.directory.services import get_term

    listing = factories.service("Lunch Club", needs=("food",))
    term = get_term("needs", "food")
    term.name = "Meals and groceries"
    db.session.commit()  # a term is not part of one listing: nothing is written yet
    assert ranked(SearchQuery(text="groceries")).total == 0
    search.sync([listing.id])
    assert names(ranked(SearchQuery(text="groceries"))) == ["Lunch Club"]


def test_sync_behind_a_long_edit_gives_up_and_repair_writes_it_later(app, monkeypatch, caplog):
    from portal.search.postgres import writing

    listing = factories.service("Kite Club", description="Flying on the hill.")
    db.session.execute(  # changed behind the ORM's back: search still says "hill"
        update(Service).where(Service.id == listing.id).values(description="Flying on the beach.")
    )
    db.session.commit()
    monkeypatch.setattr(writing, "HOLD_AT_MOST", "200ms")
    editor = create_engine(db.engine.url)
    with editor.connect() as held:  # someone's edit holds the listing's row and waits
        held.execute(text("SELECT id FROM services WHERE id = :id FOR UPDATE"), {"id": listing.id})
        search.sync([listing.id])  # gives up after the cap instead of waiting for ever
        held.rollback()
    editor.dispose()
    assert "Could not write the search rows of 1 listing" in caplog.text
    assert ranked(SearchQuery(text="beach")).total == 0
    assert current_backend().repair().startswith("Search rows: 1 written")
    assert names(ranked(SearchQuery(text="beach"))) == ["Kite Club"]


def test_status_counts_listings_and_notes_missing_ones_without_failing_health(app):
    for n in range(3):
        factories.service(f"Club {n}")
    backend = current_backend()
    assert backend.status().ok and backend.status().documents == 3
    two = "SELECT service_id FROM search_listings LIMIT 2"
    db.session.execute(text(f"DELETE FROM search_listings WHERE service_id IN ({two})"))
    db.session.commit()
    status = backend.status()
    assert status.documents == 1
    assert status.notes == "2 listings are missing from search: run `flask search repair`"
    # Every server shares these rows: a 503 would empty the load balancer while each server
    # can still search. The health check says so and stays healthy.
    answer = app.test_client().get("/healthz")
    assert answer.status_code == 200
    assert answer.get_json()["search_index"] == status.notes
    current_backend().repair()
    assert backend.status().documents == 3 and backend.status().notes is None


def pending_pages() -> int:
    """Pages waiting in the GIN indexes' pending lists, which every search would scan."""
    from portal.search.postgres.models import GIN_INDEXES

    calls = ", ".join(f"gin_clean_pending_list('{name}'::regclass)" for name in GIN_INDEXES)
    pages = db.session.execute(text(f"SELECT {calls}")).one()
    db.session.rollback()
    return sum(pages)


def test_no_search_waits_on_a_pending_list_after_edits_syncs_or_a_rebuild(app):
    """A pending list held every row after a rebuild: place searches took 900 ms at 100,000
    listings until a vacuum ran. Rows go straight into the indexes instead."""
    listings = [factories.service(f"Walk {n}", needs=("getting-active",)) for n in range(30)]
    update_service(str(listings[0].id), name="Stroll 0")
    search.sync([s.id for s in listings])
    assert pending_pages() == 0
    current_backend().rebuild()
    assert pending_pages() == 0
    assert ranked(SearchQuery(text="stroll")).total == 1


def test_prepare_fills_an_empty_table_once(app):
    factories.service("Book Club", description="A novel a month.")
    factories.service("Draft Club", state=PublicationState.DRAFT)
    db.session.execute(text("DELETE FROM search_listings"))  # a database just upgraded
    db.session.commit()
    backend = current_backend()
    assert ranked(SearchQuery(text="novel")).total == 0
    assert backend.prepare() is True
    assert names(ranked(SearchQuery(text="novel"))) == ["Book Club"]
    assert backend.status().documents == 1
    assert backend.prepare() is False  # nothing missing: nothing done


def test_rebuild_writes_every_public_listing_with_progress(app):
    for n in range(3):
        factories.service(f"Choir {n}")
    seen: list[int] = []
    assert current_backend().rebuild(progress=seen.append) == 3
    assert seen == [1, 2, 3]
