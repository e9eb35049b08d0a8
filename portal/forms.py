"""The field types every feature's form classes are built from, so that a posted value is read
the same way on every page: text stripped of the spaces around it, a group of checkboxes as a
list without blanks or repeats, and nothing checked against the domain (that is the services'
job, with the message a person should read). See docs/forms.md."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, StringField, ValidationError
from wtforms.widgets import HiddenInput


def strip(value: Any) -> Any:
    """Text without the spaces around it; other values as they are."""
    return value.strip() if isinstance(value, str) else value


def _as_text(value: Any) -> str:
    return "" if value is None else strip(value)


class TextField(StringField):
    """One value, as text: never None (see `text`)."""

    data: str


def text(label: str = "", **options: Any) -> TextField:
    """A text input (or textarea, or radio group, or select: anything that sends one value),
    read as stripped text, "" when nothing was sent."""
    options.setdefault("default", "")
    return TextField(label, filters=[_as_text, *options.pop("filters", [])], **options)


def optional_email(message: str):
    """A validator for an address a person may leave blank: one typed must at least have an
    "@" in it, so that someone can write back to it. (Whether it is an address anyone reads is
    not for a form to know.)"""

    def check(_form: Any, field: Field) -> None:
        if field.data and "@" not in field.data:
            raise ValidationError(message)

    return check


class ManyField(Field):
    """Every value sent under one name (a group of checkboxes, a multiple select), stripped, in
    the order sent, without blanks or repeats; `[]` when none were sent. Whether each value is
    allowed is the service's to check."""

    data: list[str]

    def process_data(self, value: Any) -> None:
        self.data = [str(v) for v in (value or [])]

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = list(dict.fromkeys(v.strip() for v in valuelist if v and v.strip()))

    def _value(self) -> str:
        return ",".join(self.data)


def many(label: str = "", **options: Any) -> ManyField:
    """A group of checkboxes (or any input sent more than once)."""
    return ManyField(label, **options)


class VersionField(Field):
    """The version of a record the page showed, sent back in a hidden input, so a save over
    someone else's newer change is refused (docs/architecture.md, "A save carries the version
    it started from"). `None` when the page sent none or something that is not a number (an
    older page): the service then does not check."""

    widget = HiddenInput()
    data: int | None

    def process_data(self, value: Any) -> None:
        self.data = value if isinstance(value, int) else None

    def process_formdata(self, valuelist: list[str]) -> None:
        try:
            self.data = int(valuelist[0]) if valuelist else None
        except ValueError:
            self.data = None

    def _value(self) -> str:
        return "" if self.data is None else str(self.data)


def seen_version() -> VersionField:
    """The hidden `version` a save carries (see `VersionField`)."""
    return VersionField()


class ButtonForm(FlaskForm):
    """A form that is only a button (add, remove, share, publish, hide): its CSRF token and
    nothing else."""
