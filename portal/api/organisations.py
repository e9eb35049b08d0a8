"""Organisations and vocabularies as the API lists them.

An organisation is published while it runs at least one published service; the vocabularies
(taxonomies and their terms) are published whole: they are the directory's own words.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from portal.api import rows
from portal.api.params import Paging
from portal.api.queries import Listing
from portal.api.totals import total_of
from portal.directory.models import Organisation, Service, Taxonomy, TaxonomyTerm
from portal.directory.services import public_services
from portal.extensions import db


def _words(columns: Sequence, words: str) -> list:
    """Every word in at least one of `columns`, ignoring case; % _ and \\ are plain letters."""
    return [
        or_(*(column.icontains(word, autoescape=True) for column in columns))
        for word in words.split()
    ]


def organisations(search: str) -> Select:
    """Organisations with at least one published service, with every word of `search` in
    their name or description."""
    runs_one = (
        public_services()
        .with_only_columns(Service.id)
        .where(Service.organisation_id == Organisation.id)
    )
    words = _words((Organisation.name, Organisation.description), search)
    return select(Organisation.id).where(runs_one.exists(), *words)


def organisation_page(search: str, paging: Paging) -> Listing:
    """A page of organisations (plain records), by name."""
    statement = organisations(search)
    total = total_of(statement, Organisation.id, None if search else "organisations")
    ids = db.session.scalars(
        statement.order_by(Organisation.name, Organisation.id)
        .offset(paging.start)
        .limit(paging.per_page)
    ).all()
    return Listing(rows.organisations(ids), total, paging)


def organisation_batches(search: str, batch: int = 500) -> Iterator[list]:
    """Every published organisation, `batch` at a time, by id."""
    statement = organisations(search).order_by(Organisation.id).limit(batch)
    last = None
    while True:
        chosen = statement if last is None else statement.where(Organisation.id > last)
        ids = db.session.scalars(chosen).all()
        if not ids:
            return
        last = ids[-1]
        yield rows.organisations(ids)
        db.session.rollback()
        if len(ids) < batch:
            return


def get_organisation(organisation_id: uuid.UUID):
    found = db.session.scalar(organisations("").where(Organisation.id == organisation_id))
    return rows.organisations([found])[0] if found is not None else None


def taxonomy_page(paging: Paging) -> Listing:
    statement = select(Taxonomy)
    total = total_of(statement, Taxonomy.id)
    taxonomies = db.session.scalars(
        statement.order_by(Taxonomy.name, Taxonomy.id).offset(paging.start).limit(paging.per_page)
    ).all()
    return Listing(list(taxonomies), total, paging)


def term_page(
    paging: Paging,
    taxonomy_id: uuid.UUID | None = None,
    parent_id: uuid.UUID | None = None,
    top_only: bool = False,
    search: str = "",
) -> Listing:
    """Terms in each taxonomy's display order; every filter given must match."""
    conditions = _words((TaxonomyTerm.name, TaxonomyTerm.code, TaxonomyTerm.description), search)
    if taxonomy_id:
        conditions.append(TaxonomyTerm.taxonomy_id == taxonomy_id)
    if parent_id:
        conditions.append(TaxonomyTerm.parent_id == parent_id)
    if top_only:
        conditions.append(TaxonomyTerm.parent_id.is_(None))
    statement = select(TaxonomyTerm).join(Taxonomy).where(*conditions)
    total = total_of(statement, TaxonomyTerm.id)
    terms = db.session.scalars(
        statement.order_by(Taxonomy.name, TaxonomyTerm.position, TaxonomyTerm.name, TaxonomyTerm.id)
        .offset(paging.start)
        .limit(paging.per_page)
        .options(selectinload(TaxonomyTerm.taxonomy))
    ).all()
    return Listing(list(terms), total, paging)


def get_taxonomy(taxonomy_id: uuid.UUID) -> Taxonomy | None:
    return db.session.get(Taxonomy, taxonomy_id)


def get_term(term_id: uuid.UUID) -> TaxonomyTerm | None:
    return db.session.get(TaxonomyTerm, term_id)
