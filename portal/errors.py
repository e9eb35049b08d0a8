"""Error pages people can act on: a 404 that helps them on, a 500 without a stack trace."""

from __future__ import annotations

from flask import Flask, g, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from portal.extensions import db, login_manager
from portal.validation import NotAllowed, NotFound

MESSAGES = {
    400: ("Something was wrong with that request", "Go back and try again."),
    403: ("You do not have permission to see this page", "Sign in with an account that can."),
    405: ("That action is not allowed here", "Go back and try again."),
    413: (
        "The form you sent was too big",
        "Nothing was saved. Go back, shorten what you typed or pasted, and try again.",
    ),
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


#: How long a person or a load balancer is asked to wait before trying again (seconds).
RETRY_AFTER_SECONDS = 30


def database_unreachable(error: BaseException) -> bool:
    """Whether `error` means the database cannot be reached (stopped, restarting, network),
    rather than a mistake in a query. SQLAlchemy wraps the driver's error; a dropped
    connection is flagged `connection_invalidated`."""
    if isinstance(error, OperationalError | InterfaceError):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def _unavailable():
    """503 with Retry-After: the database is away, the portal is not broken. The page draws
    no menu (working it out needs the database) and nothing a person did is lost but the
    form they sent, which the page says."""
    g.database_unavailable = True
    g._login_user = login_manager.anonymous_user()  # who is signed in needs the database too
    if _wants_json():
        response = jsonify({"error": 503, "message": "The database is unavailable"})
    else:
        page = render_template("errors/503.html", retry_after=RETRY_AFTER_SECONDS)
        response = make_response(page)
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


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
        try:
            db.session.rollback()
        except Exception:  # the connection it would roll back on is gone too
            app.logger.warning("Could not roll back after an error", exc_info=True)
        if database_unreachable(error):
            app.logger.warning("Database unavailable on %s: %s", request.path, error)
            return _unavailable()
        app.logger.exception("Unhandled error on %s", request.path, exc_info=error)
        return _page(500)
