"""A group's listing as the guided form builds it: sent for review, changed, or approved.

Steps that are not under test go through the moderation services, as the form would call them.
"""

from __future__ import annotations

from portal.directory.services import load_vocabulary
from portal.moderation import services

POSTCODE = "RG45 7AB"
POSITION = (51.3703, -0.7929)


def listing(**changes) -> dict:
    """A complete listing's data, as the guided form builds it."""
    data = {
        "name": "Knit and Natter",
        "description": "Bring your knitting for tea, biscuits and a friendly chat.",
        "activity_type": "",
        "status": "active",
        "alert": "",
        "audiences": [],
        "minimum_age": None,
        "maximum_age": None,
        "sessions": [
            {
                "pattern": "weekly",
                "day": "WE",
                "week": None,
                "date": "",
                "opens_at": "10:00",
                "closes_at": "12:00",
                "note": "",
                "valid_from": "",
                "valid_to": "",
            }
        ],
        "schedule_note": "",
        "places": [
            {
                "kind": "venue",
                "name": "Morgan Centre",
                "address_1": "Wellington Road",
                "city": "Crowthorne",
                "postcode": POSTCODE,
                "latitude": POSITION[0],
                "longitude": POSITION[1],
                "url": "",
                "access": ["step_free_access"],
            }
        ],
        "access_details": "",
        "free": True,
        "cost_amount": "",
        "cost_notes": "",
        "how_to_join": "turn_up",
        "join_details": "",
        "contact_name": "Gwen Group",
        "contact_email": "knit@example.org",
        "contact_phone": "",
        "website": "",
        "needs": ["loneliness-and-company"],
    }
    return {**data, **changes}


def submitted_listing(member, org, **changes):
    """A new listing the group has written and sent for review."""
    load_vocabulary()
    revision = services.start_listing(member, org)
    services.save_step(revision, "about", listing(**changes))
    services.submit(revision, member)
    return revision


def submitted_edit(member, service, **changes):
    """The group's changes to a live listing, sent for review."""
    revision = services.start_edit(member, service)
    services.save_step(revision, "about", changes)
    services.submit(revision, member)
    return revision


def live_listing(member, org, editor, **changes):
    """A listing the group wrote and the directory team approved: live and searchable."""
    return services.approve(submitted_listing(member, org, **changes), editor)
