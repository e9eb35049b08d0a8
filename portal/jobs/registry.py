"""Every background job: its name, how often it runs, and what it calls.

Periods come from `PORTAL_JOB_PERIODS` ("freshness=daily,oruk-pull=10m"; jobs left out keep
their default). Each job's function takes the moment of the run (UTC) and says in one line
what it did; the commands that ran these by hand (`flask directory review-due`, `flask
prescribing remind|purge`, `flask oruk pull`, `flask search repair`) call the same functions.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from flask import current_app

from portal import ratelimits, search
from portal.insights import coverage, rollup
from portal.insights import pages as insight_pages
from portal.jobs.periods import DAY, HOUR, MINUTE, PeriodProblem, parse_period
from portal.moderation import freshness as listing_freshness
from portal.oruk import pull as feed_pull
from portal.oruk.models import RunState
from portal.prescribing import privacy
from portal.prescribing.referrals import services as referrals

SETTING = "PORTAL_JOB_PERIODS"


@dataclass(frozen=True)
class Job:
    """A job. `lease`: how long a run holds it before another may take over (renewed while it
    runs, so it only needs to outlast a crashed run's silence); `longest`: renewal stops after
    this, so a run that hangs is taken over."""

    name: str
    period: timedelta
    run: Callable[[datetime], str]
    about: str
    lease: timedelta = timedelta(minutes=15)
    longest: timedelta = timedelta(hours=6)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def freshness(now: datetime) -> str:
    result = listing_freshness.review_due(now.date())
    return (
        f"{_plural(result.reminded, 'reminder')} sent, "
        f"{_plural(result.hidden, 'listing')} hidden as out of date"
    )


def referral_reminders(now: datetime) -> str:
    return f"{_plural(referrals.send_reminders(now), 'reminder')} sent"


def referral_purge(now: datetime) -> str:
    months = current_app.config["PORTAL_REFERRAL_RETENTION_MONTHS"]
    done = privacy.purge(now, months)
    return f"anonymised {_plural(done, 'referral')} closed {months} months ago or more"


def oruk_pull(now: datetime) -> str:
    """Pull the feeds that are due; each feed keeps its own lease and due time."""
    outcomes = feed_pull.pull_feeds(now)
    if not outcomes:
        return "no feeds are pulled on a schedule"
    runs = [outcome.run for outcome in outcomes if outcome.run is not None]
    unreadable = sum(run.state is RunState.FAILED for run in runs)
    failed = sum(outcome.run is None and "failed" in outcome.note for outcome in outcomes)
    text = f"{_plural(len(runs), 'feed')} checked"
    text += f" ({unreadable} could not be read)" if unreadable else ""
    text += f", {len(outcomes) - len(runs) - failed} not due or being pulled elsewhere"
    return text + (f", {failed} failed (see the log)" if failed else "")


def search_upkeep(_now: datetime) -> str:
    return str(search.repair())


def rate_limit_cleanup(_now: datetime) -> str:
    return f"{_plural(ratelimits.purge_expired(), 'expired rate-limit count')} removed"


def insights_rollup(now: datetime) -> str:
    """Recount the areas and what each has within reach, roll up the search log, delete raw
    searches older than `PORTAL_SEARCH_LOG_KEEP_DAYS`, and answer the insights' costly
    queries for the default narrowing (portal.insights.stored), so pages need not wait."""
    areas, _rows = coverage.refresh(now)
    rolled = rollup.roll_up(now)
    insight_pages.answer_default(now)
    return f"{rolled}; coverage counted for {_plural(areas, 'area')}; default figures kept"


JOBS: tuple[Job, ...] = (
    Job("freshness", DAY, freshness, "Freshness reminders; hide listings nobody confirmed"),
    Job("referral-reminders", DAY, referral_reminders, "Remind organisations of overdue referrals"),
    Job("referral-purge", DAY, referral_purge, "Anonymise referrals closed long ago"),
    Job("oruk-pull", 5 * MINUTE, oruk_pull, "Pull other directories' feeds that are due"),
    Job("search-upkeep", HOUR, search_upkeep, "Bring search back in line with the database"),
    Job("rate-limit-cleanup", HOUR, rate_limit_cleanup, "Forget expired rate-limit counts"),
    Job(
        "insights-rollup",
        HOUR,
        insights_rollup,
        "Roll up the search log; count coverage; delete old raw searches",
    ),
)


def configured_periods() -> dict[str, timedelta]:
    """The periods `PORTAL_JOB_PERIODS` sets (app config first, else the environment);
    raises PeriodProblem naming the job or the entry that cannot be read."""
    raw = current_app.config.get(SETTING) or os.environ.get(SETTING, "")
    known = [job.name for job in JOBS]
    periods: dict[str, timedelta] = {}
    for entry in filter(None, (part.strip() for part in str(raw).split(","))):
        name, equals, value = (piece.strip() for piece in entry.partition("="))
        if not equals:
            raise PeriodProblem(f"{SETTING}: write name=period, not {entry!r}")
        if name not in known:
            raise PeriodProblem(f"{SETTING}: there is no job {name!r} (jobs: {', '.join(known)})")
        try:
            periods[name] = parse_period(value)
        except PeriodProblem as problem:
            raise PeriodProblem(f"{SETTING}, {name}: {problem}") from problem
    return periods


def jobs() -> list[Job]:
    """Every job, in the order it runs, with the period this installation set for it."""
    periods = configured_periods()
    return [replace(job, period=periods.get(job.name, job.period)) for job in JOBS]
