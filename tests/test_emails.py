"""E-mail wording lives in templates/emails/, a text message's in templates/texts/ (issue 17):
plain text, as people typed it."""

from __future__ import annotations

from portal.notify import email_text, sms_text


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


def test_referral_and_shortlist_emails_keep_names_as_typed(app):
    """The activity's and organisation's names reach the e-mail as typed, not as HTML."""
    named = {"service": "Singers & <Friends>", "reference": "R-AB2CD3", "link": "/r?a=1&b=2"}
    bodies = [
        email_text("referral_made.txt", **named),
        email_text("referral_sent.txt", organisation="O'Neil & Co", **named),
        email_text("referral_changed.txt", state="Could not contact", **named),
        email_text("referral_closed.txt", state="Completed", **named),
        email_text("referral_assigned.txt", **named),
        email_text("referral_reminder.txt", made_on="2 March 2026", due="9 March 2026", **named),
        email_text(
            "shortlist_sent.txt",
            names=["Singers & <Friends>"],
            share_link="/s/token?a=1&b=2",
            expires="1 March 2027",
        ),
    ]
    for body in bodies:
        assert "Singers & <Friends>" in body
        assert "&amp;" not in body and "&lt;" not in body and "&#39;" not in body
        assert body.endswith(".\n")
    assert "O'Neil & Co" in bodies[1]
    assert "- Singers & <Friends>\n" in bodies[-1]


def test_a_shortlist_text_message_is_one_line_with_the_names_as_typed(app):
    """A phone shows a text's line breaks as sent: the template's lines become one."""
    body = sms_text(
        "shortlist_sent.txt",
        names=["Singers & <Friends>", "Tuesday Chatter Café"],
        share_link="http://portal.test/s/token?a=1&b=2",
        expires="1 March 2027",
    )
    assert body == (
        "Activities suggested for you: Singers & <Friends>; Tuesday Chatter Café. "
        "Details: http://portal.test/s/token?a=1&b=2 (until 1 March 2027)"
    )
