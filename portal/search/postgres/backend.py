"""INTERIM placeholder, replaced by the real PostgreSQL backend before this lands."""

from portal.search.embedded.backend import WhooshBackend


class PostgresBackend(WhooshBackend):
    name = "postgresql"
