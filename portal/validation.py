"""The one domain error every feature's services raise for input a person can correct."""

from __future__ import annotations


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
