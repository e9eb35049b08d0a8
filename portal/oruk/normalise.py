"""One ORUK 3.0 service record, as read from a feed, becomes an `Incoming`: our listing data
(`portal.listings.data` keys), its organisation, its taxonomy terms and every problem found.

It follows the record contract the API publishes (so our own export imports back unchanged)
and reads anything else as ORUK/HSDS 3.0 defines it; fields we do not use are ignored. It
never raises: a record that is not an object, has no id or name, a name over 255 characters
or a status outside the ORUK list gets an error (it is not imported); anything else wrong
gets a warning saying what was left out. A last check against the ORUK schema (types and
allowed values only) adds a warning for anything the readers did not already report.

Costs: an option with an amount above 0 makes the listing paid (the first such is the main
cost, the other options follow in order as `more_costs`); otherwise options with amount 0,
or saying "free", make it free; with no cost options at all it is not known (`free` None).

How people join: ORUK has no field for it, so `application_process` carries it as "<label>.
<details>", the label being "Just turn up", "Book first" or "Referral needed". A leading
label (any case, with or without its full stop) is read back into `how_to_join` and the rest
into `join_details`. Text without a label is kept whole as `join_details`, and `how_to_join`
is "referral" when it mentions a referral (referral, referred), else "book"; with no text at
all it is "turn_up".
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from portal.directory.models import HowToJoin, ServiceStatus
from portal.directory.presenters import COST_LABEL
from portal.listings.data import empty_listing
from portal.oruk.fields import Fields, join_path, kind_of, quoted
from portal.oruk.incoming import Incoming, Problem, SourceTerm
from portal.oruk.locations import read_places
from portal.oruk.schedules import read_sessions
from portal.oruk.terms import apply_terms, read_terms

#: (taxonomy slug, our code); () = left out on purpose; None = not mapped.
TermChoice = tuple[str, str] | tuple[()] | None

NAME_LIMIT = 255
ID_LIMIT = 255
ROW_LIMIT = 50  # cost options kept from one record (our form offers 10)
DEPTH_LIMIT = 64  # no ORUK record nests more than about ten levels
STATUSES = {status.value for status in ServiceStatus}
SCHEMA = Path(__file__).with_name("service_types.json")
_FREE = re.compile(r"\b(free|no charge|no cost)\b", re.IGNORECASE)
_REFERRAL = re.compile(r"\brefer(ral|rals|red)\b", re.IGNORECASE)


def fingerprint(raw: dict) -> str:
    """sha256 (hex) of the record as canonical JSON (sorted keys, no spaces), which tells an
    unchanged record on the next pull."""
    try:
        text = json.dumps(
            raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
        )
    except (RecursionError, ValueError, TypeError):  # too deep, or not from JSON: never imported
        text = repr(type(raw)) + str(_depth(raw))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _depth(value: object, limit: int = DEPTH_LIMIT + 1) -> int:
    """How deeply `value` nests (counted without recursion, stopping past `limit`)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > limit:
            return level
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def _blank(record_id: str, raw: object) -> Incoming:
    return Incoming(
        external_id=record_id,
        name="",
        organisation={"external_id": "", "name": "", "description": "", "email": "", "website": ""},
        listing=empty_listing(),
        fingerprint=fingerprint(raw) if isinstance(raw, dict) else "",
    )


def normalise(raw: dict, mapper: Callable[[SourceTerm], TermChoice]) -> Incoming:
    """Read one service record (see the module docstring); never raises on bad data."""
    if not isinstance(raw, dict):
        incoming = _blank("", raw)
        reason = f"The record is {kind_of(raw)}, not an object, so it could not be read."
        incoming.problems = [Problem("", "", reason, "error")]
        return incoming
    fields = Fields("")
    record_id = _identity(fields, raw)
    fields.record_id = record_id
    incoming = _blank(record_id, raw)
    if _depth(raw) > DEPTH_LIMIT:
        fields.error("", f"The record nests more than {DEPTH_LIMIT} levels deep; it was not read.")
        incoming.problems = _with_id(fields, record_id)
        return incoming
    _read_service(fields, raw, incoming, mapper)
    _schema_warnings(fields, raw)
    incoming.problems = _with_id(fields, record_id)
    return incoming


def _with_id(fields: Fields, record_id: str) -> list[Problem]:
    """The problems, each with the record's id (found after some were reported)."""
    return [replace(p, record_id=record_id) for p in fields.finished()]


def _identity(fields: Fields, raw: dict) -> str:
    record_id = fields.identifier(raw.get("id"), "id", "The id")
    if not record_id:
        fields.error("id", "The record has no id, so it cannot be imported or updated later.")
    elif len(record_id) > ID_LIMIT:
        fields.error("id", f"The id is longer than {ID_LIMIT} characters; it was not imported.")
        return record_id[:ID_LIMIT]
    return record_id


def _name(fields: Fields, raw: dict) -> str:
    value = raw.get("name")
    if value is not None and not isinstance(value, str):
        fields.error("name", f"The name should be text but is {kind_of(value)}.")
        return ""
    name = (value or "").replace("\x00", "").strip()
    if not name:
        fields.error("name", "The record has no name.")
    elif len(name) > NAME_LIMIT:
        fields.error("name", f"The name is {len(name):,} characters long; ours hold {NAME_LIMIT}.")
    return name


def _status(fields: Fields, raw: dict) -> str:
    value = raw.get("status")
    status = value.strip().lower() if isinstance(value, str) else ""
    if status in STATUSES:
        if status != value:
            fields.warn("status", f"The status {quoted(value)} should be “{status}”; read as such.")
        return status
    allowed = ", ".join(sorted(STATUSES))
    shown = "no status" if value in (None, "") else f"the status {quoted(value)}"
    fields.error("status", f"The record has {shown}; it must be one of: {allowed}.")
    return ServiceStatus.ACTIVE.value


def _read_service(fields: Fields, raw: dict, incoming: Incoming, mapper: Callable) -> None:
    incoming.name = _name(fields, raw)
    incoming.status = _status(fields, raw)
    incoming.assured_date = fields.day(
        raw.get("assured_date"), "assured_date", "The date it was last checked (assured_date)"
    )
    incoming.last_modified = fields.moment(
        raw.get("last_modified"), "last_modified", "The date it was last changed (last_modified)"
    )
    incoming.organisation = _organisation(fields, raw)
    listing = incoming.listing
    listing.update(name=incoming.name, status=incoming.status)
    listing["description"] = fields.text(raw.get("description"), "description", "The description")
    listing["alert"] = fields.text(raw.get("alert"), "alert", "The alert")
    listing["website"] = fields.url(raw.get("url"), "url")
    listing.update(_ages(fields, raw))
    schedules = fields.items(raw.get("schedules"), "schedules", "The schedules")
    links = fields.items(raw.get("service_at_locations"), "service_at_locations", "The locations")
    for path, link in links:  # HSDS 3 feeds may hang schedules on the service at a location
        schedules += fields.items(link.get("schedules"), f"{path}.schedules", "The schedules")
    listing["sessions"], notes = read_sessions(fields, schedules)
    listing["schedule_note"] = "; ".join(notes)
    listing["places"], listing["access_details"] = read_places(fields, links)
    listing.update(_costs(fields, raw))
    listing.update(_contact(fields, raw))
    listing.update(_joining(fields, raw))
    incoming.terms = read_terms(fields, raw)
    incoming.unmapped = apply_terms(fields, listing, incoming.terms, mapper)


def _ages(fields: Fields, raw: dict) -> dict:
    ages = {}
    for key in ("minimum_age", "maximum_age"):
        age = fields.whole(raw.get(key), key, "The " + key.replace("_", " "))
        if age is not None and not 0 <= age <= 150:
            fields.warn(key, f"The {key.replace('_', ' ')} {age} is not an age; it was left out.")
            age = None
        ages[key] = age
    low, high = ages["minimum_age"], ages["maximum_age"]
    if low is not None and high is not None and low > high:
        fields.warn(
            "minimum_age",
            f"The minimum age {low} is above the maximum age {high}; both were left out.",
        )
        return {"minimum_age": None, "maximum_age": None}
    return ages


def _organisation(fields: Fields, raw: dict) -> dict:
    org = fields.obj(raw.get("organization"), "organization", "The organisation")
    given_id = fields.identifier(raw.get("organization_id"), "organization_id", "organization_id")
    if org is None:
        if given_id:
            reason = (
                f"The record names its organisation (id {quoted(given_id)}) but does not include "
                "it, so the organisation's name is not known."
            )
        else:
            reason = "The record does not say which organisation runs it."
        if not fields.reported("organization"):
            fields.warn("organization", reason)
        return {"external_id": given_id, "name": "", "description": "", "email": "", "website": ""}
    name = fields.text(org.get("name"), "organization.name", "The organisation's name")
    if not name and not fields.reported("organization.name"):
        fields.warn("organization.name", "The organisation has no name.")
    if len(name) > NAME_LIMIT:
        fields.error(
            "organization.name",
            f"The organisation's name is {len(name):,} characters long; ours hold {NAME_LIMIT}.",
        )
    description = fields.text(org.get("description"), "organization.description", "It")
    external_id = fields.identifier(org.get("id"), "organization.id", "The id") or given_id
    if not external_id and not fields.reported("organization.id"):
        fields.warn("organization.id", "The organisation has no id.")
    return {
        "external_id": external_id,
        "name": name[:NAME_LIMIT],
        # we publish the name as the description when there is none (it is required)
        "description": "" if description == name else description,
        "email": fields.email(org.get("email"), "organization.email"),
        "website": fields.url(org.get("website"), "organization.website"),
    }


def _money_text(amount) -> str:
    return f"{amount:.2f}" if amount else ""


def _costs(fields: Fields, raw: dict) -> dict:
    fees = fields.text(raw.get("fees_description"), "fees_description", "The fees") or fields.text(
        raw.get("fees"), "fees", "The fees"
    )
    options = []
    for path, option in fields.items(raw.get("cost_options"), "cost_options", "Cost options"):
        amount = fields.money(option.get("amount"), f"{path}.amount", "The amount")
        currency = fields.text(option.get("currency"), f"{path}.currency", "The currency")
        if amount is not None and currency.upper() not in ("", "GBP"):
            fields.warn(
                f"{path}.currency",
                f"The amount is in {quoted(currency)}, not pounds; it was left out.",
            )
            amount = None
        label = fields.text(option.get("option"), f"{path}.option", "The cost's label", 255)
        notes = fields.text(option.get("amount_description"), f"{path}.amount_description", "It")
        if amount is not None or label or notes:
            options.append({"label": label, "amount": amount, "notes": notes})
    if len(options) > ROW_LIMIT:
        fields.warn(
            "cost_options", f"It has {len(options):,} costs; only the first {ROW_LIMIT} were kept."
        )
        options = options[:ROW_LIMIT]
    paid = [o for o in options if o["amount"]]
    if paid:
        main = paid[0]
        return {
            "free": False,
            "cost_label": main["label"] or COST_LABEL,
            "cost_amount": _money_text(main["amount"]),
            "cost_notes": main["notes"] or fees,
            "more_costs": [
                {"label": o["label"], "amount": _money_text(o["amount"]), "notes": o["notes"]}
                for o in options
                if o is not main
            ],
        }
    says_free = any(
        o["amount"] == 0 or _FREE.search(o["label"]) or _FREE.search(o["notes"]) for o in options
    )
    words = [": ".join(w for w in (o["label"], o["notes"]) if w) for o in options]
    notes = fees or "; ".join(w for w in words if not _FREE.fullmatch(w))
    return {"free": True if says_free else None, "cost_notes": notes}


def _phone(fields: Fields, phones: object, path: str) -> str:
    for phone_path, phone in fields.items(phones, path, "The phones"):
        number = fields.text(phone.get("number"), f"{phone_path}.number", "The phone number")
        number = number.strip("\"' ")
        if len(number) > 50:
            fields.warn(f"{phone_path}.number", "The phone number is too long; it was left out.")
        elif number:
            return number
    return ""


def _contact(fields: Fields, raw: dict) -> dict:
    contacts = fields.items(raw.get("contacts"), "contacts", "The contacts")
    path, contact = contacts[0] if contacts else ("contacts[0]", {})
    email = fields.email(contact.get("email"), f"{path}.email")
    return {
        "contact_name": fields.text(contact.get("name"), f"{path}.name", "The contact's name", 255),
        "contact_email": email or fields.email(raw.get("email"), "email"),
        "contact_phone": _phone(fields, contact.get("phones"), f"{path}.phones")
        or _phone(fields, raw.get("phones"), "phones"),
    }


def _joining(fields: Fields, raw: dict) -> dict:
    text = fields.text(raw.get("application_process"), "application_process", "How to join")
    for choice in HowToJoin:
        label = choice.label
        if text.casefold().startswith(label.casefold()):
            rest = text[len(label) :]
            if not rest or rest[0] in ".:;,!\n-–":
                return {"how_to_join": choice.value, "join_details": rest.lstrip(".:;,!-– \n")}
    if not text:
        return {"how_to_join": HowToJoin.TURN_UP.value, "join_details": ""}
    choice = HowToJoin.REFERRAL if _REFERRAL.search(text) else HowToJoin.BOOK
    return {"how_to_join": choice.value, "join_details": text}


# --- the schema check -----------------------------------------------------------------------


@cache
def _validator() -> Draft202012Validator:
    """The ORUK 3.0 service schema reduced to types and allowed values (`service_types.json`,
    made from ORUK's compiled service schema; a test keeps it in step)."""
    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _without_nulls(value: object) -> object:
    """The record without null values: a feed may send null for an empty field."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value if v is not None]
    return value


def _schema_warnings(fields: Fields, raw: dict) -> None:
    for error in _validator().iter_errors(_without_nulls(raw)):
        path = ""
        for key in error.absolute_path:
            path = join_path(path, key)
        if error.validator not in ("type", "enum") or not path or _accepted(error, path):
            continue
        if fields.reported(path):
            continue
        if error.validator == "enum":
            allowed = ", ".join(str(v) for v in error.validator_value)
            reason = f"{quoted(error.instance)} is not one of: {allowed}; it was not used."
        else:
            wanted = _EXPECTED.get(str(error.validator_value), str(error.validator_value))
            reason = (
                f"Open Referral UK expects {wanted} here, but the record gives "
                f"{kind_of(error.instance)}; it was not used."
            )
        fields.warn(path, reason)


_EXPECTED = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "array": "a list",
    "object": "an object",
    "boolean": "true or false",
}


def _accepted(error, path: str) -> bool:
    """Differences from the ORUK schema that HSDS 3.0 and our record contract allow: a
    whole number as an id, and a taxonomy term's taxonomy as an object."""
    key = path.rsplit(".", 1)[-1]
    if isinstance(error.instance, int) and (key == "id" or key.endswith("_id")):
        return error.validator == "type" and not isinstance(error.instance, bool)
    return path.endswith("taxonomy_term.taxonomy") and isinstance(error.instance, dict)
