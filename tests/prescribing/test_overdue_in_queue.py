"""Editors learn from their review queue that referrals are waiting, without personal data."""

from datetime import timedelta

from portal.accounts.models import Role
from portal.db import utcnow
from tests import factories
from tests.prescribing.factories import referral, world
from tests.support import sign_in


def test_the_review_queue_counts_overdue_referrals_and_links_to_them(app, client):
    w = world()
    referral(w.service_a, w.gp, created_at=utcnow() - timedelta(days=20), person_name="Ivy Late")
    referral(w.service_b, w.gp, person_name="Nell New")  # made today: not overdue
    editor = factories.user("ed@example.org", role=Role.EDITOR, name="Ed Editor")
    sign_in(client, editor)
    page = client.get("/moderation").get_data(as_text=True)
    assert "Referrals nobody has acted on" in page
    assert "See the 1 referral still new after 5 working days" in page
    assert 'href="/moderation/overdue-referrals"' in page
    assert "Ivy Late" not in page and "Nell New" not in page
    overdue = client.get("/moderation/overdue-referrals").get_data(as_text=True)
    assert w.service_a.name in overdue and "Ivy Late" not in overdue
