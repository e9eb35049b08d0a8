"""A listing's costs, joining and place as a resident reads them: every fact said, once."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

from portal.directory.models import CostOption, HowToJoin
from portal.listings.data import empty_listing
from portal.listings.wording import summary
from tests import factories


def facts(client, service) -> dict[str, str]:
    """The "At a glance" rows of the public page: label -> the words in it."""
    html = client.get(f"/services/{service.id}").get_data(as_text=True)
    rows = re.findall(
        r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*<dd class="govuk-summary-list__value">'
        r"(.*?)</dd>",
        html,
        re.S,
    )
    return {
        key.strip(): " ".join(unescape(re.sub(r"<[^>]+>", " ", value)).split())
        for key, value in rows
    }


def test_a_cost_with_a_note_shows_the_amount_and_the_note(client, app):
    tea = factories.service("Craft Club")
    tea.cost_options = [
        CostOption(option="Per session", amount=Decimal(2), amount_description="includes tea")
    ]
    factories.db.session.commit()
    assert facts(client, tea)["Cost"] == "£2 (includes tea)"


def test_several_costs_each_say_what_they_are_for_without_repeating_the_amount(client, app):
    club = factories.service("Walking Club")
    club.cost_options = [
        CostOption(option="Annual membership", amount=Decimal(10), amount_description="a year"),
        CostOption(option="Per walk", amount=Decimal("1.50"), amount_description="£1.50 each time"),
    ]
    factories.db.session.commit()
    assert (
        facts(client, club)["Cost"] == "Annual membership: £10 (a year) Per walk: £1.50 each time"
    )


def test_free_is_said_once(client, app):
    free = factories.service("Chatter", fees_description="Free of charge.")
    assert facts(client, free)["Cost"] == "Free of charge."
    donations = factories.service("Lunch", fees_description="Donations welcome.")
    assert facts(client, donations)["Cost"] == "Free. Donations welcome."


def test_how_to_join_is_not_repeated_when_the_details_say_it_first(client, app):
    group = factories.service(
        "Coffee Morning",
        how_to_join=HowToJoin.TURN_UP,
        application_process="Just turn up; doors open at 10:30am",
    )
    assert facts(client, group)["How to join"] == "Just turn up; doors open at 10:30am"
    booked = factories.service(
        "Tai Chi", how_to_join=HowToJoin.BOOK, application_process="Ring Sue on 01344 000000"
    )
    assert facts(client, booked)["How to join"] == "Book first. Ring Sue on 01344 000000"


def test_a_town_is_not_repeated_in_the_address(client, app):
    hall = factories.service(
        "Binfield Lunch",
        location=factories.venue(
            name="Binfield", address_1=None, city="Binfield", postal_code="RG42 4EW"
        ),
    )
    assert facts(client, hall)["Where"] == "Binfield RG42 4EW"


def test_the_check_page_says_each_fact_once_too(app):
    data = empty_listing() | {
        "free": True,
        "cost_notes": "Free of charge.",
        "how_to_join": "turn_up",
        "join_details": "Just turn up; doors open at 10:30am",
        "places": [
            {"kind": "venue", "name": "Binfield", "city": "Binfield", "postcode": "RG42 4EW"}
        ],
    }
    said = summary(data)
    assert said["Cost"] == "Free of charge."
    assert said["How to join"] == "Just turn up; doors open at 10:30am"
    assert said["Where"] == "Binfield, RG42 4EW"
    paid = data | {
        "free": False,
        "cost_amount": "10",
        "cost_label": "Annual membership",
        "cost_notes": "£10 a year",
    }
    assert summary(paid)["Cost"] == "Annual membership: £10 a year"
