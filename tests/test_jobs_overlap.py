"""Issue 11: the scheduled jobs are safe to overlap. Two runs of the same command start at
once, in two processes on the same database (as two cron entries or a slow run and the next
one would): every e-mail goes once, and both runs finish cleanly (exit code 0)."""

from __future__ import annotations

import multiprocessing
from datetime import date, timedelta
from pathlib import Path

from portal.accounts.models import Role
from portal.db import utcnow
from portal.extensions import db
from portal.notify import outbox_messages
from tests import factories
from tests.prescribing.factories import referral, world

ROUNDS = 3


def _run_command(url: str, search_dir: str, args: list[str], barrier, answers) -> None:
    """One run of `flask <args>` in its own process, started with the other at the barrier."""
    from tests.support import make_app

    app = make_app(url, Path(search_dir))
    runner = app.test_cli_runner()
    barrier.wait()
    result = runner.invoke(args=args)
    answers.put((result.exit_code, result.output, repr(result.exception)))


def run_twice_at_once(app, args: list[str]) -> list[tuple[int, str, str]]:
    """Two processes run the command at the same moment; what each answered."""
    db.session.commit()
    context = multiprocessing.get_context("spawn")
    barrier, answers = context.Barrier(2), context.Queue()
    url, search_dir = app.config["SQLALCHEMY_DATABASE_URI"], app.config["PORTAL_SEARCH_DIR"]
    processes = [
        context.Process(target=_run_command, args=(url, search_dir, args, barrier, answers))
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    results = [answers.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    return results


def test_two_reminder_runs_at_once_send_each_reminder_once(app):
    w = world()
    for round_number in range(ROUNDS):
        items = [
            referral(w.service_a, w.gp, created_at=utcnow() - timedelta(days=15, minutes=n))
            for n in range(2)
        ]

        results = run_twice_at_once(app, ["prescribing", "remind"])

        assert [code for code, _output, _error in results] == [0, 0], results
        for item in items:
            reminded = [m.to for m in outbox_messages() if item.reference in m.subject]
            assert reminded and len(reminded) == len(set(reminded)), (round_number, reminded)


def test_two_freshness_runs_at_once_remind_and_hide_once(app):
    from portal.directory.services import load_vocabulary

    load_vocabulary()
    for round_number in range(ROUNDS):
        group = factories.organisation(f"Group {round_number}")
        factories.user(
            f"member{round_number}@example.org",
            role=Role.GROUP_MEMBER,
            name="Gwen Group",
            organisations=(group,),
        )
        names = [f"Reminded {round_number}-{n}" for n in range(2)]
        for name in names:
            factories.service(name, org=group, last_reviewed=date.today() - timedelta(days=200))
        gone = f"Out of date {round_number}"
        factories.service(gone, org=group, last_reviewed=date.today() - timedelta(days=400))

        results = run_twice_at_once(app, ["directory", "review-due"])

        assert [code for code, _output, _error in results] == [0, 0], results
        for name in [*names, gone]:
            sent = [m.subject for m in outbox_messages() if name in m.subject]
            assert len(sent) == 1, (name, sent)
