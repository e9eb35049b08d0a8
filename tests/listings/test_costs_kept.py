"""A listing with several costs (a membership and a charge each time) keeps every one of them,
with its own words, through an edit of something else: read as data, changed in the guided
form, approved by an editor, and from revisions saved before listings held more than one cost."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from portal.accounts.models import Role
from portal.directory.models import CostOption
from portal.extensions import db
from portal.listings import steps
from portal.listings.data import listing_data
from portal.listings.wording import differences, summary
from portal.listings.writing import apply_listing_data
from portal.moderation import services
from portal.moderation.models import ListingRevision
from tests import factories
from tests.listings.test_views import error_for, fill, send, value_of, visit
from tests.support import html_of, post

TWO_COSTS = [
    ("Annual membership", Decimal("10.00"), "£10.00 a year"),
    ("Per afternoon", Decimal("1.50"), "£1.50 each time, including tea"),
]


def costs_of(service) -> list[tuple]:
    """The listing's cost options as the database holds them, in the order they are read."""
    db.session.expire_all()
    rows = db.session.scalars(select(CostOption).where(CostOption.service_id == service.id))
    return [(o.option, o.amount, o.amount_description) for o in rows]


@pytest.fixture
def editor(app):
    return factories.user("eve@example.org", role=Role.EDITOR, name="Eve Editor")


@pytest.fixture
def club(org):
    """A live social club charging a yearly membership and a little each afternoon."""
    service = factories.service("Crowthorne Afternoon Club", org=org)
    for label, amount, notes in TWO_COSTS:
        service.cost_options.append(
            CostOption(option=label, amount=amount, amount_description=notes)
        )
    db.session.commit()
    return service


# --- as data -----------------------------------------------------------------------------------


def test_every_cost_survives_reading_and_writing_the_listing(club):
    data = listing_data(club)
    assert (data["free"], data["cost_label"], data["cost_amount"]) == (
        False,
        "Annual membership",
        "10.00",
    )
    assert data["cost_notes"] == "£10.00 a year"
    assert data["more_costs"] == [
        {"label": "Per afternoon", "amount": "1.50", "notes": "£1.50 each time, including tea"}
    ]

    apply_listing_data(club, data)
    db.session.commit()

    assert costs_of(club) == TWO_COSTS
    assert listing_data(club) == data


def test_changed_costs_keep_their_order(club):
    """Changing a cost writes the costs afresh, in the order the data gives them."""
    for first, second in (("12.00", "2.00"), ("12.50", "2.50")):
        data = listing_data(club)
        data["cost_amount"] = first
        data["more_costs"][0]["amount"] = second
        apply_listing_data(club, data)
        db.session.commit()
        assert [(label, str(amount)) for label, amount, _notes in costs_of(club)] == [
            ("Annual membership", first),
            ("Per afternoon", second),
        ]


def test_choosing_free_takes_every_cost_off(club):
    typed = MultiDict(
        {
            "free": "yes",
            "cost_amount": "10",
            "costs-0-label": "Per afternoon",
            "costs-0-amount": "1",
        }
    )
    parsed = steps.parse_cost(MultiDict({**typed, "how_to_join": "turn_up"}), {})
    assert (parsed.problems, parsed.changes["more_costs"]) == ({}, [])
    apply_listing_data(club, {**listing_data(club), **parsed.changes})
    db.session.commit()
    assert costs_of(club) == []


def test_costs_are_summarised_in_plain_english(club):
    data = listing_data(club)
    assert summary(data)["Cost"] == (
        "Annual membership: £10.00 a year; Per afternoon: £1.50 each time, including tea"
    )
    dearer = {**data, "more_costs": [{**data["more_costs"][0], "amount": "2.00"}]}
    assert differences(data, dearer) == [
        (
            "Cost",
            summary(data)["Cost"],
            "Annual membership: £10.00 a year; Per afternoon: £2 (£1.50 each time, including tea)",
        )
    ]


# --- through the guided form -------------------------------------------------------------------


def _open_edit(member_client, service) -> str:
    """The group starts changing the listing; the address of its draft's pages."""
    response = post(member_client, f"/listings/{service.id}/edit")
    assert response.status_code == 302, html_of(response)[-2000:]
    revision = db.session.scalars(
        select(ListingRevision).where(ListingRevision.service_id == service.id)
    ).one()
    return f"/listings/drafts/{revision.id}"


def test_editing_the_description_keeps_both_costs(member_client, member, editor, club):
    drafts = _open_edit(member_client, club)

    response = send(
        member_client,
        f"{drafts}/about",
        {"description": "A warm welcome, tea and cake, a raffle and a quiz every week."},
    )
    assert response.status_code == 302, html_of(response)[-2000:]
    # Clicking through the cost step without changing anything keeps both costs too.
    cost_page = visit(member_client, f"{drafts}/cost")
    assert value_of(cost_page, "cost_label") == "Annual membership"
    assert value_of(cost_page, "costs-0-label") == "Per afternoon"
    assert value_of(cost_page, "costs-0-amount") == "1.50"
    response = send(member_client, f"{drafts}/cost")
    assert response.status_code == 302, html_of(response)[-2000:]

    check = html_of(member_client.get(f"{drafts}/check"))
    assert "Per afternoon: £1.50 each time, including tea" in check
    assert send(member_client, f"{drafts}/check").status_code == 302

    revision = db.session.scalars(
        select(ListingRevision).where(ListingRevision.service_id == club.id)
    ).one()
    services.approve(revision, editor)

    assert costs_of(club) == TWO_COSTS
    assert club.description.startswith("A warm welcome")


def press(client, url: str, html: str, typed: dict | None = None, **buttons):
    """Send the form on the page a person is looking at (not a fresh copy), as a browser does."""
    return client.post(url, data=MultiDict(fill(html, typed or {}) + list(buttons.items())))


def test_the_cost_step_adds_and_removes_costs_without_javascript(member_client, club):
    drafts = _open_edit(member_client, club)
    url = f"{drafts}/cost"

    added = press(member_client, url, visit(member_client, url), action="add")
    assert added.status_code == 200  # "Add another cost": the page again, a row longer
    page = added.get_data(as_text=True)
    assert value_of(page, "costs-0-label") == "Per afternoon"
    assert 'name="costs-1-amount"' in page and value_of(page, "costs-1-amount") is None

    typed = {"costs-1-label": "Summer outing", "costs-1-amount": "twelve", "costs-1-notes": "Coach"}
    wrong = press(member_client, url, page, typed)
    assert wrong.status_code == 400
    page = wrong.get_data(as_text=True)
    assert error_for(page, "costs-1-amount") == "Enter the cost in pounds, like 3 or 2.50"
    assert '<a href="#costs-1-amount">' in page  # the summary links to that row's field
    assert value_of(page, "costs-1-label") == "Summer outing"
    assert value_of(page, "costs-1-amount") == "twelve"  # kept as typed
    assert value_of(page, "costs-1-notes") == "Coach"
    assert value_of(page, "costs-0-label") == "Per afternoon"

    # The amount put right and the afternoon charge removed, then saved: plain form posts.
    removed = press(member_client, url, page, {"costs-1-amount": "£12"}, action="remove-0")
    assert removed.status_code == 200
    page = removed.get_data(as_text=True)
    assert value_of(page, "costs-0-label") == "Summer outing"
    assert value_of(page, "costs-0-amount") == "12"
    assert 'name="costs-1-amount"' not in page
    assert press(member_client, url, page).status_code == 302

    revision = db.session.scalars(
        select(ListingRevision).where(ListingRevision.service_id == club.id)
    ).one()
    assert (revision.data["cost_label"], revision.data["cost_amount"]) == (
        "Annual membership",
        "10.00",
    )
    assert revision.data["more_costs"] == [
        {"label": "Summer outing", "amount": "12", "notes": "Coach"}
    ]


# --- revisions saved before listings held several costs ----------------------------------------


def test_an_old_revision_without_the_further_costs_keeps_them(member, editor, club):
    revision = services.start_edit(member, club)
    old_style = {k: v for k, v in revision.data.items() if k not in ("more_costs", "cost_label")}
    revision.data = {**old_style, "description": "Tea, cake, a raffle and a quiz every week."}
    db.session.commit()
    services.submit(revision, member)

    # The editor's review does not show the further costs as going: they are kept.
    assert [label for label, *_ in differences(listing_data(club), revision.data)] == [
        "What happens"
    ]

    services.approve(revision, editor)

    assert costs_of(club) == TWO_COSTS


def test_saying_there_are_no_further_costs_removes_them(club):
    data = listing_data(club)
    apply_listing_data(club, {**data, "more_costs": []})
    db.session.commit()
    assert costs_of(club) == TWO_COSTS[:1]
