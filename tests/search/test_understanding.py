"""Issue 16: search reads what people type. Filler words do not decide, the rarer word counts
most, a thesaurus phrase of several words is one meaning, a place inside the words is read as a
place, a misspelling that finds nothing is corrected at once, and a place outside the area
says so. Each test runs on both backends (the suite's SQLite and PostgreSQL runs)."""

from __future__ import annotations

import pytest

from portal.cli import reindex_all
from portal.extensions import db
from portal.geo import PlaceKind, PlaceMatch, find_place
from portal.search.models import Synonym
from portal.search.plans import Word, plans, search_words
from portal.search.reading import outside_area, place_in_words
from tests import factories
from tests.search.test_search import at, names_in_order, north_of, text_of


def _synonym(term: str, phrases: str, needs: str = "") -> None:
    db.session.add(Synonym(term=term, expands_to=phrases, needs=needs))
    db.session.commit()


# --- words that say nothing, and rarer words -------------------------------------------


def test_filler_words_do_not_decide_the_ranking(client, app):
    factories.service("Make Your Money Go Further", description="Budgeting tips for families.")
    factories.service("Toddler Stay and Play", description="Songs and toys for under 4s.")
    reindex_all()
    html = text_of(client, "/search?q=somewhere+to+go+with+my+toddler")
    assert "Toddler Stay and Play" in html
    assert "Make Your Money Go Further" not in html  # matched only "go"
    assert "1 result for" in html


def test_contractions_are_words_of_their_own_not_stray_letters():
    assert search_words("I've just moved here and don't know anyone") == ["moved"]
    assert search_words("I can’t sleep") == ["sleep"]


def test_a_result_with_the_rarer_word_ranks_above_one_with_only_the_common_word(client, app):
    for town in ("Binfield", "Warfield", "Sandhurst"):
        factories.service(f"{town} Lunch Club", description="For anyone lonely: a hot meal.")
    factories.service("Bereavement Café", description="Tea and company after a death.")
    reindex_all()
    html = text_of(client, "/search?q=lonely+after+bereavement")
    assert "No activity matched all your words" in html
    first = names_in_order(html, ["Bereavement Café", "Binfield Lunch Club", "Warfield Lunch Club"])
    assert first[0] == "Bereavement Café"


def test_a_word_repeated_across_a_listings_fields_does_not_outweigh_a_name(client, app):
    """A word counts once however many fields of a listing have it (BM25F: its mentions are
    added up, then saturated): "Whitegrove Book Club (Whitegrove Reading Group)" came before
    "Everyday Maths and English" for "help with reading and maths"."""
    factories.service(
        "Book Club",
        org=factories.organisation("Whitegrove Reading Circle"),
        description="Reading together: we choose a book for reading each month.",
    )
    factories.service(
        "Everyday Maths and English",
        org=factories.organisation("Adult Learning"),
        description="Classes for adults.",
    )
    reindex_all()
    html = text_of(client, "/search?q=help+with+reading+and+maths")
    assert "No activity matched all your words" in html
    assert names_in_order(html, ["Book Club", "Everyday Maths and English"]) == [
        "Everyday Maths and English",
        "Book Club",
    ]


def test_a_thesaurus_phrase_made_of_the_other_words_typed_is_not_counted_again():
    """ "peer support" stands in for "anxiety" in the thesaurus; typed beside it, those words
    count as themselves only, or any peer support group would read as being about anxiety."""
    thesaurus = {"anxiety": (["peer support", "stress"], ["mental-wellbeing"])}
    plan = plans("peer support anxiety", thesaurus)[0]
    meanings = {
        c.alternatives[0].words[0].text: [" ".join(w.text for w in g.words) for g in c.alternatives]
        for c in plan.concepts
    }
    assert meanings == {"peer": ["peer"], "support": ["support"], "anxiety": ["anxiety", "stress"]}
    alone = plans("anxiety", thesaurus)[0].concepts[0]
    assert [g.words for g in alone.alternatives] == [
        (Word("anxiety"),),
        (Word("peer"), Word("support")),
        (Word("stress"),),
    ]


def test_a_thesaurus_phrase_of_several_words_is_one_meaning_not_its_words(client, app):
    factories.service(
        "Chatter Café at Chavey Down Village Hall",
        description="Feeling chatty? Come down for a cuppa.",
    )
    factories.service("Low Mood Peer Group", description="Meet others who understand.")
    _synonym("feeling down", "low mood, depression", "mental-wellbeing")
    reindex_all()
    html = text_of(client, "/search?q=feeling+down")
    assert "Low Mood Peer Group" in html
    assert "Chavey Down" not in html
    # A word of its own still finds itself: "down" alone is not the phrase.
    assert "Chavey Down" in text_of(client, "/search?q=chavey+down&exact=1")


# --- spelling ------------------------------------------------------------------------


def test_a_misspelling_is_corrected_from_the_thesaurus_words_too(client, app):
    factories.service("Memory Café", description="For people living with dementia.")
    _synonym("alzheimers", "dementia, memory", "memory-and-dementia")
    reindex_all()
    html = text_of(client, "/search?q=alzeimers")
    assert "Showing results for <strong>alzheimers</strong>" in html
    assert "Memory Café" in html
    assert "Search instead for" in html


def test_a_correction_that_finds_nothing_better_is_only_offered(client, app):
    factories.service("Walking Netball", description="Gentle netball.")
    reindex_all()
    html = text_of(client, "/search?q=walking+zzyzx")
    assert "Showing results for" not in html
    assert "Walking Netball" in html  # the words as typed, some of them


# --- a place inside the words ----------------------------------------------------------


@pytest.fixture
def two_lunch_clubs(app):
    crowthorne, sandhurst = find_place("Crowthorne"), find_place("Sandhurst")
    factories.service(
        "Sandhurst Lunch Club",
        description="A lunch club for everyone.",
        location=at("Sandhurst Hall", sandhurst.latitude, sandhurst.longitude),
    )
    factories.service(
        "Village Lunch Club",
        description="A lunch club for everyone.",
        location=at("Crowthorne Hall", crowthorne.latitude, crowthorne.longitude),
    )
    reindex_all()


def test_a_place_at_the_end_of_the_words_is_read_as_the_place(client, two_lunch_clubs):
    html = text_of(client, "/search?q=lunch+club+crowthorne")
    assert "within 5 miles of Crowthorne" in html
    assert "Showing “lunch club” near Crowthorne" in html
    assert names_in_order(html, ["Village Lunch Club", "Sandhurst Lunch Club"])[0] == (
        "Village Lunch Club"
    )
    assert 'href="/search?q=lunch+club+crowthorne&amp;exact=1"' in html  # everywhere, as typed
    # The form shows how the search was read, so sending it again finds the same.
    assert 'id="where" name="where" type="text" value="Crowthorne"' in html


def test_a_place_after_in_is_read_even_far_away(client, two_lunch_clubs):
    html = text_of(client, "/search?q=lunch+club+in+sandhurst")
    assert "within 5 miles of Sandhurst" in html


def test_words_typed_exactly_are_not_read_as_a_place(client, two_lunch_clubs):
    html = text_of(client, "/search?q=lunch+club+crowthorne&exact=1")
    assert "within 5 miles" not in html and "Showing “lunch club”" not in html


def _fake_lookup(found: dict[str, tuple[float, float]]):
    def lookup(names: list[str]) -> dict[str, PlaceMatch]:
        return {n: PlaceMatch(n.title(), *found[n], PlaceKind.PLACE) for n in names if n in found}

    return lookup


BRACKNELL = (51.41, -0.75)
PLACES = {
    "crowthorne": (51.37, -0.80),
    "reading": (51.45, -0.97),
    "manchester": (53.48, -2.24),
    "great hollands": (51.40, -0.77),
}


@pytest.mark.parametrize(
    ("typed", "place", "words"),
    [
        ("lunch club crowthorne", "Crowthorne", "lunch club"),
        ("crowthorne lunch club", "Crowthorne", "lunch club"),
        ("lonely in manchester", "Manchester", "lonely"),
        ("things for older people in great hollands", "Great Hollands", "things for older people"),
        ("books in reading", "Reading", "books"),
    ],
)
def test_place_in_words_reads_these(typed, place, words):
    read = place_in_words(typed, BRACKNELL, _fake_lookup(PLACES))
    assert (read.place, read.words) == (place, words)


@pytest.mark.parametrize(
    "typed",
    [
        "help with reading",  # an everyday word that is also a town
        "lonely manchester",  # far away, and no "in" to say it is a place
        "crowthorne",  # nothing left to search for
        "in crowthorne",
    ],
)
def test_place_in_words_leaves_these_alone(typed):
    assert place_in_words(typed, BRACKNELL, _fake_lookup(PLACES)) is None


def test_without_venues_only_a_marked_place_is_read():
    lookup = _fake_lookup(PLACES)
    assert place_in_words("lunch club crowthorne", None, lookup) is None
    assert place_in_words("lunch club near crowthorne", None, lookup).place == "Crowthorne"


# --- a place outside the area ----------------------------------------------------------


def test_a_place_outside_the_area_says_so_and_lists_online_activities(client, app):
    crowthorne = find_place("Crowthorne")
    factories.service(
        "Crowthorne Friendship Club",
        description="Company for anyone lonely.",
        location=at("Crowthorne Hall", crowthorne.latitude, crowthorne.longitude),
    )
    factories.service(
        "Online Get-together",
        description="A video call for anyone lonely.",
        location=factories.online("Online", "https://example.org"),
    )
    reindex_all()
    html = text_of(client, "/search?q=lonely&where=Manchester")
    assert (
        "Manchester is outside Bracknell Forest. These are online activities anyone can join."
        in (html)
    )
    assert "Online Get-together" in html and "Crowthorne Friendship Club" not in html
    nothing = text_of(client, "/search?q=knitting&where=Manchester")
    assert "Manchester is outside Bracknell Forest. No online activity matched" in nothing
    near = text_of(client, "/search?q=lonely&where=Crowthorne")
    assert "outside Bracknell Forest" not in near


def test_outside_area_is_measured_from_the_middle_of_the_venues():
    manchester = PlaceMatch("Manchester", *PLACES["manchester"], PlaceKind.PLACE)
    reading = PlaceMatch("Reading", *PLACES["reading"], PlaceKind.PLACE)
    assert outside_area(manchester, BRACKNELL)
    assert not outside_area(reading, BRACKNELL)  # 16 km away: a neighbour
    assert not outside_area(manchester, None)  # no venues yet: nothing to say


def test_a_listing_named_for_the_place_comes_first_among_equal_matches(client, app):
    factories.service(
        "Oak Lunch Club",
        description="A lunch club with a hot meal.",
        location=at("Oak Hall", *north_of("Crowthorne", 0.3)),
    )
    factories.service(
        "Crowthorne Lunch Club",
        description="A lunch club with a hot meal.",
        location=at("Birch Hall", *north_of("Crowthorne", 1.5)),
    )
    reindex_all()
    for url in ("/search?q=lunch+club&where=Crowthorne", "/search?q=lunch+club+crowthorne"):
        html = text_of(client, url)
        assert names_in_order(html, ["Oak Lunch Club", "Crowthorne Lunch Club"]) == [
            "Crowthorne Lunch Club",
            "Oak Lunch Club",
        ], url
    # Ordered by distance, the nearer one is first as ever.
    html = text_of(client, "/search?q=lunch+club&where=Crowthorne&sort=distance")
    assert names_in_order(html, ["Oak Lunch Club", "Crowthorne Lunch Club"])[0] == "Oak Lunch Club"
