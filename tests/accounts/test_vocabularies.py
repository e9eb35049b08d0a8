"""Administrators keep the vocabularies: what they change shows everywhere, search included."""

import pytest

from portal.accounts.models import Role
from portal.cli import reindex_all
from portal.directory.services import load_vocabulary
from portal.extensions import db
from tests import factories
from tests.support import csrf_token, sign_in


@pytest.fixture(autouse=True)
def vocabulary(app):
    load_vocabulary()
    db.session.commit()


def as_admin(client):
    admin = factories.user("admin@example.org", role=Role.ADMIN, name="Alex Admin")
    sign_in(client, admin)
    return admin


def post(client, url, **fields):
    token = csrf_token(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **fields})


def test_a_new_need_can_be_chosen_for_listings_and_searched_by(client, app):
    as_admin(client)
    response = post(
        client,
        "/admin/vocabularies/needs/new",
        name="Digital skills",
        description="Getting online, using a phone or a tablet.",
    )
    assert response.status_code == 302
    assert "Digital skills" in client.get("/admin/vocabularies").get_data(as_text=True)
    assert "Digital skills" in client.get("/needs/").get_data(as_text=True)
    assert "Digital skills" in client.get("/search?where=Bracknell").get_data(as_text=True)
    page = client.get("/needs/digital-skills")
    assert page.status_code == 200


def test_names_are_checked_and_what_was_typed_is_kept(client, app):
    as_admin(client)
    response = post(client, "/admin/vocabularies/needs/new", name="  ", description="Typed")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter a name, as residents would say it" in html and ">Typed</textarea>" in html
    twice = post(client, "/admin/vocabularies/needs/new", name="getting active")
    assert twice.status_code == 400
    assert "is already in this list" in twice.get_data(as_text=True)


def test_a_renamed_need_shows_on_listings_and_finds_them(client, app):
    listing_id = factories.service("Tuesday Chatter", needs=("loneliness-and-company",)).id
    reindex_all()
    as_admin(client)
    response = post(
        client,
        "/admin/vocabularies/needs/loneliness-and-company",
        name="Company and friendship",
        description="Meet people and make friends.",
        move="",
    )
    assert response.status_code == 302
    page = client.get(f"/services/{listing_id}").get_data(as_text=True)
    assert "Company and friendship" in page and "Loneliness and company" not in page
    found = client.get("/search?q=friendship").get_data(as_text=True)
    assert "Tuesday Chatter" in found  # the index was told about the new name
    load_vocabulary()  # a later load keeps the administrators' name
    db.session.commit()
    assert "Company and friendship" in client.get("/needs/").get_data(as_text=True)


def test_moving_a_need_changes_the_order_people_see(client, app):
    as_admin(client)
    home = client.get("/").get_data(as_text=True)
    assert home.index("Loneliness and company") < home.index("Getting active")
    post(
        client,
        "/admin/vocabularies/needs/getting-active",
        name="Getting active",
        description="Walking, exercise and sport.",
        move="up",
    )
    home = client.get("/").get_data(as_text=True)
    assert home.index("Getting active") < home.index("Loneliness and company")
