"""`/connect`: what community connectors do with community maps (blueprint "connect").

Events and their assets and wishes, the maps that gather them, visitors' suggestions, and
private circles of support. Saving an asset or a wish answers JSON to the page's script
(`static/js/offline-forms.js`, which keeps what could not be sent and tries again) and a
normal page without JavaScript.

events_views.py   the dashboard and events
assets_views.py   assets and wishes, at an event or in a circle
maps_views.py     maps from an event, publishing, visitors' suggestions
circles_views.py  circles of support (personal data)
"""

from __future__ import annotations

from flask import Blueprint, request

from portal.accounts.access import roles_required
from portal.accounts.models import Role

bp = Blueprint("connect", __name__, url_prefix="/connect")
connector = roles_required(Role.CONNECTOR)


def wants_json() -> bool:
    """Whether the page's script asked (it reads JSON; a page without JavaScript reads HTML)."""
    return request.accept_mimetypes.best == "application/json"


def blueprint() -> Blueprint:
    """The blueprint with every connector page on it."""
    # Each page module puts its routes on bp as it is imported.
    from portal.community_maps.connect import (  # noqa: F401
        assets_views,
        circles_views,
        events_views,
        maps_views,
    )

    return bp
