"""Referrals and the people around them, for prescribing tests.

`world()` makes two receiving organisations (A and B), each with a service that accepts
referrals and a connector on its staff, a GP who refers, and a group member of A.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from portal.accounts.models import Role, User
from portal.db import utcnow
from portal.directory.models import Organisation, Service
from portal.extensions import db
from portal.prescribing.models import (
    ContactPreference,
    Referral,
    ReferralReason,
    ReferralSource,
    ReferralState,
)
from tests import factories


@dataclass
class World:
    org_a: Organisation
    org_b: Organisation
    service_a: Service
    service_b: Service
    gp: User
    gp_practice: Organisation
    connector_a: User
    connector_b: User
    member_a: User


def world() -> World:
    practice = factories.organisation("Heath Hill Surgery")
    org_a = factories.organisation("Bracknell Community Connectors")
    org_b = factories.organisation("Sandhurst Befrienders")
    service_a = factories.service("Community connector support", org=org_a)
    service_b = factories.service("Telephone befriending", org=org_b)
    for service, address in ((service_a, "referrals@connectors.example.org"), (service_b, None)):
        service.accepts_referrals = True
        service.referral_email = address
    gp = factories.user("gp@example.org", role=Role.PROFESSIONAL, name="Dr Ann Lee")
    gp.organisation = practice
    connector_a = factories.user("connie@example.org", role=Role.CONNECTOR, name="Connie A")
    connector_a.organisation = org_a
    connector_b = factories.user("colin@example.org", role=Role.CONNECTOR, name="Colin B")
    connector_b.organisation = org_b
    member_a = factories.user(
        "member@example.org", role=Role.GROUP_MEMBER, name="Mo Member", organisations=(org_a,)
    )
    db.session.commit()
    return World(
        org_a, org_b, service_a, service_b, gp, practice, connector_a, connector_b, member_a
    )


def referral(
    service: Service,
    referrer: User | None = None,
    *,
    state: ReferralState = ReferralState.NEW,
    created_at: datetime | None = None,
    connector: User | None = None,
    **fields,
) -> Referral:
    """A referral made straight through the model (the referral services are tested apart)."""
    moment = created_at or utcnow()
    item = Referral(
        service=service,
        organisation_id=service.organisation_id,
        source=ReferralSource.GP if referrer else ReferralSource.SELF,
        referrer_user_id=referrer.id if referrer else None,
        referrer_name=referrer.name if referrer else fields.get("person_name", "Pat Example"),
        referrer_practice=(
            referrer.organisation.name if referrer and referrer.organisation else ""
        ),
        person_name=fields.pop("person_name", "Pat Example"),
        person_phone=fields.pop("person_phone", "07700 900123"),
        person_email=fields.pop("person_email", "pat@example.org"),
        contact_preference=ContactPreference.PHONE,
        what_matters=fields.pop("what_matters", "Getting out of the house again"),
        reason=fields.pop("reason", ReferralReason.ISOLATION),
        consent_given_by="The person",
        consent_given_at=moment,
        consent_scope="Share these details with the service so they can get in touch",
        state=state,
        state_changed_at=moment,
        created_at=moment,
        assigned_connector_id=connector.id if connector else None,
        **fields,
    )
    if state.closed:
        item.closed_at = moment
    db.session.add(item)
    db.session.commit()
    return item


def pass_second_factor(client, user: User) -> None:
    """Mark this test client's session as having passed the second factor for `user`
    (the TOTP sign-in itself is tested in tests/accounts/test_second_factor.py)."""
    from portal.accounts.access import SECOND_FACTOR_KEY

    with client.session_transaction() as session:
        session[SECOND_FACTOR_KEY] = str(user.id)
