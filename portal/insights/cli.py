"""`flask insights roll-up`: what the `insights-rollup` job does, run now by hand.

    flask insights roll-up [--now "YYYY-MM-DD HH:MM"] [--verbose]

Recounts the areas and the listings within reach of each, rolls the search log up into daily
counts and deletes raw searches older than `PORTAL_SEARCH_LOG_KEEP_DAYS`. It does not take
the job's lease: it is safe beside the scheduled job (each day is counted under a lock).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import click
from flask import Flask
from flask.cli import AppGroup

from portal.db import utcnow
from portal.insights.coverage import refresh
from portal.insights.rollup import DayOutcome, roll_up

insights_cli = AppGroup("insights", help="Unmet-need insights: roll-ups of the search log.")
MOMENT = click.DateTime(formats=["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"])


@insights_cli.command("roll-up")
@click.option("--now", type=MOMENT, help="Pretend it is this moment, in UTC.")
@click.option("--verbose", is_flag=True, help="Say what was done with each day.")
def roll_up_command(now: datetime | None, verbose: bool) -> None:
    """Count areas and coverage, roll up the search log, delete old raw searches."""
    moment = now.replace(tzinfo=UTC) if now is not None else utcnow()

    def say(day: date, outcome: DayOutcome) -> None:
        if not outcome.rolled:
            click.echo(f"{day}: left alone (another run has just counted it)")
            return
        gone = f", {outcome.deleted} raw rows deleted" if outcome.deleted else ""
        click.echo(f"{day}: {outcome.searches} searches{gone}")

    areas, rows = refresh(moment)
    click.echo(f"Coverage: {areas} areas, {rows} area and need counts.")
    result = roll_up(moment, progress=say if verbose else None)
    click.echo(f"Search log: {result}.")


def register_insights_cli(app: Flask) -> None:
    app.cli.add_command(insights_cli)
