"""`flask geo ...`: fill the gazetteer and import postcode files."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import inspect

from portal.extensions import db
from portal.geo.imports import FileFormat, ImportRejected, count_lines, import_postcodes
from portal.geo.loading import load_demo_districts, load_geonames_places

geo_cli = AppGroup("geo", help="The gazetteer: places, postcode districts and postcodes.")


def _require_table() -> None:
    if not inspect(db.engine).has_table("places"):
        raise click.ClickException(
            "The database has no gazetteer table yet. Run 'flask --app wsgi db upgrade' first."
        )


@geo_cli.command("load-places")
def load_places_command() -> None:
    """Load GB place names from GeoNames, and the demo area's postcode districts."""
    _require_table()
    places = load_geonames_places()
    districts = load_demo_districts()
    db.session.commit()
    click.echo(
        f"Gazetteer up to date: {places:,} place names (GeoNames, CC BY 4.0) "
        f"and {districts} demo postcode districts."
    )


@geo_cli.command("import-postcodes")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["auto", "ons", "codepoint"]),
    default="auto",
    show_default=True,
    help="ons: ONS Postcode Directory CSV; codepoint: OS Code-Point Open CSV.",
)
def import_postcodes_command(file: Path, file_format: str) -> None:
    """Import postcodes from FILE, all or nothing: a file with a bad row changes nothing."""
    _require_table()
    # Each line is read twice: checked, then written.
    with click.progressbar(length=2 * count_lines(file), label="Checking and importing") as bar:
        try:
            result = import_postcodes(file, bar.update, cast(FileFormat, file_format))
        except ImportRejected as rejected:
            raise click.ClickException(rejected.summary) from rejected
    click.echo(result.summary)


def register_geo_cli(app: Flask) -> None:
    """Add `flask geo ...` to the app's commands."""
    app.cli.add_command(geo_cli)
