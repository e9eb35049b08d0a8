"""The community-map forms: what each page posts, and what the services take from it.

Two kinds of class live here, named apart on purpose:

- `EventForm`, `AssetForm`: frozen dataclasses of plain values, which `events.save_event` and
  `assets.record_asset` take (docs/forms.md, "When a service takes a dataclass"). An asset
  comes from the event or circle page, from its offline-capable script retrying later, from a
  visitor's suggestion, or from a test: all build the same `AssetForm`.
- `EventFields`, `AssetFields`, `WishFields`, `MapFields`, `MapStateFields`,
  `DecisionFields`, `CircleFields`, `ShareFields` (and `SuggestForm`, at the end): the
  `FlaskForm` classes that read a page's post, one field per input, named as the template
  names it. Apart from the shape of `SuggestForm`'s email address, they check only the CSRF
  token; the services check the values, with the messages a person reads.
  `EventFields.typed()` and `AssetFields.typed()` fill the dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field

from portal.forms import many, optional_email, text

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


class EventFields(FlaskForm):
    """Starting or changing an event (`connect/events/new`, `connect/events/<id>/edit`)."""

    title = text("Title")
    held_on = text("Date")
    venue = text("Where it is held")
    community = text("Whose community is it?")
    facilitators = text("Who is running it (optional)")
    participants = text("How many people took part")
    notes = text("Notes (optional)")

    FIELDS = ("title", "held_on", "venue", "community", "facilitators", "participants", "notes")

    @classmethod
    def shown(cls, event: Any) -> dict[str, str]:
        """What a saved event's form shows before it is changed: each field as text."""
        return {name: str(getattr(event, name) or "") for name in cls.FIELDS}

    def typed(self) -> EventForm:
        """The event as `events.save_event` takes it."""
        return EventForm(**{name: self[name].data for name in self.FIELDS})


class ChosenField(Field):
    """One value that the page may send twice, like the asset form's `listing`: the
    type-ahead's hidden input, and the radio the person picked when several listings matched.
    The first one with a value is the choice; "" when neither has one."""

    data: str

    def process_data(self, value: Any) -> None:
        self.data = str(value or "")

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = next((v.strip() for v in valuelist if v and v.strip()), "")

    def _value(self) -> str:
        return self.data


class AssetFields(FlaskForm):
    """The quick asset form on an event's or a circle's page, posted by the page or by its
    offline script (`static/js/offline-forms.js`), which sends the same fields later.

    `listing_query` is the words typed to find a listing, which the view looks up when no
    `listing` was chosen. `suggest` and `confirm_far` are read as yes or no by `typed()`
    ("1", "yes", "on", "true"), as the script and older pages send them."""

    name = text("What is it called?")
    kind = text("What kind of asset is it?")
    good = text("What is good about it?")
    not_working = text("What does not work? (optional)")
    where = text("Where is it?")
    place_name = text("Place name (if you chose one)")
    latitude = text()
    longitude = text()
    listing_query = text("Is it in the directory already? (optional)")
    listing = ChosenField()
    suggest = text("Suggest it as a new listing for the directory")
    organisation = text("If so: who runs it? (optional)")
    group_email = text("If so: their email, to invite them to complete it (optional)")
    client_token = text()
    confirm_far = text()

    def typed(self) -> AssetForm:
        """The asset as `assets.record_asset` takes it, read by the same rules as any other
        (`asset_form_from`)."""
        return asset_form_from(self.data)


class WishFields(FlaskForm):
    """What people wish there was, said at an event: posted by its page or its offline script."""

    wish = text("What do people wish there was?")
    needs = many("Which needs does it touch? (optional)")
    client_token = text()


class MapFields(FlaskForm):
    """Making or changing a community map from events (`connect/maps/new`,
    `connect/maps/<id>`)."""

    title = text("Title")
    community = text("Whose map is it?")
    description = text("About the map (optional)")
    events = many("Which events does it gather?")


class MapStateFields(FlaskForm):
    """The map page's button that publishes the map or makes it private again: `state` is
    the state it asks for ("published" or "private")."""

    state = text()


class DecisionFields(FlaskForm):
    """The two buttons by a visitor's suggestion: `decision` is "add" (put it on the map) or
    anything else (turn it down)."""

    decision = text()


class CircleFields(FlaskForm):
    """Starting a circle of support: only the connector's own reference for the person."""

    reference = text("Your reference for this person")


class ShareFields(FlaskForm):
    """Sharing a circle of support: `connector` is the account to share it with; `stop`,
    sent by a "Stop sharing" button, is the account to stop sharing it with instead."""

    connector = text("Share it with another connector")
    stop = text()


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "yes", "on", "true"}


def _chosen(values, name: str) -> str:
    """A field the page can send twice: the type-ahead's hidden input, and the radio the person
    picked when several listings matched. The one with a value is the choice."""
    sent = values.getlist(name) if hasattr(values, "getlist") else [values.get(name)]
    return next((v.strip() for v in sent if v and v.strip()), "")


def asset_form_from(values) -> AssetForm:
    """An asset's values as the services take them, from a mapping of what was sent (an
    `AssetFields`' data, or any other mapping of field names to text): the one place that
    says how "where", the listing, the yes-or-no fields and the token are read."""

    def given(name: str) -> str:
        return (values.get(name) or "").strip()

    return AssetForm(
        name=given("name"),
        kind=given("kind"),
        good=given("good"),
        not_working=given("not_working"),
        where=given("where") or "none",
        latitude=given("latitude"),
        longitude=given("longitude"),
        place_name=given("place_name"),
        listing=_chosen(values, "listing"),
        suggest=_truthy(values.get("suggest")),
        organisation=given("organisation"),
        group_email=given("group_email"),
        client_token=given("client_token")[:64],
        confirm_far=_truthy(values.get("confirm_far")),
    )


# --- A visitor's suggestion for a published map (`views.suggest`) ---------------------------


class SuggestForm(FlaskForm):
    """What a visitor says the map missed: its name and kind, what is good about it, where it
    is (a place typed, or nothing for no fixed place) and, if they like, their address."""

    name = text("What is it called?")
    kind = text("What kind of thing is it?")
    good = text("What is good about it? (optional)")
    place_name = text("Where is it? (optional)")
    email = text(
        "Your email address (optional)",
        validators=[optional_email("Enter an email address like name@example.com")],
    )

    def asset(self) -> AssetForm:
        """The asset as `suggestions.suggest_asset` takes it: placed by name when one was
        typed, else nowhere (a visitor cannot drop a pin)."""
        place_name = self.place_name.data
        return AssetForm(
            name=self.name.data,
            kind=self.kind.data,
            good=self.good.data,
            place_name=place_name,
            where="place" if place_name else "none",
        )
