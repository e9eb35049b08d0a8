"""Safe configuration defaults and protective response headers."""

import re

import pytest

from portal import config, create_app


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(config.ConfigError, match="SECRET_KEY must be set"):
        config.load(tmp_path)


def test_production_refuses_to_start_without_its_public_address(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-the-environment")
    monkeypatch.delenv("PORTAL_BASE_URL", raising=False)
    with pytest.raises(config.ConfigError, match="PORTAL_BASE_URL must be set"):
        config.load(tmp_path)


def test_production_with_a_secret_key_uses_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-the-environment")
    monkeypatch.setenv("PORTAL_BASE_URL", "https://helpyourself.example.org")
    settings = config.load(tmp_path)
    assert settings["SECRET_KEY"] == "s3cret-from-the-environment"
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_cookies_are_secure_everywhere_but_on_a_developers_machine(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_ENV", "staging")
    assert config.load(tmp_path)["SESSION_COOKIE_SECURE"] is True
    monkeypatch.setenv("PORTAL_ENV", "development")
    assert config.load(tmp_path)["SESSION_COOKIE_SECURE"] is False


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_database_urls_use_the_driver_we_ship(monkeypatch, tmp_path, given, used):
    monkeypatch.setenv("DATABASE_URL", given)
    assert config.load(tmp_path)["SQLALCHEMY_DATABASE_URI"] == used


def test_default_database_is_sqlite_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert config.load(tmp_path)["SQLALCHEMY_DATABASE_URI"] == (
        f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    )


def test_every_response_carries_protective_headers(client, app):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_no_inline_script_is_allowed_or_needed(demo_client):
    """Scripts come only from our own files, so injected markup cannot run script."""
    policy = demo_client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    listing = re.search(r'href="(/services/[0-9a-f-]{36})"', demo_client.get("/search?q=walk").text)
    for url in ("/", "/search?q=walk&where=Bracknell", listing.group(1), "/needs/food"):
        html = demo_client.get(url).get_data(as_text=True)
        inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        assert inline == [], (url, inline)


def _policy_for(tile_url: str, tmp_path) -> str:
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}",
            "PORTAL_TILE_URL": tile_url,
        }
    )
    return app.test_client().get("/healthz").headers["Content-Security-Policy"]


def test_a_configured_tile_server_may_serve_map_images(tmp_path):
    policy = _policy_for("https://tiles.example.org/{z}/{x}/{y}.png", tmp_path)
    assert "img-src 'self' data: https://tiles.example.org;" in policy


def test_tile_servers_with_subdomains_are_allowed_by_wildcard(tmp_path):
    policy = _policy_for("https://{s}.tile.example.org/{z}/{x}/{y}.png", tmp_path)
    assert "img-src 'self' data: https://*.tile.example.org;" in policy
