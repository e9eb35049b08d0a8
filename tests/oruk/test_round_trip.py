"""Round trip: the demo directory exported as ORUK JSON lines and as the ORUK CSV package,
each imported into an empty portal, comes back listing by listing as residents read it; and
importing the same export again changes nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from portal.directory.models import Service
from portal.directory.presenters import address_lines, place_text
from portal.directory.services import listing_load_options, public_services
from portal.extensions import db
from portal.listings.data import listing_data
from portal.oruk.apply import apply_run
from portal.oruk.models import RecordType, RunState, SourceRecord
from portal.oruk.plan import start_run
from portal.oruk.pull import register_source
from portal.oruk.report import Report
from tests.oruk.importing import vocabularies

COMPARED = (
    "name",
    "description",
    "free",
    "cost_label",
    "cost_amount",
    "cost_notes",
    "more_costs",
    "contact_name",
    "contact_email",
    "contact_phone",
    "website",
    "needs",
    "audiences",
    "activity_type",
    "status",
    "alert",
    "minimum_age",
    "maximum_age",
    "how_to_join",
    "join_details",
    "schedule_note",
)


def as_residents_read_it(service: Service) -> dict:
    """What the public page shows of a listing, in the terms the round trip promises."""
    data = listing_data(service)
    shown = {key: data[key] for key in COMPARED}
    shown["organisation"] = service.organisation.name
    shown["sessions"] = sorted(json.dumps(s, sort_keys=True) for s in data["sessions"])
    shown["places"] = sorted(
        (place_text(loc), tuple(address_lines(loc)), loc.location_type.value)
        for loc in service.locations
    )
    return shown


def public_listings() -> dict[str, dict]:
    services = db.session.scalars(public_services().options(*listing_load_options())).all()
    return {str(s.id): as_residents_read_it(s) for s in services}


@pytest.fixture(scope="module")
def demo_exports(demo_app, tmp_path_factory):
    """The demo directory as the command line exports it, in both formats, and what its
    public listings show."""
    folder = tmp_path_factory.mktemp("exports")
    runner = demo_app.test_cli_runner()
    for form, name in (("ndjson", "directory.ndjson"), ("csv", "directory.zip")):
        result = runner.invoke(
            args=["oruk", "export", "--format", form, "--output", str(folder / name)]
        )
        assert result.exit_code == 0, result.output
    with demo_app.app_context():
        expected = public_listings()
        db.session.remove()
    return folder, expected


def imported_listings(feed_id) -> dict[str, dict]:
    """Each imported listing by its id in the feed (the demo listing's id)."""
    records = db.session.scalars(
        select(SourceRecord).where(
            SourceRecord.feed_id == feed_id, SourceRecord.record_type == RecordType.SERVICE
        )
    ).all()
    local = {r.local_id: r.external_id for r in records}
    services = db.session.scalars(
        select(Service).where(Service.id.in_(local)).options(*listing_load_options())
    ).all()
    return {local[s.id]: as_residents_read_it(s) for s in services}


@pytest.mark.parametrize("name", ["directory.ndjson", "directory.zip"])
def test_the_demo_directory_comes_back_the_same_and_a_second_import_changes_nothing(
    app, demo_exports, name
):
    folder, expected = demo_exports
    vocabularies()
    feed = register_source(str(folder / name), name="Demo directory")

    run = start_run(feed)

    report = Report.from_json(run.report)
    assert run.state is RunState.READY, report.fatal
    assert [p for p in report.problems if p["severity"] == "error"] == []
    assert report.unmapped_terms == []
    assert run.new_count == len(expected) >= 400
    apply_run(run.id, None)
    came_back = imported_listings(feed.id)
    assert set(came_back) == set(expected)
    differences = {
        (record_id, key): (expected[record_id][key], came_back[record_id][key])
        for record_id in expected
        for key in expected[record_id]
        if expected[record_id][key] != came_back[record_id][key]
    }
    assert differences == {}
    assert len(public_services_ids()) == len(expected), "every listing is public here too"
    versions = dict(db.session.execute(select(Service.id, Service.updated_at)).all())

    again = start_run(feed)

    assert (again.new_count, again.changed_count, again.withdrawn_count) == (0, 0, 0)
    assert again.unchanged_count == len(expected)
    apply_run(again.id, None)
    assert dict(db.session.execute(select(Service.id, Service.updated_at)).all()) == versions
    assert imported_listings(feed.id) == came_back


def public_services_ids() -> list:
    return db.session.scalars(public_services().with_only_columns(Service.id)).all()


def test_a_listing_published_and_read_back_keeps_every_field_a_group_writes(app):
    """Beyond the demo: a note about when it meets, a referral with its details, a home
    shown only as an area, costs with notes, ages and an alert survive our record and the
    importer's reading of it."""
    from decimal import Decimal

    from portal.api.records import iter_service_records
    from portal.directory.models import CostOption, HowToJoin
    from portal.oruk.normalise import normalise
    from tests import factories

    service = factories.service(
        "Knit and Natter",
        location=factories.venue(
            "Sue's house", address_1="4 Hidden Lane", postal_code="RG12 9ZZ", mask_address=True
        ),
        how_to_join=HowToJoin.REFERRAL,
        application_process="Ask your GP or link worker.",
        schedule_note="Dates are on our Facebook page",
        minimum_age=18,
        maximum_age=99,
        alert="No session on 24 December",
    )
    service.cost_options = [
        CostOption(option="Per session", amount=Decimal("2.50"), amount_description="Tea too"),
        CostOption(option="Yarn pack", amount=Decimal("5.00")),
    ]
    db.session.commit()
    before = listing_data(db.session.get(Service, service.id))
    [record] = [r for r in iter_service_records(full=True) if r["id"] == str(service.id)]

    after = normalise(record, lambda term: None).listing

    for key in COMPARED:
        if key not in ("needs", "audiences", "activity_type"):
            assert after[key] == before[key], key
    [place] = after["places"]
    assert place["kind"] == "home" and place["postcode"] == "RG12"
    assert "Hidden Lane" not in json.dumps(record)
    assert after["sessions"] == before["sessions"]
