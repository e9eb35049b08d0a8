"""What every `flask` command of the portal shares, below the features that define them."""

from __future__ import annotations

import click
from sqlalchemy import inspect

from portal.extensions import db


def require_schema() -> None:
    """Commands that read tables say what to do when there are none, not a traceback."""
    if not inspect(db.engine).has_table("services"):
        raise click.ClickException(
            "The database has no tables yet. Run 'flask --app wsgi db upgrade' first "
            "(or 'flask --app wsgi seed prepare' for the demo)."
        )
