"""Issue 12: a circle of support is personal data. Only the connector who made it, and the
connectors they share it with, see it; behind the second factor; every view is logged."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import Role
from portal.community_maps import services
from portal.community_maps.models import AssetKind
from portal.extensions import db
from portal.prescribing.models import PersonalDataLog
from tests.community_maps.helpers import asset, session_token, submit
from tests.prescribing.factories import pass_second_factor
from tests.support import page, text_of


def _circle(connie):
    found = services.create_circle(connie, "C-014")
    asset(None, "Daughter, rings on Sundays", AssetKind.PEOPLE, map=found)
    return found


def test_another_connector_cannot_see_a_circle(connie, signed_in_as):
    circle = _circle(connie)
    other, person = signed_in_as(Role.CONNECTOR, "colin@example.org", name="Colin")
    pass_second_factor(other, person)

    answer = other.get(f"/connect/circles/{circle.id}")
    assert answer.status_code == 403
    assert "Daughter, rings on Sundays" not in answer.get_data(as_text=True)
    assert "C-014" not in text_of(page(other, "/connect"))


def test_a_circle_needs_the_second_factor_even_for_its_maker(connie, connector):
    circle = _circle(connie)

    answer = connector.get(f"/connect/circles/{circle.id}")
    assert answer.status_code == 302
    assert "/second-factor" in answer.headers["Location"]


def test_every_view_of_a_circle_is_logged(connie, connector):
    circle = _circle(connie)
    pass_second_factor(connector, connie)

    html = page(connector, f"/connect/circles/{circle.id}")
    assert "Daughter, rings on Sundays" in html
    entries = db.session.scalars(select(PersonalDataLog)).all()
    assert [(e.user_id, e.action, e.reference) for e in entries] == [
        (connie.id, "viewed circle", "C-014")
    ]


def test_the_maker_shares_a_circle_with_a_named_connector(connie, connector, signed_in_as):
    circle = _circle(connie)
    pass_second_factor(connector, connie)
    other, colin = signed_in_as(Role.CONNECTOR, "colin@example.org", name="Colin Connector")
    pass_second_factor(other, colin)
    url = f"/connect/circles/{circle.id}"
    assert other.get(url).status_code == 403

    refused = submit(connector, url, f"{url}/share", connector="")
    assert refused.status_code == 400
    assert "Choose the connector to share it with" in refused.get_data(as_text=True)

    shared = submit(connector, url, f"{url}/share", connector=str(colin.id))
    assert shared.status_code == 302
    html = page(other, url)
    assert "Daughter, rings on Sundays" in html
    assert "shared with you by Connie Connector" in text_of(html)
    assert "C-014" in text_of(page(other, "/connect"))
    # Colin may not share it on or delete it: only its maker does.
    token = session_token(other)
    assert other.post(f"{url}/delete", data={"csrf_token": token}).status_code == 403

    stopped = submit(connector, url, f"{url}/share", stop=str(colin.id))
    assert stopped.status_code == 302
    assert other.get(url).status_code == 403
