"""What one record read from another directory becomes, before anything is written.

`portal.oruk.normalise` turns each ORUK service (as read by `portal.oruk.sources`) into an
`Incoming`: our listing data (the keys of `portal.listings.data`), its organisation, its
provenance and every problem found, each with the record's id, the field and a plain-English
reason. `portal.oruk.plan` compares the `Incoming` records with what we hold.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with a record. An `error` keeps the record out (it is not imported);
    a `warning` imports it but says what is missing or was left out."""

    record_id: str
    field: (
        str  # the ORUK field, dotted: "service_at_locations[0].location.addresses[0].postal_code"
    )
    reason: str  # plain English, for an administrator: "The postcode “RG12” is not a full postcode"
    severity: Severity = "error"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SourceTerm:
    """A taxonomy term as a feed gives it."""

    key: str  # "<taxonomy>|<term id or code>": the `TermMapping.source_key`
    taxonomy: str  # the taxonomy's name (or id) in the feed
    code: str  # the term's code, else its id
    name: str


@dataclass
class Incoming:
    external_id: str
    name: str
    #: {"external_id", "name", "description", "email", "website"}
    organisation: dict
    #: Our listing data (see `portal.listings.data`), terms already mapped onto our codes.
    listing: dict
    status: str = "active"  # ORUK service.status
    assured_date: date | None = None
    last_modified: datetime | None = None
    #: sha256 of the record as read (canonical JSON): tells an unchanged record next time.
    fingerprint: str = ""
    terms: list[SourceTerm] = field(default_factory=list)
    unmapped: list[SourceTerm] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """Whether it can be imported: no error (warnings are fine)."""
        return not any(p.severity == "error" for p in self.problems)
