"""What a person asked for, read from the URL and checked: every state of a search is a URL."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Protocol

RADII = (1, 2, 5, 10, 25)  # miles
KM_PER_MILE = 1.609344
DEFAULT_RADIUS = 5
DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
TIMES = {"morning": "Morning", "afternoon": "Afternoon", "evening": "Evening"}
MODES = {"in_person": "In person", "online": "Online"}
SORTS = {"relevance": "Best match", "distance": "Distance", "next": "Next session"}
MAX_TEXT = 200


class Args(Protocol):
    def get(self, key: str, default: str | None = None) -> str | None: ...
    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    where: str = ""
    needs: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    radius: int | None = None
    days: tuple[str, ...] = ()
    time: str = ""
    free: bool = False
    age: int | None = None
    access: tuple[str, ...] = ()
    mode: str = ""
    sort: str = ""
    page: int = 1
    #: Only activities that accept referrals from professionals (`referrals=1`).
    referrals: bool = False
    #: The words exactly as typed: no spelling correction (`exact=1`, the "Search instead
    #: for ..." link under a corrected search).
    exact: bool = False
    #: The name of the town or village searched near (set by `services.search`), whose
    #: listings named for it come first among equal matches. Never in the URL (`where` is).
    also: str = ""

    @property
    def has_place(self) -> bool:
        return bool(self.where)

    @property
    def effective_radius(self) -> int:
        return self.radius or DEFAULT_RADIUS

    @property
    def effective_sort(self) -> str:
        """Nearest first when there is a place, best match when there are words."""
        if self.sort:
            return self.sort
        return "distance" if self.where and not self.text else "relevance"

    @property
    def is_empty(self) -> bool:
        """Nothing asked for: no words, place or filter (order and distance alone do not count)."""
        return not any(key not in {"page", "sort", "radius", "exact"} for key, _ in self.to_args())

    def but(self, **changes: Any) -> SearchQuery:
        """This search with some parts changed, back on its first page unless a page is given."""
        return replace(self, **{"page": 1, **changes})

    def without(self, name: str, value: str | None = None) -> SearchQuery:
        """This search with one filter (or one value of a repeatable one) taken off."""
        current = getattr(self, name)
        cleared: Any
        if isinstance(current, tuple) and value is not None:
            cleared = tuple(v for v in current if v != value)
        else:
            cleared = type(self).__dataclass_fields__[name].default
        return replace(self, **{name: cleared, "page": 1})

    def to_args(self) -> list[tuple[str, str]]:
        """URL parameters for this search (only what is set), in a stable order."""
        args: list[tuple[str, str]] = []
        for name, key in (
            ("text", "q"),
            ("where", "where"),
            ("time", "time"),
            ("mode", "mode"),
            ("sort", "sort"),
        ):
            if getattr(self, name):
                args.append((key, getattr(self, name)))
        for name, key in (
            ("needs", "need"),
            ("audiences", "audience"),
            ("days", "day"),
            ("access", "access"),
        ):
            args += [(key, v) for v in getattr(self, name)]
        if self.radius:
            args.append(("radius", str(self.radius)))
        if self.free:
            args.append(("free", "1"))
        if self.referrals:
            args.append(("referrals", "1"))
        if self.exact:
            args.append(("exact", "1"))
        if self.age is not None:
            args.append(("age", str(self.age)))
        if self.page > 1:
            args.append(("page", str(self.page)))
        return args


@dataclass
class Parsed:
    query: SearchQuery
    problems: dict[str, str] = field(default_factory=dict)


def _choices(args: Args, key: str, allowed, label: str, problems: dict[str, str]) -> tuple:
    values = tuple(dict.fromkeys(v.strip().lower() for v in args.getlist(key) if v.strip()))
    unknown = [v for v in values if v not in allowed]
    if unknown:
        problems[key] = f"Choose {label} from the list"
    return tuple(v for v in values if v in allowed)


def _whole_number(
    raw: str | None, key: str, low: int, high: int, message: str, problems: dict[str, str]
) -> int | None:
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    if not text.isdigit() or not low <= int(text) <= high:
        problems[key] = message
        return None
    return int(text)


def _yes(raw: str | None) -> bool:
    return (raw or "").strip().lower() in {"1", "on", "true", "yes"}


def parse(args: Args, needs: set[str], audiences: set[str], access: set[str]) -> Parsed:
    """Read a search from request arguments; anything unusable gets a message, not a 500."""
    problems: dict[str, str] = {}
    radius = _whole_number(
        args.get("radius"), "radius", 1, 25, "Choose a distance from the list", problems
    )
    if radius is not None and radius not in RADII:
        problems["radius"] = "Choose a distance from the list"
        radius = None
    single = {}
    for key, allowed, label in (
        ("time", TIMES, "a time of day"),
        ("mode", MODES, "in person or online"),
        ("sort", SORTS, "an order"),
    ):
        value = (args.get(key) or "").strip().lower()
        if value and value not in allowed:
            problems[key] = f"Choose {label} from the list"
            value = ""
        single[key] = value
    page = _whole_number(args.get("page"), "page", 1, 10_000, "", {}) or 1
    query = SearchQuery(
        text=" ".join((args.get("q") or "").split())[:MAX_TEXT],
        where=" ".join((args.get("where") or "").split())[:100],
        needs=_choices(args, "need", needs, "a need", problems),
        audiences=_choices(args, "audience", audiences, "who it is for", problems),
        radius=radius,
        days=_choices(args, "day", DAYS, "days", problems),
        time=single["time"],
        free=_yes(args.get("free")),
        referrals=_yes(args.get("referrals")),
        exact=_yes(args.get("exact")),
        age=_whole_number(
            args.get("age"),
            "age",
            0,
            120,
            "Enter an age as a whole number from 0 to 120, like 67",
            problems,
        ),
        access=_choices(args, "access", access, "access needs", problems),
        mode=single["mode"],
        sort=single["sort"],
        page=page,
    )
    return Parsed(query, problems)
