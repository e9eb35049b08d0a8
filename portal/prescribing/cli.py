"""`flask prescribing remind` (daily: overdue referrals) and `flask prescribing purge`."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from portal.db import utcnow
from portal.prescribing.privacy import purge
from portal.prescribing.referrals.services import send_reminders

prescribing_cli = AppGroup("prescribing", help="Referrals: reminders and retention.")


@prescribing_cli.command("remind")
def remind_command() -> None:
    """Remind receiving organisations of referrals not actioned in 5 working days."""
    sent = send_reminders(utcnow())
    click.echo(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")


@prescribing_cli.command("purge")
@click.option(
    "--months",
    type=click.IntRange(min=1),
    default=None,
    help="Anonymise referrals closed this many months ago or more "
    "(default PORTAL_REFERRAL_RETENTION_MONTHS, 12).",
)
def purge_command(months: int | None) -> None:
    """Anonymise closed referrals older than the retention period: names, contact details,
    notes and journal go; the counts and scores the reports use stay."""
    months = months or current_app.config["PORTAL_REFERRAL_RETENTION_MONTHS"]
    done = purge(utcnow(), months)
    click.echo(f"Anonymised {done} closed referral{'s' if done != 1 else ''} ({months} months).")
