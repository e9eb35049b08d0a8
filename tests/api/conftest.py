"""A small directory for the API tests, and the Open Referral UK schemas to check answers with.

Published: a café (venue, free, booking), a fortnightly walk (paid twice over, Welsh), a
knitting group in someone's home (masked), an online quiz (a one-off date), a temporarily
closed shed. Not published, and never to be seen: a draft, a pending listing, a hidden one, one
withdrawn at source, an archived one, an inactive and a defunct one. Each unpublished name
contains "Secret" so a test can look for it anywhere.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from portal.directory.models import (
    CostOption,
    HiddenReason,
    HowToJoin,
    Language,
    PublicationState,
    Schedule,
    ServiceStatus,
)
from portal.extensions import db
from tests import factories
from tests.api.helpers import ORUK

BASE = "https://oruk.test/schema/"


def _format_checker() -> FormatChecker:
    """Draft 2020-12's formats, with date-time and uri checked too (jsonschema needs extra
    packages for those)."""
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        return datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None

    @checker.checks("uri", raises=ValueError)
    def uri(value: object) -> bool:
        parts = urlsplit(value) if isinstance(value, str) else None
        return parts is None or bool(parts.scheme and parts.netloc)

    return checker


def _registry() -> Registry:
    resources = []
    for path in [*ORUK.glob("*.json"), *ORUK.glob("compiled/*.json")]:
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append(
            (BASE + str(path.relative_to(ORUK)), DRAFT202012.create_resource(contents))
        )
    return Registry().with_resources(resources)


class Schemas:
    """Validators for the profile's schemas (Draft 2020-12, formats checked, no network)."""

    def __init__(self) -> None:
        self.registry = _registry()
        openapi = json.loads((ORUK / "openapi.json").read_text(encoding="utf-8"))
        self.page_schema = openapi["components"]["schemas"]["Page"]
        self.formats = _format_checker()

    def validator(self, name: str) -> Draft202012Validator:
        return Draft202012Validator(
            {"$ref": BASE + name},
            registry=self.registry,
            format_checker=self.formats,
        )

    def check(self, name: str, record: dict) -> None:
        errors = sorted(self.validator(name).iter_errors(record), key=str)
        assert not errors, f"{name}: " + "; ".join(
            f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]
        )

    def check_page(self, page: dict, item_schema: str) -> None:
        """The page wrapper against the profile's Page schema, its numbers consistent, and
        every item against `item_schema`."""
        errors = list(Draft202012Validator(self.page_schema).iter_errors(page))
        assert not errors, errors
        keys = {"total_items", "total_pages", "page_number", "size"}
        keys |= {"first_page", "last_page", "empty", "contents"}
        assert keys <= page.keys()
        assert page["size"] == len(page["contents"])
        assert page["empty"] is (not page["contents"])
        assert page["first_page"] is (page["page_number"] == 1)
        assert page["last_page"] is (page["page_number"] >= page["total_pages"])
        for record in page["contents"]:
            self.check(item_schema, record)


@pytest.fixture(scope="session")
def schemas() -> Schemas:
    return Schemas()


def _home():
    return factories.venue(
        "Jean's front room",
        address_1="12 Larch Close",
        city="Bracknell",
        postal_code="RG12 9ZZ",
        latitude=51.40567,
        longitude=-0.74321,
        mask_address=True,
        accessibility=[],
    )


def _unpublished(org) -> dict:
    hidden = {"state": PublicationState.HIDDEN}
    made = {
        "draft": factories.service("Secret Draft Club", org=org, state=PublicationState.DRAFT),
        "pending": factories.service(
            "Secret Pending Club", org=org, state=PublicationState.PENDING
        ),
        "hidden": factories.service(
            "Secret Hidden Club", org=org, hidden_reason=HiddenReason.BY_EDITOR, **hidden
        ),
        "withdrawn": factories.service(
            "Secret Withdrawn Club",
            org=org,
            hidden_reason=HiddenReason.WITHDRAWN_AT_SOURCE,
            **hidden,
        ),
        "archived": factories.service(
            "Secret Archived Club", org=org, state=PublicationState.ARCHIVED
        ),
        "inactive": factories.service(
            "Secret Inactive Club", org=org, status=ServiceStatus.INACTIVE
        ),
        "defunct": factories.service("Secret Defunct Club", org=org, status=ServiceStatus.DEFUNCT),
    }
    return made


def _published() -> dict:
    org_a = factories.organisation(
        "Crowthorne Good Companions",
        email="hello@companions.example.org",
        website="https://companions.example.org",
    )
    org_b = factories.organisation("Bracknell Knitters", description="")
    chatter = factories.service(
        "Tuesday Chatter Café",
        org=org_a,
        needs=("loneliness-and-company",),
        audiences=("older-people",),
        minimum_age=18,
        how_to_join=HowToJoin.BOOK,
        application_process="Ring Sue first",
        url="https://companions.example.org/chatter",
        email="chatter@companions.example.org",
        last_reviewed=date(2026, 11, 2),
        referral_email="referrals@companions.example.org",
        accepts_referrals=True,
    )
    walk = factories.service(
        "Bracknell Health Walk",
        org=org_a,
        needs=("getting-active",),
        location=factories.venue(
            "Bracknell Library",
            address_1="Town Square",
            city="Bracknell",
            postal_code="RG12 1AA",
            latitude=51.4133,
            longitude=-0.7519,
        ),
        schedules=[factories.weekly("WE", "14:00", "15:30", interval=2)],
        costs=[Decimal("2.50")],
        minimum_age=50,
        maximum_age=90,
        fees_description="Bring water",
    )
    walk.cost_options.append(
        CostOption(option="Annual membership", amount=Decimal("10"), amount_description="a year")
    )
    walk.languages.append(Language(name="Welsh", code="cy"))
    monthly = Schedule(
        freq="MONTHLY",
        byday="1TH",
        dtstart=date(2026, 1, 1),
        opens_at=time(19),
        closes_at=time(21),
        description="First Thursday of the month",
    )
    knit = factories.service(
        "Knit and Natter",
        org=org_b,
        needs=("mental-wellbeing",),
        location=_home(),
        schedules=[monthly],
    )
    quiz_night = Schedule(dtstart=date(2026, 12, 12), opens_at=time(18), closes_at=time(19))
    quiz = factories.service(
        "Online Quiz Night",
        org=org_b,
        needs=("loneliness-and-company",),
        location=factories.online(),
        schedules=[quiz_night],
        minimum_age=16,
    )
    shed = factories.service(
        "Sandhurst Shed Sessions",
        org=org_b,
        status=ServiceStatus.TEMPORARILY_CLOSED,
        alert="Closed for repairs until March",
        needs=("getting-active",),
        schedules=[factories.weekly("SA", "09:00", "12:00")],
    )
    db.session.commit()
    return {
        "org_a": org_a,
        "org_b": org_b,
        "chatter": chatter,
        "walk": walk,
        "knit": knit,
        "quiz": quiz,
        "shed": shed,
    }


@pytest.fixture
def directory(app) -> dict:
    """Ids (as text) of everything in the small directory, published or not, indexed."""
    from portal.cli import reindex_all

    made = _published()
    org_c = factories.organisation("Secret Helpers")
    made.update(_unpublished(org_c))
    made["org_c"] = org_c
    reindex_all()
    return {name: str(record.id) for name, record in made.items()}
