"""Issue 11, "Decisions made twice", for referrals: two people at the receiving organisation
moving the same referral on (or taking it) at the same moment, and reminders sent by two
runs at once. Each person acts in their own thread and database session, behind a barrier,
five times over."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.extensions import db
from portal.notify import outbox_messages
from portal.prescribing.models import Referral, ReferralEvent, ReferralState
from portal.prescribing.referrals import services as referrals
from portal.validation import AlreadyDecided, ValidationFailed
from tests.concurrency import at_once
from tests.prescribing.factories import referral, world

ROUNDS = 5


@pytest.fixture
def w(app):
    return world()


def acting(app, referral_id, user_id, action):
    """`action(referral, user)` as one request would do it: its own app context and session."""

    def call():
        with app.app_context():
            try:
                found = db.session.get(Referral, referral_id)
                return action(found, db.session.get(User, user_id))
            finally:
                db.session.remove()

    return call


def both_seen_then_done(app, referral_id, user_ids, action) -> list:
    """Each person opens the referral (as their page did), then all act at the same moment."""
    barrier = threading.Barrier(len(user_ids))
    answers: list = [None] * len(user_ids)

    def person(index: int, user_id) -> None:
        with app.app_context():
            found, user = db.session.get(Referral, referral_id), db.session.get(User, user_id)
            found.assigned_connector_id  # noqa: B018  (what the page showed)
            barrier.wait()
            try:
                answers[index] = action(found, user)
            except Exception as error:  # the test looks at what was raised
                answers[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=person, args=pair) for pair in enumerate(user_ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def state_events(item, state: ReferralState) -> int:
    return db.session.scalar(
        select(func.count()).where(
            ReferralEvent.referral_id == item.id, ReferralEvent.to_state == state
        )
    )


def test_two_people_accepting_one_referral_at_once_accept_it_once(app, w):
    for _ in range(ROUNDS):
        item = referral(w.service_a, w.gp)
        accept = lambda found, user: referrals.change_state(found, user, "accepted")  # noqa: E731

        answers = at_once(
            acting(app, item.id, w.connector_a.id, accept),
            acting(app, item.id, w.member_a.id, accept),
        )

        lost = [a for a in answers if isinstance(a, AlreadyDecided)]
        assert len(lost) == 1 and sum(isinstance(a, Referral) for a in answers) == 1, answers
        assert f"already marked referral {item.reference} as accepted at" in lost[0].message
        assert state_events(item, ReferralState.ACCEPTED) == 1
        told = [m for m in outbox_messages() if f"Referral {item.reference} is now" in m.subject]
        assert len([m for m in told if m.to == w.gp.email]) == 1


def test_accepting_and_declining_at_once_takes_one_decision(app, w):
    for _ in range(ROUNDS):
        item = referral(w.service_a, w.gp)

        answers = at_once(
            acting(
                app,
                item.id,
                w.connector_a.id,
                # Both pages showed a new referral (the form sends the state it showed):
                # without it, a decline that starts after the acceptance committed is a
                # second, legitimate decision about an accepted referral.
                lambda r, u: referrals.change_state(r, u, "accepted", seen_state="new"),
            ),
            acting(
                app,
                item.id,
                w.member_a.id,
                lambda r, u: referrals.change_state(
                    r, u, "declined", declined_reason="Full", seen_state="new"
                ),
            ),
        )

        assert sum(isinstance(a, Referral) for a in answers) == 1, answers
        assert all(isinstance(a, Referral | AlreadyDecided | ValidationFailed) for a in answers)
        db.session.expire_all()
        now = db.session.get(Referral, item.id)
        assert now.state in (ReferralState.ACCEPTED, ReferralState.DECLINED)
        assert bool(now.declined_reason) == (now.state is ReferralState.DECLINED)
        changes = db.session.scalar(
            select(func.count()).where(
                ReferralEvent.referral_id == item.id, ReferralEvent.from_state.is_not(None)
            )
        )
        assert changes == 1


def test_two_connectors_taking_one_referral_at_once_give_it_to_one(app, w):
    from tests import factories

    other = factories.user(
        "cara@example.org", role=w.connector_a.role, name="Cara A", organisations=(w.org_a,)
    )
    for _ in range(ROUNDS):
        item = referral(w.service_a, w.gp)

        answers = both_seen_then_done(
            app, item.id, [w.connector_a.id, other.id], lambda r, u: referrals.assign(r, u, u)
        )

        lost = [a for a in answers if isinstance(a, AlreadyDecided)]
        assert len(lost) == 1, answers
        db.session.expire_all()
        winner = db.session.get(Referral, item.id).assigned_connector
        assert f"Assigned to {winner.name}" in lost[0].message
        given = [m for m in outbox_messages() if f"Referral {item.reference} has been" in m.subject]
        assert [m.to for m in given] == [winner.email]


def test_a_stale_page_is_told_who_moved_the_referral_on(app, w):
    item = referral(w.service_a, w.gp)
    referrals.change_state(item, w.connector_a, "accepted")

    with pytest.raises(AlreadyDecided, match=r"Connie A already marked referral .* as accepted"):
        referrals.change_state(db.session.get(Referral, item.id), w.member_a, "accepted")


def test_a_decision_made_on_an_out_of_date_page_is_refused(app, w):
    """Connie accepted it; Maya's page still showed it as new and she declines: refused, with
    who accepted it, and the referral stays accepted."""
    item = referral(w.service_a, w.gp)
    referrals.change_state(item, w.connector_a, "accepted")

    with pytest.raises(AlreadyDecided, match=r"Connie A already marked referral .* as accepted"):
        referrals.change_state(
            db.session.get(Referral, item.id),
            w.member_a,
            "declined",
            declined_reason="No places left",
            seen_state="new",
        )
    db.session.expire_all()
    assert db.session.get(Referral, item.id).state is ReferralState.ACCEPTED


def test_two_reminder_runs_at_once_remind_each_referral_once(app, w):
    moment = datetime(2026, 1, 19, 7, 0, tzinfo=UTC)
    for round_number in range(ROUNDS):
        items = [
            referral(w.service_a, w.gp, created_at=datetime(2026, 1, 9, 10, n, tzinfo=UTC))
            for n in range(3)
        ]

        def run():
            with app.app_context():
                try:
                    return referrals.send_reminders(moment)
                finally:
                    db.session.remove()

        counts = at_once(run, run)

        assert sum(counts) == 3, counts
        for item in items:
            reminded = [m.to for m in outbox_messages() if item.reference in m.subject]
            assert reminded and len(reminded) == len(set(reminded)), (round_number, reminded)
