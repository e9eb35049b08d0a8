"""Which of our needs, audiences and activity types another directory's taxonomy terms mean.

A feed's term is mapped, in this order: by the administrators' decision for that feed (a
`TermMapping` row with `decided_at`: one of our terms, or left out on purpose); else
automatically, when the term's taxonomy is one of ours (by slug or name, ignoring case) and its
code or name is one of that taxonomy's term codes or names; else not at all, and the dry run
lists it (`note_unmapped`) for an administrator to decide on the mapping page.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from sqlalchemy import select, update

from portal.accounts.models import User
from portal.db import insert_once, utcnow
from portal.directory.models import Taxonomy, TaxonomyTerm
from portal.extensions import db
from portal.oruk.incoming import SourceTerm
from portal.oruk.models import TermMapping
from portal.oruk.normalise import TermChoice
from portal.validation import ValidationFailed


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _our_vocabularies() -> dict[str, tuple[str, dict[str, str]]]:
    """Each way a feed may name one of our taxonomies (slug, name) -> (slug, {term code or
    name, folded -> our code})."""
    rows = db.session.execute(
        select(Taxonomy.slug, Taxonomy.name, TaxonomyTerm.code, TaxonomyTerm.name).join(
            TaxonomyTerm, TaxonomyTerm.taxonomy_id == Taxonomy.id
        )
    ).all()
    terms: dict[str, dict[str, str]] = {}
    names: dict[str, str] = {}
    for slug, taxonomy_name, code, name in rows:
        names[slug] = taxonomy_name
        by_text = terms.setdefault(slug, {})
        by_text.setdefault(_fold(name), code)
        by_text[_fold(code)] = code  # a code wins over another term's name
    vocabularies: dict[str, tuple[str, dict[str, str]]] = {}
    for slug, by_text in terms.items():
        vocabularies[_fold(names[slug])] = (slug, by_text)
        vocabularies[_fold(slug)] = (slug, by_text)
    return vocabularies


def _decisions(feed_id: uuid.UUID) -> dict[str, TermChoice]:
    rows = db.session.execute(
        select(TermMapping.source_key, Taxonomy.slug, TaxonomyTerm.code)
        .outerjoin(TaxonomyTerm, TaxonomyTerm.id == TermMapping.term_id)
        .outerjoin(Taxonomy, Taxonomy.id == TaxonomyTerm.taxonomy_id)
        .where(TermMapping.feed_id == feed_id, TermMapping.decided_at.is_not(None))
    ).all()
    return {key: ((slug, code) if code else ()) for key, slug, code in rows}


def term_mapper(feed_id: uuid.UUID) -> Callable[[SourceTerm], TermChoice]:
    """A function telling which of our terms a feed's term means. Reads the decisions and our
    vocabularies once, so calling it for every term of every record asks the database nothing."""
    decided = _decisions(feed_id)
    vocabularies = _our_vocabularies()

    def choose(term: SourceTerm) -> TermChoice:
        if term.key in decided:
            return decided[term.key]
        found = vocabularies.get(_fold(term.taxonomy))
        if found is None:
            return None
        slug, by_text = found
        code = by_text.get(_fold(term.code)) or by_text.get(_fold(term.name))
        return (slug, code) if code else None

    return choose


def note_unmapped(feed_id: uuid.UUID, terms: Iterable[SourceTerm]) -> None:
    """List terms nobody has decided about yet, once each (a row already there, decided or
    not, is left alone). Flushes only: the dry run's commit keeps them."""
    listed: set[str] = set()
    for term in terms:
        if term.key in listed:
            continue
        listed.add(term.key)
        insert_once(
            TermMapping,
            {
                "id": uuid.uuid4(),
                "feed_id": feed_id,
                "source_key": term.key[:600],
                "source_taxonomy": (term.taxonomy or "")[:255],
                "source_name": (term.name or term.code or term.key)[:255],
                "created_at": utcnow(),
                "updated_at": utcnow(),
            },
        )


def feed_terms(feed_id: uuid.UUID) -> list[TermMapping]:
    """Every term listed for a feed, for the mapping page: those waiting for a decision first,
    then by name."""
    return list(
        db.session.scalars(
            select(TermMapping)
            .where(TermMapping.feed_id == feed_id)
            .order_by(
                TermMapping.decided_at.is_not(None),
                TermMapping.source_name,
                TermMapping.source_key,
            )
        )
    )


def set_mapping(
    feed_id: uuid.UUID, source_key: str, term_id: uuid.UUID | None, by: User | None
) -> TermMapping:
    """Decide what a feed's term means: one of our terms, or (`term_id` None) left out on
    purpose. The next dry run uses it. Commits; the last decision wins."""
    if term_id is not None and db.session.get(TaxonomyTerm, term_id) is None:
        raise ValidationFailed(
            "term_id", "Choose one of our needs, audiences or activity types, or leave it out"
        )
    taxonomy, _sep, _rest = source_key.partition("|")
    insert_once(
        TermMapping,
        {
            "id": uuid.uuid4(),
            "feed_id": feed_id,
            "source_key": source_key,
            "source_taxonomy": taxonomy[:255],
            "source_name": source_key[:255],
            "created_at": utcnow(),
            "updated_at": utcnow(),
        },
    )
    db.session.execute(
        update(TermMapping)
        .where(TermMapping.feed_id == feed_id, TermMapping.source_key == source_key)
        .values(
            term_id=term_id,
            decided_at=utcnow(),
            updated_at=utcnow(),
            updated_by_id=by.id if by is not None else None,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return db.session.scalars(
        select(TermMapping).where(
            TermMapping.feed_id == feed_id, TermMapping.source_key == source_key
        )
    ).one()
