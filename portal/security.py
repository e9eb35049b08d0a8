"""Response headers that close off whole classes of attack, on every response."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, abort, request

#: Pages other sites may show in an <iframe>; every other page refuses to be framed.
EMBEDDABLE = {"community_maps.embed"}


def _content_security_policy(tile_url: str, framed_by: str = "'self'") -> str:
    """Only our own origin, plus the tile server's host for map images when one is set.

    No inline script runs: every script is a file under /static/ (maps are drawn from data).
    Inline style stays allowed: Leaflet positions its panes and markers with style attributes.
    """
    images = ["'self'", "data:"]
    if tile_url:
        parts = urlsplit(tile_url)
        # Leaflet's {s} picks one of several subdomains: allow them all.
        images.append(f"{parts.scheme or 'https'}://{parts.netloc.replace('{s}', '*')}")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src {' '.join(images)}",
            "connect-src 'self'",
            f"frame-ancestors {framed_by}",
            "form-action 'self'",
            "base-uri 'self'",
            "object-src 'none'",
        ]
    )


def register_security_headers(app: Flask) -> None:
    register_body_limit(app)
    policy = _content_security_policy(app.config["PORTAL_TILE_URL"])
    embeddable = _content_security_policy(app.config["PORTAL_TILE_URL"], framed_by="*")

    @app.after_request
    def add_headers(response: Response) -> Response:
        framed = request.endpoint in EMBEDDABLE
        response.headers.setdefault("Content-Security-Policy", embeddable if framed else policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not framed:
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault(
            "Permissions-Policy", "geolocation=(self), camera=(), microphone=()"
        )
        if app.config["PORTAL_ENV"] == "production":
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


def register_body_limit(app: Flask) -> None:
    """Refuse a body over `MAX_CONTENT_LENGTH` before anything reads it (413, the error page).

    Werkzeug enforces the limit only when a form is parsed; a body nobody parses (a stray
    upload, a POST refused for its CSRF token) would otherwise still be received. A body sent
    without a length is cut off at the same limit as it is read."""

    @app.before_request
    def refuse_oversized_bodies() -> None:
        limit = request.max_content_length
        if limit is not None and (request.content_length or 0) > limit:
            abort(413)
