"""Absolute links for e-mails, built from `PORTAL_BASE_URL`.

Never from the request's Host header: a forged Host would otherwise put an attacker's site
into a password-reset e-mail. Works in commands too, where there is no request.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def absolute_url(endpoint: str, **values: object) -> str:
    base = urlsplit(current_app.config["PORTAL_BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)
