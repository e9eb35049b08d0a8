"""Long lists stay usable: every open referral, the most recent closed ones, and a reference
search for the rest."""

from datetime import timedelta

from portal.db import utcnow
from portal.prescribing.models import ReferralState
from portal.prescribing.referrals.list_views import CLOSED_SHOWN
from tests.prescribing.factories import pass_second_factor, referral, world
from tests.support import sign_in


def _signed_in(client, user):
    sign_in(client, user)
    pass_second_factor(client, user)
    return client


def test_open_referrals_are_all_listed_and_old_closed_ones_found_by_reference(app, client):
    w = world()
    now = utcnow()
    oldest = None
    for n in range(CLOSED_SHOWN + 3):
        made = referral(
            w.service_a,
            w.gp,
            state=ReferralState.COMPLETED,
            created_at=now - timedelta(days=400 - n),
            person_name=f"Closed Person {n}",
        )
        oldest = oldest or made
    waiting = referral(w.service_a, w.gp, person_name="Open Olive")
    page = _signed_in(client, w.connector_a).get("/referrals").get_data(as_text=True)
    assert "Open Olive" in page
    assert ">Closed Person 2<" not in page and ">Closed Person 3<" in page  # 0 to 2 are oldest
    assert "3 older closed ones are not listed" in page
    found = client.get(f"/referrals?reference={oldest.reference.lower()}").get_data(as_text=True)
    assert ">Closed Person 0<" in found and "Open Olive" not in found
    assert waiting.reference not in found


def test_a_reference_nobody_can_see_is_not_found(app, client):
    w = world()
    theirs = referral(w.service_b, w.gp, person_name="Bea Other")
    page = _signed_in(client, w.connector_a).get(f"/referrals?reference={theirs.reference}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Bea Other" not in text
    assert f"No referral you can see has the reference {theirs.reference}" in text


def test_the_caseload_finds_a_person_by_reference(app, client):
    w = world()
    mine = referral(w.service_a, w.gp, connector=w.connector_a, person_name="Cath Case")
    referral(w.service_a, w.gp, connector=w.connector_a, person_name="Dot Case")
    page = _signed_in(client, w.connector_a).get(f"/caseload?reference={mine.reference}")
    text = page.get_data(as_text=True)
    assert "Cath Case" in text and "Dot Case" not in text
