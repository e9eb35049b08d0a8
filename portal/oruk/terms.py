"""A service's taxonomy terms as a feed gives them, and the ones we map into a listing.

Every attribute's taxonomy term (nested, or only its `taxonomy_term_id`) and every term a
feed puts straight in `service.taxonomy_terms` becomes a `SourceTerm` keyed
"<taxonomy>|<term code or id>": the taxonomy is its `taxonomy` object's name (our record
contract; HSDS 3.0's `taxonomy_detail` too), else the `taxonomy` text ORUK defines, else its
`taxonomy_id`; only an id makes "|<id>". The mapper then says which of our needs, audiences
or activity types each means, leaves it out on purpose, or does not know it.
"""

from __future__ import annotations

from collections.abc import Callable

from portal.oruk.fields import Fields, quoted
from portal.oruk.incoming import SourceTerm


def _source_term(fields: Fields, term: dict, path: str) -> SourceTerm | None:
    term_id = fields.identifier(term.get("id"), f"{path}.id", "The term's id")
    code = fields.text(term.get("code"), f"{path}.code", "The term's code") or term_id
    name = fields.text(term.get("name"), f"{path}.name", "The term's name") or fields.text(
        term.get("term"), f"{path}.term", "The term"
    )
    taxonomy = term.get("taxonomy")
    detail = taxonomy if isinstance(taxonomy, dict) else term.get("taxonomy_detail")
    taxonomy_name = ""
    if isinstance(detail, dict):
        taxonomy_name = fields.text(detail.get("name"), f"{path}.taxonomy.name", "Its name") or (
            fields.identifier(detail.get("id"), f"{path}.taxonomy.id", "Its id")
        )
    if not taxonomy_name and isinstance(taxonomy, str):
        taxonomy_name = fields.text(taxonomy, f"{path}.taxonomy", "The taxonomy")
    taxonomy_name = taxonomy_name or fields.identifier(
        term.get("taxonomy_id"), f"{path}.taxonomy_id", "The taxonomy's id"
    )
    if not code:
        fields.warn(path, "This taxonomy term has no id or code; it was left out.")
        return None
    return SourceTerm(f"{taxonomy_name}|{code}", taxonomy_name, code, name or code)


def read_terms(fields: Fields, raw: dict) -> list[SourceTerm]:
    found: dict[str, SourceTerm] = {}
    for path, attribute in fields.items(raw.get("attributes"), "attributes", "The attributes"):
        term = fields.obj(attribute.get("taxonomy_term"), f"{path}.taxonomy_term", "The term")
        if term is not None:
            source = _source_term(fields, term, f"{path}.taxonomy_term")
        else:
            term_id = fields.identifier(
                attribute.get("taxonomy_term_id"), f"{path}.taxonomy_term_id", "The term's id"
            )
            source = SourceTerm(f"|{term_id}", "", term_id, term_id) if term_id else None
        if source is not None:
            found.setdefault(source.key, source)
    for path, term in fields.items(raw.get("taxonomy_terms"), "taxonomy_terms", "The terms"):
        source = _source_term(fields, term, path)
        if source is not None:
            found.setdefault(source.key, source)
    return list(found.values())


def apply_terms(
    fields: Fields, listing: dict, terms: list[SourceTerm], mapper: Callable
) -> list[SourceTerm]:
    """Put each mapped term into the listing; return those not mapped."""
    unmapped, chosen = [], {"needs": set(), "audiences": set()}
    activities: list[str] = []
    for term in terms:
        choice = mapper(term)
        if choice is None:
            unmapped.append(term)
        elif choice:
            slug, code = choice
            if slug == "activity-types":
                activities += [code] if code not in activities else []
            elif slug in chosen:
                chosen[slug].add(code)
    listing["needs"] = sorted(chosen["needs"])
    listing["audiences"] = sorted(chosen["audiences"])
    # A listing holds one kind of activity: the first by code, as a listing's own data reads.
    kept = min(activities) if activities else ""
    listing["activity_type"] = kept
    if len(activities) > 1:
        fields.warn(
            "attributes",
            f"It has {len(activities)} kinds of activity; a listing has one, so only "
            f"{quoted(kept)} was kept.",
        )
    return unmapped
