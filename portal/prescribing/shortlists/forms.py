"""The shortlist pages' forms: CSRF through Flask-WTF, the rules in `services.py`.

The list page is one form (what matters, a note per activity) whose buttons each say what
else to do: `action` is "save", "up:<item id>", "down:<item id>" or "remove:<item id>". Every
button saves what was typed first, so moving an activity never loses a note.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, StringField

ITEM_ACTIONS = ("up", "down", "remove")
LIST_ACTIONS = ("save", "rename", "current")


class ButtonForm(FlaskForm):
    """A form that is only a button (add, remove, share, stop sharing, delete)."""


class AddForm(FlaskForm):
    service_id = HiddenField()
    next = HiddenField()


class NameForm(FlaskForm):
    name = StringField("Name")


class SendForm(FlaskForm):
    email = StringField("Email address")
    mobile = StringField("Mobile phone number")


def notes_from(form: MultiDict) -> dict[int, str]:
    """Each `note-<item id>` field, by item id."""
    notes = {}
    for key, value in form.items():
        prefix, _, number = key.partition("-")
        if prefix == "note" and number.isdigit():
            notes[int(number)] = value
    return notes


def action_from(form: MultiDict) -> tuple[str, int | None] | None:
    """(verb, item id) from the button pressed; None when it makes no sense."""
    verb, _, number = (form.get("action") or "save").partition(":")
    if verb in LIST_ACTIONS and not number:
        return verb, None
    if verb in ITEM_ACTIONS and number.isdigit():
        return verb, int(number)
    return None
