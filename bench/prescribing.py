"""Latency of the prescribing pages as referrals pile up: reports, CSV, lists, a record.

    .venv/bin/python -m bench.prescribing --referrals 1000 10000 50000 --requests 10

For each size, a throw-away database (SQLite in a temp folder, or DATABASE_URL) gets that many
referrals spread over two years between 40 services of 5 receiving organisations, in every state,
with ONS4 and Connect4Life answers at referral for half and at exit for the completed ones, a
journal note each; referrals over three months old are closed, and one in twenty is
assigned to the connector measured. Then each page is requested in-process
through the Flask test client, signed in (second factor passed) as the commissioner or as the
connector, and p50/p95 latency, requests per second and the answer's size are printed. Not a
test: no assertions; figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from bench.community_maps import measure
from portal import create_app
from portal.accounts.access import SECOND_FACTOR_KEY
from portal.accounts.models import Role, User
from portal.directory.models import Organisation, PublicationState, Service
from portal.extensions import db
from portal.prescribing.models import (
    JournalEntry,
    QuestionnaireResponse,
    QuestionnaireStage,
    Referral,
    ReferralReason,
    ReferralSource,
    ReferralState,
)

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
ONS4 = ("life_satisfaction", "worthwhile", "happiness", "anxiety")
CLOSED = [state for state in ReferralState if state.closed]
OPEN = [state for state in ReferralState if not state.closed]


def _connect5_keys() -> tuple[str, ...]:
    from portal.prescribing.outcomes.questionnaires import CATALOGUE

    return tuple(question.key for question in CATALOGUE["connect5"].questions)


def make_people() -> tuple[list[Service], User, User]:
    organisations = [Organisation(name=f"Receiving organisation {n}") for n in range(5)]
    services = [
        Service(
            organisation=organisations[n % 5],
            name=f"Referral service {n}",
            publication_state=PublicationState.PUBLISHED,
            accepts_referrals=True,
        )
        for n in range(40)
    ]
    connector = User(
        email="connector@bench.example.org",
        name="Bench Connector",
        role=Role.CONNECTOR,
        organisation=organisations[0],
        password_hash="x",
    )
    commissioner = User(
        email="commissioner@bench.example.org",
        name="Bench Commissioner",
        role=Role.COMMISSIONER,
        password_hash="x",
    )
    db.session.add_all([*services, connector, commissioner])
    db.session.commit()
    return services, connector, commissioner


def make_referrals(count: int, services: list[Service], connector: User, rng: random.Random):
    """Bulk inserts (the ORM one at a time would take longer than the measuring)."""
    reasons, sources = list(ReferralReason), list(ReferralSource)
    connect5 = _connect5_keys()
    rows, answers, notes = [], [], []
    for n in range(count):
        made = NOW - timedelta(days=rng.uniform(0, 730))
        # As in life: referrals over three months old are closed, recent ones mostly open.
        closed = (NOW - made).days > 90
        state = rng.choice(CLOSED if closed else OPEN)
        service = services[n % len(services)]
        referral_id = uuid.uuid4()
        rows.append(
            {
                "id": referral_id,
                "reference": f"R-B{n:06d}",
                "service_id": service.id,
                "organisation_id": service.organisation_id,
                "source": rng.choice(sources),
                "referrer_name": "Dr Bench",
                "referrer_practice": f"Practice {n % 12}",
                "person_name": f"Person {n}",
                "person_phone": "07700 900000",
                "what_matters": "Company in the week",
                "reason": rng.choice(reasons),
                "consent_given_by": "The person",
                "consent_given_at": made,
                "state": state,
                "state_changed_at": made,
                "first_contact_at": None
                if state is ReferralState.NEW
                else made + timedelta(days=3),
                "closed_at": made + timedelta(days=60) if state.closed else None,
                # One connector of the twenty or so a big programme has.
                "assigned_connector_id": connector.id if n % 20 == 0 else None,
                "created_at": made,
                "updated_at": made,
            }
        )
        notes.append({"referral_id": referral_id, "written_on": made.date(), "text": "Called."})
        if n % 2 == 0:
            stages = [QuestionnaireStage.REFERRAL]
            if state is ReferralState.COMPLETED:
                stages.append(QuestionnaireStage.EXIT)
            for stage in stages:
                lift = 2 if stage is QuestionnaireStage.EXIT else 0
                answers.append(_answers(referral_id, "ons4", stage, ONS4, 0, 10, lift, rng))
                answers.append(_answers(referral_id, "connect5", stage, connect5, 1, 5, 1, rng))
    for table, batch in ((Referral, rows), (JournalEntry, notes), (QuestionnaireResponse, answers)):
        for start in range(0, len(batch), 5000):
            db.session.execute(insert(table), batch[start : start + 5000])
    db.session.commit()
    return rows[0]["id"]


def _answers(referral_id, key, stage, questions, low, high, lift, rng) -> dict:
    return {
        "referral_id": referral_id,
        "questionnaire": key,
        "stage": stage,
        "answers": {q: min(high, rng.randint(low, high - lift) + lift) for q in questions},
        "answered_on": date(2026, 6, 1),
    }


def signed_in(app, user: User):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session[SECOND_FACTOR_KEY] = str(user.id)
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--referrals", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--requests", type=int, default=10)
    args = parser.parse_args()
    print(f"\n{'referrals':>9} {'page':<28} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'KB':>7}")
    for size in args.referrals:
        folder = Path(tempfile.mkdtemp(prefix="portal-bench-prescribing-"))
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'bench.sqlite3'}"
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "PORTAL_SEARCH_DIR": str(folder / "search"),
                "SECRET_KEY": "bench",
                "RATELIMIT_ENABLED": False,
            }
        )
        rng = random.Random(6)
        with app.app_context():
            db.drop_all()
            db.create_all()
            services, connector, commissioner = make_people()
            first = make_referrals(size, services, connector, rng)
            commissioner_client = signed_in(app, commissioner)
            connector_client = signed_in(app, connector)
        for name, client, address in [
            ("report (last 12 months)", commissioner_client, "/reports/referrals"),
            ("report (2 years)", commissioner_client, "/reports/referrals?start=2024-12-01"),
            ("report CSV (12 months)", commissioner_client, "/reports/referrals.csv"),
            ("referrals (organisation)", connector_client, "/referrals"),
            ("caseload", connector_client, "/caseload"),
            ("one referral", connector_client, f"/referrals/{first}"),
        ]:
            p50, p95, rate, length = measure(client, address, args.requests)
            print(f"{size:>9} {name:<28} {p50:8.1f} {p95:8.1f} {rate:7.1f} {length / 1024:7.1f}")
        if url.startswith("sqlite"):
            with app.app_context():
                db.engine.dispose()


if __name__ == "__main__":
    main()
