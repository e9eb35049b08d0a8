"""The API's query parameters: what each means (the OpenAPI document is built from `PARAMETERS`)
and how each is read. A value we cannot use is refused with `ValidationFailed(name, message)`
(a 400 naming the parameter), never guessed at; a parameter left empty counts as not given;
parameters we do not know are ignored.
"""

from __future__ import annotations

import math
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Protocol

from portal.geo import find_place, normalise_postcode
from portal.validation import ValidationFailed

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
#: `minimal` records are an id and a date: a page may hold many more of them.
MAX_PER_PAGE_MINIMAL = 1000
MAX_PAGE = 1_000_000
MAX_SEARCH = 200
MAX_AGE = 150
MAX_PROXIMITY = 200_000
#: With a postcode and no proximity: the search page's default distance, 5 miles.
DEFAULT_PROXIMITY = 8047
DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday"}
DAYS |= {"SA": "Saturday", "SU": "Sunday"}
_NUMBER = re.compile(r"^\d{1,9}(\.\d{1,6})?$")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$")
EXAMPLE_ID = "0b5bd9c4-97f3-4a7b-9f4f-6d1b2f0e7a11"


class Args(Protocol):
    def get(self, key: str, default: str | None = None) -> str | None: ...


@dataclass(frozen=True)
class Param:
    """One query parameter as the OpenAPI document describes it."""

    description: str
    schema: dict
    example: object


def _uuid_param(what: str) -> Param:
    return Param(what, {"type": "string", "format": "uuid"}, EXAMPLE_ID)


_BOOLEAN = {"type": "boolean"}
PARAMETERS: dict[str, Param] = {
    "search": Param(
        "Words to look for, matched the way the portal's own search matches them (names, "
        "descriptions, organisations, needs and places; the best matches first).",
        {"type": "string", "maxLength": MAX_SEARCH},
        "walking group",
    ),
    "page": Param(
        "Which page of results to return, counting from 1. A page after the last one is an "
        "empty page.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        1,
    ),
    "per_page": Param(
        f"How many records a page holds: 1 to {MAX_PER_PAGE} ({MAX_PER_PAGE_MINIMAL} with "
        f"`minimal`). Default {DEFAULT_PER_PAGE}.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
        DEFAULT_PER_PAGE,
    ),
    "format": Param(
        "`json` (the default: one page) or `ndjson`: every matching record, one JSON object "
        "per line, unpaginated, streamed as it is read.",
        {"type": "string", "enum": ["json", "ndjson"], "default": "json"},
        "ndjson",
    ),
    "minimal": Param(
        "When true, each record is only its `id` and `last_modified`, so a whole directory "
        "can be compared cheaply (per_page may then be up to "
        f"{MAX_PER_PAGE_MINIMAL}).",
        _BOOLEAN,
        True,
    ),
    "full": Param(
        "When true, list records are complete: every nested list (schedules, places, costs, "
        "contacts, languages, taxonomy terms) as the single-record endpoint gives them.",
        _BOOLEAN,
        True,
    ),
    "full_service": Param(
        "When true, each organisation comes with its published services as complete records.",
        _BOOLEAN,
        True,
    ),
    "taxonomy_term_id": _uuid_param("Only services described by this taxonomy term."),
    "taxonomy_id": _uuid_param("Only services described by any term of this taxonomy."),
    "organization_id": _uuid_param("Only services run by this organisation."),
    "modified_after": Param(
        "Only records changed on or after this moment: a date (midnight UTC) or a date and "
        "time (UTC unless it gives an offset).",
        {"type": "string"},
        "2026-01-31T09:00:00Z",
    ),
    "minimum_age": Param(
        "Only services whose youngest age is this or older (a service with no lower limit "
        "counts as 0).",
        {"type": "number", "minimum": 0, "maximum": MAX_AGE},
        18,
    ),
    "maximum_age": Param(
        "Only services with an oldest age of this or younger (a service with no upper limit "
        "never matches).",
        {"type": "number", "minimum": 0, "maximum": MAX_AGE},
        11,
    ),
    "start_time": Param(
        "Only services with a session that starts at or after this time of day (HH:MM). "
        "Together with `end_time` and `day`, the same session must match all of them.",
        {"type": "string", "pattern": _CLOCK.pattern},
        "09:30",
    ),
    "end_time": Param(
        "Only services with a session that ends at or before this time of day (HH:MM).",
        {"type": "string", "pattern": _CLOCK.pattern},
        "17:00",
    ),
    "day": Param(
        "Only services with a session on this day of the week: MO, TU, WE, TH, FR, SA or SU.",
        {"type": "string", "enum": list(DAYS)},
        "TU",
    ),
    "postcode": Param(
        "A UK postcode (or postcode district). Results are ordered nearest first and kept "
        "within `proximity` metres of the postcode's centre (5 miles when no proximity is "
        "given). Online-only services have no position, so they are left out.",
        {"type": "string", "maxLength": 10},
        "RG12 1AA",
    ),
    "proximity": Param(
        f"Metres from the postcode's centre, 1 to {MAX_PROXIMITY:,}; needs `postcode`.",
        {"type": "number", "minimum": 1, "maximum": MAX_PROXIMITY},
        5000,
    ),
    "top_only": Param("When true, only terms that have no parent term.", _BOOLEAN, True),
    "parent_id": _uuid_param("Only the terms directly under this term."),
}
PARAMETERS["term_taxonomy_id"] = _uuid_param("Only the terms of this taxonomy.")
PARAMETERS["term_search"] = Param(
    "Words every returned term has in its name, code or description.",
    {"type": "string", "maxLength": MAX_SEARCH},
    "walking",
)
PARAMETERS["organization_search"] = Param(
    "Words every returned organisation has in its name or description.",
    {"type": "string", "maxLength": MAX_SEARCH},
    "carers",
)


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def start(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Place:
    """A postcode's centre and how far from it to look."""

    postcode: str
    latitude: float
    longitude: float
    metres: float


@dataclass(frozen=True)
class ServiceQuery:
    """Which published services to list: every part given must match (AND)."""

    search: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    modified_after: datetime | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    start_time: time | None = None
    end_time: time | None = None
    day: str | None = None
    place: Place | None = None

    @property
    def has_session_filter(self) -> bool:
        return bool(self.start_time or self.end_time or self.day)


@dataclass(frozen=True)
class Shape:
    """How each listed record looks, and whether the answer is one page or a stream."""

    minimal: bool = False
    full: bool = False
    full_service: bool = False
    ndjson: bool = False


def _raw(args: Args, name: str) -> str | None:
    value = args.get(name)
    if value is None:
        return None
    return value.strip() or None


def text(args: Args, name: str) -> str:
    """Words as typed, without control characters, spaces collapsed."""
    value = _raw(args, name) or ""
    cleaned = "".join(c for c in value if unicodedata.category(c)[0] != "C" or c == " ")
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > MAX_SEARCH:
        raise ValidationFailed(name, f"Enter {name} in {MAX_SEARCH} characters or fewer")
    return cleaned


def whole_number(args: Args, name: str, low: int, high: int, default: int) -> int:
    value = _raw(args, name)
    if value is None:
        return default
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
        raise ValidationFailed(
            name, f"Enter {name} as a whole number from {low:,} to {high:,}, like {low + 1}"
        )
    return int(value)


def number(args: Args, name: str, low: float, high: float, example: str) -> float | None:
    value = _raw(args, name)
    if value is None:
        return None
    if not _NUMBER.match(value) or not math.isfinite(float(value)):
        raise ValidationFailed(
            name, f"Enter {name} as a number from {low:g} to {high:g}, like {example}"
        )
    if not low <= float(value) <= high:
        raise ValidationFailed(
            name, f"Enter {name} as a number from {low:g} to {high:g}, like {example}"
        )
    return float(value)


def boolean(args: Args, name: str) -> bool:
    value = (_raw(args, name) or "false").lower()
    if value in ("true", "1", "yes"):
        return True
    if value in ("false", "0", "no"):
        return False
    raise ValidationFailed(name, f"Enter {name} as true or false")


def identifier(args: Args, name: str, what: str) -> uuid.UUID | None:
    value = _raw(args, name)
    if value is None:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ValidationFailed(
            name, f"Enter {name} as the id of {what}, like {EXAMPLE_ID}"
        ) from None


def moment(args: Args, name: str) -> datetime | None:
    """A date (its midnight, UTC) or a date and time (UTC unless it says otherwise)."""
    value = _raw(args, name)
    if value is None:
        return None
    try:
        if len(value) == 10:
            found = datetime.combine(date.fromisoformat(value), time(), UTC)
        else:
            found = datetime.fromisoformat(value.replace("z", "Z"))
        return (found if found.tzinfo else found.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValidationFailed(
            name,
            f"Enter {name} as a date, or a date and time, like 2026-01-31 or 2026-01-31T09:00:00Z",
        ) from None


def clock(args: Args, name: str) -> time | None:
    value = _raw(args, name)
    if value is None:
        return None
    if not _CLOCK.match(value):
        raise ValidationFailed(name, f"Enter {name} as a time of day in 24 hours, like 09:30")
    return time.fromisoformat(value)


def weekday(args: Args, name: str) -> str | None:
    value = _raw(args, name)
    if value is None:
        return None
    code = value.upper()[:2] if value.title() in DAYS.values() else value.upper()
    if code not in DAYS:
        raise ValidationFailed(
            name, f"Enter {name} as a day of the week: MO, TU, WE, TH, FR, SA or SU"
        )
    return code


def place(args: Args) -> Place | None:
    """The postcode's centre (found the way the search page finds it) and the distance."""
    typed = _raw(args, "postcode")
    metres = number(args, "proximity", 1, MAX_PROXIMITY, "5000")
    if typed is None:
        if metres is not None:
            raise ValidationFailed(
                "proximity", "Give a postcode with proximity: it is measured from its centre"
            )
        return None
    postcode = normalise_postcode(typed)
    if postcode is None:
        raise ValidationFailed("postcode", "Enter postcode as a UK postcode, like RG12 1AA")
    found = find_place(postcode)
    if found is None:
        raise ValidationFailed("postcode", f"We could not find the postcode {postcode}")
    return Place(postcode, found.latitude, found.longitude, metres or DEFAULT_PROXIMITY)


def service_query(args: Args) -> ServiceQuery:
    """The service filters of /services and /service_at_locations."""
    query = ServiceQuery(
        search=text(args, "search"),
        taxonomy_term_id=identifier(args, "taxonomy_term_id", "a taxonomy term"),
        taxonomy_id=identifier(args, "taxonomy_id", "a taxonomy"),
        organization_id=identifier(args, "organization_id", "an organisation"),
        modified_after=moment(args, "modified_after"),
        minimum_age=number(args, "minimum_age", 0, MAX_AGE, "18"),
        maximum_age=number(args, "maximum_age", 0, MAX_AGE, "11"),
        start_time=clock(args, "start_time"),
        end_time=clock(args, "end_time"),
        day=weekday(args, "day"),
        place=place(args),
    )
    return query


def shape(args: Args, allowed: tuple[str, ...]) -> Shape:
    """How records look, from those of minimal, full, full_service and format an endpoint
    takes (the others are ignored there)."""
    kind = (_raw(args, "format") or "json").lower() if "format" in allowed else "json"
    if kind not in ("json", "ndjson"):
        raise ValidationFailed("format", "Enter format as json or ndjson")
    flags = {
        name: boolean(args, name) for name in ("minimal", "full", "full_service") if name in allowed
    }
    return Shape(**flags, ndjson=kind == "ndjson")


def paging(args: Args, minimal: bool = False) -> Paging:
    largest = MAX_PER_PAGE_MINIMAL if minimal else MAX_PER_PAGE
    default = MAX_PER_PAGE_MINIMAL if minimal else DEFAULT_PER_PAGE
    return Paging(
        page=whole_number(args, "page", 1, MAX_PAGE, 1),
        per_page=whole_number(args, "per_page", 1, largest, default),
    )
