"""`flask jobs list`: a table an operator can read, with each job's last result."""

from __future__ import annotations

import os
import socket
from datetime import timedelta

import portal.search
from portal.jobs import leases
from portal.jobs.periods import DAY, window
from tests.jobs.helpers import ALL_JOBS, MORNING, moment, run


def listing(runner, at) -> list[str]:
    result = runner.invoke(args=["jobs", "list", "--now", moment(at)])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def table(lines: list[str]) -> dict[str, str]:
    """Each job's row in the table, by name."""
    rows = lines[1 : 1 + len(ALL_JOBS)]
    return {row.split()[0]: row for row in rows}


def test_before_any_run_every_job_is_due_now(app, runner):
    lines = listing(runner, MORNING)

    assert lines[0].split() == ["Job", "How", "often", "Last", "finished", "Status", "Next", "due"]
    rows = table(lines)
    assert sorted(rows) == sorted(ALL_JOBS)
    assert rows["freshness"].split()[1:] == ["every", "day", "never", "never", "run", "now"]
    assert rows["oruk-pull"].split()[1:4] == ["every", "5", "minutes"]
    assert "  freshness           none yet (0 runs started)" in lines


def test_the_list_shows_results_failures_running_jobs_and_when_each_is_next_due(
    app, runner, monkeypatch
):
    def read_only_folder() -> str:
        raise PermissionError("the index folder is read-only")

    monkeypatch.setattr(portal.search, "repair", read_only_folder)
    run(runner, "--now", moment(MORNING))
    later = MORNING + timedelta(minutes=30)
    held = leases.claim("referral-purge", window(DAY, later), later, timedelta(minutes=15), True)
    assert held.won

    lines = listing(runner, later)

    rows = table(lines)
    status_at = lines[0].index("Status")
    assert {row.index(row[status_at:].split()[0]) for row in rows.values()} == {status_at}
    finished = f"{MORNING:%Y-%m-%d %H:%M} UTC"
    tomorrow = f"{MORNING + timedelta(days=1):%Y-%m-%d} 00:00 UTC"
    assert rows["freshness"].split("  ")[-1].strip() == tomorrow
    assert finished in rows["freshness"]
    assert rows["search-upkeep"][status_at:].split() == ["failed", "now"]
    here = f"{socket.gethostname()} (process {os.getpid()})"
    until = f"{later + timedelta(minutes=15):%H:%M}"
    assert f"running on {here}, lease until {until}  when done" in rows["referral-purge"]
    assert (
        "  search-upkeep       failed: PermissionError: the index folder is read-only "
        "(1 run started)"
    ) in lines
    assert (
        "  freshness           0 reminders sent, 0 listings hidden as out of date (1 run started)"
    ) in lines
    assert (
        "  referral-purge      anonymised 0 referrals closed 12 months ago or more (2 runs started)"
    ) in lines

    after_the_crash = listing(runner, later + timedelta(minutes=16))

    assert f"stopped unfinished on {here}" in table(after_the_crash)["referral-purge"]
    assert table(after_the_crash)["referral-purge"].endswith("now (taken over)")
