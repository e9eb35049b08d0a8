"""The steps about the activity itself: what it is, who it is for, how to get in touch,
accessibility and the needs it meets.
"""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

from portal.directory.models import ServiceStatus
from portal.directory.services import term_names
from portal.directory.vocabulary import ACCESSIBILITY
from portal.listings.steps.rows import (
    MAX_NAME,
    MAX_NEEDS,
    MAX_SHORT,
    WEB_ADDRESS,
    Parsed,
    codes_in,
    too_long,
    web_address,
    whole,
)
from portal.text import MAX_TEXT, plain


def parse_about(form, data: dict) -> Parsed:
    parsed = Parsed()
    c, p = parsed.changes, parsed.problems
    c["name"] = plain(form.get("name"), MAX_NAME)
    c["description"] = plain(form.get("description"))
    c["activity_type"] = (
        form.get("activity_type")
        if form.get("activity_type") in set(term_names("activity-types"))
        else ""
    )
    c["status"] = (
        ServiceStatus.TEMPORARILY_CLOSED.value
        if form.get("status") == ServiceStatus.TEMPORARILY_CLOSED.value
        else ServiceStatus.ACTIVE.value
    )
    c["alert"] = plain(form.get("alert"), MAX_SHORT)
    if not c["name"]:
        p["name"] = "Enter the name of the activity"
    too_long(p, "name", c["name"], MAX_NAME, "Name")
    if not c["description"]:
        p["description"] = "Say what happens, in a sentence or two"
    elif len(c["description"]) < 20:
        p["description"] = "Say a little more about what happens: at least 20 characters"
    too_long(p, "description", c["description"], MAX_TEXT, "Description")
    if c["status"] == ServiceStatus.TEMPORARILY_CLOSED.value and not c["alert"]:
        p["alert"] = "Say when it will start again, or why it is closed"
    too_long(p, "alert", c["alert"], MAX_SHORT, "Reason")
    return parsed


def parse_who(form, data: dict) -> Parsed:
    parsed = Parsed()
    c, p = parsed.changes, parsed.problems
    c["audiences"] = codes_in(form, "audiences", set(term_names("audiences")))
    c["minimum_age"] = whole(form.get("minimum_age"), "minimum_age", "Youngest age", p)
    c["maximum_age"] = whole(form.get("maximum_age"), "maximum_age", "Oldest age", p)
    low, high = c["minimum_age"], c["maximum_age"]
    if low is not None and high is not None and low > high:
        p["maximum_age"] = "Oldest age must be the same as or more than the youngest age"
    return parsed


def parse_contact(form, data: dict) -> Parsed:
    parsed = Parsed()
    c, p = parsed.changes, parsed.problems
    c["contact_name"] = plain(form.get("contact_name"), 100)
    c["contact_email"] = (form.get("contact_email") or "").strip()
    c["contact_phone"] = (form.get("contact_phone") or "").strip()
    c["website"] = web_address(form.get("website"))
    if c["contact_email"]:
        try:
            c["contact_email"] = validate_email(
                c["contact_email"], check_deliverability=False
            ).normalized
        except EmailNotValidError:
            p["contact_email"] = "Enter an email address like name@example.com"
    digits = re.sub(r"[\s()-]", "", c["contact_phone"])
    if c["contact_phone"] and not re.match(r"^(\+44|0)\d{9,10}$", digits):
        p["contact_phone"] = "Enter a UK phone number, like 01344 352000 or 07700 900123"
    if c["website"] and not WEB_ADDRESS.match(c["website"]):
        p["website"] = "Enter a web address starting https://, like https://example.org"
    if not (c["contact_email"] or c["contact_phone"] or c["website"]):
        p["contact_email"] = "Give at least one way to get in touch: email, phone or website"
    return parsed


def parse_access(form, data: dict) -> Parsed:
    parsed = Parsed()
    places = [dict(place) for place in data.get("places") or []]
    for n, place in enumerate(places):
        if place.get("kind") != "online":
            place["access"] = codes_in(form, f"places-{n}-access", ACCESSIBILITY)
    parsed.changes["places"] = places
    parsed.changes["access_details"] = plain(form.get("access_details"), MAX_TEXT)
    return parsed


def parse_needs(form, data: dict) -> Parsed:
    parsed = Parsed()
    parsed.changes["needs"] = codes_in(form, "needs", set(term_names("needs")))
    if not parsed.changes["needs"]:
        parsed.problems["needs"] = "Choose at least one need it helps with"
    elif len(parsed.changes["needs"]) > MAX_NEEDS:
        parsed.problems["needs"] = f"Choose up to {MAX_NEEDS}: the ones it helps with most"
    return parsed
