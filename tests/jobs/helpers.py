"""What the job tests share: a fixed clock, listings and referrals that are due, and reading
what `flask jobs run` printed and what the `job_leases` table recorded."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from portal.accounts.models import Role
from portal.extensions import db
from portal.jobs.models import JobLease
from portal.notify import outbox_messages
from tests import factories

# Tomorrow at 06:00 UTC: listings made "today" by the factories are nowhere near due then.
MORNING = datetime.combine(date.today() + timedelta(days=1), time(6), UTC)
ALL_JOBS = (
    "freshness",
    "referral-reminders",
    "referral-purge",
    "oruk-pull",
    "search-upkeep",
    "rate-limit-cleanup",
)


def moment(at: datetime) -> str:
    """A moment as `--now` takes it."""
    return f"{at:%Y-%m-%d %H:%M}"


def listing_due_for_reminder(name: str, on: date):
    """A published listing whose group is due its 6-month reminder on `on`."""
    group = factories.organisation(f"{name} group")
    factories.user(
        f"member-{name.lower().replace(' ', '-')}@example.org",
        role=Role.GROUP_MEMBER,
        name="Gwen Group",
        organisations=(group,),
    )
    return factories.service(name, org=group, last_reviewed=on - timedelta(days=200))


def sent_about(words: str) -> list[str]:
    """Who was e-mailed with these words in the subject, once per message."""
    return [message.to for message in outbox_messages() if words in message.subject]


def run(runner, *args: str):
    """`flask jobs run ARGS`."""
    return runner.invoke(args=["jobs", "run", *args])


def by_job(output: str) -> dict[str, str]:
    """What each job's line says after its name: "ran (...)", "not due (...)", ..."""
    said = {}
    for line in output.splitlines():
        name, colon, rest = line.partition(": ")
        if colon and name in ALL_JOBS:
            said[name] = rest
    return said


def lease(name: str) -> JobLease:
    """The job's row as the database has it now."""
    db.session.rollback()
    return db.session.scalars(select(JobLease).where(JobLease.name == name)).one()
