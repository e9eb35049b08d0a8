"""What the event and asset forms hold, and reading the asset form, whether it came from a page
or from the offline-capable script."""

from __future__ import annotations

from dataclasses import dataclass

MAX_TEXT = 2000


@dataclass(frozen=True)
class EventForm:
    title: str = ""
    held_on: str = ""
    venue: str = ""
    community: str = ""
    facilitators: str = ""
    participants: str = ""
    notes: str = ""


@dataclass(frozen=True)
class AssetForm:
    name: str = ""
    kind: str = ""
    good: str = ""
    not_working: str = ""
    where: str = "none"  # pin | place | none
    latitude: str = ""
    longitude: str = ""
    place_name: str = ""
    listing: str = ""  # a public service id
    suggest: bool = False
    organisation: str = ""  # who runs it, for a suggested listing
    group_email: str = ""  # where to send the group its invitation
    client_token: str = ""
    confirm_far: bool = False


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "yes", "on", "true"}


def _chosen(values, name: str) -> str:
    """A field the page can send twice: the type-ahead's hidden input, and the radio the person
    picked when several listings matched. The one with a value is the choice."""
    sent = values.getlist(name) if hasattr(values, "getlist") else [values.get(name)]
    return next((v.strip() for v in sent if v and v.strip()), "")


def asset_form_from(values) -> AssetForm:
    def text(name: str) -> str:
        return (values.get(name) or "").strip()

    return AssetForm(
        name=text("name"),
        kind=text("kind"),
        good=text("good"),
        not_working=text("not_working"),
        where=text("where") or "none",
        latitude=text("latitude"),
        longitude=text("longitude"),
        place_name=text("place_name"),
        listing=_chosen(values, "listing"),
        suggest=_truthy(values.get("suggest")),
        organisation=text("organisation"),
        group_email=text("group_email"),
        client_token=text("client_token")[:64],
        confirm_far=_truthy(values.get("confirm_far")),
    )
