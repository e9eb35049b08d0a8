"""The insight figures from the services: areas, where a search's place falls, coverage gap
scores, wishes by need and community, and how fresh the listings are."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from portal.community_maps.models import CommunityMap, MappingEvent, MapState, Wish
from portal.extensions import db
from portal.insights import gaps
from portal.insights.areas import area_for_place, current_areas, refresh_areas
from portal.insights.coverage import ensure_fresh
from portal.insights.filters import read_narrowing
from portal.insights.freshness import freshness
from portal.insights.models import NO_AREA, OUTSIDE
from portal.insights.wishes import wish_figures
from portal.suppression import cell
from tests import factories

CROWTHORNE = {"postal_code": "RG45 7AB", "latitude": 51.3703, "longitude": -0.7929}
SANDHURST = {
    "postal_code": "GU47 9AB",
    "latitude": 51.349,
    "longitude": -0.804,
    "city": "Sandhurst",
}


def _two_areas():
    factories.service("Crowthorne Bereavement Café", needs=("bereavement",))
    factories.service(
        "Sandhurst Lunch Club", location=factories.venue("Memorial Hall", **SANDHURST)
    )
    refresh_areas(datetime.now(UTC))
    db.session.commit()
    return current_areas()


def test_areas_are_the_postcode_districts_where_listings_meet(app):
    areas = _two_areas()
    assert [a.code for a in areas] == ["GU47", "RG45"]
    crowthorne = areas[1]
    assert abs(crowthorne.latitude - 51.3703) < 0.01


def test_draft_listings_make_no_area(app):
    from portal.directory.models import PublicationState

    factories.service(
        "Draft", state=PublicationState.DRAFT, location=factories.venue("Hall", **SANDHURST)
    )
    assert refresh_areas(datetime.now(UTC)) == []


def test_a_search_place_falls_in_its_district_the_nearest_area_or_outside(app):
    areas = _two_areas()
    assert area_for_place("RG45", areas, 3.0) == "RG45"
    assert area_for_place("", areas, 3.0) == NO_AREA
    assert area_for_place("Crowthorne", areas, 3.0) == "RG45"
    assert area_for_place("Manchester", areas, 3.0) == OUTSIDE


def test_a_town_the_listings_name_is_the_area_they_are_in_not_the_nearest_centre(app):
    from portal.insights.areas import town_areas

    areas = _two_areas()
    # A hall in GU47 whose address gives Owlsmoor: a search typed "Owlsmoor" is placed there.
    factories.service(
        "Edge Club", location=factories.venue("Edge Hall", **{**SANDHURST, "city": "Owlsmoor"})
    )
    towns = town_areas({a.code for a in areas})
    assert towns["owlsmoor"] == "GU47"
    assert area_for_place("Owlsmoor", areas, 3.0, towns) == "GU47"
    assert area_for_place("OWLSMOOR", areas, 3.0, towns) == "GU47"


def test_a_gap_score_is_what_was_asked_per_listing_within_reach():
    k = 5
    assert gaps.score_of(0, [cell(12, k), cell(0, k), cell(0, k)], k) == 12.0
    assert gaps.score_of(3, [cell(12, k), cell(0, k), cell(0, k)], k) == 3.0
    # A hidden count adds half the threshold, whatever it really is.
    assert gaps.score_of(0, [cell(10, k), cell(1, k), cell(0, k)], k) == gaps.score_of(
        0, [cell(10, k), cell(4, k), cell(0, k)], k
    )


def test_bands_compare_with_the_average_score():
    assert gaps.band_of(0, 2.0) == 0
    assert gaps.band_of(2.0, 2.0) == 1
    assert gaps.band_of(4.0, 2.0) == 2
    assert gaps.band_of(4.1, 2.0) == 3


def _event(title, community, when, position=None, wishes=(), published=False):
    latitude, longitude = position or (None, None)
    event = MappingEvent(
        title=title, held_on=when, community=community, latitude=latitude, longitude=longitude
    )
    for text, needs in wishes:
        event.wishes.append(Wish(text=text, needs=list(needs)))
    if published:
        event.maps.append(CommunityMap(title=f"{title} map", state=MapState.PUBLISHED))
    db.session.add(event)
    db.session.commit()
    return event


def test_wishes_by_need_and_community_with_their_event_and_map(app):
    _two_areas()
    today = date.today()
    _event(
        "Carers' brew-up",
        "Carers",
        today - timedelta(days=10),
        (51.371, -0.79),
        [("A carers' café in the evening", ["carers-support"])] * 6
        + [("Somewhere to talk after a loss", ["bereavement", "carers-support"])],
        published=True,
    )
    _event(
        "Young parents",
        "Young parents",
        today - timedelta(days=5),
        None,
        [("Baby yoga", ["getting-active"])] * 2,
    )
    narrowing = read_narrowing({}, today)
    figures = wish_figures(narrowing, 3.0, 5)
    assert figures.total == 9
    by_need = {label: c.text for label, c in figures.by_need}
    assert by_need["Getting active"] == "fewer than 5"
    assert by_need["Bereavement"] == "fewer than 5"
    # 2 + 1 hidden under a known total of 9 would narrow them too far: 7 is hidden as well.
    assert by_need["Carers' support"] == "hidden"
    # One small community: the other is hidden too, or 9 wishes - 7 would give it away.
    by_community = {label: c.text for label, c in figures.by_community}
    assert by_community == {"Carers": "hidden", "Young parents": "fewer than 5"}
    first = figures.listed[0]
    assert first.event == "Young parents"
    carers = next(w for w in figures.listed if w.community == "Carers")
    assert carers.maps[0].title == "Carers' brew-up map" and carers.maps[0].map_id


def test_wishes_narrowed_to_an_area_leave_out_events_elsewhere_or_nowhere(app):
    _two_areas()
    today = date.today()
    _event(
        "Crowthorne",
        "Older men",
        today,
        (51.371, -0.79),
        [("A men's shed", ["loneliness-and-company"])],
    )
    _event("Nowhere", "Older men", today, None, [("A choir", ["arts-and-creativity"])])
    narrowing = read_narrowing({"area": "RG45"}, today)
    assert [w.text for w in wish_figures(narrowing, 3.0, 5).listed] == ["A men's shed"]


def test_freshness_counts_listings_by_when_they_were_last_checked(app):
    today = date.today()
    factories.service("Fresh", last_reviewed=today - timedelta(days=20))
    factories.service("Four months", last_reviewed=today - timedelta(days=125))
    factories.service("Ten months", last_reviewed=today - timedelta(days=300))
    factories.service("Two years", last_reviewed=today - timedelta(days=730))
    ensure_fresh(datetime.now(UTC))
    figures = freshness(read_narrowing({}, today), today)
    assert figures.totals == {"within_3": 1, "within_6": 1, "within_12": 1, "older": 1, "never": 0}
    assert figures.by_type[0][0] == "Community group"
    assert figures.by_need[0][0] == "Loneliness and company"


def test_coverage_gaps_rank_an_area_with_demand_and_no_listing_first(app):
    from sqlalchemy import insert

    from portal.insights.rollup import roll_up
    from portal.search.models import SearchLog

    _two_areas()
    moment = datetime.now(UTC) - timedelta(days=2)
    rows = [
        {
            "created_at": moment,
            "text": "",
            "needs": "bereavement",
            "audiences": "",
            "place": "GU47",
            "filters": "",
            "results": 0,
        }
    ] * 8 + [
        {
            "created_at": moment,
            "text": "",
            "needs": "bereavement",
            "audiences": "",
            "place": "RG45",
            "filters": "",
            "results": 4,
        }
    ] * 8
    db.session.execute(insert(SearchLog), rows)
    db.session.commit()
    roll_up(datetime.now(UTC))
    db.session.commit()
    narrowing = read_narrowing({"need": "bereavement"}, date.today())
    ranked = gaps.gap_rows(narrowing, 1.0, 5, datetime.now(UTC))  # the two are 2.5 km apart
    assert [(r.area, r.listings, r.searches.text, r.score) for r in ranked] == [
        ("GU47", 0, "8", 8.0),
        ("RG45", 1, "8", 4.0),
    ]
    assert ranked[0].band > ranked[1].band


def test_a_costly_answer_is_kept_until_the_next_roll_up(app):
    from portal.insights.models import RolledUpDay
    from portal.insights.stored import forget_older, remembered

    _two_areas()
    narrowing = read_narrowing({}, date.today())
    first = remembered("figure", narrowing, lambda: [("RG45", 3)])
    assert first == [["RG45", 3]]
    # Kept: the same narrowing is answered from the store, not computed again.
    assert remembered("figure", narrowing, lambda: [("RG45", 99)]) == [["RG45", 3]]
    # Another narrowing is its own answer.
    other = read_narrowing({"area": "RG45"}, date.today())
    assert remembered("figure", other, lambda: [("RG45", 7)]) == [["RG45", 7]]
    # A roll-up changes the version: answered afresh, and older answers can be dropped.
    db.session.add(RolledUpDay(day=date.today(), rolled_at=datetime.now(UTC), searches=1))
    db.session.commit()
    assert remembered("figure", narrowing, lambda: [("RG45", 4)]) == [["RG45", 4]]
    assert forget_older() == 1  # the other narrowing's answer, kept for the earlier version
