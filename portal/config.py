"""Settings from environment variables, with safe defaults for the embedded (one-machine) mode.

Every setting can be overridden by an environment variable of the same name; `create_app(config)`
overrides win over both. In production (`PORTAL_ENV=production`) the app refuses to start
without a real `SECRET_KEY`.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The environment does not describe a runnable portal."""


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{instance_path / 'portal.sqlite3'}"
    # Heroku-style URLs name the old driver; we ship psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


SECRET_KEY_FILE = "secret_key"


def instance_secret_key(instance_path: Path) -> str:
    """The key this installation signs sessions and forms with when none is configured.

    Made once and kept in the instance folder (never committed), so every worker and every
    restart signs with the same key: a key made per process refused sign-ins and forms
    whenever a request reached another gunicorn worker. Workers starting together agree: the
    key is written to a file of its own, then linked into place, and whoever loses the race
    reads the winner's key.
    """
    target = instance_path / SECRET_KEY_FILE
    for _attempt in range(50):
        try:
            key = target.read_text().strip()
        except FileNotFoundError:
            key = ""
        if key:
            return key
        draft = instance_path / f".{SECRET_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        try:
            os.link(draft, target)
        except FileExistsError:
            pass  # another worker was first: read its key
        finally:
            draft.unlink()
    raise ConfigError(f"Could not read or create the secret key in {target}.")


def load(instance_path: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the Flask config mapping for an app whose instance folder is `instance_path`."""
    env = os.environ.get("PORTAL_ENV", "development")
    secret = os.environ.get("SECRET_KEY", "")
    settings: dict[str, Any] = {
        "PORTAL_ENV": env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "PORTAL_SITE_NAME": os.environ.get("PORTAL_SITE_NAME", "Help Yourself Bracknell Forest"),
        "PORTAL_AREA_NAME": os.environ.get("PORTAL_AREA_NAME", "Bracknell Forest"),
        "PORTAL_DEMO": _flag("PORTAL_DEMO"),
        "PORTAL_SEARCH_DIR": os.environ.get("PORTAL_SEARCH_DIR", str(instance_path / "search")),
        # "whoosh" (an index in files) or "postgresql" (full text in the database); empty:
        # PostgreSQL databases search in PostgreSQL, others use the embedded Whoosh index.
        "PORTAL_SEARCH_BACKEND": os.environ.get("PORTAL_SEARCH_BACKEND", ""),
        # Empty means "no remote tiles": maps draw markers and place names from our own data.
        "PORTAL_TILE_URL": os.environ.get("PORTAL_TILE_URL", ""),
        "PORTAL_TILE_ATTRIBUTION": os.environ.get(
            "PORTAL_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors"
        ),
        # Optional online geocoder for places the gazetteer lacks: "" (off) or "nominatim".
        "PORTAL_GEOCODER": os.environ.get("PORTAL_GEOCODER", ""),
        "PORTAL_GEOCODER_USER_AGENT": os.environ.get(
            "PORTAL_GEOCODER_USER_AGENT", "community-portal-gazetteer"
        ),
        "PORTAL_STALE_AFTER_DAYS": int(os.environ.get("PORTAL_STALE_AFTER_DAYS", "365")),
        "PORTAL_PAGE_SIZE": int(os.environ.get("PORTAL_PAGE_SIZE", "20")),
        # Home-page counts are costly on a large directory; they may lag by this much.
        "PORTAL_COUNTS_CACHE_SECONDS": int(os.environ.get("PORTAL_COUNTS_CACHE_SECONDS", "60")),
        # Off in the tests: SQL while a template renders is an error (portal/page_queries.py).
        "PORTAL_TEMPLATES_MAY_QUERY": _flag("PORTAL_TEMPLATES_MAY_QUERY", True),
        # Links in e-mails start with this, never with the Host header a request claims.
        "PORTAL_BASE_URL": os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:5000"),
        # E-mail: "outbox" writes files to PORTAL_OUTBOX_DIR; "smtp" sends them.
        "PORTAL_MAIL": os.environ.get("PORTAL_MAIL", "outbox"),
        "PORTAL_MAIL_FROM": os.environ.get(
            "PORTAL_MAIL_FROM", "Help Yourself <no-reply@portal.invalid>"
        ),
        "PORTAL_OUTBOX_DIR": os.environ.get("PORTAL_OUTBOX_DIR", str(instance_path / "outbox")),
        # Printed posters, kept until what is on them changes (they take a second or more).
        "PORTAL_POSTER_DIR": os.environ.get("PORTAL_POSTER_DIR", str(instance_path / "posters")),
        "PORTAL_SMTP_HOST": os.environ.get("PORTAL_SMTP_HOST", "localhost"),
        "PORTAL_SMTP_PORT": int(os.environ.get("PORTAL_SMTP_PORT", "587")),
        "PORTAL_SMTP_USERNAME": os.environ.get("PORTAL_SMTP_USERNAME", ""),
        "PORTAL_SMTP_PASSWORD": os.environ.get("PORTAL_SMTP_PASSWORD", ""),
        "PORTAL_SMTP_STARTTLS": _flag("PORTAL_SMTP_STARTTLS", True),
        # Freshness: reminders this many months after a listing was last checked, hidden after.
        "PORTAL_REMINDER_MONTHS": os.environ.get("PORTAL_REMINDER_MONTHS", "6,11"),
        "PORTAL_HIDE_AFTER_MONTHS": int(os.environ.get("PORTAL_HIDE_AFTER_MONTHS", "12")),
        # Sign-in: after this many wrong passwords in a row an account pauses for a while.
        "PORTAL_LOCKOUT_AFTER": int(os.environ.get("PORTAL_LOCKOUT_AFTER", "5")),
        "PORTAL_LOCKOUT_MINUTES": int(os.environ.get("PORTAL_LOCKOUT_MINUTES", "15")),
        # Accounts (issue 12): the pause above holds one address from one network (IPv4 /24,
        # IPv6 /64); the account itself pauses only after this many failures from at least
        # this many networks within this many minutes (its owner is e-mailed). Request bodies
        # over MAX_CONTENT_LENGTH bytes are refused (413): every form fits in a few kilobytes.
        "PORTAL_ACCOUNT_PAUSE_AFTER": int(os.environ.get("PORTAL_ACCOUNT_PAUSE_AFTER", "50")),
        "PORTAL_ACCOUNT_PAUSE_NETWORKS": int(os.environ.get("PORTAL_ACCOUNT_PAUSE_NETWORKS", "3")),
        "PORTAL_ACCOUNT_PAUSE_WINDOW_MINUTES": int(
            os.environ.get("PORTAL_ACCOUNT_PAUSE_WINDOW_MINUTES", "60")
        ),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", str(512 * 1024))),
        # Social prescribing: how long a share link lasts, when a referral nobody has acted on
        # is chased (working days), when closed referrals are anonymised (months), and the
        # notify channel for text messages ("outbox" writes files beside the e-mails).
        "PORTAL_SHARE_DAYS": int(os.environ.get("PORTAL_SHARE_DAYS", "90")),
        "PORTAL_REFERRAL_REMINDER_DAYS": int(os.environ.get("PORTAL_REFERRAL_REMINDER_DAYS", "5")),
        "PORTAL_REFERRAL_RETENTION_MONTHS": int(
            os.environ.get("PORTAL_REFERRAL_RETENTION_MONTHS", "12")
        ),
        "PORTAL_SMS": os.environ.get("PORTAL_SMS", "outbox"),
        # Background jobs (`flask jobs run`): periods other than the defaults, as
        # "oruk-pull=10m,search-upkeep=2h" (see docs/jobs.md).
        "PORTAL_JOB_PERIODS": os.environ.get("PORTAL_JOB_PERIODS", ""),
        # Commissioners' reports show counts below this as "fewer than 5" (0: show everything).
        "PORTAL_REPORT_SUPPRESS_UNDER": int(os.environ.get("PORTAL_REPORT_SUPPRESS_UNDER", "5")),
        # Unmet-need insights: raw searches (search_log) older than this many days are deleted
        # once the roll-up job has counted them; the daily roll-ups stay (portal.insights).
        "PORTAL_SEARCH_LOG_KEEP_DAYS": int(os.environ.get("PORTAL_SEARCH_LOG_KEEP_DAYS", "90")),
        # Coverage gaps: a listing within this many km of an area's centre is within reach.
        "PORTAL_INSIGHT_REACH_KM": float(os.environ.get("PORTAL_INSIGHT_REACH_KM", "3")),
        # Rate limits are counted where every worker and machine sees them: Redis when
        # REDIS_URL is set, else the portal's own database (portal.ratelimits). A prefix keeps
        # two portals apart in one Redis.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI")
        or os.environ.get("REDIS_URL")
        or "portal-database://",
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", ""),
        # How many reverse proxies (nginx, a load balancer) stand in front and set
        # X-Forwarded-For/-Proto/-Host: the client address and scheme are taken from them.
        # 0 (the default) trusts no such header: a client could send any it liked.
        "PORTAL_PROXY_HOPS": int(os.environ.get("PORTAL_PROXY_HOPS", "0")),
        "RATELIMIT_HEADERS_ENABLED": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Secure everywhere but on a developer's own machine (plain http://127.0.0.1).
        "SESSION_COOKIE_SECURE": env != "development",
        "REMEMBER_COOKIE_SECURE": env != "development",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
    }
    settings.update(overrides or {})
    if not settings["SECRET_KEY"] and env != "production":
        settings["SECRET_KEY"] = instance_secret_key(instance_path)
    if (
        settings["PORTAL_ENV"] == "production"
        and not secret
        and "SECRET_KEY" not in (overrides or {})
    ):
        raise ConfigError("SECRET_KEY must be set when PORTAL_ENV=production.")
    if (
        settings["PORTAL_ENV"] == "production"
        and "PORTAL_BASE_URL" not in os.environ
        and "PORTAL_BASE_URL" not in (overrides or {})
    ):
        raise ConfigError(
            "PORTAL_BASE_URL must be set when PORTAL_ENV=production "
            "(the portal's public address, used in links in e-mails)."
        )
    _refuse_unshared_rate_limits(settings)
    return settings


def _refuse_unshared_rate_limits(settings: dict[str, Any]) -> None:
    """In production every limit must hold whatever the number of workers and machines."""
    uri = str(settings.get("RATELIMIT_STORAGE_URI") or "")
    if settings["PORTAL_ENV"] == "production" and uri.startswith("memory://"):
        raise ConfigError(
            "RATELIMIT_STORAGE_URI=memory:// counts rate limits inside each worker process, so "
            "every extra worker or machine would multiply each limit. In production, leave "
            "RATELIMIT_STORAGE_URI unset (limits are then counted in the database) or set "
            "REDIS_URL."
        )
