"""The listings tests use the moderation tests' browsers (one app context per request) and
their group and its member: `tests/moderation/conftest.py`."""

from tests.moderation.conftest import _browsers, member, member_client, org  # noqa: F401
