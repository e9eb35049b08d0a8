"""What templates need to show a listing in plain English (dates, times, costs, places)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

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
        return ", ".join(filter(None, [location.city, postcode_district(location.postal_code)]))
    return ", ".join(filter(None, [location.name, location.city]))


def address_lines(location: Location) -> list[str]:
    if location.mask_address:
        district = postcode_district(location.postal_code)
        return [f"In {location.city} ({district})", "Full address given when you get in touch"]
    parts = [location.name, location.address_1, location.city, location.postal_code]
    return [p for p in parts if p]


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


def template_globals() -> dict[str, Any]:
    return {
        "form_errors": form_errors,
        "cost_summary": cost_summary,
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


def public_position(location: Location) -> tuple[float, float] | None:
    """Where a map may put this location: a home address is blurred to about a kilometre."""
    if location.latitude is None or location.longitude is None:
        return None
    if location.mask_address:
        return round(location.latitude, 2), round(location.longitude, 2)
    return location.latitude, location.longitude
