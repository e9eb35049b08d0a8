"""A listing as data: what groups write and editors review must survive the trip to the page."""

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from portal.directory.models import (
    Accessibility,
    Location,
    PublicationState,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
)
from portal.extensions import db
from portal.listings.data import listing_data
from portal.listings.wording import differences
from portal.listings.writing import apply_listing_data, preview_service
from tests import factories


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def counts() -> dict[str, int]:
    return {
        model.__name__: count(model)
        for model in (Service, Location, ServiceAtLocation, Schedule, ServiceAttribute)
    }


# --- every demo listing, there and back -------------------------------------------------------


def test_every_demo_listing_survives_a_round_trip_through_a_preview(demo_app):
    with demo_app.app_context():
        try:
            before = counts()
            services = db.session.scalars(
                select(Service)
                .where(Service.publication_state == PublicationState.PUBLISHED)
                .order_by(Service.name)
            ).all()
            assert len(services) > 20
            lost = {}
            datas = []
            for service in services:
                data = listing_data(service)
                datas.append(data)
                again = listing_data(preview_service(data, service.organisation))
                if again != data:
                    lost[service.name] = {
                        key: (data[key], again[key]) for key in data if data[key] != again[key]
                    }
            assert lost == {}

            # The demo area has every kind of listing, so the round trip above covers them.
            assert any(len(d["sessions"]) > 1 for d in datas), "several schedules"
            assert {s["pattern"] for d in datas for s in d["sessions"]} >= {
                "weekly",
                "fortnightly",
                "monthly",
            }
            kinds = {p["kind"] for d in datas for p in d["places"]}
            assert kinds == {"venue", "home", "online"}
            assert any(not d["free"] and d["cost_amount"] for d in datas), "costs"
            assert any(d["contact_phone"] for d in datas), "contacts"
            assert any(d["contact_email"] for d in datas), "contacts"
            assert any(p["access"] for d in datas for p in d["places"]), "access facts"
            assert any(d["minimum_age"] is not None for d in datas), "ages"
            assert all(d["needs"] for d in datas), "needs"
            assert any(len(d["needs"]) > 1 for d in datas), "needs"
            assert any(d["audiences"] for d in datas), "audiences"
            assert any(d["activity_type"] for d in datas), "activity type"

            # Nothing previewed reaches the database, even when the session is flushed.
            db.session.flush()
            assert counts() == before
        finally:
            db.session.rollback()
            db.session.remove()


def test_a_listing_in_several_places_with_dated_sessions_survives_a_round_trip(app):
    """What the demo area lacks: several places of every kind, access details, seasons."""
    service = factories.service(
        needs=("loneliness-and-company", "getting-active"),
        audiences=("older-people", "carers"),
        minimum_age=50,
        maximum_age=90,
        location=factories.venue(
            accessibility=[
                Accessibility(code="hearing_loop", description="Hearing loop", details="Ring"),
                Accessibility(
                    code="step_free_access", description="Step-free access", details="Ring"
                ),
            ]
        ),
        schedules=[
            factories.weekly("TU", valid_from=date(2026, 4, 1), valid_to=date(2026, 9, 30)),
            factories.weekly("TH", "14:00", "15:30", interval=2, description="Not in August"),
        ],
        costs=[Decimal("2.50")],
    )
    service.service_at_locations.append(
        ServiceAtLocation(
            location=factories.venue(
                "Sue's house",
                address_1=None,  # the portal never keeps a home's street
                postal_code="RG45 6AA",
                mask_address=True,
                accessibility=[],
            )
        )
    )
    service.service_at_locations.append(ServiceAtLocation(location=factories.online()))
    db.session.commit()

    data = listing_data(service)
    assert [p["kind"] for p in data["places"]] == ["venue", "home", "online"]
    assert data["access_details"] == "Ring"
    assert len(data["sessions"]) == 2
    assert listing_data(preview_service(data, service.organisation)) == data

    before = counts()
    apply_listing_data(service, data)  # saving it unchanged changes nothing
    db.session.commit()
    db.session.expire_all()
    assert counts() == before
    assert listing_data(db.session.get(Service, service.id)) == data


# --- a preview is never saved ------------------------------------------------------------------


def test_a_preview_is_never_written_to_the_database(app):
    service = factories.service(
        needs=("loneliness-and-company", "getting-active"),
        audiences=("older-people",),
    )
    before = counts()
    data = listing_data(service)
    data["name"] = "Thursday Chatter Café"
    data["places"].append(
        {
            "kind": "venue",
            "name": "Crowthorne Library",
            "address_1": "Lower Broadmoor Road",
            "city": "Crowthorne",
            "postcode": "RG45 7LA",
            "latitude": 51.37,
            "longitude": -0.79,
            "url": "",
            "access": ["hearing_loop"],
        }
    )
    data["sessions"].append({**data["sessions"][0], "day": "TH"})

    preview = preview_service(data, service.organisation)
    assert preview.name == "Thursday Chatter Café"
    assert len(preview.locations) == 2
    assert preview not in db.session
    db.session.flush()
    db.session.commit()

    assert counts() == before
    assert db.session.scalars(select(Service.name)).all() == ["Tuesday Chatter Café"]
    db.session.expire_all()
    assert [loc.name for loc in service.organisation.services[0].locations] == ["Morgan Centre"]


# --- writing a listing back ------------------------------------------------------------------


def test_saving_a_listing_that_keeps_its_needs_commits(app):
    service = factories.service(
        needs=("loneliness-and-company", "getting-active"), audiences=("older-people",)
    )
    data = listing_data(service)
    data["name"] = "Tuesday Chatter and Walk"
    data["needs"] = list(reversed(data["needs"]))

    apply_listing_data(service, data)
    db.session.commit()  # would fail on the unique (service, term) constraint

    db.session.expire_all()
    saved = listing_data(db.session.get(Service, service.id))
    assert saved["name"] == "Tuesday Chatter and Walk"
    assert saved["needs"] == ["getting-active", "loneliness-and-company"]
    assert saved["audiences"] == ["older-people"]


def test_a_need_can_be_swapped_for_another(app):
    service = factories.service(needs=("loneliness-and-company", "getting-active"))
    data = listing_data(service)
    data["needs"] = ["getting-active", "money-and-debt"]

    apply_listing_data(service, data)
    db.session.commit()

    db.session.expire_all()
    assert listing_data(db.session.get(Service, service.id))["needs"] == [
        "getting-active",
        "money-and-debt",
    ]


def test_a_shared_venue_is_not_changed_when_one_listing_moves(app):
    org = factories.organisation()
    hall = factories.venue("Morgan Centre")
    staying = factories.service("Tuesday Chatter Café", org=org, location=hall)
    moving = factories.service("Knit and Natter", org=org, location=hall)
    assert staying.locations[0].id == moving.locations[0].id

    data = listing_data(moving)
    data["places"] = [
        {
            **data["places"][0],
            "name": "Crowthorne Library",
            "address_1": "Lower Broadmoor Road",
            "postcode": "RG45 7LA",
        }
    ]
    apply_listing_data(moving, data)
    db.session.commit()
    db.session.expire_all()

    moved = db.session.get(Service, moving.id)
    stayed = db.session.get(Service, staying.id)
    assert [loc.name for loc in moved.locations] == ["Crowthorne Library"]
    assert moved.locations[0].id != hall.id
    assert [(loc.id, loc.name, loc.address_1, loc.postal_code) for loc in stayed.locations] == [
        (hall.id, "Morgan Centre", "Wellington Road", "RG45 7AB")
    ]


def test_a_shared_venue_keeps_its_own_access_details_when_one_listing_adds_some(app):
    org = factories.organisation()
    hall = factories.venue("Morgan Centre")
    staying = factories.service("Tuesday Chatter Café", org=org, location=hall)
    changing = factories.service("Knit and Natter", org=org, location=hall)

    data = listing_data(changing)
    data["access_details"] = "We meet upstairs; there is no lift."
    apply_listing_data(changing, data)
    db.session.commit()
    db.session.expire_all()

    assert listing_data(db.session.get(Service, changing.id))["access_details"] == (
        "We meet upstairs; there is no lift."
    )
    assert listing_data(db.session.get(Service, staying.id))["access_details"] == ""


def test_a_listing_of_its_own_venue_moves_without_leaving_it_behind(app):
    service = factories.service()
    data = listing_data(service)
    data["places"][0].update(address_1="High Street", postcode="RG45 7LA")

    apply_listing_data(service, data)
    db.session.commit()
    db.session.expire_all()

    saved = db.session.get(Service, service.id)
    assert [(loc.address_1, loc.postal_code) for loc in saved.locations] == [
        ("High Street", "RG45 7LA")
    ]
    assert count(Location) == 1  # changed in place: no empty location left over
    assert listing_data(saved)["places"] == data["places"]


def test_clearing_the_access_details_removes_them(app):
    service = factories.service()
    data = listing_data(service)
    apply_listing_data(service, {**data, "access_details": "The lift is at the back."})
    db.session.commit()
    assert listing_data(service)["access_details"] == "The lift is at the back."

    apply_listing_data(service, {**data, "access_details": ""})
    db.session.commit()
    db.session.expire_all()

    assert listing_data(db.session.get(Service, service.id))["access_details"] == ""


def test_access_details_with_no_facts_ticked_are_kept(app, client):
    service = factories.service(location=factories.venue(accessibility=[]))
    data = listing_data(service)
    data["access_details"] = "Three steps at the front door; a ramp at the back."

    apply_listing_data(service, data)
    db.session.commit()
    db.session.expire_all()

    saved = listing_data(db.session.get(Service, service.id))
    assert saved["access_details"] == "Three steps at the front door; a ramp at the back."
    assert listing_data(preview_service(data, service.organisation))["access_details"] == (
        "Three steps at the front door; a ramp at the back."
    )
    from portal.cli import reindex_all

    reindex_all()
    page = client.get(f"/services/{service.id}").get_data(as_text=True)
    assert "Three steps at the front door; a ramp at the back." in page
    assert "About access" not in page  # the notes row is not shown as a fact


def test_the_groups_words_about_when_it_meets_are_kept_and_shown(app, client):
    service = factories.service()
    data = listing_data(service)
    data["schedule_note"] = "Dates are on our Facebook page"

    apply_listing_data(service, data)
    db.session.commit()
    db.session.expire_all()

    assert listing_data(db.session.get(Service, service.id))["schedule_note"] == (
        "Dates are on our Facebook page"
    )
    page = client.get(f"/services/{service.id}").get_data(as_text=True)
    assert "Dates are on our Facebook page" in page


def test_an_online_listing_round_trips(app):
    service = factories.service(location=factories.online())
    data = listing_data(service)
    assert data["places"] == [
        {
            "kind": "online",
            "name": "Online (Zoom)",
            "address_1": "",
            "city": "",
            "postcode": "",
            "latitude": None,
            "longitude": None,
            "url": "https://example.org/join",
            "access": [],
        }
    ]
    assert listing_data(preview_service(data, service.organisation)) == data


# --- what changed, in plain English ----------------------------------------------------------


def test_differences_lists_exactly_the_fields_that_changed(app):
    service = factories.service()
    before = listing_data(service)
    after = {**before, "name": "Tuesday Chatter and Cake", "free": False, "cost_amount": "2.50"}

    assert differences(before, after) == [
        ("Name", "Tuesday Chatter Café", "Tuesday Chatter and Cake"),
        ("Cost", "Free", "£2.50"),
    ]


def test_differences_describes_changed_times_and_places_in_words(app):
    service = factories.service()
    before = listing_data(service)
    after = listing_data(service)
    after["sessions"][0].update(day="TH", opens_at="14:00", closes_at="16:00")
    after["places"][0].update(kind="home", address_1="")

    changed = {label: (old, new) for label, old, new in differences(before, after)}
    assert set(changed) == {"When", "Where"}
    assert "Tuesday" in changed["When"][0] and "Thursday" in changed["When"][1]
    assert "Wellington Road" in changed["Where"][0]
    assert changed["Where"][1].startswith("At a home (only the area is shown)")
    assert "Wellington Road" not in changed["Where"][1]


def test_no_differences_when_nothing_changed(app):
    service = factories.service(costs=[Decimal("3")])
    assert differences(listing_data(service), listing_data(service)) == []


def test_a_new_listing_shows_every_field_it_fills(app):
    service = factories.service()
    labels = [label for label, old, _new in differences(None, listing_data(service))]
    assert "Name" in labels and "When" in labels and "Where" in labels
    assert "Kind of activity" not in labels  # not given, so not a change
