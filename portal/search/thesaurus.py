"""The thesaurus: the words residents use, and what they should also find.

The directory team edits it on the site; these defaults are loaded once into a new directory
(`flask search load-thesaurus`, and by the demo) and never overwrite the team's changes.
"""

from __future__ import annotations

import re

from flask import current_app
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.directory.services import vocabulary_terms
from portal.extensions import db
from portal.search.models import Synonym
from portal.search.plans import LONGEST_THESAURUS_RUN
from portal.validation import NotFound, ValidationFailed

MAX_LENGTH = 100  # characters in a word, or in one phrase it also finds
MAX_PHRASES = 20

#: word -> (phrases it should also find, need codes it points to)
DEFAULTS: dict[str, tuple[str, str]] = {
    "lonely": (
        "befriending, lunch club, social group, coffee morning, friendship",
        "loneliness-and-company",
    ),
    "loneliness": ("befriending, lunch club, social group, friendship", "loneliness-and-company"),
    "isolated": (
        "befriending, lunch club, social group, community transport",
        "loneliness-and-company",
    ),
    "friends": ("social group, befriending, club", "loneliness-and-company"),
    "exercise": (
        "walking football, chair yoga, keep fit, walking group, exercise class, fitness",
        "getting-active",
    ),
    "fitness": ("exercise class, keep fit, chair yoga, walking", "getting-active"),
    "debt": ("benefits advice, money advice, budgeting, bills, credit union", "money-and-debt"),
    "money": ("benefits advice, debt advice, budgeting", "money-and-debt"),
    "benefits": ("benefits advice, money advice, universal credit", "money-and-debt"),
    "grief": ("bereavement, loss", "bereavement"),
    "widow": ("bereavement, loss, widowed", "bereavement"),
    "anxiety": ("mental wellbeing, talking, peer support, stress", "mental-wellbeing"),
    "depression": ("mental wellbeing, talking, peer support, low mood", "mental-wellbeing"),
    "stress": ("mental wellbeing, relaxation, mindfulness", "mental-wellbeing"),
    "dementia": ("memory café, memory, alzheimer's", "memory-and-dementia"),
    "memory": ("dementia, memory café", "memory-and-dementia"),
    "carer": ("carers, respite, break", "carers-support"),
    "hungry": ("food bank, community meal, lunch club, pantry", "food"),
    "food": ("food bank, lunch club, community meal, cooking", "food"),
    "computer": ("digital, internet, online, tablet, it skills", "learning-and-skills"),
    "job": ("employment, work, cv, interview", "work-and-employment"),
    "garden": ("gardening, allotment, conservation", "nature-and-outdoors"),
    "sing": ("choir, singing, music", "arts-and-creativity"),
    "craft": ("crafts, knitting, art, sewing", "arts-and-creativity"),
    # Needs as people say them. An entry of several words is one meaning: it finds what it
    # lists, not its own words (so "feeling down" never finds a café at Chavey Down).
    "feeling down": ("low mood, depression, mental wellbeing, anxiety", "mental-wellbeing"),
    "low mood": ("low mood, depression, mental wellbeing, anxiety", "mental-wellbeing"),
    "fed up": ("low mood, depression, mental wellbeing", "mental-wellbeing"),
    "someone to talk to": (
        "listening, talk it out, talking, befriending",
        "mental-wellbeing, loneliness-and-company",
    ),
    "get out of the house": (
        "community transport, minibus, dial-a-ride, good neighbours, befriending",
        "loneliness-and-company",
    ),
    "just moved": ("newcomers, new to the area, new in town", "loneliness-and-company"),
    "moved here": ("newcomers, new to the area, new in town", "loneliness-and-company"),
    "coffee morning": (
        "coffee morning, café, cafe, cuppa, coffee and chat",
        "loneliness-and-company",
    ),
    "meet people": ("social group, befriending, club, coffee morning", "loneliness-and-company"),
    "make friends": ("social group, befriending, club, friendship", "loneliness-and-company"),
    "out of work": ("job, jobs, employment, job club, cv, work", "work-and-employment"),
    "unemployed": ("job, employment, job club, cv", "work-and-employment"),
    "redundant": ("job, employment, job club, cv", "work-and-employment"),
    "wobbly on my feet": (
        "falls prevention, strength and balance, balance, steady",
        "getting-active",
    ),
    "falls": ("falls prevention, strength and balance, balance", "getting-active"),
    "unsteady": ("falls prevention, strength and balance, balance", "getting-active"),
    "hearing loss": (
        "hearing, hearing aid, hard of hearing, deaf, lip reading",
        "long-term-conditions",
    ),
    "hard of hearing": ("hearing, hearing aid, deaf, lip reading", "long-term-conditions"),
    "deaf": ("hearing, hearing aid, hard of hearing, lip reading", "long-term-conditions"),
    "sight loss": ("sight loss, visually impaired, low vision, blind", "long-term-conditions"),
    "blind": ("sight loss, visually impaired, low vision", "long-term-conditions"),
    "copd": (
        "breathing, breathe, lung, lungs, respiratory, pulmonary rehab",
        "long-term-conditions",
    ),
    "breathless": ("breathing, lung, respiratory", "long-term-conditions"),
    "postnatal depression": (
        "postnatal, perinatal, new mums, new parents, mental wellbeing",
        "mental-wellbeing",
    ),
    "new mum": ("new mums, new parents, baby, postnatal, stay and play", ""),
    "toddler": ("toddlers, stay and play, rhyme time, baby, parent and toddler", ""),
    "video call": ("digital, get online, online, tablet, smartphone, computer", ""),
    "grandchildren": ("digital, get online, tablet, smartphone", ""),
    "shops": ("shopping, community transport, dial-a-ride", "practical-help-at-home"),
    "give something back": ("volunteering, volunteer, volunteers", "volunteering"),
    "give back": ("volunteering, volunteer, volunteers", "volunteering"),
    "volunteer": ("volunteering, volunteers", "volunteering"),
    "lgbt": ("lgbtq, lgbtq+, pride, gay, lesbian, trans", ""),
    "gay": ("lgbtq, pride, lesbian", ""),
    "counselling": ("counselling, talking therapy, listening, talk it out", "mental-wellbeing"),
    "cant sleep": ("sleep, relaxation, mindfulness, stress", "mental-wellbeing"),
    "alzheimers": ("dementia, memory, memory café", "memory-and-dementia"),
    "look after": ("carers, carer, respite", "carers-support"),
    "lost my wife": ("bereavement, grief, widowed, loss", "bereavement"),
    "lost my husband": ("bereavement, grief, widowed, loss", "bereavement"),
    "passed away": ("bereavement, grief, loss", "bereavement"),
    "respite": ("carers, break, sitting service, time out", "carers-support"),
    "social prescribing": ("social prescribing, link worker, social prescriber", ""),
    "exercise on referral": (
        "exercise referral, exercise programme, gp referral, physical activity, healthy hearts",
        "getting-active",
    ),
    "carers assessment": (
        "carers assessment, carers information, carers advice, carers support",
        "carers-support",
    ),
    "bad back": ("back care, bad back, aching back, sore back", ""),
    "domestic abuse": (
        "domestic abuse, domestic violence, listening line, housing emergency, refuge",
        "housing",
    ),
    "suicidal": ("listening line, listening, talk it out, crisis", "mental-wellbeing"),
    "self harm": ("self-harm, listening line, talk it out", "mental-wellbeing"),
    "feel safe": ("listening line, housing emergency, domestic abuse, advice", ""),
    "safe at home": ("listening line, housing emergency, domestic abuse, refuge", ""),
    "crisis": ("crisis, listening line, emergency", "mental-wellbeing"),
    "mental health crisis": (
        "crisis, listening line, talk it out, anxiety and depression",
        "mental-wellbeing",
    ),
}


def load_default_thesaurus() -> int:
    """Fill an empty thesaurus with the defaults; returns how many were added. Flushes only.

    Once the team has a thesaurus it is theirs: words they deleted do not come back.
    """
    known = {t.lower() for t in db.session.scalars(select(Synonym.term)).all()}
    if known:
        return 0
    added = 0
    for term, (phrases, needs) in DEFAULTS.items():
        if term not in known:
            db.session.add(Synonym(term=term, expands_to=phrases, needs=needs))
            added += 1
    db.session.flush()
    return added


def add_new_default_words() -> list[str]:
    """Add the default entries whose word is not in the thesaurus yet (for a directory made
    before they were defaults); returns the words added. Flushes only. An entry the team
    deleted comes back too, so the command that calls this lists what it added."""
    known = {t.lower() for t in db.session.scalars(select(Synonym.term)).all()}
    added = [term for term in DEFAULTS if term not in known]
    for term in added:
        phrases, needs = DEFAULTS[term]
        db.session.add(Synonym(term=term, expands_to=phrases, needs=needs))
    db.session.flush()
    return added


def list_synonyms() -> list[Synonym]:
    """Every word in the thesaurus, alphabetically."""
    return list(db.session.scalars(select(Synonym).order_by(Synonym.term)).all())


def get_synonym(synonym_id: int) -> Synonym:
    """One word; raises `NotFound` (a 404 page) when there is no such id."""
    synonym = db.session.get(Synonym, synonym_id)
    if synonym is None:
        raise NotFound(str(synonym_id))
    return synonym


def save_synonym(synonym_id: int | None, term: str, expands_to: str, needs: list[str]) -> Synonym:
    """Add a word (`synonym_id` None) or change one, tidied and checked; commits.

    Raises `ValidationFailed` on the first problem (field `term`, `expands_to` or `needs`),
    and `NotFound` for an unknown id. Nothing is saved when either is raised.
    """
    synonym = get_synonym(synonym_id) if synonym_id is not None else Synonym()
    word = _tidy_term(term, synonym_id)
    phrases = _tidy_phrases(expands_to)
    codes = _known_needs(needs)
    if not phrases and not codes:
        raise ValidationFailed("expands_to", f"Add words or needs for “{word}” to find")
    synonym.term, synonym.expands_to, synonym.needs = word, ", ".join(phrases), ",".join(codes)
    db.session.add(synonym)
    try:
        db.session.commit()
    except IntegrityError as error:  # someone added the same word a moment ago
        db.session.rollback()
        raise ValidationFailed("term", f"“{word}” is already in the thesaurus") from error
    _log("saved", synonym)
    return synonym


def delete_synonym(synonym_id: int) -> str:
    """Remove a word from the thesaurus; commits and returns the word removed."""
    synonym = get_synonym(synonym_id)
    db.session.delete(synonym)
    db.session.commit()
    _log("deleted", synonym)
    return synonym.term


def _tidy_term(term: str, synonym_id: int | None) -> str:
    """Trimmed, lower-case, single-spaced; one word or a short phrase, not in use elsewhere."""
    word = " ".join((term or "").split()).lower()
    if not word:
        raise ValidationFailed("term", "Enter the word people search for")
    if len(word) > MAX_LENGTH:
        raise ValidationFailed("term", f"The word must be {MAX_LENGTH} characters or fewer")
    if "," in word:
        raise ValidationFailed("term", "Enter one word or phrase, without commas")
    if len(word.split()) > LONGEST_THESAURUS_RUN:
        raise ValidationFailed(
            "term",
            f"Enter a phrase of {LONGEST_THESAURUS_RUN} words or fewer: search reads no longer "
            "phrases",
        )
    taken = select(Synonym.id).where(func.lower(Synonym.term) == word)
    if synonym_id is not None:
        taken = taken.where(Synonym.id != synonym_id)
    if db.session.scalar(taken) is not None:
        raise ValidationFailed("term", f"“{word}” is already in the thesaurus")
    return word


def _tidy_phrases(expands_to: str) -> list[str]:
    """Split on commas, trim, drop empties and repeats (ignoring case), check the limits."""
    phrases: dict[str, str] = {}
    for raw in (expands_to or "").split(","):
        phrase = re.sub(r"\s+", " ", raw).strip()
        if len(phrase) > MAX_LENGTH:
            raise ValidationFailed(
                "expands_to",
                f"Each word or phrase must be {MAX_LENGTH} characters or fewer "
                f"(“{phrase[:30]}…” is longer)",
            )
        if phrase:
            phrases.setdefault(phrase.lower(), phrase)
    if len(phrases) > MAX_PHRASES:
        raise ValidationFailed(
            "expands_to",
            f"Enter {MAX_PHRASES} words or phrases or fewer (you entered {len(phrases)})",
        )
    return list(phrases.values())


def _known_needs(needs: list[str]) -> list[str]:
    """The chosen need codes in the vocabulary's order; an unknown code is refused."""
    chosen = {code.strip() for code in needs or [] if code.strip()}
    known = [t.code for t in vocabulary_terms("needs")]
    if chosen - set(known):
        raise ValidationFailed("needs", "Choose needs from the list")
    return [code for code in known if code in chosen]


def _log(action: str, synonym: Synonym) -> None:
    """Who changed the thesaurus, until moderation's audit trail takes this over."""
    user_id = getattr(current_user, "id", None) or "command line"
    current_app.logger.info(
        "Thesaurus: user %s %s “%s” (id %s)", user_id, action, synonym.term, synonym.id
    )
