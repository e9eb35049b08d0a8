"""Issue 12: a referral made from a shortlist starts with the list's "what matters"; the
referral form's error summary follows the page; the report's dates are GOV.UK date inputs
(day, month, year), as the hint says, with the old `start`/`end` addresses still working."""

from __future__ import annotations

import re
from html import unescape

import pytest

from portal.accounts.models import Role
from portal.extensions import db
from portal.prescribing.shortlists import services as shortlists
from tests import factories
from tests.prescribing.factories import pass_second_factor, world
from tests.support import csrf_token, page, sign_in


@pytest.fixture
def w(app):
    return world()


def signed_in(app, user, second_factor: bool = True):
    browser = app.test_client()
    sign_in(browser, user)
    if second_factor:
        pass_second_factor(browser, user)
    return browser


def words(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def textarea(html: str, name: str) -> str:
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    assert found, f"no {name} box"
    return unescape(found.group(1))


# --- item 3: what matters carries over; the error summary follows the page ----------------------


def test_referring_from_a_shortlist_carries_what_matters_over(app, w):
    mine = shortlists.create_list(w.gp, "Ideas for Tuesday", [w.service_a])
    shortlists.save_texts(mine, "Getting out of the house and singing again", {})
    gp = signed_in(app, w.gp)

    listed = page(gp, f"/shortlists/{mine.id}")
    link = re.search(r'href="(/services/[^"]+/refer\?[^"]+)"[^>]*>Refer someone', listed)
    assert link, "the list offers no referral for an activity that takes them"
    assert "Refer someone to Community connector support" in words(listed)

    form = page(gp, unescape(link.group(1)))
    assert textarea(form, "what_matters") == "Getting out of the house and singing again"
    assert "filled in from your shortlist ‘Ideas for Tuesday’" in words(form)


def test_someone_elses_list_fills_nothing_in(app, w):
    theirs = shortlists.create_list(w.connector_a, "Theirs", [w.service_a])
    shortlists.save_texts(theirs, "Something private", {})
    form = page(signed_in(app, w.gp), f"/services/{w.service_a.id}/refer?shortlist={theirs.id}")
    assert textarea(form, "what_matters") == ""
    assert "Something private" not in form


def test_the_error_summary_lists_problems_in_the_order_of_the_page(app, w):
    gp = signed_in(app, w.gp)
    url = f"/services/{w.service_a.id}/refer"
    answer = gp.post(
        url,
        data={
            "csrf_token": csrf_token(page(gp, url)),
            "source": "astrologer",
            "referrer_name": "",
            "consent_scope": "",
        },
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    start = html.index("govuk-error-summary__list")
    summary = html[start : html.index("</ul>", start)]
    linked = re.findall(r'href="#([^"]+)"', summary)
    assert "source" in linked and "person_name" in linked and "consent" in linked
    form = html[html.index("<form") :]
    on_page = sorted(linked, key=lambda field: form.index(f'id="{field}"'))
    assert linked == on_page


# --- item 4: the report's dates as day, month and year ------------------------------------------


@pytest.fixture
def commissioner(app):
    person = factories.user("cam@example.org", role=Role.COMMISSIONER, name="Cam Commissioner")
    db.session.commit()
    return person


def field_value(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert found, f"no {name} field"
    value = re.search(r'value="([^"]*)"', found.group(0))
    return value.group(1) if value else ""


def test_the_report_asks_for_day_month_and_year_as_its_hint_says(app, commissioner):
    html = page(signed_in(app, commissioner), "/reports/referrals")
    for name in ("start", "end"):
        for part in ("day", "month", "year"):
            assert f'name="{name}-{part}"' in html
    assert "For example, 27 3 2026" in words(html)
    assert "year-month-day" not in html and 'type="date"' not in html


def test_the_three_fields_choose_the_dates(app, commissioner):
    client = signed_in(app, commissioner)
    html = page(
        client,
        "/reports/referrals?start-day=1&start-month=2&start-year=2026"
        "&end-day=28&end-month=2&end-year=2026",
    )
    assert "1 February 2026 to 28 February 2026" in words(html)
    assert [field_value(html, f"start-{p}") for p in ("day", "month", "year")] == [
        "1",
        "2",
        "2026",
    ]
    assert "start=2026-02-01&amp;end=2026-02-28" in html  # the CSV link
    csv = client.get(
        "/reports/referrals.csv?start-day=1&start-month=2&start-year=2026"
        "&end-day=28&end-month=2&end-year=2026"
    )
    assert csv.status_code == 200 and csv.mimetype == "text/csv"


def test_old_addresses_with_start_and_end_still_work(app, commissioner):
    html = page(signed_in(app, commissioner), "/reports/referrals?start=2026-02-01&end=2026-02-28")
    assert "1 February 2026 to 28 February 2026" in words(html)
    assert field_value(html, "end-day") == "28"


@pytest.mark.parametrize(
    ("query", "link", "message", "red"),
    [
        (
            "start-day=31&start-month=2&start-year=2026",
            "start-day",
            "The start date must be a real date",
            ["start-day"],
        ),
        (
            "start-day=1&start-year=2026",
            "start-month",
            "The start date must include a month",
            ["start-month"],
        ),
        (
            "end-day=1&end-month=2&end-year=26",
            "end-year",
            "The year must include 4 numbers",
            ["end-year"],
        ),
        (
            "start-day=2&start-month=3&start-year=2026&end-day=1&end-month=3&end-year=2026",
            "end-day",
            "The end date must be the same as or after the start date",
            ["end-day", "end-month", "end-year"],
        ),
    ],
)
def test_a_wrong_date_is_explained_beside_it(app, commissioner, query, link, message, red):
    answer = signed_in(app, commissioner).get(f"/reports/referrals?{query}")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert f'href="#{link}">{message}</a>' in html
    fieldset = link.split("-")[0]
    assert re.search(rf'id="{fieldset}-error"[^>]*>\s*<span[^>]*>Error:</span>\s*{message}', html)
    inputs = re.findall(r'<input class="([^"]*)" id="((?:start|end)-[a-z]+)"', html)
    marked = [field for classes, field in inputs if "govuk-input--error" in classes]
    assert marked == red
    for part in query.split("&"):  # what was typed is kept
        name, value = part.split("=")
        assert field_value(html, name) == value
