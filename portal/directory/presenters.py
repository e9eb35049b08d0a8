"""What templates need to show a listing in plain English (dates, times, costs, places)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from flask import current_app

from portal.directory import schedules as schedule_text
from portal.directory.models import Location, Service, ServiceStatus
from portal.directory.vocabulary import ACCESSIBILITY
from portal.geo import postcode_district
from portal.validation import moment_text


def today() -> date:
    return date.today()


def money(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    return f"£{amount:,.0f}" if amount == amount.to_integral() else f"£{amount:,.2f}"


def cost_summary(service: Service) -> str:
    """'Free', '£3' or '£3 to £5' — what a resident checks first."""
    amounts = sorted(o.amount for o in service.cost_options if o.amount)
    if not amounts:
        return "Free"
    if amounts[0] == amounts[-1]:
        return money(amounts[0])
    return f"{money(amounts[0])} to {money(amounts[-1])}"


COST_LABEL = "Per session"  # what a cost is for when the group does not say
_FREE = re.compile(r"^(it is |it's |its )?(free|no charge|no cost)\b", re.IGNORECASE)


def _said(text: str) -> str:
    """Text as compared for repeats: lower case, letters and digits only."""
    return " ".join(re.sub(r"[^a-z0-9£.]+", " ", text.lower()).replace(". ", " ").split())


def says_first(detail: str | None, fact: str) -> bool:
    """Whether `detail` starts by saying `fact` ("Just turn up; doors open..." and "Just turn
    up"), so the fact need not be said before it."""
    said, fact = _said(detail or ""), _said(fact).rstrip(".")
    return bool(fact) and (said == fact or said.startswith((fact + " ", fact + ".")))


def free_text(note: str | None) -> str:
    """'Free', or the group's own words when they say it is free ('Free of charge.'), else
    'Free' with them ('Free. Donations welcome.'): free is said once."""
    note = (note or "").strip()
    if not note:
        return "Free"
    return note if _FREE.match(note) else f"Free. {note}"


def cost_option_text(label: str | None, amount: Decimal | None, notes: str | None, named: bool):
    """One cost in words: '£2 (includes tea)', 'Annual membership: £10 (a year)'; notes that
    already give the amount replace it ('Per walk: £1.50 each time'), so it is said once."""
    notes = (notes or "").strip()
    price = money(amount) if amount else ""
    if notes and price and (price in notes or f"£{amount:,.2f}" in notes):
        text = notes
    elif price:
        text = price + (f" ({notes})" if notes else "")
    else:
        text = notes or "ask the organiser"
    return f"{label or COST_LABEL}: {text}" if named else text


def cost_texts(options: Iterable[tuple[str | None, Decimal | None, str | None]]) -> list[str]:
    """Each cost (label, amount, notes) in words, labelled when there are several or the
    label says more than the usual 'Per session'."""
    rows = list(options)
    named = len(rows) > 1 or any((label or COST_LABEL) != COST_LABEL for label, *_ in rows)
    return [cost_option_text(label, amount, notes, named) for label, amount, notes in rows]


def cost_lines(service: Service) -> list[str]:
    """What the listing page says about cost: every cost option with its amount and note, or
    that it is free (once); the listing's general note about fees follows when it adds to it."""
    options = [o for o in service.cost_options if o.amount or o.option or o.amount_description]
    if not any(o.amount for o in options):
        return [free_text(service.fees_description)]
    lines = cost_texts((o.option, o.amount, o.amount_description) for o in options)
    return lines + ([service.fees_description] if service.fees_description else [])


def join_text(label: str, details: str | None) -> str:
    """'Book first. Ring Sue', or only the details when they start by saying the label."""
    details = (details or "").strip()
    if not details:
        return label
    return details if says_first(details, label) else f"{label}. {details}"


def unrepeated(parts: Iterable[str | None]) -> list[str]:
    """Address parts without empty ones or one said already ('Binfield, Binfield')."""
    kept: list[str] = []
    for part in parts:
        if part and _said(part) not in {_said(k) for k in kept}:
            kept.append(part)
    return kept


def next_session_text(service: Service) -> str | None:
    """'Next: Tuesday 1 December 2026, 10am' or None when no upcoming session is known."""
    if service.status is ServiceStatus.TEMPORARILY_CLOSED:
        return None
    found = schedule_text.next_session(service.schedules, today())
    if not found:
        return None
    day, schedule = found
    when = "Today" if day == today() else schedule_text.format_date(day)
    if schedule.opens_at:
        when += f", {schedule_text.format_time(schedule.opens_at)}"
    return when


def age_text(service: Service) -> str | None:
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None:
        return f"Ages {low} to {high}"
    if low is not None:
        return f"Ages {low} and over"
    if high is not None:
        return f"Ages up to {high}"
    return None


def place_text(location: Location) -> str:
    """One line for a result list; a masked home address shows only town and district."""
    if location.location_type.value == "virtual":
        return location.name or "Online"
    if location.mask_address:
        return ", ".join(unrepeated([location.city, postcode_district(location.postal_code)]))
    return ", ".join(unrepeated([location.name, location.city]))


def address_lines(location: Location) -> list[str]:
    if location.mask_address:
        district = postcode_district(location.postal_code)
        return [f"In {location.city} ({district})", "Full address given when you get in touch"]
    return unrepeated([location.name, location.address_1, location.city, location.postal_code])


def accessibility_label(code: str) -> str:
    return ACCESSIBILITY.get(code, code.replace("_", " ").capitalize())


def is_stale(service: Service) -> bool:
    limit = current_app.config["PORTAL_STALE_AFTER_DAYS"]
    return service.last_reviewed is None or (today() - service.last_reviewed).days > limit


def form_errors(form, extra: dict[str, str] | None = None) -> dict[str, str]:
    """A form's first message per field, in field order, for the GOV.UK error summary (the
    CSRF token's own error is shown by the CSRF error page, not here); `extra` adds
    messages from the services (`ValidationFailed`)."""
    found = {
        name: messages[0]
        for name, messages in (form.errors or {}).items()
        if name != "csrf_token" and messages
    }
    for name, message in (extra or {}).items():
        found.setdefault(name, message)
    return found


def people_choices(people, with_email: bool = False) -> list[tuple[str, str]]:
    """People as a select's options (the `select` form macro): their id, and their name (with
    their address, where two people might share a name)."""
    return [
        (str(person.id), f"{person.name} ({person.email})" if with_email else person.name)
        for person in people
    ]


def template_globals() -> dict[str, Any]:
    return {
        "form_errors": form_errors,
        "people_choices": people_choices,
        "cost_summary": cost_summary,
        "cost_lines": cost_lines,
        "join_text": join_text,
        "next_session_text": next_session_text,
        "age_text": age_text,
        "place_text": place_text,
        "address_lines": address_lines,
        "accessibility_label": accessibility_label,
        "describe_schedule": schedule_text.describe,
        "is_stale": is_stale,
        "inf": float("inf"),
    }


def miles(km: float) -> str:
    """Distances for UK readers: '0.4 miles away', '3 miles away'."""
    value = km / 1.609344
    if value < 0.1:
        return "less than 0.1 miles away"
    text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
    return f"{text} {'mile' if text == '1.0' else 'miles'} away"


def template_filters() -> dict[str, Any]:
    return {
        "miles": miles,
        "long_date": schedule_text.format_date,
        "money": money,
        "clock": schedule_text.format_time,
        "moment": moment_text,
    }


#: A home's position is shown and published to this many decimal places of a degree: about a
#: kilometre, where a home is but never which house.
HOME_DECIMALS = 2


class Positioned(Protocol):
    """A location, or a summary of one: where it is, and whether it is someone's home."""

    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...
    @property
    def mask_address(self) -> bool: ...


def blurred(latitude: float, longitude: float, is_home: bool) -> tuple[float, float]:
    """A position as anyone outside the group may see it: a home's rounded, a venue's exact."""
    if is_home:
        return round(latitude, HOME_DECIMALS), round(longitude, HOME_DECIMALS)
    return latitude, longitude


def public_position(location: Positioned) -> tuple[float, float] | None:
    """Where a map, or the open data, may put this location: the one rule for blurring a home
    address (`blurred`), used by the listing and search pages and the ORUK API alike."""
    if location.latitude is None or location.longitude is None:
        return None
    return blurred(location.latitude, location.longitude, location.mask_address)
