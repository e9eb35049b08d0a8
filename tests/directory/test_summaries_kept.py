"""A results list keeps each listing's places, times and costs per worker while the listing
is unchanged: what a person reads must still be what the listing says after every edit."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from portal.directory.models import CostOption, Location, Schedule
from portal.directory.summaries import service_summaries
from portal.extensions import db
from tests import factories


def summary(listing_id):
    (found,) = service_summaries([listing_id])
    return found


def test_every_edit_to_what_a_result_shows_is_shown_at_once(app):
    listing = factories.service("Bowls Club", costs=[Decimal("2.00")])
    listing_id = listing.id
    first = summary(listing_id)
    assert [c.amount for c in first.cost_options] == [Decimal("2.00")]
    assert summary(listing_id) == first  # unchanged: the kept copy

    schedule = db.session.scalar(select(Schedule).where(Schedule.service_id == listing_id))
    schedule.byday = "FR"
    db.session.commit()
    assert [s.byday for s in summary(listing_id).schedules] == ["FR"]

    cost = db.session.scalar(select(CostOption).where(CostOption.service_id == listing_id))
    cost.amount = Decimal("3.50")
    db.session.commit()
    assert [c.amount for c in summary(listing_id).cost_options] == [Decimal("3.50")]

    venue = db.session.scalar(select(Location).where(Location.name == "Morgan Centre"))
    venue.city = "Sandhurst"  # the place changes, not the listing's own row
    db.session.commit()
    assert [p.city for p in summary(listing_id).locations] == ["Sandhurst"]


def test_a_need_renamed_in_the_vocabulary_is_shown_renamed(app):
    from portal.directory.services import get_term

    listing = factories.service("Lunch Club", needs=("food",))
    assert [n.code for n in summary(listing.id).needs] == ["food"]
    get_term("needs", "food").name = "Meals and groceries"
    db.session.commit()  # the listing itself is not touched
    assert [n.name for n in summary(listing.id).needs] == ["Meals and groceries"]
