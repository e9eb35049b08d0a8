"""Issue 11, "Decisions made twice": two editors deciding the same thing at the same moment.

Each race is real: a live server answers both editors' browsers in its own threads, and both
press the button behind a barrier, five times over. Exactly one decision is taken; the other
editor is told who took it and when, on the page that shows the result.
"""

from __future__ import annotations

import re
from functools import partial

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.audit import AuditEvent
from portal.directory.models import (
    Contact,
    CostOption,
    HiddenReason,
    PublicationState,
    Schedule,
    Service,
)
from portal.extensions import db
from portal.moderation import services
from portal.moderation.models import Claim, ClaimState, ListingRevision, ProblemKind, RevisionState
from portal.validation import AlreadyDecided
from tests import factories
from tests.concurrency import Person, at_once, live_server
from tests.support import csrf_token, emails_to, page, text_of
from tests.support.listings import listing, live_listing, submitted_edit, submitted_listing

ROUNDS = 5


def session_at(hour: int) -> dict:
    return {**listing()["sessions"][0], "opens_at": f"{hour:02d}:00", "closes_at": f"{hour:02d}:30"}


def rows(model, service_id) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).where(model.service_id == service_id))


def events(action: str, subject: str) -> int:
    return db.session.scalar(
        select(func.count()).where(AuditEvent.action == action, AuditEvent.subject == subject)
    )


def decisions(revision) -> int:
    """Approvals and sendings back of `revision` so far (sent back, it is sent again)."""
    subject = f"revision:{revision.id}"
    return events("listing.changed", subject) + events("revision.sent_back", subject)


def both_post(editors, tokens, path: str, data: dict | None = None) -> list:
    """Both editors send the form they have open at the same moment; their answers."""
    return at_once(
        *(
            partial(person.post, path, token, data)
            for person, token in zip(editors, tokens, strict=True)
        )
    )


def both_follow(editors, answers) -> list[str]:
    return [person.follow(answer) for person, answer in zip(editors, answers, strict=True)]


@pytest.fixture
def other_editor(app):
    return factories.user("ann@example.org", role=Role.EDITOR, name="Ann Smith")


@pytest.fixture
def editors(app, editor, other_editor):
    with live_server(app) as base:
        yield Person(base, editor.email), Person(base, other_editor.email)


def test_two_editors_approving_one_edit_at_once_apply_it_once(app, member, org, editor, editors):
    service = live_listing(member, org, editor)
    for round_number in range(ROUNDS):
        sessions = [session_at(9 + round_number), session_at(14)]
        revision = submitted_edit(
            member,
            service,
            sessions=sessions,
            free=False,
            cost_amount="3",
            contact_phone="01344 000000",
            description=f"Round {round_number}: bring your knitting for tea and a chat.",
        )
        url = f"/moderation/revisions/{revision.id}"
        tokens = [person.token(url) for person in editors]

        answers = both_post(editors, tokens, f"{url}/approve")

        pages = both_follow(editors, answers)
        won = [text for text in pages if "Approved: “Knit and Natter” is live." in text]
        lost = [text for text in pages if "already approved this at" in text]
        assert len(won) == 1 and len(lost) == 1, pages
        assert "Knit and Natter" in lost[0]
        assert rows(Schedule, service.id) == 2
        assert rows(CostOption, service.id) == 1
        assert rows(Contact, service.id) == 1
        assert events("listing.changed", f"revision:{revision.id}") == 1
        assert len(emails_to(member.email, "Knit and Natter is live")) == round_number + 2
        assert db.session.get(ListingRevision, revision.id).state is RevisionState.APPROVED


def test_approving_and_sending_back_at_once_takes_one_decision(
    app, member, org, editor, other_editor, editors
):
    service = live_listing(member, org, editor)
    for round_number in range(ROUNDS):
        revision = submitted_edit(
            member,
            service,
            description=f"Round {round_number}: bring your knitting for tea and a chat.",
        )
        decided_before = decisions(revision)
        url = f"/moderation/revisions/{revision.id}"
        tokens = [person.token(url) for person in editors]
        approver, sender = editors

        answers = at_once(
            partial(approver.post, f"{url}/approve", tokens[0]),
            partial(sender.post, f"{url}/send-back", tokens[1], {"reason": "Add a phone number"}),
        )

        assert all(answer.status_code == 302 for answer in answers), answers
        pages = [approver.follow(answers[0]), sender.follow(answers[1])]
        db.session.expire_all()
        state = db.session.get(ListingRevision, revision.id).state
        if state is RevisionState.APPROVED:
            assert "Approved" in pages[0]
            assert "Eve Editor already approved this at" in pages[1]
        else:
            assert state is RevisionState.CHANGES_REQUESTED
            assert "Sent back" in pages[1]
            assert "Ann Smith already sent this back at" in pages[0]
        assert decisions(revision) == decided_before + 1


def test_two_editors_deciding_one_claim_at_once_decide_it_once(app, editor, other_editor, editors):
    singers = factories.service("Sandhurst Singers", org=factories.organisation("Sandhurst Choir"))
    db.session.commit()
    for round_number in range(ROUNDS):
        claimant = factories.user(
            f"claimant{round_number}@example.org", role=Role.GROUP_MEMBER, name="Colin Claimant"
        )
        claim = services.request_claim(claimant, singers.organisation, "I am the secretary.")
        url = f"/moderation/claims/{claim.id}"
        tokens = [person.token(url) for person in editors]

        answers = both_post(editors, tokens, url, {"decision": "approve"})

        statuses = sorted(answer.status_code for answer in answers)
        assert statuses == [302, 400], statuses
        lost = next(answer for answer in answers if answer.status_code == 400).text
        assert "This request has already been decided" in lost
        assert "already approved it at" in lost
        db.session.expire_all()
        assert db.session.get(Claim, claim.id).state is ClaimState.APPROVED
        assert events("claim.approved", f"claim:{claim.id}") == 1
        assert len(emails_to(claimant.email)) == 1


def test_two_editors_resolving_one_report_at_once_resolve_it_once(app, editor, editors):
    service = factories.service("Tuesday Chatter Café")
    db.session.commit()
    for _ in range(ROUNDS):
        report = services.report_problem(service, ProblemKind.CLOSED.value, "", "")
        url = f"/moderation/reports/{report.id}"
        tokens = [person.token(url) for person in editors]

        answers = both_post(editors, tokens, url, {"resolution": "Phoned them: it has closed"})

        assert all(answer.status_code == 302 for answer in answers), answers
        pages = both_follow(editors, answers)
        assert sum("Report marked as dealt with." in text for text in pages) == 1, pages
        assert sum("already dealt with this report at" in text for text in pages) == 1, pages
        assert events("report.resolved", f"report:{report.id}") == 1


def test_two_editors_hiding_one_listing_at_once_hide_it_once(app, editor, editors):
    for round_number in range(ROUNDS):
        service = factories.service(f"Walking group {round_number}")
        db.session.commit()
        url = f"/moderation/listings/{service.id}"
        tokens = [person.token(url) for person in editors]

        answers = both_post(editors, tokens, f"{url}/hide", {"reason": "It has closed"})

        pages = both_follow(editors, answers)
        assert sum("is hidden from the public" in text for text in pages) == 1, pages
        assert sum("already hid this listing at" in text for text in pages) == 1, pages
        db.session.expire_all()
        hidden = db.session.get(Service, service.id)
        assert hidden.publication_state is PublicationState.HIDDEN
        assert hidden.hidden_reason is HiddenReason.BY_EDITOR
        count = db.session.scalar(
            select(func.count()).where(
                AuditEvent.action == "listing.hidden", AuditEvent.service_id == service.id
            )
        )
        assert count == 1


def test_a_revision_approved_already_says_by_whom(app, member, org, editor, other_editor):
    service = live_listing(member, org, editor)
    revision = submitted_edit(member, service, description="Some new words for the listing.")
    services.approve(revision, other_editor)

    with pytest.raises(AlreadyDecided, match=r"Ann Smith already approved this at \d\d:\d\d on"):
        services.approve(db.session.get(ListingRevision, revision.id), editor)


def test_an_editor_never_approves_words_they_did_not_review(
    app, member, org, editor, editor_client, other_editor
):
    """Ann corrects a listing waiting for review while Erin has it open: Erin's approval is
    refused with who changed it, she sees the corrected words, and approves them knowingly."""
    revision = submitted_listing(member, org, name="Knit and Natter")
    review_url = f"/moderation/revisions/{revision.id}"
    erins_page = page(editor_client, review_url)
    assert 'name="version"' in erins_page

    services.save_step(revision, "about", {"name": "Knit and Natter Club"}, user=other_editor)

    token = csrf_token(erins_page)
    seen = re.search(r'name="version" value="(\d+)"', erins_page).group(1)
    refused = editor_client.post(
        f"{review_url}/approve", data={"csrf_token": token, "version": seen}
    )
    assert refused.status_code == 409
    text = text_of(refused.get_data(as_text=True))
    assert "Ann Smith changed this listing at" in text
    assert "It has not been approved" in text
    assert "Knit and Natter Club" in text
    db.session.expire_all()
    assert db.session.get(ListingRevision, revision.id).state is RevisionState.PENDING

    again = re.search(r'name="version" value="(\d+)"', refused.get_data(as_text=True)).group(1)
    approved = editor_client.post(
        f"{review_url}/approve", data={"csrf_token": token, "version": again}
    )
    assert approved.status_code == 302
    db.session.expire_all()
    live = db.session.get(ListingRevision, revision.id).service
    assert live.name == "Knit and Natter Club"
