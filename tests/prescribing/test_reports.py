"""Commissioners' figures: counts, time to first contact, per-item changes, the page and CSV."""

import csv
import io
import re
from datetime import UTC, date, datetime
from html import unescape

import pytest

from portal.accounts.models import Role
from portal.extensions import db
from portal.prescribing.models import (
    ClosureReason,
    Connection,
    QuestionnaireStage,
    ReferralReason,
    ReferralState,
)
from portal.prescribing.outcomes import report_figures, reports
from portal.prescribing.outcomes.questionnaires import record_response, set_monitoring
from portal.validation import ValidationFailed
from tests import factories
from tests.prescribing.factories import referral, world
from tests.support import sign_in

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


def words(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))).strip()


def headline(page: str, name: str) -> str:
    """One headline figure's words: its label, figure, detail and change."""
    found = re.search(rf'<li id="headline-{name}">(.*?)</li>', page, flags=re.S)
    assert found, f"no headline {name}"
    return words(found.group(1))


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
    assert headline(page, "made").startswith("Referrals made 4 ")
    assert "<caption" in page and "By reason" in page and "Heath Hill Surgery" in page
    assert "Anxiety yesterday" in page and "(lower is better)" in page
    assert "+2.5" in page and "-3.0" in page
    for personal in ("Ada Lovelace", "07700 900555", "ada@example.net", "Pat Example"):
        assert personal not in page
    assert february[0].reference not in page


def test_the_page_says_fewer_than_5_for_small_counts(app, february, commissioner):
    client = signed_in(app, commissioner)

    page = client.get("/reports/referrals?start=2026-02-01&end=2026-02-28").get_data(as_text=True)

    assert headline(page, "made").startswith("Referrals made fewer than 5 ")
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


# --- issue 15: headline figures, grouping, change over time, charts, table CSVs --------------


def test_headlines_compare_with_the_same_number_of_days_before(app, february):
    figures = report_figures.build_figures(reports.build_report(FEBRUARY), 0)

    assert figures.previous == reports.DateRange(date(2026, 1, 4), date(2026, 1, 31))
    got = {h.name: h for h in figures.headlines}
    assert list(got) == ["made", "contacted", "completed", "connected", "median-wait"]
    made = got["made"]
    assert (made.value, made.previous) == ("4", "1")  # 31 January at 23:00 is the one before
    assert made.change == "Up 3 from the previous period (1)"
    contacted = got["contacted"]
    assert (contacted.value, contacted.detail) == ("75%", "3 of 4 referrals contacted")
    assert contacted.change == "Up 75 percentage points from the previous period (0%)"
    assert got["completed"].value == "25%" and got["connected"].value == "0%"
    wait = got["median-wait"]
    # 1, 2 and 6 calendar days; 1, 2 and 4 working days (20 February was a Friday)
    assert wait.value == "2.0 calendar days" and wait.detail == "2.0 working days"
    assert wait.change == "Previous period: none yet"


def test_small_headlines_are_hidden_with_no_change_that_would_give_them_away(app, february):
    figures = report_figures.build_figures(reports.build_report(FEBRUARY), 5)

    got = {h.name: h for h in figures.headlines}
    assert got["made"].value == "fewer than 5"
    assert got["made"].change == "Previous period: fewer than 5"
    assert got["contacted"].value == "not shown (too few)" and got["contacted"].detail == ""
    assert got["median-wait"].value == "not shown (too few)"


def test_a_percentage_that_would_give_away_a_small_count_is_not_shown(app, people):
    for day in range(2, 10):
        referral(people.service_a, people.gp, created_at=at(day), first_contact_at=at(day, 12))
    referral(people.service_a, people.gp, created_at=at(12))  # 8 of 9 contacted: 1 was not
    now = report_figures.period_figures(FEBRUARY)
    before = report_figures.period_figures(report_figures.previous_period(FEBRUARY))

    got = {h.name: h for h in report_figures.headlines(now, before, 5)}

    assert got["made"].value == "9"
    assert got["contacted"].value == "nearly all"
    assert got["contacted"].detail == "All but fewer than 5 of 9 referrals"
    assert got["median-wait"].value == "0.1 calendar days"  # two hours

    got = {h.name: h for h in report_figures.headlines(before, now, 5)}  # the other way round
    assert got["contacted"].value == "no referrals"
    assert got["contacted"].change == "Previous period: nearly all"
    assert got["made"].change == "Down 9 from the previous period (9)"


def small_programme(people) -> None:
    """March, 16 referrals: 6 for loneliness from the GP, found nothing suitable (RG12); 5 for
    low mood from the GP, connected (RG42); 3 bereaved people referring themselves, connected
    (GU47); 2 with money worries referring themselves, still new (SL5)."""
    groups = (
        (6, ReferralReason.ISOLATION, people.gp, "RG12", ClosureReason.NOTHING_SUITABLE),
        (5, ReferralReason.LOW_MOOD, people.gp, "RG42", ClosureReason.CONNECTED),
        (3, ReferralReason.BEREAVEMENT, None, "GU47", ClosureReason.CONNECTED),
        (2, ReferralReason.MONEY, None, "SL5", None),
    )
    day = 1
    for n, reason, referrer, area, why in groups:
        for _ in range(n):
            day += 1
            state = {
                ClosureReason.NOTHING_SUITABLE: ReferralState.DECLINED,
                ClosureReason.CONNECTED: ReferralState.COMPLETED,
            }.get(why, ReferralState.NEW)
            item = referral(
                people.service_a,
                referrer,
                reason=reason,
                created_at=datetime(2026, 3, day, 10, tzinfo=UTC),
                first_contact_at=datetime(2026, 3, day, 14, tzinfo=UTC),
                area=area,
                state=state,
                closure_reason=why,
            )
            if why is ClosureReason.CONNECTED:
                item.connections.append(
                    Connection(activity_name="Walking group", connected_on=date(2026, 3, 28))
                )
    db.session.commit()


MARCH = "start=2026-03-01&end=2026-03-31"


def table_html(page: str, name: str) -> str:
    found = re.search(rf'<table class="govuk-table" id="table-{name}">.*?</table>', page, re.S)
    assert found, f"no table {name}"
    return found.group(0)


def table_rows(html: str) -> list[list[str]]:
    return [
        [words(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html.split("<tbody")[1], re.S)
    ]


def test_small_groups_are_added_together_as_other_not_blanked(app, people, commissioner):
    small_programme(people)
    page = signed_in(app, commissioner).get(f"/reports/referrals?{MARCH}").get_data(as_text=True)

    assert table_rows(table_html(page, "by-reason")) == [
        ["Social isolation or loneliness", "6"],
        ["Low mood or anxiety", "5"],
        ["Other (2 groups)", "5"],  # bereavement (3) and money worries (2)
    ]
    # New (2) was too few alone, so the next smallest (declined, 6) joined it
    assert table_rows(table_html(page, "by-state")) == [
        ["Completed", "8"],
        ["Other (2 groups)", "8"],
    ]
    assert table_rows(table_html(page, "by-area")) == [
        ["RG12", "6"],
        ["RG42", "5"],
        ["Other (2 groups)", "5"],
    ]
    assert table_rows(table_html(page, "by-closure")) == [
        ["Connected to an activity or service", "8"],
        ["Nothing suitable was available", "6"],
    ]
    assert table_rows(table_html(page, "connected-to")) == [["Walking group", "8"]]
    counts = page.split('id="counts"')[1].split('id="waiting"')[0]
    assert "fewer than" not in counts and "hidden" not in counts  # no count is blanked
    text = words(page)
    assert 'groups of fewer than 5 are added together as "Other"' in text
    assert "Waiting times are in calendar days" in text and "Working days" in text
    waiting = table_html(page, "waiting")
    assert "Wait, of 16 referrals contacted" in waiting
    assert table_rows(waiting) == [
        ["Median", "0.2", "0.2"],  # four hours each
        ["Mean", "0.2", "0.1"],  # the four made at a weekend waited no working time
    ]


def test_a_table_that_is_all_other_says_so_and_draws_no_chart(app, february, commissioner):
    page = signed_in(app, commissioner).get("/reports/referrals?start=2026-02-01&end=2026-02-28")
    html = page.get_data(as_text=True)

    assert table_rows(table_html(html, "by-source")) == [["Other (2 groups)", "fewer than 5"]]
    assert report_figures.ALL_IN_OTHER in unescape(html)
    assert 'id="chart-by-source-title"' not in html


def test_the_change_over_time_is_a_line_and_a_table_of_months(app, people, commissioner):
    small_programme(people)
    url = "/reports/referrals?start=2026-02-15&end=2026-04-10"
    page = signed_in(app, commissioner).get(url).get_data(as_text=True)

    months = table_html(page, "by-month")
    assert table_rows(months) == [
        ["February 2026 (15 to 28 February only)", "0"],
        ["March 2026", "16"],
        ["April 2026 (1 to 10 April only)", "0"],
    ]
    chart = re.search(r'<svg[^>]*>.*?<title id="chart-by-month-title">(.*?)</title>', page, re.S)
    assert chart and chart.group(1) == "Referrals made a month"
    before = "compared with the same number of days just before: 22 December 2025 to 14 February"
    assert before in words(page)


def test_each_count_table_has_its_chart_with_a_title_description_and_labels(
    app, people, commissioner
):
    small_programme(people)
    page = signed_in(app, commissioner).get(f"/reports/referrals?{MARCH}").get_data(as_text=True)

    for name, title in (
        ("by-reason", "By reason for referral"),
        ("by-source", "By who referred"),
        ("by-state", "By outcome so far"),
        ("by-closure", "Closed referrals by why they closed"),
        ("by-practice", "By referrer’s practice"),
        ("by-area", "By where the person lives (postcode district)"),
    ):
        svg = re.search(
            rf'<svg[^>]*aria-labelledby="chart-{name}-title chart-{name}-desc"'
            r"[^>]*>.*?</svg>",
            page,
            re.S,
        )
        assert svg, f"no chart for {name}"
        assert f'<title id="chart-{name}-title">{title}</title>' in svg.group(0)
        assert f'<desc id="chart-{name}-desc">' in svg.group(0)
    reason_chart = re.search(r"<svg[^>]*chart-by-reason-title.*?</svg>", page, re.S).group(0)
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", reason_chart)
    assert labels[1:] == [  # after the unit
        "Social isolation or loneliness",
        "6",
        "Low mood or anxiety",
        "5",
        "Other (2 groups)",
        "5",
    ]


def test_each_tables_csv_is_suppressed_as_the_page_is(app, people, commissioner):
    small_programme(people)
    client = signed_in(app, commissioner)
    page = client.get(f"/reports/referrals?{MARCH}").get_data(as_text=True)
    links = re.findall(r'href="(/reports/referrals/([a-z0-9-]+)\.csv\?[^"]+)"', page)
    names = [name for _, name in links]
    assert names[:3] == ["headlines", "by-month", "by-reason"]
    assert {"by-area", "connected-to", "waiting", "gp-visits", "wellbeing-1"} <= set(names)

    for url, name in links:
        response = client.get(unescape(url))
        assert response.status_code == 200, name
        assert response.mimetype == "text/csv"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        got = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        if name in ("by-reason", "by-area", "by-month", "by-state", "by-source", "waiting"):
            assert got[1:] == table_rows(table_html(page, name)), name
    by_reason = client.get(f"/reports/referrals/by-reason.csv?{MARCH}").get_data(as_text=True)
    assert by_reason.splitlines() == [
        "Reason,Referrals",
        "Social isolation or loneliness,6",
        "Low mood or anxiety,5",
        "Other (2 groups),5",
    ]
    headlines = client.get(f"/reports/referrals/headlines.csv?{MARCH}").get_data(as_text=True)
    assert "Referrals made,16," in headlines


def test_a_small_programme_shows_one_hidden_group_in_the_page_and_its_csv(
    app, february, commissioner
):
    client = signed_in(app, commissioner)
    page = client.get("/reports/referrals?start=2026-02-01&end=2026-02-28").get_data(as_text=True)

    assert table_rows(table_html(page, "by-reason")) == [["Other (2 groups)", "fewer than 5"]]
    by_reason = client.get("/reports/referrals/by-reason.csv?start=2026-02-01&end=2026-02-28")
    assert by_reason.get_data(as_text=True).splitlines()[1:] == ["Other (2 groups),fewer than 5"]


def test_table_csvs_are_for_reporters_only_and_refuse_unknown_tables_and_bad_dates(
    app, people, commissioner
):
    client = signed_in(app, commissioner)
    assert client.get("/reports/referrals/nothing-here.csv").status_code == 404
    assert client.get("/reports/referrals/by-reason.csv?start=yesterday").status_code == 400
    for user in (people.connector_a, people.gp, people.member_a):
        assert signed_in(app, user).get("/reports/referrals/by-reason.csv").status_code == 403
    assert app.test_client().get("/reports/referrals/by-reason.csv").status_code == 302
