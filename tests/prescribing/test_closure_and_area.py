"""Issue 15: why a referral closed, and the postcode district the person lives in, recorded
for the anonymous figures on unmet need (never a whole postcode), shown on the referral's page
and kept through anonymisation and erasure."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.prescribing import privacy
from portal.prescribing.models import ClosureReason, Referral, ReferralEvent, ReferralState
from portal.prescribing.referrals import services as referrals
from portal.validation import ValidationFailed
from tests.prescribing.factories import pass_second_factor, referral, world
from tests.support import csrf_token, error_next_to, page, sign_in


@pytest.fixture
def w(app):
    return world()


@pytest.fixture
def browser(app):
    def make(user=None):
        client = app.test_client()
        if user is not None:
            sign_in(client, user)
            pass_second_factor(client, user)
        return client

    return make


def send(client, form_url: str, url: str | None = None, **data):
    token = csrf_token(page(client, form_url))
    return client.post(url or form_url, data={"csrf_token": token, **data})


def text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


FORM = {
    "person_name": "Pat Quinlan",
    "person_phone": "07700 900123",
    "person_email": "",
    "contact_preference": "phone",
    "what_matters": "Getting back to the allotment",
    "reason": "isolation",
    "consent_given_by": "person",
    "consent": "yes",
    "referrer_name": "Dr Ann Lee",
    "referrer_practice": "Heath Hill Surgery",
    "source": "gp",
    "consent_scope": "To share these details with the connectors",
}


# --- the service -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        ("completed", ClosureReason.CONNECTED),
        ("declined", ClosureReason.NOTHING_SUITABLE),
        ("could_not_contact", ClosureReason.OTHER),
    ],
)
def test_a_closing_state_keeps_why_it_closed(w, state, reason):
    item = referral(w.service_a, w.gp, state=ReferralState.ACCEPTED)

    referrals.change_state(
        item, w.connector_a, state, declined_reason="No group near them", closure_reason=reason
    )

    db.session.expire_all()
    assert item.state.value == state and item.closure_reason is reason
    last = item.events[-1]
    assert last.summary.startswith(f"Why it closed: {reason.label}")


def test_the_reason_may_be_given_as_its_value_and_may_be_left_out(w):
    chosen = referral(w.service_a, w.gp, state=ReferralState.IN_PROGRESS)
    referrals.change_state(chosen, w.connector_a, "completed", closure_reason="full")
    left_out = referral(w.service_a, w.gp, state=ReferralState.IN_PROGRESS)
    referrals.change_state(left_out, w.connector_a, "completed", closure_reason="")

    db.session.expire_all()
    assert chosen.closure_reason is ClosureReason.FULL
    assert left_out.closure_reason is None and left_out.state is ReferralState.COMPLETED


def test_a_state_that_does_not_close_keeps_no_reason(w):
    item = referral(w.service_a, w.gp)

    referrals.change_state(item, w.connector_a, "accepted", closure_reason="nothing_suitable")

    db.session.expire_all()
    assert item.state is ReferralState.ACCEPTED and item.closure_reason is None


def test_an_unknown_reason_is_refused_and_nothing_changes(w):
    item = referral(w.service_a, w.gp, state=ReferralState.ACCEPTED)

    with pytest.raises(ValidationFailed) as refused:
        referrals.change_state(item, w.connector_a, "completed", closure_reason="bored")

    assert refused.value.field == "closure_reason"
    db.session.rollback()
    assert db.session.get(Referral, item.id).state is ReferralState.ACCEPTED


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("rg12 7aa", "RG12"), ("RG127AA", "RG12"), (" gu47 ", "GU47"), ("", None), ("  ", None)],
)
def test_the_area_keeps_only_the_postcode_district(typed, kept):
    assert referrals.area_of(typed) == kept


@pytest.mark.parametrize("typed", ["Bracknell", "RG", "12 7AA", "RG12 7AA please"])
def test_anything_but_a_postcode_or_district_is_refused(typed):
    with pytest.raises(ValidationFailed) as refused:
        referrals.area_of(typed)
    assert refused.value.field == "area"


def test_a_referral_made_with_a_full_postcode_stores_only_its_district(w):
    made = referrals.make_referral(w.service_a, w.gp, **FORM, area="RG12 7AA")

    db.session.expire_all()
    assert made.area == "RG12"
    stored = db.session.execute(select(Referral.area)).scalars().all()
    assert stored == ["RG12"]  # the whole postcode is nowhere


# --- the forms ---------------------------------------------------------------------------------


def test_the_referral_form_asks_for_the_district_and_stores_only_it(w, browser):
    gp = browser(w.gp)
    url = f"/services/{w.service_a.id}/refer"
    form = text(page(gp, url))
    assert "Which postcode district do they live in? (optional)" in form
    assert (
        "The first half of their postcode, like RG12. Used only for anonymous figures about "
        "where help is missing." in form
    )

    response = send(gp, url, **FORM, area="rg12 7aa")

    assert response.status_code == 302
    [made] = db.session.scalars(select(Referral)).all()
    assert made.area == "RG12"


def test_a_wrong_district_is_explained_and_what_was_typed_is_kept(w, browser):
    gp = browser(w.gp)
    url = f"/services/{w.service_a.id}/refer"

    response = send(gp, url, **FORM, area="Bracknell")

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert error_next_to(html, "area") == referrals.AREA_PROBLEM
    assert f'href="#area">{referrals.AREA_PROBLEM}</a>' in html
    assert 'id="area" name="area" type="text" value="Bracknell"' in html
    assert 'value="Pat Quinlan"' in html
    assert db.session.scalars(select(Referral)).all() == []


def test_people_referring_themselves_may_give_their_district_too(w, browser):
    visitor = browser()
    url = f"/services/{w.service_b.id}/refer-yourself"
    form = text(page(visitor, url))
    assert "Which postcode district do you live in? (optional)" in form
    assert "The first half of your postcode, like RG12." in form

    mine = {k: v for k, v in FORM.items() if not k.startswith(("referrer", "source", "consent_"))}
    response = send(visitor, url, **mine, consent_scope="To share my details", area="GU47 0AB")

    assert response.status_code == 302
    [made] = db.session.scalars(select(Referral)).all()
    assert made.area == "GU47"


def test_the_state_form_asks_why_it_is_closing_with_nothing_chosen(w, browser):
    item = referral(w.service_a, w.gp)
    html = page(browser(w.connector_a), f"/referrals/{item.id}")

    fieldset = re.search(
        r"<fieldset[^>]*>\s*<legend[^>]*>Why is it closing\?.*?</fieldset>", html, re.S
    )
    assert fieldset, "no closure reasons"
    radios = re.findall(r'<input class="govuk-radios__input"[^>]*>', fieldset.group(0))
    assert [re.search(r'value="([^"]*)"', r).group(1) for r in radios] == [
        reason.value for reason in ClosureReason
    ]
    assert not any("checked" in radio for radio in radios)
    shown = text(fieldset.group(0))
    assert "anonymous figures about unmet need" in shown
    for reason in ClosureReason:
        assert reason.label in shown


def test_closing_through_the_page_records_why_and_shows_it(w, browser):
    item = referral(w.service_a, w.gp, state=ReferralState.ACCEPTED, area="RG42")
    connector = browser(w.connector_a)
    url = f"/referrals/{item.id}"

    response = send(
        connector,
        url,
        f"{url}/state",
        state="declined",
        declined_reason="Nothing near them on weekdays",
        closure_reason="nothing_suitable",
        from_state="accepted",
    )

    assert response.status_code == 302
    db.session.expire_all()
    assert item.closure_reason is ClosureReason.NOTHING_SUITABLE
    shown = text(page(connector, url))
    assert "Why it closed Nothing suitable was available" in shown
    assert "Postcode district RG42" in shown


def test_a_closed_referral_without_a_reason_says_so(w, browser):
    item = referral(w.service_a, w.gp, state=ReferralState.COMPLETED)
    shown = text(page(browser(w.connector_a), f"/referrals/{item.id}"))
    assert "Why it closed Not recorded" in shown and "Postcode district Not given" in shown


def test_a_made_up_reason_from_the_page_is_shown_next_to_the_radios(w, browser):
    item = referral(w.service_a, w.gp, state=ReferralState.ACCEPTED)
    connector = browser(w.connector_a)
    url = f"/referrals/{item.id}"

    response = send(connector, url, f"{url}/state", state="completed", closure_reason="bored")

    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert error_next_to(html, "closure_reason") == "Choose why it is closing from the list"
    db.session.expire_all()
    assert item.state is ReferralState.ACCEPTED
    assert (
        db.session.scalars(
            select(ReferralEvent).where(ReferralEvent.to_state == ReferralState.COMPLETED)
        ).all()
        == []
    )


# --- privacy -----------------------------------------------------------------------------------


def test_anonymising_and_erasing_keep_the_district_and_why_it_closed(w):
    item = referral(
        w.service_a,
        w.gp,
        state=ReferralState.DECLINED,
        area="RG12",
        closure_reason=ClosureReason.NOTHING_SUITABLE,
    )

    privacy.erase(item, w.connector_a)

    db.session.expire_all()
    assert item.anonymised_at is not None and item.person_name == ""
    assert (item.area, item.closure_reason) == ("RG12", ClosureReason.NOTHING_SUITABLE)


def test_the_persons_export_includes_the_district_and_why_it_closed(w):
    item = referral(
        w.service_a,
        w.gp,
        state=ReferralState.COMPLETED,
        area="GU47",
        closure_reason=ClosureReason.CONNECTED,
    )

    data = privacy.export_person(item, w.connector_a)

    assert data["referral"]["postcode_district"] == "GU47"
    assert data["referral"]["why_it_closed"] == "Connected to an activity or service"
