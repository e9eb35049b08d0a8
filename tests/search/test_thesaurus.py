"""Thesaurus services: tidying, limits and duplicates; the default words and their command."""

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.search.models import Synonym
from portal.search.thesaurus import (
    DEFAULTS,
    delete_synonym,
    get_synonym,
    list_synonyms,
    load_default_thesaurus,
    save_synonym,
)
from portal.validation import NotFound, ValidationFailed


def refused(term="lonely", expands_to="befriending", needs=(), synonym_id=None):
    with pytest.raises(ValidationFailed) as caught:
        save_synonym(synonym_id, term, expands_to, list(needs))
    return caught.value.field, caught.value.message


def test_a_saved_word_is_tidied(app):
    word = save_synonym(None, "  Coffee   Morning ", "Chat,  tea , ,chat", ["food"])
    assert (word.term, word.expands_to, word.needs) == ("coffee morning", "Chat, tea", "food")
    assert [w.term for w in list_synonyms()] == ["coffee morning"]


def test_a_word_with_only_needs_or_only_phrases_is_fine(app):
    save_synonym(None, "skint", "", ["money-and-debt"])
    save_synonym(None, "natter", "chat", [])
    assert [w.term for w in list_synonyms()] == ["natter", "skint"]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"term": " "}, "term", "Enter the word people search for"),
        ({"term": "x" * 101}, "term", "The word must be 100 characters or fewer"),
        ({"term": "tea, coffee"}, "term", "Enter one word or phrase, without commas"),
        ({"term": "i have nobody to talk to"}, "term", "Enter a phrase of 5 words or fewer"),
        ({"expands_to": "y" * 101}, "expands_to", "Each word or phrase must be 100 characters"),
        (
            {"expands_to": ",".join(f"w{n}" for n in range(21))},
            "expands_to",
            "Enter 20 words or phrases",
        ),
        ({"needs": ["food", "made-up"]}, "needs", "Choose needs from the list"),
        ({"expands_to": " , "}, "expands_to", "Add words or needs for “lonely” to find"),
    ],
)
def test_problems_are_named_and_nothing_is_saved(app, kwargs, field, message):
    got_field, got_message = refused(**kwargs)
    assert got_field == field and got_message.startswith(message)
    assert list_synonyms() == []


def test_twenty_phrases_and_100_characters_are_allowed(app):
    word = save_synonym(None, "x" * 100, ",".join(f"w{n}" for n in range(20)), [])
    assert len(word.expands_to.split(", ")) == 20


def test_duplicates_are_refused_ignoring_case(app):
    save_synonym(None, "lonely", "befriending", [])
    assert refused(term="Lonely") == ("term", "“lonely” is already in the thesaurus")


def test_a_failed_change_leaves_the_word_as_it_was(app):
    word = save_synonym(None, "grief", "bereavement", ["bereavement"])
    refused(term="grief", needs=["made-up"], synonym_id=word.id)
    db.session.expire_all()
    assert (word.expands_to, word.needs) == ("bereavement", "bereavement")


def test_unknown_ids_are_not_found(app):
    with pytest.raises(NotFound):
        get_synonym(404)
    with pytest.raises(NotFound):
        save_synonym(404, "lonely", "befriending", [])
    with pytest.raises(NotFound):
        delete_synonym(404)


def test_delete_removes_the_word(app):
    word = save_synonym(None, "craft", "knitting", [])
    assert delete_synonym(word.id) == "craft"
    assert list_synonyms() == []


def test_default_words_fill_an_empty_thesaurus_only(app):
    assert load_default_thesaurus() == len(DEFAULTS)
    db.session.commit()
    lonely = db.session.scalars(select(Synonym).where(Synonym.term == "lonely")).one()
    save_synonym(lonely.id, "lonely", "tea and chat", [])
    delete_synonym(db.session.scalars(select(Synonym).where(Synonym.term == "debt")).one().id)
    assert load_default_thesaurus() == 0  # the team's changes and deletions stand
    assert db.session.scalars(select(Synonym).where(Synonym.term == "lonely")).one().expands_to == (
        "tea and chat"
    )
    assert db.session.scalars(select(Synonym).where(Synonym.term == "debt")).first() is None


def test_load_thesaurus_command(runner, app):
    result = runner.invoke(args=["search", "load-thesaurus"])
    assert result.exit_code == 0, result.output
    assert f"Added {len(DEFAULTS)} words" in result.output
    assert "Added 0 words" in runner.invoke(args=["search", "load-thesaurus"]).output


def test_the_demo_has_the_default_words(demo_app):
    with demo_app.app_context():
        terms = {w.term for w in list_synonyms()}
    assert terms >= set(DEFAULTS)


def test_new_default_words_reach_a_thesaurus_made_before_them(app):
    save_synonym(None, "lonely", "tea and chat", [])
    runner = app.test_cli_runner()
    result = runner.invoke(args=["search", "load-thesaurus", "--new-words"])
    assert result.exit_code == 0, result.output
    assert "feeling down" in result.output and "lonely" not in result.output.split(":", 1)[1]
    terms = {s.term: s.expands_to for s in list_synonyms()}
    assert terms["lonely"] == "tea and chat"  # the team's own entry stands
    assert len(terms) == len(DEFAULTS)
    again = runner.invoke(args=["search", "load-thesaurus", "--new-words"])
    assert "Added 0 words" in again.output
