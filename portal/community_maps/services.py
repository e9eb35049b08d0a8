"""Community maps: events, assets, wishes, maps, circles of support, suggestions, exports.

Connectors record assets quickly, often on a weak connection: every save carries a token the
page made, so a retry after a dropped connection saves the asset once. A place far from the
event is questioned, not refused. An asset can be linked to a directory listing, or suggested
as a new one: that becomes a draft listing in the directory team's queue, marked as coming
from the event, with an invitation the group can use to claim and complete it.

The feature's public interface, for its views and other features:

forms.py        what the event and asset forms hold
events.py       events
assets.py       assets and wishes recorded at an event
invitations.py  an asset suggested as a new listing, and the invitation to its group
maps.py         maps made from an event, and what each shows
circles.py      circles of support, and the personal-data log of who saw or changed one
suggestions.py  visitors' suggestions for a published map
exports.py      GeoJSON and CSV
"""

from __future__ import annotations

from portal.community_maps.assets import (
    FAR_KM,
    FarAway,
    Saved,
    get_asset,
    record_asset,
    record_wish,
    remove_asset,
)
from portal.community_maps.circles import (
    circle_for_page,
    circles,
    connectors_to_share_with,
    create_circle,
    delete_circle,
    may_see_circle,
    note_circle_change,
    share_circle,
    show_circle,
    start_circle,
    unshare_circle,
)
from portal.community_maps.events import event_for_page, get_event, recent_events, save_event
from portal.community_maps.exports import CSV_COLUMNS, as_csv, as_geojson, listing_url
from portal.community_maps.forms import MAX_TEXT, AssetForm, EventForm
from portal.community_maps.invitations import INVITATION, accept_invitation, invitation_revision
from portal.community_maps.maps import (
    ShownWish,
    asset_counts,
    by_kind,
    community_maps,
    get_map,
    map_assets,
    map_wishes,
    numbered,
    save_map,
    set_published,
    wishes_shown,
)
from portal.community_maps.suggestions import decide_suggestion, suggest_asset

__all__ = [
    "CSV_COLUMNS",
    "FAR_KM",
    "INVITATION",
    "MAX_TEXT",
    "AssetForm",
    "EventForm",
    "FarAway",
    "Saved",
    "ShownWish",
    "accept_invitation",
    "as_csv",
    "as_geojson",
    "asset_counts",
    "by_kind",
    "circle_for_page",
    "circles",
    "community_maps",
    "connectors_to_share_with",
    "create_circle",
    "decide_suggestion",
    "delete_circle",
    "event_for_page",
    "get_asset",
    "get_event",
    "get_map",
    "invitation_revision",
    "listing_url",
    "map_assets",
    "map_wishes",
    "may_see_circle",
    "note_circle_change",
    "numbered",
    "recent_events",
    "record_asset",
    "record_wish",
    "remove_asset",
    "save_event",
    "save_map",
    "set_published",
    "share_circle",
    "show_circle",
    "start_circle",
    "suggest_asset",
    "unshare_circle",
    "wishes_shown",
]
