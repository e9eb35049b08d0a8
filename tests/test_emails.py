"""E-mail wording lives in templates/emails/ (issue 17): plain text, as people typed it."""

from __future__ import annotations

from portal.notify import email_text


def test_what_people_typed_reaches_the_email_as_typed_not_as_html(app):
    body = email_text(
        "claim_decided.txt",
        name="Colin O'Neil",
        approved=False,
        organisation="Singers & <Friends>",
        reason="No proof & <b>nothing</b> on the website",
        dashboard_link="",
    )
    assert "“Singers & <Friends>”" in body
    assert "They said: No proof & <b>nothing</b> on the website" in body
    assert "&amp;" not in body and "&lt;" not in body and "&#39;" not in body
    assert body.endswith("Reply to this email if you think this is wrong.\n")
