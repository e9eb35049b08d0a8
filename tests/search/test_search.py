"""Search by place and need, as residents, GPs and connectors use it."""

import json
import re
from datetime import date, timedelta
from html import unescape

import pytest
from sqlalchemy import select

from portal.cli import reindex_all
from portal.directory.models import HowToJoin, ServiceStatus
from portal.directory.services import update_service
from portal.extensions import db
from portal.geo import find_place
from portal.search.models import SearchLog
from portal.search.thesaurus import load_default_thesaurus
from tests import factories
from tests.support import page as text_of

MILE_KM = 1.609344


def north_of(place_name: str, miles: float) -> tuple[float, float]:
    place = find_place(place_name)
    return place.latitude + miles * MILE_KM / 111.195, place.longitude


def at(name: str, lat: float, lon: float, **fields):
    return factories.venue(name, latitude=lat, longitude=lon, **fields)


def names_in_order(html: str, names: list[str]) -> list[str]:
    found = [(html.find(f">{n}</a>"), n) for n in names]
    return [n for position, n in sorted(found) if position >= 0]


@pytest.fixture
def area(app):
    """A few listings around Crowthorne and Ascot, indexed."""
    crowthorne = find_place("Crowthorne")
    ascot = find_place("Ascot")
    listings = {
        "walk": factories.service(
            "Crowthorne Walking Group",
            needs=("getting-active",),
            description="A gentle walk through the woods, then tea.",
            location=at("Crowthorne Library", crowthorne.latitude, crowthorne.longitude),
        ),
        "football": factories.service(
            "Ascot Walking Football",
            needs=("getting-active",),
            audiences=("men",),
            description="Walking football for over 50s.",
            minimum_age=50,
            location=at(
                "Ascot Racecourse Hall",
                ascot.latitude,
                ascot.longitude,
                city="Ascot",
                postal_code="SL5 7JX",
                accessibility=[],
            ),
            schedules=[factories.weekly("SA", "14:00", "16:00")],
            costs=[factories.Decimal("3")],
        ),
        "debt": factories.service(
            "Debt Advice Clinic",
            needs=("money-and-debt",),
            how_to_join=HowToJoin.BOOK,
            description="Free, confidential advice about debt and benefits.",
            location=at(
                "Crowthorne Village Hall", crowthorne.latitude + 0.002, crowthorne.longitude
            ),
            schedules=[factories.weekly("MO", "18:00", "20:00")],
        ),
        "befriend": factories.service(
            "Telephone Befriending",
            needs=("loneliness-and-company",),
            audiences=("older-people",),
            description="A weekly friendly call from a volunteer.",
            location=factories.online("Phone and online", "https://example.org"),
        ),
    }
    load_default_thesaurus()
    db.session.commit()
    reindex_all()
    return listings


# --- words -----------------------------------------------------------------------------


def test_stemming_finds_walking_from_walks(client, area):
    html = text_of(client, "/search?q=walks")
    assert "Crowthorne Walking Group" in html and "Ascot Walking Football" in html
    assert "Debt Advice Clinic" not in html


def test_a_name_match_ranks_above_a_passing_mention(client, app):
    factories.service("Tea and Chat", description="Come for a walk after, if you like.")
    factories.service("Walk and Talk", description="A sociable stroll.")
    reindex_all()
    html = text_of(client, "/search?q=walk")
    assert names_in_order(html, ["Tea and Chat", "Walk and Talk"]) == [
        "Walk and Talk",
        "Tea and Chat",
    ]


@pytest.mark.parametrize(
    ("typed", "finds"),
    [
        ("lonely", "Telephone Befriending"),
        ("exercise", "Ascot Walking Football"),
        ("debt", "Debt Advice Clinic"),
        ("money worries", "Debt Advice Clinic"),
    ],
)
def test_the_thesaurus_understands_everyday_words(client, area, typed, finds):
    assert finds in text_of(client, f"/search?q={typed}")


def test_a_misspelling_that_finds_nothing_shows_the_correction_at_once(client, area):
    html = text_of(client, "/search?q=befrending")
    assert "Showing results for <strong>befriending</strong>" in html
    assert "0 results" not in html and "Did you mean" not in html
    assert "Search instead for" in html and 'href="/search?q=befrending&amp;exact=1"' in html
    exact = text_of(client, "/search?q=befrending&exact=1")  # the words as typed, offered
    assert "0 results" in exact and "Showing results for" not in exact
    assert "Did you mean" in exact and ">befriending</a>" in exact


def test_search_syntax_characters_never_break_it(client, area):
    for text in ('"unbalanced', "walk*", "AND OR NOT", "(((", "name:walk", "~!@#$%^&*"):
        assert client.get("/search", query_string={"q": text}).status_code == 200, text


# --- place ---------------------------------------------------------------------------


def test_a_town_sorts_nearest_first_with_distances_in_miles(client, area):
    html = text_of(client, "/search?where=Ascot&radius=10&need=getting-active")
    assert "within 10 miles of Ascot" in html
    assert names_in_order(html, ["Ascot Walking Football", "Crowthorne Walking Group"]) == [
        "Ascot Walking Football",
        "Crowthorne Walking Group",
    ]
    assert "less than 0.1 miles away" in html


def test_radius_includes_4_9_miles_and_excludes_5_1(client, app):
    inside = factories.service(
        "Just Inside", location=at("Inside Hall", *north_of("Bracknell", 4.9))
    )
    outside = factories.service(
        "Just Outside", location=at("Outside Hall", *north_of("Bracknell", 5.1))
    )
    reindex_all()
    html = text_of(client, "/search?where=Bracknell&radius=5")
    assert inside.name in html and outside.name not in html
    wider = text_of(client, "/search?where=Bracknell&radius=10")
    assert inside.name in wider and outside.name in wider


def test_online_activities_appear_wherever_you_are_and_are_labelled(client, area):
    html = text_of(client, "/search?q=befriending&where=Crowthorne")
    assert "Telephone Befriending" in html
    assert ">Online</strong>" in html


def test_nothing_nearby_offers_a_wider_search_and_the_nearest_further_away(client, area):
    html = text_of(client, "/search?q=football&where=Crowthorne&radius=1")
    assert "0 results" in html
    assert "look up to 25 miles away" in html
    assert "The nearest matches further away" in html and "Ascot Walking Football" in html


def test_an_unknown_place_says_so_with_what_was_typed_kept(client, area):
    response = client.get("/search?q=walking&where=Atlantis")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "We couldn&#39;t find “Atlantis”" in html
    assert 'value="Atlantis"' in html and 'value="walking"' in html


# --- filters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("need=money-and-debt", {"Debt Advice Clinic"}),
        ("audience=men", {"Ascot Walking Football"}),
        ("day=sat", {"Ascot Walking Football"}),
        ("time=evening", {"Debt Advice Clinic"}),
        ("q=walking&free=1", {"Crowthorne Walking Group"}),
        ("q=walking&age=30", {"Crowthorne Walking Group"}),
        ("q=walking&age=60", {"Crowthorne Walking Group", "Ascot Walking Football"}),
        ("q=walking&access=step_free_access", {"Crowthorne Walking Group"}),
        ("need=loneliness-and-company&mode=online", {"Telephone Befriending"}),
        (
            "need=getting-active&need=money-and-debt&where=Crowthorne&mode=in_person",
            {"Crowthorne Walking Group", "Debt Advice Clinic"},
        ),
        ("need=getting-active&day=sat&free=1", set()),
    ],
)
def test_each_filter_alone_and_combined(client, area, query, expected):
    html = text_of(client, f"/search?{query}")
    shown = {
        name
        for name in (
            "Crowthorne Walking Group",
            "Ascot Walking Football",
            "Debt Advice Clinic",
            "Telephone Befriending",
        )
        if f">{name}</a>" in html
    }
    assert shown == expected


def test_active_filters_are_chips_that_remove_themselves(client, area):
    html = text_of(client, "/search?q=walking&need=getting-active&free=1")
    assert "Filters in use" in html
    assert 'href="/search?q=walking&amp;free=1"' in html  # the need chip removes the need
    assert 'href="/search?q=walking&amp;need=getting-active"' in html


def test_sort_by_next_session(client, app):
    today = date.today()
    soon = factories.service(
        "Soon Club",
        schedules=[
            factories.weekly(
                ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][(today + timedelta(days=1)).weekday()]
            )
        ],
    )
    later = factories.service(
        "Later Club",
        schedules=[
            factories.weekly(
                ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][(today + timedelta(days=4)).weekday()]
            )
        ],
    )
    reindex_all()
    html = text_of(client, "/search?q=club&sort=next")
    assert names_in_order(html, [soon.name, later.name]) == [soon.name, later.name]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("q=x&age=abc", "age", "Enter an age as a whole number from 0 to 120"),
        ("q=x&age=500", "age", "Enter an age as a whole number from 0 to 120"),
        ("q=x&radius=7", "radius", "Choose a distance from the list"),
        ("q=x&need=flying", "need", "Choose a need from the list"),
        ("q=x&time=midnight", "time", "Choose a time of day from the list"),
        ("q=x&sort=random", "sort", "Choose an order from the list"),
        ("q=&where=&radius=5", "q", "Enter what you are looking for, or where"),
    ],
)
def test_bad_input_gets_a_clear_message_and_a_400(client, area, query, field, message):
    response = client.get(f"/search?{query}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert f'href="#{field}"' in html


def test_search_opened_from_the_menu_shows_the_empty_form_without_an_error(client, area):
    response = client.get("/search")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "There is a problem" not in html
    assert "Enter what you are looking for" not in html
    assert "Type what you are looking for, where, or both" in html


def test_a_page_past_the_end_shows_the_last_page(client, area):
    html = text_of(client, "/search?q=walking&page=99")
    assert "Crowthorne Walking Group" in html


# --- the index follows the database ---------------------------------------------------------


def test_an_edited_service_is_found_by_its_new_words_not_its_old(client, area):
    update_service(
        str(area["debt"].id),
        name="Money Matters Drop-in",
        description="Help with bills and budgeting.",
    )
    assert "Money Matters Drop-in" in text_of(client, "/search?q=budgeting")
    assert "Money Matters Drop-in" not in text_of(client, "/search?q=confidential")


def test_a_closed_or_withdrawn_service_leaves_search_at_once(client, area):
    from portal.directory.models import PublicationState

    update_service(str(area["walk"].id), status=ServiceStatus.DEFUNCT)
    assert "Crowthorne Walking Group" not in text_of(client, "/search?q=woods")
    update_service(str(area["debt"].id), publication_state=PublicationState.ARCHIVED)
    assert "Debt Advice Clinic" not in text_of(client, "/search?q=debt")


# --- the search log --------------------------------------------------------------------


def test_every_search_is_logged_without_personal_data(client, area):
    html = text_of(client, "/search?q=walking&where=RG45+7AB&need=getting-active")
    assert "1 result for" in html
    log = db.session.scalars(select(SearchLog)).all()[-1]
    assert log.text == "walking" and log.needs == "getting-active"
    assert log.place == "RG45"  # the district, never the full postcode
    assert "7AB" not in (log.place + log.filters + log.text)
    assert log.results == 1  # what the person was shown
    assert not hasattr(log, "ip_address")


def test_a_stale_index_is_repaired_by_the_next_search(client, area, app):
    from portal.directory.models import PublicationState

    # Changes made behind the portal's back: the index is not told.
    area["debt"].publication_state = PublicationState.ARCHIVED
    factories.service("Secret Garden Club", description="Gardening together.")
    db.session.commit()
    app.extensions.pop("portal.search", None)  # the next search checks the index
    assert "Secret Garden Club" in text_of(client, "/search?q=gardening")
    assert "Debt Advice Clinic" not in text_of(client, "/search?q=debt")


def test_thesaurus_phrases_of_several_words_match(client, area):
    from portal.search.thesaurus import save_synonym

    save_synonym(None, "cuppa and chat", "befriending", [])
    assert "Telephone Befriending" in text_of(client, "/search?q=a+cuppa+and+chat")


def test_every_word_must_match_unless_none_do(client, area):
    html = text_of(client, "/search?q=walking+football")
    assert "Ascot Walking Football" in html and "Crowthorne Walking Group" not in html
    fallback = text_of(client, "/search?q=football+woods")
    assert "No activity matched all your words" in fallback
    assert "Ascot Walking Football" in fallback and "Crowthorne Walking Group" in fallback


def test_a_thesaurus_need_finds_its_services_when_the_words_find_nothing(client, app):
    from portal.search.thesaurus import save_synonym

    factories.service(
        "Tuesday Natter", needs=("loneliness-and-company",), description="Tea and biscuits."
    )
    save_synonym(None, "solitude", "", ["loneliness-and-company"])
    reindex_all()
    assert "Tuesday Natter" in text_of(client, "/search?q=solitude")


def test_a_need_match_ranks_above_a_passing_mention(client, app):
    factories.service(
        "Tuesday Lunch",
        needs=("food",),
        description="Lunch, and a quiet corner for anyone coping with bereavement.",
    )
    factories.service("Thursday Circle", needs=("bereavement",), description="Tea and talk.")
    reindex_all()
    html = text_of(client, "/search?q=bereavement")
    assert names_in_order(html, ["Tuesday Lunch", "Thursday Circle"]) == [
        "Thursday Circle",
        "Tuesday Lunch",
    ]


def test_an_activity_online_and_far_away_in_person_is_listed_as_online(client, app):
    leeds = find_place("Leeds")
    assert leeds is not None
    both = factories.service(
        "Leeds Book Club", location=at("Leeds Library", leeds.latitude, leeds.longitude)
    )
    both.service_at_locations.append(factories.ServiceAtLocation(location=factories.online()))
    db.session.commit()
    reindex_all()
    html = text_of(client, "/search?q=book+club&where=Crowthorne")
    assert "Leeds Book Club" in html and ">Online</strong>" in html
    assert "miles away" not in html  # it is not near Crowthorne, so no distance is claimed


def test_the_map_shows_the_page_of_results_numbered_as_in_the_list(client, app):
    for n in range(25):
        factories.service(f"Club {n:02d}", location=at(f"Hall {n}", *north_of("Bracknell", n / 10)))
    reindex_all()
    html = text_of(client, "/search?where=Bracknell&radius=5")
    spec = json.loads(unescape(re.search(r'data-map="([^"]*)"', html).group(1)))
    listed = re.findall(
        r'aria-hidden="true">(\d+)\.</span> <a class="govuk-link" href="[^"]+">([^<]+)</a>', html
    )
    assert len(listed) == 20  # a page
    assert [(p["label"], p["title"]) for p in spec["points"]] == [
        (number, f"{number}. {name}") for number, name in listed
    ]
    page_two = text_of(client, "/search?where=Bracknell&radius=5&page=2")
    spec = json.loads(unescape(re.search(r'data-map="([^"]*)"', page_two).group(1)))
    assert [p["label"] for p in spec["points"]] == [str(n) for n in range(21, 26)]


def test_sort_by_next_session_near_a_place(client, app):
    today = date.today()
    day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    factories.service(
        "Later Nearby",
        schedules=[factories.weekly(day[(today + timedelta(days=5)).weekday()])],
        location=at("Near Hall", *north_of("Bracknell", 0.5)),
    )
    factories.service(
        "Sooner Further",
        schedules=[factories.weekly(day[(today + timedelta(days=1)).weekday()])],
        location=at("Far Hall", *north_of("Bracknell", 3)),
    )
    reindex_all()
    nearest = text_of(client, "/search?where=Bracknell")
    assert names_in_order(nearest, ["Later Nearby", "Sooner Further"]) == [
        "Later Nearby",
        "Sooner Further",
    ]
    soonest = text_of(client, "/search?where=Bracknell&sort=next")
    assert names_in_order(soonest, ["Later Nearby", "Sooner Further"]) == [
        "Sooner Further",
        "Later Nearby",
    ]


def test_no_spelling_suggestion_when_every_word_is_known(client, area):
    html = text_of(client, "/search?q=football+and+walking&need=money-and-debt")
    assert "0 results" in html and "Did you mean" not in html
    fixed = text_of(client, "/search?q=fotball+and+walking")  # found by "walking" alone
    assert "Showing results for <strong>football and walking</strong>" in fixed


def test_a_misspelling_is_offered_the_word_meant_not_one_merely_near(client, app):
    factories.service("Netball Club", description="Shooting hoops.")
    factories.service("Football Club", description="Five-a-side.")
    factories.service("Dementia Cafe", description="Tea and company.")
    reindex_all()
    html = text_of(client, "/search?q=fotball")  # two edits from netball, one from football
    assert "Showing results for <strong>football</strong>" in html
    html = text_of(client, "/search?q=ementia")  # a first letter dropped
    assert "Showing results for <strong>dementia</strong>" in html


@pytest.mark.parametrize("app", ["whoosh"], indirect=True)
def test_a_spelling_once_worked_out_follows_the_index_when_it_changes(client, app):
    factories.service("Netball Club", description="Shooting hoops.")
    reindex_all()
    assert "Did you mean" not in text_of(client, "/search?q=fotball")  # nothing near enough
    assert "Did you mean" not in text_of(client, "/search?q=fotball")  # kept: the same
    from portal.directory.services import reindex_service

    reindex_service(factories.service("Football Club", description="Five-a-side.").id)
    html = text_of(client, "/search?q=fotball")
    assert "Showing results for <strong>football</strong>" in html


def test_an_empty_directory_searches_without_error(client, app):
    reindex_all()  # an index with no listings in it has no segments
    assert "0 results" in text_of(client, "/search?q=walking")


def test_a_change_with_no_index_yet_is_left_to_the_next_search(client, app):
    import shutil

    listing = factories.service("Garden Club", description="Digging together.")
    update_service(str(listing.id), name="Allotment Club")  # no index exists: nothing to update
    shutil.rmtree(app.config["PORTAL_SEARCH_DIR"], ignore_errors=True)
    update_service(str(listing.id), description="Digging and growing together.")
    app.extensions.pop("portal.search", None)
    assert "Allotment Club" in text_of(client, "/search?q=growing")
