"""Who may do what: every route and method, for anonymous visitors and every role, on the server.

The group member belongs to organisation A, not B, so the matrix also shows a group reaching its
own drafts and listings but never another group's. POSTs carry a valid CSRF token and an empty
form: a permitted role gets its answer (a form error, a redirect), a refused one 403 or the
sign-in page, before anything is read from the form.
"""

from datetime import date, timedelta

import pytest

from portal.accounts.models import Role
from portal.audit import AuditEvent
from portal.db import utcnow
from portal.directory.models import HiddenReason, PublicationState
from portal.extensions import db
from portal.listings.data import listing_data
from portal.moderation import freshness
from portal.moderation.models import (
    Claim,
    ListingRevision,
    ProblemKind,
    ProblemReport,
    RevisionState,
)
from portal.search.models import Synonym
from tests import factories
from tests.prescribing.factories import pass_second_factor
from tests.support import csrf_token, sign_in

ROLES = [None, *Role]
OK, SIGN_IN, FORBIDDEN = "ok", "sign in", "forbidden"


def _by_role(anonymous: str, **roles: str) -> dict:
    default = roles.pop("others", OK)
    table = {role: roles.get(role.name.lower(), default) for role in Role}
    return {None: anonymous, **table}


PUBLIC = _by_role(OK)
SIGNED_IN = _by_role(SIGN_IN)
TEAM = _by_role(SIGN_IN, others=FORBIDDEN, admin=OK, editor=OK)
ADMIN = _by_role(SIGN_IN, others=FORBIDDEN, admin=OK)
GROUP = _by_role(SIGN_IN, others=FORBIDDEN, group_member=OK)
OWN_GROUP = _by_role(SIGN_IN, others=FORBIDDEN, admin=OK, editor=OK, group_member=OK)
OTHER_GROUP = TEAM
CONNECTORS = _by_role(SIGN_IN, others=FORBIDDEN, connector=OK)
NOBODY = _by_role(SIGN_IN, others=FORBIDDEN)  # someone else's list, another group's referral
PRESCRIBERS = _by_role(SIGN_IN, others=FORBIDDEN, professional=OK, connector=OK)
REFERRAL_ROLES = _by_role(SIGN_IN, others=FORBIDDEN, professional=OK, connector=OK, group_member=OK)
RECEIVER_A = _by_role(SIGN_IN, others=FORBIDDEN, group_member=OK)  # a member of organisation A
REPORTERS = _by_role(SIGN_IN, others=FORBIDDEN, commissioner=OK, admin=OK)
INSIGHTS = _by_role(SIGN_IN, others=FORBIDDEN, commissioner=OK, admin=OK, editor=OK)

# (method, url template, who may, statuses that count as "ok"). GETs first, then POSTs,
# the ones that change what later rows use last.
GET_OK = {200}
MATRIX = [
    ("GET", "/", PUBLIC, GET_OK),
    ("GET", "/needs/", PUBLIC, GET_OK),
    ("GET", "/who-for/", PUBLIC, GET_OK),
    ("GET", "/needs/loneliness-and-company", PUBLIC, GET_OK),
    ("GET", "/who-for/older-people", PUBLIC, GET_OK),
    ("GET", "/services/{service_a}", PUBLIC, GET_OK),
    ("GET", "/services/{service_a}/report", PUBLIC, GET_OK),
    ("GET", "/services/{service_a}/calendar.ics", PUBLIC, GET_OK),
    ("GET", "/organisations/{org_a}", PUBLIC, GET_OK),
    ("GET", "/search?q=chatter", PUBLIC, GET_OK),
    ("GET", "/about", PUBLIC, GET_OK),
    ("GET", "/accessibility", PUBLIC, GET_OK),
    ("GET", "/healthz", PUBLIC, GET_OK),
    ("GET", "/sign-in", PUBLIC, {200, 302}),  # signed in: on to their own start page
    ("GET", "/sign-up", PUBLIC, {200, 302}),
    ("GET", "/sign-up/check-your-email", PUBLIC, GET_OK),
    ("GET", "/confirm-email/not-a-real-link", PUBLIC, {400}),
    ("GET", "/forgotten-password", PUBLIC, GET_OK),
    ("GET", "/reset-password/not-a-real-link", PUBLIC, {400}),
    ("GET", "/listings/still-correct/{confirm_token}", PUBLIC, GET_OK),
    ("GET", "/account", SIGNED_IN, GET_OK),
    ("GET", "/account/password", SIGNED_IN, GET_OK),
    ("GET", "/groups", GROUP, GET_OK),
    ("GET", "/groups/organisations/new", GROUP, GET_OK),
    ("GET", "/groups/organisations/claim?q=companions", GROUP, GET_OK),
    ("GET", "/listings/new/{org_a}", OWN_GROUP, GET_OK),
    ("GET", "/listings/new/{org_b}", OTHER_GROUP, GET_OK),
    ("GET", "/listings/drafts/{draft_a}", OWN_GROUP, GET_OK),
    ("GET", "/listings/drafts/{draft_b}", OTHER_GROUP, GET_OK),
    *[
        ("GET", f"/listings/drafts/{{draft_a}}/{key}", OWN_GROUP, GET_OK)
        for key in ("about", "who", "when", "where", "cost", "contact", "access", "needs")
    ],
    ("GET", "/listings/drafts/{draft_b}/where", OTHER_GROUP, GET_OK),
    ("GET", "/listings/drafts/{draft_a}/check", OWN_GROUP, GET_OK),
    ("GET", "/listings/drafts/{draft_a}/preview", OWN_GROUP, GET_OK),
    ("GET", "/listings/drafts/{draft_b}/preview", OTHER_GROUP, GET_OK),
    ("GET", "/listings/{service_a}/edit", OWN_GROUP, GET_OK),
    ("GET", "/listings/{service_b}/edit", OTHER_GROUP, GET_OK),
    ("GET", "/moderation", TEAM, GET_OK),
    ("GET", "/moderation/revisions/{pending_a}", TEAM, GET_OK),
    ("GET", "/moderation/claims/{claim}", TEAM, GET_OK),
    ("GET", "/moderation/reports/{report}", TEAM, GET_OK),
    ("GET", "/moderation/listings?q=chatter", TEAM, GET_OK),
    ("GET", "/moderation/listings/new?q=companions", TEAM, GET_OK),
    ("GET", "/moderation/listings/{service_a}", TEAM, GET_OK),
    ("GET", "/directory-team/search-words", TEAM, GET_OK),
    ("GET", "/directory-team/search-words/new", TEAM, GET_OK),
    ("GET", "/directory-team/search-words/{synonym}/edit", TEAM, GET_OK),
    ("GET", "/directory-team/search-words/{synonym}/delete", TEAM, GET_OK),
    ("GET", "/admin/users", ADMIN, GET_OK),
    ("GET", "/admin/users/new", ADMIN, GET_OK),
    ("GET", "/admin/users/{someone}", ADMIN, GET_OK),
    ("GET", "/admin/vocabularies", ADMIN, GET_OK),
    ("GET", "/admin/vocabularies/needs/new", ADMIN, GET_OK),
    ("GET", "/admin/vocabularies/needs/food", ADMIN, GET_OK),
    ("GET", "/admin/directories", ADMIN, GET_OK),
    ("GET", "/admin/directories/new", ADMIN, GET_OK),
    ("GET", "/admin/directories/{feed}", ADMIN, GET_OK),
    ("GET", "/admin/directories/{feed}/edit", ADMIN, GET_OK),
    ("GET", "/admin/directories/{feed}/categories", ADMIN, GET_OK),
    ("GET", "/admin/directories/runs/{import_run}", ADMIN, GET_OK),
    ("GET", "/admin/safety", ADMIN, GET_OK),
    ("GET", "/admin/safety?try=crisis", ADMIN, GET_OK),
    ("GET", "/admin/safety/words", ADMIN, GET_OK),
    ("GET", "/admin/safety/panel", ADMIN, GET_OK),
    ("GET", "/admin/safety/quick-exit", ADMIN, GET_OK),
    ("GET", "/admin/safety/helplines/new", ADMIN, GET_OK),
    ("GET", "/admin/safety/helplines/1", ADMIN, GET_OK),
    ("GET", "/admin/safety/helplines/1/delete", ADMIN, GET_OK),
    ("GET", "/admin/safety/restore", ADMIN, GET_OK),
    ("GET", "/community-maps", PUBLIC, GET_OK),
    ("GET", "/community-maps/{public_map}", PUBLIC, GET_OK),
    ("GET", "/community-maps/{public_map}/embed", PUBLIC, GET_OK),
    ("GET", "/community-maps/{public_map}/export.geojson", PUBLIC, GET_OK),
    ("GET", "/community-maps/{public_map}/export.csv", PUBLIC, GET_OK),
    ("GET", "/community-maps/{public_map}/poster.pdf?size=A3", PUBLIC, GET_OK),
    ("GET", "/community-maps/{public_map}/suggest", PUBLIC, GET_OK),
    ("GET", "/invitations/{invitation}", PUBLIC, GET_OK),
    ("GET", "/connect", CONNECTORS, GET_OK),
    ("GET", "/connect/events/new", CONNECTORS, GET_OK),
    ("GET", "/connect/events/{mapping_event}", CONNECTORS, GET_OK),
    ("GET", "/connect/events/{mapping_event}/edit", CONNECTORS, GET_OK),
    ("GET", "/connect/listings.json?q=chatter", CONNECTORS, GET_OK),
    ("GET", "/connect/maps/new", CONNECTORS, GET_OK),
    ("GET", "/connect/maps/{private_map}", CONNECTORS, GET_OK),
    ("GET", "/connect/circles/new", CONNECTORS, GET_OK),
    # Someone else's circle of support (personal data): its maker and whom they share it with.
    ("GET", "/connect/circles/{circle}", NOBODY, GET_OK),
    ("GET", "/shortlist", PUBLIC, {200, 302}),  # signed in: on to their current list
    ("GET", "/shortlist/print", PUBLIC, GET_OK),
    ("GET", "/shortlist/choose?service_id={service_a}", SIGNED_IN, GET_OK),
    ("GET", "/shortlists", SIGNED_IN, GET_OK),
    ("GET", "/shortlists/{shortlist}", NOBODY, GET_OK),
    ("GET", "/shortlists/{shortlist}/print", NOBODY, GET_OK),
    ("GET", "/shortlists/{shortlist}/delete", NOBODY, GET_OK),
    ("GET", "/s/{share_token}", PUBLIC, GET_OK),
    ("GET", "/services/{service_a}/refer", PRESCRIBERS, GET_OK),
    ("GET", "/services/{service_a}/refer-yourself", PUBLIC, GET_OK),
    ("GET", "/services/{service_a}/referral-sent", PUBLIC, {200, 302}),
    ("GET", "/referrals", REFERRAL_ROLES, GET_OK),
    ("GET", "/referrals/{referral_a}", RECEIVER_A, GET_OK),
    ("GET", "/referrals/{referral_b}", NOBODY, GET_OK),
    ("GET", "/referrals/{referral_a}/questionnaires/referral/ons4", RECEIVER_A, GET_OK),
    ("GET", "/referrals/{referral_b}/questionnaires/exit/connect5", NOBODY, GET_OK),
    ("GET", "/referrals/{referral_a}/monitoring", RECEIVER_A, GET_OK),
    ("GET", "/referrals/{referral_b}/monitoring", NOBODY, GET_OK),
    ("GET", "/referrals/{referral_a}/export.json", RECEIVER_A, GET_OK),
    ("GET", "/referrals/{referral_b}/export.json", NOBODY, GET_OK),
    ("GET", "/referrals/{referral_a}/erase", RECEIVER_A, GET_OK),
    ("GET", "/referrals/{referral_b}/erase", NOBODY, GET_OK),
    ("GET", "/caseload", CONNECTORS, GET_OK),
    ("GET", "/moderation/overdue-referrals", TEAM, GET_OK),
    ("GET", "/listings/{service_a}/referrals", OWN_GROUP, GET_OK),
    ("GET", "/listings/{service_b}/referrals", OTHER_GROUP, GET_OK),
    ("GET", "/reports/referrals", REPORTERS, GET_OK),
    ("GET", "/reports/referrals.csv", REPORTERS, GET_OK),
    ("GET", "/reports/referrals/by-reason.csv", REPORTERS, GET_OK),
    ("GET", "/insights", INSIGHTS, GET_OK),
    ("GET", "/insights/summary", INSIGHTS, GET_OK),
    *(
        ("GET", f"/insights/{name}", INSIGHTS, GET_OK)
        for name in ("searches", "wishes", "referrals", "gaps", "freshness")
    ),
    ("GET", "/insights/searches/by-need.csv", INSIGHTS, GET_OK),
    ("GET", "/insights/gaps/gaps.csv", INSIGHTS, GET_OK),
    ("GET", "/insights/freshness/by-type.csv", INSIGHTS, GET_OK),
    ("GET", "/insights/wishes/by-community.csv", INSIGHTS, GET_OK),
    ("GET", "/admin/prescribing", ADMIN, GET_OK),
    ("GET", "/admin/personal-data-log", ADMIN, GET_OK),
    ("GET", "/sign-in/code", SIGNED_IN, {302}),  # passed already: on to where they were going
    ("GET", "/account/second-factor", SIGNED_IN, GET_OK),
    # POSTs with an empty form.
    ("POST", "/sign-in", PUBLIC, {302, 400}),
    ("POST", "/sign-up", PUBLIC, {302, 400}),
    ("POST", "/sign-up/send-again", PUBLIC, {302}),
    ("POST", "/forgotten-password", PUBLIC, {400}),
    ("POST", "/reset-password/not-a-real-link", PUBLIC, {400}),
    ("POST", "/services/{service_a}/report", PUBLIC, {400}),
    ("POST", "/account/password", SIGNED_IN, {400}),
    ("POST", "/groups/organisations/new", GROUP, {400}),
    ("POST", "/groups/organisations/claim?organisation={org_b}", GROUP, {400}),
    ("POST", "/listings/drafts/{draft_a}/about", OWN_GROUP, {400}),
    ("POST", "/listings/drafts/{draft_b}/about", OTHER_GROUP, {400}),
    ("POST", "/listings/drafts/{draft_a}/check", OWN_GROUP, {302}),  # complete: sent or live
    ("POST", "/listings/new/{org_a}", OWN_GROUP, {302}),
    ("POST", "/listings/{service_a}/edit", OWN_GROUP, {302}),
    ("POST", "/listings/{service_b}/edit", OTHER_GROUP, {302}),
    ("POST", "/listings/{service_a}/still-correct", OWN_GROUP, {302}),
    ("POST", "/listings/drafts/{draft_a}/delete", OWN_GROUP, {302}),
    ("POST", "/listings/drafts/{draft_b}/delete", OTHER_GROUP, {302}),
    ("POST", "/moderation/revisions/{pending_a}/send-back", TEAM, {400}),
    ("POST", "/moderation/claims/{claim}", TEAM, {400}),
    ("POST", "/moderation/reports/{report}", TEAM, {400}),
    ("POST", "/moderation/listings/new", TEAM, {400}),
    ("POST", "/moderation/listings/{service_a}/hide", TEAM, {400}),
    ("POST", "/moderation/listings/{hidden_b}/restore", TEAM, {302}),
    ("POST", "/moderation/events/{event}/revert", TEAM, {302}),
    ("POST", "/moderation/revisions/{pending_a}/approve", TEAM, {302}),
    ("POST", "/directory-team/search-words/new", TEAM, {400}),
    ("POST", "/directory-team/search-words/{synonym}/edit", TEAM, {302, 400}),
    ("POST", "/directory-team/search-words/{synonym}/delete", TEAM, {302}),
    ("POST", "/admin/users/new", ADMIN, {400}),
    ("POST", "/admin/users/{someone}", ADMIN, {400}),
    ("POST", "/admin/vocabularies/needs/new", ADMIN, {400}),
    ("POST", "/admin/vocabularies/needs/food", ADMIN, {302}),  # fields left as they were
    ("POST", "/admin/directories/new", ADMIN, {400}),
    ("POST", "/admin/directories/{feed}/edit", ADMIN, {400}),
    ("POST", "/admin/directories/{feed}/categories", ADMIN, {302}),  # nothing chosen
    ("POST", "/admin/directories/runs/{import_run}/apply", ADMIN, {409}),  # decided already
    ("POST", "/admin/directories/runs/{import_run}/discard", ADMIN, {409}),
    ("POST", "/admin/directories/{feed}/check", ADMIN, {302}),  # cannot be reached: failed
    ("POST", "/community-maps/{public_map}/suggest", PUBLIC, {400}),
    ("POST", "/invitations/{invitation}", PUBLIC, {200, 302}),
    ("POST", "/connect/events/new", CONNECTORS, {400}),
    ("POST", "/connect/events/{mapping_event}/edit", CONNECTORS, {400}),
    ("POST", "/connect/events/{mapping_event}/assets", CONNECTORS, {400}),
    ("POST", "/connect/events/{mapping_event}/wishes", CONNECTORS, {400}),
    ("POST", "/connect/maps/new", CONNECTORS, {400}),
    ("POST", "/connect/maps/{private_map}", CONNECTORS, {400}),
    ("POST", "/connect/maps/{private_map}/state", CONNECTORS, {302}),
    ("POST", "/connect/suggestions/{suggestion}", CONNECTORS, {302}),
    ("POST", "/connect/circles/new", CONNECTORS, {400}),
    ("POST", "/connect/circles/{circle}/assets", NOBODY, {400}),
    ("POST", "/connect/circles/{circle}/share", NOBODY, {302}),
    ("POST", "/connect/assets/{asset}/delete", CONNECTORS, {302}),
    ("POST", "/connect/circles/{circle}/delete", NOBODY, {302}),
    ("POST", "/shortlist/add", PUBLIC, {404}),  # no activity named
    ("POST", "/shortlist/remove", PUBLIC, {302, 404}),
    ("POST", "/shortlist/save", SIGNED_IN, {400}),  # nothing to save
    ("POST", "/shortlist/forget", PUBLIC, {302}),
    ("POST", "/shortlists", SIGNED_IN, {302, 400}),
    ("POST", "/shortlists/{shortlist}", NOBODY, {302}),
    ("POST", "/shortlists/{shortlist}/items/{shortlist_item}/seen", NOBODY, {302}),
    ("POST", "/shortlists/{shortlist}/share", NOBODY, {302}),
    ("POST", "/shortlists/{shortlist}/stop-sharing", NOBODY, {302}),
    ("POST", "/shortlists/{shortlist}/send", NOBODY, {400}),
    ("POST", "/shortlists/{shortlist}/delete", NOBODY, {302}),
    ("POST", "/services/{service_a}/refer", PRESCRIBERS, {400}),
    ("POST", "/services/{service_a}/refer-yourself", PUBLIC, {400}),
    ("POST", "/referrals/{referral_a}/state", RECEIVER_A, {400}),
    ("POST", "/referrals/{referral_b}/state", NOBODY, {400}),
    ("POST", "/referrals/{referral_a}/assign", RECEIVER_A, {400}),
    ("POST", "/referrals/{referral_b}/assign", NOBODY, {400}),
    ("POST", "/referrals/{referral_a}/journal", RECEIVER_A, {400}),
    ("POST", "/referrals/{referral_b}/journal", NOBODY, {400}),
    ("POST", "/referrals/{referral_a}/goals", RECEIVER_A, {400}),
    ("POST", "/referrals/{referral_a}/goals/{goal}/achieved", RECEIVER_A, {302}),
    ("POST", "/referrals/{referral_b}/goals/{goal_b}/achieved", NOBODY, {302}),
    ("POST", "/referrals/{referral_a}/connections", RECEIVER_A, {400}),
    ("POST", "/referrals/{referral_a}/connections/{connection}", RECEIVER_A, {302, 400}),
    ("POST", "/referrals/{referral_a}/questionnaires/referral/ons4", RECEIVER_A, {400}),
    ("POST", "/referrals/{referral_b}/questionnaires/referral/ons4", NOBODY, {400}),
    ("POST", "/referrals/{referral_a}/monitoring", RECEIVER_A, {302}),
    ("POST", "/referrals/{referral_b}/monitoring", NOBODY, {302}),
    ("POST", "/listings/{service_b}/referrals", OTHER_GROUP, {302, 400}),
    ("POST", "/admin/prescribing", ADMIN, {400}),
    ("POST", "/admin/users/{someone}/second-factor/reset", ADMIN, {302}),
    ("POST", "/admin/safety/words", ADMIN, {302}),  # fields left as they were
    ("POST", "/admin/safety/panel", ADMIN, {302}),
    ("POST", "/admin/safety/quick-exit", ADMIN, {302}),  # no need ticked: none sensitive
    ("POST", "/admin/safety/helplines/new", ADMIN, {400}),
    ("POST", "/admin/safety/helplines/1", ADMIN, {302}),
    ("POST", "/admin/safety/helplines/1/move", ADMIN, {302}),  # no direction: nothing moves
    ("POST", "/admin/safety/helplines/1/delete", ADMIN, {302}),
    ("POST", "/admin/safety/restore", ADMIN, {302}),
    ("POST", "/sign-in/code", SIGNED_IN, {302, 400}),
    ("POST", "/account/second-factor", SIGNED_IN, {400}),
    ("POST", "/referrals/{referral_b}/erase", NOBODY, {302, 400}),
    ("POST", "/referrals/{referral_a}/erase", RECEIVER_A, {302, 400}),
    ("POST", "/listings/{service_a}/referrals", OWN_GROUP, {302, 400}),
    ("POST", "/listings/still-correct/{confirm_token}", PUBLIC, {200}),
    # The Open Referral UK API: read-only and open to everyone.
    ("GET", "/api/", PUBLIC, GET_OK),
    ("GET", "/api/openapi.json", PUBLIC, GET_OK),
    ("GET", "/api/export.zip", PUBLIC, GET_OK),
    ("GET", "/api/services", PUBLIC, GET_OK),
    ("GET", "/api/services/{service_a}", PUBLIC, GET_OK),
    ("GET", "/api/service_at_locations", PUBLIC, GET_OK),
    ("GET", "/api/service_at_locations/{place_a}", PUBLIC, GET_OK),
    ("GET", "/api/organizations", PUBLIC, GET_OK),
    ("GET", "/api/organizations/{org_a}", PUBLIC, GET_OK),
    ("GET", "/api/taxonomies", PUBLIC, GET_OK),
    ("GET", "/api/taxonomies/{taxonomy}", PUBLIC, GET_OK),
    ("GET", "/api/taxonomy_terms", PUBLIC, GET_OK),
    ("GET", "/api/taxonomy_terms/{term}", PUBLIC, GET_OK),
]
UNLISTED = {("static", "GET"), ("accounts.sign_out", "POST")}  # sign-out: tests/accounts


@pytest.fixture
def world(app):
    """Two groups with a listing each, drafts, a pending edit, a claim, a report, a hidden
    listing and a change in the history: something behind every URL in the matrix."""
    from portal.cli import reindex_all

    org_a = factories.organisation("Crowthorne Good Companions")
    org_b = factories.organisation("Sandhurst Shed")
    service_a = factories.service("Tuesday Chatter Café", org=org_a)
    service_a.last_reviewed = date.today() - timedelta(days=200)
    service_b = factories.service("Sandhurst Shed Sessions", org=org_b)
    hidden_b = factories.service("Old Shed Club", org=org_b)
    hidden_b.publication_state = PublicationState.HIDDEN
    hidden_b.hidden_reason = HiddenReason.BY_EDITOR
    someone = factories.user("someone@example.org", name="Sue Someone", role=Role.GROUP_MEMBER)
    data_a = listing_data(service_a)
    revisions = {
        "draft_a": ListingRevision(organisation=org_a, data={**data_a, "name": "New idea"}),
        "draft_b": ListingRevision(organisation=org_b, data={**data_a, "name": "Other idea"}),
        "pending_a": ListingRevision(
            organisation=org_a,
            service=service_a,
            data={**data_a, "name": "Tuesday Chatter Café and Cake"},
            base=data_a,
            state=RevisionState.PENDING,
            submitted_at=utcnow(),
        ),
    }
    claim = Claim(organisation=org_b, user=someone, message="I run it")
    report = ProblemReport(service=service_a, kind=ProblemKind.CLOSED, message="Shut")
    event = AuditEvent(
        action="listing.changed",
        service=service_b,
        summary="Changed",
        before=listing_data(service_b),
        after={**listing_data(service_b), "name": "Renamed"},
    )
    synonym = Synonym(term="lonely", expands_to="befriending")
    db.session.add_all([*revisions.values(), claim, report, event, synonym])
    db.session.commit()
    mapping = _community_maps(service_a)
    prescribing = _prescribing(service_a, service_b)
    importing = _other_directory()
    reindex_all()
    return {
        "org_a": org_a.id,
        "org_b": org_b.id,
        "service_a": service_a.id,
        "service_b": service_b.id,
        "hidden_b": hidden_b.id,
        "someone": someone.id,
        "claim": claim.id,
        "report": report.id,
        "event": event.id,
        "synonym": synonym.id,
        "confirm_token": freshness.confirm_link(service_b).rsplit("/", 1)[1],
        "place_a": service_a.service_at_locations[0].id,
        "taxonomy": service_a.attributes[0].taxonomy_term.taxonomy_id,
        "term": service_a.attributes[0].taxonomy_term_id,
        **{name: revision.id for name, revision in revisions.items()},
        **mapping,
        **prescribing,
        **importing,
        "_org_a": org_a,
    }


def _community_maps(service) -> dict:
    """An event with an asset, a published and a private map, a visitor's suggestion, a
    circle of support and an invitation for a listing suggested at the event."""
    from portal.accounts import tokens
    from portal.community_maps.models import (
        Asset,
        AssetKind,
        AssetState,
        CommunityMap,
        MapKind,
        MappingEvent,
        MapState,
    )
    from portal.community_maps.services import INVITATION

    event = MappingEvent(title="Brew-up", held_on=date.today(), community="Older men")
    asset = Asset(event=event, name="The bench", kind=AssetKind.PLACES, service=service)
    public = CommunityMap(
        title="Older men", community="Older men", events=[event], state=MapState.PUBLISHED
    )
    private = CommunityMap(title="Draft map", community="Carers", events=[event])
    suggestion = Asset(
        map=public, name="A café", kind=AssetKind.ECONOMY, state=AssetState.SUGGESTED
    )
    circle = CommunityMap(title="Circle", kind=MapKind.CIRCLE, reference="C-1")
    suggested = ListingRevision(
        organisation=service.organisation, data=listing_data(service), source="event"
    )
    db.session.add_all([event, asset, public, private, suggestion, circle, suggested])
    db.session.commit()
    return {
        "mapping_event": event.id,
        "asset": asset.id,
        "public_map": public.id,
        "private_map": private.id,
        "suggestion": suggestion.id,
        "circle": circle.id,
        "invitation": tokens.make_token(INVITATION, {"revision": str(suggested.id)}),
    }


def _other_directory() -> dict:
    """Another directory's feed at an address nothing answers (a check fails at once), with a
    check an administrator already chose not to apply."""
    from portal.oruk.models import Feed, ImportRun, RunState

    feed = Feed(name="Closed Directory", url="http://127.0.0.1:9/api", contact_email="x@y.org")
    db.session.add(feed)
    db.session.flush()
    run = ImportRun(feed_id=feed.id, state=RunState.DISCARDED, decided_at=utcnow())
    db.session.add(run)
    db.session.commit()
    return {"feed": feed.id, "import_run": run.id}


def _prescribing(service_a, service_b) -> dict:
    """Both listings take referrals; a GP (not one of the matrix's people) referred someone to
    each, and keeps a shared shortlist; organisation A's referral has a goal and an activity."""
    from portal.prescribing.models import Connection, Goal
    from portal.prescribing.shortlists.models import Shortlist, ShortlistItem
    from tests.prescribing.factories import referral

    for service in (service_a, service_b):
        service.accepts_referrals = True
        service.referral_email = "referrals@example.org"
    gp = factories.user("referring-gp@example.org", role=Role.PROFESSIONAL, name="Dr Ann Lee")
    referral_a = referral(service_a, gp)
    referral_b = referral(service_b, gp)
    goal = Goal(referral_id=referral_a.id, text="Walk to the shops")
    goal_b = Goal(referral_id=referral_b.id, text="Meet people")
    connection = Connection(
        referral_id=referral_a.id,
        service_id=service_a.id,
        activity_name=service_a.name,
        connected_on=date.today(),
    )
    shortlist = Shortlist(
        owner=gp,
        name="For Tuesday",
        share_token="a-shared-list-token-for-the-matrix",
        share_expires_at=utcnow() + timedelta(days=30),
        items=[ShortlistItem(service_id=service_a.id, note="Ask for Sue")],
    )
    db.session.add_all([goal, goal_b, connection, shortlist])
    db.session.commit()
    return {
        "referral_a": referral_a.id,
        "referral_b": referral_b.id,
        "goal": goal.id,
        "goal_b": goal_b.id,
        "connection": connection.id,
        "shortlist": shortlist.id,
        "shortlist_item": shortlist.items[0].id,
        "share_token": shortlist.share_token,
    }


def test_every_route_and_method_is_in_the_matrix(app):
    adapter = app.url_map.bind("localhost")
    covered = set(UNLISTED)
    for method, template, _who, _statuses in MATRIX:
        path = template.split("?")[0].format_map(_Anything())
        endpoint, _args = adapter.match(path, method=method)
        covered.add((endpoint, method))
    for rule in app.url_map.iter_rules():
        for method in rule.methods & {"GET", "POST"}:
            assert (rule.endpoint, method) in covered, f"{method} {rule.rule} is not in the matrix"


class _Anything(dict):
    """Fills every {placeholder} with something that matches any URL converter."""

    def __missing__(self, key):
        return (
            "1"
            if key in {"claim", "report", "event", "synonym", "goal", "goal_b", "connection"}
            or key == "shortlist_item"
            else ("0b5bd9c4-97f3-4a7b-9f4f-6d1b2f0e7a11")
        )


def _outcome(response) -> str:
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code == 302 and response.headers["Location"].startswith("/sign-in"):
        return SIGN_IN
    return OK


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
def test_role_by_url(client, app, world, role):
    if role is not None:
        member_of = (world["_org_a"],) if role is Role.GROUP_MEMBER else ()
        user = factories.user(f"{role.value}@example.org", role=role, organisations=member_of)
        sign_in(client, user)
        pass_second_factor(client, user)  # the matrix tests roles; tests/accounts the factor
    token = csrf_token(client.get("/account" if role else "/sign-in").get_data(as_text=True))
    for method, template, who, statuses in MATRIX:
        url = template.format(**world)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": token})
        expected = who[role]
        outcome = _outcome(response)
        assert outcome == expected, (role, method, url, response.status_code)
        if outcome == OK:
            assert response.status_code in statuses, (role, method, url, response.status_code)


def test_unknown_ids_are_404_not_500(client, app, world):
    editor = factories.user("editor@example.org", role=Role.EDITOR)
    sign_in(client, editor)
    missing = "0b5bd9c4-97f3-4a7b-9f4f-6d1b2f0e7a11"
    for url in (
        f"/listings/drafts/{missing}",
        "/listings/drafts/not-an-id/about",
        f"/moderation/revisions/{missing}",
        "/moderation/claims/999999",
        "/moderation/reports/999999",
        f"/moderation/listings/{missing}",
        f"/listings/new/{missing}",
        f"/services/{missing}/report",
        f"/services/{missing}/calendar.ics",
    ):
        assert client.get(url).status_code == 404, url


def test_unknown_prescribing_ids_are_404_not_500(client, app, world):
    connector = factories.user("connector@example.org", role=Role.CONNECTOR)
    connector.organisation = world["_org_a"]  # staff of the organisation referral_a went to
    db.session.commit()
    sign_in(client, connector)
    pass_second_factor(client, connector)
    missing = "0b5bd9c4-97f3-4a7b-9f4f-6d1b2f0e7a11"
    for url in (
        f"/referrals/{missing}",
        f"/referrals/{missing}/monitoring",
        f"/referrals/{missing}/export.json",
        f"/referrals/{missing}/questionnaires/referral/ons4",
        f"/referrals/{world['referral_a']}/questionnaires/referral/not-a-questionnaire",
        f"/referrals/{world['referral_a']}/questionnaires/halfway/ons4",
        f"/shortlists/{missing}",
        "/shortlists/not-an-id",
        "/s/not-a-real-token",
        f"/services/{missing}/refer",
        f"/services/{missing}/refer-yourself",
        f"/listings/{missing}/referrals",
    ):
        assert client.get(url).status_code == 404, url
