"""The directory team's search-words pages: list, add, change, delete, through the test client."""

import pytest
from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.search.models import Synonym
from tests import factories
from tests.support import csrf_token, sign_in

BASE = "/directory-team/search-words"


def sign_in_as(client, role=Role.EDITOR) -> User:
    user = factories.user(f"{role.value}@example.org", role=role, name="Erin Editor")
    sign_in(client, user)
    return user


def add_word(term, expands_to="", needs=""):
    synonym = Synonym(term=term, expands_to=expands_to, needs=needs)
    db.session.add(synonym)
    db.session.commit()
    return synonym


def post_form(client, url, **fields):
    token = csrf_token(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **fields})


def terms() -> list[str]:
    return list(db.session.scalars(select(Synonym.term).order_by(Synonym.term)))


@pytest.fixture
def editor(client, app):
    return sign_in_as(client)


def test_the_list_is_alphabetical_with_change_and_delete_links(client, editor):
    lonely = add_word("lonely", "befriending, lunch club", "loneliness-and-company")
    add_word("anxiety", "peer support", "mental-wellbeing")
    add_word("debt", "", "money-and-debt")
    response = client.get(BASE)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.index(">anxiety<") < html.index(">debt<") < html.index(">lonely<")
    assert "befriending, lunch club" in html
    assert "Loneliness and company" in html and "Money and debt" in html
    assert f'href="{BASE}/{lonely.id}/edit"' in html
    assert f'href="{BASE}/{lonely.id}/delete"' in html
    assert f'href="{BASE}/new"' in html and "Add a word" in html


def test_an_editor_adds_a_word_tidied_and_sees_it_saved(client, editor):
    response = post_form(
        client,
        f"{BASE}/new",
        term="  Lonely ",
        expands_to="befriending,  lunch   club , ,Befriending, coffee morning,",
        needs=["mental-wellbeing", "loneliness-and-company"],
    )
    assert response.status_code == 302
    assert response.headers["Location"] == BASE
    word = db.session.scalars(select(Synonym)).one()
    assert word.term == "lonely"
    assert word.expands_to == "befriending, lunch club, coffee morning"
    assert word.needs == "loneliness-and-company,mental-wellbeing"  # vocabulary order
    html = client.get(BASE).get_data(as_text=True)
    assert "Saved “lonely”." in html


def test_an_editor_changes_a_word(client, editor):
    word = add_word("grief", "bereavement", "bereavement")
    url = f"{BASE}/{word.id}/edit"
    form = client.get(url).get_data(as_text=True)
    assert 'value="grief"' in form and ">bereavement</textarea>" in form
    assert 'value="bereavement" checked' in form
    response = post_form(client, url, term="grief", expands_to="loss, widowed")
    assert response.status_code == 302
    db.session.refresh(word)
    assert (word.expands_to, word.needs) == ("loss, widowed", "")  # unticked needs are cleared


def test_a_word_can_keep_its_own_name_when_changed(client, editor):
    word = add_word("sing", "choir")
    response = post_form(client, f"{BASE}/{word.id}/edit", term="Sing", expands_to="choir, music")
    assert response.status_code == 302
    assert terms() == ["sing"]


def test_a_duplicate_word_is_refused_and_keeps_what_was_typed(client, editor):
    add_word("lonely", "befriending")
    response = post_form(
        client,
        f"{BASE}/new",
        term="LONELY",
        expands_to="tea and chat, knit and natter",
        needs=["food"],
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in html and "<title>Error: Add a word" in html
    assert "“lonely” is already in the thesaurus" in html
    assert 'href="#term"' in html
    assert 'value="LONELY"' in html
    assert ">tea and chat, knit and natter</textarea>" in html
    assert 'value="food" checked' in html
    assert terms() == ["lonely"]


def test_renaming_onto_another_word_is_refused(client, editor):
    add_word("debt", "money advice")
    money = add_word("money", "budgeting")
    response = post_form(client, f"{BASE}/{money.id}/edit", term="debt", expands_to="budgeting")
    assert response.status_code == 400
    assert "“debt” is already in the thesaurus" in response.get_data(as_text=True)
    assert terms() == ["debt", "money"]


def test_an_unknown_need_is_refused(client, editor):
    response = post_form(client, f"{BASE}/new", term="lonely", needs=["not-a-need"])
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Choose needs from the list" in html and 'href="#needs"' in html
    assert terms() == []


def test_a_word_must_find_something(client, editor):
    response = post_form(client, f"{BASE}/new", term="bored", expands_to=" , ,")
    assert response.status_code == 400
    assert "Add words or needs for “bored” to find" in response.get_data(as_text=True)


def test_an_empty_form_says_what_is_missing(client, editor):
    response = post_form(client, f"{BASE}/new", term="   ")
    assert response.status_code == 400
    assert "Enter the word people search for" in response.get_data(as_text=True)


def test_a_form_without_csrf_token_is_refused(client, editor):
    response = client.post(f"{BASE}/new", data={"term": "lonely", "expands_to": "befriending"})
    assert response.status_code == 400
    assert "Nothing was saved" in response.get_data(as_text=True)
    word = add_word("debt", "money advice")
    assert client.post(f"{BASE}/{word.id}/delete").status_code == 400
    assert terms() == ["debt"]


def test_delete_asks_first_and_deletes_on_post(client, editor):
    word = add_word("craft", "knitting")
    url = f"{BASE}/{word.id}/delete"
    page = client.get(url)
    assert page.status_code == 200
    assert "Delete “craft” from the search words?" in page.get_data(as_text=True)
    assert terms() == ["craft"]  # looking at the question deletes nothing
    response = post_form(client, url)
    assert response.status_code == 302 and response.headers["Location"] == BASE
    assert terms() == []
    assert "Deleted “craft”." in client.get(BASE).get_data(as_text=True)


@pytest.mark.parametrize("path", ["/999/edit", "/999/delete"])
def test_an_unknown_word_is_not_found(client, editor, path):
    assert client.get(BASE + path).status_code == 404


def test_the_account_page_links_the_directory_team_to_search_words(client, app):
    sign_in_as(client, Role.ADMIN)
    assert f'href="{BASE}"' in client.get("/account").get_data(as_text=True)


def test_the_account_page_has_no_link_for_others(client, app):
    sign_in_as(client, Role.PROFESSIONAL)
    html = client.get("/account").get_data(as_text=True)
    assert "Search words" not in html
    assert client.get(BASE).status_code == 403


def test_changes_are_logged_with_who_and_what(client, editor, caplog):
    caplog.set_level("INFO")
    post_form(client, f"{BASE}/new", term="walk", expands_to="walking group")
    assert f"user {editor.id} saved “walk”" in caplog.text
