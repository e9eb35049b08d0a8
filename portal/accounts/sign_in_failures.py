"""Failed sign-ins: each one recorded (`sign_in_failures`) and counted per address and per client
network (IPv4 /24, IPv6 /64), so five failures hold only that network; the account itself
pauses only after 50 failures from 3 or more networks in an hour, and its owner is e-mailed
once.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from typing import Any, cast

from flask import current_app, has_request_context, request
from sqlalchemy import CursorResult, delete, func, or_, select, update

from portal.accounts.models import (
    SignInFailure,
    User,
    normalise_email,
)
from portal.db import as_utc, utcnow
from portal.extensions import db
from portal.links import absolute_url
from portal.notify import email_text, send_email


def network_of(address: str | None) -> str:
    """The network an address belongs to, as one household or office has it: IPv4 /24, IPv6
    /64 (one customer's usual allocation). "unknown" when there is no usable address."""
    try:
        ip = ipaddress.ip_address((address or "").split("%")[0])
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def client_network(source: str | None) -> str:
    if source is None and has_request_context():
        source = request.remote_addr
    return network_of(source)


def _failures(email: str, since, network: str | None = None):
    query = select(func.count(SignInFailure.id), func.count(SignInFailure.network.distinct()))
    query = query.where(SignInFailure.email == email, SignInFailure.failed_at > since)
    if network is not None:
        query = query.where(SignInFailure.network == network)
    return db.session.execute(query).one()


def source_held(email: str, network: str) -> bool:
    """Whether tries for `email` from `network` are refused for now: too many failed lately."""
    config = current_app.config
    since = utcnow() - timedelta(minutes=config["PORTAL_LOCKOUT_MINUTES"])
    count, _networks = _failures(normalise_email(email), since, network)
    return count >= config["PORTAL_LOCKOUT_AFTER"]


def record_failure(
    email: str, network: str, kind: str = "password", user: User | None = None
) -> None:
    """Count a wrong password or code for `email` from `network`; commits.

    A wrong code comes from someone who knew the password, so when such tries hold a network
    the owner is told (once: held networks' tries are not counted). Old rows go as new come.
    """
    config = current_app.config
    email, now = normalise_email(email), utcnow()
    longest = max(config["PORTAL_LOCKOUT_MINUTES"], config["PORTAL_ACCOUNT_PAUSE_WINDOW_MINUTES"])
    old = now - timedelta(minutes=longest)
    db.session.execute(delete(SignInFailure).where(SignInFailure.failed_at < old))
    db.session.add(SignInFailure(email=email, network=network, kind=kind, failed_at=now))
    db.session.commit()
    if user is None:
        return
    if kind == "code":
        since = now - timedelta(minutes=config["PORTAL_LOCKOUT_MINUTES"])
        count, _networks = _failures(email, since, network)
        if count == config["PORTAL_LOCKOUT_AFTER"]:
            _tell_paused(user, "code")
    _pause_account_if_attacked(user)


def _pause_account_if_attacked(user: User) -> None:
    """Pause the whole account after `PORTAL_ACCOUNT_PAUSE_AFTER` failures from at least
    `PORTAL_ACCOUNT_PAUSE_NETWORKS` networks within the window (since the last pause ended);
    one conditional UPDATE takes the pause, so its owner is e-mailed once per pause."""
    config, now = current_app.config, utcnow()
    since = now - timedelta(minutes=config["PORTAL_ACCOUNT_PAUSE_WINDOW_MINUTES"])
    if user.locked_until is not None:
        since = max(since, as_utc(user.locked_until))
    count, networks = _failures(user.email, since)
    if count < config["PORTAL_ACCOUNT_PAUSE_AFTER"]:
        return
    if networks < config["PORTAL_ACCOUNT_PAUSE_NETWORKS"]:
        return
    until = now + timedelta(minutes=config["PORTAL_LOCKOUT_MINUTES"])
    taken = cast(
        CursorResult[Any],  # what an UPDATE returns; the session types it as any Result
        db.session.execute(
            update(User)
            .where(User.id == user.id, or_(User.locked_until.is_(None), User.locked_until <= now))
            .values(locked_until=until)
            .execution_options(synchronize_session=False)
        ),
    )
    db.session.commit()
    db.session.refresh(user)
    if taken.rowcount == 1:
        _tell_paused(user, "account")


def clear_failures(email: str, network: str) -> None:
    """A full sign-in from `network`: its count for this address starts again (flushes)."""
    db.session.execute(
        delete(SignInFailure).where(
            SignInFailure.email == normalise_email(email), SignInFailure.network == network
        )
    )


def _tell_paused(user: User, why: str) -> None:
    config = current_app.config
    send_email(
        user.email,
        "Sign-in to your account is paused",
        email_text(
            "sign_in_paused.txt",
            name=user.name,
            why=why,
            attempts=config["PORTAL_LOCKOUT_AFTER"],
            minutes=config["PORTAL_LOCKOUT_MINUTES"],
            reset_link=absolute_url("accounts.forgotten_password"),
        ),
    )
