"""People, events and maps shared by the community-map tests.

Each person gets their own browser (`Browser`: a request runs in an app context of its own, as
in production, so a connector and a visitor can be signed in at once). Helpers that are not
fixtures are in `helpers.py`.
"""

from __future__ import annotations

import pytest

from portal.accounts.models import Role
from portal.community_maps import services
from tests import factories
from tests.support import sign_in


@pytest.fixture
def browser(app):
    """A fresh browser: nobody signed in."""

    def make():
        return app.test_client()

    return make


@pytest.fixture
def visitor(browser):
    return browser()


@pytest.fixture
def connie(app):
    return factories.user("connie@example.org", role=Role.CONNECTOR, name="Connie Connector")


@pytest.fixture
def connector(browser, connie):
    """Connie, signed in."""
    signed_in = browser()
    sign_in(signed_in, connie)
    return signed_in


@pytest.fixture
def signed_in_as(browser):
    """A browser signed in as a new account with `role`."""

    def make(role: Role, email: str | None = None, **fields):
        person = factories.user(email or f"{role.value}@example.org", role=role, **fields)
        signed_in = browser()
        sign_in(signed_in, person)
        return signed_in, person

    return make


@pytest.fixture
def event(connie):
    """A community party held in Crowthorne."""
    return services.save_event(
        connie,
        services.EventForm(
            title="Coffee and maps at the library",
            held_on="2026-03-14",
            venue="Crowthorne",
            community="Parents with toddlers",
            participants="12",
        ),
    )
