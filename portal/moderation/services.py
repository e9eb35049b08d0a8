"""Listings from draft to live, and the directory team's decisions, each one audited: the
moderation feature's public interface, for its views and for other features.

Groups write `ListingRevision`s; editors approve them (the live listing changes then, and only
then), send them back with a reason, or publish their own directly. Every decision and every
change to a listing is an `AuditEvent`; a listing change keeps the data before and after, so
it can be compared and reverted. One commit per function; the search index follows every
change to a live listing (`reindex_service`).

claims.py         organisations and claims to manage them
drafts.py         a group's drafts: start, save a step, submit
decisions.py      approve, publish directly, send back, withdraw
live_listings.py  hide, restore, revert a change, history
problems.py       problems reported by the public
queue.py          what waits for the directory team
Who belongs to an organisation is `portal.accounts.memberships`.
"""

from __future__ import annotations

from portal.accounts.memberships import check_manages, member_of, people_of
from portal.moderation.claims import (
    create_organisation,
    decide_claim,
    get_claim,
    organisation_named,
    request_claim,
)
from portal.moderation.decisions import DECIDED, approve, publish_directly, send_back, withdraw
from portal.moderation.drafts import (
    check_can_edit,
    get_revision,
    open_revision_for,
    save_step,
    start_edit,
    start_listing,
    submit,
)
from portal.moderation.live_listings import (
    find_listings,
    get_change,
    get_service,
    hide_listing,
    history,
    listing_source,
    restore_listing,
    revert,
)
from portal.moderation.problems import get_report, report_problem, resolve_report
from portal.moderation.queue import Queue, review_queue

__all__ = [
    "DECIDED",
    "Queue",
    "approve",
    "check_can_edit",
    "check_manages",
    "create_organisation",
    "decide_claim",
    "find_listings",
    "get_change",
    "get_claim",
    "get_report",
    "get_revision",
    "get_service",
    "hide_listing",
    "history",
    "listing_source",
    "member_of",
    "open_revision_for",
    "organisation_named",
    "people_of",
    "publish_directly",
    "report_problem",
    "request_claim",
    "resolve_report",
    "restore_listing",
    "revert",
    "review_queue",
    "save_step",
    "send_back",
    "start_edit",
    "start_listing",
    "submit",
    "withdraw",
]
