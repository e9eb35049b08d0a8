"""Two administrators saving the safety words at the same moment: a live server answers both
browsers in threads of its own, and both press "Save" behind a barrier, several times over.
One list is saved whole; the other administrator is told who saved first, and never is a
mixture of the two lists left behind."""

import re
from functools import partial

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.audit import AuditEvent
from portal.extensions import db
from portal.safety.models import SafetyWord
from tests import factories
from tests.concurrency import Person, at_once, live_server
from tests.support import csrf_token

pytestmark = pytest.mark.usefixtures("vocabulary")

ROUNDS = 4


def lists(round_number: int) -> tuple[list[str], list[str]]:
    first = [f"first list word {round_number} {n:02}" for n in range(30)]
    second = [f"second list word {round_number} {n:02}" for n in range(25)]
    return first, second


def stored() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(SafetyWord.text).order_by(SafetyWord.id)))


def version_on(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)


@pytest.fixture
def two_admins(app):
    for email, name in (("ann@example.org", "Ann Admin"), ("bob@example.org", "Bob Admin")):
        factories.user(email, role=Role.ADMIN, name=name)
    with live_server(app) as base:
        yield Person(base, "ann@example.org"), Person(base, "bob@example.org")


def test_one_save_wins_whole_and_the_other_is_told(two_admins):
    ann, bob = two_admins
    for round_number in range(ROUNDS):
        pages = [person.get("/admin/safety/words").text for person in (ann, bob)]
        tokens = [csrf_token(html) for html in pages]
        first, second = lists(round_number)
        answers = at_once(
            *(
                partial(
                    person.post,
                    "/admin/safety/words",
                    token,
                    {"words": "\n".join(words), "version": version_on(html)},
                )
                for person, token, words, html in zip(
                    (ann, bob), tokens, (first, second), pages, strict=True
                )
            )
        )
        codes = sorted(answer.status_code for answer in answers)
        assert codes == [302, 409], codes
        refused = next(answer for answer in answers if answer.status_code == 409)
        assert re.search(r"(Ann|Bob) Admin changed the words at", refused.text)
        assert stored() in (first, second)
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == ROUNDS


def test_saves_without_a_version_run_one_after_the_other_never_mixed(two_admins):
    ann, bob = two_admins
    for round_number in range(ROUNDS):
        tokens = [person.token("/admin/safety/words") for person in (ann, bob)]
        first, second = lists(round_number)
        answers = at_once(
            partial(ann.post, "/admin/safety/words", tokens[0], {"words": "\n".join(first)}),
            partial(bob.post, "/admin/safety/words", tokens[1], {"words": "\n".join(second)}),
        )
        assert [answer.status_code for answer in answers] == [302, 302]
        assert stored() in (first, second)
