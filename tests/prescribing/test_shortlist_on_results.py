"""The results page's shortlist buttons work without JavaScript: forms cannot nest, so each
button names its activity and submits a form that sits after the search form."""

import re

from tests.support import csrf_token


def test_results_buttons_submit_a_form_outside_the_search_form(demo_client):
    page = demo_client.get("/search?q=walk").get_data(as_text=True)
    start = page.index('id="search-form"')
    search_form = page[start : page.index("</form>", start)]
    assert "<form" not in search_form  # a nested form would be dropped by the browser
    button = re.search(
        r'<button type="submit" form="shortlist-add" name="service_id" '
        r'value="([0-9a-f-]{36})"',
        search_form,
    )
    assert button, "no Add to shortlist button in the results"
    assert 'name="csrf_token"' not in search_form  # tokens never go into the search's URL
    assert '<form id="shortlist-add" method="post" action="/shortlist/add">' in page

    # What the browser sends when the button is pressed: the outside form's fields plus the
    # button's own name and value.
    response = demo_client.post(
        "/shortlist/add",
        data={
            "csrf_token": csrf_token(page[page.index('<form id="shortlist-add"') :]),
            "next": "/search?q=walk",
            "service_id": button.group(1),
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == "/search?q=walk"
    again = demo_client.get("/search?q=walk").get_data(as_text=True)
    assert f'form="shortlist-remove" name="service_id" value="{button.group(1)}"' in again
    demo_client.post(  # leave the shared demo as it was
        "/shortlist/remove",
        data={"csrf_token": csrf_token(again), "service_id": button.group(1)},
    )
