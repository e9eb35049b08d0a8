"""Issue 12: one number, colour and shape per asset everywhere; wishes on published maps; a map
made from an event is not asked whose it is again; deciding what is not a suggestion is a 404."""

from __future__ import annotations

import csv
import io
import json

from portal.community_maps import services
from portal.community_maps.models import AssetKind, CommunityMap
from portal.community_maps.posters import poster_data
from portal.extensions import db
from tests.community_maps.helpers import (
    asset,
    assets_listed,
    map_data,
    near,
    published_map,
    session_token,
    submit,
)
from tests.support import page, text_of


def _carers_map(connie, event):
    """Recorded in an order unlike the kinds': the coffee morning (a group) comes second."""
    asset(event, "Youth football", AssetKind.GROUPS, **near(0.002))
    asset(event, "Carers' Coffee Morning", AssetKind.GROUPS, **near(0.001))
    asset(event, "Bus stop bench", AssetKind.PLACES, **near(0.001))  # same place as the café
    asset(event, "Maria who knits", AssetKind.PEOPLE)
    return published_map(connie, [event])


def test_the_list_under_the_map_reads_in_order(connie, event, visitor):
    found = _carers_map(connie, event)
    listed = assets_listed(page(visitor, f"/community-maps/{found.id}"))
    numbers = [n for items in listed.values() for n, _ in items]
    assert numbers == [1, 2, 3, 4]


def test_an_asset_has_one_number_on_the_page_map_exports_and_poster(connie, event, visitor):
    found = _carers_map(connie, event)
    html = page(visitor, f"/community-maps/{found.id}")

    listed = {name: n for items in assets_listed(html).values() for n, name in items}
    assert listed["Carers' Coffee Morning"] == 2
    on_map = {p["title"]: p["label"] for layer in map_data(html)["layers"] for p in layer["points"]}
    assert on_map["2. Carers' Coffee Morning"] == "2"
    geojson = json.loads(visitor.get(f"/community-maps/{found.id}/export.geojson").data)
    by_name = {f["properties"]["name"]: f["properties"] for f in geojson["features"]}
    assert by_name["Carers' Coffee Morning"]["number"] == 2
    rows = list(
        csv.DictReader(io.StringIO(visitor.get(f"/community-maps/{found.id}/export.csv").text))
    )
    assert {r["name"]: r["number"] for r in rows}["Carers' Coffee Morning"] == "2"
    numbers = {a.name: a.number for a in poster_data(db.session.get(CommunityMap, found.id)).assets}
    assert numbers == listed


def test_each_kind_has_the_same_colour_and_a_shape_of_its_own_on_page_and_poster(
    connie, event, visitor
):
    from portal.community_maps.poster import _STYLE

    found = _carers_map(connie, event)
    html = page(visitor, f"/community-maps/{found.id}")
    layers = {layer["kind"]: layer for layer in map_data(html)["layers"]}
    assert layers["groups"]["colour"] == _STYLE["groups"][0]
    assert layers["places"]["colour"] == _STYLE["places"][0]
    assert layers["groups"]["shape"] != layers["places"]["shape"]  # not colour alone
    assert "shown as squares" in text_of(html) and "shown as triangles" in text_of(html)
    assert f'fill="{_STYLE["groups"][0]}"' in html  # the list's badge, as on the map


def test_a_published_maps_wishes_show_on_its_page_and_poster(connie, event, visitor):
    services.record_wish(connie, event, "Somewhere dry to meet with buggies", ["wellbeing"])
    found = _carers_map(connie, event)

    text = text_of(page(visitor, f"/community-maps/{found.id}"))
    assert "What people wish there was" in text
    assert "Somewhere dry to meet with buggies" in text
    data = poster_data(db.session.get(CommunityMap, found.id))
    assert [w[0] for w in data.wishes] == ["Somewhere dry to meet with buggies"]


def test_a_private_maps_wishes_stay_private(connie, event, visitor):
    services.record_wish(connie, event, "A changing table in the park café", [])
    found = services.save_map(connie, "Draft", "Parents", "", [str(event.id)])
    assert visitor.get(f"/community-maps/{found.id}").status_code == 404


def test_a_map_made_from_an_event_does_not_ask_whose_it_is(connector, event):
    url = f"/connect/maps/new?event={event.id}"
    html = page(connector, url)
    assert "Whose map is it?" not in html
    assert "Parents with toddlers" in text_of(html)

    answer = submit(connector, url, "/connect/maps/new", title="Toddlers", events=[str(event.id)])
    assert answer.status_code == 302
    made = db.session.query(CommunityMap).one()
    assert made.community == "Parents with toddlers"


def test_events_of_different_communities_still_ask_whose_map_it_is(connie, connector, event):
    other = services.save_event(
        connie,
        services.EventForm(title="Men's shed brew-up", held_on="2026-04-01", community="Older men"),
    )
    answer = submit(
        connector,
        "/connect/maps/new",
        title="Both",
        events=[str(event.id), str(other.id)],
    )
    assert answer.status_code == 400
    assert "Say whose map it is" in answer.get_data(as_text=True)


def test_deciding_an_asset_that_is_not_a_suggestion_is_a_404(connector, event):
    recorded = asset(event, "The bench", AssetKind.PLACES)
    answer = connector.post(
        f"/connect/suggestions/{recorded.id}",
        data={"csrf_token": session_token(connector), "decision": "add"},
    )
    assert answer.status_code == 404


def test_deciding_an_asset_of_a_circle_is_a_404(connie, connector):
    circle = services.create_circle(connie, "C-9")
    mine = asset(None, "Daughter", AssetKind.PEOPLE, map=circle)
    answer = connector.post(
        f"/connect/suggestions/{mine.id}",
        data={"csrf_token": session_token(connector), "decision": "add"},
    )
    assert answer.status_code == 404
