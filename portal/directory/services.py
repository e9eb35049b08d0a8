"""Reading the public directory. Views call these; they never query models themselves."""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.caching import cached
from portal.directory.models import (
    Contact,
    Location,
    Organisation,
    PublicationState,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)
from portal.directory.vocabulary import VOCABULARIES
from portal.extensions import db
from portal.validation import NotFound, parse_id

T = TypeVar("T")

#: Statuses a resident can see. Inactive and defunct listings are kept but not shown.


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def listings_centre(code: str, district: bool) -> tuple[float, float] | None:
    """The mean position of our listings' places at postcode `code`, or in postcode district
    `code` when `district`: where the gazetteer places a postcode it does not have yet
    (`portal.geo.gazetteer.use_listings_centre`)."""
    postcode = Location.postal_code
    condition = postcode.like(f"{code} %") if district else postcode == code
    latitude, longitude = db.session.execute(
        select(func.avg(Location.latitude), func.avg(Location.longitude)).where(
            condition, Location.latitude.is_not(None), Location.longitude.is_not(None)
        )
    ).one()
    return None if latitude is None else (float(latitude), float(longitude))


def public_services():
    """A select() of the services a resident may see."""
    return select(Service).where(Service.is_public)


def listing_load_options():
    return (
        selectinload(Service.organisation),
        selectinload(Service.service_at_locations)
        .selectinload(ServiceAtLocation.location)
        .selectinload(Location.accessibility),
        selectinload(Service.schedules),
        selectinload(Service.contacts),
        selectinload(Service.cost_options),
        selectinload(Service.languages),
        selectinload(Service.attributes)
        .selectinload(ServiceAttribute.taxonomy_term)
        .selectinload(TaxonomyTerm.taxonomy),
    )


def get_public_service(service_id: str) -> Service:
    """One published, visible service with everything its page shows (its contacts' phone
    numbers too, which lists of listings leave out)."""
    stmt = public_services().where(Service.id == parse_id(service_id))
    shown = (*listing_load_options(), selectinload(Service.contacts).selectinload(Contact.phones))
    service = db.session.scalars(stmt.options(*shown)).first()
    if service is None:
        raise NotFound(service_id)
    return service


def get_organisation(organisation_id: str) -> tuple[Organisation, list[Service]]:
    """An organisation and its public services (an organisation with none is still shown)."""
    organisation = db.session.get(Organisation, parse_id(organisation_id))
    if organisation is None:
        raise NotFound(organisation_id)
    stmt = public_services().where(Service.organisation_id == organisation.id)
    services = db.session.scalars(
        stmt.order_by(Service.name).options(*listing_load_options())
    ).all()
    return organisation, list(services)


def get_organisation_any(organisation_id: str) -> Organisation:
    """An organisation by id, whether or not it has public listings yet."""
    organisation = db.session.get(Organisation, parse_id(organisation_id))
    if organisation is None:
        raise NotFound(organisation_id)
    return organisation


def count_public_services() -> int:
    return cached(
        ("public-services",),
        lambda: (
            db.session.scalar(select(func.count()).select_from(public_services().subquery())) or 0
        ),
    )


def count_published_services() -> int:
    """Published listings, whatever their status: the figure operators watch."""
    return (
        db.session.scalar(
            select(func.count(Service.id)).where(
                Service.publication_state == PublicationState.PUBLISHED
            )
        )
        or 0
    )


def _term_counts(taxonomy_slug: str) -> dict[uuid.UUID, int]:
    return dict(
        db.session.execute(
            select(ServiceAttribute.taxonomy_term_id, func.count())
            .join(Service, Service.id == ServiceAttribute.service_id)
            .join(TaxonomyTerm, TaxonomyTerm.id == ServiceAttribute.taxonomy_term_id)
            .join(Taxonomy, Taxonomy.id == TaxonomyTerm.taxonomy_id)
            .where(
                Taxonomy.slug == taxonomy_slug,
                Service.is_public,
            )
            .group_by(ServiceAttribute.taxonomy_term_id)
        ).all()
    )


@dataclass(frozen=True)
class TermSummary:
    """A vocabulary term as pages show it: plain values, safe to cache between requests."""

    id: uuid.UUID
    code: str
    name: str
    description: str


def terms_with_counts(taxonomy_slug: str) -> list[tuple[TermSummary, int]]:
    """Every term of a vocabulary in its display order, with how many public services use it
    (both cached like the home-page counts)."""
    counts = cached(("terms", taxonomy_slug), lambda: _term_counts(taxonomy_slug))
    return [(term, counts.get(term.id, 0)) for term in vocabulary_terms(taxonomy_slug)]


def vocabulary_terms(taxonomy_slug: str) -> list[TermSummary]:
    """A vocabulary's terms in display order, as the administrators have named them."""
    return cached(("term-list", taxonomy_slug), lambda: _term_summaries(taxonomy_slug))


def term_names(taxonomy_slug: str) -> dict[str, str]:
    return {t.code: t.name for t in vocabulary_terms(taxonomy_slug)}


def _term_summaries(taxonomy_slug: str) -> list[TermSummary]:
    rows = db.session.execute(
        select(TaxonomyTerm.id, TaxonomyTerm.code, TaxonomyTerm.name, TaxonomyTerm.description)
        .join(Taxonomy)
        .where(Taxonomy.slug == taxonomy_slug)
        .order_by(TaxonomyTerm.position)
    ).all()
    return [TermSummary(*row) for row in rows]


def get_term(taxonomy_slug: str, code: str) -> TaxonomyTerm:
    term = db.session.scalars(
        select(TaxonomyTerm)
        .join(Taxonomy)
        .where(Taxonomy.slug == taxonomy_slug, TaxonomyTerm.code == code)
    ).first()
    if term is None:
        raise NotFound(code)
    return term


def services_for_term(term: TaxonomyTerm, page: int, per_page: int) -> Page[Service]:
    """Public services tagged with `term`, most recently reviewed first."""
    tagged = select(ServiceAttribute.service_id).where(ServiceAttribute.taxonomy_term_id == term.id)
    stmt = public_services().where(Service.id.in_(tagged))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = min(max(page, 1), max(1, math.ceil(total / per_page)))
    items = db.session.scalars(
        stmt.order_by(Service.last_reviewed.desc(), Service.name)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .options(*listing_load_options())
    ).all()
    return Page(items, page, per_page, total)


def load_vocabulary() -> int:
    """Create the needs, audiences and activity-type vocabularies, and any of their terms a
    directory lacks. Idempotent. Terms that exist are left as the administrators have them
    (renamed, described, reordered): the vocabulary is theirs once loaded.

    Returns the number of terms created.
    """
    created = 0
    for vocabulary in VOCABULARIES:
        taxonomy = db.session.scalars(
            select(Taxonomy).where(Taxonomy.slug == vocabulary.slug)
        ).first()
        if taxonomy is None:
            taxonomy = Taxonomy(
                slug=vocabulary.slug, name=vocabulary.name, description=vocabulary.description
            )
            db.session.add(taxonomy)
        existing = {term.code for term in taxonomy.terms}
        for position, entry in enumerate(vocabulary.terms):
            if entry.code not in existing:
                db.session.add(
                    TaxonomyTerm(
                        taxonomy=taxonomy,
                        code=entry.code,
                        name=entry.name,
                        description=entry.description,
                        position=position,
                    )
                )
                created += 1
    db.session.flush()
    return created


_search_sync: Callable[[Sequence[uuid.UUID]], object] | None = None


def use_search_sync(sync: Callable[[Sequence[uuid.UUID]], object]) -> None:
    """How search is told a listing changed (`portal.search.sync`; the app factory connects
    it, so the directory, which search reads, need not import search)."""
    global _search_sync
    _search_sync = sync


def reindex_service(service_id: uuid.UUID) -> None:
    """Bring search in line with one service, right after its change committed.

    Never raises for a failed index write: the change is done and the person is told so. It
    is logged and queued; the next repair writes it again (`portal.search.sync`)."""
    if _search_sync is None:
        raise RuntimeError("search is not connected to the directory (see use_search_sync)")
    try:
        _search_sync([service_id])
    except Exception:  # sync never raises; should a backend break that promise, log it
        db.session.rollback()  # the change itself committed before this was called
        current_app.logger.exception("Could not update search for %s", service_id)


def update_service(service_id: str, **changes: object) -> Service:
    """Change a listing's own fields (name, description, status, ...) and re-index it.

    The moderation workflow (issue 4) decides who may call this; this is the one place a
    change is committed and the index told, so search sees it on the next request.
    """
    service = db.session.get(Service, parse_id(service_id))
    if service is None:
        raise NotFound(service_id)
    for name, value in changes.items():
        if not hasattr(Service, name):
            raise AttributeError(f"Service has no field {name!r}")
        setattr(service, name, value)
    db.session.commit()
    reindex_service(service.id)
    return service


def organisations_matching(text: str, limit: int = 20) -> list[Organisation]:
    """Organisations whose name contains `text` (for "ask to manage")."""
    words = [w for w in text.lower().split() if w]
    if not words:
        return []
    query = select(Organisation).order_by(Organisation.name).limit(limit)
    for word in words:
        query = query.where(Organisation.name.icontains(word, autoescape=True))
    return list(db.session.scalars(query).all())
