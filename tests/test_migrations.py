"""Every migration applies to an empty database, and the models need no migration beyond them."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect, text

from portal.extensions import db
from tests.support import make_app


def test_migrations_build_the_whole_schema_from_empty(new_database_url, tmp_path):
    app = make_app(new_database_url("migrations"), tmp_path / "search")
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {
            "organisations",
            "services",
            "locations",
            "schedules",
            "taxonomy_terms",
            "service_attributes",
            "users",
            "alembic_version",
        } <= tables
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            differences = compare_metadata(context, db.metadata)
        assert differences == [], f"models and migrations differ: {differences}"
        if db.engine.dialect.name == "postgresql":  # options autogenerate does not compare
            from portal.search.postgres.models import GIN_INDEXES

            options = dict(
                db.session.execute(
                    text("SELECT relname, reloptions FROM pg_class WHERE relname = ANY(:names)"),
                    {"names": list(GIN_INDEXES)},
                ).all()
            )
            assert options == {name: ["fastupdate=off"] for name in GIN_INDEXES}
            db.session.remove()
        db.engine.dispose()
