"""ORUK field values as we publish them: web and e-mail addresses we can stand behind, derived
ids for records without a row of their own, and dates and times.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, time

from portal.links import absolute_url

_WEB = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$", re.IGNORECASE)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


PageUrl = Callable[[uuid.UUID | str], str]


def organisation_pages() -> PageUrl:
    """id -> the organisation's page on this portal (its ORUK `uri`), from PORTAL_BASE_URL."""
    template = absolute_url("directory.organisation", organisation_id="ORGANISATION-ID")
    return lambda organisation_id: template.replace("ORGANISATION-ID", str(organisation_id))


def compact(record: dict) -> dict:
    """The record without empty optional fields (None, "" and []); 0 and False stay."""
    return {k: v for k, v in record.items() if v is not None and v != "" and v != []}


def derived_id(parent: uuid.UUID, what: str) -> str:
    """A stable id for a record we publish without a row of its own (a free cost option, an
    address): the same parent always gives the same id."""
    return str(uuid.uuid5(uuid.UUID(str(parent)), what))


def web_address(value: str | None) -> str | None:
    """A web address we can publish as a URI, else nothing (a typed 'www.x' is left out)."""
    text = (value or "").strip()
    return text if _WEB.match(text) else None


def email_address(value: str | None) -> str | None:
    """An e-mail address we can publish, else nothing."""
    text = (value or "").strip()
    return text if _EMAIL.match(text) else None


def day_text(value: date | None) -> str | None:
    """A date as ORUK writes it (ISO 8601), or nothing."""
    return value.isoformat() if value else None


def clock_text(value: time | None) -> str | None:
    """A time of day as ORUK writes it (HH:MM), or nothing."""
    return value.strftime("%H:%M") if value else None
