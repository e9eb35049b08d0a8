"""`flask oruk export`: the whole public directory as ORUK JSON lines or the ORUK CSV package.

It joins the `oruk` command group (the importer's) so one group holds everything Open Referral;
it lives here because the export is made of the API's own records.
"""

from __future__ import annotations

import os
import tempfile

import click
from flask import Flask
from flask.cli import with_appcontext

from portal.api.export import write_export
from portal.commands import require_schema
from portal.oruk.cli import oruk_cli


@click.command("export")
@click.option("--format", "form", type=click.Choice(["ndjson", "csv"]), required=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), required=True)
@with_appcontext
def export_command(form: str, output: str) -> None:
    """Write the whole public directory as ORUK JSON lines or the ORUK CSV package (zip).
    The file appears only once it is complete."""
    require_schema()
    folder = os.path.dirname(os.path.abspath(output))
    handle, partial = tempfile.mkstemp(prefix=".export-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            count = write_export(form, out)
        os.replace(partial, output)
    except OSError as error:
        raise click.ClickException(f"Could not write {output}: {error}") from error
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    click.echo(f"Wrote {count} listing{'s' if count != 1 else ''} to {output}.")


def register_api_cli(app: Flask) -> None:
    """Add `export` to the `oruk` group (registered with the app by the importer)."""
    oruk_cli.add_command(export_command)
