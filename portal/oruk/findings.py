"""What a dry run's report says about one record beyond its own problems: what the public page
would lack, which of our listings it may duplicate, and the warnings the importer adds (no
`assured_date`, records it could not identify or was not sent)."""

from __future__ import annotations

from portal.listings.duplicates import similar_listings
from portal.listings.wording import place_text
from portal.oruk.incoming import Incoming, Problem
from portal.oruk.report import MISSING_CONTACT, MISSING_NEED, MISSING_PLACE, Report

ASSURED_FIELD = "assured_date"

UNIDENTIFIED = Problem(
    "",
    "id",
    "Some records could not be read, so we cannot tell which listings left the feed: "
    "nothing is withdrawn this time.",
    "warning",
)
MISSED = (
    "The feed lists this record but did not send it among those changed since our last pull, "
    "and we do not show it (it was never taken in, or had left the feed). A full pull reads "
    "it: flask oruk import <the feed's address> --full."
)


def no_assured_date(incoming: Incoming) -> Problem:
    counted = "the day it was last modified" if incoming.last_modified else "the day we read it"
    return Problem(
        incoming.external_id,
        ASSURED_FIELD,
        f"It does not say when it was last checked, so we count it as checked on {counted}.",
        "warning",
    )


def missing_for_public_page(listing: dict) -> list[str]:
    """What the public page needs that a listing lacks, in plain English."""
    places = listing.get("places") or []
    missing = []
    if not any(
        p.get("kind") == "online" or p.get("address_1") or p.get("postcode") for p in places
    ):
        missing.append(MISSING_PLACE)
    if not listing.get("needs"):
        missing.append(MISSING_NEED)
    ways = ["contact_email", "contact_phone", "website", "join_details"]
    if not any(listing.get(key) for key in ways) and not any(p.get("url") for p in places):
        missing.append(MISSING_CONTACT)
    return missing


def note_incomplete(report: Report, incoming: Incoming) -> None:
    missing = missing_for_public_page(incoming.listing)
    if missing:
        report.incomplete.append(
            {"record_id": incoming.external_id, "name": incoming.name, "missing": missing}
        )


def note_duplicates(report: Report, incoming: Incoming) -> None:
    """Our public listings that look like this new one (similar name, near the same place)."""
    places = incoming.listing.get("places") or []
    place = next((p for p in places if p.get("kind") != "online"), None)
    for service, _km in similar_listings(incoming.listing):
        report.duplicates.append(
            {
                "record_id": incoming.external_id,
                "name": incoming.name,
                "place": place_text(place) if place else "",
                "service_id": str(service.id),
                "service_name": service.name,
            }
        )
