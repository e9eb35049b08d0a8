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

from portal.directory.services import NotFound, vocabulary_terms
from portal.extensions import db
from portal.search.models import Synonym
from portal.validation import ValidationFailed

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
