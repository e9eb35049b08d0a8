"""Professionals filter to activities that accept referrals (issue 16): the index's facet bit on
both backends (this file runs on SQLite with Whoosh and on PostgreSQL with its own search), the
database's answer, the chip and the checkbox, an index of the old layout rebuilt, and the
migration that sets the bit on PostgreSQL rows already written.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from portal import search
from portal.accounts.models import Role
from portal.cli import reindex_all
from portal.directory.models import Service
from portal.extensions import db
from portal.geo import find_place
from portal.prescribing.referrals.services import set_referral_settings
from portal.search.backend import Centre, current_backend
from portal.search.documents import BITS, facet_bit
from portal.search.fallback import database_rank
from portal.search.query import SearchQuery
from tests import factories
from tests.servers import postgres_database
from tests.support import make_app, page, sign_in

REFERRALS = "Accepts referrals"
HINT = "Activities a GP, link worker or connector can refer someone to"


@pytest.fixture
def listings(app) -> dict[str, Service]:
    """Walking activities in Bracknell with and without referrals, one far away that takes
    them, and one in Bracknell that takes them but is not about walking."""
    bracknell = find_place("Bracknell")

    def hall(name: str):
        return factories.venue(
            name, latitude=bracknell.latitude + 0.006, longitude=bracknell.longitude
        )

    made = {
        "netball": factories.service(
            "Walking Netball",
            description="Netball at a walk.",
            location=hall("Bracknell Hall"),
            accepts_referrals=True,
        ),
        "cricket": factories.service(
            "Walking Cricket", description="Cricket at a walk.", location=hall("Pavilion")
        ),
        "football": factories.service(
            "Walking Football",
            description="Football at a walk.",
            location=factories.venue("Leeds Hall", latitude=53.8, longitude=-1.55),
            accepts_referrals=True,
        ),
        "knitting": factories.service(
            "Knit and Natter",
            description="Knitting and a chat.",
            location=hall("Library"),
            accepts_referrals=True,
        ),
    }
    reindex_all()
    return made


def ranked_names(query: SearchQuery, centre: Centre | None = None) -> set[str]:
    by_id = {str(s.id): s.name for s in db.session.scalars(select(Service))}
    ranked = current_backend().rank(query, centre, 0, 50, {}, date.today())
    return {by_id[i] for i in ranked.ids}


def bracknell() -> Centre:
    place = find_place("Bracknell")
    return Centre(place.latitude, place.longitude)


# --- the filter, in the index of either backend ----------------------------------------------


def test_the_document_carries_the_referrals_bit_last(listings):
    from portal.search.documents import document

    assert BITS[("referrals", "yes")] == max(BITS.values()) == 22  # migration 0015 says 22
    assert document(listings["netball"])["facets"] & facet_bit("referrals", "yes")
    assert not document(listings["cricket"])["facets"] & facet_bit("referrals", "yes")


def test_the_filter_keeps_only_activities_that_accept_referrals(listings):
    assert ranked_names(SearchQuery(referrals=True)) == {
        "Walking Netball",
        "Walking Football",
        "Knit and Natter",
    }
    assert ranked_names(SearchQuery(text="walking", referrals=True)) == {
        "Walking Netball",
        "Walking Football",
    }
    assert ranked_names(SearchQuery(text="walking")) == {
        "Walking Netball",
        "Walking Cricket",
        "Walking Football",
    }


def test_the_filter_combines_with_words_and_a_place(client, listings):
    asked = SearchQuery(text="walking", where="Bracknell", radius=5, referrals=True)
    assert ranked_names(asked, bracknell()) == {"Walking Netball"}
    html = page(client, "/search?q=walking&where=Bracknell&referrals=1")
    assert "Walking Netball" in html
    assert "Walking Cricket" not in html and "Walking Football" not in html
    assert "Knit and Natter" not in page(client, "/search?q=walking&referrals=1")


def test_the_filter_combines_with_other_filters(listings):
    factories.service(
        "Walking Rugby",
        description="Rugby at a walk.",
        location=factories.venue("Field"),
        accepts_referrals=True,
        costs=[5],
    )
    reindex_all()
    found = ranked_names(SearchQuery(text="walking", referrals=True, free=True))
    assert found == {"Walking Netball", "Walking Football"}


def test_switching_referrals_on_reaches_search_at_once(listings):
    editor = factories.user("eve@example.org", role=Role.EDITOR, name="Eve Editor")
    cricket = listings["cricket"]
    set_referral_settings(cricket, editor, accepts=True, email="cricket@example.org")
    assert "Walking Cricket" in ranked_names(SearchQuery(text="walking", referrals=True))
    set_referral_settings(cricket, editor, accepts=False, email="")
    assert "Walking Cricket" not in ranked_names(SearchQuery(text="walking", referrals=True))


# --- the database's answer, while the index is rebuilt ---------------------------------------


def test_the_database_answer_keeps_the_filter(listings):
    def names(query: SearchQuery, centre: Centre | None = None) -> set[str]:
        by_id = {str(s.id): s.name for s in db.session.scalars(select(Service))}
        return {by_id[i] for i in database_rank(query, centre, 0, 50).ids}

    assert names(SearchQuery(text="walking", referrals=True)) == {
        "Walking Netball",
        "Walking Football",
    }
    asked = SearchQuery(text="walking", where="Bracknell", radius=5, referrals=True)
    assert names(asked, bracknell()) == {"Walking Netball"}


# --- what the page shows ---------------------------------------------------------------------


def test_the_chip_says_so_and_removes_the_filter(client, listings):
    html = page(client, "/search?q=walking&referrals=1")
    assert f'<a class="app-chip" href="/search?q=walking">{REFERRALS}' in html
    nothing = page(client, "/search?q=cricket&referrals=1")  # none found: offered to drop it
    assert f'<a class="govuk-link" href="/search?q=cricket">drop “{REFERRALS}”</a>' in nothing


def test_a_professional_sees_the_checkbox_and_it_stays_checked(client, listings):
    gp = factories.user("gp@example.org", role=Role.PROFESSIONAL, name="Dr Gill")
    sign_in(client, gp)
    html = page(client, "/search?q=walking")
    assert 'id="referrals" name="referrals" type="checkbox" value="1"' in html
    assert HINT in html
    assert 'name="referrals" type="checkbox" value="1" aria-describedby="referrals-hint">' in html
    html = page(client, "/search?q=walking&referrals=1")
    assert 'aria-describedby="referrals-hint" checked>' in html


@pytest.mark.parametrize("role", [Role.CONNECTOR, Role.EDITOR, Role.ADMIN])
def test_others_who_refer_or_run_the_directory_see_it(client, listings, role):
    sign_in(client, factories.user("someone@example.org", role=role))
    assert 'id="referrals"' in page(client, "/search?q=walking")


def test_the_public_does_not_see_it_but_a_shared_link_keeps_it(client, listings):
    assert 'id="referrals"' not in page(client, "/search?q=walking")
    html = page(client, "/search?q=walking&referrals=1")  # a professional's link, shared
    assert 'aria-describedby="referrals-hint" checked>' in html
    assert "Walking Cricket" not in html


def test_a_group_member_does_not_see_it(client, listings):
    sign_in(client, factories.user("member@example.org", role=Role.GROUP_MEMBER))
    assert 'id="referrals"' not in page(client, "/search?q=walking")


# --- an index of the layout before this bit is rebuilt --------------------------------------


@pytest.mark.parametrize("app", ["whoosh"], indirect=True)
def test_an_embedded_index_of_the_old_layout_is_rebuilt(app, listings):
    from portal.search.embedded.index import SCHEMA_VERSION, directory, index_status

    old_bits = {k: v for k, v in BITS.items() if k != ("referrals", "yes")}
    old_fingerprint = hashlib.sha256(repr(sorted(old_bits.items())).encode()).hexdigest()[:12]
    old_version = SCHEMA_VERSION.rsplit("-", 1)[0] + "-" + old_fingerprint
    assert old_version != SCHEMA_VERSION
    (directory() / "VERSION").write_text(old_version)
    assert not index_status().ok
    assert search.prepare() is True  # built again, as a server's start does
    assert index_status().ok
    assert ranked_names(SearchQuery(text="walking", referrals=True)) == {
        "Walking Netball",
        "Walking Football",
    }


# --- migration 0015 on rows written before it ------------------------------------------------


@pytest.fixture
def migrated_postgres(tmp_path):
    """An app on a scratch PostgreSQL database built by the migrations (on every run)."""
    with postgres_database("referrals_facet") as url:
        app = make_app(url, tmp_path / "search", PORTAL_SEARCH_BACKEND="postgresql")
        with app.app_context():
            upgrade()
            yield app
            db.session.remove()
            db.engine.dispose()


def test_migration_0015_sets_the_bit_on_existing_rows_and_downgrade_clears_it(
    migrated_postgres,
):
    from portal.directory.services import load_vocabulary

    load_vocabulary()
    db.session.commit()
    taking = factories.service("Walking Netball", accepts_referrals=True)
    other = factories.service("Walking Cricket")
    bit = facet_bit("referrals", "yes")

    def facets() -> dict:
        db.session.commit()
        rows = db.session.execute(text("SELECT service_id, facets FROM search_listings"))
        return dict(rows.all())

    written = facets()  # written with the new layout, in the services' own transactions
    assert written[taking.id] & bit and not written[other.id] & bit
    db.session.remove()
    downgrade(revision="0014")
    before = facets()
    assert not before[taking.id] & bit and not before[other.id] & bit
    assert {k: v | (bit if k == taking.id else 0) for k, v in before.items()} == written
    db.session.remove()
    upgrade()
    assert facets() == written
    assert ranked_names(SearchQuery(referrals=True)) == {"Walking Netball"}
