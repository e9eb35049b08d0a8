"""A connector at a community party: the event, the assets people name, the wishes they have,
and listings suggested for the directory, through the connector's pages (and the JSON the
page's script gets when it sends an asset on a weak connection)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Membership, Role
from portal.cli import reindex_all
from portal.community_maps.models import Asset, AssetKind, MappingEvent, Wish
from portal.directory.services import load_vocabulary
from portal.extensions import db
from portal.moderation.models import Claim, ListingRevision, RevisionState
from tests import factories
from tests.community_maps.helpers import (
    CROWTHORNE,
    JSON,
    add_asset,
    followed,
    map_data,
    session_token,
    submit,
)
from tests.support import emails_to, error_next_to, link_in, page, section, text_of

EVENT = {
    "title": "Big brew-up at the Hub",
    "held_on": "2026-03-14",
    "venue": "Crowthorne",
    "community": "Parents with toddlers",
    "facilitators": "Connie and two volunteers",
    "participants": "14",
    "notes": "Tea and a big paper map.",
}
SANDHURST = (51.34675, -0.78655)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def the_asset() -> Asset:
    return db.session.scalars(select(Asset)).one()


def new_event(connector, **changes):
    return submit(connector, "/connect/events/new", **{**EVENT, **changes})


def event_page(connector, event) -> str:
    return page(connector, f"/connect/events/{event.id}")


def recorded(connector, event) -> str:
    """The words of the event page's list of assets recorded."""
    html = event_page(connector, event)
    start = html.index('id="assets"')
    return text_of(html[start : html.index('id="wishes"')])


# --- events --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("title", "", "Give the event a title"),
        ("held_on", "", "Enter the date of the event"),
        ("held_on", "next Tuesday", "Enter the date of the event"),
        ("community", "  ", "Say whose community this is"),
    ],
)
def test_an_event_needs_a_title_a_date_and_a_community(connector, field, typed, message):
    answer = new_event(connector, **{field: typed})

    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert message in error_next_to(html, field)
    kept = {k: v for k, v in EVENT.items() if k != field and k != "notes"}
    for value in kept.values():
        assert f'value="{value}"' in html, value
    assert "Tea and a big paper map." in html
    assert count(MappingEvent) == 0


@pytest.mark.parametrize("typed", ["Jo, Sam and Priya", "about 12", "-3", "1.5"])
def test_the_number_taking_part_is_a_count_not_names(connector, typed):
    answer = new_event(connector, participants=typed)

    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert "as a number, like 12" in error_next_to(html, "participants")
    assert f'value="{typed}"' in html
    assert 'value="Big brew-up at the Hub"' in html
    assert count(MappingEvent) == 0


def test_a_venue_the_gazetteer_knows_places_the_event(connector):
    html = followed(connector, new_event(connector, venue="Crowthorne"))

    event = db.session.scalars(select(MappingEvent)).one()
    assert (event.latitude, event.longitude) == pytest.approx(CROWTHORNE, abs=0.01)
    assert "Big brew-up at the Hub" in html
    assert "At Crowthorne." in text_of(html)
    assert "14 people took part" in text_of(html)
    assert "not found on the map" not in html
    # The asset form's pin starts at the event, ready to be moved to the asset.
    [pin] = map_data(html)["points"]
    assert (pin["lat"], pin["lon"]) == pytest.approx(CROWTHORNE, abs=0.01)


def test_an_unknown_venue_is_kept_as_text_with_a_warning(connector):
    html = followed(connector, new_event(connector, venue="The Old Barn behind Zzyzx Farm"))

    event = db.session.scalars(select(MappingEvent)).one()
    assert event.venue == "The Old Barn behind Zzyzx Farm"
    assert event.latitude is None and event.longitude is None
    words = text_of(html)
    assert "We could not find “The Old Barn behind Zzyzx Farm” on the map." in words
    assert "At The Old Barn behind Zzyzx Farm (not found on the map)." in words
    assert map_data(html) is None  # no pin to start from


# --- assets --------------------------------------------------------------------------------------


def test_assets_of_each_of_the_six_kinds_are_recorded(connector, event):
    for kind in AssetKind:
        answer = add_asset(connector, event, name=f"Something {kind.value}", kind=kind.value)
        assert answer.status_code == 302, kind

    listed = recorded(connector, event)
    for kind in AssetKind:
        assert f"Something {kind.value} · {kind.label}" in listed
    assert {a.kind for a in db.session.scalars(select(Asset))} == set(AssetKind)


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"name": "", "kind": "places"}, "name", "Enter what it is called"),
        ({"name": "  ", "kind": "places"}, "name", "Enter what it is called"),
        ({"name": "The bench by the pond", "kind": ""}, "kind", "Choose what kind of asset"),
        ({"name": "The bench by the pond", "kind": "villains"}, "kind", "Choose what kind"),
    ],
)
def test_an_asset_needs_a_name_and_a_kind(connector, event, form, field, message):
    answer = add_asset(connector, event, good="Shade on hot days", **form)

    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert message in error_next_to(html, field)
    assert "Shade on hot days</textarea>" in html  # what was typed is still there
    if form["name"].strip():
        assert 'value="The bench by the pond"' in html
    assert count(Asset) == 0


def test_a_place_the_gazetteer_knows_gives_the_asset_its_position(connector, event):
    html = followed(
        connector,
        add_asset(
            connector,
            event,
            name="Sandhurst library",
            kind="organisations",
            where="place",
            place_name="Sandhurst",
        ),
    )

    saved = the_asset()
    assert (saved.latitude, saved.longitude) == pytest.approx(SANDHURST, abs=0.01)
    assert saved.place_name == "Sandhurst"
    assert "Saved “Sandhurst library”." in text_of(html)
    assert "could not find" not in html
    assert "Sandhurst library · Organisations and institutions" in recorded(connector, event)
    assert "no pin" not in recorded(connector, event)


def test_a_place_that_cannot_be_found_is_saved_without_a_pin_and_the_page_says_so(connector, event):
    html = followed(
        connector,
        add_asset(
            connector,
            event,
            name="Sam at the bakery",
            kind="people",
            where="place",
            place_name="Behind the Zzyzx bakery",
        ),
    )

    saved = the_asset()
    assert saved.place_name == "Behind the Zzyzx bakery"
    assert not saved.has_position
    assert (
        "We could not find “Behind the Zzyzx bakery” on the map: it is listed without a pin."
        in text_of(html)
    )
    assert "Sam at the bakery · People and skills · no pin" in recorded(connector, event)


def test_a_place_name_must_be_given_when_chosen(connector, event):
    answer = add_asset(connector, event, name="The bench", kind="places", where="place")

    assert answer.status_code == 400
    assert "Enter the place" in error_next_to(answer.get_data(as_text=True), "place_name")
    assert count(Asset) == 0


def test_a_pin_on_the_map_gives_the_asset_its_position(connector, event):
    followed(
        connector,
        add_asset(
            connector,
            event,
            name="The bench by the pond",
            kind="places",
            where="pin",
            latitude="51.3712",
            longitude="-0.7901",
        ),
    )

    saved = the_asset()
    assert (saved.latitude, saved.longitude) == pytest.approx((51.3712, -0.7901))
    assert "The bench by the pond · Places and spaces" in recorded(connector, event)
    assert "no pin" not in recorded(connector, event)


@pytest.mark.parametrize(("latitude", "longitude"), [("", ""), ("north", "-0.79"), ("95", "0")])
def test_a_pin_must_be_on_the_map(connector, event, latitude, longitude):
    answer = add_asset(
        connector,
        event,
        name="The bench",
        kind="places",
        where="pin",
        latitude=latitude,
        longitude=longitude,
    )

    assert answer.status_code == 400
    assert "Put the pin on the map" in error_next_to(answer.get_data(as_text=True), "where")
    assert count(Asset) == 0


def test_an_asset_with_no_fixed_place_is_allowed_and_listed(connector, event):
    html = followed(
        connector,
        add_asset(connector, event, name="Parents' WhatsApp group", kind="people", where="none"),
    )

    saved = the_asset()
    assert not saved.has_position and saved.place_name == ""
    assert "Saved “Parents' WhatsApp group”." in text_of(html)
    assert "Parents' WhatsApp group · People and skills · no pin" in recorded(connector, event)


def test_a_place_far_from_the_event_is_questioned_and_saved_once_confirmed(connector, event):
    far = {"name": "Oxford museum", "kind": "culture", "where": "place", "place_name": "Oxford"}

    asked = add_asset(connector, event, headers=JSON, client_token="far-1", **far)

    assert asked.status_code == 409
    assert asked.json["field"] == "where"
    assert "km from the event" in asked.json["question"]
    assert count(Asset) == 0

    kept = add_asset(connector, event, headers=JSON, client_token="far-1", confirm_far="1", **far)

    assert kept.status_code == 201
    assert the_asset().name == "Oxford museum" and the_asset().has_position


def test_without_javascript_the_page_asks_about_a_far_place_and_keeps_what_was_typed(
    connector, event
):
    far = {
        "name": "Ashmolean Museum",
        "kind": "culture",
        "where": "pin",
        "latitude": "51.7554",
        "longitude": "-1.2600",
        "good": "Free on Saturdays",
    }

    asked = add_asset(connector, event, **far)

    assert asked.status_code == 409
    html = asked.get_data(as_text=True)
    assert "km from the event. If it is right, save it again to keep it" in text_of(html)
    assert '<input type="hidden" name="confirm_far" value="1">' in html
    assert 'value="Ashmolean Museum"' in html and "Free on Saturdays</textarea>" in html
    assert count(Asset) == 0

    followed(connector, add_asset(connector, event, confirm_far="1", **far))

    assert the_asset().name == "Ashmolean Museum"


def test_a_place_near_the_event_is_not_questioned(connector, event):
    answer = add_asset(
        connector,
        event,
        headers=JSON,
        name="Sandhurst library",
        kind="organisations",
        where="place",
        place_name="Sandhurst",
    )

    assert answer.status_code == 201


def test_a_retry_with_the_same_token_saves_the_asset_once(connector, event):
    form = {"name": "Toy library swap", "kind": "groups", "client_token": "6f1c-retry"}

    first = add_asset(connector, event, headers=JSON, **form)
    again = add_asset(connector, event, headers=JSON, **form)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json["id"] == again.json["id"]
    assert count(Asset) == 1
    assert "Assets recorded (1)" in recorded(connector, event)


def test_the_script_gets_json_answers(connector, event):
    saved = add_asset(connector, event, headers=JSON, name="Toy library swap", kind="groups")
    refused = add_asset(connector, event, headers=JSON, name="", kind="groups")

    assert saved.status_code == 201
    assert saved.json["name"] == "Toy library swap"
    assert saved.json["kind"] == "Groups and associations"
    assert saved.json["id"] == str(the_asset().id)
    assert refused.status_code == 400
    assert "Enter what it is called" in refused.json["problems"]["name"]
    assert count(Asset) == 1


def test_the_script_is_told_when_a_place_is_not_found(connector, event):
    saved = add_asset(
        connector,
        event,
        headers=JSON,
        name="The bench",
        kind="places",
        where="place",
        place_name="Zzyzx corner",
    )

    assert saved.status_code == 201
    assert "We could not find “Zzyzx corner” on the map" in saved.json["note"]


# --- linking to the directory --------------------------------------------------------------------


@pytest.fixture
def listings(app):
    """Three live listings, in the search index."""
    made = {
        "Tuesday Chatter Café": factories.service(
            "Tuesday Chatter Café", org=factories.organisation("Crowthorne Good Companions")
        ),
        "Thursday Chatter Club": factories.service(
            "Thursday Chatter Club", org=factories.organisation("Sandhurst Friends")
        ),
        "Knit and Natter": factories.service(
            "Knit and Natter",
            org=factories.organisation("Owlsmoor Knitters"),
            description="Bring your knitting.",
        ),
    }
    reindex_all()
    return made


def test_an_asset_is_linked_to_a_listing_chosen_by_id(connector, event, listings):
    chosen = listings["Knit and Natter"]

    followed(
        connector,
        add_asset(
            connector, event, name="Knitting at the library", kind="groups", listing=str(chosen.id)
        ),
    )

    assert the_asset().service_id == chosen.id
    assert "Knitting at the library · Groups and associations · linked to the directory" in (
        recorded(connector, event)
    )


def test_a_listing_that_is_not_in_the_directory_cannot_be_linked(connector, event, listings):
    answer = add_asset(connector, event, name="Knitting", kind="groups", listing="not-an-id")

    assert answer.status_code == 400
    assert "Choose the listing from the list" in error_next_to(
        answer.get_data(as_text=True), "listing_query"
    )
    assert count(Asset) == 0


def test_words_that_match_one_listing_link_it(connector, event, listings):
    followed(
        connector,
        add_asset(
            connector, event, name="Knitting at the library", kind="groups", listing_query="natter"
        ),
    )

    assert the_asset().service_id == listings["Knit and Natter"].id


def test_words_that_match_several_listings_ask_which_one(connector, event, listings):
    typed = {
        "name": "Chatter at the Hub",
        "kind": "groups",
        "good": "Very welcoming",
        "listing_query": "chatter",
        "listing": "",
    }

    asked = add_asset(connector, event, **typed)

    assert asked.status_code == 400
    html = asked.get_data(as_text=True)
    assert "Choose which listing it is" in error_next_to(html, "listing_query")
    words = text_of(html)
    assert "Which listing is it?" in words
    assert "Tuesday Chatter Café (Crowthorne Good Companions)" in words
    assert "Thursday Chatter Club (Sandhurst Friends)" in words
    assert "Knit and Natter" not in words
    assert 'value="Chatter at the Hub"' in html and "Very welcoming</textarea>" in html
    assert count(Asset) == 0

    # The page sends its (empty) hidden "listing" field and the radio the person chose.
    club = listings["Thursday Chatter Club"]
    answer = add_asset(connector, event, **{**typed, "listing": ["", str(club.id)]})

    followed(connector, answer)
    assert the_asset().service_id == club.id


def test_words_that_match_no_listing_say_so(connector, event, listings):
    answer = add_asset(connector, event, name="Zumba", kind="groups", listing_query="zzyzx")

    assert answer.status_code == 400
    assert "No listing matches those words" in error_next_to(
        answer.get_data(as_text=True), "listing_query"
    )
    assert count(Asset) == 0


def test_the_type_ahead_finds_listings_by_their_words(connector, listings):
    found = connector.get("/connect/listings.json?q=chatter").json

    assert {row["name"] for row in found} == {"Tuesday Chatter Café", "Thursday Chatter Club"}


# --- suggesting a new listing, and the group's invitation ----------------------------------------


def suggest(connector, event, **changes):
    form = {
        "name": "Toy library swap",
        "kind": "groups",
        "good": "Borrow toys and swap outgrown clothes.",
        "where": "pin",
        "latitude": "51.3712",
        "longitude": "-0.7901",
        "suggest": "1",
        "organisation": "Crowthorne Toy Library",
        "group_email": "toys@example.org",
        **changes,
    }
    return add_asset(connector, event, **form)


def invitation_link() -> str:
    [message] = emails_to("toys@example.org")
    return link_in(message.body, "/invitations/")


def test_an_asset_suggested_as_a_listing_waits_for_the_directory_team(
    connector, event, signed_in_as
):
    html = followed(connector, suggest(connector, event))

    revision = db.session.scalars(select(ListingRevision)).one()
    assert revision.source == "event"
    assert revision.state is RevisionState.DRAFT
    assert revision.organisation.name == "Crowthorne Toy Library"
    assert revision.data["name"] == "Toy library swap"
    assert revision.data["description"] == "Borrow toys and swap outgrown clothes."
    assert the_asset().suggestion_id == revision.id
    assert "Invitation for the group to complete its listing: http://portal.test/invitations/" in (
        text_of(html)
    )
    assert "suggested as a new listing" in recorded(connector, event)

    editor, _ = signed_in_as(Role.EDITOR)
    waiting = text_of(section(page(editor, "/moderation"), "events"))
    assert "Suggested at community events (1)" in waiting
    assert "Toy library swap" in waiting
    assert "Coffee and maps at the library" in waiting


def test_the_group_is_emailed_its_invitation(connector, event):
    suggest(connector, event)

    [message] = emails_to("toys@example.org")
    assert message.subject == "Put Toy library swap in the directory"
    assert "Coffee and maps at the library" in message.body
    assert invitation_link().startswith("/invitations/")


def test_without_an_email_address_nobody_is_emailed(connector, event):
    suggest(connector, event, group_email="")

    assert count(ListingRevision) == 1
    assert emails_to("toys@example.org") == []


def test_the_invitation_lets_a_group_member_take_on_a_group_nobody_manages(
    connector, event, signed_in_as
):
    suggest(connector, event)
    link = invitation_link()
    revision = db.session.scalars(select(ListingRevision)).one()
    group, gwen = signed_in_as(Role.GROUP_MEMBER, "gwen@example.org", name="Gwen Group")
    draft = f"/listings/drafts/{revision.id}"
    assert group.get(draft).status_code == 403

    shown = page(group, link)
    assert "Put Toy library swap in the directory" in shown
    assert "Crowthorne Toy Library" in shown
    answer = submit(group, link)

    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(draft)
    assert db.session.scalars(
        select(Membership).where(
            Membership.user_id == gwen.id, Membership.organisation_id == revision.organisation_id
        )
    ).one()
    assert db.session.get(ListingRevision, revision.id).author_id == gwen.id
    assert "Toy library swap" in page(group, draft)


def test_the_invitation_becomes_a_claim_when_someone_manages_the_group(
    connector, event, signed_in_as
):
    companions = factories.organisation("Crowthorne Good Companions")
    factories.user("sue@example.org", role=Role.GROUP_MEMBER, organisations=(companions,))
    suggest(connector, event, organisation="Crowthorne Good Companions")
    link = invitation_link()
    revision = db.session.scalars(select(ListingRevision)).one()
    assert revision.organisation_id == companions.id
    group, gwen = signed_in_as(Role.GROUP_MEMBER, "gwen@example.org", name="Gwen Group")

    answer = submit(group, link)

    html = followed(group, answer)
    assert "Someone already manages this group" in text_of(html)
    [claim] = db.session.scalars(select(Claim)).all()
    assert (claim.user_id, claim.organisation_id) == (gwen.id, companions.id)
    assert count(Membership) == 1  # Sue's only
    assert db.session.get(ListingRevision, revision.id).author_id is None
    assert group.get(f"/listings/drafts/{revision.id}").status_code == 403


def test_only_a_group_account_can_take_on_the_invitation(connector, event):
    suggest(connector, event)
    link = invitation_link()

    assert "Sign in with your community group's account to take this on." in text_of(
        page(connector, link)
    )
    answer = connector.post(link, data={"csrf_token": session_token(connector)})

    assert answer.status_code == 200
    assert count(Membership) == count(Claim) == 0
    assert db.session.scalars(select(ListingRevision)).one().author_id is None


def test_a_broken_invitation_link_says_so(visitor):
    answer = visitor.get("/invitations/not-a-real-token")

    assert answer.status_code == 400


# --- wishes --------------------------------------------------------------------------------------


def add_wish(browser, event, headers=None, **data):
    url = f"/connect/events/{event.id}"
    return submit(browser, url, f"{url}/wishes", headers=headers, **data)


def test_a_wish_needs_words(connector, event):
    on_page = add_wish(connector, event, wish="   ")
    by_script = add_wish(connector, event, headers=JSON, wish="")

    assert on_page.status_code == 400
    assert "Write what people wish there was" in error_next_to(
        on_page.get_data(as_text=True), "wish"
    )
    assert by_script.status_code == 400
    assert "Write what people wish there was" in by_script.json["problems"]["wish"]
    assert count(Wish) == 0


def test_a_wish_keeps_the_needs_that_exist_and_drops_unknown_codes(connector, event):
    load_vocabulary()
    db.session.commit()

    html = followed(
        connector,
        add_wish(
            connector,
            event,
            wish="Somewhere dry to meet with buggies",
            needs=["loneliness-and-company", "world-peace", "loneliness-and-company"],
        ),
    )

    wish = db.session.scalars(select(Wish)).one()
    assert wish.needs == ["loneliness-and-company"]
    assert "Somewhere dry to meet with buggies" in html


def test_a_wish_is_saved_once_per_token(connector, event):
    form = {"wish": "A slower walking group", "client_token": "wish-7"}

    first = add_wish(connector, event, headers=JSON, **form)
    again = add_wish(connector, event, headers=JSON, **form)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json["id"] == again.json["id"]
    assert count(Wish) == 1


# --- what people type ----------------------------------------------------------------------------


def test_free_text_is_stored_without_html_and_shown_escaped(connector, event, signed_in_as):
    followed(
        connector,
        add_asset(
            connector,
            event,
            name="Tom & Jerry's <b>café</b>",
            kind="economy",
            good='Cake <script>alert("hi")</script>for 1 < 2 pounds',
            not_working="<a href='https://spam.example'>Closes</a> at 3",
        ),
    )

    saved = the_asset()
    assert saved.name == "Tom & Jerry's café"
    assert "<" not in saved.good.replace("1 < 2", "") and "script" not in saved.good
    assert saved.not_working == "Closes at 3"
    html = event_page(connector, event)
    assert "<b>café</b>" not in html
    assert "Tom &amp; Jerry&#39;s café" in html


def test_removing_an_asset(connector, event):
    for name in ("Toy library swap", "The bench by the pond"):
        add_asset(connector, event, name=name, kind="places")
    bench = db.session.scalars(select(Asset).where(Asset.name == "The bench by the pond")).one()

    html = followed(
        connector,
        submit(connector, f"/connect/events/{event.id}", f"/connect/assets/{bench.id}/delete"),
    )

    assert "Removed “The bench by the pond”." in text_of(html)
    assert [a.name for a in db.session.scalars(select(Asset))] == ["Toy library swap"]
    listed = recorded(connector, event)
    assert "Toy library swap" in listed and "The bench by the pond" not in listed


def test_connector_pages_are_for_connectors_only(event, signed_in_as, visitor):
    for role in (Role.GROUP_MEMBER, Role.EDITOR, Role.PROFESSIONAL):
        other, _ = signed_in_as(role)
        assert other.get(f"/connect/events/{event.id}").status_code == 403, role
    assert visitor.get(f"/connect/events/{event.id}").status_code == 302  # to sign in


def test_a_listing_suggested_at_an_event_keeps_its_story_once_published(
    connector, event, signed_in_as
):
    from portal.moderation import services as moderation
    from tests.support.listings import listing

    suggest(connector, event)
    link = invitation_link()
    group, gwen = signed_in_as(Role.GROUP_MEMBER, "gwen@example.org", name="Gwen Group")
    submit(group, link)
    revision = db.session.scalars(select(ListingRevision)).one()
    load_vocabulary()
    moderation.save_step(revision, "about", listing(name="Toy library swap"))
    moderation.submit(revision, gwen)
    editor, eve = signed_in_as(Role.EDITOR)
    service = moderation.approve(db.session.get(ListingRevision, revision.id), eve)

    story = text_of(page(editor, f"/moderation/listings/{service.id}"))

    assert "Suggested “Toy library swap” as a new listing at “Coffee and maps at the library”" in (
        story
    )
    assert "Took on “Toy library swap”" in story
