"""Who may open each page of one referral: the relationship to it, not only the role, decides.

Organisation A received the referral from a GP, and A's connector is assigned to it. The GP
may read it; only A's people may act on it; B's connector and member, another GP and the
directory team may do neither. Everyone here has passed the second factor, so a refusal is
about who they are, not how they signed in.
"""

import pytest

from portal.accounts.models import Role
from portal.extensions import db
from portal.prescribing.models import Goal
from tests import factories
from tests.prescribing.factories import pass_second_factor, referral, world
from tests.support import csrf_token, sign_in

SEE, ACT = "see", "act"
GETS = [
    ("/referrals/{id}", SEE),
    ("/referrals/{id}/questionnaires/referral/ons4", ACT),
    ("/referrals/{id}/monitoring", ACT),
    ("/referrals/{id}/export.json", ACT),
    ("/referrals/{id}/erase", ACT),
]
POSTS = [  # an empty form: allowed people get a form error (400), others 403
    "/referrals/{id}/state",
    "/referrals/{id}/assign",
    "/referrals/{id}/journal",
    "/referrals/{id}/goals",
    "/referrals/{id}/connections",
    "/referrals/{id}/questionnaires/exit/connect5",
]
PEOPLE = {  # who: may see, may act
    "referring GP": (True, False),
    "A's connector": (True, True),
    "A's member": (True, True),
    "B's connector": (False, False),
    "B's member": (False, False),
    "another GP": (False, False),
    "editor": (False, False),
}


@pytest.fixture
def case(app):
    w = world()
    member_b = factories.user(
        "mel@example.org", role=Role.GROUP_MEMBER, name="Mel B", organisations=(w.org_b,)
    )
    other_gp = factories.user("gp2@example.org", role=Role.PROFESSIONAL, name="Dr Other")
    editor = factories.user("ed@example.org", role=Role.EDITOR, name="Ed Editor")
    item = referral(w.service_a, w.gp, connector=w.connector_a)
    goal = Goal(referral_id=item.id, text="Walk to the shops")
    db.session.add(goal)
    db.session.commit()
    people = {
        "referring GP": w.gp,
        "A's connector": w.connector_a,
        "A's member": w.member_a,
        "B's connector": w.connector_b,
        "B's member": member_b,
        "another GP": other_gp,
        "editor": editor,
    }
    return item, goal, people


@pytest.mark.parametrize("who", list(PEOPLE))
def test_each_person_reaches_only_what_their_relationship_allows(app, case, who):
    item, goal, people = case
    client = app.test_client()
    sign_in(client, people[who])
    pass_second_factor(client, people[who])
    may_see, may_act = PEOPLE[who]
    for template, needs in GETS:
        url = template.format(id=item.id)
        allowed = may_see if needs == SEE else may_act
        assert client.get(url).status_code == (200 if allowed else 403), (who, url)
    token = csrf_token(client.get("/account").get_data(as_text=True))
    for template in [*POSTS, f"/referrals/{{id}}/goals/{goal.id}/achieved"]:
        url = template.format(id=item.id)
        status = client.post(url, data={"csrf_token": token}).status_code
        if may_act:
            assert status in (302, 400), (who, url, status)
        else:
            assert status == 403, (who, url, status)
