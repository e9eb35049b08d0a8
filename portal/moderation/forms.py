"""The directory team's forms for deciding things: a revision, a claim, a problem report, a
new organisation and hiding a listing. Each reads only what was typed (and the hidden version
a page showed); the rules, and their messages, are `moderation.services`'s."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms.validators import AnyOf

from portal.forms import seen_version, text
from portal.text import plain


def _organisation_name(value: str | None) -> str:
    """The name tidied as the service will save it, so the page shows again what would have
    been saved (HTML pasted with it gone)."""
    return plain(value, 255)


class ApproveForm(FlaskForm):
    """Approving a revision: the version the editor reviewed, so approving one that was
    corrected since is refused (`EditConflict`)."""

    version = seen_version()


class SendBackForm(FlaskForm):
    """Send a revision back to its group, saying what needs to change."""

    reason = text("Or send it back: what needs to change?")


class ClaimDecisionForm(FlaskForm):
    """Approve or refuse a request to manage an organisation; a refusal needs a reason, which
    `decide_claim` asks for."""

    decision = text(
        "Your decision",
        validators=[AnyOf(("approve", "refuse"), message="Choose whether to approve or refuse")],
    )
    reason = text("Reason (needed to refuse; emailed to them)")

    def approves(self) -> bool:
        """The editor chose to approve (only meaningful once the form is valid)."""
        return self.decision.data == "approve"


class ResolveReportForm(FlaskForm):
    """What the editor did about a problem report, for the record."""

    resolution = text("What did you do about it?")


class NewOrganisationForm(FlaskForm):
    """A new organisation the directory team adds a listing for."""

    name = text("Name of the new organisation", filters=[_organisation_name])


class HideListingForm(FlaskForm):
    """Why a live listing is hidden from the public, kept in its history."""

    reason = text("Hide it from the public: why?")
