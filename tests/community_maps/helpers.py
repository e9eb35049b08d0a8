"""What the community-map tests share besides fixtures: assets, maps, forms and reading pages.

Set-up that is not under test goes through the community-map services, as the pages would call
them.
"""

from __future__ import annotations

import json
import re
from html import unescape

from portal.community_maps import services
from portal.community_maps.models import Asset, AssetKind, AssetState
from portal.extensions import db
from tests.support import csrf_token, page, text_of

#: Crowthorne, as the GeoNames towns the plain `app` knows place it.
CROWTHORNE = (51.37027, -0.79219)
JSON = {"Accept": "application/json"}


def asset(event=None, name: str = "Toy library", kind: AssetKind = AssetKind.GROUPS, **fields):
    """An asset recorded at `event` (or for a map or circle, with map=...), committed."""
    found = Asset(event=event, name=name, kind=kind, **fields)
    db.session.add(found)
    db.session.commit()
    return found


def near(lat_offset: float = 0.0, lon_offset: float = 0.0) -> dict:
    """A position near the Crowthorne event, as Asset fields."""
    return {"latitude": CROWTHORNE[0] + lat_offset, "longitude": CROWTHORNE[1] + lon_offset}


def published_map(connie, events, title: str = "Parents with toddlers in Crowthorne"):
    found = services.save_map(
        connie, title, "Parents with toddlers", "", [str(e.id) for e in events]
    )
    services.set_published(found, True, connie)
    return found


def suggestion(found, name: str = "The duck pond", state: AssetState = AssetState.SUGGESTED):
    return asset(None, name, AssetKind.PLACES, map=found, state=state, **near(0.001))


def submit(browser, form_url: str, url: str | None = None, headers=None, **data):
    """Send a form as a person would: open the page it is on, then post it with its token."""
    token = csrf_token(page(browser, form_url))
    return browser.post(url or form_url, data={"csrf_token": token, **data}, headers=headers)


def session_token(browser) -> str:
    """This browser's CSRF token, from a page everyone can open (for forms not shown to them)."""
    answer = browser.get("/account")
    if answer.status_code != 200:  # nobody signed in
        answer = browser.get("/sign-in")
    return csrf_token(answer.get_data(as_text=True))


def add_asset(browser, event, headers=None, **data):
    """Post the event page's asset form; `where` is "none" unless given."""
    data = {"where": "none", **data}
    url = f"/connect/events/{event.id}"
    return submit(browser, url, f"{url}/assets", headers=headers, **data)


def followed(browser, response, status: int = 302) -> str:
    """The page a form's redirect leads to (where its flash message is shown)."""
    assert response.status_code == status, response.get_data(as_text=True)[-3000:]
    return page(browser, response.headers["Location"])


def map_data(html: str) -> dict | None:
    """The JSON the page hands the map script (its data-map attribute), if it has a map."""
    found = re.search(r'data-map="([^"]*)"', html)
    return json.loads(unescape(found.group(1))) if found else None


def map_layers(html: str) -> dict[str, list[str]]:
    """Each layer of the page's map and the titles of its points."""
    data = map_data(html) or {"layers": []}
    return {layer["name"]: [p["title"] for p in layer["points"]] for layer in data["layers"]}


def assets_listed(html: str) -> dict[str, list[tuple[int, str]]]:
    """The public list of assets: kind heading -> [(number, name)], in page order."""
    listed: dict[str, list[tuple[int, str]]] = {}
    for kind in AssetKind:
        found = re.search(
            rf'<h2 class="govuk-heading-m" id="kind-{kind.value}">.*?</h2>\s*<ol[^>]*>(.*?)</ol>',
            html,
            flags=re.S,
        )
        if found:
            items = re.findall(
                r'<li class="app-asset-list__item" value="(\d+)">\s*<h3[^>]*>(.*?)</h3>',
                found.group(1),
                flags=re.S,
            )
            listed[kind.label] = [
                (int(number), text_of(heading).split(".", 1)[1].strip())
                for number, heading in items
            ]
    return listed
