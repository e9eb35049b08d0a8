"""Command-line tasks: `flask seed load`, `flask search reindex`, `flask directory ...`."""

from __future__ import annotations

import os

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from portal import search
from portal.accounts.models import Role
from portal.accounts.second_factor import demo_code, grouped
from portal.accounts.services import create_user, find_user
from portal.api.cli import register_api_cli
from portal.commands import require_schema
from portal.directory.services import count_public_services, load_vocabulary
from portal.extensions import db
from portal.geo.cli import register_geo_cli
from portal.insights.cli import register_insights_cli
from portal.jobs.cli import register_jobs_cli
from portal.moderation.freshness import review_due
from portal.oruk.cli import register_oruk_cli
from portal.search.thesaurus import add_new_default_words, load_default_thesaurus
from portal.validation import ValidationFailed

seed_cli = AppGroup("seed", help="Demo data.")
accounts_cli = AppGroup("accounts", help="People who sign in.")
search_cli = AppGroup("search", help="Search: its index (Whoosh) or tables (PostgreSQL).")
directory_cli = AppGroup("directory", help="Directory housekeeping.")


@directory_cli.command("load-vocabulary")
def load_vocabulary_command() -> None:
    """Create or update the needs, audiences and activity-type vocabularies."""
    require_schema()
    created = load_vocabulary()
    db.session.commit()
    click.echo(f"Vocabulary up to date ({created} new terms).")


@seed_cli.command("load")
@click.option("--quiet", is_flag=True, help="Print only the summary line.")
def seed_load(quiet: bool) -> None:
    """Load the Bracknell Forest demo data into an empty (or demo-only) database."""
    from seed.loader import DemoDataRefused, load_demo

    require_schema()
    try:
        result = load_demo()
    except DemoDataRefused as error:
        raise click.ClickException(str(error)) from error
    click.echo(result.summary)
    if not quiet:
        _print_demo_accounts()


@seed_cli.command("prepare")
def seed_prepare() -> None:
    """Everything `make run` needs, in one process: migrate, load the demo, index it."""
    from flask_migrate import upgrade

    upgrade()
    seed_load.callback(quiet=False)
    search_reindex.callback(if_needed=True)


def _print_demo_accounts() -> None:
    from seed.loader import DEMO_ACCOUNTS, DEMO_PASSWORD

    demo_on = current_app.config["PORTAL_DEMO"]
    click.echo("")
    click.echo("Demo accounts" + ("" if demo_on else " (work only with PORTAL_DEMO=1)") + ":")
    for email, _name, role in DEMO_ACCOUNTS:
        click.echo(f"  {role.label:<38} {email:<34} password: {DEMO_PASSWORD}")
    if demo_on:  # the fixed secrets are for trying the demo; never shown otherwise
        _print_demo_second_factor()


def _print_demo_second_factor() -> None:
    from seed.prescribing import DEMO_TOTP_SECRETS

    click.echo("")
    click.echo("Referrals need a second factor too: after the password, the demo GP and the demo")
    click.echo("connector are asked for a 6-digit code. Either add their secret to an")
    click.echo("authenticator app (enter a setup key, time-based):")
    for email, secret in DEMO_TOTP_SECRETS.items():
        click.echo(f"  {email:<34} secret: {grouped(secret)}")
    click.echo("or print the code to type, in another terminal:")
    for email in DEMO_TOTP_SECRETS:
        click.echo(f"  PORTAL_DEMO=1 .venv/bin/flask --app wsgi accounts demo-code {email}")


@seed_cli.command("accounts")
def seed_accounts() -> None:
    """Print the demo accounts."""
    _print_demo_accounts()


PARALLEL_FROM = 20_000  # services


def reindex_all(if_needed: bool = False) -> int | None:
    """Rebuild search from the database; with `if_needed`, only when it is out of step."""
    expected = count_public_services()
    status = search.status()
    if if_needed and status.ok and status.documents == expected:
        return None
    # Several processes pay off only on a big directory (a few thousand index in seconds).
    processes = max(1, min(4, os.cpu_count() or 1)) if expected >= PARALLEL_FROM else 1
    with click.progressbar(length=expected, label="Indexing services", file=None) as bar:
        count = search.rebuild(progress=lambda _n: bar.update(1), processes=processes)
    return count


@search_cli.command("reindex")
@click.option("--if-needed", is_flag=True, help="Skip when the index already matches.")
def search_reindex(if_needed: bool) -> None:
    """Rebuild search from the database."""
    require_schema()
    count = reindex_all(if_needed)
    if count is None:
        click.echo("Search index is up to date.")
    else:
        click.echo(f"Indexed {count} services.")


@search_cli.command("repair")
def search_repair() -> None:
    """Retry the listings waiting after failed index writes, then bring every listing whose
    content changed (or is missing or extra) in line with the database. With Whoosh, an
    index that is missing, damaged or from an older version is rebuilt."""
    require_schema()
    try:
        said = search.repair()
    except Exception as error:
        raise click.ClickException(
            f"Search could not be written ({error.__class__.__name__}: {error}); "
            "the listings concerned wait in the backlog."
        ) from error
    click.echo(said)


@search_cli.command("status")
def search_status() -> None:
    """Say which backend answers searches, how many listings it holds, and any problem."""
    require_schema()
    found = search.status()
    click.echo(f"Backend: {found.backend}")
    click.echo(f"Documents: {found.documents}")
    click.echo(f"Problem: {found.problem or 'none'}")
    if found.notes:
        click.echo(f"Note: {found.notes}")
    if not found.ok:
        click.get_current_context().exit(1)


@search_cli.command("prepare")
def search_prepare() -> None:
    """Build what search is missing before the server answers (a missing or out-of-date
    Whoosh index; nothing with PostgreSQL). Waits for another process building it."""
    require_schema()
    built = search.prepare()
    found = search.status()
    done = "Built search" if built else "Search is ready"
    click.echo(f"{done} ({found.backend}, {found.documents} listings).")


@search_cli.command("load-thesaurus")
@click.option(
    "--new-words",
    is_flag=True,
    help="Also add default words this thesaurus lacks (including any the team deleted).",
)
def search_load_thesaurus(new_words: bool) -> None:
    """Fill an empty thesaurus with the default search words; words the team has edited stay
    as they are. With --new-words, add the defaults it lacks, and list them."""
    require_schema()
    if new_words:
        words = add_new_default_words()
        db.session.commit()
        click.echo(f"Added {len(words)} words" + (f": {', '.join(words)}" if words else ""))
        return
    added = load_default_thesaurus()
    db.session.commit()
    click.echo(f"Added {added} words")


@directory_cli.command("review-due")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Pretend it is this day.")
def review_due_command(today) -> None:
    """Send the freshness reminders that are due and hide listings nobody confirmed.

    Safe to run from cron as often as you like: no reminder is sent twice.
    """
    require_schema()
    result = review_due(today.date() if today else None)
    click.echo(
        f"Reminders sent: {result.reminded}. Listings hidden as out of date: {result.hidden}."
    )


@accounts_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="Their name, as shown to colleagues.")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.ADMIN.value,
    show_default=True,
)
@click.password_option(help="Their password (asked for when left out).")
def create_account(email: str, name: str, role: str, password: str) -> None:
    """Create a confirmed account, for example the first administrator."""
    require_schema()
    try:
        user = create_user(email, name, Role(role), password)
    except ValidationFailed as problem:
        raise click.ClickException(problem.message) from problem
    click.echo(f"Created {user.role.label} account for {user.email}.")


@accounts_cli.command("demo-code")
@click.argument("email")
def demo_code_command(email: str) -> None:
    """Print the sign-in code for a demo account's second factor (demo mode only)."""
    require_schema()
    if not current_app.config["PORTAL_DEMO"]:
        raise click.ClickException("Demo codes are only shown while PORTAL_DEMO=1.")
    user = find_user(email)
    if user is None or not user.is_demo:
        raise click.ClickException(f"{email} is not a demo account.")
    try:
        found = demo_code(user)
    except ValidationFailed as problem:
        raise click.ClickException(problem.message) from problem
    click.echo(f"{found.code}  (code for {user.email}; changes in {found.seconds_left} seconds)")


def register_cli(app: Flask) -> None:
    app.cli.add_command(seed_cli)
    app.cli.add_command(accounts_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(directory_cli)
    register_geo_cli(app)
    register_oruk_cli(app)
    register_api_cli(app)
    register_jobs_cli(app)
    register_insights_cli(app)
