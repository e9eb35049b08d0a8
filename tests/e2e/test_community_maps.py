"""A community map made at an event, in a real browser, and the public's view of it.

A connector creates an event, adds six assets of different kinds (one linked to a listing, one
suggested as a new listing, one placed with the map pin), records a wish, loses the
connection while saving one (nothing is lost: it is sent when the connection is back) and
publishes the map; a visitor opens the map and its list, downloads the poster and suggests an
asset. Every page is scanned with axe-core.
"""

import re
import threading
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select
from werkzeug.serving import make_server

from portal.community_maps.models import Asset, MappingEvent
from portal.extensions import db
from tests.e2e.test_prescribing import enter_code
from tests.support.browser import sign_in

pytestmark = pytest.mark.e2e

CONNECTOR = ("connector@demo.example.org", "demo-password-2026")


def assets_named(demo_app, name: str) -> int:
    with demo_app.app_context():
        return db.session.scalar(select(func.count()).where(Asset.name == name)) or 0


def add_asset(page, name: str, kind: str, good: str, place: str | None = None, where=True):
    form = page.locator("#add-asset")
    form.get_by_label("What is it called?").fill(name)
    form.get_by_label(kind, exact=True).check()
    form.get_by_label("What is good about it?").fill(good)
    if place:
        form.get_by_label("A place name").check()
        form.get_by_label("Place name (if you chose one)").fill(place)
    elif where:
        form.get_by_label("No fixed place").check()


def save_and_wait(page, name: str) -> None:
    page.get_by_role("button", name="Save this asset").click()
    expect(page.locator("#add-asset [data-offline-status]")).to_contain_text(f"Saved “{name}”")
    expect(page.locator('[data-offline-saved="asset"]')).to_contain_text(name)


def test_a_connector_maps_an_event_and_the_public_sees_it(page, check_page, demo_app):
    sign_in(page, *CONNECTOR)
    enter_code(page, demo_app, CONNECTOR[0])  # the demo connector has a second factor
    page.get_by_role("link", name="Community mapping").click()
    check_page("connect-dashboard")

    page.get_by_role("link", name="Start a new event").click()
    page.get_by_role("button", name="Save the event").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the event a title")
    check_page("event-errors")
    page.get_by_label("Title").fill("Tea for carers at Sandhurst")
    page.get_by_label("Date").fill("2026-11-20")
    page.get_by_label("Where it is held").fill("Sandhurst")
    page.get_by_label("Whose community is it?").fill("Carers")
    page.get_by_label("How many people took part").fill("9")
    page.get_by_role("button", name="Save the event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tea for carers at Sandhurst")
    check_page("event")

    add_asset(
        page,
        "Carers' coffee morning",
        "Groups and associations",
        "A break and a chat.",
        "Sandhurst",
    )
    save_and_wait(page, "Carers' coffee morning")

    add_asset(page, "Jean, who knows every form", "People and skills", "Helps with benefit forms.")
    save_and_wait(page, "Jean, who knows every form")

    add_asset(page, "Walking group", "Groups and associations", "Out for an hour.", where=False)
    form = page.locator("#add-asset")
    form.get_by_label("Is it in the directory already? (optional)").fill("walking")
    form.locator("[data-listing-results] button").first.click()
    expect(form.locator("[data-listing-id]")).not_to_have_value("")
    save_and_wait(page, "Walking group")

    add_asset(page, "Sandhurst memorial park", "Places and spaces", "Benches in the shade.")
    form.get_by_label("Put a pin on the map").check()
    canvas = form.locator(".leaflet-container")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.35)
    expect(page.locator("#asset-latitude")).not_to_have_value("")
    save_and_wait(page, "Sandhurst memorial park")

    add_asset(page, "The chemist's delivery van", "Local economy", "Brings prescriptions home.")
    save_and_wait(page, "The chemist's delivery van")

    add_asset(
        page, "Knit and natter for carers", "Culture and stories", "Started by carers, for carers."
    )
    form.get_by_label("Suggest it as a new listing for the directory").check()
    form.get_by_label("If so: who runs it? (optional)").fill("Sandhurst Carers Circle")
    save_and_wait(page, "Knit and natter for carers")
    check_page("event-six-assets")

    # The connection drops while an asset is being saved: it waits on the device, then goes.
    page.context.set_offline(True)
    add_asset(page, "Library's quiet room", "Organisations and institutions", "Somewhere calm.")
    page.get_by_role("button", name="Save this asset").click()
    expect(page.locator("#add-asset [data-offline-status]")).to_contain_text("No connection")
    assert assets_named(demo_app, "Library's quiet room") == 0
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#add-asset [data-offline-status]")).to_contain_text(
        "Saved “Library's quiet room”"
    )
    assert assets_named(demo_app, "Library's quiet room") == 1

    page.get_by_label("What do people wish there was?").fill("Respite on a Saturday")
    page.get_by_role("button", name="Save this wish").click()
    expect(page.locator('[data-offline-saved="wish"]')).to_contain_text("Respite on a Saturday")

    # A map from the event, published.
    page.get_by_role("link", name="Make a map from this event").click()
    page.get_by_label("Title").fill("Carers in Sandhurst")
    # The event already says whose it is: not asked again (issue 12).
    expect(page.get_by_label("Whose map is it?")).to_have_count(0)
    expect(page.get_by_text("as the event")).to_be_visible()
    expect(page.get_by_label(re.compile("^Tea for carers at Sandhurst"))).to_be_checked()
    page.get_by_role("button", name="Save the map").click()
    check_page("connect-map")
    page.get_by_role("button", name="Publish it").click()
    expect(page.get_by_text("Published: anyone can see it now.")).to_be_visible()
    with demo_app.app_context():
        event = db.session.scalars(
            select(MappingEvent).where(MappingEvent.title == "Tea for carers at Sandhurst")
        ).one()
        assert len(event.assets) == 7 and len(event.wishes) == 1
    page.goto("/account")
    page.get_by_role("button", name="Sign out").click()

    # The public: the map and its list, the poster, a suggestion.
    page.goto("/community-maps")
    page.get_by_role("link", name="Carers in Sandhurst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carers in Sandhurst")
    expect(page.locator(".leaflet-container")).to_be_visible()
    expect(page.locator(".leaflet-control-layers")).to_contain_text("Places and spaces")
    for kind in ("People and skills", "Groups and associations", "Places and spaces"):
        expect(page.get_by_role("heading", level=2, name=re.compile(kind))).to_be_visible()
    linked = page.locator(".app-asset-list__item", has_text="Walking group")
    expect(linked.get_by_role("link", name="Walking group")).to_be_visible()  # to its listing
    expect(linked).not_to_contain_text("No fixed place")  # placed where the listing is
    check_page("community-map")

    poster = page.request.get(page.get_by_role("link", name=re.compile("A3")).get_attribute("href"))
    assert poster.status == 200 and poster.headers["content-type"] == "application/pdf"
    assert poster.body()[:5] == b"%PDF-"

    page.get_by_role("link", name="Suggest something the map missed").click()
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what it is called")
    check_page("suggest-errors")
    page.get_by_label("What is it called?").fill("Saturday carers' lunch")
    page.get_by_label("Groups and associations").check()
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_text("a connector will look at your suggestion")).to_be_visible()
    expect(page.get_by_role("heading", name="Saturday carers' lunch")).to_have_count(0)


@contextmanager
def neighbour_site(html: str):
    """Another site (localhost, not the portal's 127.0.0.1: another origin) serving `html`."""

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [html.encode()]

    server = make_server("localhost", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_port}/"
    finally:
        server.shutdown()


def test_the_demo_maps_and_their_embeddable_copy(page, check_page, live_server):
    page.goto("/community-maps")
    check_page("community-maps")
    page.get_by_role("link", name="Parents with toddlers in Crowthorne").click()
    expect(page.locator(".leaflet-container")).to_be_visible()
    embed = page.locator("#embed-code").input_value()
    src = re.search(r'src="([^"]+)"', embed).group(1)
    # The snippet points at the portal's public address (PORTAL_BASE_URL), never the Host
    # header; here it is served by the test server, so another site frames it from there.
    assert src.startswith("http://portal.test/community-maps/") and src.endswith("/embed")
    path = urlsplit(src).path
    host_page = f"<h1>A neighbour's site</h1>{embed.replace(src, live_server + path)}"
    with neighbour_site(host_page) as neighbour:
        elsewhere = page.context.new_page()
        elsewhere.goto(neighbour)
        framed = elsewhere.frame_locator("iframe")
        expect(framed.get_by_role("heading", level=1)).to_have_text(
            "Parents with toddlers in Crowthorne"
        )
        expect(framed.locator(".leaflet-container")).to_be_visible()
        elsewhere.close()
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Parents with toddlers in Crowthorne")
    check_page("community-map-embed")
