"""The guided form's steps: each reads its part of a listing from a submitted form.

Every step parses what was typed into listing data (`portal.listings.data`) and says what is
wrong, field by field, in plain English; nothing is saved while anything is wrong, and the
page is shown again with what was typed. Repeating parts (sessions, places, further costs)
are rows named `sessions-0-day`, `places-1-postcode`, `costs-0-amount` and so on; "add
another" and "remove" are buttons (`action=add`, `action=remove-2`), so all of it works
without JavaScript. Each step's form class (`forms.py`) gathers what its page sent for its
reader (`parse_about` and the rest).

about.py  what it is, who it is for, contact, accessibility, needs
when.py   sessions and times
where.py  venues, meeting points, online
cost.py   costs and how to join
rows.py   limits and repeating rows, shared by the steps
forms.py  the form classes: one per step, and the draft's own
This module puts them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portal.listings.data import DAY_CODES, empty_listing
from portal.listings.steps.about import (
    parse_about,
    parse_access,
    parse_contact,
    parse_needs,
    parse_who,
)
from portal.listings.steps.cost import parse_cost
from portal.listings.steps.forms import (
    AboutForm,
    AccessForm,
    ContactForm,
    CostForm,
    DraftForm,
    NeedsForm,
    StepForm,
    WhenForm,
    WhereForm,
    WhoForm,
)
from portal.listings.steps.rows import Parsed, web_address
from portal.listings.steps.when import parse_time, parse_when, time_text
from portal.listings.steps.where import parse_where

__all__ = [
    "DAY_CODES",
    "STEPS",
    "STEP_KEYS",
    "DraftForm",
    "Parsed",
    "Step",
    "StepForm",
    "next_step",
    "parse_about",
    "parse_access",
    "parse_contact",
    "parse_cost",
    "parse_needs",
    "parse_time",
    "parse_when",
    "parse_where",
    "parse_who",
    "step",
    "still_needed",
    "time_text",
    "web_address",
]


@dataclass(frozen=True)
class Step:
    """A step: its page's form class, and the reader that turns that form's `values` into
    listing data and problems."""

    key: str
    title: str
    form: type[StepForm]
    parse: Callable[[object, dict], Parsed]


STEPS = (
    Step("about", "What it is", AboutForm, parse_about),
    Step("who", "Who it is for", WhoForm, parse_who),
    Step("when", "When it happens", WhenForm, parse_when),
    Step("where", "Where it happens", WhereForm, parse_where),
    Step("cost", "Cost and how to join", CostForm, parse_cost),
    Step("contact", "Contact details", ContactForm, parse_contact),
    Step("access", "Accessibility", AccessForm, parse_access),
    Step("needs", "Needs it helps with", NeedsForm, parse_needs),
)
STEP_KEYS = tuple(step.key for step in STEPS)


def step(key: str) -> Step | None:
    return next((s for s in STEPS if s.key == key), None)


def next_step(key: str) -> str | None:
    index = STEP_KEYS.index(key)
    return STEP_KEYS[index + 1] if index + 1 < len(STEP_KEYS) else None


def still_needed(data: dict) -> list[tuple[str, str]]:
    """(step key, what is missing) for a listing that is not ready to submit."""
    data = {**empty_listing(), **data}
    missing = []
    if not data["name"] or len(data["description"]) < 20:
        missing.append(("about", "the name and what happens"))
    if not data["sessions"] and not data["schedule_note"]:
        missing.append(("when", "when it happens"))
    if not data["places"]:
        missing.append(("where", "where it happens"))
    if data["free"] is None or not data["how_to_join"]:
        missing.append(("cost", "whether it costs anything and how people join"))
    if not (data["contact_email"] or data["contact_phone"] or data["website"]):
        missing.append(("contact", "a way to get in touch"))
    if not data["needs"]:
        missing.append(("needs", "the needs it helps with"))
    return missing
