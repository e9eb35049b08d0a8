"""The public's forms: reporting a problem with a listing. Anyone can send it, so it reads
only what was typed; `moderation.services.report_problem` checks the rest."""

from __future__ import annotations

from flask_wtf import FlaskForm

from portal.forms import optional_email, text


class ReportProblemForm(FlaskForm):
    """What is wrong with a listing, more about it, and (optionally) how to reach the person
    who said so."""

    kind = text("What is wrong?")
    message = text("Tell us more (optional unless you chose ‘Something else’)")
    email = text(
        "Your email address (optional)",
        validators=[
            optional_email("Enter an email address like name@example.com, or leave it blank")
        ],
    )
