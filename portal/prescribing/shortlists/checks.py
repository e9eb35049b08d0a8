"""What a shortlist may hold, and what it remembers about each activity (pure functions).

A shortlist is handed over, shared by link and sent on, so it must never say who it is for:
`identifier_problem` spots the personal identifiers people are most likely to type (an e-mail
address, a UK phone number, an NHS number, a date of birth). `facts` is what an item's
snapshot keeps, so `changed_facts` can say what differs since it was added.
"""

from __future__ import annotations

import re
from datetime import date

from portal.directory.models import LocationType, Service, ServiceStatus
from portal.directory.presenters import address_lines, cost_summary
from portal.directory.schedules import describe

_EMAIL = re.compile(r"[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}", re.IGNORECASE)
# A run of digits with up to two separators between them: "07700 900123", "(01344) 352000".
_DIGIT_RUN = re.compile(r"\+?\d(?:[\s().-]{0,2}\d)*")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_WORDY_DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r")[a-z]*\.?,?\s+(\d{4})\b",
    re.IGNORECASE,
)

_WHY = "the list may be shared, so it must not say who it is for"
MESSAGES = {
    "email": f"Leave out email addresses: {_WHY}",
    "phone": f"Leave out phone numbers: {_WHY}",
    "nhs": f"Leave out NHS numbers and other reference numbers: {_WHY}",
    "birth": f"Leave out dates of birth: {_WHY}",
}

#: Snapshot keys and how the list names them when they change.
FACT_LABELS = {
    "name": "name",
    "when": "times",
    "where": "place",
    "cost": "cost",
    "how_to_join": "how to join",
    "contact": "contact details",
    "status": "open or closed",
}


def _phone_or_nhs(text: str) -> str | None:
    for run in _DIGIT_RUN.finditer(text):
        digits = re.sub(r"\D", "", run.group())
        if run.group().startswith("+44") and len(digits) in (11, 12):
            return "phone"
        if digits.startswith("0") and len(digits) in (10, 11):
            return "phone"
        if len(digits) == 10:
            return "nhs"
    return None


def _year(text: str, today: date) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= today.year % 100 + 1 else 1900
    return year


def _is_past(year: int, month: int, day: int, today: date) -> bool:
    try:
        return date(year, month, day) < today
    except ValueError:  # not a real date: judge by the year alone
        return year < today.year


def _date_of_birth(text: str, today: date) -> bool:
    for found in _NUMERIC_DATE.finditer(text):
        day, month = int(found.group(1)), int(found.group(2))
        if _is_past(_year(found.group(3), today), month, day, today):
            return True
    for found in _ISO_DATE.finditer(text):
        year, month, day = (int(part) for part in found.groups())
        if _is_past(year, month, day, today):
            return True
    for found in _WORDY_DATE.finditer(text):
        month = _MONTHS.index(found.group(2)[:3].lower()) + 1
        if _is_past(int(found.group(3)), month, int(found.group(1)), today):
            return True
    return False


def identifier_problem(text: str, today: date) -> str | None:
    """What to leave out of `text` if it looks like it identifies someone, else None.

    Dates only count when they are in the past (a date of birth); "starts 14/09/2026" is fine.
    """
    if not text:
        return None
    if _EMAIL.search(text):
        return MESSAGES["email"]
    if _date_of_birth(text, today):
        return MESSAGES["birth"]
    kind = _phone_or_nhs(text)
    return MESSAGES[kind] if kind else None


def text_problem(text: str, limit: int, today: date, what: str) -> str | None:
    if len(text) > limit:
        return f"{what} must be {limit} characters or fewer"
    return identifier_problem(text, today)


# --- what an item remembers ------------------------------------------------------------------


def contact_details(service: Service) -> list[tuple[str, str]]:
    """("Phone" | "Email" | "Ask for", value) pairs, as the listing gives them."""
    found: list[tuple[str, str]] = []
    for contact in service.contacts:
        if contact.name:
            found.append(("Ask for", contact.name))
        found += [("Phone", phone.number) for phone in contact.phones]
        if contact.email:
            found.append(("Email", contact.email))
    if service.email and ("Email", service.email) not in found:
        found.append(("Email", service.email))
    return found


def where_lines(service: Service) -> list[str]:
    lines = []
    for location in service.locations:
        if location.location_type is LocationType.VIRTUAL:
            lines.append("Online" + (f": {location.name}" if location.name else ""))
        else:
            lines.append(", ".join(address_lines(location)))
    return lines


def when_lines(service: Service) -> list[str]:
    return [
        describe(s) + (f" ({s.description})" if s.description else "") for s in service.schedules
    ]


def facts(service: Service) -> dict[str, str]:
    """The facts a person relies on, as plain text: what an item's snapshot keeps."""
    return {
        "name": service.name,
        "when": "; ".join(when_lines(service)),
        "where": "; ".join(where_lines(service)),
        "cost": cost_summary(service),
        "how_to_join": service.how_to_join.label,
        "contact": "; ".join(f"{kind}: {value}" for kind, value in contact_details(service)),
        "status": service.status.value,
    }


def changed_facts(snapshot: dict, service: Service) -> list[str]:
    """The names of the facts that differ from the snapshot, in a fixed order."""
    if not snapshot:
        return []
    now = facts(service)
    return [label for key, label in FACT_LABELS.items() if snapshot.get(key, now[key]) != now[key]]


def is_closed(service: Service) -> bool:
    """No longer public, or public but temporarily closed."""
    return not service.is_public or service.status is ServiceStatus.TEMPORARILY_CLOSED
