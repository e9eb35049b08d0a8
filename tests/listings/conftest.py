"""The listings tests' people: a group, its member signed in, each with a browser of their own
(one app context per request), as the moderation tests have them (`tests.support.people`)."""

from tests.support.people import member, member_client, org  # noqa: F401
