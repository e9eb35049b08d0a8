"""`flask jobs run` (from cron or a systemd timer, on every machine) and `flask jobs list`.

    flask jobs run [--job NAME ...] [--force] [--now "YYYY-MM-DD HH:MM"]
    flask jobs list

`run` prints one line per job and exits 1 when a job failed (the next call retries it).
"""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import inspect

from portal.extensions import db
from portal.jobs import registry
from portal.jobs.periods import PeriodProblem
from portal.jobs.services import FAILED, job_states, run_jobs

jobs_cli = AppGroup("jobs", help="Background jobs, each run once per period on any machine.")

MOMENT = click.DateTime(formats=["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"])


def _require_table() -> None:
    if not inspect(db.engine).has_table("job_leases"):
        raise click.ClickException(
            "The database has no table for jobs yet. Run 'flask --app wsgi db upgrade' first."
        )


def _utc(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None else None


def _job_names() -> list[str]:
    return [job.name for job in registry.JOBS]


@jobs_cli.command("run")
@click.option("--job", "names", multiple=True, help="Only this job (repeat for several).")
@click.option("--force", is_flag=True, help="Run even if already done this period.")
@click.option("--now", type=MOMENT, help="Pretend it is this moment, in UTC (for trying out).")
def run_command(names: tuple[str, ...], force: bool, now: datetime | None) -> None:
    """Run every job that is due. Safe on every machine at once: each job runs once a period.

    Prints one line per job (ran, not due, held by another run, failed) and exits 1 when a
    job failed; the next call tries it again."""
    unknown = [name for name in names if name not in _job_names()]
    if unknown:
        raise click.BadParameter(
            f"there is no job {unknown[0]!r}; the jobs are {', '.join(_job_names())}",
            param_hint="--job",
        )
    _require_table()
    try:
        outcomes = run_jobs(names, _utc(now), force)
    except PeriodProblem as problem:
        raise click.ClickException(str(problem)) from problem
    for outcome in outcomes:
        click.echo(outcome.line)
    failed = [outcome.job for outcome in outcomes if outcome.state == FAILED]
    if failed:
        click.echo(f"Failed: {', '.join(failed)} (the next call tries again).", err=True)
        raise SystemExit(1)


@jobs_cli.command("list")
@click.option("--now", type=MOMENT, help="Pretend it is this moment, in UTC.")
def list_command(now: datetime | None) -> None:
    """Each job: how often it runs, its last run, how that ended, and when it is next due."""
    _require_table()
    try:
        states = job_states(_utc(now))
    except PeriodProblem as problem:
        raise click.ClickException(str(problem)) from problem
    for line in table_lines(states):
        click.echo(line)


def table_lines(states: list) -> list[str]:
    """The jobs as a table with aligned columns, then each one's last result and what it
    does."""
    heads = ("Job", "How often", "Last finished", "Status", "Next due")
    rows = [heads, *((s.name, s.every, s.last_run, s.status, s.next_due) for s in states)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(heads))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines += ["", "Last results:"]
    for s in states:
        runs = f"{s.runs} run{'' if s.runs == 1 else 's'} started"
        lines.append(f"  {s.name.ljust(widths[0])}  {s.last_result or 'none yet'} ({runs})")
    lines += ["", "What they do:"]
    lines += [f"  {s.name.ljust(widths[0])}  {s.about}" for s in states]
    return [*lines, "", "Times are UTC."]


def register_jobs_cli(app: Flask) -> None:
    app.cli.add_command(jobs_cli)
