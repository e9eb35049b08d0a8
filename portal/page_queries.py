"""Pages are drawn from what their view handed over: a template never queries the database.

A template that reads a relationship nobody loaded makes the database answer once per row while
the page is drawn (an N+1 that grows with the data, three of them found so far). With
`PORTAL_TEMPLATES_MAY_QUERY` off, which the tests do, any SQL run while a template renders
raises `TemplateQueried` naming the statement, so such a template fails a test the day it is
written. Production leaves it on: there a forgotten load is slow, never an error page.

The signed-in person is loaded before the page is drawn (Flask-Login loads them on first use,
which is often the page's header).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from flask import Flask, current_app, has_app_context, has_request_context
from flask_login import current_user
from jinja2 import Template
from sqlalchemy import event
from sqlalchemy.engine import Engine

_rendering: ContextVar[str | None] = ContextVar("portal_rendering_template", default=None)


class TemplateQueried(RuntimeError):
    """SQL ran while a template was being rendered: its view should have loaded the data."""


class GuardedTemplate(Template):
    """A template that marks the time it renders, when templates may not query."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        if not has_app_context() or current_app.config.get("PORTAL_TEMPLATES_MAY_QUERY", True):
            return super().render(*args, **kwargs)
        if has_request_context():
            current_user._get_current_object()  # Flask-Login loads them on first use
        token = _rendering.set(self.name or "a template")
        try:
            return super().render(*args, **kwargs)
        finally:
            _rendering.reset(token)


def _refuse_while_rendering(_conn, _cursor, statement: str, *_args: Any) -> None:
    template = _rendering.get()
    if template is not None:
        raise TemplateQueried(
            f"{template} queried the database while rendering; load what it shows in the view "
            f"or the service (selectinload, or a value passed in): {statement[:300]}"
        )


def init_app(app: Flask) -> None:
    app.jinja_env.template_class = GuardedTemplate
    if not event.contains(Engine, "before_cursor_execute", _refuse_while_rendering):
        event.listen(Engine, "before_cursor_execute", _refuse_while_rendering)
