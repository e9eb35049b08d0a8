"""What every step shares: the limits, the parsed result, and reading repeating rows
(`sessions-0-day`, `places-1-postcode`) with their "add another" and "remove" buttons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_NAME = 120


MAX_SHORT = 255


MAX_ROWS = 10


MAX_NEEDS = 4


@dataclass
class Parsed:
    """What a step read: `changes` to the listing (also what is shown again when wrong),
    `problems` by field id, and `again` when the step should be shown once more (a row
    was added or removed, or a new pin needs checking)."""

    changes: dict = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    again: bool = False


def too_long(problems: dict, name: str, value: str, limit: int, label: str) -> None:
    """Record a problem when `value` is over `limit` characters."""
    if len(value) > limit:
        problems[name] = f"{label} must be {limit} characters or fewer"


def codes_in(form, name: str, allowed) -> list[str]:
    """The allowed codes ticked under `name`, once each, in the order sent."""
    return [v for v in dict.fromkeys(form.getlist(name)) if v in allowed]


def whole(value: str, name: str, label: str, problems: dict) -> int | None:
    """A whole number as typed, or None when blank; a problem is recorded when it is not one."""
    text = (value or "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > 120:
        problems[name] = f"{label} must be a whole number from 0 to 120, like 50"
        return None
    return int(text)


WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)


_BARE_WEB = re.compile(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)


def web_address(text: str) -> str:
    """A web address as typed, with https:// put in front when it was left off
    ('facebook.com/harmanswanderers'); anything else unchanged, to be refused."""
    text = (text or "").strip()
    return (
        f"https://{text}"
        if text and not WEB_ADDRESS.match(text) and _BARE_WEB.match(text)
        else text
    )


def row_numbers(form, prefix: str) -> list[int]:
    """The row numbers the form sent for `prefix` (`sessions-0-day` is row 0)."""
    return sorted({int(m[1]) for name in form for m in [re.match(rf"{prefix}-(\d+)-", name)] if m})


def rows_of(form, prefix: str, keys: tuple[str, ...]) -> list[dict]:
    """Each row the form sent for `prefix`, as a dict of `keys`, stripped."""
    return [
        {k: (form.get(f"{prefix}-{n}-{k}") or "").strip() for k in keys}
        for n in row_numbers(form, prefix)
    ]


def edit_rows(form, rows: list[dict], blank: dict) -> tuple[list[dict], bool]:
    """Rows after an "add another" or "remove" button, and whether one was pressed."""
    action = form.get("action") or ""
    if action == "add" and len(rows) < MAX_ROWS:
        return [*rows, dict(blank)], True
    if action.startswith("remove-") and action[7:].isdigit():
        index = int(action[7:])
        return [row for n, row in enumerate(rows) if n != index], True
    return rows, False
