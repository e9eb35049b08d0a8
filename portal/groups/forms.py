"""A group member's forms: a new organisation, and asking to manage one already listed. They
only read what was typed; `moderation.claims` checks it and says what is wrong."""

from __future__ import annotations

from flask_wtf import FlaskForm

from portal.forms import text


class NewOrganisationForm(FlaskForm):
    """A group that is not in the directory yet: its name, and optionally what it does and how
    to reach it."""

    name = text("Name of your group or organisation")
    description = text("What your group does (optional)")
    email = text("Group email address (optional)")
    website = text("Website or social media page (optional)")


class ClaimForm(FlaskForm):
    """How the person is connected to the group they ask to manage (the group itself is in
    the page's address)."""

    message = text("How are you connected to this group?")
