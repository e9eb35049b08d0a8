"""The shortlist pages' forms: CSRF through Flask-WTF, the rules in `services.py`.

The list page is one form (what matters, a note per activity) whose buttons each say what
else to do: `action` is "save", "up:<item id>", "down:<item id>" or "remove:<item id>". Every
button saves what was typed first, so moving an activity never loses a note. Each note's
field is named after its item (`note-<item id>`), so `list_form` builds the form for one list.

Fields are plain `StringField`s, not stripped: the services tidy what is typed, and what was
typed is what is shown again.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField

from portal.prescribing.shortlists.models import Shortlist

ITEM_ACTIONS = ("up", "down", "remove")
LIST_ACTIONS = ("save", "rename", "current")


class AddForm(FlaskForm):
    """An activity's "Add to shortlist" or "Remove" button, and the "which list?" page.

    `next` is the page to come back to (checked by `safe_next`), `back_to=result` comes
    back to that search result; the "which list?" page adds `choosing`, the `list_id` chosen
    (or "new") and the new list's `name`."""

    service_id = HiddenField()
    next = HiddenField()
    back_to = HiddenField()
    choosing = HiddenField()
    list_id = StringField()
    name = StringField()

    def is_choosing(self) -> bool:
        """Sent from the "which list?" page (rather than a one-click add)."""
        return self.choosing.data is not None

    def asked(self) -> dict[str, str]:
        """What the "which list?" page must carry on: the activity and where to go back."""
        return {
            "service_id": self.service_id.data or "",
            "next": self.next.data or "",
            "back_to": self.back_to.data or "",
        }

    def typed(self) -> dict[str, str]:
        """What the "which list?" page shows again when something was refused."""
        return {
            **self.asked(),
            "list_id": self.list_id.data or "",
            "name": self.name.data or "",
        }


class NameForm(FlaskForm):
    name = StringField("Name")


class KeepListForm(NameForm):
    """Keeping the list made before signing in: as a new list by `name`, or (`into=current`)
    added to the current list."""

    into = HiddenField()


class SendForm(FlaskForm):
    email = StringField("Email address")
    mobile = StringField("Mobile phone number")


class ListForm(FlaskForm):
    """A named list's page (see the module's docstring): one class per list, from `list_form`,
    with a `note-<item id>` field for each of its activities. The rename and "make current"
    buttons post here too, with `name` and `next` (the page to go back to)."""

    action = StringField()
    what_matters = StringField()
    name = StringField()
    next = HiddenField()

    def carries_texts(self) -> bool:
        """Whether the page's main form was sent (it has what matters and the notes)."""
        return self.what_matters.data is not None

    def notes(self) -> dict[int, str]:
        """Each note sent, by item id."""
        notes = {}
        for field in self:
            prefix, _, number = field.name.partition("-")
            if prefix == "note" and number.isdigit() and field.data is not None:
                notes[int(number)] = field.data
        return notes

    def pressed(self) -> tuple[str, int | None] | None:
        """(verb, item id) from the button pressed; None when it makes no sense."""
        verb, _, number = (self.action.data or "save").partition(":")
        if verb in LIST_ACTIONS and not number:
            return verb, None
        if verb in ITEM_ACTIONS and number.isdigit():
            return verb, int(number)
        return None


def list_form(shortlist: Shortlist) -> ListForm:
    """The list page's form for `shortlist`, read from the request: a note field for each of
    its activities, named after the item."""
    fields = {f"note-{item.id}": StringField() for item in shortlist.items}
    form_class = type("ShortlistForm", (ListForm,), fields)
    return form_class()
