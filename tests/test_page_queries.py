"""A template that queries while it renders fails (portal/page_queries.py, issue 17): views and
services load what a page shows, so a page's queries do not grow with its rows."""

from __future__ import annotations

import pytest
from flask import render_template_string
from sqlalchemy import text

from portal.extensions import db
from portal.page_queries import TemplateQueried
from tests import factories


def test_the_tests_run_with_the_guard_on(app):
    assert app.config["PORTAL_TEMPLATES_MAY_QUERY"] is False


def test_a_relationship_nobody_loaded_fails_the_page_that_reads_it(app):
    person = factories.user(organisations=(factories.organisation(),))
    db.session.commit()
    person_id = person.id
    db.session.expunge_all()  # as a fresh request has it: nothing loaded yet
    with app.test_request_context("/"):
        found = db.session.get(type(person), person_id)
        with pytest.raises(TemplateQueried, match="memberships"):
            render_template_string("{{ u.memberships | length }}", u=found)


def test_what_the_view_loaded_renders_without_a_query(app):
    person = factories.user(organisations=(factories.organisation(),))
    db.session.commit()
    person_id = person.id
    db.session.expunge_all()
    with app.test_request_context("/"):
        found = db.session.get(type(person), person_id)
        memberships = list(found.memberships)  # loaded by the view, before the page is drawn
        page = render_template_string("{{ u.memberships | length }}", u=found)
    assert page == str(len(memberships)) == "1"


def _ask() -> int | None:
    return db.session.scalar(text("SELECT 1"))


def test_a_helper_that_queries_is_refused_too(app):
    with app.test_request_context("/"), pytest.raises(TemplateQueried, match="a template"):
        render_template_string("{{ ask() }}", ask=_ask)


def test_production_leaves_a_forgotten_load_slow_not_broken(app):
    app.config["PORTAL_TEMPLATES_MAY_QUERY"] = True
    with app.test_request_context("/"):
        page = render_template_string(
            "{{ ask() }}", ask=lambda: db.session.scalar(text("SELECT 1"))
        )
    assert page == "1"
