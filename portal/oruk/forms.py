"""The "Other directories" forms: what each offers, and what was typed as plain values."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from flask_wtf import FlaskForm

from portal.directory.services import vocabulary_terms
from portal.forms import text
from portal.moderation.vocabulary import VOCABULARY_NAMES
from portal.oruk.feeds import AUTO, FeedDetails
from portal.oruk.models import FeedKind

KIND_CHOICES = [
    (FeedKind.API.value, "An Open Referral UK API", "Its address answers with its version."),
    (FeedKind.JSON.value, "A JSON file of services", None),
    (FeedKind.CSV.value, "A CSV package", "A zip of the Open Referral UK tables."),
    (AUTO, "Work it out for me", "We ask the address what it is when you save."),
]
PULL_CHOICES = [("24", "Every day"), ("168", "Every week"), ("0", "Only when I ask")]
LEAVE_OUT = "leave-out"  # a term left out on purpose (no term of ours)


class FeedForm(FlaskForm):
    """Another directory's details as typed: the service (`feeds.register_feed`,
    `feeds.update_feed`) checks them. The radios and the checkbox send one value each, read
    as text so that whatever was chosen is shown again on an error."""

    name = text("Whose listings are these?")
    url = text("Web address")
    kind = text("What is at that address?")
    contact_email = text("Email address for problems with their listings")
    pull_every_hours = text("How often should we fetch their listings?")
    auto_apply = text("Applying their changes")  # "yes" when ticked

    def details(self) -> FeedDetails:
        """What the service takes: a number of hours, or None for a choice that is not one."""
        hours = self.pull_every_hours.data
        return FeedDetails(
            name=self.name.data,
            url=self.url.data,
            kind=self.kind.data,
            contact_email=self.contact_email.data,
            pull_every_hours=int(hours) if hours.isdigit() else None,
            auto_apply=self.auto_apply.data == "yes",
        )


def shown(details: FeedDetails) -> dict[str, str]:
    """A feed's saved details as the form shows them."""
    return {
        "name": details.name,
        "url": details.url,
        "kind": details.kind,
        "contact_email": details.contact_email,
        "pull_every_hours": str(details.pull_every_hours),
        "auto_apply": "yes" if details.auto_apply else "",
    }


def term_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Our terms for the mapping page's select, grouped by vocabulary: (label, [(id, name)])."""
    return [
        (label, [(str(term.id), term.name) for term in vocabulary_terms(slug)])
        for slug, label in VOCABULARY_NAMES.items()
    ]


class CategoriesForm(FlaskForm):
    """The mapping page: row `n` sends its category's key (`key-n`, hidden) and the term of
    ours chosen for it (`term-n`). Made for as many rows as the page drew, by
    `categories_form`."""

    def sent(self) -> dict[str, str]:
        """The rows' values the page sent, by field name: none on a first visit, and none for
        a row the page did not draw (a category listed since it was shown)."""
        return {f.name: f.data for f in self if f.name != "csrf_token" and f.raw_data}


def categories_form(rows: int) -> CategoriesForm:
    """The mapping page's form for `rows` of their categories."""
    fields = {}
    for n in range(rows):
        fields[f"key-{n}"] = text()
        fields[f"term-{n}"] = text()
    return type("CategoriesForm", (CategoriesForm,), fields)()


def chosen_terms(
    form: Mapping[str, str], known_keys: set[str]
) -> tuple[dict[str, uuid.UUID | None], dict[str, str]]:
    """Each row's choice on the mapping page, by the feed's term key (each row carries its
    key, so a term listed since the page was shown moves nothing): our term's id, or None to
    leave it out; rows left on "Choose" are not in it. Also the rows whose choice is not one
    of ours, by field name."""
    ours = {term_id for _label, terms in term_groups() for term_id, _name in terms}
    choices: dict[str, uuid.UUID | None] = {}
    problems: dict[str, str] = {}
    n = 0
    while f"key-{n}" in form:
        key, value = form[f"key-{n}"], (form.get(f"term-{n}") or "").strip()
        if key in known_keys and value:
            if value == LEAVE_OUT:
                choices[key] = None
            elif value in ours:
                choices[key] = uuid.UUID(value)
            else:
                problems[f"term-{n}"] = "Choose one of our needs, audiences or kinds of activity"
        n += 1
    return choices, problems


def selected_value(term, form: Mapping[str, str], n: int) -> str:
    """What row `n` of the mapping page shows chosen: what was sent (on an error), else the
    decision so far ("" while undecided)."""
    if form.get(f"key-{n}") == term.source_key and f"term-{n}" in form:
        return form[f"term-{n}"]
    if term.decided_at is None:
        return ""
    return str(term.term_id) if term.term_id else LEAVE_OUT
