import pytest

from portal.accounts.models import Role
from portal.directory.services import load_vocabulary
from portal.extensions import db
from tests import factories
from tests.support import sign_in


@pytest.fixture
def vocabulary(app):
    """Sensitive needs are chosen from, and named by, the directory's own vocabulary (the
    database tests' modules use it for every test; the matching tests need no database)."""
    load_vocabulary()
    db.session.commit()


@pytest.fixture
def admin(vocabulary):
    return factories.user("admin@example.org", role=Role.ADMIN, name="Alex Admin")


@pytest.fixture
def signed_in_admin(client, admin):
    sign_in(client, admin)
    return admin
