"""The demo's social prescribing: referrals in every state, with casework and questionnaires,
so the caseload and the commissioners' reports are not empty on first run.

Dr Priya Shah (gp@demo.example.org) works at "Fictional Health Centre (demo)" and refers people
to Bracknell Forest Community Connectors' "One-to-one Connector Support", where Connie Connector
(connector@demo.example.org) is on the staff, and to three other demo activities that now take
referrals. Over the year, more referrals closed without anyone being connected, most because
nothing suitable was within reach (`UNMET`): the insights into unmet need count them by reason
and by postcode district. Everyone referred is invented: "Example"-style names, phone numbers
from Ofcom's drama range (07700 900000 to 900999) and e-mail addresses at example.org.

In demo mode both of them sign in with a second factor whose secret is fixed and printed by
`flask seed prepare` (DEMO_TOTP_SECRETS); `flask accounts demo-code EMAIL` prints the code.
Demo accounts only work while PORTAL_DEMO is on, so these secrets open nothing elsewhere.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from portal.accounts.models import User
from portal.accounts.services import find_user
from portal.db import utcnow
from portal.directory.models import (
    Organisation,
    OrganisationType,
    PublicationState,
    Service,
)
from portal.extensions import db
from portal.prescribing.models import (
    Connection,
    ContactPreference,
    Goal,
    JournalEntry,
    QuestionnaireResponse,
    QuestionnaireStage,
    Referral,
    ReferralEvent,
    ReferralSource,
    ReferralState,
)
from portal.prescribing.outcomes.questionnaires import CATALOGUE
from portal.prescribing.shortlists.checks import facts
from portal.prescribing.shortlists.models import Shortlist, ShortlistItem
from seed.prescribing_stories import SHORTLIST_ITEMS, STORIES, UNMET, Story

GP_EMAIL, CONNECTOR_EMAIL = "gp@demo.example.org", "connector@demo.example.org"
# Fixed so that anyone trying the demo can add them to an authenticator app (base32).
DEMO_TOTP_SECRETS = {
    GP_EMAIL: "GPDEMOSECRETFORTRYINGTHEPORTAL23",
    CONNECTOR_EMAIL: "CONNECTORDEMOSECRETTRYTHEPORTAL2",
}
PRACTICE = "Fictional Health Centre (demo)"
CONNECTORS = "Bracknell Forest Community Connectors"
# (key, organisation, service) of the demo activities that take referrals.
RECEIVERS = (
    ("connectors", CONNECTORS, "One-to-one Connector Support"),
    ("befriending", "Forest Age Well", "Befriending Service"),
    ("phone", "Crowthorne Phone Friends", "Telephone Befriending"),
    ("carers", "Forest Carers' Network", "Carers' Coffee Morning"),
)
SHORTLIST = "Getting out and meeting people"
S = ReferralState


def load_demo_prescribing(today: date) -> None:
    """Add the demo's referrals and the GP's shortlist, once (flushes; the loader commits)."""
    gp = find_user(GP_EMAIL)
    connector = find_user(CONNECTOR_EMAIL)
    services = _receivers()
    if gp is None or connector is None or services is None:
        return
    for user, email in ((gp, GP_EMAIL), (connector, CONNECTOR_EMAIL)):
        if user.is_demo and not user.totp_secret:  # unless they have set up their own
            user.totp_secret, user.totp_confirmed_at = DEMO_TOTP_SECRETS[email], utcnow()
    gp.organisation = gp.organisation or _practice()
    connector.organisation = connector.organisation or services["connectors"].organisation
    already = {
        referral.reference: referral
        for referral in db.session.scalars(select(Referral).where(Referral.is_demo.is_(True)))
    }
    if not already:
        for story in (*STORIES, *UNMET):
            _referral(story, today, gp, connector, services)
    else:  # a demo from before the insights: where people live, why theirs closed, the unmet
        _where_and_why(already)
        if not any(story.ref in already for story in UNMET):
            for story in UNMET:
                _referral(story, today, gp, connector, services)
    if not db.session.scalars(select(Shortlist).where(Shortlist.owner_id == gp.id)).first():
        _shortlist(gp)
    db.session.flush()


def _where_and_why(referrals: dict[str, Referral]) -> None:
    """The stories' districts and closure reasons, on referrals that have neither yet."""
    for story in STORIES:
        referral = referrals.get(story.ref)
        if referral is None or referral.area or referral.closure_reason:
            continue
        referral.area = story.area or None
        if referral.closed and referral.state is _closing_state(story):
            referral.closure_reason = story.closure


def _closing_state(story: Story) -> ReferralState | None:
    return story.steps[-1][1] if story.steps and story.steps[-1][1].closed else None


def _service(organisation: str, name: str) -> Service | None:
    return db.session.scalars(
        select(Service)
        .join(Service.organisation)
        .where(Organisation.name == organisation, Service.name == name, Service.is_demo.is_(True))
        .order_by(Service.id)
    ).first()


def _receivers() -> dict[str, Service] | None:
    found = {key: _service(org, name) for key, org, name in RECEIVERS}
    if any(service is None for service in found.values()):
        return None
    for service in found.values():
        service.accepts_referrals = True
        service.referral_email = service.referral_email or service.organisation.email
    return found  # type: ignore[return-value]


def _practice() -> Organisation:
    practice = db.session.scalars(select(Organisation).where(Organisation.name == PRACTICE)).first()
    if practice is None:
        practice = Organisation(
            name=PRACTICE,
            description="An invented GP practice for the demo: its doctors refer people on.",
            organisation_type=OrganisationType.HEALTH,
            is_demo=True,
        )
        db.session.add(practice)
    return practice


def _at(today: date, days_ago: int, hour: int = 10) -> datetime:
    return datetime.combine(today - timedelta(days=days_ago), time(hour), tzinfo=UTC)


def _referral(story: Story, today: date, gp: User, connector: User, services: dict) -> None:
    service = services[story.service]
    made = _at(today, story.made, 9)
    own = story.service == "connectors"  # Connie works there; the others have no demo staff
    referrer = gp if story.source is ReferralSource.GP else None
    referral = Referral(
        reference=story.ref,
        service=service,
        organisation_id=service.organisation_id,
        source=story.source,
        referrer_user_id=referrer.id if referrer else None,
        referrer_name=_referrer_name(story, gp),
        referrer_practice=PRACTICE if story.source is not ReferralSource.SELF else "",
        referrer_email=(
            gp.email if referrer else story.email if story.source is ReferralSource.SELF else None
        ),
        person_name=story.name,
        person_email=story.email,
        person_phone=story.phone,
        contact_preference=ContactPreference.PHONE,
        what_matters=story.what_matters,
        reason=story.reason,
        reason_detail=story.detail,
        consent_given_by=(
            "The person, referring themselves"
            if story.source is ReferralSource.SELF
            else "The person"
        ),
        consent_given_at=made,
        consent_scope=f"Share these details with {service.organisation.name} so they can "
        "get in touch about support and activities",
        consent_recorded_by_id=referrer.id if referrer else None,
        state=S.NEW,
        state_changed_at=made,
        created_at=made,
        area=story.area or None,
        is_demo=True,
    )
    (
        referral.gender,
        referral.age_range,
        referral.ethnicity,
        referral.client_group,
        referral.gp_visits_before,
        referral.gp_visits_after,
    ) = story.monitoring
    referral.events.append(
        ReferralEvent(
            at=made,
            by_id=referrer.id if referrer else None,
            to_state=S.NEW,
            summary=f"Referral made ({story.source.label})",
        )
    )
    db.session.add(referral)
    worker = connector if own else None
    _steps(referral, story, today, worker)
    if worker is not None:
        _casework(referral, story, today, worker)


def _referrer_name(story: Story, gp: User) -> str:
    if story.source is ReferralSource.SELF:
        return story.name
    if story.source is ReferralSource.PROFESSIONAL:
        return "Nurse Sam Example (practice nurse)"
    return gp.name


def _steps(referral: Referral, story: Story, today: date, worker: User | None) -> None:
    before = S.NEW
    for days_ago, state, note in story.steps:
        moment = _at(today, days_ago, 11)
        if referral.first_contact_at is None:
            referral.first_contact_at = moment
        if state is S.ACCEPTED and worker is not None:
            referral.assigned_connector_id = worker.id
            referral.events.append(
                ReferralEvent(at=moment, by_id=worker.id, summary=f"Assigned to {worker.name}")
            )
        summary = f"Reason: {story.declined}" if state is S.DECLINED else note
        if state is S.DECLINED and note:
            summary += f"\n{note}"
        if state.closed and story.closure is not None:  # as `change_state` words it
            summary = f"Why it closed: {story.closure.label}" + (f"\n{summary}" if summary else "")
        by = worker.id if worker else None
        referral.events.append(
            ReferralEvent(at=moment, by_id=by, from_state=before, to_state=state, summary=summary)
        )
        referral.state, referral.state_changed_at, before = state, moment, state
        if state is S.DECLINED:
            referral.declined_reason = story.declined
        if state.closed:
            referral.closed_at = moment
            referral.closure_reason = story.closure


def _casework(referral: Referral, story: Story, today: date, worker: User) -> None:
    for days_ago, text in story.journal:
        referral.journal.append(
            JournalEntry(
                written_on=today - timedelta(days=days_ago),
                text=text,
                author_id=worker.id,
                created_at=_at(today, days_ago, 16),
            )
        )
    for text, achieved in story.goals:
        achieved_on = today - timedelta(days=achieved) if achieved is not None else None
        referral.goals.append(Goal(text=text, achieved_on=achieved_on))
    for name, days_ago, attendance, note in story.connections:
        service = _activity(name)
        referral.connections.append(
            Connection(
                service=service,
                activity_name=service.name if service else name,
                connected_on=today - timedelta(days=days_ago),
                attendance=attendance,
                note=note,
            )
        )
    _questionnaires(referral, story, today, worker)


def _questionnaires(referral: Referral, story: Story, today: date, worker: User) -> None:
    """Answers at the first contact and, for completed referrals, when they closed."""
    stages = [(QuestionnaireStage.REFERRAL, story.steps[0][0] if story.steps else story.made)]
    if referral.state is S.COMPLETED:
        stages.append((QuestionnaireStage.EXIT, story.steps[-1][0]))
    for (stage, days_ago), scores in zip(stages, story.scores, strict=False):
        ons4, connect5 = scores[:4], scores[4:]
        for key, values in (("ons4", ons4), ("connect5", connect5)):
            questions = CATALOGUE[key].questions
            referral.responses.append(
                QuestionnaireResponse(
                    questionnaire=key,
                    stage=stage,
                    answers={q.key: v for q, v in zip(questions, values, strict=True)},
                    answered_on=today - timedelta(days=days_ago),
                    recorded_by_id=worker.id,
                )
            )


def _activity(name: str) -> Service | None:
    return db.session.scalars(
        select(Service)
        .where(
            Service.name == name,
            Service.is_demo.is_(True),
            Service.publication_state == PublicationState.PUBLISHED,
        )
        .order_by(Service.id)
    ).first()


def _shortlist(gp: User) -> None:
    shortlist = Shortlist(
        owner=gp,
        name=SHORTLIST,
        what_matters="Meeting people nearby on weekday mornings, and getting a bit fitter.",
    )
    for position, (name, note) in enumerate(SHORTLIST_ITEMS):
        service = _activity(name)
        if service is not None:
            shortlist.items.append(
                ShortlistItem(
                    service=service, note=note, position=position, snapshot=facts(service)
                )
            )
    db.session.add(shortlist)
