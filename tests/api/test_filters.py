"""Every filter really filters, alone and together (AND), on /services and /service_at_locations.

The small directory (tests/api/conftest.py): chatter (org A, loneliness, older people, 18+,
Tuesdays 10-12, Crowthorne), walk (org A, getting active, 50-90, every other Wednesday
14:00-15:30, Bracknell RG12 1AA), knit (org B, mental wellbeing, first Thursday 19-21, a home
near Bracknell), quiz (org B, online, 16+, one Saturday 18-19), shed (org B, getting active,
temporarily closed, Saturdays 9-12, Crowthorne).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from portal.directory.models import Service
from portal.directory.services import get_term
from portal.extensions import db
from portal.geo import distance_km
from tests.api.helpers import PUBLISHED, get_json

LISTS = ("/api/services", "/api/service_at_locations")


def found(client, directory: dict, query: str) -> dict[str, set[str]]:
    """The names of the services each list endpoint returns for `query`."""
    names = {value: name for name, value in directory.items()}
    answers = {}
    for path in LISTS:
        page = get_json(client, f"{path}?{query}&per_page=100")
        key = "id" if path == "/api/services" else "service_id"
        answers[path] = {names[record[key]] for record in page["contents"]}
    return answers


def assert_finds(client, directory: dict, query: str, expected: set[str]) -> None:
    for path, names in found(client, directory, query).items():
        assert names == expected, (path, query)


@pytest.fixture
def terms(app) -> dict[str, str]:
    active = get_term("needs", "getting-active")
    older = get_term("audiences", "older-people")
    return {
        "getting-active": str(active.id),
        "needs": str(active.taxonomy_id),
        "audiences": str(older.taxonomy_id),
    }


def test_no_filter_lists_every_published_service(client, directory):
    assert_finds(client, directory, "", set(PUBLISHED))


def test_search_words_use_the_search_index(client, directory):
    assert_finds(client, directory, "search=walk", {"walk"})
    assert_finds(client, directory, "search=knit+natter", {"knit"})
    assert_finds(client, directory, "search=zzzzqqq", set())


def test_taxonomy_filters(client, directory, terms):
    assert_finds(client, directory, f"taxonomy_term_id={terms['getting-active']}", {"walk", "shed"})
    assert_finds(client, directory, f"taxonomy_id={terms['audiences']}", {"chatter"})
    assert_finds(client, directory, f"taxonomy_id={terms['needs']}", set(PUBLISHED))
    unknown = "0b5bd9c4-97f3-4a7b-9f4f-6d1b2f0e7a11"
    assert_finds(client, directory, f"taxonomy_term_id={unknown}", set())


def test_organisation_filter(client, directory):
    assert_finds(client, directory, f"organization_id={directory['org_a']}", {"chatter", "walk"})
    assert_finds(client, directory, f"organization_id={directory['org_c']}", set())


def test_modified_after_is_on_or_after(client, directory):
    old = datetime(2025, 1, 1, tzinfo=UTC)
    db.session.execute(
        update(Service).where(Service.id == uuid.UUID(directory["chatter"])).values(updated_at=old)
    )
    db.session.commit()
    others = set(PUBLISHED) - {"chatter"}
    assert_finds(client, directory, "modified_after=2026-01-01", others)
    assert_finds(client, directory, "modified_after=2025-01-01", set(PUBLISHED))
    assert_finds(client, directory, "modified_after=2025-01-01T00:00:01Z", others)
    # The same moment written in another time zone: on, so included.
    assert_finds(client, directory, "modified_after=2025-01-01T01:00:00%2B01:00", set(PUBLISHED))
    assert_finds(client, directory, "modified_after=2999-01-01", set())


def test_ages(client, directory):
    assert_finds(client, directory, "minimum_age=18", {"chatter", "walk"})
    assert_finds(client, directory, "minimum_age=16", {"chatter", "walk", "quiz"})
    assert_finds(client, directory, "maximum_age=90", {"walk"})
    assert_finds(client, directory, "maximum_age=89.5", set())


def test_times_and_days_of_sessions(client, directory):
    assert_finds(client, directory, "start_time=13:00", {"walk", "knit", "quiz"})
    assert_finds(client, directory, "end_time=12:00", {"chatter", "shed"})
    assert_finds(client, directory, "start_time=09:00&end_time=12:00", {"chatter", "shed"})
    assert_finds(client, directory, "day=WE", {"walk"})
    assert_finds(client, directory, "day=TH", {"knit"})  # the first Thursday of each month
    assert_finds(client, directory, "day=SA", {"quiz", "shed"})  # a one-off Saturday, weekly
    assert_finds(client, directory, "day=saturday", {"quiz", "shed"})
    assert_finds(client, directory, "day=MO", set())
    # One session must match the day and the times together.
    assert_finds(client, directory, "day=TU&start_time=11:00", set())
    assert_finds(client, directory, "day=SA&start_time=10:00", {"quiz"})


def test_postcode_and_proximity_keep_what_is_near_nearest_first(client, directory):
    page = get_json(client, "/api/services?postcode=rg121aa&proximity=1000")
    assert [r["id"] for r in page["contents"]] == [directory["walk"], directory["knit"]]
    assert_finds(
        client, directory, "postcode=RG12+1AA&proximity=10000", {"walk", "knit", "chatter", "shed"}
    )
    # Without a proximity, 5 miles (8,047 m): Crowthorne is about 5.6 km away.
    assert_finds(client, directory, "postcode=RG12+1AA", {"walk", "knit", "chatter", "shed"})
    assert_finds(client, directory, "postcode=RG12+1AA&proximity=100", {"walk"})


def test_a_home_is_found_where_it_is_published_not_where_it_is(client, directory):
    """The home's rounded position (51.41, -0.74) is nearer RG12 1AA than its real one: a
    distance between the two finds it, so distances never tell more than the record does."""
    published = distance_km(51.4133, -0.7519, 51.41, -0.74) * 1000
    exact = distance_km(51.4133, -0.7519, 51.40567, -0.74321) * 1000
    assert published < exact
    between = round((published + exact) / 2)
    assert_finds(client, directory, f"postcode=RG12+1AA&proximity={between}", {"walk", "knit"})
    below = int(published) - 1
    assert_finds(client, directory, f"postcode=RG12+1AA&proximity={below}", {"walk"})


def test_filters_combine_with_and(client, directory, terms):
    term = terms["getting-active"]
    org = directory["org_a"]
    assert_finds(client, directory, f"organization_id={org}&taxonomy_term_id={term}", {"walk"})
    assert_finds(client, directory, f"organization_id={org}&taxonomy_term_id={term}&day=TU", set())
    assert_finds(client, directory, "search=walk&minimum_age=60", set())
    assert_finds(client, directory, "search=walk&postcode=RG12+1AA&proximity=500", {"walk"})
    assert_finds(client, directory, "search=walk&postcode=RG45+7AB&proximity=500", set())
    assert_finds(
        client,
        directory,
        f"taxonomy_term_id={term}&postcode=RG12+1AA&proximity=10000&start_time=09:00",
        {"walk", "shed"},
    )
    assert_finds(client, directory, "minimum_age=16&end_time=19:00&day=SA", {"quiz"})


def test_term_filters(client, directory, terms):
    needs = get_json(client, f"/api/taxonomy_terms?taxonomy_id={terms['needs']}&per_page=100")
    assert needs["total_items"] > 5
    assert {t["taxonomy_id"] for t in needs["contents"]} == {terms["needs"]}
    found_terms = get_json(client, "/api/taxonomy_terms?search=active")["contents"]
    assert [t["code"] for t in found_terms] == ["getting-active"]
    both = f"/api/taxonomy_terms?search=active&taxonomy_id={terms['audiences']}"
    assert get_json(client, both)["contents"] == []
    top = get_json(client, "/api/taxonomy_terms?top_only=true&per_page=100")
    assert top["total_items"] == get_json(client, "/api/taxonomy_terms")["total_items"]
    parent = f"/api/taxonomy_terms?parent_id={terms['getting-active']}"
    assert get_json(client, parent)["contents"] == []


def test_organisation_search(client, directory):
    page = get_json(client, "/api/organizations?search=crowthorne+companions")
    assert [o["id"] for o in page["contents"]] == [directory["org_a"]]
    assert get_json(client, "/api/organizations?search=secret")["contents"] == []


def test_wildcards_and_escapes_in_words_are_plain_letters(client, directory):
    for words in ("%25", "_", "%5C", "100%25+%5C_"):
        for path in ("/api/organizations", "/api/taxonomy_terms", "/api/services"):
            assert get_json(client, f"{path}?search={words}")["contents"] == [], (path, words)
    for path in ("/api/organizations", "/api/taxonomy_terms"):  # matched letter by letter
        assert get_json(client, f"{path}?search=crowthorne%5C")["contents"] == []
