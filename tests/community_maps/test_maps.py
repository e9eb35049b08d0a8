"""Maps made from events: making them, publishing them, what the public page and its embeddable
copy show, visitors' suggestions, and private circles of support."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.community_maps import services
from portal.community_maps.models import (
    Asset,
    AssetKind,
    AssetState,
    CommunityMap,
    MapKind,
    MapState,
)
from portal.directory.models import PublicationState
from portal.extensions import db
from portal.moderation.models import ListingRevision, RevisionState
from tests import factories
from tests.community_maps.helpers import (
    asset,
    assets_listed,
    followed,
    map_data,
    map_layers,
    near,
    published_map,
    session_token,
    submit,
    suggestion,
    text_of,
)
from tests.prescribing.factories import pass_second_factor
from tests.support import error_next_to, page

PUBLIC_URLS = ["", "/embed", "/export.geojson", "/export.csv", "/poster.pdf?size=A3", "/suggest"]


def count(model, *conditions) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*conditions))


@pytest.fixture
def recorded(event):
    """What people named at the event: two groups, a place, a person with no fixed place."""
    return {
        "toys": asset(event, "Toy library swap", AssetKind.GROUPS, **near(0.001)),
        "rhymes": asset(event, "Rhyme time", AssetKind.GROUPS, **near(-0.001)),
        "park": asset(event, "Morgan Recreation Ground", AssetKind.PLACES, **near(0.002, 0.002)),
        "sam": asset(event, "Sam at the bakery", AssetKind.PEOPLE, place_name=""),
    }


@pytest.fixture
def other_event(connie):
    held = services.save_event(
        connie,
        services.EventForm(
            title="Brew-up at the men's shed",
            held_on="2026-02-01",
            venue="Bracknell",
            community="Older men",
        ),
    )
    asset(held, "Men's shed workshop", AssetKind.GROUPS, latitude=51.414, longitude=-0.751)
    return held


def new_map(connector, **form):
    return submit(connector, "/connect/maps/new", **form)


def set_state(connector, found, state: str):
    url = f"/connect/maps/{found.id}"
    return submit(connector, url, f"{url}/state", state=state)


# --- making a map --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("title", "Give the map a title"),
        ("events", "Choose at least one event the map comes from"),
    ],
)
def test_a_map_needs_a_title_a_community_and_an_event(connector, event, missing, message):
    form = {
        "title": "Parents with toddlers in Crowthorne",
        "community": "Parents with toddlers",
        "description": "What parents said.",
        "events": [str(event.id)],
    }
    form[missing] = [] if missing == "events" else ""

    answer = new_map(connector, **form)

    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert message in error_next_to(html, missing)
    for name in ("title", "community"):
        if name != missing:
            assert f'value="{form[name]}"' in html
    assert "What parents said.</textarea>" in html
    assert count(CommunityMap) == 0


def test_a_map_gathers_the_assets_of_its_events(connector, event, recorded, other_event):
    answer = new_map(
        connector, title="Parents in Crowthorne", community="Parents", events=[str(event.id)]
    )

    html = followed(connector, answer)
    words = text_of(html)
    assert "Saved the map “Parents in Crowthorne”." in words
    assert "On the map (4)" in words
    for name in ("Toy library swap", "Rhyme time", "Morgan Recreation Ground", "Sam at the bakery"):
        assert name in words
    assert "Men's shed workshop" not in words

    found = db.session.scalars(select(CommunityMap)).one()
    both = [str(event.id), str(other_event.id)]
    answer = submit(
        connector, f"/connect/maps/{found.id}", title="Parents", community="Parents", events=both
    )
    assert "On the map (5)" in text_of(followed(connector, answer))


# --- who can see it ------------------------------------------------------------------------------


@pytest.fixture
def private_map(connie, event, recorded):
    return services.save_map(connie, "Carers in Crowthorne", "Carers", "", [str(event.id)])


@pytest.fixture
def circle(connie, connector):
    """Connie's circle; she has passed the second factor a circle of support needs (issue 12)."""
    pass_second_factor(connector, connie)
    found = services.create_circle(connie, "C-014")
    asset(None, "Daughter, rings on Sundays", AssetKind.PEOPLE, map=found)
    asset(None, "The chemist", AssetKind.ORGANISATIONS, map=found, **near(0.001))
    return found


def test_private_maps_and_circles_of_support_are_on_no_public_page(
    private_map, circle, visitor, connector
):
    for found in (private_map, circle):
        for browser in (visitor, connector):
            for end in PUBLIC_URLS:
                url = f"/community-maps/{found.id}{end}"
                assert browser.get(url).status_code == 404, url
            form = {"csrf_token": session_token(browser), "name": "X", "kind": "places"}
            suggested = browser.post(f"/community-maps/{found.id}/suggest", data=form)
            assert suggested.status_code == 404
            listed = page(browser, "/community-maps")
            assert found.title not in listed
            assert "No maps have been published yet." in listed
    assert count(Asset, Asset.state == AssetState.SUGGESTED) == 0


def test_publishing_puts_the_map_on_the_public_pages(connector, visitor, private_map):
    html = followed(connector, set_state(connector, private_map, "published"))
    assert "Published: anyone can see it now." in text_of(html)

    index = text_of(page(visitor, "/community-maps"))
    assert "Carers in Crowthorne" in index
    assert "Carers · 4 assets" in index
    assert "From Coffee and maps at the library (Saturday 14 March 2026)" in index
    shown = text_of(page(visitor, f"/community-maps/{private_map.id}"))
    assert "Carers Carers in Crowthorne" in shown  # the caption and the heading
    assert (
        "Made with the community at Coffee and maps at the library, Crowthorne, on "
        "Saturday 14 March 2026 (12 people took part)." in shown
    )

    html = followed(connector, set_state(connector, private_map, "private"))
    assert "It is private now." in text_of(html)
    assert visitor.get(f"/community-maps/{private_map.id}").status_code == 404
    assert "Carers in Crowthorne" not in page(visitor, "/community-maps")


def test_a_circle_of_support_is_never_published(connector, circle, visitor):
    url = f"/connect/circles/{circle.id}"

    answer = submit(connector, url, f"/connect/maps/{circle.id}/state", state="published")

    assert answer.status_code == 302
    assert "A circle of support is never published" in text_of(page(connector, url))
    assert db.session.get(CommunityMap, circle.id).state is MapState.PRIVATE
    assert visitor.get(f"/community-maps/{circle.id}").status_code == 404


# --- the public page -----------------------------------------------------------------------------


@pytest.fixture
def listing(app):
    return factories.service("Crowthorne Library Rhyme Time")


@pytest.fixture
def public(connie, event, recorded, listing):
    recorded["rhymes"].service = listing
    db.session.commit()
    return published_map(connie, [event])


def test_the_public_page_lists_the_assets_by_kind_each_numbered(visitor, public, listing):
    html = page(visitor, f"/community-maps/{public.id}")

    listed = assets_listed(html)
    assert listed == {
        "People and skills": [(1, "Sam at the bakery")],
        "Groups and associations": [(2, "Rhyme time"), (3, "Toy library swap")],
        "Places and spaces": [(4, "Morgan Recreation Ground")],
    }
    assert "Groups and associations (2)" in text_of(html)
    assert f'<a class="govuk-link" href="/services/{listing.id}">Rhyme time</a>' in html
    assert '">Toy library swap</a>' not in html
    assert "No fixed place" in text_of(html)  # Sam


def test_the_map_has_a_layer_per_kind_numbered_as_the_list(visitor, public):
    html = page(visitor, f"/community-maps/{public.id}")

    assert map_layers(html) == {
        "Groups and associations": ["2. Rhyme time", "3. Toy library swap"],
        "Places and spaces": ["4. Morgan Recreation Ground"],
    }
    labels = [p["label"] for layer in map_data(html)["layers"] for p in layer["points"]]
    assert labels == ["2", "3", "4"]


def test_an_asset_without_a_position_is_listed_but_not_on_the_map(visitor, public):
    html = page(visitor, f"/community-maps/{public.id}")

    assert "Sam at the bakery" in text_of(html)
    titles = [title for layer in map_layers(html).values() for title in layer]
    assert not any("Sam at the bakery" in title for title in titles)
    assert "People and skills" not in map_layers(html)


def test_the_map_links_each_point_to_its_listing(visitor, public, listing):
    data = map_data(page(visitor, f"/community-maps/{public.id}"))

    urls = {p["title"]: p["url"] for layer in data["layers"] for p in layer["points"]}
    assert urls["2. Rhyme time"] == f"/services/{listing.id}"
    assert urls["3. Toy library swap"] is None


def test_a_listing_taken_out_of_the_directory_is_no_longer_linked(visitor, public, listing):
    listing.publication_state = PublicationState.HIDDEN
    db.session.commit()

    html = page(visitor, f"/community-maps/{public.id}")

    assert f"/services/{listing.id}" not in html
    assert "Rhyme time" in text_of(html)  # still on the map, as the community named it
    data = map_data(html)
    assert {p["url"] for layer in data["layers"] for p in layer["points"]} == {None}


def test_an_asset_suggested_as_a_listing_links_to_it_once_approved(connie, event, visitor):
    found = asset(event, "Toy library swap", AssetKind.GROUPS, **near())
    public = published_map(connie, [event])
    revision = ListingRevision(
        organisation=factories.organisation("Toy Library Friends"),
        data={"name": "Toy library swap"},
        state=RevisionState.PENDING,
        source="event",
    )
    found.suggestion = revision
    db.session.commit()

    before = page(visitor, f"/community-maps/{public.id}")
    revision.service = factories.service("Toy library swap")  # an editor approved it
    revision.state = RevisionState.APPROVED
    db.session.commit()
    after = page(visitor, f"/community-maps/{public.id}")

    assert "/services/" not in before
    assert f'<a class="govuk-link" href="/services/{revision.service.id}">Toy library swap</a>' in (
        after
    )


def test_a_map_with_no_positions_has_no_map_but_still_lists_its_assets(connie, event, visitor):
    asset(event, "Parents' WhatsApp group", AssetKind.PEOPLE)
    found = published_map(connie, [event])

    html = page(visitor, f"/community-maps/{found.id}")

    assert map_data(html) is None
    assert assets_listed(html) == {"People and skills": [(1, "Parents' WhatsApp group")]}


def test_what_people_typed_is_shown_as_text(connie, event, visitor):
    typed = services.AssetForm(
        name="Tom & Jerry's <i>café</i>",
        kind="economy",
        good="Cake <script>alert(1)</script>for 1 < 2 pounds",
    )
    services.record_asset(connie, typed, event=event)
    found = published_map(connie, [event])

    html = page(visitor, f"/community-maps/{found.id}")

    assert "Tom &amp; Jerry&#39;s café" in html and "Cake for 1 &lt; 2 pounds" in html
    assert "<script>alert" not in html and "<i>café" not in html


def test_the_embed_page_may_be_framed_by_any_site_and_no_other_page(visitor, connector, public):
    embedded = visitor.get(f"/community-maps/{public.id}/embed")

    assert embedded.status_code == 200
    assert "frame-ancestors *" in embedded.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embedded.headers
    assert "Toy library swap" in embedded.get_data(as_text=True)
    for browser, url in [
        (visitor, f"/community-maps/{public.id}"),
        (visitor, "/community-maps"),
        (visitor, f"/community-maps/{public.id}/suggest"),
        (visitor, "/"),
        (connector, f"/connect/maps/{public.id}"),
    ]:
        answer = browser.get(url)
        assert "frame-ancestors 'self'" in answer.headers["Content-Security-Policy"], url
        assert "frame-ancestors *" not in answer.headers["Content-Security-Policy"], url
        assert answer.headers["X-Frame-Options"] == "SAMEORIGIN", url


def test_the_embed_code_and_the_embedded_page_point_at_the_portal(visitor, public):
    """Other sites copy these: the portal's address, not whatever Host the request named."""
    forged = {"Host": "evil.example"}

    html = visitor.get(f"/community-maps/{public.id}", headers=forged).get_data(as_text=True)
    embedded = visitor.get(f"/community-maps/{public.id}/embed", headers=forged).text

    assert f'&lt;iframe src="http://portal.test/community-maps/{public.id}/embed"' in html
    assert f'href="http://portal.test/community-maps/{public.id}" target="_top"' in embedded
    assert "evil.example" not in html + embedded


# --- visitors' suggestions -----------------------------------------------------------------------


def suggest(browser, found, **form):
    url = f"/community-maps/{found.id}/suggest"
    return submit(browser, url, **form)


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"name": "", "kind": "places"}, "name", "Enter what it is called"),
        ({"name": "The duck pond", "kind": ""}, "kind", "Choose what kind of asset it is"),
        ({"name": "The duck pond", "kind": "places", "email": "nope"}, "email", "Enter an email"),
    ],
)
def test_a_suggestion_needs_a_name_and_a_kind(visitor, public, form, field, message):
    answer = suggest(visitor, public, good="Ducks!", **form)

    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert message in error_next_to(html, field)
    assert "Ducks!</textarea>" in html
    assert count(Asset, Asset.state == AssetState.SUGGESTED) == 0


def test_a_visitors_suggestion_waits_for_a_connector(visitor, connector, public):
    html = followed(
        visitor,
        suggest(
            visitor,
            public,
            name="The duck pond",
            kind="places",
            good="Ducks!",
            place_name="Crowthorne",
            email="neighbour@example.org",
        ),
    )

    assert "Thank you: a connector will look at your suggestion." in text_of(html)
    assert "The duck pond" not in html  # not on the public map yet
    waiting = db.session.scalars(select(Asset).where(Asset.name == "The duck pond")).one()
    assert waiting.state is AssetState.SUGGESTED
    assert waiting.suggested_by_email == "neighbour@example.org"
    assert waiting.has_position
    assert "The duck pond" not in visitor.get(f"/community-maps/{public.id}/export.csv").text
    words = text_of(page(connector, f"/connect/maps/{public.id}"))
    assert "Suggested by visitors (1)" in words
    assert "The duck pond · Places and spaces: Ducks! (Crowthorne)" in words


def test_add_it_puts_a_suggestion_on_the_map(visitor, connector, public):
    pond = suggestion(public)

    answer = submit(
        connector, f"/connect/maps/{public.id}", f"/connect/suggestions/{pond.id}", decision="add"
    )

    words = text_of(followed(connector, answer))
    assert "Suggested by visitors" not in words
    assert "On the map (5)" in words
    html = page(visitor, f"/community-maps/{public.id}")
    assert (5, "The duck pond") in assets_listed(html)["Places and spaces"]
    assert "5. The duck pond" in map_layers(html)["Places and spaces"]


def test_turn_it_down_keeps_a_suggestion_off_the_map(visitor, connector, public):
    pond = suggestion(public)

    answer = submit(
        connector,
        f"/connect/maps/{public.id}",
        f"/connect/suggestions/{pond.id}",
        decision="reject",
    )

    words = text_of(followed(connector, answer))
    assert "Suggested by visitors" not in words and "The duck pond" not in words
    assert db.session.get(Asset, pond.id).state is AssetState.REJECTED
    assert "The duck pond" not in page(visitor, f"/community-maps/{public.id}")


def test_a_decided_suggestion_cannot_be_decided_again(connector, public):
    pond = suggestion(public, state=AssetState.REJECTED)

    answer = submit(
        connector, f"/connect/maps/{public.id}", f"/connect/suggestions/{pond.id}", decision="add"
    )

    assert "This suggestion has already been decided" in text_of(followed(connector, answer))
    assert db.session.get(Asset, pond.id).state is AssetState.REJECTED


def test_suggestions_are_limited_to_ten_an_hour(visitor, public):
    from tests.support import csrf_token

    url = f"/community-maps/{public.id}/suggest"
    token = csrf_token(page(visitor, url))
    form = {"csrf_token": token, "name": "The duck pond", "kind": "places"}

    statuses = [visitor.post(url, data=form).status_code for _ in range(11)]

    assert statuses == [302] * 10 + [429]
    assert count(Asset, Asset.state == AssetState.SUGGESTED) == 10
    assert visitor.get(url).status_code == 200  # reading the form is not limited


# --- circles of support --------------------------------------------------------------------------


def test_a_circle_of_support_needs_a_reference_and_nothing_else(connector, connie):
    pass_second_factor(connector, connie)
    refused = submit(connector, "/connect/circles/new", reference="  ")

    assert refused.status_code == 400
    assert "Enter a reference you will recognise" in error_next_to(
        refused.get_data(as_text=True), "reference"
    )
    assert count(CommunityMap) == 0

    html = followed(connector, submit(connector, "/connect/circles/new", reference="C-014"))

    found = db.session.scalars(select(CommunityMap)).one()
    assert found.kind is MapKind.CIRCLE and found.state is MapState.PRIVATE
    assert found.reference == "C-014"
    assert "Circle of support C-014" in html and "Private: only you" in html
    assert "C-014" in text_of(page(connector, "/connect"))


def test_a_circle_of_support_is_added_to_by_connectors(connector, circle):
    url = f"/connect/circles/{circle.id}"

    html = followed(
        connector,
        submit(
            connector,
            url,
            f"{url}/assets",
            name="Neighbour who walks the dog",
            kind="people",
            good="Says hello every morning",
            where="none",
        ),
    )

    assert "Neighbour who walks the dog · People and skills: Says hello every morning" in (
        text_of(html)
    )
    assert "In this circle (3)" in text_of(html)


def test_a_place_far_outside_the_area_is_questioned_in_a_circle_of_support(connector, circle):
    factories.service("Tuesday Chatter Café")  # the directory's venues say where the area is
    url = f"/connect/circles/{circle.id}"
    far = {"name": "Sister in Leeds", "kind": "people", "where": "pin"}
    far |= {"latitude": "53.7997", "longitude": "-1.5492"}

    asked = submit(connector, url, f"{url}/assets", **far)

    assert asked.status_code == 409
    words = text_of(asked.get_data(as_text=True))
    assert "km from the middle of Bracknell Forest. If it is right, save it again" in words
    assert '<input type="hidden" name="confirm_far" value="1">' in asked.get_data(as_text=True)
    assert count(Asset, Asset.name == "Sister in Leeds") == 0
    followed(connector, submit(connector, url, f"{url}/assets", confirm_far="1", **far))
    assert count(Asset, Asset.name == "Sister in Leeds") == 1


@pytest.mark.parametrize("role", [Role.GROUP_MEMBER, Role.EDITOR, Role.PROFESSIONAL])
def test_a_circle_of_support_is_for_connectors_only(circle, signed_in_as, role):
    other, _ = signed_in_as(role)
    url = f"/connect/circles/{circle.id}"
    token = session_token(other)

    assert other.get(url).status_code == 403
    assert (
        other.post(
            f"{url}/assets", data={"csrf_token": token, "name": "X", "kind": "people"}
        ).status_code
        == 403
    )
    assert other.post(f"{url}/delete", data={"csrf_token": token}).status_code == 403
    assert other.get("/connect").status_code == 403
    assert count(Asset, Asset.map_id == circle.id) == 2
    assert db.session.get(CommunityMap, circle.id) is not None


def test_deleting_a_circle_of_support_deletes_everything_in_it(connector, circle):
    url = f"/connect/circles/{circle.id}"

    html = followed(connector, submit(connector, url, f"{url}/delete"))

    assert "Deleted the circle of support and everything in it." in text_of(html)
    assert count(CommunityMap) == 0
    assert count(Asset) == 0
    assert connector.get(url).status_code == 404
    assert "C-014" not in page(connector, "/connect")
