"""Commissioners' figures: counts, time to first contact, per-item changes, the page and CSV."""

import csv
import io
from datetime import UTC, date, datetime

import pytest

from portal.accounts.models import Role
from portal.prescribing import reports
from portal.prescribing.models import QuestionnaireStage, ReferralReason, ReferralState
from portal.prescribing.questionnaires import record_response, set_monitoring
from portal.validation import ValidationFailed
from tests import factories
from tests.conftest import sign_in
from tests.moderation.conftest import Browser
from tests.prescribing.factories import referral, world

FEBRUARY = reports.DateRange(date(2026, 2, 1), date(2026, 2, 28))
ANSWERED = date(2026, 3, 1)


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 2, day, hour, tzinfo=UTC)


def ons(satisfied, worthwhile, happy, anxious) -> dict:
    return {
        "life_satisfaction": satisfied,
        "worthwhile": worthwhile,
        "happiness": happy,
        "anxiety": anxious,
    }


@pytest.fixture
def people(app):
    app.test_client_class = Browser
    return world()


@pytest.fixture
def other_gp(people):
    gp = factories.user("raj@example.org", role=Role.PROFESSIONAL, name="Dr Raj Patel")
    gp.organisation = factories.organisation("Forest Road Practice")
    return gp


def answer(item, who, stage, scores):
    record_response(item, who, "ons4", stage, scores, ANSWERED)


@pytest.fixture
def february(people, other_gp):
    """Four referrals made in February, one in January and one in March."""
    a = referral(
        people.service_a,
        people.gp,
        state=ReferralState.COMPLETED,
        created_at=at(2),
        first_contact_at=at(3),
        person_name="Ada Lovelace",
        person_phone="07700 900555",
        person_email="ada@example.net",
    )
    b = referral(
        people.service_a,
        people.gp,
        state=ReferralState.IN_PROGRESS,
        created_at=at(10),
        first_contact_at=at(12),
        reason=ReferralReason.BEREAVEMENT,
    )
    c = referral(
        people.service_a,
        other_gp,
        state=ReferralState.ACCEPTED,
        created_at=at(20),
        first_contact_at=at(26),
    )
    d = referral(people.service_b, None, created_at=at(28, 23))
    referral(people.service_a, people.gp, created_at=datetime(2026, 1, 31, 23, tzinfo=UTC))
    referral(people.service_a, people.gp, created_at=datetime(2026, 3, 1, 0, tzinfo=UTC))
    connector = people.connector_a
    answer(a, connector, QuestionnaireStage.REFERRAL, ons(3, 4, 2, 8))
    answer(a, connector, QuestionnaireStage.EXIT, ons(7, 8, 6, 3))
    answer(b, connector, QuestionnaireStage.REFERRAL, ons(5, 5, 4, 6))
    answer(b, connector, QuestionnaireStage.EXIT, ons(6, 6, 7, 5))
    answer(c, connector, QuestionnaireStage.REFERRAL, ons(0, 0, 0, 10))
    set_monitoring(a, connector, gender="Woman", gp_visits_before=4, gp_visits_after=1)
    set_monitoring(b, connector, gp_visits_before=2, gp_visits_after=2)
    set_monitoring(c, connector, gp_visits_before=6)
    return a, b, c, d


def test_referrals_made_in_the_range_are_counted_by_reason_source_practice_and_state(february):
    report = reports.build_report(FEBRUARY)

    assert report.total == 4
    by_reason = dict(report.by_reason)
    assert by_reason["Social isolation or loneliness"] == 3
    assert by_reason["Bereavement"] == 1 and by_reason["Housing"] == 0
    assert dict(report.by_source) == {
        "GP or practice team": 3,
        "Other health or care professional": 0,
        "Community connector or link worker": 0,
        "The person themselves": 1,
    }
    assert report.by_practice == [
        ("Heath Hill Surgery", 2),
        ("Forest Road Practice", 1),
        ("No practice given", 1),
    ]
    assert dict(report.by_state) == {
        "New": 1,
        "Accepted": 1,
        "In progress": 1,
        "Completed": 1,
        "Declined": 0,
        "Could not contact": 0,
    }


def test_time_to_first_contact_counts_those_contacted(february):
    wait = reports.build_report(FEBRUARY).first_contact

    assert wait.count == 3  # the self-referral has not been contacted yet
    assert wait.median == pytest.approx(2.0)
    assert wait.mean == pytest.approx(3.0)  # 1, 2 and 6 days


def test_each_item_is_compared_for_the_people_with_both_scores(february):
    items = reports.build_report(FEBRUARY).items

    assert list(items) == ["Personal wellbeing (ONS4)", "Connect4Life’s five questions"]
    satisfaction, worthwhile, happiness, anxiety = items["Personal wellbeing (ONS4)"]
    assert satisfaction.count == 2  # the third person has only a referral score
    assert satisfaction.mean_at_referral == pytest.approx(4.0)
    assert satisfaction.mean_at_exit == pytest.approx(6.5)
    assert satisfaction.mean_change == pytest.approx(2.5)
    assert (worthwhile.count, worthwhile.mean_change) == (2, pytest.approx(2.5))
    assert (happiness.mean_at_referral, happiness.mean_at_exit) == (3.0, 6.5)
    assert anxiety.lower_is_better and anxiety.mean_change == pytest.approx(-3.0)
    assert all(item.count == 0 for item in items["Connect4Life’s five questions"])


def test_gp_visits_before_and_after_count_the_people_with_both(february):
    visits = reports.build_report(FEBRUARY).gp_visits

    assert visits.count == 2
    assert (visits.mean_before, visits.mean_after) == (pytest.approx(3.0), pytest.approx(1.5))


@pytest.mark.parametrize(
    ("start", "end", "problems"),
    [
        ("2026-02-30", "", {"start": "Enter the start date as a real date, like 2026-03-31"}),
        ("", "March", {"end": "Enter the end date as a real date, like 2026-03-31"}),
        (
            "2026-03-01",
            "2026-02-01",
            {"end": "The end date must be the same as or after the start date"},
        ),
    ],
)
def test_a_range_must_be_real_dates_in_order(start, end, problems):
    with pytest.raises(ValidationFailed) as raised:
        reports.parse_range(start, end, date(2026, 3, 15))
    assert raised.value.problems == problems


def test_a_blank_range_is_the_year_up_to_today():
    assert reports.parse_range("", None, date(2028, 2, 29)) == reports.DateRange(
        date(2027, 2, 28), date(2028, 2, 29)
    )


def test_small_numbers_are_not_shown():
    assert reports.count_text(0, 5) == "0"
    assert reports.count_text(4, 5) == "fewer than 5"
    assert reports.count_text(5, 5) == "5"
    assert reports.figure_text(2.345, 4, 5) == "not shown (too few)"
    assert reports.figure_text(2.345, 5, 5, signed=True) == "+2.3"
    assert reports.count_text(2, 0) == "2"


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_has_a_row_per_referral_without_names_contact_or_reference(february):
    a, *_ = february
    text = reports.as_csv(FEBRUARY)

    for personal in (
        "Ada Lovelace",
        "07700 900555",
        "ada@example.net",
        "Pat Example",
        a.reference,
        "Getting out of the house",
        "Dr Ann Lee",
    ):
        assert personal not in text
    got = rows(text)
    assert [r["row"] for r in got] == ["1", "2", "3", "4"]
    first = got[0]
    assert first["month_made"] == "2026-02" and first["reason"] == "Social isolation or loneliness"
    assert first["practice"] == "Heath Hill Surgery" and first["state"] == "Completed"
    assert first["days_to_first_contact"] == "1.0" and first["gender"] == "Woman"
    assert (first["ons4_anxiety_referral"], first["ons4_anxiety_exit"]) == ("8", "3")
    assert first["connect5_family_exit"] == ""
    assert got[3]["source"] == "The person themselves" and got[3]["practice"] == ""


# --- the pages ---------------------------------------------------------------------------------


@pytest.fixture
def commissioner(people):
    return factories.user("cleo@example.org", role=Role.COMMISSIONER, name="Cleo Commissioner")


def signed_in(app, user):
    client = app.test_client()
    sign_in(client, user)
    return client


def test_commissioners_see_the_report_with_counts_and_changes_and_no_names(
    app, february, commissioner
):
    app.config["PORTAL_REPORT_SUPPRESS_UNDER"] = 0
    client = signed_in(app, commissioner)

    response = client.get("/reports/referrals?start=2026-02-01&end=2026-02-28")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Referrals made: <strong>4</strong>" in page
    assert "<caption" in page and "By reason" in page and "Heath Hill Surgery" in page
    assert "Anxiety yesterday" in page and "(lower is better)" in page
    assert "+2.5" in page and "-3.0" in page
    for personal in ("Ada Lovelace", "07700 900555", "ada@example.net", "Pat Example"):
        assert personal not in page
    assert february[0].reference not in page


def test_the_page_says_fewer_than_5_for_small_counts(app, february, commissioner):
    client = signed_in(app, commissioner)

    page = client.get("/reports/referrals?start=2026-02-01&end=2026-02-28").get_data(as_text=True)

    assert "Referrals made: <strong>fewer than 5</strong>" in page
    assert "not shown (too few)" in page and "+2.5" not in page
    assert "a count from 1 to 4 is shown as “fewer than 5”" in page


def test_bad_dates_get_a_message_next_to_the_field(app, commissioner):
    client = signed_in(app, commissioner)

    response = client.get("/reports/referrals?start=2026-02-31&end=2026-02-28")

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    # Issue 12: day, month and year fields (GOV.UK date input), not a year-month-day box
    assert 'href="#start-day">The start date must be a real date' in page
    assert 'name="start-day" type="text" inputmode="numeric" value="31"' in page
    assert client.get("/reports/referrals.csv?start=yesterday").status_code == 400


def test_the_csv_downloads_for_commissioners_and_administrators(app, february, commissioner):
    admin = factories.user("ada@example.org", role=Role.ADMIN, name="Ada Admin")
    for user in (commissioner, admin):
        response = signed_in(app, user).get(
            "/reports/referrals.csv?start=2026-02-01&end=2026-02-28"
        )
        assert response.status_code == 200
        assert response.mimetype == "text/csv"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert len(rows(response.get_data(as_text=True))) == 4
        assert "Ada Lovelace" not in response.get_data(as_text=True)


def test_only_commissioners_and_administrators_see_reports(app, people):
    for user in (people.connector_a, people.gp, people.member_a):
        client = signed_in(app, user)
        assert client.get("/reports/referrals").status_code == 403
        assert client.get("/reports/referrals.csv").status_code == 403
    assert app.test_client().get("/reports/referrals").status_code == 302
