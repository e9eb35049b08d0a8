"""Another directory's taxonomy terms become our needs, audiences and activity types: by the
administrators' decision, else automatically when the names agree; the rest wait, listed."""

from __future__ import annotations

import uuid

import pytest

from portal.directory.services import get_term
from portal.oruk.incoming import SourceTerm
from portal.oruk.mappings import feed_terms, note_unmapped, set_mapping, term_mapper
from portal.validation import ValidationFailed
from tests import factories
from tests.oruk.importing import make_feed


def term(taxonomy: str, code: str, name: str) -> SourceTerm:
    return SourceTerm(f"{taxonomy}|{code}", taxonomy, code, name)


def test_terms_from_our_own_vocabularies_map_by_code_or_name_in_any_case(app):
    feed = make_feed()
    choose = term_mapper(feed.id)

    assert choose(term("Needs", "mental-wellbeing", "Mental wellbeing")) == (
        "needs",
        "mental-wellbeing",
    )
    assert choose(term("NEEDS", "77", "MENTAL WELLBEING")) == ("needs", "mental-wellbeing")
    assert choose(term("audiences", "x", "Carers")) == ("audiences", "carers")
    who_for = term("Who it is for", "older-people", "Older people")
    assert choose(who_for) == ("audiences", "older-people")
    assert choose(term("Activity types", "x", "Walking group")) == (
        "activity-types",
        "walking-group",
    )


def test_terms_of_other_taxonomies_or_unknown_names_are_not_mapped(app):
    feed = make_feed()
    choose = term_mapper(feed.id)

    assert choose(term("LGA service types", "1234", "Mental wellbeing")) is None
    assert choose(term("Needs", "9", "Help with ferrets")) is None


def test_unmapped_terms_are_listed_once_waiting_for_a_decision(app):
    feed = make_feed()
    ferrets = term("Needs", "9", "Help with ferrets")
    note_unmapped(feed.id, [ferrets, ferrets, term("LGA", "1", "Advice")])
    note_unmapped(feed.id, [ferrets])

    listed = feed_terms(feed.id)
    assert [(t.source_name, t.decided_at) for t in listed] == [
        ("Advice", None),
        ("Help with ferrets", None),
    ]


def test_a_decision_wins_over_the_automatic_mapping_and_leaving_out_is_a_decision(app, db_user):
    feed = make_feed()
    note_unmapped(feed.id, [term("Needs", "9", "Help with ferrets"), term("LGA", "1", "Advice")])
    money = get_term("needs", "money-and-debt")

    set_mapping(feed.id, "LGA|1", money.id, db_user)
    set_mapping(feed.id, "Needs|9", None, db_user)
    set_mapping(feed.id, "Needs|mental-wellbeing", None, db_user)  # never listed: still kept

    choose = term_mapper(feed.id)
    assert choose(term("LGA", "1", "Advice")) == ("needs", "money-and-debt")
    assert choose(term("Needs", "9", "Help with ferrets")) == ()
    assert choose(term("Needs", "mental-wellbeing", "Mental wellbeing")) == ()
    listed = feed_terms(feed.id)
    assert {t.source_key: t.updated_by_id for t in listed} == {
        "LGA|1": db_user.id,
        "Needs|9": db_user.id,
        "Needs|mental-wellbeing": db_user.id,
    }
    assert all(t.decided_at is not None for t in listed)


def test_undecided_terms_come_first_on_the_mapping_page(app, db_user):
    feed = make_feed()
    note_unmapped(feed.id, [term("LGA", "1", "Advice"), term("LGA", "2", "Benefits")])
    set_mapping(feed.id, "LGA|1", None, db_user)

    assert [t.source_name for t in feed_terms(feed.id)] == ["Benefits", "Advice"]


def test_mapping_to_a_term_we_do_not_have_is_refused(app, db_user):
    feed = make_feed()
    with pytest.raises(ValidationFailed) as refused:
        set_mapping(feed.id, "LGA|1", uuid.uuid4(), db_user)
    assert refused.value.field == "term_id"
    assert feed_terms(feed.id) == []


def test_mappings_belong_to_one_feed(app, db_user):
    first, second = make_feed(), make_feed("https://other.example.org/api")
    set_mapping(first.id, "LGA|1", get_term("needs", "housing").id, db_user)

    assert term_mapper(second.id)(term("LGA", "1", "Advice")) is None


@pytest.fixture
def db_user(app):
    from portal.accounts.models import Role

    return factories.user("admin@example.org", role=Role.ADMIN, name="Ada Admin")
