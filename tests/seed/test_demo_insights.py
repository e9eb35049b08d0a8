"""The demo's year of searches, wishes and referrals, for the insights into unmet need: every
section has something to show, the numbers are what the demo directory really gives, and the
gaps are real gaps in it."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from statistics import fmean

import pytest
from sqlalchemy import delete, func, select

from portal.community_maps.models import MappingEvent, Wish
from portal.directory.models import (
    Location,
    LocationType,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    TaxonomyTerm,
)
from portal.directory.services import public_services
from portal.directory.vocabulary import NEEDS
from portal.extensions import db
from portal.geo import demo_area as places
from portal.geo import distance_km, find_place
from portal.geo.loading import demo_district_centres
from portal.prescribing.models import ClosureReason, Referral, ReferralState
from portal.search.backend import Centre
from portal.search.models import SearchLog
from portal.search.services import thesaurus
from seed.insights import (
    FEW_WORDS,
    GAPS,
    NOTHING_WORDS,
    Ask,
    load_demo_insights,
    results,
)
from seed.loader import load_demo

REACH_KM = 3.0
DISTRICTS = sorted({d for districts in places.POSTCODE_DISTRICTS.values() for d in districts})


@pytest.fixture(scope="module")
def pristine_demo(new_database_url, tmp_path_factory):
    """A demo of its own, loaded once for this module: the shared one is changed by other
    tests (listings added, wishes recorded, searches made), and these check what was loaded."""
    from portal.cli import reindex_all
    from portal.search.embedded.readers import close_all as close_search_readers
    from tests.support import make_app

    app = make_app(
        new_database_url("demo-insights"),
        tmp_path_factory.mktemp("demo-insights-search"),
        PORTAL_DEMO=True,
    )
    with app.app_context():
        db.create_all()
        load_demo()
        reindex_all(if_needed=True)
        db.session.remove()
    yield app
    close_search_readers()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def demo(pristine_demo):
    with pristine_demo.app_context():
        yield
        db.session.rollback()


def logged() -> list:
    """The demo's searches: all before today (other tests search the shared demo today)."""
    today = datetime.combine(date.today(), time(), tzinfo=UTC)
    return db.session.execute(
        select(
            SearchLog.created_at,
            SearchLog.text,
            SearchLog.needs,
            SearchLog.audiences,
            SearchLog.place,
            SearchLog.filters,
            SearchLog.results,
        ).where(SearchLog.created_at < today)
    ).all()


def district_of(place: str) -> str | None:
    """The one district a logged place is in (None for none, or for a town in two)."""
    if place in DISTRICTS:
        return place
    districts = places.POSTCODE_DISTRICTS.get(place, ())
    return districts[0] if len(districts) == 1 else None


def listings_within_reach(need: str) -> Counter:
    """District -> public listings for `need` with a venue within 3 km of its centre."""
    rows = db.session.execute(
        public_services()
        .with_only_columns(Service.id, Location.latitude, Location.longitude)
        .join(Service.service_at_locations)
        .join(ServiceAtLocation.location)
        .join(Service.attributes)
        .join(ServiceAttribute.taxonomy_term)
        .where(
            TaxonomyTerm.code == need,
            Location.location_type == LocationType.PHYSICAL,
            Location.latitude.is_not(None),
        )
    ).all()
    near: dict[str, set] = {district: set() for district in DISTRICTS}
    for district, (lat, lon) in demo_district_centres().items():
        for service_id, latitude, longitude in rows:
            if distance_km(lat, lon, latitude, longitude) <= REACH_KM:
                near[district].add(service_id)
    return Counter({district: len(ids) for district, ids in near.items()})


def nearest_district(latitude: float, longitude: float) -> str:
    centres = demo_district_centres()
    return min(centres, key=lambda d: distance_km(latitude, longitude, *centres[d]))


def test_a_year_of_searches_fewer_at_weekends_more_where_more_people_live(demo):
    rows = logged()
    assert 5_000 <= len(rows) <= 40_000
    days = Counter(row.created_at.date() for row in rows)
    first, last = min(days), max(days)
    assert last < date.today() and (last - first).days >= 360
    weeks = {first + timedelta(weeks=n) for n in range((last - first).days // 7)}
    assert all(any(days[w + timedelta(days=d)] for d in range(7)) for w in weeks)
    weekdays = fmean(n for day, n in days.items() if day.weekday() < 5)
    weekends = fmean(n for day, n in days.items() if day.weekday() >= 5)
    assert weekdays > 1.5 * weekends

    by_district = Counter(district_of(row.place) for row in rows if row.place)
    for district in DISTRICTS:  # something in every area, given as its district too
        assert by_district[district] >= 100, district
        assert any(row.place == district for row in rows), district
    bracknell = by_district["RG12"] + by_district["RG42"]
    assert bracknell > 2 * by_district["GU47"] > 0
    assert by_district["SL4"] < by_district["GU47"]
    assert len({row.place for row in rows if row.place not in DISTRICTS}) >= 15  # towns too
    assert 0.2 < sum(1 for row in rows if not row.place) / len(rows) < 0.5


def test_searches_mix_words_needs_places_and_seasons(demo):
    rows = logged()
    words_only = [r for r in rows if r.text and not r.needs]
    needs_only = [r for r in rows if r.needs and not r.text]
    assert len(words_only) > 0.3 * len(rows) and len(needs_only) > 0.2 * len(rows)
    assert any(r.audiences for r in rows) and any(r.filters.startswith("radius=") for r in rows)
    assert {"lunch club", "walking group", "bereavement", "dementia cafe"} <= {
        r.text.lower() for r in rows
    }
    assert {code for r in rows for code in r.needs.split(",") if code} == {
        term.code for term in NEEDS.terms
    }

    def per_month(need: str, months: set[int]) -> float:
        chosen = [r for r in rows if r.created_at.month in months]
        return sum(1 for r in chosen if need in r.needs.split(",")) / len(chosen)

    assert per_month("loneliness-and-company", {12, 1, 2}) > 1.2 * per_month(
        "loneliness-and-company", {6, 7, 8}
    )
    assert per_month("getting-active", {3, 4, 5}) > 1.2 * per_month("getting-active", {9, 10, 11})


def test_each_search_says_what_the_search_page_finds(demo):
    distinct = sorted({(*row[1:6], row.results) for row in logged()})
    words = thesaurus()
    for text, needs, audiences, place, filters, found in distinct[:: max(1, len(distinct) // 60)]:
        where = find_place(place) if place else None
        radius = int(filters.removeprefix("radius=")) if filters else None
        ask = Ask(
            text=text,
            needs=tuple(needs.split(",")) if needs else (),
            audiences=tuple(audiences.split(",")) if audiences else (),
            where=place,
            radius=radius,
        )
        centre = Centre(where.latitude, where.longitude) if where else None
        assert results(ask, date.today(), words, centre) == found, ask


def test_some_words_find_nothing_or_almost_nothing_and_are_typed_often_enough_to_show(demo):
    words = thesaurus()
    typed = Counter(row.text.lower() for row in logged())
    for word, _need, _often in NOTHING_WORDS:
        assert results(Ask(text=word), date.today(), words, None) == 0, word
        assert typed[word.lower()] >= 10, word
    for word, _need, _often in FEW_WORDS:
        assert 1 <= results(Ask(text=word), date.today(), words, None) <= 3, word
        assert typed[word.lower()] >= 10, word
    nothing = {row.text.lower() for row in logged() if row.results == 0 and row.text}
    assert {"demetia", "lonliness"} <= nothing  # misspelt


@pytest.mark.parametrize(("need", "district"), sorted(GAPS))
def test_the_gaps_are_real_and_people_there_ask_most(demo, need, district):
    listings = listings_within_reach(need)
    assert listings[district] <= 3, listings

    searches = Counter(
        district_of(row.place)
        for row in logged()
        if need in row.needs.split(",") and district_of(row.place)
    )
    per_listing = {d: searches[d] / (listings[d] + 1) for d in DISTRICTS}
    assert max(per_listing, key=per_listing.get) == district, per_listing
    assert searches[district] >= 40

    wishes = Counter(
        nearest_district(latitude, longitude)
        for needs, latitude, longitude in db.session.execute(
            select(Wish.needs, MappingEvent.latitude, MappingEvent.longitude).join(Wish.event)
        )
        if need in needs
    )
    assert wishes[district] >= 5 and wishes.most_common(1)[0][0] == district, wishes

    unmet = Counter(
        db.session.scalars(
            select(Referral.area).where(
                Referral.is_demo.is_(True),
                Referral.closure_reason == ClosureReason.NOTHING_SUITABLE,
            )
        )
    )
    assert unmet[district] >= 5, unmet
    assert all(unmet[district] > n for d, n in unmet.items() if d not in {g for _, g in GAPS})


def test_the_demo_searches_narrowed_in_the_gaps_find_almost_nothing(demo):
    little = Counter(
        (need, district_of(row.place))
        for row in logged()
        if row.results <= 3 and row.needs
        for need in row.needs.split(",")
    )
    for need, district in GAPS:
        assert little[(need, district)] >= 5, (need, district)


def test_wishes_over_the_year_from_several_communities(demo):
    wishes = db.session.scalars(select(Wish).join(Wish.event)).all()
    assert len(wishes) >= 50
    needs = {term.code for term in NEEDS.terms}
    assert all(wish.needs and set(wish.needs) <= needs for wish in wishes)
    assert all(wish.created_at.date() == wish.event.held_on for wish in wishes)
    communities = Counter(wish.event.community for wish in wishes)
    assert sum(1 for n in communities.values() if n >= 5) >= 5, communities
    held = sorted({wish.event.held_on for wish in wishes})
    assert (held[-1] - held[0]).days >= 240


def test_referrals_say_where_and_why_they_closed(demo):
    referrals = db.session.scalars(select(Referral).where(Referral.is_demo.is_(True))).all()
    assert all(r.area in DISTRICTS for r in referrals)
    for referral in referrals:
        if not referral.closed:
            assert referral.closure_reason is None
        elif referral.state is ReferralState.COMPLETED:
            assert referral.closure_reason is ClosureReason.CONNECTED
        else:
            assert referral.closure_reason not in (None, ClosureReason.CONNECTED)
    reasons = Counter(r.closure_reason for r in referrals if r.closure_reason)
    assert reasons[ClosureReason.NOTHING_SUITABLE] >= 12
    made = sorted(r.created_at.date() for r in referrals)
    assert (made[-1] - made[0]).days >= 300


def test_loading_again_adds_no_searches(demo):
    before = db.session.scalar(select(func.count()).select_from(SearchLog))
    load_demo()
    load_demo_insights(date.today())
    assert db.session.scalar(select(func.count()).select_from(SearchLog)) == before


def test_a_demo_from_before_the_insights_gets_its_searches_on_the_next_load(app):
    load_demo()
    loaded = db.session.scalar(select(func.count()).select_from(SearchLog))
    # A demo from before the insights: no searches logged and nothing rolled up.
    from portal.insights.models import RolledUpDay, SearchDay, SearchWordDay

    for table in (SearchLog, SearchDay, SearchWordDay, RolledUpDay):
        db.session.execute(delete(table))
    db.session.commit()
    load_demo()  # `make run` again, on a demo nobody has searched yet
    assert db.session.scalar(select(func.count()).select_from(SearchLog)) == loaded > 0
