"""Issue 12 in a real browser: a community map's asset has one number on the map, in the list
and on the poster; the list reads in order; kinds differ by shape too; wishes show; axe-clean
at phone and desktop widths."""

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from portal.accounts.models import User
from portal.community_maps import services
from portal.community_maps.models import Asset, AssetKind
from portal.extensions import db

pytestmark = pytest.mark.e2e

CROWTHORNE = (51.37027, -0.79219)


@pytest.fixture
def carers_map(demo_app):
    """A published map whose assets were recorded in an order unlike their kinds'."""
    with demo_app.app_context():
        connector = db.session.scalars(
            select(User).where(User.email == "connector@demo.example.org")
        ).one()
        event = services.save_event(
            connector,
            services.EventForm(
                title="Carers' brew-up",
                held_on="2026-05-02",
                venue="Crowthorne",
                community="Carers",
            ),
        )
        lat, lon = CROWTHORNE
        for name, kind, dlat in [
            ("Youth football", AssetKind.GROUPS, 0.004),
            ("Carers' Coffee Morning", AssetKind.GROUPS, 0.002),
            ("Bus stop bench", AssetKind.PLACES, 0.002),  # the same place as the coffee morning
            ("Maria who knits", AssetKind.PEOPLE, -0.003),
        ]:
            db.session.add(
                Asset(event=event, name=name, kind=kind, latitude=lat + dlat, longitude=lon)
            )
        db.session.commit()
        services.record_wish(connector, event, "Respite on Saturday mornings", [])
        found = services.save_map(connector, "Carers in Crowthorne", "Carers", "", [str(event.id)])
        services.set_published(found, True, connector)
        return str(found.id)


def test_one_number_per_asset_on_map_list_and_poster(page, check_page, carers_map, tmp_path):
    page.goto(f"/community-maps/{carers_map}")
    page.wait_for_function("window.appMaps && window.appMaps.length === 1")

    items = page.locator(".app-asset-list__item")
    assert [items.nth(i).get_attribute("value") for i in range(items.count())] == [
        "1",
        "2",
        "3",
        "4",
    ]
    coffee = page.locator(".app-asset-list__item", has_text="Carers' Coffee Morning")
    assert coffee.get_attribute("value") == "2"
    titles = page.evaluate("window.appMaps[0].markers.map(function (m) { return m.options.title })")
    assert "2. Carers' Coffee Morning" in titles
    assert page.get_by_text("Respite on Saturday mornings").is_visible()
    # Kinds differ by shape as well as colour: the legend draws each kind's shape.
    assert page.locator(".app-map__swatch--shape polygon").count() >= 1
    check_page("map-numbering-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    check_page("map-numbering-390")

    pdf = page.request.get(f"/community-maps/{carers_map}/poster.pdf?size=A3").body()
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    # Each list row's badge carries its number; the PDF's text gives it beside the name.
    assert re.search(r"Maria who knits 1 Carers' Coffee Morning 2 Youth football 3", text), text
    assert "Respite on Saturday mornings" in text
    if shutil.which("pdftoppm"):
        (tmp_path / "poster.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "50",
                str(tmp_path / "poster.pdf"),
                str(tmp_path / "poster"),
            ],
            check=True,
        )
