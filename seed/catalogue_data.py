"""The demo catalogue's words and numbers, read from the YAML and CSV files in seed/data.

They live in data files so that adding a venue, an organisation or a kind of activity is an
edit to a list rather than to the generator (seed/catalogue.py). This module turns the files back
into the tuples and `Tpl` records the generator works with, once, when it is first imported.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("data")
WEEKDAYS = "MO TU WE TH FR"


@dataclass(frozen=True)
class Tpl:
    """An activity template; instantiated once per service, with optional per-service overrides.

    Text placeholders: {place} {venue} {day} {when} {at} {org}. ``costs`` entries are
    (option, amount or "a|b|c" alternatives, description with {amount}). ``sched`` lists the
    schedule shapes to choose from: weekly, fortnightly, monthly, oneoff, none, twice (two
    weekly sessions) and plus (weekly, plus a one-off seasonal event).
    """

    id: str
    names: tuple[str, ...]
    texts: tuple[str, ...]
    needs: tuple[str, ...]
    types: tuple[str, ...]
    audiences: tuple[str, ...] = ()
    ages: tuple[int | None, int | None] = (None, None)
    elig: str | None = None
    join: str = "turn_up"
    costs: tuple[tuple[str, str, str], ...] = ()
    fees: str | None = None
    sched: tuple[str, ...] = ("weekly",)
    days: str = WEEKDAYS
    times: tuple[str, ...] = ("10:00-12:00",)
    kinds: tuple[str, ...] = ("hall",)
    where: str = "venue"
    title: str = "Group organiser"
    langs: tuple[str, ...] = ("English",)
    how: tuple[str, ...] = ()
    note: str | None = None


def slugify(text: str) -> str:
    """A name as a key or URL part; organisations.yaml names venues by their slugified name."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("&", " and ").replace("+", " plus ")
    text = re.sub(r"['’]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _yaml(name: str):
    with (DATA / name).open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _fields(record: dict) -> dict:
    """Template fields as `Tpl` holds them: YAML lists become tuples, and costs triples."""
    fields = {
        key: tuple(value) if isinstance(value, list) else value for key, value in record.items()
    }
    if "costs" in record:
        fields["costs"] = tuple(
            (cost["option"], str(cost["amount"]), cost["description"]) for cost in record["costs"]
        )
    return fields


def _service(entry: str | dict) -> str | tuple:
    """A template id, (id, place) or (id, place, overrides), as the generator takes a service."""
    if isinstance(entry, str):
        return entry
    overrides = dict(entry)
    template, place = overrides.pop("template"), overrides.pop("place")
    return (template, place, _fields(overrides)) if overrides else (template, place)


def _organisation(entry: dict) -> tuple:
    services = [_service(service) for service in entry["services"]]
    return (entry["name"], entry["type"], entry["home"], entry["description"], services)


def _local_branches(family: dict) -> list[tuple]:
    """One organisation a place for a family of local groups sharing a name and description."""
    return [
        (
            family["name"].format(place=place),
            family["type"],
            place,
            family["description"].format(place=place),
            list(services),
        )
        for place, services in family["places"].items()
    ]


def _venue(row: dict[str, str]) -> tuple[str, str, str, str, tuple[int, int] | None]:
    """(name, street, place, kinds, optional (north_m, east_m) from the place centre)."""
    offset = (int(row["north_m"]), int(row["east_m"])) if row["north_m"] else None
    return (row["name"], row["street"], row["place"], row["kinds"], offset)


_vocabulary = _yaml("vocabulary.yaml")
NEEDS: tuple[str, ...] = tuple(_vocabulary["needs"])
AUDIENCES: tuple[str, ...] = tuple(_vocabulary["audiences"])
ACTIVITY_TYPES: tuple[str, ...] = tuple(_vocabulary["activity_types"])
ORGANISATION_TYPES: tuple[str, ...] = tuple(_vocabulary["organisation_types"])
ACCESSIBILITY: tuple[str, ...] = tuple(_vocabulary["accessibility"])
JOIN_METHODS: tuple[str, ...] = tuple(_vocabulary["join_methods"])
STATUSES: tuple[str, ...] = tuple(_vocabulary["statuses"])

TEMPLATES: dict[str, Tpl] = {
    record["id"]: Tpl(**_fields(record))
    for group in _yaml("templates.yaml").values()
    for record in group
}

_organisations = _yaml("organisations.yaml")
ORGS: list[tuple] = [
    *(_organisation(entry) for entry in _organisations["organisations"]),
    *_local_branches(_organisations["community_associations"]),
    *_local_branches(_organisations["mens_sheds"]),
    *(_organisation(entry) for entry in _organisations["small_groups"]),
]

VENUES: list[tuple[str, str, str, str, tuple[int, int] | None]] = [
    _venue(row) for row in _csv("venues.csv")
]
# Chance (in tenths) of each ACCESSIBILITY code, by a venue's first-listed kind.
ACCESS_PROFILES: dict[str, tuple[int, ...]] = {
    row["kind"]: tuple(int(row[code]) for code in ACCESSIBILITY)
    for row in _csv("access_profiles.csv")
}

_people = _yaml("people.yaml")
FIRST_NAMES: tuple[str, ...] = tuple(_people["first_names"])
LAST_NAMES: tuple[str, ...] = tuple(_people["last_names"])
COMMUNITY_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    language: (tuple(names["first"]), tuple(names["last"]))
    for language, names in _people["community_names"].items()
}
EXTRA_LANGUAGES: tuple[tuple[str, float], ...] = tuple(_people["extra_languages"].items())
NEPALI_AREAS: set[str] = set(_people["nepali_areas"])

_wording = _yaml("wording.yaml")
HOW_TO_JOIN: dict[str, tuple[str, ...]] = {
    join: tuple(lines) for join, lines in _wording["how_to_join"].items()
}
WHEN_LINES: tuple[str, ...] = tuple(_wording["when_lines"])
CLOSING_LINES: dict[str, str] = _wording["closing_lines"]
CLOSED_ALERTS_VENUE: tuple[str, ...] = tuple(_wording["closed_alerts"]["venue"])
CLOSED_ALERTS_OTHER: tuple[str, ...] = tuple(_wording["closed_alerts"]["other"])
# One-off seasonal events keyed by month: used for "plus" schedules and community lunches.
SEASONAL_EVENTS: dict[int, tuple[str, ...]] = {
    month: tuple(events) for month, events in _wording["seasonal_events"].items()
}
ONLINE_PLATFORMS: tuple[str, ...] = tuple(_wording["online_platforms"])
