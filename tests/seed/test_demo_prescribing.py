"""The demo's social prescribing: referrals in every state with casework and questionnaires,
loaded once; the demo GP and connector sign in with a second factor anyone can try."""

from __future__ import annotations

import re
from collections import Counter

import pyotp
import pytest
from sqlalchemy import func, select

from portal.accounts import second_factor
from portal.accounts.models import Role, User
from portal.db import utcnow
from portal.extensions import db
from portal.prescribing.access import visible_referrals
from portal.prescribing.models import (
    Goal,
    JournalEntry,
    QuestionnaireResponse,
    QuestionnaireStage,
    Referral,
    ReferralEvent,
    ReferralSource,
    ReferralState,
)
from portal.prescribing.outcomes.questionnaires import MONITORING_CHOICES
from portal.prescribing.referrals.services import working_days_overdue
from portal.prescribing.shortlists.models import Shortlist
from seed.loader import load_demo
from seed.prescribing import DEMO_TOTP_SECRETS, SHORTLIST
from tests import factories
from tests.support import csrf_token

GP, CONNECTOR = "gp@demo.example.org", "connector@demo.example.org"


@pytest.fixture
def demo(demo_app):
    with demo_app.app_context():
        yield
        db.session.rollback()


def demo_referrals() -> list[Referral]:
    return list(db.session.scalars(select(Referral).where(Referral.is_demo.is_(True))).all())


def account(email: str) -> User:
    return db.session.scalars(select(User).where(User.email == email)).one()


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_there_are_referrals_in_every_state_one_overdue(demo):
    referrals = demo_referrals()
    assert len(referrals) >= 8
    assert {r.state for r in referrals} == set(ReferralState)
    assert any(working_days_overdue(r, utcnow()) > 0 for r in referrals)
    declined = [r for r in referrals if r.state is ReferralState.DECLINED]
    assert declined and all(r.declined_reason for r in declined)
    assert {r.source for r in referrals} >= {ReferralSource.GP, ReferralSource.SELF}
    assert len({r.reason for r in referrals}) >= 6
    assert all(r.closed_at for r in referrals if r.closed)


def test_the_people_are_clearly_fictional(demo):
    for referral in demo_referrals():
        assert re.fullmatch(r"07700 900\d{3}", referral.person_phone), referral.person_phone
        assert referral.person_email.endswith("@example.org")
        for field, options in MONITORING_CHOICES.items():
            assert getattr(referral, field) in (None, *options), field


def test_completed_referrals_have_both_questionnaires_at_both_stages_and_improve(demo):
    completed = [r for r in demo_referrals() if r.state is ReferralState.COMPLETED]
    assert len(completed) >= 2
    for referral in completed:
        answers = {(r.questionnaire, r.stage): r.answers for r in referral.responses}
        assert set(answers) == {
            (key, stage) for key in ("ons4", "connect5") for stage in QuestionnaireStage
        }
        before = answers[("ons4", QuestionnaireStage.REFERRAL)]
        after = answers[("ons4", QuestionnaireStage.EXIT)]
        assert after["life_satisfaction"] > before["life_satisfaction"]
        assert after["anxiety"] < before["anxiety"]
        assert referral.gp_visits_after < referral.gp_visits_before
        assert referral.journal and referral.goals and referral.connections


def test_the_connector_has_a_caseload_with_history_and_casework(demo):
    connector = account(CONNECTOR)
    assert connector.organisation.name == "Bracknell Forest Community Connectors"
    assert account(GP).organisation.name == "Fictional Health Centre (demo)"
    caseload = db.session.scalars(visible_referrals(connector)).all()
    assert len(caseload) >= 8
    assert any(r.assigned_connector_id == connector.id for r in caseload)
    in_progress = [r for r in caseload if r.state is ReferralState.IN_PROGRESS]
    assert in_progress and all(len(r.events) >= 3 for r in in_progress)
    assert any(c.service is not None for r in in_progress for c in r.connections)
    other = [r for r in demo_referrals() if r.organisation_id != connector.organisation_id]
    assert other, "some referrals go to other organisations, which Connie cannot see"
    assert not set(other) & set(caseload)


def test_four_demo_services_take_referrals(demo):
    services = {r.service for r in demo_referrals()}
    assert len(services) == 4
    assert all(s.accepts_referrals and s.referral_email for s in services)


def test_the_gp_has_a_shortlist_of_three_activities_with_notes(demo):
    # The browser tests share this demo and may add lists of their own: find the demo's one.
    [shortlist] = db.session.scalars(
        select(Shortlist).where(Shortlist.owner_id == account(GP).id, Shortlist.name == SHORTLIST)
    ).all()
    assert len(shortlist.items) == 3
    assert shortlist.what_matters and all(item.note for item in shortlist.items)


def test_loading_again_adds_nothing(demo):
    models = (Referral, ReferralEvent, JournalEntry, Goal, QuestionnaireResponse, Shortlist)
    before = Counter({model.__name__: count(model) for model in models})
    load_demo()
    after = Counter({model.__name__: count(model) for model in models})
    assert after == before


def test_the_demo_gp_signs_in_with_the_printed_code(demo_app, demo):
    client = demo_app.test_client()
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    response = client.post(
        "/sign-in",
        data={"email": GP, "password": "demo-password-2026", "csrf_token": token},
    )
    assert response.headers["Location"].startswith("/sign-in/code")
    output = demo_app.test_cli_runner().invoke(args=["accounts", "demo-code", GP]).output
    code = re.match(r"(\d{6}) ", output).group(1)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    passed = client.post(
        response.headers["Location"], data={"code": code, "csrf_token": csrf_token(page)}
    )
    assert passed.status_code == 302, passed.get_data(as_text=True)
    assert not passed.headers["Location"].startswith("/sign-in")


# --- `flask accounts demo-code` and the printout (a small database, not the whole demo) -----


@pytest.fixture
def demo_gp(app):
    app.config["PORTAL_DEMO"] = True
    gp = factories.user(GP, role=Role.PROFESSIONAL, is_demo=True)
    gp.totp_secret, gp.totp_confirmed_at = DEMO_TOTP_SECRETS[GP], utcnow()
    db.session.commit()
    return gp


def test_demo_code_prints_a_code_that_verifies(runner, demo_gp):
    result = runner.invoke(args=["accounts", "demo-code", GP])
    assert result.exit_code == 0, result.output
    code = re.match(r"(\d{6}) ", result.output).group(1)
    assert pyotp.TOTP(DEMO_TOTP_SECRETS[GP]).verify(code, valid_window=1)
    second_factor.use_code(demo_gp, code)  # accepted as a sign-in code
    again = runner.invoke(args=["accounts", "demo-code", GP]).output
    assert re.match(r"(\d{6}) ", again).group(1) != code  # the next one, as that one is used


def test_demo_code_refuses_an_account_that_is_not_a_demo_one(runner, demo_gp):
    real = factories.user("doctor@example.org", role=Role.PROFESSIONAL)
    real.totp_secret, real.totp_confirmed_at = pyotp.random_base32(), utcnow()
    db.session.commit()
    result = runner.invoke(args=["accounts", "demo-code", "doctor@example.org"])
    assert result.exit_code == 1
    assert "is not a demo account" in result.output
    assert not re.search(r"\d{6}", result.output)


def test_demo_code_refuses_outside_demo_mode(app, runner, demo_gp):
    app.config["PORTAL_DEMO"] = False
    result = runner.invoke(args=["accounts", "demo-code", GP])
    assert result.exit_code == 1
    assert "only shown while PORTAL_DEMO=1" in result.output


def test_the_printout_explains_the_second_factor_only_in_demo_mode(app, runner):
    app.config["PORTAL_DEMO"] = True
    shown = runner.invoke(args=["seed", "accounts"]).output
    assert "second factor" in shown
    assert second_factor.grouped(DEMO_TOTP_SECRETS[GP]) in shown
    assert second_factor.grouped(DEMO_TOTP_SECRETS[CONNECTOR]) in shown
    assert f"flask --app wsgi accounts demo-code {GP}" in shown
    app.config["PORTAL_DEMO"] = False
    hidden = runner.invoke(args=["seed", "accounts"]).output
    assert "gp@demo.example.org" in hidden
    assert "second factor" not in hidden and "demo-code" not in hidden
    for secret in DEMO_TOTP_SECRETS.values():
        assert second_factor.grouped(secret) not in hidden and secret not in hidden
