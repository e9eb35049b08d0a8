"""Issue 11, "Decisions made twice", for community maps: two connectors deciding a visitor's
suggestion at the same moment, and two group members taking on the same invitation at once.
Each person acts in their own thread and database session, behind a barrier, five times."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.accounts import tokens
from portal.accounts.models import Membership, Role, User
from portal.audit import AuditEvent
from portal.community_maps import services
from portal.community_maps.models import Asset, AssetKind, AssetState
from portal.extensions import db
from portal.listings.data import empty_listing
from portal.moderation.models import Claim, ListingRevision, RevisionState
from portal.validation import AlreadyDecided
from tests import factories
from tests.concurrency import at_once

ROUNDS = 5


def in_own_session(app, action, *ids):
    """`action(*objects)` as one request would run it: its own app context and session."""

    def call():
        with app.app_context():
            try:
                return action(*(db.session.get(model, key) for model, key in ids))
            finally:
                db.session.remove()

    return call


def audits(action: str) -> int:
    return db.session.scalar(select(func.count()).where(AuditEvent.action == action))


def test_two_connectors_deciding_one_suggestion_at_once_decide_it_once(app):
    connie = factories.user("connie@example.org", role=Role.CONNECTOR, name="Connie Connector")
    colin = factories.user("colin@example.org", role=Role.CONNECTOR, name="Colin Connector")
    for round_number in range(ROUNDS):
        pond = Asset(name=f"Duck pond {round_number}", kind=AssetKind.PLACES)
        pond.state = AssetState.SUGGESTED
        db.session.add(pond)
        db.session.commit()

        answers = at_once(
            in_own_session(
                app,
                lambda a, u: services.decide_suggestion(a, True, u),
                (Asset, pond.id),
                (User, connie.id),
            ),
            in_own_session(
                app,
                lambda a, u: services.decide_suggestion(a, False, u),
                (Asset, pond.id),
                (User, colin.id),
            ),
        )

        lost = [a for a in answers if isinstance(a, AlreadyDecided)]
        assert len(lost) == 1 and answers.count(None) == 1, answers
        db.session.expire_all()
        decided = db.session.get(Asset, pond.id)
        who = (
            "Connie Connector added it"
            if decided.state is AssetState.APPROVED
            else ("Colin Connector turned it down")
        )
        assert f"This suggestion has already been decided: {who} at" in lost[0].message
        assert (
            audits("community_map.suggestion_approved")
            + audits("community_map.suggestion_rejected")
            == round_number + 1
        )


def test_two_group_members_taking_on_one_invitation_at_once_take_it_once(app):
    for round_number in range(ROUNDS):
        group = factories.organisation(f"Friends of the park {round_number}")
        revision = ListingRevision(
            organisation=group,
            data={**empty_listing(), "name": f"Park clean-up {round_number}"},
            source="event",
            state=RevisionState.DRAFT,
        )
        db.session.add(revision)
        people = [
            factories.user(f"{name}{round_number}@example.org", role=Role.GROUP_MEMBER, name=name)
            for name in ("Gwen", "Gary")
        ]
        db.session.commit()
        token = tokens.make_token(services.INVITATION, {"revision": str(revision.id)})

        answers = at_once(
            *(
                in_own_session(
                    app, lambda u, t=token: services.accept_invitation(t, u)[1], (User, person.id)
                )
                for person in people
            )
        )

        assert sorted(answers) == [False, True], answers
        db.session.expire_all()
        members = db.session.scalars(
            select(Membership.user_id).where(Membership.organisation_id == group.id)
        ).all()
        claims = db.session.scalars(select(Claim.user_id).where(Claim.organisation_id == group.id))
        taken = db.session.get(ListingRevision, revision.id)
        assert len(members) == 1 and taken.author_id == members[0]
        assert list(claims) == [p.id for p in people if p.id != members[0]]
        assert audits("revision.invitation_accepted") == round_number + 1
