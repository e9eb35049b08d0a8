"""The demo area feels real: enough listings, everywhere, for everyone, and loading is safe."""

from collections import Counter

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role, User
from portal.directory.models import (
    Location,
    LocationType,
    Organisation,
    PublicationState,
    Service,
    ServiceAttribute,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from portal.directory.vocabulary import AUDIENCES, NEEDS
from portal.extensions import db
from seed.loader import DemoDataRefused, load_demo
from tests import factories


@pytest.fixture
def demo(demo_app):
    with demo_app.app_context():
        yield
        db.session.rollback()


def count(stmt) -> int:
    return db.session.scalar(select(func.count()).select_from(stmt.subquery()))


def test_at_least_400_published_services_from_150_organisations(demo):
    published = select(Service).where(Service.publication_state == PublicationState.PUBLISHED)
    assert count(published) >= 400
    assert count(select(Organisation)) >= 150
    providers = (
        select(Service.organisation_id)
        .where(Service.publication_state == PublicationState.PUBLISHED)
        .distinct()
    )
    assert count(providers) >= 150


def _term_counts(slug: str) -> Counter:
    rows = db.session.execute(
        select(TaxonomyTerm.code, func.count(ServiceAttribute.id))
        .join(ServiceAttribute, ServiceAttribute.taxonomy_term_id == TaxonomyTerm.id)
        .join(Taxonomy)
        .where(Taxonomy.slug == slug)
        .group_by(TaxonomyTerm.code)
    )
    return Counter(dict(rows.all()))


def test_every_need_and_every_audience_has_listings(demo):
    needs, audiences = _term_counts("needs"), _term_counts("audiences")
    assert {t.code for t in NEEDS.terms if needs[t.code] < 10} == set()
    assert {t.code for t in AUDIENCES.terms if audiences[t.code] < 5} == set()


def test_venues_are_distinct_real_places_in_the_area(demo):
    venues = db.session.scalars(
        select(Location).where(
            Location.location_type == LocationType.PHYSICAL,
            Location.mask_address.is_(False),
            Location.is_demo.is_(True),  # the browser tests add their own to the shared demo
        )
    ).all()
    assert len(venues) >= 60
    assert len({(v.latitude, v.longitude) for v in venues}) == len(venues)
    for venue in venues:
        assert 51.30 < venue.latitude < 51.47 and -0.92 < venue.longitude < -0.60, venue.name
        assert venue.postal_code.split()[0] in {
            "RG12",
            "RG42",
            "RG45",
            "GU47",
            "SL5",
            "SL4",
            "RG40",
            "RG41",
        }, venue.postal_code
    towns = {v.city for v in venues}
    assert {"Bracknell", "Crowthorne", "Sandhurst", "Binfield", "Warfield", "Ascot"} <= towns


def test_some_are_online_some_at_home_some_closed(demo):
    online = select(Location).where(Location.location_type == LocationType.VIRTUAL)
    homes = select(Location).where(Location.mask_address.is_(True))
    closed = select(Service).where(Service.status == ServiceStatus.TEMPORARILY_CLOSED)
    assert count(online) >= 5
    assert count(homes) >= 3
    assert count(closed) >= 3


def test_demo_accounts_exist_for_every_role(demo):
    roles = set(db.session.scalars(select(User.role).where(User.is_demo.is_(True))).all())
    assert roles == set(Role)


def test_loading_again_changes_nothing(demo):
    before = count(select(Service))
    result = load_demo()
    assert result.created is False
    assert count(select(Service)) == before
    assert "already loaded" in result.summary


def test_a_demo_people_have_used_loads_again_and_keeps_what_they_added(app):
    load_demo()
    volunteer = factories.user("olive@example.org", role=Role.GROUP_MEMBER)
    factories.service("Olive's Walking Group")
    result = load_demo()  # `make run` a second time
    assert result.created is False
    assert db.session.get(User, volunteer.id) is not None
    assert db.session.scalars(select(Service).where(Service.name == "Olive's Walking Group")).one()


def test_loader_refuses_a_database_with_real_data(app):
    factories.service("A real listing")
    with pytest.raises(DemoDataRefused, match="already holds real data"):
        load_demo()
    assert count(select(Service)) == 1


def test_demo_listing_pages_render(demo_client, demo_app):
    with demo_app.app_context():
        ids = db.session.scalars(select(Service.id).limit(40)).all()
        org_ids = db.session.scalars(select(Organisation.id).limit(20)).all()
    for service_id in ids:
        assert demo_client.get(f"/services/{service_id}").status_code == 200
    for org_id in org_ids:
        assert demo_client.get(f"/organisations/{org_id}").status_code == 200
