"""The safety panel and the quick exit on the public pages, and the administrators' pages,
through the test client."""

import re

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.audit import AuditEvent
from portal.cli import reindex_all
from portal.extensions import db
from portal.safety import defaults
from portal.safety.models import SafetyWord
from portal.search.models import SearchLog
from tests import factories
from tests.support import csrf_token, page, post, sign_in

pytestmark = pytest.mark.usefixtures("vocabulary")

EXIT = 'href="https://www.bbc.co.uk/weather"'


def exit_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"[^>]*govuk-exit-this-page__button', html)


@pytest.fixture
def listings(app):
    support = factories.service(
        "Domestic Abuse Support Group",
        description="Confidential support after domestic abuse.",
        needs=("mental-wellbeing",),
    )
    choir = factories.service("Harmony Choir", description="Sing in harmony. All welcome.")
    reindex_all()
    return support, choir


# --- the search page ------------------------------------------------------------------------


def test_the_panel_comes_first_with_999_the_helplines_and_their_hours(client, listings):
    html = page(client, "/search?q=domestic+abuse")
    panel = html.index('id="safety-panel"')
    assert html.index("<h1") < panel < html.index('id="search-form"')
    assert panel < html.index('class="app-result-list"') < html.index("Domestic Abuse Support")
    shown = html[panel : html.index('id="search-form"')]
    assert "If you or someone else is in danger" in shown
    assert '<a class="govuk-link" href="tel:999">999</a>' in shown
    assert "press 55" in shown
    assert '<a class="govuk-link" href="tel:08082000247">0808 2000 247</a>' in shown
    assert "National Domestic Abuse Helpline" in shown and "Samaritans" in shown
    assert shown.index("tel:999") < shown.index("tel:08082000247")  # 999 first
    assert shown.count("24 hours, every day") >= 5 and "Monday to Friday, 9am to 8pm" in shown
    assert '<a class="govuk-link" href="sms:85258">85258</a>' in shown


def test_a_search_with_a_safety_word_has_the_quick_exit_first_in_the_page(client, listings):
    html = page(client, "/search?q=domestic+abuse")
    assert exit_links(html) == ["https://www.bbc.co.uk/weather"]
    main = html.index('id="main-content"')
    assert main < html.index("govuk-exit-this-page") < html.index("<h1")
    assert 'data-module="govuk-exit-this-page"' in html
    assert 'rel="nofollow noreferrer"' in html
    assert '<span class="govuk-visually-hidden">Emergency</span> Leave this site' in html


def test_the_panel_shows_when_nothing_is_found(client, listings):
    html = page(client, "/search?q=I+want+to+kill+myself")
    assert 'id="safety-panel"' in html and "0 results" in html
    assert exit_links(html)


def test_the_panel_shows_when_the_place_is_not_understood(client, listings):
    response = client.get("/search?q=suicidal+thoughts&where=Qzxqzx")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "govuk-error-summary" in html
    assert 'id="safety-panel"' in html and exit_links(html)


def test_everyday_words_with_apostrophes_and_hyphens_show_the_panel(client, listings):
    for words in ("I don%27t feel safe at home", "self-harming", "CRISIS", "can%E2%80%99t cope"):
        assert 'id="safety-panel"' in page(client, f"/search?q={words}"), words


def test_a_search_without_a_safety_word_has_no_panel_and_no_exit(client, listings):
    html = page(client, "/search?q=harmony+choir")
    assert "Harmony Choir" in html
    assert 'id="safety-panel"' not in html and "govuk-exit-this-page" not in html
    assert "govuk-exit-this-page" not in page(client, "/search")


def test_a_search_for_a_sensitive_need_has_the_exit_but_no_panel(client, listings):
    html = page(client, "/search?need=mental-wellbeing")
    assert exit_links(html) == ["https://www.bbc.co.uk/weather"]
    assert 'id="safety-panel"' not in html
    html = page(client, "/search?q=mental+wellbeing")
    assert exit_links(html) and 'id="safety-panel"' not in html


def test_the_panel_logs_nothing_more_about_the_search(client, listings):
    page(client, "/search?q=domestic+abuse")
    assert db.session.scalar(select(func.count()).select_from(SearchLog)) == 1
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0


# --- the listing page --------------------------------------------------------------------


def test_a_listing_tagged_with_a_sensitive_need_has_the_exit(client, listings):
    support, _ = listings
    html = page(client, f"/services/{support.id}")
    assert exit_links(html) == ["https://www.bbc.co.uk/weather"]
    assert html.index("govuk-exit-this-page") < html.index("<h1")
    assert 'id="safety-panel"' not in html


def test_a_listing_without_one_has_no_exit(client, listings):
    _, choir = listings
    assert "govuk-exit-this-page" not in page(client, f"/services/{choir.id}")


def test_browsing_a_sensitive_need_has_the_exit_and_other_needs_do_not(client, listings):
    html = page(client, "/needs/mental-wellbeing")
    assert exit_links(html) == ["https://www.bbc.co.uk/weather"]
    assert "govuk-exit-this-page" not in page(client, "/needs/arts-and-creativity")


# --- administrators' changes reach the public pages at once ----------------------------------


def test_a_word_an_administrator_adds_shows_the_panel_at_once(client, listings, admin):
    assert 'id="safety-panel"' not in page(client, "/search?q=county+lines")
    sign_in(client, admin)
    words = page(client, "/admin/safety/words")
    text = re.search(r'<textarea[^>]*id="words"[^>]*>(.*?)</textarea>', words, re.S).group(1)
    assert "domestic abuse" in text
    response = client.post(
        "/admin/safety/words",
        data={
            "csrf_token": csrf_token(words),
            "version": "0",
            "words": text.replace("&#39;", "'") + "\ncounty lines",
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == "/admin/safety"
    assert "Saved " in page(client, "/admin/safety")
    assert 'id="safety-panel"' in page(client, "/search?q=county+lines")


def test_changed_exit_target_and_needs_reach_listings(client, listings, signed_in_admin):
    support, choir = listings
    response = post(
        client,
        "/admin/safety/quick-exit",
        exit_url="https://www.example.com/",
        needs=["loneliness-and-company"],
    )
    assert response.status_code == 302
    assert exit_links(page(client, f"/services/{choir.id}")) == ["https://www.example.com/"]
    assert "govuk-exit-this-page" not in page(client, f"/services/{support.id}")


def test_a_helpline_an_administrator_deletes_is_gone_from_the_panel(client, listings, admin):
    sign_in(client, admin)
    overview = page(client, "/admin/safety")
    assert 'href="/admin/safety/helplines/7/delete"' in overview
    response = post(client, "/admin/safety/helplines/7/delete", version="0")
    assert response.status_code == 302
    assert "Deleted Men&#39;s Advice Line from the panel." in page(client, "/admin/safety")
    html = page(client, "/search?q=domestic+abuse")
    assert "Men's Advice Line" not in html and "Men&#39;s Advice Line" not in html
    assert "Samaritans" in html


# --- the administrators' pages -------------------------------------------------------------


def test_the_overview_shows_each_part_with_links_to_change_it(client, signed_in_admin):
    html = page(client, "/admin/safety")
    assert f"{len(defaults.WORDS)} words and phrases: the defaults" in html
    for href in ("/admin/safety/words", "/admin/safety/panel", "/admin/safety/quick-exit"):
        assert f'href="{href}"' in html
    assert 'href="/admin/safety/helplines/1"' in html and "1. Police, fire or ambulance" in html
    assert "https://www.bbc.co.uk/weather" in html and "Mental wellbeing" in html
    assert 'href="/admin/safety/restore"' in html
    assert 'href="/search?q=in+danger"' in html  # the panel, on a search that shows it
    assert 'href="/admin/safety"' in page(client, "/account")  # the account page links here
    assert ">Safety<" in html  # and the menu


def test_checking_a_search_says_which_word_shows_the_panel(client, signed_in_admin):
    html = page(client, "/admin/safety?try=I%27m+self-harming")
    assert "shows the panel: it contains “self-harm”" in html
    html = page(client, "/admin/safety?try=harmony")
    assert "does not show the panel" in html


def test_a_bad_word_list_is_refused_and_kept_as_typed(client, signed_in_admin):
    typed = "domestic abuse\nSelf harm\nself-harm"
    response = post(client, "/admin/safety/words", words=typed, version="0")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "“Self harm” and “self-harm” count as the same words: keep one of them" in html
    assert "govuk-error-summary" in html and '<a href="#words">' in html
    assert f">{typed}</textarea>" in html
    assert "<title>Error: " in html
    assert db.session.scalars(select(SafetyWord)).first() is None


def test_an_empty_word_list_is_refused(client, signed_in_admin):
    response = post(client, "/admin/safety/words", words="  \n ", version="0")
    assert response.status_code == 400
    assert "Enter at least one word or phrase" in response.get_data(as_text=True)


def test_a_quick_exit_that_is_not_https_is_refused_and_kept(client, signed_in_admin):
    response = post(
        client,
        "/admin/safety/quick-exit",
        exit_url="http://www.example.com/",
        needs=["bereavement"],
        version="0",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter a full address that starts with https://" in html
    assert 'value="http://www.example.com/"' in html
    assert 'value="bereavement" checked' in html
    assert 'value="mental-wellbeing" checked' not in html


def test_a_panel_without_a_heading_is_refused(client, signed_in_admin):
    response = post(client, "/admin/safety/panel", heading=" ", intro="Typed", version="0")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter the panel’s heading" in html and ">Typed</textarea>" in html


def test_a_helpline_without_hours_is_refused_and_kept(client, signed_in_admin):
    response = post(
        client,
        "/admin/safety/helplines/new",
        name="Local line",
        contact="Call 01344 000000",
        number="01344000000",
        hours="",
        version="0",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter when they answer" in html
    assert 'value="Local line"' in html and 'value="Call 01344 000000"' in html


def test_an_added_helpline_shows_last(client, listings, signed_in_admin):
    response = post(
        client,
        "/admin/safety/helplines/new",
        name="Bracknell Crisis Café",
        contact="Call 01344 000000",
        number="01344 000000",
        hours="Friday to Sunday, 6pm to 11pm",
        version="0",
    )
    assert response.status_code == 302
    assert "Added Bracknell Crisis Café." in page(client, "/admin/safety")
    html = page(client, "/search?q=crisis")
    assert html.index("Papyrus") < html.index("Bracknell Crisis Café")
    assert '<a class="govuk-link" href="tel:01344000000">01344 000000</a>' in html


def test_moving_a_helpline_up(client, listings, signed_in_admin):
    response = post(
        client,
        "/admin/safety",
        url="/admin/safety/helplines/3/move",
        direction="up",
        version="0",
    )
    assert response.status_code == 302
    page(client, "/admin/safety")
    html = page(client, "/search?q=crisis")
    assert html.index("Samaritans") < html.index("National Domestic Abuse Helpline")


def test_restoring_the_defaults(client, listings, signed_in_admin):
    post(client, "/admin/safety/words", words="county lines", version="0")
    assert 'id="safety-panel"' not in page(client, "/search?q=crisis")
    response = post(client, "/admin/safety/restore")
    assert response.status_code == 302
    assert 'id="safety-panel"' in page(client, "/search?q=crisis")


def test_a_save_over_someone_elses_is_refused_with_their_name_and_what_was_typed(
    client, signed_in_admin
):
    other = factories.user("other@example.org", role=Role.ADMIN, name="Bo Other")
    from portal.safety import editing

    editing.save_words("domestic abuse", 0, other)
    response = post(client, "/admin/safety/words", words="suicide\ncrisis", version="0")
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Bo Other changed the words at" in html and "Nothing was saved" in html
    assert ">suicide\ncrisis</textarea>" in html
    assert 'name="version" value="1"' in html  # saving again is a choice, made knowingly


def test_a_helpline_change_from_an_old_page_goes_back_to_the_list(client, signed_in_admin):
    from portal.safety import editing

    editing.delete_helpline(1, 0, signed_in_admin)
    response = post(client, "/admin/safety/helplines/1/delete", version="0")
    assert response.status_code == 302 and response.headers["Location"].endswith("#helplines")
    assert "Alex Admin changed the helplines at" in page(client, "/admin/safety")


def test_the_last_helpline_cannot_be_deleted(client, signed_in_admin):
    from portal.safety import editing

    for _ in range(len(defaults.HELPLINES) - 1):
        editing.delete_helpline(1, None, signed_in_admin)
    overview = page(client, "/admin/safety")
    assert "/admin/safety/helplines/1/delete" not in overview
    response = post(client, "/admin/safety/helplines/1/delete", version=str(8))
    assert response.status_code == 400
    assert "Keep at least one helpline" in response.get_data(as_text=True)


def test_an_unknown_helpline_is_not_found(client, signed_in_admin):
    assert client.get("/admin/safety/helplines/99").status_code == 404
    assert client.get("/admin/safety/helplines/0/delete").status_code == 404


def test_forms_need_their_csrf_token(client, signed_in_admin):
    for url, data in (
        ("/admin/safety/words", {"words": "county lines"}),
        ("/admin/safety/panel", {"heading": "Hello"}),
        ("/admin/safety/quick-exit", {"exit_url": "https://www.example.com/"}),
        ("/admin/safety/helplines/new", {"name": "X", "contact": "Call 1", "hours": "Always"}),
        ("/admin/safety/helplines/1/delete", {}),
        ("/admin/safety/helplines/1/move", {"direction": "down"}),
        ("/admin/safety/restore", {}),
    ):
        response = client.post(url, data=data)
        assert response.status_code == 400, url
        response = client.post(url, data={**data, "csrf_token": "not-the-token"})
        assert response.status_code == 400, url
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0


@pytest.mark.parametrize("role", [Role.EDITOR, Role.COMMISSIONER, Role.PROFESSIONAL])
def test_only_administrators_may_open_the_pages(client, app, role):
    sign_in(client, factories.user(f"{role.value}@example.org", role=role))
    assert client.get("/admin/safety").status_code == 403
    assert ">Safety<" not in page(client, "/account")
