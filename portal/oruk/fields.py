"""Reading one field of another directory's record without ever raising.

Each reader takes the raw value and its dotted ORUK path, returns what we can use, and, when
the value is wrong, adds a `Problem` saying in plain English what is wrong and what was done
about it ("... it was left out"). `Fields` keeps the problems of one record and which paths
they were about, so the schema check that runs last does not say the same thing twice.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from portal.oruk.incoming import Problem

URL_LIMIT = 500  # our url and website columns
EMAIL_LIMIT = 255
QUOTED = 60  # characters of a bad value quoted back in a reason
_NUMBER = re.compile(r"^\s*[£]?\s*-?\d+(\.\d+)?\s*$")


def kind_of(value: object) -> str:
    """What a JSON value is, in words: 'a list', 'a number', 'text'."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "empty" if value is None else "something else"


def quoted(value: object) -> str:
    text = str(value)
    return f"“{text[:QUOTED]}…”" if len(text) > QUOTED else f"“{text}”"


def join_path(base: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key


def _parents(path: str) -> list[str]:
    """'a[0].b.c' -> ['a', 'a[0]', 'a[0].b']."""
    return [path[:i] for i, char in enumerate(path) if char in ".[" and i]


class Fields:
    """The problems found in one record, and the readers that find them. Warnings stop
    being listed after `WARNING_LIMIT` (one last warning says how many more there were), so
    a hostile record cannot make the report, or the time to check it, grow without bound."""

    WARNING_LIMIT = 100

    def __init__(self, record_id: str = "") -> None:
        self.record_id = record_id
        self.problems: list[Problem] = []
        self._fields: set[str] = set()  # every field a problem was given for
        self._around: set[str] = set()  # and every field those are inside
        self._warnings = 0
        self._unlisted = 0

    def _note(self, field: str) -> None:
        if field:
            self._fields.add(field)
            self._around.update(_parents(field))

    def error(self, field: str, reason: str) -> None:
        self._note(field)
        self.problems.append(Problem(self.record_id, field, reason, "error"))

    def warn(self, field: str, reason: str) -> None:
        self._note(field)
        if self._warnings >= self.WARNING_LIMIT:
            self._unlisted += 1
            return
        self._warnings += 1
        self.problems.append(Problem(self.record_id, field, reason, "warning"))

    def finished(self) -> list[Problem]:
        """The problems, with one more warning when some were not listed."""
        if not self._unlisted:
            return list(self.problems)
        more = Problem(
            self.record_id,
            "",
            f"There were {self._unlisted:,} more warnings about this record; only the first "
            f"{self.WARNING_LIMIT} are listed.",
            "warning",
        )
        return [*self.problems, more]

    def reported(self, path: str) -> bool:
        """Whether a problem was already given for `path`, a field inside it or around it."""
        if path in self._fields or path in self._around:
            return True
        return any(parent in self._fields for parent in _parents(path))

    # --- shapes ---------------------------------------------------------------------------

    def obj(self, value: object, field: str, what: str) -> dict | None:
        if value is None:
            return None
        if isinstance(value, dict):
            return value
        self.warn(field, f"{what} should be an object but is {kind_of(value)}; it was left out.")
        return None

    def items(self, value: object, field: str, what: str) -> list[tuple[str, dict]]:
        """The objects of a list, each with its path; anything else is reported and skipped."""
        if value is None or value == "":
            return []
        if not isinstance(value, list):
            self.warn(field, f"{what} should be a list but is {kind_of(value)}; it was left out.")
            return []
        found = []
        for index, item in enumerate(value):
            path = join_path(field, index)
            if isinstance(item, dict):
                found.append((path, item))
            elif item is not None:
                self.warn(path, f"This should be an object but is {kind_of(item)}; it was skipped.")
        return found

    # --- text ----------------------------------------------------------------------------

    def text(self, value: object, field: str, what: str, limit: int | None = None) -> str:
        """Text without surrounding spaces (and without NUL characters, which no database
        keeps); a number is read as text; anything else is left out. Text over `limit`
        characters is cut, with a warning."""
        if value is None:
            return ""
        if isinstance(value, int | float) and not isinstance(value, bool):
            text = str(value)
            self.warn(field, f"{what} is a number where text is expected; it was read as “{text}”.")
        elif isinstance(value, str):
            text = value.replace("\x00", "").strip()
        else:
            self.warn(field, f"{what} should be text but is {kind_of(value)}; it was left out.")
            return ""
        if limit is not None and len(text) > limit:
            self.warn(
                field,
                f"{what} is {len(text):,} characters long; only the first {limit} were kept.",
            )
            text = text[:limit].rstrip()
        return text

    def identifier(self, value: object, field: str, what: str) -> str:
        """An id as text: text or a whole number; anything else is left out."""
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str):
            return value.replace("\x00", "").strip()
        if value is not None:
            self.warn(field, f"{what} should be text but is {kind_of(value)}; it was left out.")
        return ""

    def email(self, value: object, field: str, what: str = "The email address") -> str:
        text = self.text(value, field, what)
        if not text:
            return ""
        try:
            if len(text) > EMAIL_LIMIT:
                raise EmailNotValidError("too long")
            return validate_email(text, check_deliverability=False).normalized
        except EmailNotValidError:
            self.warn(field, f"{what} {quoted(text)} is not an email address; it was left out.")
            return ""

    def url(self, value: object, field: str, what: str = "The web address") -> str:
        text = self.text(value, field, what)
        if not text:
            return ""
        try:
            parts = urlsplit(text)
            fine = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        except ValueError:
            fine = False
        if not fine or len(text) > URL_LIMIT or any(c.isspace() for c in text):
            self.warn(
                field,
                f"{what} {quoted(text)} is not a web address starting http:// or https://; "
                "it was left out.",
            )
            return ""
        return text

    # --- numbers and dates ---------------------------------------------------------------

    def number(self, value: object, field: str, what: str) -> Decimal | None:
        """A finite number; text holding a number is read with a warning; else None."""
        if value is None or value == "":
            return None
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            if isinstance(value, float) and not math.isfinite(value):
                self.warn(field, f"{what} is not a number; it was left out.")
                return None
            return Decimal(str(value))
        if isinstance(value, str) and _NUMBER.match(value):
            number = Decimal(value.replace("£", "").strip())
            self.warn(field, f"{what} is given as text ({quoted(value)}); it was read as {number}.")
            return number
        self.warn(field, f"{what} {quoted(value)} is not a number; it was left out.")
        return None

    def whole(self, value: object, field: str, what: str) -> int | None:
        number = self.number(value, field, what)
        if number is None:
            return None
        if number != number.to_integral_value():
            self.warn(field, f"{what} {number} is not a whole number; it was left out.")
            return None
        return int(number)

    def money(self, value: object, field: str, what: str) -> Decimal | None:
        """An amount of money to the penny: None when missing or wrong."""
        amount = self.number(value, field, what)
        if amount is None:
            return None
        if amount < 0 or amount >= Decimal("100000000"):
            self.warn(field, f"{what} {amount} is not a price we can show; it was left out.")
            return None
        try:
            return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            return None

    def day(self, value: object, field: str, what: str) -> date | None:
        """A date (YYYY-MM-DD; the date of a date and time is taken)."""
        text = self.text(value, field, what)
        if not text:
            return None
        try:
            return (
                date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text).date()
            )
        except ValueError:
            self.warn(
                field, f"{what} {quoted(text)} is not a date like 2025-01-31; it was ignored."
            )
            return None

    def moment(self, value: object, field: str, what: str) -> datetime | None:
        """A date and time with its offset; one without an offset is taken as UTC."""
        text = self.text(value, field, what)
        if not text:
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            self.warn(
                field,
                f"{what} {quoted(text)} is not a date and time like 2025-01-31T10:30:00Z; "
                "it was ignored.",
            )
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
