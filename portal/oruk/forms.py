"""The "Other directories" forms: what each offers, and what was typed as plain values."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from portal.directory.services import vocabulary_terms
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
FIELDS = ("name", "url", "kind", "contact_email", "pull_every_hours", "auto_apply")


def typed(form: Mapping[str, str]) -> dict[str, str]:
    """What the person typed, to show again on an error."""
    return {key: (form.get(key) or "").strip() for key in FIELDS}


def feed_details(values: Mapping[str, str]) -> FeedDetails:
    hours = values.get("pull_every_hours", "")
    return FeedDetails(
        name=values.get("name", ""),
        url=values.get("url", ""),
        kind=values.get("kind", ""),
        contact_email=values.get("contact_email", ""),
        pull_every_hours=int(hours) if hours.isdigit() else None,
        auto_apply=values.get("auto_apply") == "yes",
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
