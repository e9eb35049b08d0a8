"""Which searches show the safety panel: normalising, whole words, everyday endings.

Pure functions, no database: each rule has its own cases, both what must match and what must
not (a search for a choir must never be met with crisis helplines).
"""

import pytest

from portal.safety.defaults import WORDS
from portal.safety.matching import matches, matching_phrase, normalise, word_forms

DEFAULTS = [normalise(word) for word in WORDS]


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("Domestic Abuse", "domestic abuse"),
        ("I don't feel safe", "i dont feel safe"),
        ("I don’t feel safe", "i dont feel safe"),  # a typographic apostrophe
        ("self-harm", "self harm"),
        ("  self -- harm!!  ", "self harm"),
        ("can't cope.", "cant cope"),
        ("Café crisis", "cafe crisis"),
        ("", ""),
    ],
)
def test_normalise_lowers_drops_apostrophes_and_spaces_out_marks(typed, normalised):
    assert normalise(typed) == normalised


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("harm", {"harms", "harmed", "harming"}),
        ("abuse", {"abuses", "abused", "abuser", "abusers", "abusing"}),
        ("hit", {"hits", "hitting"}),
        ("cut", {"cuts", "cutting"}),
        ("bully", {"bullies", "bullied", "bullying"}),
    ],
)
def test_word_forms_are_everyday_endings(word, forms):
    assert forms <= word_forms(word)


@pytest.mark.parametrize("word", ["harm", "rape", "abuse", "refuge", "crisis"])
def test_word_forms_never_make_another_word(word):
    found = word_forms(word)
    assert {"harmony", "harmless", "grape", "rapeseed", "refugee", "abusive"}.isdisjoint(found)
    assert all(form.startswith(word[:-1]) for form in found)


@pytest.mark.parametrize(
    ("search", "word"),
    [
        ("domestic abuse", "domestic abuse"),
        ("Domestic violence support", "domestic violence"),
        ("suicidal thoughts", "suicidal"),
        ("suicide", "suicide"),
        ("self-harming", "self harm"),
        ("self harm", "self harm"),
        ("selfharm", "selfharm"),
        ("I keep hurting myself", "hurt myself"),
        ("cutting myself", "cut myself"),
        ("I don't feel safe at home", "dont feel safe"),
        ("i dont feel safe", "dont feel safe"),
        ("I do not feel safe", "do not feel safe"),
        ("not safe at home", "not safe"),
        ("crisis", "crisis"),
        ("CRISIS!", "crisis"),
        ("mental health crisis team", "mental health crisis"),
        ("I can't cope", "cant cope"),
        ("my partner hits me", "partner hit me"),
        ("scared of my partner", "scared of my partner"),
        ("coercive control", "coercive control"),
        ("I want to kill myself", "kill myself"),
        ("I want to die", "want to die"),
        ("I was raped", "rape"),
        ("sexual assault", "sexual assault"),
        ("forced marriage", "forced marriage"),
        ("modern slavery", "modern slavery"),
        ("abused by my husband", "abuse"),
        ("women's refuge", "refuge"),
        ("unsafe", "unsafe"),
    ],
)
def test_searches_about_danger_or_crisis_match(search, word):
    assert matching_phrase(search, DEFAULTS) == word


@pytest.mark.parametrize(
    "search",
    [
        "harmony choir",
        "harmless fun",
        "lunch club",
        "walking football",
        "safe cycling",  # "safe" alone is not a safety word; "not safe" is
        "safeguarding training for volunteers",
        "refugee support",
        "grape picking",
        "crossing the road",
        "diet and nutrition",  # "die" is inside "diet"
        "self esteem",
        "control your diabetes",
        "cut and style",
        "",
    ],
)
def test_everyday_searches_do_not_match(search):
    assert not matches(search, DEFAULTS)


def test_a_phrase_matches_only_with_its_words_together_and_in_order():
    phrases = ["hurt myself"]
    assert matches("hurt myself", phrases)
    assert not matches("myself hurt", phrases)
    assert not matches("I hurt my back, then myself", phrases)


def test_an_administrators_word_matches_its_endings_and_only_whole_words():
    phrases = [normalise("County lines")]
    assert matches("county lines", phrases)
    assert matches("COUNTY-LINES gangs", phrases)
    assert not matches("county linesman", phrases)
    assert not matches("countylines", phrases)


def test_every_default_word_matches_itself_and_is_distinct():
    assert len(set(DEFAULTS)) == len(DEFAULTS)
    for word in WORDS:
        assert matches(word, DEFAULTS), word


def test_no_words_match_nothing():
    assert not matches("domestic abuse", [])
