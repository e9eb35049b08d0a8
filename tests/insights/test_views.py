"""The insights pages as a commissioner uses them: narrowed, downloaded, never showing a
small number or a word only one person typed."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert

from portal.accounts.models import Role
from portal.extensions import db
from portal.insights.rollup import roll_up
from portal.search.models import SearchLog
from tests import factories
from tests.support import sign_in

TODAY = date.today()


def _searches(text: str, place: str, results: int, times: int, needs: str = "", days_ago: int = 3):
    moment = datetime.now(UTC) - timedelta(days=days_ago)
    db.session.execute(
        insert(SearchLog),
        [
            {
                "created_at": moment,
                "text": text,
                "needs": needs,
                "audiences": "",
                "place": place,
                "filters": "",
                "results": results,
            }
            for _ in range(times)
        ],
    )
    db.session.commit()


@pytest.fixture
def commissioner(app, client):
    factories.service("Crowthorne Bereavement Café", needs=("bereavement",))
    factories.service(
        "Sandhurst Lunch Club",
        location=factories.venue(
            "Sandhurst Memorial Hall",
            postal_code="GU47 9AB",
            city="Sandhurst",
            latitude=51.349,
            longitude=-0.804,
        ),
    )
    _searches("bereavement", "RG45", 0, 7, needs="bereavement")
    _searches("mens shed", "Sandhurst", 0, 6)
    _searches("jane doe's address", "GU47", 0, 2)  # one person's words: never shown
    _searches("lunch club", "GU47", 12, 9, needs="loneliness-and-company")
    _searches("lunch club", "", 12, 3, needs="loneliness-and-company")
    roll_up(datetime.now(UTC))
    db.session.commit()
    person = factories.user(
        "commissioner@example.org", role=Role.COMMISSIONER, name="Cam Commissioner"
    )
    sign_in(client, person)
    return person


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_searches_page_shows_words_that_found_nothing_but_not_one_persons_words(
    client, commissioner
):
    page = _text(client.get("/insights/searches"))
    assert "mens shed" in page
    assert "jane doe" not in page
    assert "Searches by need" in page and "Bereavement" in page
    assert "fewer than 5" in page  # the three lunch-club searches with no place


def test_narrowing_to_a_need_and_an_area_counts_only_those(client, commissioner):
    response = client.get("/insights/searches?need=bereavement&area=RG45")
    page = _text(response)
    assert response.status_code == 200
    assert "RG45" in page and "Bereavement" in page
    assert "Lunch" not in page.split("Searches by need", 1)[1].split("</table>", 1)[0]


def test_an_area_not_in_the_list_is_refused_with_a_message_and_kept(client, commissioner):
    response = client.get("/insights/searches?area=ZZ99&need=bereavement")
    page = _text(response)
    assert response.status_code == 400
    assert "Choose an area from the list" in page
    assert 'value="bereavement" selected' in page


def test_a_date_that_is_not_a_date_is_refused(client, commissioner):
    response = client.get("/insights?start-day=31&start-month=2&start-year=2026")
    assert response.status_code == 400
    assert "must be a real date" in _text(response)


def test_every_table_downloads_with_the_same_suppression_as_the_page(client, commissioner):
    page = _text(client.get("/insights/searches"))
    response = client.get("/insights/searches/by-area.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["Area", "Searches", "Found nothing", "Found 1 to 3"]
    by_area = {row[0]: row[1:] for row in rows[1:]}
    assert by_area["No place given"][0] == "fewer than 5"
    for values in by_area.values():
        for value in values:
            assert value in page  # the same text the page shows


def test_an_unknown_table_or_section_is_not_found(client, commissioner):
    assert client.get("/insights/searches/nothing-here.csv").status_code == 404
    assert client.get("/insights/elsewhere").status_code == 404


def test_coverage_gaps_explain_the_score_and_rank_the_biggest_gap_first(client, commissioner):
    page = _text(client.get("/insights/gaps"))
    assert "How the score is worked out" in page
    assert "<svg" in page and 'role="img"' in page
    table = page.split("Coverage gaps, the biggest first", 1)[1]
    assert table.index("RG45") < table.index("Loneliness") or "Bereavement" in table
    csv_text = _text(client.get("/insights/gaps/gaps.csv"))
    assert csv_text.splitlines()[0].startswith("Area,Need,Listings within")


def test_overview_and_summary_show_every_section(client, commissioner):
    page = _text(client.get("/insights"))
    for title in ("Searches", "Wishes", "Referrals", "Coverage gaps", "Freshness"):
        assert title in page
    summary = _text(client.get("/insights/summary?need=bereavement"))
    assert "Biggest coverage gaps" in summary
    assert "Bereavement" in summary


def test_a_word_that_found_nothing_links_the_directory_team_to_the_search_words(client, app):
    factories.service()
    _searches("mens shed", "", 0, 6)
    roll_up(datetime.now(UTC))
    db.session.commit()
    sign_in(client, factories.user("editor@example.org", role=Role.EDITOR, name="Ed Editor"))
    page = _text(client.get("/insights/searches"))
    assert "/directory-team/search-words/new?term=mens+shed" in page
    form = _text(client.get("/directory-team/search-words/new?term=mens+shed"))
    assert 'value="mens shed"' in form
