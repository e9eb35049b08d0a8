"""Two machines call `flask jobs run` at the same moment (two processes on one database,
released together by a barrier), several periods in a row: each job runs once per period,
every freshness reminder and every referral reminder is sent once, and both calls succeed."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from portal import search
from portal.jobs.models import JobStatus
from tests.jobs.helpers import (
    ALL_JOBS,
    MORNING,
    by_job,
    lease,
    listing_due_for_reminder,
    moment,
    sent_about,
)
from tests.prescribing.factories import referral, world
from tests.test_jobs_overlap import run_twice_at_once

ROUNDS = 3


def test_two_machines_running_the_jobs_at_once_run_each_job_once_a_period(app):
    search.rebuild()
    w = world()
    for round_number in range(ROUNDS):
        now = MORNING + timedelta(days=round_number)
        listings = [
            listing_due_for_reminder(f"Group {round_number}-{n}", now.date()).name for n in range(2)
        ]
        referrals = [
            referral(w.service_a, w.gp, created_at=now - timedelta(days=15, minutes=n)).reference
            for n in range(2)
        ]

        results = run_twice_at_once(app, ["jobs", "run", "--now", moment(now)])

        assert [code for code, _output, _error in results] == [0, 0], results
        said = [by_job(output) for _code, output, _error in results]
        for name in ALL_JOBS:
            ran = [s[name] for s in said if s[name].startswith("ran")]
            assert len(ran) == 1, (round_number, name, said)
            row = lease(name)
            assert (row.run_count, row.last_status) == (round_number + 1, JobStatus.OK)
        assert lease("freshness").done_period == f"{now:%Y-%m-%d}"
        for name in listings:
            assert len(sent_about(f"Is {name} still right?")) == 1, (round_number, name)
        for reference in referrals:
            reminded = Counter(sent_about(reference))
            assert reminded and set(reminded.values()) == {1}, (round_number, reminded)
