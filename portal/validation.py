"""The errors every feature's services raise, and reading an id from a URL: shared by all
features, so it sits below them and imports none of them."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

from portal.db import as_utc


class NotFound(LookupError):
    """No public record with that id (including ids that are not UUIDs at all): views answer
    404."""


def parse_id(value: str) -> uuid.UUID:
    """The UUID in `value`; `NotFound` when it is not one (a mistyped or cut-off link)."""
    try:
        return uuid.UUID(str(value))
    except ValueError as error:
        raise NotFound(value) from error


class ValidationFailed(ValueError):
    """Input a person can fix: `field` names the form field, `message` says what to do.

    Views catch it, put `message` next to `field` (and in the GOV.UK error summary), keep what
    was typed and answer 400. Nothing has been saved when it is raised.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotAllowed(PermissionError):
    """The signed-in person may not do this to this record: views answer 403."""


class AlreadyDecided(RuntimeError):
    """Someone else took this decision first (two people pressed the button at once, or one
    acted on a page that was out of date). `message` says plainly who decided what, and when;
    views show it and take the person to the result. Nothing was changed by this attempt."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EditConflict(RuntimeError):
    """A save was made over a newer version than the one the person started from: someone else
    changed the record meanwhile. Nothing was saved; views keep what was typed and show
    `changed_by`, `changed_at` and what the record holds now."""

    def __init__(self, changed_by: str, changed_at, current: dict) -> None:
        super().__init__(f"changed by {changed_by}")
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.current = current


def moment_text(moment) -> str:
    """When something was decided, as people in England read it: '10:32 on 6 December 2026'."""
    local = as_utc(moment).astimezone(ZoneInfo("Europe/London"))
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"
