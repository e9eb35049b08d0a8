"""Every model module, imported once so the metadata (and Alembic) sees every table; and the
directory's `versioning` listener, which keeps `Service.updated_at` a content version (it
needs the models, so it is registered here rather than from the bottom of `directory.models`).
"""

from portal import audit as audit_models
from portal.accounts import models as accounts_models
from portal.community_maps import models as community_maps_models
from portal.directory import models as directory_models
from portal.directory import versioning as directory_versioning
from portal.geo import models as geo_models
from portal.insights import models as insights_models
from portal.jobs import models as jobs_models
from portal.moderation import models as moderation_models
from portal.oruk import models as oruk_models
from portal.prescribing import models as prescribing_models
from portal.prescribing.outcomes import models as prescribing_outcomes_models
from portal.prescribing.shortlists import models as prescribing_shortlists_models
from portal.safety import models as safety_models
from portal.search import models as search_models
from portal.search.postgres import models as search_postgres_models

__all__ = [
    "accounts_models",
    "audit_models",
    "community_maps_models",
    "directory_models",
    "directory_versioning",
    "geo_models",
    "insights_models",
    "jobs_models",
    "moderation_models",
    "oruk_models",
    "prescribing_models",
    "prescribing_outcomes_models",
    "prescribing_shortlists_models",
    "safety_models",
    "search_models",
    "search_postgres_models",
]
