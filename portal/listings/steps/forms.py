"""The guided listing form's form classes: one per step, with its fields named as the step's
template posts them, and `DraftForm` for the draft's other buttons (send, publish, delete).

What each step's answers mean, and what is wrong with them, is its reader's to say
(`parse_about` and the rest, which take the values as a mapping, so they can be tried on
their own); a form only gathers those values (`StepForm.values`). Repeating rows
(`sessions-0-day`, `places-1-postcode`, `costs-0-amount`) come and go with the "add another"
and "remove" buttons (`action`), so they cannot be fields declared in advance: `StepForm.rows`
reads them as they were sent.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from flask import abort
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import StringField

from portal.forms import many, text


class DraftForm(FlaskForm):
    """A form about a draft listing: its CSRF token and the `version` the page showed, so a
    change over someone else's newer save is refused (docs/architecture.md, "A save carries
    the version it started from")."""

    version = StringField()  # as sent: anything but digits is a bad request

    def started_from(self) -> int | None:
        """The draft version the submitted page was shown with; None from a page without
        one. Anything else is not a page of ours: a bad request (400)."""
        sent = self.version.data or ""
        if not sent:
            return None
        if not sent.isdigit():
            abort(400)
        return int(sent)


class StepForm(DraftForm):
    """One step of the guided form: the step's fields, the repeating rows named in `ROWS`, and
    the "add another" or "remove" button pressed (`action`: "add", "remove-2")."""

    ROWS: ClassVar[tuple[str, ...]] = ()
    action = text()

    def process(self, formdata: Any = None, obj: Any = None, data: Any = None, **kwargs: Any):
        """Fill the fields as any form does, keeping what was sent for `rows`."""
        formdata = self.meta.wrap_formdata(self, formdata)
        self._sent = formdata if formdata is not None else MultiDict()
        super().process(formdata, obj, data=data, **kwargs)

    def rows(self) -> MultiDict:
        """Every value sent in one of this step's repeating rows (`<row>-<number>-<key>`),
        under its own name and as sent: the step's reader numbers and checks them."""
        if not self.ROWS:
            return MultiDict()
        in_a_row = re.compile(rf"^({'|'.join(self.ROWS)})-\d+-")
        return MultiDict(
            [
                (name, value)
                for name in self._sent
                if in_a_row.match(name)
                for value in self._sent.getlist(name)
            ]
        )

    def values(self) -> MultiDict:
        """What the step's reader takes: each field's value under its name, and the rows."""
        values = self.rows()
        for field in self:
            if field.name in ("csrf_token", "version"):
                continue
            if isinstance(field.data, list):
                values.setlist(field.name, field.data)
            else:
                values[field.name] = field.data
        return values


class AboutForm(StepForm):
    name = text()
    description = text()
    activity_type = text()
    status = text()
    alert = text()


class WhoForm(StepForm):
    audiences = many()
    minimum_age = text()
    maximum_age = text()


class WhenForm(StepForm):
    ROWS = ("sessions",)
    schedule_note = text()


class WhereForm(StepForm):
    ROWS = ("places",)


class CostForm(StepForm):
    ROWS = ("costs",)
    free = text()
    cost_label = text()
    cost_amount = text()
    cost_notes = text()
    how_to_join = text()
    join_details = text()


class ContactForm(StepForm):
    contact_name = text()
    contact_email = text()
    contact_phone = text()
    website = text()


class AccessForm(StepForm):
    ROWS = ("places",)  # each place's `places-<n>-access` ticks
    access_details = text()


class NeedsForm(StepForm):
    needs = many()
