"""Fixtures for a group, its member and an editor, each with a browser of their own.

Not a plugin: a conftest that wants them imports them (`from tests.support.people import
member, org`), and they then serve the tests below that conftest, as if written there.
"""

from __future__ import annotations

import pytest

from portal.accounts.models import Role
from portal.extensions import db
from tests import factories
from tests.support.clients import sign_in


@pytest.fixture
def org(app):
    organisation = factories.organisation("Crowthorne Good Companions")
    db.session.commit()
    return organisation


@pytest.fixture
def member(org):
    return factories.user(
        "gwen@example.org", role=Role.GROUP_MEMBER, name="Gwen Group", organisations=(org,)
    )


@pytest.fixture
def editor(app):
    return factories.user("eve@example.org", role=Role.EDITOR, name="Eve Editor")


@pytest.fixture
def editor_client(app, editor):
    browser = app.test_client()
    sign_in(browser, editor)
    return browser


@pytest.fixture
def member_client(app, member):
    browser = app.test_client()
    sign_in(browser, member)
    return browser
