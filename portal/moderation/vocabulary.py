"""Administrators keep the vocabularies: add a need, an audience or a kind of activity, rename
or describe one, change the order. Every change is audited; a rename reaches the search index
(listings are found by their needs' and audiences' names)."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select

from portal import search
from portal.accounts.models import User
from portal.audit import audit
from portal.caching import forget
from portal.directory.models import Service, ServiceAttribute, Taxonomy, TaxonomyTerm
from portal.directory.services import public_services
from portal.extensions import db
from portal.text import plain
from portal.validation import NotFound, ValidationFailed

VOCABULARY_NAMES = {
    "needs": "Needs",
    "audiences": "Who it is for",
    "activity-types": "Kinds of activity",
}
REINDEX_CHUNK = 500


def get_taxonomy(slug: str) -> Taxonomy:
    taxonomy = db.session.scalars(select(Taxonomy).where(Taxonomy.slug == slug)).first()
    if taxonomy is None or slug not in VOCABULARY_NAMES:
        raise NotFound(slug)
    return taxonomy


def get_term(taxonomy: Taxonomy, code: str) -> TaxonomyTerm:
    term = next((t for t in taxonomy.terms if t.code == code), None)
    if term is None:
        raise NotFound(code)
    return term


def _code_for(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60]


def _checked(taxonomy: Taxonomy, name: str, description: str, term=None) -> tuple[str, str]:
    name, description = plain(name, 100), plain(description, 500)
    if not name:
        raise ValidationFailed("name", "Enter a name, as residents would say it")
    if len(name) > 100:
        raise ValidationFailed("name", "Name must be 100 characters or fewer")
    clash = next(
        (t for t in taxonomy.terms if t.name.lower() == name.lower() and t is not term), None
    )
    if clash is not None:
        raise ValidationFailed("name", f"“{clash.name}” is already in this list")
    if len(description) > 500:
        raise ValidationFailed("description", "Description must be 500 characters or fewer")
    return name, description


def add_term(taxonomy: Taxonomy, name: str, description: str, actor: User) -> TaxonomyTerm:
    """A new term at the end of the list; commits."""
    name, description = _checked(taxonomy, name, description)
    code = _code_for(name)
    if not code or any(t.code == code for t in taxonomy.terms):
        raise ValidationFailed("name", "Choose a name that is more different from the others")
    position = max((t.position for t in taxonomy.terms), default=-1) + 1
    term = TaxonomyTerm(
        taxonomy=taxonomy, code=code, name=name, description=description, position=position
    )
    db.session.add(term)
    audit(actor, "vocabulary.added", f"Added “{name}” to {VOCABULARY_NAMES[taxonomy.slug]}")
    db.session.commit()
    forget(("term-list", taxonomy.slug))
    return term


def change_term(term: TaxonomyTerm, name: str, description: str, move: str, actor: User) -> int:
    """Rename, describe or move a term; commits, then re-indexes the listings that carry it
    when its name changed. Returns how many listings were re-indexed."""
    taxonomy = term.taxonomy
    name, description = _checked(taxonomy, name, description, term)
    renamed = name != term.name
    before = f"“{term.name}”: {term.description}"
    term.name, term.description = name, description
    if move in ("up", "down"):
        _move(taxonomy, term, -1 if move == "up" else 1)
    audit(
        actor,
        "vocabulary.changed",
        f"{VOCABULARY_NAMES[taxonomy.slug]}: {before} → “{name}”: {description}",
    )
    db.session.commit()
    forget(("term-list", taxonomy.slug))
    return _reindex_carrying(term) if renamed else 0


def _move(taxonomy: Taxonomy, term: TaxonomyTerm, step: int) -> None:
    ordered = sorted(taxonomy.terms, key=lambda t: (t.position, t.name))
    index = ordered.index(term)
    other = index + step
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, each in enumerate(ordered):
        each.position = position


def _reindex_carrying(term: TaxonomyTerm) -> int:
    carrying = select(ServiceAttribute.service_id).where(
        ServiceAttribute.taxonomy_term_id == term.id
    )
    ids = db.session.scalars(
        public_services().with_only_columns(Service.id).where(Service.id.in_(carrying))
    ).all()
    for start in range(0, len(ids), REINDEX_CHUNK):
        search.sync(ids[start : start + REINDEX_CHUNK])
        db.session.expunge_all()
    return len(ids)
