import pytest

from portal.directory.services import load_vocabulary
from portal.extensions import db


@pytest.fixture(autouse=True)
def vocabulary(app):
    """Needs are checked against, and named from, the directory's own vocabulary."""
    load_vocabulary()
    db.session.commit()
