"""The dry run: every import is checked first, its report kept, and nothing written to the
directory until someone applies it."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from portal.directory.services import get_term
from portal.extensions import db
from portal.oruk.apply import apply_run
from portal.oruk.mappings import feed_terms, set_mapping
from portal.oruk.models import ChangeAction, ImportRun, PlannedChange, RunState
from portal.oruk.plan import discard_run, start_run
from portal.oruk.pull import register_source
from portal.oruk.report import MISSING_CONTACT, MISSING_NEED, MISSING_PLACE, Report
from portal.validation import AlreadyDecided
from tests import factories
from tests.oruk.importing import (
    directory_counts,
    service_record,
    term_attribute,
    vocabularies,
    write_json,
)


def report_of(run: ImportRun) -> Report:
    return Report.from_json(run.report)


def planned(run: ImportRun) -> list[PlannedChange]:
    return list(
        db.session.scalars(
            select(PlannedChange).where(PlannedChange.run_id == run.id).order_by(PlannedChange.id)
        )
    )


def file_feed(tmp_path, records: list[dict]):
    vocabularies()
    return register_source(str(write_json(tmp_path, records)), name="Test file")


def test_a_dry_run_counts_new_listings_and_writes_nothing(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(1), service_record(2)])
    before = directory_counts()

    run = start_run(feed)

    assert run.state is RunState.READY
    report = report_of(run)
    assert report.counts == {"new": 2, "changed": 0, "unchanged": 0, "withdrawn": 0, "rejected": 0}
    assert report.read == 2 and report.full is True
    assert report.problems == [] and report.incomplete == [] and report.duplicates == []
    assert report.clean
    assert (run.new_count, run.problem_count) == (2, 0)
    assert [(c.action, c.external_id) for c in planned(run)] == [
        (ChangeAction.NEW, "svc-1"),
        (ChangeAction.NEW, "svc-2"),
    ]
    assert directory_counts() == before


def test_applied_records_read_again_are_unchanged_and_plan_nothing(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(1), service_record(2)])
    apply_run(start_run(feed).id, None)

    again = start_run(feed)

    assert report_of(again).counts["unchanged"] == 2
    assert (again.new_count, again.changed_count, again.withdrawn_count) == (0, 0, 0)
    assert planned(again) == []


def test_a_changed_record_and_a_vanished_one_are_planned(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(1), service_record(2), service_record(3)])
    apply_run(start_run(feed).id, None)
    write_json(tmp_path, [service_record(1, description="Now on Thursdays."), service_record(2)])

    run = start_run(feed)

    report = report_of(run)
    assert report.counts == {"new": 0, "changed": 1, "unchanged": 1, "withdrawn": 1, "rejected": 0}
    assert [w["record_id"] for w in report.withdrawn] == ["svc-3"]
    assert report.withdrawn[0]["name"] == "Walking group 3"
    actions = {c.external_id: c.action for c in planned(run)}
    assert actions == {"svc-1": ChangeAction.CHANGED, "svc-3": ChangeAction.WITHDRAWN}


def test_the_report_says_what_the_public_page_would_lack(app, tmp_path):
    bare = service_record(
        4,
        url=None,
        email=None,
        application_process=None,
        contacts=[],
        service_at_locations=[],
        attributes=[],
    )
    feed = file_feed(tmp_path, [bare, service_record(5)])

    report = report_of(start_run(feed))

    assert report.incomplete == [
        {
            "record_id": "svc-4",
            "name": "Walking group 4",
            "missing": [MISSING_PLACE, MISSING_NEED, MISSING_CONTACT],
        }
    ]


def test_an_online_listing_has_a_place(app, tmp_path):
    online = service_record(
        6,
        service_at_locations=[
            {
                "id": "sal-online",
                "location_id": "loc-online",
                "location": {
                    "id": "loc-online",
                    "location_type": "virtual",
                    "name": "Zoom",
                    "url": "https://zoom.example.org/walks",
                },
            }
        ],
    )
    feed = file_feed(tmp_path, [online])

    assert report_of(start_run(feed)).incomplete == []


def test_the_report_names_listings_we_may_already_have(app, tmp_path):
    ours = factories.service(
        "Lily Hill Walkers",
        location=factories.venue(
            "Lily Hill Park", latitude=51.4156, longitude=-0.7301, postal_code="RG12 2SJ"
        ),
    )
    feed = file_feed(tmp_path, [service_record(1, name="Lily Hill Walkers")])

    report = report_of(start_run(feed))

    assert len(report.duplicates) == 1
    duplicate = report.duplicates[0]
    assert duplicate["record_id"] == "svc-1"
    assert duplicate["name"] == "Lily Hill Walkers"
    assert "Lily Hill Park" in duplicate["place"]
    assert (duplicate["service_id"], duplicate["service_name"]) == (
        str(ours.id),
        "Lily Hill Walkers",
    )
    assert not report.clean


def test_a_record_with_an_error_is_rejected_with_its_id_field_and_reason(app, tmp_path):
    broken = {"id": "svc-broken", "description": "No name, no organisation."}
    feed = file_feed(tmp_path, [broken, service_record(1)])

    run = start_run(feed)

    report = report_of(run)
    assert report.counts["rejected"] == 1 and report.counts["new"] == 1
    errors = [p for p in report.problems if p["record_id"] == "svc-broken"]
    assert errors and all(p["field"] and p["reason"] for p in errors)
    assert any(p["severity"] == "error" for p in errors)
    assert [c.external_id for c in planned(run)] == ["svc-1"]


def test_a_record_listed_twice_is_read_once(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(1), service_record(1, name="Again")])

    report = report_of(start_run(feed))

    assert report.counts["new"] == 1 and report.counts["rejected"] == 1
    assert report.problems[0]["record_id"] == "svc-1"
    assert "more than once" in report.problems[0]["reason"]


def test_a_record_without_an_assured_date_is_warned_about_once(app, tmp_path):
    undated = service_record(1)
    del undated["assured_date"]
    feed = file_feed(tmp_path, [undated, service_record(2)])

    report = report_of(start_run(feed))

    warnings = [p for p in report.problems if p["field"] == "assured_date"]
    assert [(p["record_id"], p["severity"]) for p in warnings] == [("svc-1", "warning")]
    assert "checked" in warnings[0]["reason"]
    assert report.counts["new"] == 2


def test_unmapped_terms_are_counted_listed_and_mapped_once_decided(app, tmp_path):
    ferrets = term_attribute("Council needs", "F1", "Ferret care", term_id="t-ferrets")
    records = [service_record(n, attributes=[ferrets]) for n in (1, 2)]
    feed = file_feed(tmp_path, records)

    first = report_of(start_run(feed))

    assert first.unmapped_terms == [
        {
            "key": first.unmapped_terms[0]["key"],
            "taxonomy": "Council needs",
            "name": "Ferret care",
            "records": 2,
        }
    ]
    waiting = feed_terms(feed.id)
    assert [(t.source_name, t.decided_at) for t in waiting] == [("Ferret care", None)]
    assert not first.clean
    admin = factories.user("admin@example.org")
    set_mapping(
        feed.id, waiting[0].source_key, get_term("needs", "loneliness-and-company").id, admin
    )

    second = start_run(feed)

    assert report_of(second).unmapped_terms == []
    data = json.loads(planned(second)[0].data)
    assert data["listing"]["needs"] == ["loneliness-and-company"]


def test_a_file_that_cannot_be_read_fails_the_run_and_keeps_no_plan(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(1)])
    (tmp_path / "feed.json").write_text('[{"id": "svc-1", ', encoding="utf-8")
    before = directory_counts()

    run = start_run(feed)

    assert run.state is RunState.FAILED
    assert report_of(run).fatal
    assert planned(run) == []
    assert directory_counts() == before


def test_a_dry_run_can_be_set_aside_once(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(1)])
    admin = factories.user("admin@example.org", name="Ada Admin")
    run = start_run(feed)

    discard_run(run.id, admin)

    assert db.session.get(ImportRun, run.id).state is RunState.DISCARDED
    with pytest.raises(AlreadyDecided) as again:
        discard_run(run.id, admin)
    assert "set aside by Ada Admin" in again.value.message
    with pytest.raises(AlreadyDecided):
        apply_run(run.id, admin)
    assert db.session.scalar(select(func.count()).select_from(PlannedChange)) == 1
