"""Shortlist rules: adding and removing (and the cap), refusing personal identifiers, share
links that expire, and what a list notices about an activity since it was added."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from portal.accounts.models import Role
from portal.directory.models import PublicationState, ServiceStatus
from portal.extensions import db
from portal.prescribing.shortlists import sending as shortlist_sending
from portal.prescribing.shortlists import services as shortlists
from portal.prescribing.shortlists.checks import changed_facts, identifier_problem, is_closed
from portal.validation import NotAllowed, NotFound, ValidationFailed
from tests import factories

TODAY = date(2026, 6, 1)
NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def gp(app):
    return factories.user("gp@example.org", role=Role.PROFESSIONAL, name="Dr Ann Lee")


@pytest.fixture
def cafe(app):
    return factories.service("Tuesday Chatter Café")


@pytest.fixture
def walk(app):
    return factories.service("Health Walk", org=factories.organisation("Walkers"))


# --- visitors' lists --------------------------------------------------------------------------


def test_a_visitor_adds_once_and_removes(cafe, walk):
    ids, added = shortlists.visitor_add([], cafe)
    assert added and ids == [str(cafe.id)]
    again, added = shortlists.visitor_add(ids, cafe)
    assert not added and again == ids
    ids, _ = shortlists.visitor_add(ids, walk)
    assert [s.name for s in shortlists.visitor_services(ids)] == [
        "Tuesday Chatter Café",
        "Health Walk",
    ]
    assert shortlists.visitor_remove(ids, str(cafe.id)) == [str(walk.id)]


def test_a_visitor_list_holds_thirty_at_most(cafe):
    full = [str(uuid.uuid4()) for _ in range(shortlists.MAX_ITEMS)]
    with pytest.raises(ValidationFailed) as refused:
        shortlists.visitor_add(full, cafe)
    assert "30 activities, the most it can hold" in refused.value.message
    assert "Remove one" in refused.value.message


def test_only_public_activities_can_be_added(app):
    hidden = factories.service("Hidden club", state=PublicationState.HIDDEN)
    defunct = factories.service("Old club", status=ServiceStatus.DEFUNCT)
    for service_id in (str(hidden.id), str(defunct.id), str(uuid.uuid4()), "not-an-id"):
        with pytest.raises(NotFound):
            shortlists.addable_service(service_id)


def test_a_visitor_list_leaves_out_what_is_no_longer_listed(cafe, walk):
    ids = [str(cafe.id), "junk", str(walk.id)]
    walk.publication_state = PublicationState.ARCHIVED
    db.session.commit()
    assert [s.name for s in shortlists.visitor_services(ids)] == ["Tuesday Chatter Café"]


# --- named lists ------------------------------------------------------------------------------


def test_adding_keeps_the_facts_and_the_order(gp, cafe, walk):
    mine = shortlists.current_or_new(gp, None)
    assert mine.name == "My shortlist"
    assert shortlists.add_item(mine, cafe) and shortlists.add_item(mine, walk)
    assert not shortlists.add_item(mine, cafe)  # already there
    first = mine.items[0]
    assert first.snapshot["name"] == "Tuesday Chatter Café"
    assert first.snapshot["when"] == "Every Tuesday, 10am to 12 noon"
    assert "Morgan Centre" in first.snapshot["where"]
    assert first.snapshot["cost"] == "Free"
    assert first.snapshot["how_to_join"] == "Just turn up"
    assert "01632 960123" in first.snapshot["contact"]
    assert first.snapshot["status"] == "active"

    shortlists.move_item(mine, mine.items[1].id, -1)
    assert [i.service.name for i in mine.items] == ["Health Walk", "Tuesday Chatter Café"]
    shortlists.move_item(mine, mine.items[0].id, -1)  # the top stays the top
    assert [i.service.name for i in mine.items] == ["Health Walk", "Tuesday Chatter Café"]
    removed = shortlists.remove_item(mine, mine.items[0].id)
    assert removed.name == "Health Walk"
    assert [(i.service.name, i.position) for i in mine.items] == [("Tuesday Chatter Café", 0)]


def test_a_named_list_holds_thirty_at_most(gp, cafe, monkeypatch):
    mine = shortlists.create_list(gp, "Ideas")
    monkeypatch.setattr(shortlists, "MAX_ITEMS", 1)
    shortlists.add_item(mine, cafe)
    other = factories.service("Knit and natter")
    with pytest.raises(ValidationFailed, match="the most it can hold"):
        shortlists.add_item(mine, other)


def test_the_current_list_is_the_remembered_one_while_it_is_yours(gp, app):
    older = shortlists.create_list(gp, "Older")
    newer = shortlists.create_list(gp, "Newer")
    someone = factories.user("other@example.org", name="Other Person")
    theirs = shortlists.create_list(someone, "Theirs")
    assert shortlists.find_current(gp, str(older.id)) is older
    assert shortlists.find_current(gp, str(theirs.id)) in (older, newer)
    assert shortlists.find_current(someone, None) is theirs


def test_only_the_owner_may_open_a_list(gp, app):
    mine = shortlists.create_list(gp, "Ideas")
    someone = factories.user("other@example.org", name="Other Person")
    assert shortlists.get_own_list(gp, str(mine.id)) is mine
    with pytest.raises(NotAllowed):
        shortlists.get_own_list(someone, str(mine.id))
    for missing in (str(uuid.uuid4()), "nonsense"):
        with pytest.raises(NotFound):
            shortlists.get_own_list(gp, missing)


@pytest.mark.parametrize(
    ("name", "message"),
    [("  ", "Enter a name for the list"), ("Call 07700 900123", "Leave out phone numbers")],
)
def test_a_list_needs_a_harmless_name(gp, name, message):
    with pytest.raises(ValidationFailed) as refused:
        shortlists.create_list(gp, name)
    assert refused.value.field == "name" and message in refused.value.message


# --- no personal identifiers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Email her at pat.example@mail.co.uk", "Leave out email addresses"),
        ("Ring 07700 900123 after 5", "Leave out phone numbers"),
        ("Mobile +44 7700 900123", "Leave out phone numbers"),
        ("Home (01344) 352000", "Leave out phone numbers"),
        ("tel 01632960123", "Leave out phone numbers"),
        ("NHS 943 476 5919", "Leave out NHS numbers"),
        ("nhs no. 9434765919", "Leave out NHS numbers"),
        ("Born 12/03/1950", "Leave out dates of birth"),
        ("dob 12.03.50", "Leave out dates of birth"),
        ("1950-03-12", "Leave out dates of birth"),
        ("born 12 March 1950", "Leave out dates of birth"),
    ],
)
def test_text_that_identifies_someone_is_refused(text, starts):
    problem = identifier_problem(text, TODAY)
    assert problem and problem.startswith(starts)
    assert "the list may be shared" in problem


@pytest.mark.parametrize(
    "text",
    [
        "Tuesdays 10am to 12 noon, £3.50 a session",
        "Take the 194 bus; room 10 on the first floor",
        "Taster session on 14/09/2026, bring trainers",
        "Loves gardening and wants to meet people",
        "",
    ],
)
def test_ordinary_notes_are_fine(text):
    assert identifier_problem(text, TODAY) is None


def test_refused_text_saves_nothing_and_names_each_field(gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    item = mine.items[0]
    with pytest.raises(shortlists.Problems) as refused:
        shortlists.save_texts(
            mine, "Wants company. Call 07700 900123", {item.id: "DOB 12/03/1950"}, TODAY
        )
    assert set(refused.value.problems) == {"what_matters", f"note-{item.id}"}
    db.session.expire_all()
    assert mine.what_matters == "" and mine.items[0].note == ""

    shortlists.save_texts(mine, "Getting out of the house", {item.id: "Ask for Sue"}, TODAY)
    db.session.expire_all()
    assert (mine.what_matters, mine.items[0].note) == ("Getting out of the house", "Ask for Sue")


def test_notes_have_a_length_limit(gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    with pytest.raises(shortlists.Problems) as refused:
        shortlists.save_texts(mine, "", {mine.items[0].id: "x" * 501}, TODAY)
    assert "500 characters or fewer" in refused.value.message


# --- share links ------------------------------------------------------------------------------


def test_a_share_link_works_until_the_moment_it_expires(gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    shortlists.share(mine, NOW)
    token = mine.share_token
    assert len(token) >= 32
    ends = NOW + timedelta(days=90)
    assert shortlists.shared_list(token, ends - timedelta(seconds=1)) is mine
    with pytest.raises(shortlists.LinkExpired):
        shortlists.shared_list(token, ends)


def test_renewing_keeps_a_live_link_and_replaces_an_expired_one(gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    shortlists.share(mine, NOW)
    token = mine.share_token
    shortlists.share(mine, NOW + timedelta(days=30))
    assert mine.share_token == token
    assert shortlists.shared_list(token, NOW + timedelta(days=119)) is mine
    shortlists.share(mine, NOW + timedelta(days=200))
    assert mine.share_token != token
    with pytest.raises(NotFound):
        shortlists.shared_list(token, NOW + timedelta(days=200))


def test_a_stopped_link_is_not_found(gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    shortlists.share(mine, NOW)
    token = mine.share_token
    shortlists.stop_sharing(mine)
    for missing in (token, "", "x" * 100):
        with pytest.raises(NotFound):
            shortlists.shared_list(missing, NOW)


def test_printing_keeps_an_existing_link(gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    shortlists.ensure_shared(mine, NOW)
    token = mine.share_token
    shortlists.ensure_shared(mine, NOW + timedelta(days=1))
    assert mine.share_token == token


# --- changed or closed since it was added -----------------------------------------------------


def test_the_list_says_which_facts_changed(gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    item = mine.items[0]
    assert changed_facts(item.snapshot, cafe) == []
    cafe.schedules[0].opens_at = cafe.schedules[0].opens_at.replace(hour=11)
    cafe.service_at_locations[0].location.name = "Parish Hall"
    db.session.commit()
    assert changed_facts(item.snapshot, cafe) == ["times", "place"]

    shortlists.acknowledge(mine, item.id)
    assert changed_facts(item.snapshot, cafe) == []


def test_cost_and_contact_changes_are_noticed(gp, cafe):
    from portal.directory.models import CostOption

    mine = shortlists.create_list(gp, "Ideas", [cafe])
    cafe.cost_options.append(CostOption(option="Per session", amount=3))
    cafe.contacts[0].phones[0].number = "01632 960999"
    db.session.commit()
    assert changed_facts(mine.items[0].snapshot, cafe) == ["cost", "contact details"]


@pytest.mark.parametrize(
    ("change", "closed"),
    [
        ({}, False),
        ({"status": ServiceStatus.TEMPORARILY_CLOSED}, True),
        ({"status": ServiceStatus.INACTIVE}, True),
        ({"publication_state": PublicationState.HIDDEN}, True),
    ],
)
def test_closed_means_closed_for_now_or_no_longer_public(cafe, change, closed):
    for key, value in change.items():
        setattr(cafe, key, value)
    db.session.commit()
    assert is_closed(cafe) is closed


# --- sending ----------------------------------------------------------------------------------


def test_recipients_are_checked_and_normalised():
    found = shortlist_sending.parse_recipients(" Pat@Example.ORG ", "07700 900 123")
    assert found.email == "Pat@example.org"
    assert found.mobile == "+447700900123"
    assert shortlist_sending.parse_recipients("", "+44 7700 900123").mobile == "+447700900123"


@pytest.mark.parametrize(
    ("email", "mobile", "field", "message"),
    [
        ("", "", "email", "Enter an email address or a mobile number"),
        ("pat@", "", "email", "Enter an email address like name@example.com"),
        ("", "01344 352000", "mobile", "Enter a UK mobile number"),
        ("", "0770090012", "mobile", "Enter a UK mobile number"),
    ],
)
def test_bad_recipients_are_refused(email, mobile, field, message):
    with pytest.raises(shortlists.Problems) as refused:
        shortlist_sending.parse_recipients(email, mobile)
    assert message in refused.value.problems[field]


def test_addresses_are_masked_for_messages_and_logs():
    assert shortlist_sending.masked("pat@example.org") == "p•••@example.org"
    assert shortlist_sending.masked("+447700900123") == "mobile number ending 123"
