"""`flask oruk ...`: take in another directory's feed or file, apply it, pull feeds on a
schedule, and export ours.

    flask oruk import URL-or-FILE [--name TEXT] [--kind api|json|csv] [--apply] [--full]
    flask oruk apply RUN_ID
    flask oruk runs [--limit N]
    flask oruk pull
    flask oruk export --format ndjson|csv --output PATH   (added by portal.api.cli)

`import` always prints the dry run's report first; it exits 0 when the dry run finished (even
with problems), 1 when the feed could not be read, 2 for bad arguments.
"""

from __future__ import annotations

import uuid

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from portal.commands import require_schema
from portal.extensions import db
from portal.oruk.apply import apply_run
from portal.oruk.models import FeedKind, ImportRun, RunState
from portal.oruk.plan import start_run
from portal.oruk.pull import pull_feeds, register_source
from portal.oruk.report import Report
from portal.oruk.sources import SourceFailed
from portal.validation import AlreadyDecided, ValidationFailed, moment_text

oruk_cli = AppGroup("oruk", help="Open Referral UK: take in other directories, export ours.")

KINDS = {kind.value: kind for kind in FeedKind}


def report_lines(report: Report) -> list[str]:
    """A dry run's report in plain English, as the command prints it."""
    counts = report.counts
    lines = [
        f"Read {report.read} record{'s' if report.read != 1 else ''} from {report.source}"
        + ("" if report.full else " (only what changed since the last pull)"),
        f"  New: {counts.get('new', 0)}",
        f"  Changed: {counts.get('changed', 0)}",
        f"  Unchanged: {counts.get('unchanged', 0)}",
        f"  Withdrawn: {counts.get('withdrawn', 0)}",
        f"  Rejected: {counts.get('rejected', 0)}",
    ]
    if report.fatal:
        lines += ["", f"The import could not finish: {report.fatal}"]
    lines += _section(
        "Problems",
        [f"record {p['record_id']}: {p['field']}: {p['reason']}" for p in report.problems],
    )
    lines += _section(
        "Missing what the public page needs",
        [
            f"record {i['record_id']} ({i['name']}): {', '.join(i['missing'])}"
            for i in report.incomplete
        ],
    )
    lines += _section(
        "May already be listed here (link rather than duplicate)",
        [
            f"record {d['record_id']} ({d['name']}{', ' + d['place'] if d['place'] else ''}) "
            f"looks like our “{d['service_name']}” ({d['service_id']})"
            for d in report.duplicates
        ],
    )
    lines += _section(
        "Terms we cannot map yet (decide on the feed's term mapping page)",
        [f"{t['taxonomy']}: {t['name']} ({_records(t['records'])})" for t in report.unmapped_terms],
    )
    lines += _section(
        "Withdrawn at source (will be hidden, not deleted)",
        [f"record {w['record_id']}: {w['name']}" for w in report.withdrawn],
    )
    return lines


def _records(count: int) -> str:
    return f"{count} record{'s' if count != 1 else ''}"


def _section(title: str, entries: list[str]) -> list[str]:
    if not entries:
        return []
    return ["", f"{title} ({len(entries)}):", *(f"  {entry}" for entry in entries)]


def _print_run(run: ImportRun) -> None:
    for line in report_lines(Report.from_json(run.report)):
        click.echo(line)


@oruk_cli.command("import")
@click.argument("location")
@click.option("--name", help="Whose listings these are, as residents should read it.")
@click.option("--kind", type=click.Choice(sorted(KINDS)), help="Instead of guessing it.")
@click.option("--apply", "apply_now", is_flag=True, help="Apply it when the dry run finishes.")
@click.option("--full", is_flag=True, help="Read the whole feed, not only what changed.")
def import_command(
    location: str, name: str | None, kind: str | None, apply_now: bool, full: bool
) -> None:
    """Check (and with --apply, take in) an ORUK API, JSON file or CSV package."""
    require_schema()
    try:
        feed = register_source(location, name=name, kind=KINDS[kind] if kind else None)
        run = start_run(feed, full=full or None)
    except ValidationFailed as error:
        raise click.BadParameter(error.message, param_hint="URL-or-FILE") from error
    except SourceFailed as error:
        raise click.ClickException(str(error)) from error
    _print_run(run)
    click.echo("")
    if run.state is RunState.FAILED:
        raise click.ClickException("Nothing was imported.")
    if apply_now:
        _apply(run.id)
    else:
        click.echo(f"Nothing is written yet. To apply it: flask oruk apply {run.id}")


def _apply(run_id: uuid.UUID) -> None:
    try:
        run = apply_run(run_id, None)
    except AlreadyDecided as error:
        raise click.ClickException(error.message) from error
    click.echo(
        f"Applied: {run.new_count} new, {run.changed_count} changed, "
        f"{run.withdrawn_count} withdrawn."
    )


@oruk_cli.command("apply")
@click.argument("run_id")
def apply_command(run_id: str) -> None:
    """Apply a dry run (all of it, or nothing)."""
    require_schema()
    try:
        key = uuid.UUID(run_id)
    except ValueError as error:
        raise click.BadParameter("That is not an import's id.", param_hint="RUN_ID") from error
    if db.session.get(ImportRun, key) is None:
        raise click.BadParameter("There is no import with that id.", param_hint="RUN_ID")
    _apply(key)


@oruk_cli.command("runs")
@click.option("--limit", default=20, show_default=True, help="How many, newest first.")
def runs_command(limit: int) -> None:
    """List recent imports."""
    require_schema()
    runs = db.session.scalars(
        select(ImportRun).order_by(ImportRun.created_at.desc()).limit(limit)
    ).all()
    if not runs:
        click.echo("No imports yet.")
    for run in runs:
        click.echo(
            f"{run.id}  {moment_text(run.created_at)}  {run.feed.name}: {run.state.label} "
            f"({run.new_count} new, {run.changed_count} changed, {run.unchanged_count} "
            f"unchanged, {run.withdrawn_count} withdrawn, {run.problem_count} problems)"
        )


@oruk_cli.command("pull")
def pull_command() -> None:
    """Pull every feed that is due (safe to run from cron: overlapping runs pull once)."""
    require_schema()
    outcomes = pull_feeds()
    if not outcomes:
        click.echo("No feeds are pulled on a schedule.")
    for outcome in outcomes:
        click.echo(f"{outcome.feed_name}: {outcome.note}")


def register_oruk_cli(app: Flask) -> None:
    app.cli.add_command(oruk_cli)
