"""The demo's community maps, as a visitor to the demo portal finds them (read-only)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.community_maps.models import CommunityMap, MapKind, MapState
from portal.extensions import db
from tests.community_maps.helpers import assets_listed, map_layers
from tests.support import text_of

MAPS = ["Parents with toddlers in Crowthorne", "Older men in Bracknell"]


def demo_map(demo_app, title: str) -> CommunityMap:
    with demo_app.app_context():
        found = db.session.scalars(select(CommunityMap).where(CommunityMap.title == title)).one()
        db.session.expunge(found)
        return found


def test_the_demo_lists_its_two_published_maps(demo_client):
    answer = demo_client.get("/community-maps")

    assert answer.status_code == 200
    words = text_of(answer.get_data(as_text=True))
    for title in MAPS:
        assert title in words
    assert "C-014" not in words and "Circle of support" not in words


@pytest.mark.parametrize("title", MAPS)
def test_each_demo_map_has_assets_of_several_kinds_some_in_the_directory(
    demo_app, demo_client, title
):
    found = demo_map(demo_app, title)

    html = demo_client.get(f"/community-maps/{found.id}").get_data(as_text=True)

    assert title in html
    listed = assets_listed(html)
    assert len(listed) >= 4, listed
    assert sum(len(items) for items in listed.values()) >= 6
    linked = re.findall(r'<h3[^>]*>.*?<a class="govuk-link" href="(/services/[^"]+)">', html)
    assert linked, "no asset is linked to a listing"
    assert demo_client.get(linked[0]).status_code == 200  # the listing is live
    assert len(map_layers(html)) >= 4


def test_the_demo_circle_of_support_is_private(demo_app, demo_client):
    with demo_app.app_context():
        circle = db.session.scalars(
            select(CommunityMap).where(CommunityMap.reference == "C-014")
        ).one()
        assert circle.kind is MapKind.CIRCLE
        assert circle.state is MapState.PRIVATE
        assert len(circle.own_assets) >= 1
        circle_id = circle.id

    for end in ("", "/embed", "/export.geojson", "/export.csv"):
        assert demo_client.get(f"/community-maps/{circle_id}{end}").status_code == 404
