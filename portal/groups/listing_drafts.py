"""What the guided listing form does to a whole draft, as the person's page showed it: send it
for review or publish it, and delete it (`listing_views` calls these; the steps' saves are
`moderation.save_step`).

Each takes `started_from`, the draft version the page was shown with, and raises EditConflict
when someone saved the draft since. When one is refused, nothing it started is kept: the
transaction is rolled back here, so the page that says why reads the draft as it is saved.
"""

from __future__ import annotations

from portal.accounts.access import is_directory_team
from portal.accounts.models import User
from portal.directory.models import Service
from portal.extensions import db
from portal.moderation import services as moderation
from portal.moderation.models import ListingRevision
from portal.validation import AlreadyDecided, NotAllowed, ValidationFailed


def hold(revision: ListingRevision, user: User, started_from: int | None) -> None:
    """Take the draft as the person saw it for the change that follows in this request, which
    commits it: raises EditConflict when someone saved it since. A draft this person may no
    longer change is left for that change to refuse."""
    if started_from is None:
        return
    try:
        moderation.check_can_edit(user, revision, started_from)
    except NotAllowed:
        return


def send_or_publish(
    revision: ListingRevision, user: User, started_from: int | None
) -> Service | None:
    """Send the draft for review (a group: None) or publish it (the directory team: the live
    listing). Raises ValidationFailed (something still needed), EditConflict, or
    AlreadyDecided when it was decided meanwhile."""
    try:
        if not is_directory_team(user):
            moderation.submit(revision, user, started_from)
            return None
        hold(revision, user, started_from)
        try:
            return moderation.publish_directly(revision, user)
        except ValidationFailed:
            db.session.rollback()  # the hold took a version
            raise
    except AlreadyDecided:
        db.session.rollback()
        raise


def delete_draft(revision: ListingRevision, user: User, started_from: int | None) -> None:
    """Withdraw the draft (it is kept, marked deleted). Raises EditConflict, or
    ValidationFailed saying who decided it when it was approved or withdrawn meanwhile."""
    hold(revision, user, started_from)
    try:
        moderation.withdraw(revision, user)
    except ValidationFailed:
        db.session.rollback()
        raise
