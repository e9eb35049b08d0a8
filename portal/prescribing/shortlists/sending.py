"""Sending a shortlist by e-mail or text: the share link and the activities' names, to an
address or number typed at the time. Neither is stored; logs show them masked. The e-mail's
wording is `templates/emails/shortlist_sent.txt`; a text message is one line, built here."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime

from email_validator import EmailNotValidError, validate_email

from portal.db import utcnow
from portal.extensions import db
from portal.notify import email_text, send_email, send_sms, sms_text
from portal.prescribing.shortlists.models import Shortlist
from portal.prescribing.shortlists.services import Problems, ensure_shared, expiry_text, share_url
from portal.validation import ValidationFailed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipients:
    email: str | None
    mobile: str | None  # +447...


def _mobile(text: str) -> str | None:
    digits = re.sub(r"[\s()-]", "", text)
    if re.fullmatch(r"07\d{9}", digits):
        return "+44" + digits[1:]
    if re.fullmatch(r"\+447\d{9}", digits):
        return digits
    return None


def parse_recipients(email: str, mobile: str) -> Recipients:
    """An e-mail address, a UK mobile number or both, typed at the time: never stored."""
    email, mobile = (email or "").strip(), (mobile or "").strip()
    problems = {}
    checked_email = checked_mobile = None
    if email:
        try:
            checked_email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError:
            problems["email"] = "Enter an email address like name@example.com"
    if mobile:
        checked_mobile = _mobile(mobile)
        if not checked_mobile:
            problems["mobile"] = "Enter a UK mobile number, like 07700 900123"
    if not email and not mobile:
        problems["email"] = "Enter an email address or a mobile number to send the list to"
    if problems:
        raise Problems(problems)
    return Recipients(checked_email, checked_mobile)


def masked(address: str) -> str:
    """Enough to recognise an address in a message or log, not enough to use it."""
    if "@" in address:
        local, _, domain = address.partition("@")
        return f"{local[:1]}•••@{domain}"
    return f"mobile number ending {address[-3:]}"


def _names(shortlist: Shortlist) -> list[str]:
    return [item.service.name for item in shortlist.items if item.service.is_public]


def _email_body(shortlist: Shortlist) -> str:
    return email_text(
        "shortlist_sent.txt",
        names=_names(shortlist),
        share_link=share_url(shortlist),
        expires=expiry_text(shortlist),
    )


def _sms_body(shortlist: Shortlist) -> str:
    return sms_text(
        "shortlist_sent.txt",
        names=_names(shortlist),
        share_link=share_url(shortlist),
        expires=expiry_text(shortlist),
    )


def send_list(
    shortlist: Shortlist, email: str, mobile: str, now: datetime | None = None
) -> list[str]:
    """Send the share link and the activities' names; the masked addresses it went to.

    Problems when an address is not valid; ValidationFailed when sending fails.
    """
    recipients = parse_recipients(email, mobile)
    ensure_shared(shortlist, now)
    sent = []
    try:
        if recipients.email:
            send_email(recipients.email, "Activities suggested for you", _email_body(shortlist))
            sent.append(masked(recipients.email))
        if recipients.mobile:
            send_sms(recipients.mobile, _sms_body(shortlist))
            sent.append(masked(recipients.mobile))
    except Exception as error:  # SMTP down, no text service: say so, never a 500
        log.warning("shortlist %s could not be sent: %s", shortlist.id, type(error).__name__)
        field = "mobile" if recipients.email is None or sent else "email"
        raise ValidationFailed(
            field, "We could not send it just now. Try again later, or print the list"
        ) from error
    log.info("shortlist %s sent to %s", shortlist.id, ", ".join(sent))
    shortlist.handed_over_at = now or utcnow()
    db.session.commit()
    return sent
