"""Error pages people can act on: a 404 that helps them on, a 500 without a stack trace."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal.directory.services import NotFound
from portal.extensions import db
from portal.validation import NotAllowed

MESSAGES = {
    400: ("Something was wrong with that request", "Go back and try again."),
    403: ("You do not have permission to see this page", "Sign in with an account that can."),
    405: ("That action is not allowed here", "Go back and try again."),
    429: (
        "Too many attempts",
        "You have tried too many times in a short while. Wait a few minutes and try again.",
    ),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def _page(code: int):
    if _wants_json():
        return jsonify({"error": code}), code
    if code == 404:
        return render_template("errors/404.html"), 404
    if code >= 500:
        return render_template("errors/500.html"), code
    title, message = MESSAGES.get(code, ("Something went wrong", "Go back and try again."))
    return render_template("errors/4xx.html", code=code, title=title, message=message), code


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(NotFound)
    def not_found(_error):
        return _page(404)

    @app.errorhandler(NotAllowed)
    def not_allowed(_error):
        return _page(403)

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return (
            render_template(
                "errors/4xx.html",
                code=400,
                title="Your form timed out or came from another site",
                message="Go back, reload the page and try again. Nothing was saved.",
            ),
            400,
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _page(error.code or 500)

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s", request.path, exc_info=error)
        return _page(500)
